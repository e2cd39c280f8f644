from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from maps import assets
from maps.render import map_html, render_map
from maps.site import render_site
from maps.synthetic import HOSTILE_QUOTE

ROOT = Path(__file__).resolve().parents[2]


def _payload(text: str) -> dict:
    match = re.search(r"window\.frontlineMap\(map_\w+, (\{.*?\}), \{", text, re.S)
    assert match, "the slider call is in the page"
    return json.loads(match.group(1))


def test_self_contained_page_links_nothing(events, tiny_base):
    text = map_html(render_map(events, base=tiny_base), self_contained=True)
    assert not re.search(r"<script[^>]+src=", text)
    assert not re.search(r"<link[^>]+href=", text)
    assert "cdn.jsdelivr" not in text and "bootstrap" not in text.lower()
    assert "font-awesome" not in text
    leaflet = assets.asset_text("leaflet", "dist/leaflet.js")
    assert leaflet[:200] in text
    assert "url(images/" not in text  # Leaflet's images are data URIs
    assert "data:image/png;base64," in text


def test_linked_page_uses_the_pinned_cdn_copy(events, tiny_base):
    text = map_html(render_map(events, base=tiny_base, self_contained=False), self_contained=False)
    pinned = next(p for p in assets.load_lock() if p.package == "leaflet")
    assert f'src="https://cdn.jsdelivr.net/npm/leaflet@{pinned.version}/dist/leaflet.js"' in text
    assert "jquery" not in text.lower()


def test_payload_matches_the_event_table(events, tiny_base):
    data = _payload(map_html(render_map(events, base=tiny_base)))
    assert sorted(data["ids"]) == sorted(events["event_id"])
    assert data["dates"] == sorted(set(events["event_date"]))
    assert data["start"] == len(data["dates"]) - 1  # opens on the latest date
    for (day_idx, lat, lon, *_), eid in zip(data["ev"], data["ids"], strict=True):
        row = events.loc[events["event_id"] == eid].iloc[0]
        assert data["dates"][day_idx] == row["event_date"]
        assert (lat, lon) == (round(row["latitude"], 5), round(row["longitude"], 5))
    assert data["fronts"], "dense synthetic reports give an inferred front"
    assert "inferred from reports" in data["legend"]
    assert "GeoNames" in data["credits"] and "Natural Earth" in data["credits"]


def test_hostile_text_cannot_leave_the_data(hostile_events, tiny_base):
    text = map_html(render_map(hostile_events, base=tiny_base))
    assert "<script>alert(1)" not in text
    assert "<img src=x" not in text
    assert "<svg onload" not in text
    assert "javascript:alert(6)" in text  # kept as text, shown plainly
    data = _payload(text)
    i = data["ids"].index("hostile-1")
    assert data["pop"][i][4] == HOSTILE_QUOTE
    assert data["pop"][i][6] == ""


def test_outlines_come_from_the_base_geometry(events, tiny_base):
    text = map_html(render_map(events, base=tiny_base))
    assert "Countries" in text and "Borders" in text
    layers = [json.loads(m) for m in re.findall(r"L\.geoJSON\((\{.*?\}), \{", text, re.S)]
    borders = [f for lay in layers for f in lay["features"] if f["properties"]["s"] == "border"]
    assert len(borders) == 1
    coords = borders[0]["geometry"]["coordinates"]
    assert {x for x, _ in coords} == {36.0}  # the synthetic border, cut to the region
    assert 44 < min(y for _, y in coords) < max(y for _, y in coords) < 54


def test_render_site_writes_everything_atomically(tmp_path, hostile_events, tiny_base):
    report = render_site(hostile_events, tmp_path, base=tiny_base, max_snippets=3)
    assert report.index.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert report.index_size == report.index.stat().st_size
    kinds = {s.kind for s in report.snippets}
    assert kinds == {"overview", "article", "area"}
    for s in report.snippets:
        assert s.path.is_file() and s.path.parent.name == "embed"
        assert f'src="embed/{s.name}.html"' in s.embed_code
        assert 'loading="lazy"' in s.embed_code and "width:100%;border:0" in s.embed_code
    page = report.embed_page.read_text("utf-8")
    first = report.snippets[0]
    assert f'<textarea readonly aria-label="Embed code for {first.title}">&lt;iframe' in page
    assert first.embed_code in page  # the live preview
    assert not list(tmp_path.rglob("*.tmp"))
    assert report.mapped == len(hostile_events)
    assert "embed code" in report.summary()


_RENDER = textwrap.dedent(
    """
    import sys
    from maps.site import render_site
    from maps.synthetic import synthetic_events
    render_site(synthetic_events(60, seed=5, days=20), sys.argv[1], base=None, max_snippets=3)
    """
)


def test_two_renders_are_byte_identical(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, "-c", _RENDER, str(out)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*.html"))
    assert len(files) > 3
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*.html"))
    for rel in files:
        assert (outs[0] / rel).read_bytes() == (outs[1] / rel).read_bytes(), rel


def test_snippet_page_fills_its_frame(tmp_path, events, tiny_base):
    report = render_site(events, tmp_path, base=tiny_base, max_snippets=0)
    text = report.snippets[0].path.read_text("utf-8")
    assert "overflow: hidden" in text
    assert re.search(r"html, body \{ margin: 0;", text)


def test_missing_assets_say_how_to_fetch(tmp_path, monkeypatch, events):
    monkeypatch.setenv("FRONTLINE_CACHE", str(tmp_path))
    with pytest.raises(Exception, match=r"maps\.assets fetch"):
        map_html(render_map(events, base=None))
