from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import shapely
from control_rows import events_of as _events

from geo.control import ControlMap, control_timeline
from geo.control_areas import (
    Sites,
    area_front,
    front_line,
    propagate,
    side_areas,
    smooth_islands,
)
from geo.control_baseline import Baseline
from geo.control_claims import claims_from_events, corroborate, discount_isolated
from geo.control_model import CONTESTED, ModelOptions, PlaceModel
from geo.export import events_from_frame
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
BOX = shapely.box(30, 45, 40, 52)


def _day(iso: str) -> int:
    return day_number(iso)


# -- claims -------------------------------------------------------------------------------


def test_claims_say_who_holds_the_place_and_movement_says_nothing():
    events = _events(
        [
            ("a", "2022-03-01", "capture", RU, UA, "P1", 36.0, 49.0),
            ("b", "2022-03-02", "liberate", UA, RU, "P2", 36.1, 49.0),
            ("c", "2022-03-03", "hold", UA, RU, "P3", 36.2, 49.0),
            ("d", "2022-03-04", "withdraw", RU, "", "P4", 36.3, 49.0),
            ("e", "2022-03-05", "advance", RU, UA, "P5", 36.4, 49.0),
            ("f", "2022-03-06", "strike", UA, RU, "P6", 36.5, 49.0),
            ("g", "2022-03-07", "loss", RU, UA, "P7", 36.6, 49.0),
        ]
    )
    claims = {c.name: c.side for c in claims_from_events(events, inferred=False)}
    # a withdrawal with no named receiver leaves the place to the other belligerent
    assert claims == {"P1": "RU", "P2": "UA", "P3": "UA", "P4": "UA"}


def test_an_attack_or_a_strike_on_a_place_says_weakly_that_the_defender_holds_it():
    events = _events(
        [
            (
                "a",
                "2022-03-01",
                "clash",
                RU,
                "",
                "Hilltown",
                36.0,
                49.0,
                "reported",
                "Russian troops made two unsuccessful assaults on Hilltown.",
            ),
            (
                "b",
                "2022-03-01",
                "strike",
                UA,
                "",
                "Depotville",
                36.5,
                47.0,
                "reported",
                "Ukrainian artillery hit an ammunition depot in Depotville.",
            ),
            (
                "c",
                "2022-03-01",
                "hold",
                UA,
                RU,
                "Riverford",
                36.2,
                49.0,
                "reported",
                "Ukrainian defenders still hold Riverford.",
            ),
            (
                "d",
                "2022-03-01",
                "advance",
                RU,
                UA,
                "Fieldham",
                36.3,
                49.0,
                "reported",
                "Russian units advanced toward Fieldham.",
            ),
        ]
    )
    claims = {c.name: c for c in claims_from_events(events, sides=("RU", "UA"))}
    assert {n: c.side for n, c in claims.items()} == {
        "Hilltown": "UA",
        "Depotville": "RU",
        "Riverford": "UA",
    }
    assert claims["Hilltown"].inferred and claims["Depotville"].inferred
    assert not claims["Riverford"].inferred
    # the implication is weaker than a report, and fire weaker than a ground attack
    assert claims["Depotville"].strength < claims["Hilltown"].strength
    assert claims["Hilltown"].strength < claims["Riverford"].strength


def test_an_attack_near_a_place_or_on_a_border_implies_nothing():
    common = {
        "event_date": "2022-03-01",
        "actor1": RU,
        "actor2": "",
        "verification": "reported",
        "confidence": 0.8,
    }
    records = pd.DataFrame(
        [
            {
                **common,
                "event_id": "b",
                "action": "strike",
                "location": "the state border",
                "latitude": 49.5,
                "longitude": 37.0,
                "place_id": "border:RU-UA",
                "quote": "Shelling along the state border.",
                "article_id": "art-b",
                "geo_precision": 1,
            },
            {
                **common,
                "event_id": "a",
                "action": "clash",
                "location": "Hilltown",
                "latitude": 49.0,
                "longitude": 36.0,
                "place_id": "p:Hilltown",
                "quote": "Russian troops attacked northwest of Hilltown.",
                "article_id": "art-a",
                "geo_precision": 2,
            },
        ]
    )
    assert claims_from_events(events_from_frame(records), sides=("RU", "UA")) == []


def test_one_report_of_holding_outweighs_any_number_of_attacks():
    rows = [
        (
            f"s{k}",
            f"2022-03-{k:02d}",
            "strike",
            RU,
            "",
            "P",
            36.0,
            49.0,
            "confirmed",
            f"Russian shelling of P on day {k}.",
        )
        for k in range(1, 20)
    ]
    rows.append(
        ("h", "2022-03-20", "hold", RU, UA, "P", 36.0, 49.0, "reported", "Russian forces hold P.")
    )
    m = _model(rows, options=ModelOptions(smooth=False))
    assert m.state_on(_day("2022-03-19"))[0][0] == "UA"
    assert m.state_on(_day("2022-03-20"))[0][0] == "RU"
    # Read both ways in time, the report of holding also outweighs the attacks before it.
    assert _model(rows).state_on(_day("2022-03-19"))[0][0] == "RU"


def test_a_claim_against_all_the_places_around_it_is_discounted():
    # Ten villages around a town reported held by one side; one report puts the other
    # side in a village among them (as a namesake from elsewhere would).
    rows = [
        (
            f"v{k}",
            "2022-03-01",
            "hold",
            UA,
            RU,
            f"V{k}",
            30.0 + 0.1 * (k % 5),
            50.0 + 0.1 * (k // 5),
            "reported",
        )
        for k in range(10)
    ]
    rows.append(("x", "2022-03-02", "capture", RU, UA, "Odd", 30.25, 50.05, "claimed"))
    # A front: both sides reported around it.
    rows += [
        ("f1", "2022-03-01", "hold", UA, RU, "F1", 38.0, 48.0, "reported"),
        ("f2", "2022-03-01", "hold", RU, UA, "F2", 38.1, 48.0, "reported"),
        ("f3", "2022-03-02", "capture", RU, UA, "F3", 38.05, 48.05, "claimed"),
    ]
    claims = claims_from_events(_events(rows))
    before = {c.name: c.strength for c in claims}
    after = {c.name: c.strength for c in discount_isolated(claims)}
    assert after["Odd"] < before["Odd"] / 5
    assert after["F3"] == before["F3"] and after["V3"] == before["V3"]


def test_a_sentence_repeated_in_many_reports_is_no_claim():
    heading = "Main effort in the east (objective: capture the whole of the two provinces)"
    rows = [
        (f"h{k}", f"2022-03-0{k}", "liberate", UA, RU, "Capital", 37.0, 48.0, "reported", heading)
        for k in range(1, 5)
    ]
    rows.append(("x", "2022-03-05", "capture", RU, UA, "Village", 36.0, 49.0))
    claims = claims_from_events(_events(rows))
    assert [c.name for c in claims] == ["Village"]


def test_a_confirmed_report_is_stronger_than_a_party_claim():
    claims = claims_from_events(
        _events(
            [
                ("a", "2022-03-01", "capture", RU, UA, "P1", 36.0, 49.0, "claimed"),
                ("b", "2022-03-01", "capture", RU, UA, "P2", 36.1, 49.0, "confirmed"),
            ]
        )
    )
    weak, strong = sorted(claims, key=lambda c: c.strength)
    assert (weak.name, strong.name) == ("P1", "P2")


def test_a_taking_is_corroborated_by_other_places_taken_nearby_in_other_reports():
    rows = [
        (
            f"t{k}",
            f"2022-05-0{k + 1}",
            "liberate",
            UA,
            RU,
            f"Hamlet{k}",
            36.0 + 0.1 * k,
            49.0,
            "claimed",
        )
        for k in range(4)
    ]
    # the same report naming more places adds no independent support
    rows += [
        (
            "s1",
            "2022-05-02",
            "liberate",
            UA,
            RU,
            "Listed1",
            38.0,
            47.0,
            "claimed",
            "Troops retook Listed1 and Listed2.",
        ),
        (
            "s2",
            "2022-05-02",
            "liberate",
            UA,
            RU,
            "Listed2",
            38.1,
            47.0,
            "claimed",
            "Troops retook Listed1 and Listed2.",
        ),
    ]
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
                "verification": v,
                "quote": rest[0] if rest else f"Report {i}.",
                "article_id": "one-report" if i.startswith("s") else f"art-{i}",
                "geo_precision": 1,
                "confidence": 0.8,
            }
            for i, d, a, a1, a2, w, lon, lat, v, *rest in rows
        ]
    )
    claims = {c.name: c for c in corroborate(claims_from_events(events_from_frame(frame)))}
    assert claims["Hamlet0"].support == 3
    assert claims["Hamlet0"].strength > claims_from_events(events_from_frame(frame))[0].strength
    assert claims["Listed1"].support == 0 and claims["Listed2"].support == 0


# -- the model over time ------------------------------------------------------------------


def _model(rows, **kw):
    claims = claims_from_events(_events(rows), sides=("RU", "UA"))
    return PlaceModel(1, [(0, c) for c in claims], ("RU", "UA"), **kw)


def test_a_lone_party_claim_does_not_overturn_a_confirmed_holding():
    m = _model(
        [
            ("a", "2022-03-01", "hold", UA, RU, "P", 36.0, 49.0, "confirmed"),
            ("b", "2022-03-03", "capture", RU, UA, "P", 36.0, 49.0, "claimed"),
        ]
    )
    state, confidence, _ = m.state_on(_day("2022-03-04"))
    assert state[0] == "UA" and confidence[0] > 0


def test_a_change_of_hands_needs_evidence_and_then_wins():
    m = _model(
        [
            ("a", "2022-03-01", "hold", UA, RU, "P", 36.0, 49.0, "reported"),
            ("b", "2022-05-01", "capture", RU, UA, "P", 36.0, 49.0, "confirmed"),
        ]
    )
    assert m.state_on(_day("2022-02-28"))[0][0] == ""  # unknown before any report
    assert m.state_on(_day("2022-04-30"))[0][0] == "UA"
    assert m.state_on(_day("2022-05-01"))[0][0] == "RU"


def test_contradictory_reports_of_equal_weight_make_the_place_contested():
    m = _model(
        [
            ("a", "2022-03-01", "capture", RU, UA, "P", 36.0, 49.0, "reported"),
            ("b", "2022-03-01", "liberate", UA, RU, "P", 36.0, 49.0, "reported"),
        ]
    )
    assert m.state_on(_day("2022-03-02"))[0][0] == CONTESTED


def test_confidence_fades_as_the_evidence_ages():
    m = _model([("a", "2022-03-01", "hold", UA, RU, "P", 36.0, 49.0, "confirmed")])
    fresh = m.state_on(_day("2022-03-01"))
    old = m.state_on(_day("2022-09-01"))
    assert old[0][0] == "UA"  # the state stays ...
    assert old[1][0] < fresh[1][0]  # ... with less confidence


# -- cells, areas and the front -----------------------------------------------------------


def _grid():
    xs, ys = np.meshgrid(np.linspace(30.5, 39.5, 19), np.linspace(45.5, 51.5, 13))
    return np.column_stack([xs.ravel(), ys.ravel()])


def test_cells_cover_the_country_once():
    sites = Sites.build(_grid(), BOX)
    assert len(sites.cells) == len(_grid())
    assert np.isclose(shapely.area(sites.cells).sum(), BOX.area)
    assert np.isclose(shapely.union_all(sites.cells).area, BOX.area)


def test_a_place_abroad_gets_no_cell():
    pts = np.vstack([_grid(), [[42.0, 48.0]]])
    sites = Sites.build(pts, BOX)
    assert shapely.is_empty(sites.cells[sites.site_of(np.array([[42.0, 48.0]]))[0]])


def test_state_reaches_only_so_far_and_never_across_a_stronger_contrary_claim():
    sites = Sites.build(_grid(), BOX)
    side = np.full(len(sites.lonlat), "", dtype=object)
    strength = np.zeros(len(side))
    west, east = sites.site_of(np.array([[33.0, 48.5], [34.5, 48.5]]))
    side[west], strength[west] = "UA", 1.0
    side[east], strength[east] = "RU", 1.0
    shown = propagate(sites, side, strength, max_km=120)
    d_west = np.hypot(*(sites.xy - sites.xy[west]).T)
    d_east = np.hypot(*(sites.xy - sites.xy[east]).T)
    assert (shown[d_west < d_east - 1][d_west[d_west < d_east - 1] < 120] != "RU").all()
    assert (shown[(d_west > 120) & (d_east > 120)] == "").all()  # unknown stays unknown
    # a weak report beside a strong contrary one does not push past it
    strength[east] = 0.1
    shown = propagate(sites, side, strength, max_km=120)
    assert shown[east] == "RU"


def test_areas_and_front_follow_the_sides():
    sites = Sites.build(_grid(), BOX)
    side = np.where(sites.lonlat[:, 0] < 34.9, "UA", "RU").astype(object)
    areas = side_areas(sites, side, ("RU", "UA"))
    assert np.isclose(areas["RU"].area + areas["UA"].area, BOX.area)
    line = front_line(sites, side, ("RU", "UA"))
    xs = shapely.get_coordinates(line)[:, 0]
    assert xs.min() > 34.4 and xs.max() < 35.3
    assert line.length >= 6.9  # the whole north-south extent, not fragments
    assert front_line(sites, np.full(len(side), "UA", dtype=object), ("RU", "UA")) is None


def test_a_baseline_seeds_every_place_and_only_an_offensive_overturns_it():
    occupied = shapely.box(35, 45, 40, 52)
    base = Baseline(dt.date(2022, 3, 1), {"RU": occupied})
    grid = _grid()
    # Five villages around the grid point (35.5, 48.5) retaken within days, each
    # reported by another article; one far town reported retaken alone.
    villages = [(35.4, 48.4), (35.6, 48.4), (35.4, 48.6), (35.6, 48.6), (35.5, 48.7)]
    rows = [("a", "2022-02-20", "liberate", UA, RU, "Before", 36.5, 49.5, "confirmed")]
    rows += [
        (f"v{k}", f"2022-04-0{k + 1}", "liberate", UA, RU, f"Village{k}", x, y, "reported")
        for k, (x, y) in enumerate(villages)
    ]
    rows += [
        ("l", "2022-04-01", "liberate", UA, RU, "Lonely", 38.5, 50.5, "confirmed"),
        ("c", "2022-04-01", "hold", UA, RU, "Town", 31.0, 46.0, "confirmed"),
    ]
    cm = ControlMap.build(_events(rows), settlements=grid, clip=BOX, baseline=base)
    shown, _, _ = cm.site_states("2022-03-15")
    expected = np.where(cm.sites.lonlat[:, 0] >= 35, "RU", "UA")  # the edge is inside
    assert (shown == expected).all()  # the report before the map's date is superseded
    snap = cm.snapshot("2022-04-05")
    by_name = {s.place.label: s for s in snap.places}
    assert all(by_name[f"Village{k}"].side == "UA" for k in range(5))
    assert by_name["Village0"].evidence == ("v0",)
    assert by_name["Village0"].last_report == "2022-04-01"
    # the ground between the retaken villages changes with them ...
    assert snap.areas["UA"].contains(shapely.Point(35.5, 48.5))
    # ... a lone report, even confirmed, does not overturn the map ...
    assert by_name["Lonely"].side == "RU"
    # ... and far from any report the map stands as drawn, to its own outline
    assert snap.areas["RU"].contains(shapely.Point(38, 50))
    assert snap.areas["RU"].covers(shapely.box(36.5, 45, 40, 47.5))


@pytest.mark.parametrize(("verification", "overturned"), [("confirmed", True), ("claimed", False)])
def test_a_firm_report_needs_fewer_corroborating_places_to_overturn_a_seed(
    verification, overturned
):
    # A sparse feed names two steps of an offensive: a town retaken, and a village
    # nearby in another report. Confirmed, the town's report overturns the starting map;
    # a party's claim needs the three places an offensive's fuller reporting names.
    rows = [
        ("t", "2022-04-02", "liberate", UA, RU, "Town", 35.5, 48.5, verification),
        ("v", "2022-04-01", "liberate", UA, RU, "Village", 35.7, 48.6, "reported"),
    ]
    claims = corroborate(claims_from_events(_events(rows), sides=("RU", "UA")))
    town = next(c for c in claims if c.name == "Town")
    assert town.support == 1
    seed = (0, "RU", _day("2022-03-01"), 1.0)
    m = PlaceModel(1, [(0, town)], ("RU", "UA"), seeds=[seed])
    before, _, _ = m.state_on(_day("2022-03-15"))
    after, _, _ = m.state_on(_day("2022-04-05"))
    assert before[0] == "RU"
    assert (after[0] == "UA") is overturned
    # without the village's report, even a confirmed one stands alone
    lone = PlaceModel(1, [(0, replace(town, support=0))], ("RU", "UA"), seeds=[seed])
    assert lone.state_on(_day("2022-04-05"))[0][0] == "RU"


def test_the_timeline_for_the_map_has_changes_areas_and_fronts():
    grid = _grid()
    rows = [
        (f"e{i}", "2022-03-01", "hold", UA if x < 35 else RU, "", f"P{i}", x, y)
        for i, (x, y) in enumerate(grid)
    ]
    tl = control_timeline(_events(rows), settlements=grid, clip=BOX)
    assert {s for _, _, s in tl.changes} == {"RU", "UA"}
    ((day, line),) = tl.fronts
    assert day == "2022-03-01" and line is not None
    assert set(tl.areas[0][1]) == {"RU", "UA"}


@pytest.mark.parametrize("precision", [2, 3])
def test_a_region_or_a_line_is_never_a_claim_on_a_place(precision):
    frame = pd.DataFrame(
        [
            {
                "event_id": "r",
                "event_date": "2022-03-01",
                "action": "capture",
                "actor1": RU,
                "actor2": UA,
                "location": "Province",
                "latitude": 48.0,
                "longitude": 37.0,
                "geo_precision": precision,
                "geometry": shapely.box(36, 47, 38, 49) if precision == 3 else None,
            }
        ]
    )
    claims = claims_from_events(events_from_frame(frame))
    assert [c.key.startswith("near:") for c in claims] == ([True] if precision == 2 else [])


def test_the_front_between_the_areas_is_one_line_inside_the_country():
    sites = Sites.build(_grid(), BOX)
    # A bent front: the boundary steps east half-way up.
    side = np.where(
        sites.lonlat[:, 0] < np.where(sites.lonlat[:, 1] < 48.4, 34.9, 36.6), "UA", "RU"
    ).astype(object)
    line = area_front(side_areas(sites, side, ("RU", "UA")), ("RU", "UA"), BOX)
    assert line.geom_type == "LineString"  # merged, not fragments
    assert line.length >= 6.9  # from the southern edge to the northern one
    # The country's outline is no front.
    assert shapely.distance(line, shapely.box(30, 45, 34, 52)) > 0.3
    assert area_front({"UA": BOX}, ("RU", "UA"), BOX) is None


def test_a_lone_place_amid_the_other_side_needs_strong_evidence():
    sites = Sites.build(_grid(), BOX)
    side = np.where(sites.lonlat[:, 0] < 34.9, "UA", "RU").astype(object)
    lone = sites.site_of(np.array([[37.0, 48.5]]))[0]
    side[lone] = "UA"
    weak = smooth_islands(sites, side, np.full(len(side), 0.3))
    assert weak[lone] == "RU"
    strong = np.full(len(side), 0.3)
    strong[lone] = 0.9
    assert smooth_islands(sites, side, strong)[lone] == "UA"
    # The two sides' ground along the front is no island.
    assert (weak[np.arange(len(side)) != lone] == side[np.arange(len(side)) != lone]).all()


def test_two_reported_places_facing_each_other_across_unknown_ground_are_no_island():
    sites = Sites.build(_grid(), BOX)
    side = np.full(len(sites.lonlat), "", dtype=object)
    held, taken = sites.site_of(np.array([[37.0, 48.5], [37.0, 48.0]]))
    side[held], side[taken] = "UA", "RU"
    assert taken in sites.edges[(sites.edges == held).any(axis=1)]
    confidence = np.zeros(len(side))
    confidence[held], confidence[taken] = 0.3, 0.7
    # Each has one known neighbour, of the other side: a front, not a place amid the
    # other side's ground; the weaker keeps its side.
    out = smooth_islands(sites, side, confidence)
    assert out[held] == "UA" and out[taken] == "RU"
    # Amid two places of the other side, the weak one goes with them.
    (third,) = sites.site_of(np.array([[37.0, 49.0]]))
    side[third] = "RU"
    assert smooth_islands(sites, side, confidence)[held] == "RU"


def test_places_on_one_line_are_each_the_next_ones_neighbours():
    # Three or more reported places on one parallel have no triangulation: each cell
    # still borders the next along the line, and the map is drawn.
    pts = np.array([(36.5, 48.0), (36.0, 48.0), (37.0, 48.0), (37.5, 48.0)])
    sites = Sites.build(pts, None)
    west_to_east = np.argsort(sites.lonlat[:, 0])
    pairs = {tuple(sorted(e)) for e in sites.edges.tolist()}
    assert pairs == {tuple(sorted((int(a), int(b)))) for a, b in itertools.pairwise(west_to_east)}
    assert all(shapely.area(c) > 0 for c in sites.cells)
