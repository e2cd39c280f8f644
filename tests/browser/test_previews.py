from __future__ import annotations

import struct

import pytest

from maps.screenshot import PreviewUnavailable, Shot, screenshots
from maps.site import render_site

pytestmark = pytest.mark.browser


def _png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_previews_of_map_at_a_date_and_of_a_snippet(site, browser, tmp_path):
    shots = screenshots(
        [
            Shot(site.index, tmp_path / "latest.png", width=800, height=500),
            Shot(
                site.index,
                tmp_path / "early.png",
                width=800,
                height=500,
                fragment="date=2022-03-02",
            ),
            Shot(site.snippets[0].path, tmp_path / "snippet.png", width=360, height=300),
        ],
        browser=browser,
    )
    assert [p.name for p in shots] == ["latest.png", "early.png", "snippet.png"]
    assert _png_size(shots[0]) == (800, 500)
    assert _png_size(shots[2]) == (360, 300)
    assert shots[0].read_bytes() != shots[1].read_bytes()  # the slider moved
    again = screenshots(
        [Shot(site.index, tmp_path / "again.png", width=800, height=500)], browser=browser
    )
    assert again[0].read_bytes() == shots[0].read_bytes()  # deterministic


def test_without_chromium_previews_are_skipped_with_a_message(
    tmp_path, monkeypatch, table, tiny_base
):
    monkeypatch.setenv("FRONTLINE_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(PreviewUnavailable, match="no Chromium found"):
        screenshots([Shot(tmp_path / "x.html", tmp_path / "x.png")])
    report = render_site(table, tmp_path / "site", base=tiny_base, previews=True, snippets=False)
    assert report.previews == ()
    assert any("no Chromium found" in w for w in report.warnings)
    assert report.index.is_file()


@pytest.mark.slow
def test_preview_command_writes_pngs_of_an_event_file(tmp_path, table):
    import subprocess
    import sys
    from pathlib import Path

    events = tmp_path / "events.geojson"
    table.to_file(events, driver="GeoJSON")
    out = tmp_path / "docs"
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-m", "maps.preview", str(out), "--events", str(events)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    assert names == ["map-early.png", "map-latest.png", "snippet.png"]
    assert _png_size(out / "map-latest.png") == (1200, 800)
    assert _png_size(out / "map-early.png") == (1200, 800)
    assert _png_size(out / "snippet.png") == (480, 400)
    for name in names:
        assert (out / name).stat().st_size < 400_000
    assert (out / "map-early.png").read_bytes() != (out / "map-latest.png").read_bytes()


def test_a_rebuild_with_unchanged_pages_reshoots_nothing(tmp_path, table):
    import subprocess
    import sys

    events = tmp_path / "events.geojson"
    out = tmp_path / "site"

    def render(frame):
        frame.to_file(events, driver="GeoJSON")
        done = subprocess.run(
            [sys.executable, "-m", "geo.cli", "render", str(events), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return {p: p.stat().st_mtime_ns for p in sorted((out / "previews").glob("*.png"))}

    small = table.iloc[:4].copy()
    first = render(small)
    assert first
    assert render(small) == first  # nothing changed: no PNG rewritten
    changed = small.copy()
    changed.loc[changed.index[0], "quote"] = "A different synthetic sentence."
    third = render(changed)
    assert any(third[p] != first[p] for p in first)  # a changed page is shot again
