"""The per-article cache: hits, misses, invalidation, corrupt entries, concurrent builds."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from backlog_watch import WatchedBacklog

from geo.cache import ArticleCache, pipeline_version
from geo.cache_codec import decode_row, encode_row
from geo.engine import LocalEngine
from geo.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]

# Invented dispatches (our own words), each naming places the real gazetteer knows.
DISPATCHES = {
    "a.md": (
        "2022-09-10",
        "Ukrainian troops entered Balakliia on Saturday after Russian units withdrew "
        "toward Kupiansk, the regional governor said.",
    ),
    "b.md": (
        "2022-10-02",
        "Russian forces withdrew from Lyman in the Donetsk region on Sunday, the defence "
        "ministry in Moscow said.",
    ),
    "c.md": (
        "2022-11-11",
        "Ukrainian soldiers reached the centre of Kherson on Friday as Russian troops "
        "crossed to the left bank of the Dnipro.",
    ),
}


def write_dispatch(folder: Path, name: str, published: str, body: str, title: str = "") -> Path:
    path = folder / name
    head = f"---\ntitle: {title or name}\npublished: {published}\nsource: Test desk\n---\n"
    path.write_text(head + body + "\n", encoding="utf-8")
    return path


class RecordingEngine(LocalEngine):
    """The local engine, remembering which articles it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def map(self, pipeline, articles, **_):
        for article in articles:
            self.seen.append(Path(article.path).name)
            yield pipeline.process_safely(article)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        write_dispatch(folder, name, *DISPATCHES[name])
    return folder


def run(gaz, folder: Path, root: Path, **kwargs):
    engine = RecordingEngine()
    cache = ArticleCache.for_pipeline(gaz, root=root, **kwargs)
    result = Pipeline(gaz, cache=cache, engine=engine).run([str(folder)])
    return result, engine.seen, cache


def frame_bytes(result) -> bytes:
    return result.events.to_json(sort_keys=True).encode()


def test_second_run_reads_every_article_from_the_cache(gaz, corpus, tmp_path):
    first, seen1, cache1 = run(gaz, corpus, tmp_path / "cache")
    second, seen2, _ = run(gaz, corpus, tmp_path / "cache")
    assert seen1 == ["a.md", "b.md"] and first.processed == 2 and first.cached == 0
    assert cache1.stats.written == 2
    assert seen2 == [] and second.cached == 2 and second.processed == 0
    assert len(second.events) > 0
    assert frame_bytes(first) == frame_bytes(second)
    for a, b in zip(first.articles, second.articles, strict=True):
        assert a.mentions == b.mentions and a.events == b.events
        assert [e.geometry.wkb for e in a.events] == [e.geometry.wkb for e in b.events]


def test_adding_one_article_processes_only_that_one(gaz, corpus, tmp_path):
    run(gaz, corpus, tmp_path / "cache")
    write_dispatch(corpus, "c.md", *DISPATCHES["c.md"])
    result, seen, _ = run(gaz, corpus, tmp_path / "cache")
    assert seen == ["c.md"]
    assert (result.processed, result.cached) == (1, 2)
    fresh = Pipeline(gaz).run([str(corpus)])
    assert frame_bytes(result) == frame_bytes(fresh)


class WatchedEngine(LocalEngine):
    """The real local engine, its backlog watched."""

    def __init__(self, cache, **kwargs) -> None:
        super().__init__(**kwargs)
        self.cache, self.calls = cache, []

    def map(self, pipeline, articles, *, while_waiting=None):
        if while_waiting is not None:
            while_waiting = WatchedBacklog(while_waiting, self.cache, self.calls)
        return super().map(pipeline, articles, while_waiting=while_waiting)


def test_cached_articles_are_read_while_a_second_process_works_on_the_new_one(
    gaz, corpus, tmp_path
):
    root = tmp_path / "cache"
    cache = ArticleCache.for_pipeline(gaz, root=root)
    engine = WatchedEngine(cache, jobs=2)
    first = Pipeline(gaz, cache=cache, engine=engine).run([str(corpus)])
    assert first.processed == 2 and engine.calls == []  # nothing cached: nothing to overlap
    write_dispatch(corpus, "c.md", *DISPATCHES["c.md"])
    cache = ArticleCache.for_pipeline(gaz, root=root)
    engine = WatchedEngine(cache, jobs=2)
    second = Pipeline(gaz, cache=cache, engine=engine).run([str(corpus)])
    # one call, while the side process worked on c.md: both cached articles read then
    assert engine.calls == [(2, True, 2, 0)]
    assert (second.processed, second.cached) == (1, 2)
    assert not multiprocessing.active_children()
    assert frame_bytes(second) == frame_bytes(Pipeline(gaz).run([str(corpus)]))
    for a, b in zip(second.articles, Pipeline(gaz).run([str(corpus)]).articles, strict=True):
        assert a.article.path == b.article.path and a.events == b.events


def test_changed_text_or_metadata_is_a_miss(gaz, corpus, tmp_path):
    run(gaz, corpus, tmp_path / "cache")
    published, body = DISPATCHES["a.md"]
    write_dispatch(corpus, "a.md", published, body.replace("Saturday", "Sunday"))
    write_dispatch(corpus, "b.md", *DISPATCHES["b.md"], title="A new headline")
    _, seen, _ = run(gaz, corpus, tmp_path / "cache")
    assert seen == ["a.md", "b.md"]


def test_another_pipeline_version_does_not_see_the_entries(gaz, corpus, tmp_path):
    run(gaz, corpus, tmp_path / "cache")
    other = ArticleCache("another-version", root=tmp_path / "cache", gazetteer=gaz)
    engine = RecordingEngine()
    Pipeline(gaz, cache=other, engine=engine).run([str(corpus)])
    assert engine.seen == ["a.md", "b.md"]


def test_version_follows_the_resolver_options(gaz):
    from gazetteer.options import options

    before = pipeline_version(gaz)
    saved = options.fuzzy_cutoff
    try:
        options.fuzzy_cutoff = saved + 1
        assert pipeline_version(gaz) != before
    finally:
        options.fuzzy_cutoff = saved
    assert pipeline_version(gaz) == before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other_key"])
def test_corrupt_entry_is_recomputed_not_trusted(gaz, corpus, tmp_path, damage):
    first, _, cache = run(gaz, corpus, tmp_path / "cache")
    article_a = next(r.article for r in first.articles if r.article.path.endswith("a.md"))
    article_b = next(r.article for r in first.articles if r.article.path.endswith("b.md"))
    entry = cache.path(cache.key(article_a))
    data = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"PAR1" + b"\x17" * 200 + b"PAR1")
    elif damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a whole, valid entry of the other article under this article's name
        entry.write_bytes(cache.path(cache.key(article_b)).read_bytes())
    second, _, cache2 = run(gaz, corpus, tmp_path / "cache")
    # found out when read back: recomputed then (in this process), the other one read
    assert (second.processed, second.cached) == (1, 1)
    assert cache2.stats.corrupt == 1
    assert frame_bytes(second) == frame_bytes(first)
    assert entry.read_bytes() == data  # rewritten whole


def small_entries(root: Path) -> list[Path]:
    return [p for p in root.glob("??/*.parquet") if not p.name.startswith(".tmp-")]


def test_a_run_packs_its_entries_and_the_next_reads_the_pack(gaz, corpus, tmp_path):
    root = tmp_path / "cache"
    first, _, cache = run(gaz, corpus, root, pack_min=2)
    packs = list((root / "packs").glob("*.parquet"))
    assert len(packs) == 1 and small_entries(root) == []
    assert cache.stats.written == 2
    write_dispatch(corpus, "c.md", *DISPATCHES["c.md"])
    second, seen, cache2 = run(gaz, corpus, root)  # default pack_min: c.md stays small
    assert seen == ["c.md"] and (second.processed, second.cached) == (1, 2)
    assert cache2.stats.corrupt == 0 and len(small_entries(root)) == 1
    for a, b in zip(first.articles, second.articles, strict=False):
        assert a.mentions == b.mentions and a.events == b.events
    assert frame_bytes(second) == frame_bytes(Pipeline(gaz).run([str(corpus)]))
    third, seen, _ = run(gaz, corpus, root, pack_min=1)  # packs the small entry it met
    assert seen == [] and third.cached == 3 and small_entries(root) == []
    assert len(list((root / "packs").glob("*.parquet"))) == 2
    assert frame_bytes(third) == frame_bytes(second)


@pytest.mark.parametrize("damage", ["flipped", "truncated"])
def test_corrupt_pack_is_recomputed_not_trusted(gaz, corpus, tmp_path, damage):
    root = tmp_path / "cache"
    first, _, _ = run(gaz, corpus, root, pack_min=2)
    (pack,) = (root / "packs").glob("*.parquet")
    data = bytearray(pack.read_bytes())
    if damage == "flipped":  # inside the data pages: only the checksums can tell
        for i in range(len(data) // 3, len(data) // 3 + 16):
            data[i] ^= 0x5A
    else:
        data = data[: len(data) // 2]
    pack.write_bytes(bytes(data))
    second, _, cache = run(gaz, corpus, root)
    assert (second.processed, second.cached) == (2, 0) and cache.stats.corrupt >= 1
    assert frame_bytes(second) == frame_bytes(first)


def test_eviction_keeps_the_folder_under_its_bound(gaz, corpus, tmp_path):
    write_dispatch(corpus, "c.md", *DISPATCHES["c.md"])
    _, _, cache = run(gaz, corpus, tmp_path / "cache")
    files = sorted((tmp_path / "cache").rglob("*.parquet"))
    assert len(files) == 3
    for age, path in enumerate(files):  # the first is the least recently used
        os.utime(path, (time.time() - 1000 + age, time.time() - 1000 + age))
    total = sum(p.stat().st_size for p in files)
    bounded = ArticleCache(cache.version, root=tmp_path / "cache", max_bytes=total - 1)
    assert bounded.evict() >= 1
    left = sorted((tmp_path / "cache").rglob("*.parquet"))
    assert files[-1] in left and files[0] not in left
    assert sum(p.stat().st_size for p in left) <= total - 1


def test_codec_round_trip_keeps_places_and_alternatives(gaz):
    pipeline = Pipeline(gaz)
    mentions = tuple(pipeline.geoparse("Shelling hit Kharkiv and the Donetsk region on Monday."))
    assert any(m.place is not None and m.place.alternatives for m in mentions)
    table = encode_row(mentions, (), place_geometry=lambda i: gaz.get(i).geometry)
    back, events = decode_row(table, place_geometry=lambda i: gaz.get(i).geometry)
    assert back == mentions and events == ()
    for a, b in zip(mentions, back, strict=True):
        if a.place is not None:
            assert b.place.shape.equals_exact(a.place.shape, 0)
    # without the index, every geometry is stored whole and still comes back equal
    whole, _ = decode_row(encode_row(mentions, ()))
    assert whole == mentions


def test_codec_keeps_alternatives_of_alternatives_and_shared_places():
    import shapely

    from gazetteer.model import Place, PlaceKind
    from geo.model import Mention

    def place(name: str, lon: float, *alternatives: Place) -> Place:
        return Place(
            id=f"test:{name}",
            name=name,
            kind=PlaceKind.SETTLEMENT,
            lat=48.0,
            lon=lon,
            alternatives=alternatives,
            geometry=shapely.Point(lon, 48.0),
        )

    leaf = place("Leaf", 30.0)
    middle = place("Middle", 31.0, leaf)
    top = place("Top", 32.0, middle, leaf)
    mentions = (
        Mention(0, 3, "Top", place=top),
        Mention(10, 16, "Middle", place=middle),
        Mention(20, 27, "Nowhere"),
    )
    table = encode_row(mentions, ())
    assert len(table.column("places")[0]) == 3  # each place once, however often shared
    back, _ = decode_row(table)
    assert back == mentions
    assert back[0].place.alternatives[0].alternatives == (leaf,)
    assert back[0].place.alternatives[0] is back[1].place  # sharing survives the trip


SCRIPT = textwrap.dedent(
    """
    import sys
    from gazetteer import Gazetteer
    from geo.cache import ArticleCache
    from geo.pipeline import Pipeline

    gaz = Gazetteer.load()
    cache = ArticleCache.for_pipeline(gaz, root=sys.argv[1])
    result = Pipeline(gaz, cache=cache).run([sys.argv[2]])
    print(result.processed, result.cached, len(result.events))
    """
)


def start(root: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(root), str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_concurrent_builds_share_one_cache(gaz, corpus, tmp_path):
    write_dispatch(corpus, "c.md", *DISPATCHES["c.md"])
    root = tmp_path / "cache"
    runs = [start(root, corpus), start(root, corpus)]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    result, seen, cache = run(gaz, corpus, root)
    assert seen == [] and result.cached == 3 and cache.stats.corrupt == 0
    assert not list(root.rglob(".tmp-*"))
    assert frame_bytes(result) == frame_bytes(Pipeline(gaz).run([str(corpus)]))


def entries(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.parquet") if not p.name.startswith(".tmp-")]


@pytest.mark.slow
def test_a_run_killed_half_way_leaves_a_usable_cache(gaz, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        name, (published, body) = list(DISPATCHES.items())[i % 3]
        write_dispatch(folder, f"{i:02d}-{name}", published, f"Report {i}. {body}")
    root = tmp_path / "cache"
    proc = start(root, folder)
    deadline = time.monotonic() + 240
    while len(entries(root)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.kill()
    proc.communicate()
    kept = len(entries(root))  # a temporary file the kill interrupted is not an entry
    assert 3 <= kept < 40
    result, seen, cache = run(gaz, folder, root)
    assert cache.stats.corrupt == 0
    assert result.cached == kept and len(seen) == 40 - kept
    assert frame_bytes(result) == frame_bytes(Pipeline(gaz).run([str(folder)]))


def _damaged(table, change):
    """The one-row ``table`` with ``change`` applied to its Python form."""
    import pyarrow as pa

    from geo.cache_codec import row_schema

    row = table.to_pylist()[0]
    change(row)
    return pa.Table.from_pylist([row], schema=row_schema())


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda row: row["places"][0].update(alternatives=[1]), id="later-place"),
        pytest.param(lambda row: row["places"][1].update(alternatives=[1]), id="itself"),
        pytest.param(lambda row: row["places"][1].update(alternatives=[-1]), id="negative"),
        pytest.param(lambda row: row["mentions"][0].update(place=2), id="outside-row"),
        pytest.param(lambda row: row["places"][0].update(kind="nowhere"), id="bad-enum"),
        pytest.param(lambda row: row["places"][0].update(geometry=b"\x01\x07"), id="bad-wkb"),
    ],
)
def test_codec_refuses_a_damaged_row(change):
    import shapely

    from gazetteer.model import Place, PlaceKind
    from geo.cache_codec import CodecError
    from geo.model import Mention

    leaf = Place(
        "test:leaf", "Leaf", PlaceKind.SETTLEMENT, 48.0, 30.0, geometry=shapely.Point(30, 48)
    )
    top = Place("test:top", "Top", PlaceKind.SETTLEMENT, 48.0, 31.0, alternatives=(leaf,))
    table = encode_row((Mention(0, 3, "Top", place=top), Mention(5, 9, "Leaf", place=leaf)), ())
    assert decode_row(table)[0][0].place == top  # the row as written reads back
    with pytest.raises(CodecError):
        decode_row(_damaged(table, change))


def test_decoding_leaves_the_cycle_collector_as_it_found_it():
    import gc

    from gazetteer.model import Place, PlaceKind
    from geo.cache_codec import CodecError
    from geo.model import Mention

    table = encode_row(
        (Mention(0, 3, "Top", place=Place("t:1", "Top", PlaceKind.ADMIN1, 1, 2)),), ()
    )
    assert gc.isenabled()
    decode_row(table)
    assert gc.isenabled()
    with pytest.raises(CodecError):  # an error half-way too
        decode_row(_damaged(table, lambda row: row["places"][0].update(kind="nowhere")))
    assert gc.isenabled()
    gc.disable()
    try:
        decode_row(table)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
