"""A starting map yields only to an offensive against the ground it draws."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import shapely

from geo.control import ControlMap
from geo.control_baseline import Baseline, support_against
from geo.control_claims import claims_from_events, corroborate
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
BOX = shapely.box(30, 45, 40, 52)
OCCUPIED = shapely.box(35, 45, 40, 52)


def _grid():
    xs, ys = np.meshgrid(np.linspace(30.5, 39.5, 19), np.linspace(45.5, 51.5, 13))
    return np.column_stack([xs.ravel(), ys.ravel()])


def _taken(name, day, lon, lat, *, verification="reported"):
    return {
        "event_id": f"t-{name}",
        "event_date": day,
        "action": "liberate",
        "actor1": UA,
        "actor2": RU,
        "location": name,
        "latitude": lat,
        "longitude": lon,
        "place_id": f"p:{name}",
        "verification": verification,
        "quote": f"Ukrainian troops liberated {name}.",
        "article_id": f"art-{name}",
        "geo_precision": 1,
        "confidence": 0.8,
    }


# Four villages west of the map's line (already Ukrainian on it) and four east of it
# (Russian on it), all within 50 km of Brookmere, just inside the Russian-held ground.
WEST = [(34.75, 48.35), (34.75, 48.65), (34.65, 48.5), (34.85, 48.85)]
EAST = [(35.4, 48.35), (35.4, 48.65), (35.5, 48.5), (35.3, 48.85)]


def _map(villages, **kw):
    rows = [_taken("Brookmere", "2022-04-02", 35.15, 48.5)]
    rows += [
        _taken(f"Village{k}", f"2022-04-0{k + 1}", x, y, **kw) for k, (x, y) in enumerate(villages)
    ]
    base = Baseline(dt.date(2022, 3, 1), {"RU": OCCUPIED})
    return ControlMap.build(
        events_from_frame(pd.DataFrame(rows)), settlements=_grid(), clip=BOX, baseline=base
    )


def test_takings_of_ground_the_map_already_gives_a_side_corroborate_nothing():
    recap = {s.place.label: s.side for s in _map(WEST).snapshot("2022-04-10").places}
    assert recap["Brookmere"] == "RU"
    offensive = {s.place.label: s.side for s in _map(EAST).snapshot("2022-04-10").places}
    assert offensive["Brookmere"] == "UA"


def test_support_against_the_map_weighs_how_firmly_each_place_is_reported():
    rows = [_taken("Brookmere", "2022-04-02", 35.15, 48.5)]
    rows += [_taken(f"Village{k}", f"2022-04-0{k + 1}", x, y) for k, (x, y) in enumerate(EAST)]
    claims = claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
    held = np.array(["RU"] * len(claims), dtype=object)

    def support(strength):
        weighed = [c if c.name == "Brookmere" else replace(c, strength=strength) for c in claims]
        return {c.name: c.support for c in support_against(weighed, held)}["Brookmere"]

    assert support(1.0) == 4
    assert support(0.5) == 2  # four passing claims count as two firm reports
    # The map says nothing of a place: its support stands as corroborated.
    blank = np.array([""] * len(claims), dtype=object)
    corroborated = corroborate(claims)
    assert [c.support for c in support_against(corroborated, blank)] == [
        c.support for c in corroborated
    ]


def test_a_pocket_on_the_starting_map_stands_until_the_ground_around_it_changes():
    pocket = shapely.box(36.8, 48.3, 37.2, 48.7)  # one site of the grid: (37.0, 48.5)
    base = Baseline(dt.date(2022, 3, 1), {"RU": OCCUPIED - pocket, "UA": pocket})
    rows = [_taken("Farfield", "2022-04-01", 31.0, 46.0)]
    cm = ControlMap.build(
        events_from_frame(pd.DataFrame(rows)), settlements=_grid(), clip=BOX, baseline=base
    )
    site = cm.sites.site_of(np.array([[37.0, 48.5]]))[0]
    shown, _, _ = cm.site_states("2022-04-05")
    assert shown[site] == "UA"
    assert cm.snapshot("2022-04-05").areas["UA"].contains(shapely.Point(37.0, 48.5))


def test_a_sliver_of_the_starting_map_goes_with_the_ground_lost_around_it():
    from geo.control_areas import Sites, seeded_areas

    # An invented grid of sites; the map's held area reaches half-way into the cells
    # of the column just outside it (whose sites the map gives to the other side).
    lon, lat = np.meshgrid(np.arange(10.0, 10.61, 0.1), np.arange(50.0, 50.61, 0.1))
    sites = Sites.build(
        np.column_stack([lon.ravel(), lat.ravel()]), shapely.box(9.9, 49.9, 10.7, 50.7)
    )
    held = shapely.box(9.9, 49.9, 10.22, 50.7)
    base = {"A": held, "B": shapely.difference(shapely.box(9.9, 49.9, 10.7, 50.7), held)}
    seed = np.where(sites.lonlat[:, 0] < 10.22, "A", "B").astype(object)
    unchanged = seeded_areas(sites, seed.copy(), seed, base, ("A", "B"))
    assert shapely.equals_exact(unchanged["A"], shapely.set_precision(held, 1e-5), 1e-6)
    # Side A loses every site it held: the sliver in the next column goes too.
    lost = np.full(len(seed), "B", dtype=object)
    areas = seeded_areas(sites, lost, seed, base, ("A", "B"))
    assert "A" not in areas or areas["A"].area < 1e-9
    assert abs(areas["B"].area - shapely.box(9.9, 49.9, 10.7, 50.7).area) < 1e-6
    # Side A loses only the southern half: the sliver stays beside what it still holds.
    half = np.where(sites.lonlat[:, 1] < 50.25, "B", seed).astype(object)
    areas = seeded_areas(sites, half, seed, base, ("A", "B"))
    north = shapely.box(10.2, 50.45, 10.22, 50.7)
    assert areas["A"].contains(north.centroid)
    south_sliver = shapely.box(10.2, 49.9, 10.22, 50.05)
    assert not areas["A"].intersects(south_sliver.centroid)


def _lone_taking(days, *, sources=None, verification="reported"):
    """A lone village reported liberated on each day (no other place changes near it)."""
    rows = []
    for k, day in enumerate(days):
        row = _taken("Brookmere", day, 35.15, 48.5, verification=verification)
        row["event_id"] = f"t-Brookmere-{k}"
        row["article_id"] = (sources or [f"art-{k}" for k in range(len(days))])[k]
        rows.append(row)
    base = Baseline(dt.date(2022, 3, 1), {"RU": OCCUPIED})
    return ControlMap.build(
        events_from_frame(pd.DataFrame(rows)), settlements=_grid(), clip=BOX, baseline=base
    )


def test_a_taking_two_sources_report_on_different_days_stands_alone():
    def side(cm, day="2022-05-01"):
        return {s.place.label: s.side for s in cm.snapshot(day).places}["Brookmere"]

    # One report of a lone taking against the map: a namesake or a passing claim.
    assert side(_lone_taking(["2022-04-02"])) == "RU"
    # Two articles on two days: the taking is corroborated by its own repeat.
    assert side(_lone_taking(["2022-04-02", "2022-04-09"])) == "UA"
    # One article saying it twice is one source; a month and more apart is no repeat.
    assert side(_lone_taking(["2022-04-02", "2022-04-09"], sources=["a", "a"])) == "RU"
    assert side(_lone_taking(["2022-04-02", "2022-05-20"]), "2022-05-25") == "RU"
    # Two passing claims are no firm repeat.
    assert side(_lone_taking(["2022-04-02", "2022-04-09"], verification="claimed")) == "RU"


def test_places_taken_across_a_river_corroborate_nothing():
    from geo.control_banks import river_barriers, river_lines

    # Invented takings by the lower river: one on its south-east bank, four on the
    # north-west bank within 50 km of it.
    rows = [_taken("Lowbank", "2022-04-02", 33.3, 46.62)]
    rows += [
        _taken(f"Village{k}", f"2022-04-0{k + 3}", x, y)
        for k, (x, y) in enumerate([(33.0, 46.9), (33.1, 46.95), (32.95, 46.8), (33.2, 46.9)])
    ]
    claims = claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))
    held = np.array(["RU"] * len(claims), dtype=object)
    points = np.array([(c.longitude, c.latitude) for c in claims])
    river = {"dnipro-river": river_lines()["dnipro-river"]}

    def support(barriers):
        return {c.name: c.support for c in support_against(claims, held, barriers=barriers)}

    assert support(None)["Lowbank"] >= 2
    parted = support(river_barriers(points, river))
    assert parted["Lowbank"] == 0 and parted["Village0"] >= 1


def _gained_near(name, day, lon, lat, *, actor=UA, other=RU, word="Ukrainian"):
    """Ground taken near a village: a contest of its point, a step of the offensive."""
    row = _taken(name, day, lon, lat)
    row.update(
        event_id=f"g-{name}-{day}",
        action="liberate" if actor == UA else "capture",
        actor1=actor,
        actor2=other,
        quote=f"{word} troops took ground near {name}.",
        article_id=f"art-{name}-{day}",
        geo_precision=2,
    )
    return row


def _claims_with_gains(actor):
    rows = [_taken("Brookmere", "2022-04-02", 35.15, 48.5, verification="claimed")]
    word = "Ukrainian" if actor == UA else "Russian"
    other = RU if actor == UA else UA
    rows += [
        _gained_near(f"Village{k}", f"2022-04-0{k + 1}", x, y, actor=actor, other=other, word=word)
        for k, (x, y) in enumerate(EAST[:3])
    ]
    return claims_from_events(events_from_frame(pd.DataFrame(rows)), sides=("RU", "UA"))


def test_ground_taken_near_places_corroborates_the_takings_around_it():
    claims = _claims_with_gains(UA)
    gains = [c for c in claims if c.name != "Brookmere"]
    assert gains and {c.action for c in gains} == {"contest"} and not any(c.change for c in gains)
    assert {c.gained for c in gains} == {"UA"}
    lone = next(c for c in claims if c.name == "Brookmere")
    taken = next(c for c in corroborate(claims) if c.name == "Brookmere")
    assert taken.support == 3 and taken.strength > lone.strength
    # Ground the other side took near them says nothing for this taking.
    against = next(c for c in corroborate(_claims_with_gains(RU)) if c.name == "Brookmere")
    assert against.support == 0 and against.strength == lone.strength


def test_ground_taken_near_places_counts_against_the_map_only():
    claims = [
        c if c.name == "Brookmere" else replace(c, strength=1.0) for c in _claims_with_gains(UA)
    ]

    def support(held_by):
        held = np.array(["RU" if c.name == "Brookmere" else held_by for c in claims], dtype=object)
        return {c.name: c.support for c in support_against(claims, held)}["Brookmere"]

    assert support("RU") == 3  # ground the map gives the other side: an offensive
    assert support("UA") == 0  # ground the map already gives the taker: nothing


def test_ground_taken_near_a_place_never_changes_a_starting_map_on_its_own():
    # Two reports on two days of ground taken near one village (a firm taking reported
    # twice would stand alone), and more ground taken around it.
    rows = [_gained_near("Brookmere", day, 35.15, 48.5) for day in ("2022-04-02", "2022-04-09")]
    rows += [_gained_near(f"Village{k}", "2022-04-05", x, y) for k, (x, y) in enumerate(EAST)]
    base = Baseline(dt.date(2022, 3, 1), {"RU": OCCUPIED})
    cm = ControlMap.build(
        events_from_frame(pd.DataFrame(rows)),
        settlements=_grid(),
        clip=BOX,
        baseline=base,
        code_of=lambda a: {UA: "UA", RU: "RU"}.get(a, ""),
    )
    shown, _, _ = cm.site_states("2022-04-20")
    points = np.array([(35.15, 48.5), *EAST])
    assert set(shown[cm.sites.site_of(points)]) == {"RU"}
    assert cm.snapshot("2022-04-20").areas["RU"].contains(shapely.Point(35.15, 48.5))
