"""The local engine's process pool gives the one-process outputs, byte for byte."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from geo.cli import main
from geo.engine import LocalEngine, usable_cores
from geo.export import write_events
from geo.pipeline import ArticleResult, Pipeline, Problem

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "articles"


class _FaultyGazetteer:
    """The real gazetteer, except that resolving Kharkiv breaks (a stand-in for a bad record)."""

    def __init__(self, gaz):
        self._gaz = gaz

    def __getattr__(self, name):
        return getattr(self._gaz, name)

    def resolve_all(self, names, *args, **kwargs):
        if "Kharkiv" in names:
            raise ValueError("a broken place record")
        return self._gaz.resolve_all(names, *args, **kwargs)


def _run(gaz, inputs, engine, out: Path):
    result = Pipeline(gaz, engine=engine).run([str(i) for i in inputs])
    out.mkdir()
    for suffix in (".geojson", ".csv", ".parquet"):
        write_events(result.events, out / f"events{suffix}")
    return result, {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_two_processes_equal_one_byte_for_byte(gaz, tmp_path):
    one, alone = _run(gaz, [SAMPLE], LocalEngine(jobs=1), tmp_path / "one")
    # thresholds at zero: the small sample corpus goes through the pool all the same
    pooled = LocalEngine(jobs=2, min_articles=0, min_chars=0)
    two, together = _run(gaz, [SAMPLE], pooled, tmp_path / "two")
    assert together == alone
    assert len(alone["events.parquet"]) > 1000
    assert [r.article.path for r in two.articles] == [r.article.path for r in one.articles]
    assert [r.mentions for r in two.articles] == [r.mentions for r in one.articles]
    assert not multiprocessing.active_children()  # the pool is gone


def test_the_pool_runs_in_worker_processes_and_stops_when_the_reader_stops(gaz):
    paths = sorted(SAMPLE.glob("2*.md"))
    engine = LocalEngine(jobs=2, min_articles=0, min_chars=0)
    items = Pipeline(gaz, engine=engine).iter_results([str(p) for p in paths])
    # the first article is processed in this process, which then starts the workers
    results = (i for i in items if isinstance(i, ArticleResult))
    first, second = next(results), next(results)
    assert multiprocessing.active_children()  # workers are at work
    items.close()  # the reader stops early (as Ctrl-C would): no worker is left behind
    assert not multiprocessing.active_children()
    assert [first.article.path, second.article.path] == [str(p) for p in paths[:2]]


def test_a_failing_article_names_its_file_and_the_others_are_processed(gaz, tmp_path):
    for n in range(6):
        (tmp_path / f"{n}.md").write_text(f"Troops reached Izium on day {n}.\n", "utf-8")
    (tmp_path / "3.md").write_text("Shelling hit Kharkiv on Monday.\n", "utf-8")
    faulty = _FaultyGazetteer(gaz)
    for engine in (LocalEngine(jobs=1), LocalEngine(jobs=2, min_articles=0, min_chars=0)):
        items = list(Pipeline(faulty, engine=engine).iter_results([str(tmp_path)]))
        problems = [i for i in items if isinstance(i, Problem) and i.fatal]
        done = [Path(i.article.path).name for i in items if isinstance(i, ArticleResult)]
        assert done == ["0.md", "1.md", "2.md", "4.md", "5.md"]
        assert len(problems) == 1
        assert problems[0].path == str(tmp_path / "3.md")
        assert "ValueError: a broken place record" in str(problems[0])


def test_small_corpora_stay_in_this_process(gaz):
    engine = LocalEngine(jobs=2)
    items = Pipeline(gaz, engine=engine).iter_results(
        [str(SAMPLE / "2022-03-18-mariupol-theatre-strike.md")]
    )
    next(items)
    assert not multiprocessing.active_children()
    assert usable_cores() >= 1 and LocalEngine().jobs == usable_cores()
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        LocalEngine(jobs=0)


def test_jobs_option_gives_the_same_files_and_is_for_the_local_engine(tmp_path, capsys):
    files = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs / "events.csv"
        out.parent.mkdir()
        assert main(["extract", str(SAMPLE), "-o", str(out), "--no-cache", "--jobs", jobs]) == 0
        files[jobs] = out.read_bytes()
    assert files["1"] == files["2"] and len(files["1"]) > 1000
    status = main(
        ["extract", str(SAMPLE), "-o", str(tmp_path / "e.csv"), "--engine", "dask", "--jobs", "2"]
    )
    assert status == 2
    assert "--jobs is for the local engine" in capsys.readouterr().err


def test_the_article_cache_fills_and_serves_with_the_pool(gaz, tmp_path):
    from geo.cache import ArticleCache

    cache = ArticleCache("pool-test", root=tmp_path / "cache", gazetteer=gaz)
    engine = LocalEngine(jobs=2, min_articles=0, min_chars=0)
    first = Pipeline(gaz, cache=cache, engine=engine).run([str(SAMPLE)])
    again = Pipeline(gaz, cache=cache, engine=engine).run([str(SAMPLE)])
    assert first.processed == len(first.articles) > 10 and first.cached == 0
    assert again.cached == len(again.articles) and again.processed == 0
    assert again.events.to_json() == first.events.to_json()
