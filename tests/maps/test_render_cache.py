"""The page cache: a rebuild draws only the pages a new article changes, with the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.cache import ArticleCache
from geo.cache_blobs import BlobStore
from geo.control_claims import claims_from_events
from geo.engine import LocalEngine
from geo.export import events_from_frame
from geo.pipeline import Pipeline
from maps.embed import snippet_groups
from maps.layers import load_offline_base
from maps.render_cache import PageCache
from maps.site import render_site
from maps.style import side_of
from maps.table import prepare_events

# Invented dispatches (our own words) on places the real gazetteer knows, far apart in
# place and time, so that the last one shares no event with the others.
DISPATCHES = {
    "one.md": (
        "2022-09-08",
        "Ukrainian units entered Balakliia on Thursday after Russian "
        "troops withdrew toward Kupiansk, a regional official said.",
    ),
    "two.md": (
        "2022-10-03",
        "Russian forces withdrew from Lyman in the Donetsk region, the "
        "defence ministry in Moscow said on Monday.",
    ),
    "three.md": (
        "2022-10-20",
        "Russian shelling hit Nikopol overnight, the governor of the "
        "Dnipropetrovsk region said on Thursday.",
    ),
    "four.md": (
        "2022-11-12",
        "Ukrainian soldiers reached the centre of Kherson on Saturday "
        "as Russian troops crossed to the left bank of the Dnipro.",
    ),
}


class RecordingEngine(LocalEngine):
    """The local engine, remembering which articles it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def map(self, pipeline, articles, **_):
        for article in articles:
            self.seen.append(Path(article.path).name)
            yield pipeline.process_safely(article)


def write(folder: Path, name: str) -> None:
    published, body = DISPATCHES[name]
    head = f"---\ntitle: Dispatch {name[:-3]}\npublished: {published}\nsource: Test desk\n---\n"
    (folder / name).write_text(head + body + "\n", encoding="utf-8")


#: The page cache of the last build (what it drew and reused).
BUILT: dict[str, PageCache | None] = {}


def build(gaz, folder: Path, out: Path, base, cache_root: Path | None):
    """What ``frontline build`` does: extract (cached) and render every page (cached)."""
    engine = RecordingEngine()
    articles = (
        None if cache_root is None else ArticleCache.for_pipeline(gaz, root=cache_root / "articles")
    )
    result = Pipeline(gaz, cache=articles, engine=engine).run([str(folder)])
    pages = None if cache_root is None else PageCache(cache_root / "pages")
    report = render_site(result.events, out, base=base, cache=pages)
    BUILT["pages"] = pages
    return result, report, engine.seen


def site_bytes(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def claims(events):
    return claims_from_events(events_from_frame(events), code_of=lambda a: side_of(a)[0])


def groups_by_name(events) -> dict[str, tuple[str, ...]]:
    evs, _ = prepare_events(events)
    return {g.name: tuple(e.event_id for e in g.events) for g in snippet_groups(evs)}


@pytest.fixture(scope="module")
def base():
    loaded = load_offline_base()
    if loaded is None:
        pytest.skip("offline base geometry not built")
    return loaded


def test_rebuild_after_one_new_article_draws_only_the_pages_it_changes(gaz, base, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("one.md", "two.md", "three.md"):
        write(folder, name)
    cache = tmp_path / "cache"
    first, report1, seen1 = build(gaz, folder, tmp_path / "site1", base, cache)
    assert sorted(seen1) == ["one.md", "three.md", "two.md"]
    assert report1.reused == () and "index.html" in report1.drawn

    days1 = BUILT["pages"].control.drawn  # the control days drawn (pages may share some)
    assert days1

    write(folder, "four.md")
    again, report2, seen2 = build(gaz, folder, tmp_path / "site2", base, cache)
    assert seen2 == ["four.md"]  # only the new article was processed
    # the pages drawn again are exactly those whose events changed
    before, after = groups_by_name(first.events), groups_by_name(again.events)
    changed = {f"{name}.html" for name, ids in after.items() if before.get(name) != ids}
    assert set(report2.drawn) == {"index.html"} | changed
    assert "overview.html" in changed
    unchanged = {f"{name}.html" for name in after} - changed
    assert unchanged and set(report2.reused) == unchanged
    assert any(name.startswith("article-") for name in unchanged)

    # the new dispatch gives no claim of who holds a place: the main map's control
    # timeline (shared with the overview) is read back, the model not fitted again; only
    # the new pages' timelines are computed (which days change when the claims do is
    # tested in tests/geo/test_cache_control.py)
    assert claims(again.events) == claims(first.events)
    control = BUILT["pages"].control
    assert control.timelines_reused == 1
    new_pages = set(report2.drawn) - {"index.html", "overview.html"}
    # pages of the same events share one timeline in a run
    new_sets = {ids for name, ids in after.items() if f"{name}.html" in new_pages}
    assert new_pages and control.timelines_computed == len(new_sets)

    # and the site is byte for byte what a build without any cache writes
    _, clean, _ = build(gaz, folder, tmp_path / "clean", base, None)
    assert clean.reused == ()
    assert site_bytes(tmp_path / "site2") == site_bytes(tmp_path / "clean")


def test_a_corrupt_page_is_drawn_again_not_trusted(gaz, tiny_base, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("two.md", "four.md"):
        write(folder, name)
    cache = tmp_path / "cache"
    build(gaz, folder, tmp_path / "site1", tiny_base, cache)
    # A page, not a data entry (outlines) that this process holds in memory already.
    entries = [p for p in sorted((cache / "pages").rglob("*.blob")) if b"</html>" in p.read_bytes()]
    assert entries
    # a drawn page (the largest entries), not a small entry the second render never reads
    damaged = max(entries, key=lambda p: (p.stat().st_size, p.name))
    data = bytearray(damaged.read_bytes())
    data[-10] ^= 0xFF  # one flipped byte in the page
    damaged.write_bytes(bytes(data))
    pages = PageCache(cache / "pages")
    result = Pipeline(gaz).run([str(folder)])
    report = render_site(result.events, tmp_path / "site2", base=tiny_base, cache=pages)
    assert pages.store.stats.corrupt == 1 and len(report.drawn) == 1
    assert site_bytes(tmp_path / "site2") == site_bytes(tmp_path / "site1")


def test_key_follows_the_options_and_the_outlines(gaz, tiny_base, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "two.md")
    evs, _ = prepare_events(Pipeline(gaz).run([str(folder)]).events)
    cache = PageCache(tmp_path / "pages")
    key = cache.key(evs, tiny_base, {"title": "A"})
    assert key == PageCache(tmp_path / "other").key(evs, tiny_base, {"title": "A"})
    assert key != cache.key(evs, tiny_base, {"title": "B"})
    assert key != cache.key(evs, None, {"title": "A"})
    assert key != cache.key(evs[:0], tiny_base, {"title": "A"})


def test_blob_store_is_bounded_and_checks_its_keys(tmp_path):
    store = BlobStore(tmp_path, max_bytes=10_000)
    for i in (7, 6, 5, 4, 3, 2, 1, 0):  # written newest key first, then made older
        store.put(f"{i:02d}" * 16, bytes([i]) * 3_000)
        os.utime(store.path(f"{i:02d}" * 16), (1_000_000 + i, 1_000_000 + i))
    assert store.evict() > 0
    total = sum(p.stat().st_size for p in tmp_path.rglob("*.blob"))
    assert total <= 10_000
    assert store.get("07" * 16) == bytes([7]) * 3_000  # the most recently used stay
    assert store.get("00" * 16) is None  # the least recently used went
    with pytest.raises(ValueError, match="hex digest"):
        store.get("../escape")
    with pytest.raises(ValueError, match="positive"):
        BlobStore(tmp_path, max_bytes=0)
