"""Claims weighed against the places around them in the same weeks, not the whole corpus."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from geo.control_claims import claims_from_events, discount_isolated
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


def _claims(rows):
    frame = pd.DataFrame(
        [
            {
                "event_id": i,
                "event_date": d,
                "action": a,
                "actor1": a1,
                "actor2": a2,
                "location": w,
                "latitude": lat,
                "longitude": lon,
                "place_id": f"p:{w}",
                "verification": "reported",
                "quote": f"Report {i} on {w}.",
                "article_id": f"art-{i}",
                "geo_precision": 1,
                "confidence": 0.8,
            }
            for i, d, a, a1, a2, w, lon, lat in rows
        ]
    )
    return claims_from_events(events_from_frame(frame), sides=("RU", "UA"))


def test_a_claim_is_weighed_against_its_neighbours_of_the_same_weeks():
    # Villages reported held by one side in March, by the other in October (the ground
    # changed hands); a March report of the first side in a village among them agrees
    # with its neighbours of March, whatever October says.
    rows = [
        (f"m{k}", "2022-03-01", "hold", UA, RU, f"V{k}", 30.0 + 0.1 * k, 50.0) for k in range(3)
    ]
    rows += [
        (f"o{k}", "2022-10-01", "hold", RU, UA, f"W{k}", 30.0 + 0.1 * k, 50.1) for k in range(8)
    ]
    rows.append(("x", "2022-03-03", "hold", UA, RU, "Mid", 30.15, 50.05))
    claims = _claims(rows)
    whole = {c.event_id: c.strength for c in discount_isolated(claims, balance=False)}
    weeks = {
        c.event_id: c.strength for c in discount_isolated(claims, balance=False, window_days=60)
    }
    before = {c.event_id: c.strength for c in claims}
    assert whole["x"] < before["x"] / 5
    assert weeks["x"] == before["x"]
    # A March report of the other side among March's villages is still odd.
    odd = _claims([*rows, ("y", "2022-03-02", "capture", RU, UA, "Odd", 30.05, 50.0)])
    weeks = {c.event_id: c.strength for c in discount_isolated(odd, balance=False, window_days=60)}
    assert weeks["y"] < {c.event_id: c.strength for c in odd}["y"] / 5


def test_two_places_of_either_side_are_a_front_not_a_namesake():
    claims = _claims(
        [
            ("a", "2022-03-01", "liberate", UA, RU, "West", 37.0, 49.0),
            ("b", "2022-03-01", "capture", RU, UA, "East", 37.9, 49.0),
        ]
    )
    assert discount_isolated(claims) == claims
    assert discount_isolated(claims, min_places=1) != claims


def test_a_place_and_a_report_near_it_are_one_place_around_a_claim():
    # The other side's one town, reported on and near it (a report "near" a town sits on
    # its point under a key of its own): still one place, so the claim facing it is on
    # a front, not an odd one out.
    claims = _claims(
        [
            ("a", "2022-03-01", "liberate", UA, RU, "West", 37.0, 49.0),
            ("b", "2022-03-01", "capture", RU, UA, "East", 37.9, 49.0),
        ]
    )
    east = next(c for c in claims if c.name == "East")
    near_east = replace(east, key="near:East|49.000|37.900", place_id="", event_id="b2")
    assert discount_isolated([*claims, near_east])[0] == claims[0]
