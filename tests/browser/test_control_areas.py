"""The inferred areas in real Chromium: shaded on a date, changed by the slider, toggled off."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from maps.site import render_site
from maps.synthetic import hostile_event

pytestmark = pytest.mark.browser

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
AREAS = "Areas held (approximate, inferred from reports)"

# Invented reports: one side holds three towns; a week later the other side takes two.
REPORTS = [
    ("h1", "2022-04-01", "hold", UA, RU, "Town A", 36.20, 49.40),
    ("h2", "2022-04-01", "hold", UA, RU, "Town B", 36.60, 49.20),
    ("h3", "2022-04-01", "hold", UA, RU, "Town C", 35.80, 49.60),
    ("c1", "2022-04-08", "capture", RU, UA, "Town B", 36.60, 49.20),
    ("c2", "2022-04-08", "capture", RU, UA, "Town D", 36.90, 49.05),
]


@pytest.fixture(scope="module")
def areas_site(tmp_path_factory, tiny_base):
    rows = []
    for i, day, action, a1, a2, name, lon, lat in REPORTS:
        row = hostile_event(i, day)
        row.update(
            action=action,
            actor1=a1,
            actor2=a2,
            location=name,
            admin1="Area A",
            source="Synthetic Wire",
            source_url="https://example.org/" + i,
            quote=f"{name}: a synthetic report.",
            latitude=lat,
            longitude=lon,
            verification="confirmed",
            claimed_by="",
        )
        row["geometry"] = gpd.points_from_xy([lon], [lat])[0]
        rows.append(row)
    # A report on a whole region keeps its marker and never shades the region.
    region = dict(rows[0], event_id="r1", event_date="2022-04-03", action="capture")
    region.update(actor1=RU, actor2=UA, location="Area A", geo_precision=3)
    region.update(date_start="2022-04-03", date_end="2022-04-03", published_at="2022-04-03")
    region["geometry"] = box(35.0, 48.5, 37.5, 50.0)
    rows.append(region)
    table = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    out = tmp_path_factory.mktemp("areas")
    return render_site(table, out, base=tiny_base, snippets=False)


def _shaded(page) -> dict[str, list[int]]:
    return {a["side"]: a["polygons"] for a in page.evaluate("window.frontline.areasShown()")}


def test_the_areas_are_shaded_on_a_date_and_change_with_the_slider(areas_site, open_page):
    page, rec = open_page(areas_site.index, fragment="date=2022-04-01")
    assert page.evaluate("window.frontline.dates[window.frontline.index()]") == "2022-04-01"
    before = _shaded(page)
    assert set(before) == {"Ukraine"}
    paths = page.locator("path.fl-area")
    assert paths.count() == 1
    assert paths.first.get_attribute("fill-opacity") == "0.22"
    legend = page.locator(".fl-legend").inner_text()
    assert "Held by Ukraine" in legend and "Held by Russia" in legend
    assert "inferred from reports" in legend.lower()
    assert "Contested" not in legend  # no place's side is open again here

    page.evaluate("window.frontline.setIndex(window.frontline.dates.indexOf('2022-04-03'))")
    assert _shaded(page) == before  # the region's report shades nothing

    page.evaluate("window.frontline.setIndex(window.frontline.dates.indexOf('2022-04-08'))")
    after = _shaded(page)
    assert set(after) == {"Ukraine", "Russia"}
    assert after["Ukraine"] != before["Ukraine"]  # the town taken left its area
    assert page.locator("path.fl-area").count() == 2
    # The fills lie under the markers and the front.
    z = page.evaluate(
        "['fl-areas', 'fl-events', 'fl-front'].map(n => +window.frontline.map.getPane(n)"
        ".style.zIndex)"
    )
    assert z[0] < z[1] and z[0] < z[2]

    # Back to the first day: the first shading again, from the same polygons.
    page.evaluate("window.frontline.setIndex(0)")
    assert _shaded(page) == before

    # The layer control turns the inferred areas off.
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label(AREAS).uncheck()
    assert page.locator("path.fl-area").count() == 0
    assert page.evaluate("window.frontline.areasShown()") == []
    assert not rec.errors and not rec.remote()
