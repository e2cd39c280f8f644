"""How far a reported state reaches the places no report names (geo.control_reach)."""

from __future__ import annotations

import numpy as np
import shapely

from geo.control_areas import Sites
from geo.control_reach import propagate

BOX = shapely.box(30, 45, 40, 52)


def _sites() -> Sites:
    xs, ys = np.meshgrid(np.linspace(30.5, 39.5, 37), np.linspace(45.5, 51.5, 25))
    return Sites.build(np.column_stack([xs.ravel(), ys.ravel()]), BOX)


def _two_reports(sites: Sites, west_lonlat, east_lonlat, west_strength, east_strength):
    side = np.full(len(sites.lonlat), "", dtype=object)
    strength = np.zeros(len(side))
    west, east = sites.site_of(np.array([west_lonlat, east_lonlat]))
    side[west], strength[west] = "UA", west_strength
    side[east], strength[east] = "RU", east_strength
    d_west = np.hypot(*(sites.xy - sites.xy[west]).T)
    d_east = np.hypot(*(sites.xy - sites.xy[east]).T)
    return side, strength, d_west, d_east


def test_a_strong_report_does_not_shade_the_ground_nearer_a_weaker_contrary_one():
    sites = _sites()
    side, strength, d_west, d_east = _two_reports(sites, (33.0, 48.5), (34.5, 48.5), 1.0, 0.1)
    shown = propagate(sites, side, strength, max_km=120)
    nearer_east = d_east < d_west - 1
    assert (shown[nearer_east] != "UA").all()
    # the ground nearer the weak report is its side's where the strong one's signal fades
    assert (shown[nearer_east] == "RU").any()
    # a traced front bridges the gap: there the strongest report reaches past the weaker
    bridged = propagate(sites, side, strength, max_km=120, nearest=False)
    assert (bridged[nearer_east] == "UA").any()


def test_a_state_reaches_farther_behind_the_lines_than_near_the_other_side():
    sites = _sites()
    side, strength, d_west, d_east = _two_reports(sites, (31.0, 48.5), (33.0, 48.5), 1.0, 1.0)
    shown = propagate(sites, side, strength, max_km=40, rear_reach=2.0, rear_ratio=2.0)
    beyond = (d_west > 40) & (d_east > 40)
    rear = beyond & (d_west <= 80) & (d_east >= 2 * d_west)
    assert rear.sum() > 10
    assert (shown[rear] == "UA").all()
    # between the two reports the ground beyond their near reach stays unknown
    between = beyond & (d_west <= 80) & (d_east < 2 * d_west) & (d_west < d_east)
    assert between.any()
    assert (shown[between] == "").all()
    assert (shown[beyond & (d_west > 80) & (d_east > 80)] == "").all()
    # without the rear reach a state stops at max_km everywhere
    near_only = propagate(sites, side, strength, max_km=40, rear_reach=1.0)
    assert (near_only[beyond] == "").all()


def test_the_ground_beside_a_reported_place_goes_with_it():
    xs, ys = np.meshgrid(np.linspace(30.5, 39.5, 37), np.linspace(45.5, 51.5, 25))
    points = np.vstack([np.column_stack([xs.ravel(), ys.ravel()]), [[33.4, 48.5]]])
    sites = Sites.build(points, BOX)
    side, strength, _, _ = _two_reports(sites, (33.0, 48.5), (33.4, 48.5), 1.0, 0.1)
    west, east, between = sites.site_of(np.array([[33.0, 48.5], [33.4, 48.5], [33.25, 48.5]]))
    assert {west, between} in [set(e) for e in sites.edges.tolist()]  # neighbours
    fixed = side != ""
    # nearer the weak contrary report, but beside the strong one that reaches it
    assert propagate(sites, side, strength, max_km=120)[between] == ""
    shown = propagate(sites, side, strength, max_km=120, fixed=fixed)
    assert shown[between] == "UA"
    assert shown[east] == "RU"


def test_a_report_amid_the_other_sides_shades_no_ground_around_it():
    xs, ys = np.meshgrid(np.linspace(30.5, 39.5, 37), np.linspace(45.5, 51.5, 25))
    others = [[33.25, 48.72], [33.25, 48.28], [33.55, 48.5]]
    sites = Sites.build(np.vstack([np.column_stack([xs.ravel(), ys.ravel()]), others]), BOX)
    side = np.full(len(sites.lonlat), "", dtype=object)
    strength = np.zeros(len(side))
    lone, around = sites.site_of(np.array([[33.0, 48.5]]))[0], sites.site_of(np.array(others))
    side[lone], strength[lone] = "UA", 1.0
    side[around], strength[around] = "RU", 0.1
    beside = sites.site_of(np.array([[33.25, 48.5]]))[0]
    d = np.hypot(*(sites.xy[np.r_[lone, around]] - sites.xy[beside]).T)
    assert d[0] < d[1:].min() and d.max() < 30  # nearest to the lone report, all within 30 km
    fixed = side != ""
    counted = propagate(sites, side, strength, max_km=40, fixed=fixed)
    assert counted[beside] == "" and counted[lone] == "UA"
    uncounted = propagate(sites, side, strength, max_km=40, fixed=fixed, majority_km=0)
    assert uncounted[beside] == "UA"


def test_a_traced_front_takes_the_near_ground_as_shaded_then_splits_the_gap_by_distance():
    sites = _sites()
    side, strength, d_west, d_east = _two_reports(sites, (33.0, 48.5), (34.0, 48.5), 1.0, 0.1)
    kw = {"max_km": 100, "nearest": False}
    bridged = propagate(sites, side, strength, **kw)
    tiered = propagate(sites, side, strength, near_km=25, **kw)
    near_east = (d_east <= 25) & (d_east < d_west)
    # the strong report's reach covers the weak one's surroundings unless they come first
    assert (bridged[near_east & (d_west < 100)] == "UA").any()
    assert (tiered[near_east] == "RU").all()
    # in the gap beyond, the nearer report's side wins, however weak its evidence
    beyond = (d_east > 25) & (d_west > 25) & (np.minimum(d_east, d_west) < 100)
    nearer_east = beyond & (d_east < d_west - 1)
    nearer_west = beyond & (d_west < d_east - 1)
    assert nearer_east.sum() > 3 and nearer_west.sum() > 3
    assert (bridged[nearer_east] == "UA").any()
    assert (tiered[nearer_east] == "RU").all()
    assert (tiered[nearer_west] == "UA").all()


def test_ground_about_as_near_both_sides_reports_is_left_unknown():
    sites = _sites()
    side, strength, d_west, d_east = _two_reports(sites, (33.0, 48.5), (34.5, 48.5), 1.0, 1.0)
    middle = (d_west < d_east - 1) & (d_east < 1.45 * d_west) & (d_west < 100)
    assert middle.sum() > 3
    assert (propagate(sites, side, strength, max_km=150)[middle] == "").all()
    assert (propagate(sites, side, strength, max_km=150, margin=1.0)[middle] == "UA").all()
