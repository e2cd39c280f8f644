"""How a sentence names a place: near a list, a sector, part of a longer name."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.control_claims import claims_from_events
from geo.control_wording import FROM, NEAR, SECTOR, governing_cue, place_role
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


@pytest.mark.parametrize(
    ("name", "quote", "expected"),
    [
        ("Elmstead", "Troops repelled assaults near Oakbury and Elmstead.", NEAR),
        ("Elmstead", "Troops repelled assaults near Oakbury (5 km east of Ashford), "
                     "Greyford, and Elmstead on May 3.", NEAR),
        ("Elmstead", "Troops repelled assaults within 25km southwest of Ashford near "
                     "Oakbury and Elmstead.", NEAR),
        ("Elmstead", "Troops fought in the vicinity of Elmstead.", NEAR),
        ("Elmstead", "Troops repelled assaults on Elmstead near Oakbury.", ""),
        ("Elmstead", "Troops repelled assaults on Oakbury and Elmstead.", ""),
        ("Elmstead", "Troops repelled assaults near Oakbury and attacked Elmstead.", ""),
        ("Elmstead", "Troops repelled assaults near Oakbury.", ""),
    ],
)
def test_governing_cue_reads_near_through_a_list_of_names(name, quote, expected):
    assert governing_cue(name, quote) == expected


def test_a_name_inside_a_longer_name_is_not_the_place():
    # "Elmstead" is also the end of "Novoelmstead": the whole word is the one meant.
    quote = "Assaults in the direction of Ashford-Elmstead and Greyford-Novoelmstead."
    assert place_role("Elmstead", quote) == SECTOR
    assert place_role("Oakbury", "Troops attacked Elmstead from Oakbury.") == FROM


def test_a_district_of_a_city_is_a_sector_not_the_settlement():
    quote = "Missiles struck the Oakbury district of Ashford City."
    assert place_role("Oakbury", quote) == SECTOR
    assert place_role("Ashford", quote) == ""


def _record(i, action, a1, a2, where, quote, *, lon):
    return {
        "event_id": i, "event_date": "2022-03-01", "action": action, "actor1": a1,
        "actor2": a2, "location": where, "latitude": 49.0, "longitude": lon,
        "place_id": f"p:{where}", "verification": "reported", "quote": quote,
        # one report: a sentence found in many articles would be boilerplate
        "article_id": "art-1", "geo_precision": 1, "confidence": 0.8,
    }


def test_a_holding_named_in_a_list_after_near_gives_no_claim():
    quote = "Ukrainian troops repelled assaults on Ashford and near Oakbury and Elmstead."
    events = events_from_frame(pd.DataFrame([
        _record("a", "hold", UA, RU, "Ashford", quote, lon=36.0),
        _record("b", "hold", UA, RU, "Oakbury", quote, lon=36.2),
        _record("c", "hold", UA, RU, "Elmstead", quote, lon=36.4),
        _record("d", "capture", RU, UA, "Greyford", "Russian troops took Greyford.", lon=36.6),
    ]))
    claims = claims_from_events(events, sides=("RU", "UA"))
    assert sorted(c.name for c in claims) == ["Ashford", "Greyford"]
