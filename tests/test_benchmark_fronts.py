"""The truth front the control benchmarks measure against (benchmarks/control_truth.py)."""

from __future__ import annotations

import geopandas as gpd
import shapely

from benchmarks.control_truth import EQUAL_AREA, Week, front_lines

COUNTRY = shapely.box(30.0, 46.0, 34.0, 50.0)


def _metres(geometry):
    return gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(EQUAL_AREA).iloc[0]


def test_the_truth_front_is_where_the_occupied_area_meets_the_rest_of_the_country():
    # the eastern quarter occupied, its coast drawn 3 km out to sea from the country's
    occupied = shapely.box(33.0, 45.97, 34.0, 50.0)
    (front,) = front_lines([Week("2022-07-04", [occupied], [])], COUNTRY)
    edge = _metres(shapely.LineString([(33.0, 46.0), (33.0, 50.0)]))
    # the western edge, short of the country's outline at both ends; not the coast that
    # meets no ground of the rest of the country
    assert 0.95 * edge.length < front.length < edge.length
    assert shapely.hausdorff_distance(front, edge) < 5_000
    # two occupied pieces that meet (an isthmus) draw no front between them
    north, south = shapely.box(33.0, 48.0, 34.0, 50.0), shapely.box(33.0, 46.0, 34.0, 48.0)
    (joined,) = front_lines([Week("2022-07-04", [north, south], [])], COUNTRY)
    assert abs(joined.length - front.length) < 5_000
    # a pocket of the rest of the country amid the occupied area is ringed by front
    ring = shapely.box(32.0, 47.0, 34.0, 49.0).difference(shapely.box(32.5, 47.5, 33.0, 48.0))
    (pocket,) = front_lines([Week("2022-07-04", [ring], [])], COUNTRY)
    hole = _metres(shapely.box(32.5, 47.5, 33.0, 48.0).exterior)
    assert shapely.length(shapely.intersection(pocket, hole.buffer(100))) > 0.95 * hole.length
