"""A map that reads on a real feed: its sides, its regions, its opening view."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from gazetteer.exc import InputError
from maps.extent import dense_bounds, map_extent
from maps.render import map_html, render_map
from maps.style import OTHER_LABEL, belligerents
from maps.table import map_events


def _payload(m: folium.Map) -> dict:
    text = map_html(m)
    match = re.search(r"window\.frontlineMap\(map_\w+, (\{.*?\}), \{", text, re.S)
    assert match, "the slider call is in the page"
    return json.loads(match.group(1))


def _rows(frame: gpd.GeoDataFrame, changes: list[dict]) -> gpd.GeoDataFrame:
    """Copy the frame's first row once per change (invented events of our own)."""
    extra = []
    for k, change in enumerate(changes):
        row = frame.iloc[0].to_dict() | {"event_id": f"extra-{k}"} | change
        extra.append(row)
    out = pd.concat([frame, gpd.GeoDataFrame(extra, crs="EPSG:4326")], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="module")
def crowded(events) -> gpd.GeoDataFrame:
    """Two armies, plus governments and a neighbour that comment, strike or withdraw once."""
    return _rows(
        events,
        [
            {"actor1": "Government of Peru", "action": "strategic", "actor2": ""},
            {"actor1": "Military Forces of Finland", "action": "strike", "actor2": ""},
            {"actor1": "Belarusian troops", "action": "withdraw", "actor2": ""},
            {"actor1": "Government of Kazakhstan", "action": "clash", "actor2": ""},
        ],
    )


def test_belligerents_are_the_sides_that_fight_for_ground(crowded):
    evs = map_events(crowded)
    assert belligerents(evs) == [("RU", "Russia"), ("UA", "Ukraine")]
    # A third side that takes and holds ground as often is one too.
    third = _rows(
        crowded,
        [
            {"actor1": "Military Forces of Belarus", "action": "capture", "event_id": f"by-{k}"}
            for k in range(8)
        ],
    )
    assert ("BY", "Belarus") in belligerents(map_events(third))


def test_legend_lists_the_belligerents_and_other_only(crowded, tiny_base):
    data = _payload(render_map(crowded, base=tiny_base))
    labels = [s["label"] for s in data["sides"]]
    assert labels == ["Russia", "Ukraine", OTHER_LABEL]
    for name in ("Peru", "Finland", "Belarus", "Kazakhstan"):
        assert name not in data["legend"]
    assert "Russia" in data["legend"] and "Ukraine" in data["legend"]
    other = labels.index(OTHER_LABEL)
    for k in range(4):
        i = data["ids"].index(f"extra-{k}")
        assert data["ev"][i][4] == other


def test_without_another_actor_there_is_no_other_entry(events, tiny_base):
    labels = [s["label"] for s in _payload(render_map(events, base=tiny_base))["sides"]]
    assert labels == ["Russia", "Ukraine"]


def test_a_region_report_keeps_a_marker_and_its_outline_is_shared_not_filled(events, tiny_base):
    oblast = box(35.0, 48.2, 36.6, 49.4)
    frame = _rows(
        events,
        [
            {
                "action": "advance",
                "actor1": "Military Forces of Russia",
                "geometry": oblast,
                "latitude": 48.8,
                "longitude": 35.8,
                "geo_precision": 3,
                "location": "Area R",
            },
            {
                "action": "capture",
                "actor1": "Military Forces of Russia",
                "geometry": oblast,
                "latitude": 48.8,
                "longitude": 35.8,
                "geo_precision": 3,
                "location": "Area R",
            },
        ],
    )
    data = _payload(render_map(frame, base=tiny_base))
    a, b = (data["ev"][data["ids"].index(f"extra-{k}")] for k in range(2))
    assert a[5][0] == "A" and a[5] == b[5], "one outline, stored once, for both reports"
    assert a[6] == 1 and b[6] == 1, "flagged as about a whole region"
    assert (a[1], a[2]) == (48.8, 35.8), "the marker stays at the region's point"
    rings = data["outlines"][a[5][1]]
    lats = [lat for lat, _ in rings[0][0]]
    assert min(lats) == pytest.approx(48.2) and max(lats) == pytest.approx(49.4)
    assert not any(e[5] and e[5][0] == "P" for e in data["ev"]), "no area drawn as filled"
    assert "Whole region" in data["legend"]


def test_dense_bounds_drop_a_thin_scatter_and_keep_a_uniform_spread():
    rng = np.random.default_rng(4)
    dense = np.column_stack([rng.uniform(36, 38.5, 600), rng.uniform(47, 49.5, 600)])
    scatter = np.column_stack([rng.uniform(24, 31, 20), rng.uniform(45, 52, 20)])
    west, south, east, north = dense_bounds(np.vstack([dense, scatter]))
    assert west > 33 and 35.8 < east <= 38.5
    assert 46.5 < south < 47.1 and 49.4 < north < 50
    assert (dense[:, 0] >= west).mean() > 0.97 and (dense[:, 0] <= east).all()
    # An even spread has no denser part: all of it stays in view.
    grid = np.column_stack(
        [np.repeat(np.linspace(30, 40, 20), 20), np.tile(np.linspace(45, 52, 20), 20)]
    )
    assert dense_bounds(grid) == (30.0, 45.0, 40.0, 52.0)
    with pytest.raises(InputError):
        dense_bounds(np.empty((0, 2)))
    with pytest.raises(InputError):
        dense_bounds(dense, share=0)


def test_region_points_do_not_widen_the_view():
    named = np.column_stack([np.linspace(37, 38, 50), np.linspace(48, 49, 50)])
    centres = np.array([[31.2, 49.0], [44.0, 56.0]])  # a country's and a region's centre
    pts = np.vstack([named, centres])
    flags = np.array([True] * 50 + [False] * 2)
    ext = map_extent(pts, weight=flags)
    assert ext.bulk == (37.0, 48.0, 38.0, 49.0)
    assert ext.full == (31.2, 48.0, 44.0, 56.0)
    with pytest.raises(InputError):
        map_extent(pts, weight=flags[:3])


def test_opening_view_is_where_events_are_dense(events, tiny_base):
    far = [
        {
            "event_id": f"far-{k}",
            "longitude": 30.5 + 0.05 * k,
            "latitude": 45.0 + 0.3 * k,
            "geometry": Point(30.5 + 0.05 * k, 45.0 + 0.3 * k),
        }
        for k in range(3)
    ]
    m = render_map(_rows(events, far), base=tiny_base)
    fit = next(c for c in m._children.values() if isinstance(c, folium.map.FitBounds))
    (south, west), (north, east) = fit.bounds
    assert west > 32, "three scattered reports do not pull the view west"
    inside = (
        (events["longitude"] >= west)
        & (events["longitude"] <= east)
        & (events["latitude"] >= south)
        & (events["latitude"] <= north)
    )
    assert inside.all()


_INVENTED = {
    "one.md": (
        "---\ntitle: Invented report one\nsource: Test Wire\npublished: 2022-09-10\n---\n"
        "Ukrainian forces liberated Balakliia on Thursday, the Ukrainian General Staff said. "
        "Russian forces withdrew from Kupiansk on Friday. The Peruvian government called for "
        "talks on Friday.\n"
    ),
    "two.md": (
        "---\ntitle: Invented report two\nsource: Test Wire\npublished: 2022-09-12\n---\n"
        "Russian troops captured the village of Bilohorivka on Sunday. Russian forces advanced "
        "in Donetsk Oblast on Sunday. Belarusian troops withdrew from the border area on "
        "Saturday, officials in Minsk said.\n"
    ),
}


def test_articles_to_a_map_of_two_sides_with_an_unshaded_oblast(gaz, tmp_path):
    from geo.pipeline import Pipeline

    for name, text in _INVENTED.items():
        (tmp_path / name).write_text(text, "utf-8")
    table = Pipeline(gaz).run([tmp_path]).events
    data = _payload(render_map(table))
    assert [s["label"] for s in data["sides"]] == ["Russia", "Ukraine", OTHER_LABEL]
    assert "Belarus" not in data["legend"] and "Peru" not in data["legend"]
    regions = [e for e in data["ev"] if e[6]]
    assert regions, "the oblast-wide advance is a report about a region"
    assert all(e[5] is None or e[5][0] == "A" for e in regions)
    assert not any(e[5] and e[5][0] == "P" for e in data["ev"])
