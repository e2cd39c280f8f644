"""Claim rules read from how reports word things, and stale holdings after an offensive."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import shapely

from geo.control import ControlMap
from geo.control_areas import FRESH_EVIDENCE, Sites, stale_holds
from geo.control_baseline import Baseline
from geo.control_claims import claims_from_events, discount_isolated, named_in
from geo.control_model import PlaceModel
from geo.export import events_from_frame
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
BOX = shapely.box(30, 45, 40, 52)


def _record(i, action, a1, a2, where, quote, *, precision=1, day="2022-03-01", lon=36.0, lat=49.0):
    return {
        "event_id": i,
        "event_date": day,
        "action": action,
        "actor1": a1,
        "actor2": a2,
        "location": where,
        "latitude": lat,
        "longitude": lon,
        "place_id": f"p:{where}",
        "verification": "reported",
        "quote": quote,
        "article_id": f"art-{i}",
        "geo_precision": precision,
        "confidence": 0.8,
    }


def test_a_repelled_assault_near_a_place_says_nothing_of_who_holds_it():
    events = events_from_frame(
        pd.DataFrame(
            [
                _record(
                    "near",
                    "hold",
                    UA,
                    RU,
                    "Marshfield",
                    "Ukrainian troops repelled assaults near Marshfield.",
                    precision=2,
                ),
                _record(
                    "on",
                    "hold",
                    UA,
                    RU,
                    "Oakbury",
                    "Ukrainian troops repelled assaults on Oakbury.",
                    lon=36.3,
                ),
            ]
        )
    )
    claims = claims_from_events(events, sides=("RU", "UA"))
    assert [c.name for c in claims] == ["Oakbury"]


def test_a_change_of_hands_whose_sentence_names_another_place_is_weak():
    events = events_from_frame(
        pd.DataFrame(
            [
                _record(
                    "own",
                    "liberate",
                    UA,
                    RU,
                    "Greyford",
                    "Ukrainian troops retook Greyford on March 1.",
                ),
                # the extractor placed this on Greyford, but the sentence speaks of another town
                _record(
                    "other",
                    "liberate",
                    UA,
                    RU,
                    "Greyford",
                    "Ukrainian troops retook Vilshanopil on March 1.",
                    lon=36.3,
                ),
            ]
        )
    )
    by_id = {c.event_id: c for c in claims_from_events(events, sides=("RU", "UA"))}
    assert by_id["other"].strength < 0.5 * by_id["own"].strength


def test_a_place_is_named_in_a_sentence_despite_a_spelling_variant():
    assert named_in("Novoselivka", "Shelling hit Novoselyvka and its outskirts.")
    assert not named_in("Novoselivka", "Shelling hit Berestove and its outskirts.")
    assert named_in("Novoselivka", None)


def test_last_reports_give_each_sides_newest_report_and_the_last_change():
    rows = [
        _record("r1", "hold", RU, UA, "P", "Russian forces hold P.", day="2022-03-01"),
        _record("u1", "liberate", UA, RU, "P", "Ukrainian forces took back P.", day="2022-03-10"),
        _record("u2", "liberate", UA, RU, "P", "Ukrainian forces took back P.", day="2022-03-11"),
    ]
    claims = claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
    model = PlaceModel(1, [(0, c) for c in claims], ("RU", "UA"))
    newest, changed = model.last_reports(day_number("2022-03-20"))
    assert newest[0].tolist() == [day_number("2022-03-01"), day_number("2022-03-11")]
    assert changed[0] == model.transitions[0][-1][0] > day_number("2022-03-01")
    newest, changed = model.last_reports(day_number("2022-03-05"))
    assert newest[0, 1] == -1 and changed[0] == day_number("2022-03-01")


def test_a_holding_reported_before_the_places_around_changed_hands_is_stale():
    xy = np.array([(36.0, 49.0), (36.1, 49.0), (36.0, 49.1), (38.0, 49.0)])
    sites = Sites.build(xy, BOX)
    side = np.array(["RU", "UA", "UA", "RU"], dtype=object)
    seed = np.array(["RU", "RU", "UA", "RU"], dtype=object)
    reported = np.array([True, True, True, True])
    newest = np.array([[10, -1], [-1, 20], [-1, 5], [12, -1]])
    changed = np.array([-1, 20, -1, -1])
    stale = stale_holds(sites, side, seed, reported, newest, changed, ("RU", "UA"), max_km=30)
    # site 0 kept its side on day 10, and its neighbour changed hands on day 20; site 3
    # is far from any change; sites 1 and 2 hold what their reports say
    assert stale.tolist() == [True, False, False, False]
    newest[0, 0] = 25  # a report after the change keeps the holding fresh
    stale = stale_holds(sites, side, seed, reported, newest, changed, ("RU", "UA"), max_km=30)
    assert not stale.any()


def test_a_holding_whose_evidence_is_still_fresh_is_not_stale():
    xy = np.array([(36.0, 49.0), (36.1, 49.0), (36.0, 49.1), (36.1, 49.1)])
    sites = Sites.build(xy, BOX)
    side = np.array(["RU", "UA", "RU", "UA"], dtype=object)
    seed = np.array(["RU", "RU", "RU", "UA"], dtype=object)
    reported = np.ones(4, dtype=bool)
    newest = np.array([[10, -1], [-1, 20], [10, -1], [-1, 5]])
    changed = np.array([-1, 20, -1, -1])
    # sites 0 and 2 both last reported held before their neighbour changed hands; site
    # 0's reports are many and recent enough to stay above the fresh evidence, site 2's
    # have faded
    strength = np.array([FRESH_EVIDENCE * 4, 1.0, FRESH_EVIDENCE / 2, 1.0])
    args = (sites, side, seed, reported, newest, changed, ("RU", "UA"))
    assert stale_holds(*args, max_km=30, strength=strength).tolist() == [
        False,
        False,
        True,
        False,
    ]
    # without the evidence at hand, both are stale
    assert stale_holds(*args, max_km=30).tolist() == [True, False, True, False]


def test_an_offensive_sweeps_past_a_place_last_reported_held_before_it():
    occupied = shapely.box(35, 45, 40, 52)
    base = Baseline(dt.date(2022, 3, 1), {"RU": occupied})
    grid = np.array([(x, y) for x in np.arange(30.5, 40, 0.5) for y in np.arange(45.5, 52, 0.5)])
    rows = [
        _record(
            "old",
            "hold",
            RU,
            UA,
            "Stalehill",
            "Russian forces hold Stalehill.",
            day="2022-03-05",
            lon=35.5,
            lat=48.5,
        )
    ]
    villages = [(35.3, 48.35), (35.7, 48.35), (35.3, 48.65), (35.7, 48.65), (35.5, 48.8)]
    rows += [
        _record(
            f"v{k}",
            "liberate",
            UA,
            RU,
            f"Village{k}",
            f"Ukrainian troops liberated Village{k}.",
            day=f"2022-04-0{k + 1}",
            lon=x,
            lat=y,
        )
        for k, (x, y) in enumerate(villages)
    ]
    cm = ControlMap.build(
        events_from_frame(pd.DataFrame(rows)), settlements=grid, clip=BOX, baseline=base
    )
    before = {s.place.label: s.side for s in cm.snapshot("2022-03-20").places}
    after = {s.place.label: s.side for s in cm.snapshot("2022-04-10").places}
    assert before["Stalehill"] == "RU"
    assert after["Stalehill"] == "UA"
    assert all(after[f"Village{k}"] == "UA" for k in range(5))


def test_an_attack_from_a_place_says_the_attacker_holds_it():
    events = events_from_frame(
        pd.DataFrame(
            [
                _record(
                    "from",
                    "clash",
                    RU,
                    UA,
                    "Ashgrove",
                    "Russian troops attacked Elmstead from Ashgrove.",
                ),
                _record(
                    "on",
                    "clash",
                    RU,
                    UA,
                    "Elmstead",
                    "Russian troops attacked Elmstead from Ashgrove.",
                    lon=36.2,
                ),
                _record(
                    "dir",
                    "hold",
                    UA,
                    RU,
                    "Ashgrove",
                    "Ukrainian forces repelled assaults from the direction of Ashgrove.",
                    lon=36.4,
                ),
            ]
        )
    )
    sides = {c.event_id: c.side for c in claims_from_events(events, sides=("RU", "UA"))}
    assert sides == {"from": "RU", "on": "UA", "dir": "RU"}


def test_a_place_named_as_a_sector_of_the_front_gives_no_claim():
    events = events_from_frame(
        pd.DataFrame(
            [
                _record(
                    "sector",
                    "clash",
                    RU,
                    UA,
                    "Brookvale",
                    "Russian forces continued offensive operations in the Brookvale-Ashgrove area.",
                ),
                _record(
                    "axis",
                    "clash",
                    RU,
                    UA,
                    "Brookvale",
                    "Russian forces attacked in the Brookvale direction.",
                    lon=36.2,
                ),
                _record(
                    "target",
                    "clash",
                    RU,
                    UA,
                    "Brookvale",
                    "Russian forces attacked Brookvale.",
                    lon=36.4,
                ),
            ]
        )
    )
    by_id = {c.event_id: c for c in claims_from_events(events, sides=("RU", "UA"))}
    # where the fighting is, not who holds the place: only the attack on it says that
    assert set(by_id) == {"target"}
    assert by_id["target"].side == "UA"


def test_a_change_of_hands_along_a_sector_of_the_front_takes_none_of_its_places():
    events = events_from_frame(
        pd.DataFrame(
            [
                _record(
                    "line",
                    "capture",
                    RU,
                    UA,
                    "Brookvale",
                    "Russian forces seized several villages along the Brookvale-Ashgrove line.",
                ),
                _record(
                    "oblast",
                    "withdraw",
                    UA,
                    RU,
                    "Brookvale",
                    "The Brookvale Oblast administration said that Ukrainian units withdrew.",
                    lon=36.2,
                ),
                _record(
                    "place",
                    "capture",
                    RU,
                    UA,
                    "Brookvale",
                    "Russian forces seized Brookvale.",
                    lon=36.4,
                ),
                _record(
                    "from",
                    "withdraw",
                    UA,
                    RU,
                    "Ashgrove",
                    "Ukrainian forces withdrew from Ashgrove.",
                    lon=36.6,
                ),
            ]
        )
    )
    by_id = {c.event_id: c for c in claims_from_events(events, sides=("RU", "UA"))}
    # the place itself changes hands; a withdrawal "from" it leaves it to the other side
    assert set(by_id) == {"place", "from"}
    assert by_id["place"].side == "RU" and by_id["from"].side == "RU"


def test_a_side_reported_less_often_is_not_taken_for_namesakes():
    # One side's reports name thirty places; the other's name three, 25 km away. Weighed
    # by raw sums, the few look isolated; weighed against each side's own total they
    # are a cluster of their own. A lone claim inside the other side's cluster is not.
    rows = [
        _record(
            f"u{k}",
            "clash",
            RU,
            UA,
            f"West{k}",
            f"Russian forces attacked West{k}.",
            lon=36.0 + 0.02 * (k % 6),
            lat=49.0 + 0.02 * (k // 6),
        )
        for k in range(30)
    ]
    rows += [
        _record(
            f"r{k}",
            "strike",
            UA,
            RU,
            f"East{k}",
            f"Ukrainian forces struck East{k}.",
            lon=36.4 + 0.02 * k,
            lat=49.04,
        )
        for k in range(3)
    ]
    rows += [
        _record(
            "lone",
            "strike",
            UA,
            RU,
            "Middle",
            "Ukrainian forces struck Middle.",
            lon=35.75,
            lat=49.04,
        )
    ]
    claims = claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
    raw = {c.event_id: c.strength for c in claims}
    plain = {c.event_id: c.strength for c in discount_isolated(claims, radius_km=30, balance=False)}
    fair = {c.event_id: c.strength for c in discount_isolated(claims, radius_km=30)}
    assert plain["r0"] < raw["r0"]  # drowned by the many
    assert fair["r0"] == raw["r0"]
    assert fair["lone"] < raw["lone"]


def _near_changes() -> list:
    own = _record(
        "own",
        "capture",
        RU,
        UA,
        "Marshfield",
        "Russian forces captured positions near Marshfield.",
        precision=2,
    )
    offset = _record(
        "offset",
        "capture",
        RU,
        UA,
        "Oakbury",
        "Russian forces captured ground 10 km south of Oakbury.",
        precision=2,
        lon=36.3,
        lat=48.9,
    )
    offset["origin_place_id"] = "p:Oakbury"
    at = _record("at", "capture", RU, UA, "Greyford", "Russian forces captured Greyford.", lon=36.6)
    return events_from_frame(pd.DataFrame([own, offset, at]))


def test_a_change_of_hands_near_a_place_contests_it_instead_of_taking_it():
    claims = claims_from_events(_near_changes(), sides=("RU", "UA"))
    near = [c for c in claims if c.event_id == "own"]
    # ground near Marshfield changed hands: the front runs there, each side a weak holding
    assert sorted(c.side for c in near) == ["RU", "UA"]
    assert not any(c.change for c in near) and {c.action for c in near} == {"contest"}
    assert near[0].strength == near[1].strength
    # ground measured off a place too: its point is an estimate on the new line
    off = [c for c in claims if c.event_id == "offset"]
    assert sorted(c.side for c in off) == ["RU", "UA"] and not any(c.change for c in off)
    # a place taken outright changes hands as reported
    taken = [c for c in claims if c.event_id == "at"]
    assert len(taken) == 1 and taken[0].change and taken[0].side == "RU"
    assert near[0].strength < taken[0].strength


def test_a_change_of_hands_near_a_place_leaves_it_contested_unless_its_ground_says_more():
    # a Ukrainian holding far off makes the corpus's two sides
    held = _record(
        "held", "hold", UA, RU, "Elmstead", "Ukrainian troops hold Elmstead.", lon=39.5, lat=51.5
    )
    alone = _near_changes()[0]
    cm = ControlMap.build([alone, *events_from_frame(pd.DataFrame([held]))], clip=BOX)
    own = cm.site_states("2022-03-02")[1]
    assert {p.label: own[p.site] for p in cm.places}["Marshfield"] == "?"
    # amid places the attacker took, the holding of the other side is the odd one out
    cm = ControlMap.build([*_near_changes(), *events_from_frame(pd.DataFrame([held]))], clip=BOX)
    own = cm.site_states("2022-03-02")[1]
    assert {p.label: own[p.site] for p in cm.places}["Marshfield"] == "RU"


def test_a_change_of_hands_near_a_place_can_abstain_or_be_kept():
    events = _near_changes()
    abstain = claims_from_events(events, sides=("RU", "UA"), near_changes="abstain")
    assert "own" not in {c.event_id for c in abstain}
    keep = claims_from_events(events, sides=("RU", "UA"), near_changes="keep")
    assert [c.side for c in keep if c.event_id == "own"] == ["RU"]


def test_an_unknown_reading_of_near_changes_is_refused():
    import pytest

    with pytest.raises(ValueError, match="near_changes"):
        claims_from_events(_near_changes(), sides=("RU", "UA"), near_changes="flip")


def test_shelling_near_a_place_says_weakly_that_the_other_side_holds_it():
    on = _record("on", "strike", RU, UA, "Oakbury", "Russian forces shelled Oakbury.")
    near = _record(
        "near",
        "strike",
        RU,
        UA,
        "Elmstead",
        "Russian forces shelled areas near Elmstead.",
        precision=2,
        lon=36.3,
    )
    off = _record(
        "off",
        "strike",
        RU,
        UA,
        "Ashford",
        "Russian forces shelled ground 10 km south of Ashford.",
        precision=2,
        lon=36.6,
    )
    off["origin_place_id"] = "p:Ashford"
    village = _record(
        "village",
        "strike",
        RU,
        UA,
        "Lisovyi Hai",
        "Russian forces shelled areas near Lisovyi Hai.",
        precision=2,
        lon=36.9,
    )
    village["place_id"] = "katottg:UA99000000000000001"
    events = events_from_frame(pd.DataFrame([on, near, off, village]))
    by_id = {c.event_id: c for c in claims_from_events(events, sides=("RU", "UA"))}
    # the fire falls on the other side's ground at the place, as a strike on it does
    assert by_id["near"].side == "UA" and by_id["near"].inferred
    assert by_id["near"].strength < by_id["on"].strength
    # ground measured off a place, and a village placed only by its hromada, say nothing
    assert "off" not in by_id and "village" not in by_id


def test_ground_taken_near_a_place_amid_the_other_sides_reports_leaves_it_contested():
    # Russian forces reported holding four villages around Marshfield; then Ukrainian
    # forces take ground near it. The contest's Ukrainian half is the front moving past
    # the older reports around it: weakening it alone would hand Marshfield to Russia.
    around = [
        _record(f"h{k}", "hold", RU, UA, f"V{k}", f"Russian forces hold V{k}.", lon=lon, lat=lat)
        for k, (lon, lat) in enumerate([(36.2, 49.0), (35.8, 49.0), (36.0, 49.2), (36.0, 48.8)])
    ]
    gain = _record(
        "gain",
        "liberate",
        UA,
        RU,
        "Marshfield",
        "Ukrainian forces liberated positions near Marshfield.",
        precision=2,
        day="2022-03-05",
    )
    events = events_from_frame(pd.DataFrame([*around, gain]))
    claims = claims_from_events(events, sides=("RU", "UA"))
    halves = {c.side: c.strength for c in discount_isolated(claims) if c.event_id == "gain"}
    assert halves["UA"] == halves["RU"] > 0
    cm = ControlMap.build(events, clip=BOX)
    own = cm.site_states("2022-03-06")[1]
    assert {p.label: own[p.site] for p in cm.places}["Marshfield"] == "?"
