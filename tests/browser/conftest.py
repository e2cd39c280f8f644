from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from maps.screenshot import find_chromium, launch
from maps.site import render_site
from maps.synthetic import hostile_event, synthetic_events


def pytest_collection_modifyitems(config, items):
    if find_chromium() is None:
        skip = pytest.mark.skip(reason="no system Chromium (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def table() -> gpd.GeoDataFrame:
    events = synthetic_events(60, seed=11, days=20, bounds=(34.5, 48.0, 37.5, 50.0))
    undated = hostile_event("undated-1", "2022-03-02") | {
        "quote": "A synthetic undated report.",
        "source_url": "https://example.org/u",
        "source": "Synthetic Wire",
        "undated": True,
        "event_date": None,
        "date_start": None,
        "date_end": None,
        "published_at": None,
        "location": "Place U",
        "actor1": "Military Forces of Russia",
        "admin1": "Area U",
        "claimed_by": "",
    }
    rows = [hostile_event("hostile-1", "2022-03-05"), undated]
    frame = pd.concat([events, gpd.GeoDataFrame(rows, crs="EPSG:4326")], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="session")
def site(tmp_path_factory, table, tiny_base):
    out = tmp_path_factory.mktemp("site")
    report = render_site(table, out, base=tiny_base, max_snippets=2)
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


class Recorder:
    """Everything a page did that it should not: errors, dialogs, requests."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self.requests.append(r.url))
        # Cut the network: anything but local files fails (and is recorded above).
        page.route("**/*", self._route)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @staticmethod
    def _route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def remote(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(path, *, fragment: str = "", width: int = 1000, height: int = 700):
        page = browser.new_page(viewport={"width": width, "height": height})
        rec = Recorder(page)
        url = path.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        page.goto(url, wait_until="load")
        page.wait_for_function("window.frontline !== undefined", timeout=10000)
        pages.append(page)
        return page, rec

    yield _open
    for p in pages:
        p.close()
