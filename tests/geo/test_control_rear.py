"""Far behind the traced front, the ground no report names takes its side."""

from __future__ import annotations

import numpy as np
import shapely
from control_rows import events_of, holdings

from geo.control import ControlMap, corpus_setting
from geo.control_areas import Sites
from geo.control_rear import RearOptions, rear_sides

BOX = shapely.box(33.0, 47.0, 37.0, 50.0)


def _setting() -> tuple[Sites, np.ndarray, np.ndarray, shapely.Geometry]:
    """Sites every 0.1 degree, a front along 35°E: Ukrainian west of it, Russian east."""
    xs, ys = np.meshgrid(np.arange(33.05, 37.0, 0.1), np.arange(47.05, 50.0, 0.1))
    sites = Sites.build(np.column_stack([xs.ravel(), ys.ravel()]), BOX)
    traced = np.where(sites.lonlat[:, 0] < 35.0, "UA", "RU").astype(object)
    return (
        sites,
        traced,
        np.full(len(traced), "", dtype=object),
        shapely.LineString([(35.0, 47.0), (35.0, 50.0)]),
    )


def _site(sites: Sites, lon: float, lat: float) -> int:
    return int(sites.site_of(np.array([[lon, lat]]))[0])


def _report(sites, shown, reported, places) -> None:
    for lon, lat, side in places:
        k = _site(sites, lon, lat)
        reported[k], shown[k] = True, side


def test_the_rear_far_from_the_front_and_the_other_sides_reports_takes_its_side():
    sites, traced, shown, front = _setting()
    reported = np.zeros(len(shown), dtype=bool)
    ukrainian = [(34.05, 48.55, "UA"), (34.05, 48.95, "UA")]
    _report(sites, shown, reported, [*ukrainian, (35.95, 48.55, "RU"), (35.95, 48.15, "RU")])
    # A report of no side: a doubted place keeps its blank.
    doubted = _site(sites, 33.45, 49.55)
    reported[doubted] = True
    out = rear_sides(sites, shown, traced, reported, front, ("RU", "UA"))
    assert out[_site(sites, 33.45, 48.55)] == "UA"  # 115 km behind the line
    assert out[_site(sites, 36.55, 48.15)] == "RU"
    assert out[_site(sites, 34.85, 48.55)] == ""  # 11 km from the line: the front's
    assert out[doubted] == ""
    assert shown[_site(sites, 33.45, 48.55)] == ""  # the caller's array is left alone
    # Nothing is filled without a front, or with no rear asked for.
    assert (rear_sides(sites, shown, traced, reported, None, ("RU", "UA")) == shown).all()
    none = RearOptions(front_km=0.0)
    same = rear_sides(sites, shown, traced, reported, front, ("RU", "UA"), options=none)
    assert (same == shown).all()
    # One report alone (a besieged city) makes no rear.
    sites, traced, shown, front = _setting()
    reported = np.zeros(len(shown), dtype=bool)
    _report(sites, shown, reported, [*ukrainian, (35.95, 48.55, "RU")])
    out = rear_sides(sites, shown, traced, reported, front, ("RU", "UA"))
    assert out[_site(sites, 36.55, 48.15)] == ""
    assert out[_site(sites, 33.45, 48.55)] == "UA"


def test_a_report_of_the_other_side_keeps_the_rear_around_it_blank():
    sites, traced, shown, front = _setting()
    reported = np.zeros(len(shown), dtype=bool)
    ukrainian = [(34.05, 48.55, "UA"), (34.05, 48.95, "UA"), (33.55, 48.05, "UA")]
    # A Russian report deep behind the Ukrainian line, and two on the Russian side.
    russian = [(33.65, 49.45, "RU"), (35.95, 48.55, "RU"), (35.95, 48.15, "RU")]
    _report(sites, shown, reported, [*ukrainian, *russian])
    out = rear_sides(sites, shown, traced, reported, front, ("RU", "UA"))
    # Nearest the Russian report: not Ukrainian, nor Russian (the line says not).
    assert out[_site(sites, 33.55, 49.55)] == ""
    # Nearer a Ukrainian report but within 40 km of the Russian one: nobody's.
    assert out[_site(sites, 34.05, 49.25)] == ""
    assert out[_site(sites, 33.45, 48.35)] == "UA"  # 120 km from it


def test_the_map_shades_the_occupied_ground_behind_the_reported_towns(gaz):
    held, taken = ["Orikhiv", "Huliaipole", "Zaporizhzhia"], ["Tokmak", "Polohy", "Melitopol"]
    events = events_of(holdings(gaz, held, taken))
    settlements, country = corpus_setting(events)

    def russian(options: RearOptions) -> shapely.Geometry:
        cm = ControlMap.build(events, settlements=settlements, clip=country, rear=options)
        day = cm.days()[-1]
        shown = cm.site_states(day)[0]
        return cm.drawing(shown, cm.front_sites(day, shown))[1]["RU"]

    # A village no report names, 35 km behind the line and beyond Melitopol's reach.
    town = gaz.resolve("Novobohdanivka", country="UA")
    assert 46.9 < town.lat < 47.2 and 35.1 < town.lon < 35.5
    point = shapely.Point(town.lon, town.lat)
    assert russian(RearOptions()).contains(point)
    assert not russian(RearOptions(front_km=0.0)).contains(point)
