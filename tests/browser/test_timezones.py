"""A day-precision report shows on its calendar day for readers in every time zone."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


ZONES = ["America/Los_Angeles", "UTC", "Pacific/Kiritimati"]  # west of, at, east of UTC


@pytest.mark.parametrize("zone", ZONES)
def test_the_slider_shows_the_reported_calendar_day(site, table, browser, zone):
    dated = table[table["event_date"].notna()]
    latest = max(str(d) for d in dated["event_date"])
    context = browser.new_context(timezone_id=zone, viewport={"width": 1000, "height": 700})
    try:
        page = context.new_page()
        page.goto(site.index.resolve().as_uri() + f"#date={latest}", wait_until="load")
        page.wait_for_function("window.frontline !== undefined", timeout=10000)
        offset = page.evaluate("new Date().getTimezoneOffset()")
        assert (offset > 0, offset == 0, offset < 0)[ZONES.index(zone)]  # the zone took effect
        shown = page.locator(".leaflet-container").get_attribute("data-date")
        assert shown == latest
        caption = page.locator(".fl-caption").inner_text()
        day = dt.date.fromisoformat(latest)
        assert str(day.day) in caption.split()  # "Reports up to 21 March 2022"
        assert day.strftime("%B") in caption or day.strftime("%b") in caption
    finally:
        context.close()
