from __future__ import annotations

import json

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point

from gazetteer.exc import InputError
from maps.extent import bulk_mask, map_extent
from maps.layers import load_offline_base, region_of_interest
from maps.render import render_map

STRAY = (-77.04, 38.9)  # far from the synthetic area (34.5-37.5 E, 48-50 N)


def _with_stray(frame: gpd.GeoDataFrame, lon: float = STRAY[0], lat: float = STRAY[1]):
    row = frame.iloc[[0]].copy()
    row["event_id"] = "stray-1"
    row["longitude"], row["latitude"] = lon, lat
    row["geometry"] = [Point(lon, lat)]
    out = pd.concat([frame, row], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


def _fit(m: folium.Map) -> list[list[float]]:
    fits = [c for c in m._children.values() if isinstance(c, folium.map.FitBounds)]
    assert len(fits) == 1
    return fits[0].bounds


def _inside(bounds, lon, lat) -> bool:
    (s, w), (n, e) = bounds
    return s <= lat <= n and w <= lon <= e


def test_bulk_mask_drops_a_far_stray_and_keeps_a_compact_cluster():
    rng = np.random.default_rng(0)
    cluster = np.column_stack([rng.uniform(35, 39, 40), rng.uniform(47, 50, 40)])
    assert bulk_mask(cluster).all()
    mask = bulk_mask(np.vstack([cluster, [STRAY]]))
    assert mask[:-1].all() and not mask[-1]


def test_bulk_mask_keeps_two_regions_of_similar_weight():
    rng = np.random.default_rng(1)
    a = np.column_stack([rng.uniform(36, 38, 20), rng.uniform(47, 49, 20)])
    b = np.column_stack([rng.uniform(36, 38, 15), rng.uniform(35, 36, 15)])  # 1,300 km south
    assert bulk_mask(np.vstack([a, b])).all()


def test_bulk_mask_keeps_near_events_and_tiny_inputs():
    pts = np.array([[37.0, 48.0], [37.01, 48.0], [37.0, 48.01], [37.9, 48.3]])  # ~70 km away
    assert bulk_mask(pts).all()
    assert bulk_mask(np.array([[37.0, 48.0], list(STRAY)])).all()  # two: nothing to judge
    assert bulk_mask(np.empty((0, 2))).shape == (0,)


@pytest.mark.parametrize("bad", [np.zeros((3, 3)), np.array([[1.0, np.nan]] * 3)])
def test_bulk_mask_rejects_bad_coordinates(bad):
    with pytest.raises(InputError):
        bulk_mask(bad)


def test_map_extent_reports_bulk_and_full_bounds():
    pts = np.array([[36.0, 48.0], [37.0, 49.0], [38.0, 50.0], list(STRAY)])
    ext = map_extent(pts)
    assert ext.bulk == (36.0, 48.0, 38.0, 50.0)
    assert ext.full == (STRAY[0], STRAY[1], 38.0, 50.0)
    assert (ext.kept, ext.strays) == (3, 1)
    assert map_extent(np.empty((0, 2))) is None


def test_initial_view_ignores_a_stray_event(events, tiny_base):
    plain = _fit(render_map(events, base=tiny_base))
    m = render_map(_with_stray(events), base=tiny_base)
    fitted = _fit(m)
    assert fitted == plain
    assert not _inside(fitted, *STRAY)
    for lon, lat in zip(events["longitude"], events["latitude"], strict=True):
        assert _inside(fitted, lon, lat)
    # The stray is still on the map (reachable by panning), not dropped.
    assert "stray-1" in m.get_root().render()


def test_snippet_fits_its_own_events(events, tiny_base):
    part = events[events["longitude"] < 36.0]
    fitted = _fit(render_map(_with_stray(part), base=tiny_base, snippet=True))
    assert fitted[1][1] < 36.5  # east edge near the group's own events, not the whole area
    for lon, lat in zip(part["longitude"], part["latitude"], strict=True):
        assert _inside(fitted, lon, lat)


@pytest.fixture(scope="module")
def real_base():
    base = load_offline_base()
    assert base is not None and base.countries is not None
    return base


def _countries(m: folium.Map) -> list:
    layer = next(c for c in m._children.values() if getattr(c, "layer_name", "") == "Countries")
    feats = json.loads(layer.data_json)["features"]
    return [
        shapely.geometry.shape(f["geometry"]) for f in feats if f["properties"]["s"] == "outline"
    ]


def test_outline_detail_follows_the_bulk_not_a_stray(events, real_base):
    plain = _countries(render_map(events, base=real_base))
    strayed = _countries(render_map(_with_stray(events), base=real_base))
    roi = region_of_interest(
        tuple(map_extent(np.column_stack([events["longitude"], events["latitude"]])).bulk)
    )

    def detail(lines) -> int:
        parts = shapely.intersection(np.asarray(lines, dtype=object), roi)
        return int(shapely.get_num_coordinates(parts).sum())

    # Same detail where the events are; the stray's own country is outlined too.
    assert detail(strayed) >= 0.95 * detail(plain) > 100
    stray = Point(*STRAY).buffer(3)
    assert any(g.intersects(stray) for g in strayed)
    assert not any(g.intersects(stray) for g in plain)
