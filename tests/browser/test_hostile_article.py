"""XSS end to end: a hostile article goes through `frontline build`; its map and snippets
run none of its markup, make no request, and show its text literally."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

QUOTE = (
    'Russian forces shelled Kharkiv on Monday "><script>alert(1)</script>'
    "<img src=x onerror=alert(2)> and the regional governor said the attack went on."
)
ARTICLE = f"""---
title: "<script>alert(3)</script> \\"><svg onload=alert(4)>"
published: 2022-05-17
source: "<b onmouseover=alert(5)>Evil Wire</b>"
url: "javascript:alert(6)"
---

{QUOTE}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "hostile.md").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", "build", str(corpus), "-o", str(out), "--no-previews"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def hostile_event(hostile_site) -> dict:
    table = json.loads((hostile_site / "events.geojson").read_text(encoding="utf-8"))
    events = [f["properties"] for f in table["features"] if "<script>" in f["properties"]["quote"]]
    assert events, "the hostile sentence gave no event"
    return events[0]


def _assert_clean(page, rec) -> None:
    assert rec.dialogs == []
    assert rec.errors == []
    assert rec.remote() == []
    assert page.locator("img[src='x'], svg[onload], b[onmouseover], [onerror]").count() == 0
    assert page.evaluate("window.__pwned === undefined")


def test_main_map_of_a_hostile_article_runs_nothing(hostile_site, hostile_event, open_page):
    page, rec = open_page(hostile_site / "index.html")
    page.evaluate(
        f"window.frontline.map.setView([{hostile_event['latitude']}, "
        f"{hostile_event['longitude']}], 12, {{animate: false}})"
    )
    page.wait_for_timeout(150)
    point = page.evaluate(f"window.frontline.markerPoint({hostile_event['event_id']!r})")
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content .fl-popup")
    popup.wait_for(timeout=10000)
    page.wait_for_timeout(200)
    text = popup.inner_text()
    assert "<script>alert(1)</script>" in text  # shown literally, not run
    assert "<img src=x onerror=alert(2)>" in text
    assert popup.locator("a[href^='javascript']").count() == 0
    assert popup.locator("script, img, svg, b").count() == 0
    _assert_clean(page, rec)


def test_snippets_of_a_hostile_article_run_nothing(hostile_site, open_page):
    snippets = sorted((hostile_site / "embed").glob("*.html"))
    assert snippets
    for snippet in snippets:
        page, rec = open_page(snippet)
        page.wait_for_timeout(100)
        _assert_clean(page, rec)


def test_the_embed_list_of_a_hostile_article_runs_nothing(hostile_site, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    remote: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on(
        "request",
        lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
    )
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    try:
        page.goto((hostile_site / "embed.html").resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(1500)  # the previews' iframes load their snippets
        assert dialogs == [] and remote == []
        body = page.inner_text("body")
        # The article's snippet is titled by its headline, shown as text, not markup.
        assert '<script>alert(3)</script> "><svg onload=alert(4)>' in body
        for frame in page.frames:
            assert frame.locator("img[src='x'], svg[onload], b[onmouseover]").count() == 0
    finally:
        page.close()
