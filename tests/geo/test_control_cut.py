"""Near the front a side shades only the ground its reports reach; behind it, whole cells."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from control_rows import events_of, holdings

from geo.control import ControlMap, corpus_setting
from geo.control_cut import CutOptions

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
DAY = "2022-07-10"

#: Ukrainian-held towns of the southern front (sparse steppe villages, large cells) and
#: Russian-held ones across it, and two Russian-held Crimean cities far behind the lines.
UKRAINIAN = ["Orikhiv", "Huliaipole", "Zaporizhzhia", "Vuhledar"]
RUSSIAN = [
    *["Polohy", "Tokmak", "Vasylivka", "Melitopol", "Volnovakha", "Olenivka"],
    *["Sevastopol", "Simferopol"],
]


@pytest.fixture(scope="module")
def built(gaz):
    """The map of the reports with the cut and without it, and the places' sites."""
    events = events_of(holdings(gaz, UKRAINIAN, RUSSIAN))
    settlements, country = corpus_setting(events)
    assert settlements is not None and len(settlements) > 1000  # the country's real places
    cut = ControlMap.build(events, settlements=settlements, clip=country)
    whole = ControlMap.build(
        events, settlements=settlements, clip=country, cut=CutOptions(reach_km=0.0)
    )
    return cut, whole


def _areas(cm: ControlMap) -> dict:
    shown = cm.site_states(DAY)[0]
    return cm.drawing(shown, cm.front_sites(DAY, shown))[1]


def _beyond_reach(cm: ControlMap, side: str, *, front_km: float | None) -> float:
    """A side's area farther than 15 km from its reports (near the other's), deg²."""
    shown = cm.site_states(DAY)[0]
    reported = cm.model.reported
    mine = np.flatnonzero(reported & (shown == side))
    others = np.flatnonzero(reported & np.isin(shown, cm.sides) & (shown != side))
    area = _areas(cm)[side]
    beyond = shapely.difference(area, cm.sites.discs(mine, 15.0))
    if front_km is not None:
        beyond = shapely.intersection(beyond, cm.sites.discs(others, front_km))
    return float(beyond.area)


def test_near_the_front_a_side_shades_only_what_its_reports_reach(built):
    cut, whole = built
    for side in ("UA", "RU"):
        # Whole cells stretch past the reach of the reports that gave them their side.
        assert _beyond_reach(whole, side, front_km=30.0) > 1e-3, side
        assert _beyond_reach(cut, side, front_km=30.0) < 1e-5, side


def test_behind_the_lines_cells_stand_whole(built):
    cut, whole = built
    # Crimea lies far from every Ukrainian report: its shading is not cut.
    crimea = shapely.box(32.4, 44.3, 36.7, 46.0)
    a = shapely.intersection(_areas(cut)["RU"], crimea).area
    b = shapely.intersection(_areas(whole)["RU"], crimea).area
    assert a > 0 and a == pytest.approx(b, rel=1e-6)
    assert _beyond_reach(cut, "RU", front_km=None) > 0.1


def test_a_place_known_only_from_attacks_on_it_reaches_half_as_far(gaz):
    # Vuhledar is named only as the target of Russian assaults (its holder implied),
    # Kurakhove and Velyka Novosilka as held by Ukrainian forces; Russian-held places lie
    # 25-50 km south and east of Vuhledar.
    held = [*UKRAINIAN[:3], "Kurakhove", "Velyka Novosilka"]
    rows = holdings(gaz, held, [*RUSSIAN, "Dokuchaievsk", "Donetsk", "Makiivka"])
    v = gaz.resolve("Vuhledar", country="UA")
    rows.append(("a", "2022-07-08", "clash", RU, UA, "Vuhledar", v.lon, v.lat, "reported"))
    events = events_of(rows)
    settlements, country = corpus_setting(events)

    def ukrainian(options: CutOptions) -> tuple[ControlMap, shapely.Geometry]:
        cm = ControlMap.build(events, settlements=settlements, clip=country, cut=options)
        return cm, _areas(cm)["UA"]

    cm, area = ukrainian(CutOptions())
    at = cm.sites.site_of(np.array([(v.lon, v.lat)]))
    assert cm.model.implied_only[at[0]]
    shown = cm.site_states(DAY)[0]
    ua = np.flatnonzero(cm.model.reported & (shown == "UA") & ~cm.model.implied_only)
    ru = np.flatnonzero(cm.model.reported & (shown == "RU"))
    # Ground near the front 7.5-15 km from Vuhledar that no other Ukrainian report reaches.
    ring = shapely.difference(cm.sites.discs(at, 15.0), cm.sites.discs(at, 7.5))
    ring = shapely.difference(ring, cm.sites.discs(ua, 15.0))
    ring = shapely.intersection(ring, cm.sites.discs(ru, 30.0))
    assert shapely.intersection(area, cm.sites.discs(at, 7.5)).area > 0  # it still shades
    # (up to the ~0.1 m grid the areas are snapped to where water is taken out of them)
    assert shapely.intersection(area, ring).area < 1e-6
    # With a full reach its shading stretches past 7.5 km.
    _, full = ukrainian(CutOptions(implied_km=15.0))
    assert shapely.intersection(full, ring).area > 1e-4
