"""How a sentence names a place: near a list, a sector, part of a longer name."""

from __future__ import annotations

import pandas as pd
import pytest
from control_rows import events_of

from geo.control_claims import claims_from_events, discount_isolated
from geo.control_wording import (
    FROM,
    HEADING,
    LEFT,
    NEAR,
    SECTOR,
    TOWARD,
    counterattackers,
    governing_cue,
    place_role,
    stated_holder,
)
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


@pytest.mark.parametrize(
    ("name", "quote", "expected"),
    [
        ("Elmstead", "Troops repelled assaults near Oakbury and Elmstead.", NEAR),
        (
            "Elmstead",
            "Troops repelled assaults near Oakbury (5 km east of Ashford), "
            "Greyford, and Elmstead on May 3.",
            NEAR,
        ),
        (
            "Elmstead",
            "Troops repelled assaults within 25km southwest of Ashford near Oakbury and Elmstead.",
            NEAR,
        ),
        ("Elmstead", "Troops fought in the vicinity of Elmstead.", NEAR),
        ("Elmstead", "Troops repelled assaults on Elmstead near Oakbury.", ""),
        ("Elmstead", "Troops repelled assaults on Oakbury and Elmstead.", ""),
        ("Elmstead", "Troops repelled assaults near Oakbury and attacked Elmstead.", ""),
        ("Elmstead", "Troops repelled assaults near Oakbury.", ""),
    ],
)
def test_governing_cue_reads_near_through_a_list_of_names(name, quote, expected):
    assert governing_cue(name, quote) == expected


def test_a_name_that_first_places_another_is_judged_where_it_is_reported_on():
    quote = (
        "Troops shelled Oakbury (30km west of Elmstead) and repelled assaults near "
        "Greyford (10km north of Ashford) and Elmstead."
    )
    # Elmstead itself is named in the list after "near"; its first mention places Oakbury
    assert governing_cue("Elmstead", quote, exact=True) == NEAR
    # a report only near Elmstead is the point the offset gives: that mention is judged
    assert governing_cue("Elmstead", quote) == ""
    attacked = "Troops shelled Oakbury (30km west of Elmstead) and attacked Elmstead."
    assert governing_cue("Elmstead", attacked, exact=True) == ""
    assert place_role("Elmstead", "Troops attacked Oakbury from Elmstead.", exact=True) == FROM


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
        "event_id": i,
        "event_date": "2022-03-01",
        "action": action,
        "actor1": a1,
        "actor2": a2,
        "location": where,
        "latitude": 49.0,
        "longitude": lon,
        "place_id": f"p:{where}",
        "verification": "reported",
        "quote": quote,
        # one report: a sentence found in many articles would be boilerplate
        "article_id": "art-1",
        "geo_precision": 1,
        "confidence": 0.8,
    }


def _claims(*records):
    """The claims of the given ``_record`` rows, between Russia and Ukraine."""
    return claims_from_events(events_from_frame(pd.DataFrame(records)), sides=("RU", "UA"))


def test_a_holding_named_in_a_list_after_near_gives_no_claim():
    quote = "Ukrainian troops repelled assaults on Ashford and near Oakbury and Elmstead."
    claims = _claims(
        _record("a", "hold", UA, RU, "Ashford", quote, lon=36.0),
        _record("b", "hold", UA, RU, "Oakbury", quote, lon=36.2),
        _record("c", "hold", UA, RU, "Elmstead", quote, lon=36.4),
        _record("d", "capture", RU, UA, "Greyford", "Russian troops took Greyford.", lon=36.6),
    )
    assert sorted(c.name for c in claims) == ["Ashford", "Greyford"]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Partisans attacked an official in Russian-occupied Oakbury.", "Russian"),
        ("Shelling hit the Ukrainian-held town of Oakbury.", "Ukrainian"),
        (
            "Shelling hit Oakbury (within Russian-controlled territory, 20km south of Elm).",
            "Russian",
        ),
        ("Shelling hit Oakbury in Russian-occupied Ashford Oblast.", ""),
        ("Russian forces shelled Oakbury.", ""),
    ],
)
def test_stated_holder_reads_who_holds_a_place_outright(quote, expected):
    assert stated_holder("Oakbury", quote) == expected


def test_a_place_said_to_be_occupied_is_held_whatever_the_event():
    quote = "An explosion killed prisoners in Russian-occupied Oakbury on May 3."
    # Many Ukrainian holdings around Oakbury would make a plain claim look isolated.
    rows = [
        _record(
            f"u{k}",
            "hold",
            UA,
            RU,
            f"Town{k}",
            f"Ukrainian troops hold Town{k}.",
            lon=36.0 + 0.1 * k,
        )
        for k in range(1, 6)
    ]
    rows.append(_record("o", "strike", UA, RU, "Oakbury", quote, lon=36.05))
    rows.append(
        _record("s", "strike", UA, RU, "Elmstead", "Ukrainian forces shelled Elmstead.", lon=36.25)
    )
    raw = claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
    before = {c.event_id: c for c in raw}
    claims = {c.event_id: c for c in discount_isolated(raw, balance=False)}
    assert claims["o"].side == "RU" and claims["o"].stated and not claims["o"].inferred
    assert claims["o"].action == "hold"
    # Said outright, it is not discounted; a plain implied claim there is.
    assert claims["o"].strength == before["o"].strength
    assert claims["s"].strength < before["s"].strength


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Russian forces counterattacked in Oakbury on May 3.", None),
        ("Russian troops continued limited counter-attacks in Oakbury.", None),
        ("Russian forces attacked Oakbury on May 3.", "UA"),
        # the counterattack is the other side's: the actor's attack still says who held it
        ("Russian forces repelled Ukrainian counterattacks and attacked Oakbury.", "UA"),
    ],
)
def test_an_actors_counterattack_says_nothing_of_who_held_the_place(quote, expected):
    rows = [_record("c", "clash", RU, "", "Oakbury", quote, lon=36.0)]
    claims = claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
    assert [c.side for c in claims] == ([] if expected is None else [expected])
    if expected is not None:
        assert claims[0].inferred


def test_counterattackers_lists_the_words_before_the_first_counterattack():
    quote = "Near Oakbury, Southland units counterattacked after Northland counterattacks."
    assert counterattackers(quote) == ("Southland", "Oakbury", "Near")
    assert counterattackers("Northland troops attacked Oakbury.") == ()


@pytest.mark.parametrize(
    ("quote", "sectors", "places"),
    [
        (
            "Troops continued offensive operations in the Oakbury and Ashford City areas.",
            ["Oakbury", "Ashford"],
            [],
        ),
        (
            "Shelling went on in the Oakbury, Elmstead, and Ashford directions.",
            ["Oakbury", "Elmstead", "Ashford"],
            [],
        ),
        ("Troops shelled Oakbury and surrounding areas.", [], ["Oakbury"]),
        # a verb or an adjective after "and" names no sector
        ("Troops attacked Elmstead and Oakbury and shelled areas near it.", [], ["Oakbury"]),
        ("Troops struck Oakbury and secure rear areas.", [], ["Oakbury"]),
        ("Troops attacked near Oakbury and Ashford City.", [], ["Oakbury", "Ashford"]),
    ],
)
def test_every_name_of_a_list_of_sectors_is_a_sector(quote, sectors, places):
    assert [place_role(n, quote) for n in sectors] == [SECTOR] * len(sectors)
    assert [place_role(n, quote) for n in places] == [""] * len(places)


def test_a_withdrawal_to_a_place_says_nothing_of_who_left_it():
    ru, ua = RU, UA
    rows = [
        (
            "a",
            "2022-10-01",
            "withdraw",
            ru,
            ua,
            "Oakbury",
            36.0,
            49.0,
            "reported",
            "Russian forces withdrew to Oakbury after the battle.",
        ),
        (
            "b",
            "2022-10-01",
            "withdraw",
            ua,
            ru,
            "Elmstead",
            36.5,
            49.0,
            "reported",
            "Ukrainian troops are retreating further into Elmstead itself.",
        ),
        (
            "c",
            "2022-10-01",
            "withdraw",
            ru,
            ua,
            "Ashford",
            37.0,
            49.0,
            "reported",
            "Russian forces withdrew from Ashford after the battle.",
        ),
        (
            "d",
            "2022-10-01",
            "hold",
            ua,
            ru,
            "Greyford",
            37.5,
            49.0,
            "reported",
            "Ukrainian forces repelled assaults towards Greyford.",
        ),
    ]
    claims = {c.name: c.side for c in claims_from_events(events_of(rows), inferred=False)}
    assert place_role("Oakbury", rows[0][9]) == TOWARD
    assert claims == {"Ashford": "UA", "Greyford": "UA"}


def test_an_attack_near_a_place_says_less_of_its_holder_than_one_on_it():
    from geo.control_claims import NEAR_CLASH_WEIGHT

    rows = [
        (
            "a",
            "2022-10-01",
            "clash",
            RU,
            UA,
            "Oakbury",
            36.0,
            49.0,
            "reported",
            "Russian forces attacked Oakbury.",
        ),
        (
            "b",
            "2022-10-01",
            "clash",
            RU,
            UA,
            "Elmstead",
            36.5,
            49.0,
            "reported",
            "Russian forces attacked near Elmstead.",
        ),
    ]
    claims = {c.name: c for c in claims_from_events(events_of(rows), sides=("RU", "UA"))}
    assert claims["Oakbury"].side == claims["Elmstead"].side == "UA"
    assert claims["Elmstead"].strength == pytest.approx(
        claims["Oakbury"].strength * NEAR_CLASH_WEIGHT, rel=1e-3
    )


def test_pulling_out_of_a_list_of_areas_leaves_each_of_them():
    quote = "The ministry said it was pulling its forces out of the Oakbury and Elmstead areas."
    assert place_role("Oakbury", quote) == LEFT
    assert place_role("Elmstead", quote) == LEFT
    rows = [
        ("a", "2022-09-10", "withdraw", RU, UA, "Oakbury", 36.0, 49.0, "reported", quote),
        ("b", "2022-09-10", "withdraw", RU, UA, "Elmstead", 36.5, 49.0, "reported", quote),
    ]
    claims = {c.name: c.side for c in claims_from_events(events_of(rows), sides=("RU", "UA"))}
    assert claims == {"Oakbury": "UA", "Elmstead": "UA"}


def test_a_place_named_as_an_end_of_the_ground_between_two_gives_no_claim():
    quote = "Russian forces kept the road between Ashford and Oakbury and shelled Elmstead."
    claims = _claims(
        _record("a", "hold", RU, UA, "Ashford", quote, lon=36.0),
        _record("b", "hold", RU, UA, "Oakbury", quote, lon=36.2),
        _record("c", "strike", RU, "", "Elmstead", quote, lon=36.4),
    )
    assert [c.name for c in claims] == ["Elmstead"]
    assert place_role("Oakbury", quote, exact=True) == SECTOR
    # a report only near Oakbury already stands where the sentence puts it
    assert place_role("Oakbury", quote) == ""


@pytest.mark.parametrize(
    ("quote", "role"),
    [
        ("Russian troops withdrew from Oakbury.", LEFT),
        ("Ukrainian forces pushed Russian troops out of Oakbury.", LEFT),
        ("Tired troops from the Oakbury withdrawal reinforced other units.", LEFT),
        ("Russian troops attacked toward Elmstead from Oakbury but retreated.", FROM),
    ],
)
def test_from_a_place_is_what_a_side_left_or_where_it_started(quote, role):
    assert place_role("Oakbury", quote, exact=True) == role


def test_a_withdrawal_after_an_attack_from_a_place_leaves_the_place_to_the_attacker():
    quote = "Russian troops attacked toward Elmstead from Oakbury but retreated after losses."
    left = "Russian troops withdrew from Ashford after losses."
    claims = _claims(
        _record("a", "withdraw", RU, UA, "Oakbury", quote, lon=36.0),
        _record("b", "withdraw", RU, UA, "Ashford", left, lon=37.0),
    )
    sides = {c.name: c.side for c in claims}
    assert sides == {"Oakbury": "RU", "Ashford": "UA"}


def test_a_strike_in_the_direction_of_a_place_says_nothing_of_who_holds_it():
    heading = "Russian forces struck a Ukrainian concentration in the direction of Oakbury."
    assault = "Russian forces attacked in the direction of Elmstead and were repelled."
    assert place_role("Oakbury", heading) == HEADING
    claims = _claims(
        _record("a", "strike", RU, "", "Oakbury", heading, lon=36.0),
        _record("b", "strike", RU, "", "Ashford", "Russian forces struck Ashford.", lon=36.5),
        _record("c", "clash", RU, "", "Elmstead", assault, lon=37.0),
    )
    # The axis is no target; a failed assault's objective is the defender's.
    assert {c.name: c.side for c in claims} == {"Ashford": "UA", "Elmstead": "UA"}


def test_defending_in_the_direction_of_a_place_names_a_sector_not_a_holding():
    # "defending in the direction of X": the defender faces X, the sector is named after it
    facing = (
        "The General Staff reported that Russian forces are defending in the direction of Oakbury."
    )
    beyond = (
        "Russian forces are defending their positions northwest of Elmstead in the direction "
        "of Ashford."
    )
    repelled = (
        "Russian forces defended their positions against Ukrainian assaults in the direction "
        "of Westby."
    )
    assert place_role("Oakbury", facing, exact=True) == SECTOR
    assert place_role("Ashford", beyond, exact=True) == SECTOR
    assert place_role("Westby", repelled, exact=True) == HEADING
    claims = _claims(
        _record("a", "hold", RU, UA, "Oakbury", facing, lon=36.0),
        _record("b", "hold", RU, UA, "Ashford", beyond, lon=36.5),
        _record("c", "hold", RU, UA, "Westby", repelled, lon=37.0),
    )
    # Only the assaults' objective is the defender's.
    assert {c.name: c.side for c in claims} == {"Westby": "RU"}
