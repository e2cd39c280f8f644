"""A country of reports in real Chromium: the inferred areas and front read under them.

While inferred areas are drawn at country zoom, reports and places of reported control
are small dots (full size under the pointer, zoomed in, or with the areas off), measured
on screenshots.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest

from maps.site import render_site
from maps.style import belligerents
from maps.synthetic import synthetic_events
from maps.table import prepare_events

pytestmark = pytest.mark.browser

AREAS = "Areas held (approximate, inferred from reports)"
CONTROL = "Reported control (last report per place)"
REPORTS = "Reports"
WIDTH, HEIGHT = 900, 650

_DECODE = """async (b64) => {
  const img = new Image();
  img.src = "data:image/png;base64," + b64;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, c.width, c.height).data;
  let s = "";
  for (let i = 0; i < px.length; i += 8192) {
    s += String.fromCharCode.apply(null, px.subarray(i, i + 8192));
  }
  return [c.width, c.height, btoa(s)];
}"""


@pytest.fixture(scope="module")
def country_table():
    return synthetic_events(600, seed=7, days=40, bounds=(34.5, 47.5, 38.5, 50.5))


@pytest.fixture(scope="module")
def country(tmp_path_factory, tiny_base, country_table):
    out = tmp_path_factory.mktemp("country")
    return render_site(country_table, out, base=tiny_base, snippets=False)


def _pixels(page) -> np.ndarray:
    """The page as an (height, width, 3) array, decoded by the browser itself."""
    shot = base64.b64encode(page.screenshot()).decode("ascii")
    w, h, raw = page.evaluate(_DECODE, shot)
    return np.frombuffer(base64.b64decode(raw), dtype=np.uint8).reshape(h, w, 4)[:, :, :3]


def _map_only(rgb: np.ndarray) -> np.ndarray:
    """Pixels of the map itself: without the legend (bottom left) and the slider bar."""
    keep = np.ones(rgb.shape[:2], dtype=bool)
    keep[HEIGHT - 44 :, :] = False
    keep[: HEIGHT - 44, :320] = False  # the legend's column and the zoom buttons
    return keep


def _changed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (np.abs(a.astype(int) - b.astype(int)).sum(axis=2) > 24) & _map_only(a)


def _show(page, label: str, on: bool) -> None:
    """Tick or untick an overlay of the layer control without opening it over the map."""
    page.evaluate(
        """([label, on]) => {
          for (const l of document.querySelectorAll(".leaflet-control-layers-overlays label")) {
            const box = l.querySelector("input");
            if (l.textContent.trim() === label && box.checked !== on) { box.click(); }
          }
        }""",
        [label, on],
    )
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _over_pixels(page) -> int:
    return page.evaluate(
        """(() => { let n = 0;
          for (const c of document.querySelectorAll("canvas.fl-events-over")) {
            const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) { if (d[i]) { n++; } }
          }
          return n; })()"""
    )


def test_at_country_zoom_reports_are_dots_and_the_areas_read(country, open_page):
    page, rec = open_page(country.index, width=WIDTH, height=HEIGHT)
    page.mouse.move(WIDTH - 5, 5)
    assert page.evaluate("window.frontline.map.getZoom()") < 9
    assert page.evaluate("window.frontline.areasShown()") != []
    assert page.evaluate("window.frontline.dots()")

    everything = _pixels(page)
    _show(page, REPORTS, False)
    no_reports = _pixels(page)
    _show(page, CONTROL, False)
    areas_only = _pixels(page)
    _show(page, AREAS, False)
    bare = _pixels(page)

    # The areas' own pixels, and how many of them still show with every layer on.
    area = _changed(areas_only, bare)
    assert area.sum() > 2000
    kept = ~_changed(everything, areas_only) & area
    assert kept.sum() >= 0.8 * area.sum()

    # With the areas off, reports are drawn at full size: the dots cover far less.
    assert not page.evaluate("window.frontline.dots()")
    _show(page, REPORTS, True)
    full = _pixels(page)
    dots = _changed(everything, no_reports).sum()
    assert 0 < dots < 0.4 * _changed(full, bare).sum()

    # Zoomed in, with the areas on, full size again.
    _show(page, AREAS, True)
    _show(page, CONTROL, True)
    assert page.evaluate("window.frontline.dots()")
    page.evaluate("window.frontline.map.setZoom(9, {animate: false})")
    assert not page.evaluate("window.frontline.dots()")
    page.evaluate("window.frontline.map.setZoom(7, {animate: false})")
    assert page.evaluate("window.frontline.dots()")
    assert rec.errors == []


def test_the_group_under_the_pointer_shows_at_full_size_and_opens(country, open_page):
    page, rec = open_page(country.index, width=WIDTH, height=HEIGHT)
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("window.frontline.dots()")
    groups = page.evaluate("window.frontline.groups()")
    assert groups
    big = max(groups, key=lambda g: g["count"])
    point = page.evaluate(
        f"(() => {{ const p = window.frontline.map.latLngToContainerPoint([{big['lat']}, "
        f"{big['lng']}]); const r = window.frontline.map.getContainer().getBoundingClientRect();"
        " return {x: p.x + r.left, y: p.y + r.top}; })()"
    )
    page.mouse.move(WIDTH - 5, 5)
    assert _over_pixels(page) == 0
    page.mouse.move(point["x"], point["y"])
    drawn = _over_pixels(page)
    # A full-size group: a ring of at least 9 px radius, far more than a 3 px dot.
    assert drawn > 200
    # Still drawn while the pointer stays on the full-size ring, off its dot.
    page.mouse.move(point["x"] + 7, point["y"])
    assert _over_pixels(page) == drawn
    page.mouse.move(WIDTH - 5, 5)
    assert _over_pixels(page) == 0

    zoom = page.evaluate("window.frontline.map.getZoom()")
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(f"window.frontline.map.getZoom() > {zoom}", timeout=10000)
    assert rec.errors == []


def test_the_legend_says_what_is_inferred_and_lists_the_belligerents(
    country, country_table, open_page
):
    page, rec = open_page(country.index, width=WIDTH, height=HEIGHT)
    body = page.locator(".fl-legend-body")
    text = body.inner_text()
    assert "Control, inferred from reports".lower() in text.lower()
    assert "Approximate front line, inferred from reports" in text
    # The sides are the corpus's belligerents, each of them holding inferred ground.
    fighting = [label for _, label in belligerents(prepare_events(country_table)[0])]
    assert len(fighting) == 2
    side_rows = page.evaluate(
        """(() => { const h = [...document.querySelectorAll(".fl-legend-h")]
            .find(e => e.textContent === "Side");
          return [...h.nextElementSibling.querySelectorAll(".fl-row")]
            .map(r => r.textContent.trim()); })()"""
    )
    assert sorted(side_rows) == sorted(fighting)
    for label in fighting:
        assert f"Held by {label}" in text
    # Some places' last reports leave their side open here: their entry shows.
    assert "Contested or unclear" in text
    assert rec.errors == []
