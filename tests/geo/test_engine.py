"""The Dask engine gives the local engine's outputs, byte for byte; progress stays off in pipes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from geo.cli import _progress, main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "articles"

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


def extract(tmp_path: Path, name: str, *extra: str) -> dict[str, bytes]:
    out = tmp_path / name / "events.geojson"
    out.parent.mkdir()
    status = main(["extract", str(SAMPLE), "-o", str(out), "--no-cache", *extra])
    assert status == 0
    return {p.name: p.read_bytes() for p in sorted(out.parent.iterdir())}


@pytest.mark.slow
def test_dask_on_two_workers_equals_the_local_engine(tmp_path, capsys):
    local = extract(tmp_path, "local")
    on_dask = extract(tmp_path, "dask", "--engine", "dask", "--workers", "2")
    assert on_dask == local
    assert len(local["events.geojson"]) > 1000
    assert "dask dashboard: http" in capsys.readouterr().err


def test_dask_engine_keeps_order_and_reports_problems(gaz, tmp_path):
    from geo.engine import DaskEngine
    from geo.pipeline import ArticleResult, Pipeline, Problem

    (tmp_path / "b.md").write_text("Shelling hit Kharkiv on Monday.\n", "utf-8")
    (tmp_path / "a.md").write_text("Troops reached Izium on Friday.\n", "utf-8")
    (tmp_path / "c.md").write_bytes(b"")
    with DaskEngine(n_workers=1, processes=False, batch_size=1) as engine:
        items = list(Pipeline(gaz, engine=engine).iter_results([str(tmp_path)]))
    fatal = [i for i in items if isinstance(i, Problem) and i.fatal]
    results = [i for i in items if isinstance(i, ArticleResult)]
    assert [Path(r.article.path).name for r in results] == ["a.md", "b.md"]
    assert len(fatal) == 1 and fatal[0].path.endswith("c.md")
    assert results == [
        r for r in Pipeline(gaz).iter_results([str(tmp_path)]) if isinstance(r, ArticleResult)
    ]


def test_dask_engine_reads_the_cached_articles_while_the_cluster_works(gaz, tmp_path):
    from backlog_watch import WatchedBacklog

    from geo.cache import ArticleCache
    from geo.engine import DaskEngine
    from geo.pipeline import Pipeline

    (tmp_path / "a.md").write_text("Troops reached Izium on Friday.\n", "utf-8")
    (tmp_path / "b.md").write_text("Shelling hit Kharkiv on Monday.\n", "utf-8")
    Pipeline(gaz, cache=ArticleCache("dask-test", root=tmp_path / "cache", gazetteer=gaz)).run(
        [str(tmp_path)]
    )
    (tmp_path / "c.md").write_text("Russian forces withdrew from Lyman on Sunday.\n", "utf-8")
    cache = ArticleCache("dask-test", root=tmp_path / "cache", gazetteer=gaz)
    calls: list = []

    class Watched(DaskEngine):
        def map(self, pipeline, articles, *, while_waiting=None):
            watched = WatchedBacklog(while_waiting, cache, calls)
            return super().map(pipeline, articles, while_waiting=watched)

    with Watched(n_workers=1, processes=False) as engine:
        result = Pipeline(gaz, cache=cache, engine=engine).run([str(tmp_path)])
    assert [(waiting, read, left) for waiting, _, read, left in calls] == [(2, 2, 0)]
    assert (result.processed, result.cached) == (1, 2)
    assert result.events.to_json() == Pipeline(gaz).run([str(tmp_path)]).events.to_json()


@pytest.mark.parametrize("command", ["extract", "build"])
def test_cluster_options_need_the_dask_engine(tmp_path, capsys, command):
    out = str(tmp_path / ("e.geojson" if command == "extract" else "site"))
    status = main([command, str(SAMPLE), "-o", out, "--scheduler", "tcp://127.0.0.1:1"])
    assert status == 2
    assert "--engine dask" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_clear_error_not_a_hang(tmp_path, capsys):
    import socket
    import time

    with socket.socket() as probe:  # a port nobody listens on: bound, then released
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    out = str(tmp_path / "e.geojson")
    started = time.monotonic()
    options = ["--no-cache", "--engine", "dask", "--scheduler", address]
    status = main(["extract", str(SAMPLE), "-o", out, *options])
    assert time.monotonic() - started < 60
    err = capsys.readouterr().err
    assert status == 1
    assert f"cannot reach the Dask scheduler at {address}" in err
    assert "dask scheduler" in err and "--scheduler" in err
    assert not Path(out).exists()


def test_batches_follow_the_text_length():
    from geo.engine import BATCH_CHARS, _batches
    from geo.model import Article

    short = [Article(id=f"s{i}", text="x" * 1000) for i in range(70)]
    long = [Article(id=f"l{i}", text="y" * BATCH_CHARS) for i in range(3)]
    sizes = [len(b) for b in _batches(short + long, None)]
    assert sizes == [30, 30, 11, 1, 1]
    assert [len(b) for b in _batches(short, 32)] == [32, 32, 6]
    flat = [a.id for b in _batches(short + long, None) for a in b]
    assert flat == [a.id for a in short + long]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_not_a_terminal():
    pipe = io.StringIO()
    assert list(_progress(range(50), pipe)) == list(range(50))
    assert pipe.getvalue() == ""


def test_progress_shows_a_bar_on_a_terminal():
    terminal = _Terminal()
    assert list(_progress(range(50), terminal)) == list(range(50))
    assert "50" in terminal.getvalue() and "inputs" in terminal.getvalue()
