"""A claimed change of hands that later fighting at the place contradicts is weakened."""

from __future__ import annotations

import pandas as pd

from geo.control_claims import claims_from_events, corroborate
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


def _record(i, action, a1, a2, where, quote, *, day, article, lon=36.0):
    return {
        "event_id": i,
        "event_date": day,
        "action": action,
        "actor1": a1,
        "actor2": a2,
        "location": where,
        "latitude": 49.0,
        "longitude": lon,
        "place_id": f"p:{where}",
        "verification": "claimed",
        "quote": quote,
        "article_id": article,
        "geo_precision": 1,
        "confidence": 0.8,
    }


def _claims(rows):
    return {
        c.event_id: c
        for c in corroborate(
            claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
        )
    }


def test_a_claimed_capture_followed_by_attacks_on_the_place_is_weakened():
    taken = _record(
        "took",
        "capture",
        RU,
        UA,
        "Ashford",
        "Russian sources claimed Ashford.",
        day="2022-05-01",
        article="a1",
    )
    # Control: the same claim with nothing after it, about another place far away.
    alone = _record(
        "alone",
        "capture",
        RU,
        UA,
        "Oakbury",
        "Russian sources claimed Oakbury.",
        day="2022-05-01",
        article="a1",
        lon=30.0,
    )
    attacked = _record(
        "attack",
        "clash",
        RU,
        UA,
        "Ashford",
        "Russian forces attacked Ashford again.",
        day="2022-05-12",
        article="a2",
    )
    claims = _claims([taken, alone, attacked])
    assert claims["took"].strength < 0.5 * claims["alone"].strength


def test_a_capture_that_its_taker_holds_later_stands():
    taken = _record(
        "took",
        "capture",
        RU,
        UA,
        "Ashford",
        "Russian sources claimed Ashford.",
        day="2022-05-01",
        article="a1",
    )
    alone = _record(
        "alone",
        "capture",
        RU,
        UA,
        "Oakbury",
        "Russian sources claimed Oakbury.",
        day="2022-05-01",
        article="a1",
        lon=30.0,
    )
    # Later fighting with the taker on the defence: it holds the place.
    held = _record(
        "held",
        "clash",
        UA,
        RU,
        "Ashford",
        "Ukrainian forces attacked Ashford.",
        day="2022-05-12",
        article="a2",
    )
    claims = _claims([taken, alone, held])
    assert claims["took"].strength == claims["alone"].strength
