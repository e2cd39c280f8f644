"""A thousand reports in a real browser: grouped at low zoom, regions outlined on selection."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from maps.site import render_site
from maps.synthetic import synthetic_events

pytestmark = pytest.mark.browser

REGION = box(35.2, 48.4, 36.8, 49.6)
REGION_POINT = (36.0, 49.0)  # lon, lat of the region report's marker


@pytest.fixture(scope="module")
def feed_table() -> gpd.GeoDataFrame:
    frame = synthetic_events(1200, seed=21, days=60, bounds=(34.5, 48.0, 37.5, 50.0))
    first = frame.iloc[0].to_dict()
    extra = [
        first
        | {
            "event_id": "region-1",
            "action": "advance",
            "geometry": REGION,
            "longitude": REGION_POINT[0],
            "latitude": REGION_POINT[1],
            "geo_precision": 3,
            "location": "Area R",
            "actor1": "Military Forces of Russia",
            "quote": "An invented report about the whole of Area R.",
        },
        first
        | {
            "event_id": "comment-1",
            "action": "strategic",
            "actor1": "Government of Peru",
            "actor2": "",
        },
    ]
    rows = pd.concat([frame, gpd.GeoDataFrame(extra, crs="EPSG:4326")], ignore_index=True)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="module")
def feed(tmp_path_factory, tiny_base, feed_table):
    return render_site(feed_table, tmp_path_factory.mktemp("feed"), base=tiny_base, snippets=False)


def _frames(page, n: int = 2) -> None:
    for _ in range(n):
        page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")


def test_a_thousand_reports_are_grouped_at_low_zoom_and_split_when_zoomed_in(
    feed,
    feed_table,
    open_page,
):
    page, rec = open_page(feed.index, width=1000, height=700)
    _frames(page)
    visible = len(page.evaluate("window.frontline.visibleEventIds()"))
    assert visible > 1000
    groups = page.evaluate("window.frontline.groups()")
    counts = [g["count"] for g in groups]
    assert 1 <= len(groups) <= 60, "a few dozen groups, not a thousand markers"
    assert all(c >= 3 for c in counts)
    assert sum(counts) >= 0.8 * visible  # every dense spot is in a group
    assert sum(counts) <= visible

    # The slider day's reports are counted in their groups, and only they.
    for k in (-1, -20):
        page.evaluate(f"window.frontline.setIndex(window.frontline.dates.length + ({k}))")
        _frames(page)
        day = page.evaluate("window.frontline.dates[window.frontline.index()]")
        that_day = int((feed_table["event_date"] == day).sum())
        fresh = sum(g["fresh"] for g in page.evaluate("window.frontline.groups()"))
        assert 0 < fresh <= that_day
    page.evaluate("window.frontline.setIndex(window.frontline.dates.length - 1)")
    _frames(page)

    # Clicking the largest group zooms in on its reports.
    big = max(groups, key=lambda g: g["count"])
    zoom = page.evaluate("window.frontline.map.getZoom()")
    point = page.evaluate(
        f"(() => {{ const p = window.frontline.map.latLngToContainerPoint([{big['lat']}, "
        f"{big['lng']}]); const r = window.frontline.map.getContainer().getBoundingClientRect();"
        " return {x: p.x + r.left, y: p.y + r.top}; })()"
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(f"window.frontline.map.getZoom() > {zoom}", timeout=10000)
    page.wait_for_timeout(400)  # the zoom animation ends

    # From the zoom where markers are drawn one by one, there are no groups.
    page.evaluate("window.frontline.map.setView([49.0, 36.0], 10, {animate: false})")
    _frames(page)
    assert page.evaluate("window.frontline.map.getZoom()") == 10
    assert page.evaluate("window.frontline.groups()") == []
    assert rec.errors == []


def test_legend_shows_the_belligerents_and_other_only(feed, open_page):
    page, rec = open_page(feed.index, width=1000, height=700)
    text = page.locator(".fl-legend-body").inner_text()
    assert "Russia" in text and "Ukraine" in text and "Other or unknown" in text
    assert "Peru" not in text
    assert rec.errors == []


def test_a_region_is_outlined_only_while_its_report_is_selected(feed, open_page):
    page, rec = open_page(feed.index, width=1000, height=700)
    outlines = page.locator(".leaflet-fl-selected-pane path.fl-outline")
    assert outlines.count() == 0
    page.evaluate(
        f"window.frontline.map.setView([{REGION_POINT[1]}, {REGION_POINT[0]}], 12, "
        "{animate: false})"
    )
    _frames(page)
    point = page.evaluate("window.frontline.markerPoint('region-1')")
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content .fl-popup")
    popup.wait_for(timeout=10000)
    assert "whole of Area R" in popup.inner_text()
    assert outlines.count() == 1
    # The outline is the region's, drawn around the marker, and nearly unfilled.
    page.evaluate("window.frontline.map.setView([49.0, 36.0], 7, {animate: false})")
    _frames(page)
    shape = outlines.first.bounding_box()
    corner = page.evaluate(
        "(() => { const m = window.frontline.map, r = m.getContainer().getBoundingClientRect();"
        f" const a = m.latLngToContainerPoint([{REGION.bounds[3]}, {REGION.bounds[0]}]);"
        f" const b = m.latLngToContainerPoint([{REGION.bounds[1]}, {REGION.bounds[2]}]);"
        " return [a.x + r.left, a.y + r.top, b.x + r.left, b.y + r.top]; })()"
    )
    assert shape["x"] == pytest.approx(corner[0], abs=3)
    assert shape["y"] == pytest.approx(corner[1], abs=3)
    assert shape["x"] + shape["width"] == pytest.approx(corner[2], abs=3)
    assert float(outlines.first.get_attribute("fill-opacity")) < 0.1
    page.locator(".leaflet-popup-close-button").click()
    assert outlines.count() == 0
    assert rec.errors == []


def test_reports_at_one_spot_are_listed_and_each_can_be_opened(feed, feed_table, open_page):
    # Every report of a synthetic place is anchored on it (a movement ends there).
    place = feed_table.groupby("location").size().idxmax()
    here = feed_table[feed_table["location"] == place]
    here = (
        here[here.geometry.geom_type == "Point"]
        .iloc[:1]
        .pipe(lambda first: pd.concat([first, here.drop(first.index)]))
    )
    lon, lat = here.iloc[0]["longitude"], here.iloc[0]["latitude"]
    page, rec = open_page(feed.index, width=1000, height=700)
    page.evaluate(f"window.frontline.map.setView([{lat}, {lon}], 12, {{animate: false}})")
    _frames(page)
    point = page.evaluate(f"window.frontline.markerPoint({here.iloc[0]['event_id']!r})")
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content .fl-popup")
    popup.wait_for(timeout=10000)
    items = popup.locator("button.fl-p-item")
    assert items.count() == min(len(here) - 1, 12)
    first = popup.get_attribute("data-event-index")
    target = items.first.get_attribute("data-event-index")
    items.first.click()
    # the popup is redrawn after the click: wait for the chosen report (a loaded machine
    # running the whole suite may take seconds)
    page.wait_for_function(
        "t => document.querySelector('.leaflet-popup-content .fl-popup')"
        "?.getAttribute('data-event-index') === t",
        arg=target,
        timeout=10000,
    )
    popup = page.locator(".leaflet-popup-content .fl-popup")
    assert popup.get_attribute("data-event-index") == target != first
    assert rec.errors == []
