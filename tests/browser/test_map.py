from __future__ import annotations

import pytest

from maps.synthetic import HOSTILE_QUOTE
from maps.table import load_events, map_events

pytestmark = pytest.mark.browser


def expected_visible(table, date: str) -> list[str]:
    """Events a reader should see at a date: every report up to it, plus undated ones."""
    events = map_events(load_events(table))
    return sorted(e.event_id for e in events if e.day is None or e.day <= date)


def state(page) -> tuple[str, list[str]]:
    return (
        page.evaluate("window.frontline.dates[window.frontline.index()]"),
        page.evaluate("window.frontline.visibleEventIds()"),
    )


def test_map_loads_offline_without_errors_or_requests(site, open_page):
    page, rec = open_page(site.index)
    page.wait_for_timeout(200)
    assert rec.errors == []
    assert rec.remote() == []
    # Country outlines and the border are drawn from the offline base geometry.
    assert page.locator(".leaflet-overlay-pane path").count() >= 3
    assert page.locator("canvas.fl-events-canvas").count() >= 1
    caption = page.locator(".fl-caption").inner_text()
    assert caption.startswith("Reports up to ")
    assert "GeoNames" in page.locator(".leaflet-control-attribution").inner_text()
    assert page.locator(".fl-legend").count() == 1

    # Web tiles are an opt-in online layer: picking them is what makes requests.
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label("online tiles").check()
    page.wait_for_timeout(300)
    assert rec.remote() and all(u.startswith("https://") for u in rec.remote())
    assert "fl-tiles" in page.locator(".leaflet-container").get_attribute("class")
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()


def test_slider_opens_on_latest_date_and_moves_by_keyboard_and_input(site, table, open_page):
    page, rec = open_page(site.index)
    dates = page.evaluate("window.frontline.dates")
    assert dates == sorted({d for d in table["event_date"] if isinstance(d, str)})
    day, shown = state(page)
    assert day == dates[-1]
    assert shown == expected_visible(table, dates[-1])

    page.locator(".fl-range").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    day, shown = state(page)
    assert day == dates[-3]
    assert shown == expected_visible(table, dates[-3])
    assert page.locator(".fl-caption").inner_text().endswith(day[:4])

    page.locator(".fl-range").fill("2")
    day, shown = state(page)
    assert day == dates[2]
    assert shown == expected_visible(table, dates[2])
    assert len(shown) < len(expected_visible(table, dates[-1]))

    page.locator(".fl-fwd").click()
    assert state(page)[0] == dates[3]
    page.locator(".fl-back").click()
    assert state(page)[0] == dates[2]

    # With the focus on the page itself, the arrow keys move the slider too.
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    assert state(page)[0] == dates[3]
    page.keyboard.press("ArrowLeft")
    assert state(page)[0] == dates[2]

    # Space plays and pauses.
    page.locator(".fl-range").focus()
    page.keyboard.press(" ")
    assert page.locator(".fl-play").get_attribute("aria-pressed") == "true"
    page.keyboard.press(" ")
    assert page.locator(".fl-play").get_attribute("aria-pressed") == "false"
    assert rec.errors == []


def test_date_in_url_opens_the_map_at_that_day(site, table, open_page):
    dates = sorted({d for d in table["event_date"] if isinstance(d, str)})
    page, rec = open_page(site.index, fragment=f"date={dates[4]}")
    assert rec.errors == []
    day, shown = state(page)
    assert day == dates[4]
    assert shown == expected_visible(table, dates[4])
    assert page.locator(".leaflet-container").get_attribute("data-date") == dates[4]


def _open_popup(page, event_id: str):
    point = page.evaluate(f"window.frontline.markerPoint({event_id!r})")
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content .fl-popup")
    popup.wait_for(timeout=10000)
    return popup


def test_popup_shows_quote_source_link_and_verification(site, table, open_page):
    page, rec = open_page(site.index)
    # Zoom in on one event so its marker is not covered by others.
    row = table[table["event_id"] == "syn-000007"].iloc[0]
    page.evaluate(
        f"window.frontline.setIndex(window.frontline.dates.indexOf({row['event_date']!r}))"
    )
    page.evaluate(
        f"window.frontline.map.setView([{row['latitude']}, {row['longitude']}], 12, "
        "{animate: false})"
    )
    page.wait_for_timeout(100)
    popup = _open_popup(page, "syn-000007")
    text = popup.inner_text()
    assert row["quote"] in text
    link = popup.locator("a.fl-p-link")
    assert link.get_attribute("href") == row["source_url"]
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert "reported" in text and "1 source" in text
    assert rec.errors == []


def test_hostile_event_runs_nothing_and_shows_text_literally(site, open_page):
    page, rec = open_page(site.index)
    page.evaluate("window.frontline.map.setView([49.0, 36.0], 13, {animate: false})")
    page.wait_for_timeout(100)
    popup = _open_popup(page, "hostile-1")
    page.wait_for_timeout(200)
    text = popup.inner_text()
    assert "<script>alert(1)</script>" in text
    assert '<img src=x onerror="alert(2)">' in text
    assert '"><svg onload=alert(4)>' in text
    assert "javascript:alert(6)" in text
    assert popup.locator("a").count() == 0  # an unsafe URL is never a link
    assert popup.locator("script, img, svg, b, u, i").count() == 0
    assert page.locator("img[src='x'], svg[onload]").count() == 0
    assert rec.dialogs == []
    assert rec.errors == []
    assert rec.remote() == []
    assert HOSTILE_QUOTE.split(" ")[0] in text


def test_snippet_fits_a_narrow_iframe_without_scrollbars(site, browser, tmp_path):
    snippet = site.snippets[0].path
    host = snippet.parent.parent / "host-360.html"
    host.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        f"<div style='width:360px'>{site.snippets[0].embed_code}</div></body></html>",
        "utf-8",
    )
    page = browser.new_page(viewport={"width": 800, "height": 900})
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host.resolve().as_uri(), wait_until="load")
        frame_el = page.locator("iframe")
        frame_el.scroll_into_view_if_needed()
        frame = frame_el.element_handle().content_frame()
        frame.wait_for_function("window.frontline !== undefined", timeout=10000)
        box = frame_el.bounding_box()
        assert round(box["width"]) == 360
        dims = frame.evaluate(
            "[document.documentElement.scrollHeight, document.documentElement.clientHeight,"
            " document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " document.body.scrollHeight, document.body.clientHeight]"
        )
        sh, ch, sw, cw, bsh, bch = dims
        assert sh <= ch and sw <= cw and bsh <= bch, dims
        assert frame.locator(".fl-bar").is_visible()
        bar = frame.locator(".fl-bar").bounding_box()
        assert bar["y"] + bar["height"] <= box["y"] + box["height"] + 1
        assert errors == []
    finally:
        page.close()


def test_window_shows_only_the_last_days_reports(table, tiny_base, tmp_path, open_page):
    import datetime as dt

    from maps.site import render_site

    report = render_site(table, tmp_path, base=tiny_base, snippets=False, window_days=3)
    page, rec = open_page(report.index)
    dates = page.evaluate("window.frontline.dates")
    for k in (len(dates) - 1, len(dates) // 2, 0):
        page.evaluate(f"window.frontline.setIndex({k})")
        day = dt.date.fromisoformat(dates[k])
        first = (day - dt.timedelta(days=2)).isoformat()
        want = sorted(
            e.event_id
            for e in map_events(load_events(table))
            if e.day is None or first <= e.day <= dates[k]
        )
        assert state(page) == (dates[k], want)
    assert rec.errors == []


_PAINTED = """() => Array.from(document.querySelectorAll('canvas.fl-events-canvas')).map(c => {
  const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < px.length; i += 4) { if (px[i]) { n++; } }
  return n;
})"""


def test_a_map_opened_at_a_date_paints_its_reports_before_the_next_frame(site, table, browser):
    # A capture (a headless screenshot, a print) may come before the next animation
    # frame: with frames stopped, the reports of the requested day must be painted.
    dates = sorted({d for d in table["event_date"] if isinstance(d, str)})
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    try:
        page.add_init_script("window.requestAnimationFrame = function () { return 0; };")
        page.goto(site.index.resolve().as_uri() + f"#date={dates[4]}", wait_until="load")
        page.wait_for_function("window.frontline !== undefined", timeout=10000)
        day, shown = state(page)
        assert day == dates[4] and shown == expected_visible(table, dates[4])
        dated = page.evaluate(_PAINTED)[0]
        assert dated > 0
        # A later date, through the address, paints more reports at once too.
        page.evaluate(f"window.location.hash = 'date={dates[-1]}'")
        page.wait_for_function(f"window.frontline.dates[window.frontline.index()] == '{dates[-1]}'")
        assert page.evaluate(_PAINTED)[0] > dated
    finally:
        page.close()
