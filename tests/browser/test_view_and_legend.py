from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from maps.site import render_site

pytestmark = pytest.mark.browser

STRAY = (-77.04, 38.9)


@pytest.fixture(scope="module")
def stray_site(tmp_path_factory, table, tiny_base):
    row = table[table["event_id"] == "syn-000007"].copy()
    row["event_id"] = "stray-1"
    row["longitude"], row["latitude"] = STRAY
    row["geometry"] = [Point(*STRAY)]
    frame = gpd.GeoDataFrame(
        pd.concat([table, row], ignore_index=True), geometry="geometry", crs="EPSG:4326"
    )
    return render_site(frame, tmp_path_factory.mktemp("stray"), base=tiny_base, max_snippets=1)


def _bounds(page) -> tuple[float, float, float, float]:
    return tuple(
        page.evaluate(
            "(() => { const b = window.frontline.map.getBounds();"
            " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()"
        )
    )


def test_opening_view_fits_the_bulk_and_the_stray_is_reachable(stray_site, table, open_page):
    page, rec = open_page(stray_site.index, width=1000, height=700)
    west, south, east, north = _bounds(page)
    for lon, lat in zip(table["longitude"], table["latitude"], strict=True):
        assert west <= lon <= east and south <= lat <= north
    assert not (west <= STRAY[0] <= east)
    assert east - west < 30  # a regional view, not the world
    assert page.evaluate("window.frontline.map.getZoom()") >= 5

    # Panning there shows the stray event, which opens its popup.
    page.evaluate(f"window.frontline.map.panTo([{STRAY[1]}, {STRAY[0]}], {{animate: false}})")
    page.wait_for_timeout(100)
    point = page.evaluate("window.frontline.markerPoint('stray-1')")
    page.mouse.click(point["x"], point["y"])
    page.locator(".leaflet-popup-content .fl-popup").wait_for(timeout=10000)
    assert rec.errors == []


def _frame(browser, snippet, width: int):
    host = snippet.path.parent.parent / f"host-legend-{width}.html"
    host.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        f"<div style='width:{width}px'>{snippet.embed_code}</div></body></html>",
        "utf-8",
    )
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(host.resolve().as_uri(), wait_until="load")
    frame = page.locator("iframe").element_handle().content_frame()
    frame.wait_for_function("window.frontline !== undefined", timeout=10000)
    return page, frame


def test_legend_is_collapsed_in_a_narrow_frame_and_opens_by_keyboard(site, browser):
    page, frame = _frame(browser, site.snippets[0], 360)
    try:
        toggle = frame.locator(".fl-legend-toggle")
        body = frame.locator(".fl-legend-body")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.get_attribute("aria-controls") == body.get_attribute("id")
        assert not body.is_visible()
        # Collapsed, it is a small button in the bottom-left corner above the slider,
        # not hidden under the credits.
        box, bar = toggle.bounding_box(), frame.locator(".fl-bar").bounding_box()
        frame_box = page.locator("iframe").bounding_box()
        assert box["x"] - frame_box["x"] < 40 and box["width"] < 120
        assert box["y"] + box["height"] <= bar["y"]
        centre = frame.evaluate(
            f"(() => {{ const e = document.elementFromPoint("
            f"{box['x'] - frame_box['x'] + box['width'] / 2}, "
            f"{box['y'] - frame_box['y'] + box['height'] / 2}); "
            "return e.closest('.fl-legend-toggle') !== null; })()"
        )
        assert centre, "the toggle is on top, clickable"

        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert body.is_visible()
        assert "reported action" in body.inner_text().lower()
        page.keyboard.press(" ")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not body.is_visible()
    finally:
        page.close()


def test_legend_is_open_and_compact_in_a_wide_frame(site, open_page):
    page, rec = open_page(site.index, width=1000, height=700)
    toggle = page.locator(".fl-legend-toggle")
    assert toggle.get_attribute("aria-expanded") == "true"
    legend = page.locator(".fl-legend").bounding_box()
    bar = page.locator(".fl-bar").bounding_box()
    assert legend["x"] < 40  # bottom-left corner
    assert legend["y"] + legend["height"] <= bar["y"]
    assert legend["width"] <= 310 and legend["width"] * legend["height"] < 0.12 * 1000 * 700
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert rec.errors == []


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", [360, 420])
def test_on_a_phone_the_legend_stands_above_the_credits_and_the_slider(site, open_page, width):
    page, rec = open_page(site.index, width=width, height=740)
    toggle = page.locator(".fl-legend-toggle")
    credits = page.locator(".leaflet-control-attribution")
    assert "GeoNames" in credits.inner_text()
    for expanded in ("false", "true"):
        if toggle.get_attribute("aria-expanded") != expanded:
            toggle.click()
        assert toggle.get_attribute("aria-expanded") == expanded
        legend = page.locator(".fl-legend").bounding_box()
        text = credits.bounding_box()
        bar = page.locator(".fl-bar").bounding_box()
        assert not _overlap(legend, text), (expanded, legend, text)
        assert legend["y"] + legend["height"] <= text["y"]
        assert legend["y"] + legend["height"] <= bar["y"]
        assert legend["y"] >= 0 and legend["x"] < 40
        # The credits are on top where they are drawn: nothing covers their middle.
        covered = page.evaluate(
            f"document.elementFromPoint({text['x'] + text['width'] / 2}, "
            f"{text['y'] + text['height'] / 2}).closest('.leaflet-control-attribution') === null"
        )
        assert not covered
    assert rec.errors == []
