"""Water parts the ground: the Kakhovka reservoir's two shores, with the real gazetteer.

The towns are the gazetteer's; the water is its ``lake`` and ``bay`` features. Enerhodar
and Kamianka-Dniprovska face Nikopol, Marhanets and Pokrov across the reservoir.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from control_rows import events_of as _events

from geo.control import ControlMap
from geo.control_areas import Sites
from geo.control_claims import claims_from_events, discount_isolated
from geo.control_water import WaterBarrier, far_shores, parted, water_bodies

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
SOUTH = ["Enerhodar", "Kamianka-Dniprovska", "Dniprorudne"]
NORTH = ["Nikopol", "Marhanets", "Pokrov", "Chervonohryhorivka"]


@pytest.fixture(scope="module")
def towns(gaz) -> dict[str, tuple[float, float]]:
    out = {}
    for name in SOUTH + NORTH:
        place = gaz.resolve(name, country="UA")
        out[name] = (place.lon, place.lat)
    return out


def _km(lonlat: np.ndarray) -> np.ndarray:
    return np.array([111.32 * np.cos(np.radians(lonlat[:, 1].mean())), 111.32])


def test_the_reservoir_parts_the_towns_on_its_two_shores(towns) -> None:
    names = list(towns)
    lonlat = np.array([towns[n] for n in names])
    xy = lonlat * _km(lonlat)
    at = {n: k for k, n in enumerate(names)}
    pairs = np.array([(at[a], at[b]) for a in names for b in names if a != b])
    flags = parted(xy, _km(lonlat), water_bodies(), pairs)
    cut = dict(zip(map(tuple, pairs.tolist()), flags, strict=True))
    for south in ("Enerhodar", "Kamianka-Dniprovska"):
        for north in ("Nikopol", "Marhanets"):
            assert cut[(at[south], at[north])] and cut[(at[north], at[south])]
    # along the northern shore, no water between
    assert not cut[(at["Marhanets"], at["Chervonohryhorivka"])]
    assert not cut[(at["Marhanets"], at["Pokrov"])]
    barrier = WaterBarrier(xy, _km(lonlat), water_bodies(), 30.0)
    across = barrier.across(
        np.array([at["Enerhodar"]] * 2), np.array([at["Nikopol"], at["Pokrov"]])
    )
    assert across.tolist() == [True, False]  # Pokrov lies beyond the 30 km looked at
    same = barrier.across(np.array([at["Marhanets"]]), np.array([at["Chervonohryhorivka"]]))
    assert same.tolist() == [False]


def _claims(towns: dict[str, tuple[float, float]]):
    rows = [
        (f"n{k}", "2022-08-01", "hold", UA, RU, name, *towns[name], "reported")
        for k, name in enumerate(NORTH)
    ]
    rows.append(("s", "2022-08-02", "hold", RU, UA, "Enerhodar", *towns["Enerhodar"], "reported"))
    return claims_from_events(_events(rows))


def test_a_town_facing_the_other_side_across_a_reservoir_is_no_enclave(towns) -> None:
    claims = _claims(towns)
    before = {c.name: c.strength for c in claims}
    # Without the water, the Ukrainian towns across it outvote Enerhodar's report ...
    dry = {c.name: c.strength for c in discount_isolated(claims)}
    assert dry["Enerhodar"] < before["Enerhodar"] / 5
    # ... with it, they are not around it.
    wet = {c.name: c.strength for c in discount_isolated(claims, water=water_bodies())}
    assert wet["Enerhodar"] == before["Enerhodar"]
    # the same when only the claims of the same weeks are weighed
    kw = {"balance": False, "window_days": 30}
    dry = {c.name: c.strength for c in discount_isolated(claims, **kw)}
    wet = {c.name: c.strength for c in discount_isolated(claims, water=water_bodies(), **kw)}
    assert dry["Enerhodar"] < before["Enerhodar"] / 5
    assert wet["Enerhodar"] == before["Enerhodar"]


def test_a_state_does_not_reach_across_the_reservoir(towns) -> None:
    rows = [
        (f"n{k}", "2022-08-01", "hold", UA, RU, name, *towns[name], "reported")
        for k, name in enumerate(NORTH)
    ]
    events = _events(rows)
    lonlat = np.array([towns[n] for n in SOUTH])
    cm = ControlMap.build(events, settlements=lonlat, clip=shapely.box(33.5, 47.0, 35.5, 48.0))
    shown, _, _ = cm.site_states(cm.days()[-1])
    south = cm.sites.site_of(lonlat)
    assert set(shown[south]) == {""}  # nothing reported on their own shore
    assert set(shown[cm.sites.site_of(np.array([towns[n] for n in NORTH]))]) == {"UA"}
    # no Delaunay neighbour across the water
    across = cm.water.across(cm.sites.edges[:, 0], cm.sites.edges[:, 1])
    assert not across.any()


def test_the_land_a_cell_reaches_across_water_is_no_sides() -> None:
    lake = shapely.box(34.2, 47.0, 34.4, 48.0)
    # one site west of the lake, one far to the east: the western cell crosses the lake
    lonlat = np.array([[34.1, 47.5], [34.9, 47.5], [34.0, 47.2]])
    sites = Sites.build(lonlat, shapely.box(33.5, 47.0, 35.5, 48.0), water=lake)
    far = far_shores(sites.cells, sites.lonlat, sites.km, lake)
    assert shapely.equals(far, sites.far)
    west = int(sites.site_of(lonlat[:1])[0])
    # the western cell's land east of the lake is its far shore
    assert shapely.area(shapely.intersection(sites.cells[west], far)) > 0
    assert shapely.intersection(far, shapely.box(33.5, 47.0, 34.2, 48.0)).is_empty
    east = int(sites.site_of(lonlat[1:2])[0])
    assert east not in sites.edges  # no neighbour across the lake


def test_a_reservoir_between_the_two_sides_is_neither_sides(towns) -> None:
    north = [
        (f"n{k}", "2022-08-01", "hold", UA, RU, name, *towns[name], "reported")
        for k, name in enumerate(NORTH)
    ]
    south = [
        (f"s{k}", "2022-08-01", "hold", RU, UA, name, *towns[name], "reported")
        for k, name in enumerate(SOUTH)
    ]
    box = shapely.box(33.5, 47.0, 35.5, 48.0)
    reservoir = shapely.intersection(water_bodies(), box)
    assert shapely.area(reservoir) > 0.1  # the Kakhovka reservoir, hundreds of km²

    def drawn(rows: list[tuple]) -> dict:
        cm = ControlMap.build(_events(rows), clip=box)
        day = cm.days()[-1]
        shown = cm.site_states(day)[0]
        return cm.drawing(shown, cm.front_sites(day, shown))[1]

    # The front runs through the water: each side's cells would reach its middle.
    both = drawn(north + south)
    for side in ("UA", "RU"):
        assert shapely.area(both[side]) > 0
        assert shapely.area(shapely.intersection(both[side], reservoir)) < 1e-6
    # With one side on its shores the water is that side's, as its cells draw it.
    one = drawn(north)
    assert shapely.area(shapely.intersection(one["UA"], reservoir)) > 0.01
