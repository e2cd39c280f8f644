"""Scale: throughput local and on Dask (1 and 2 workers), a cached rebuild, memory per worker.

The corpus is synthetic and built at run time (never committed) from the 204 real daily
reports in ``../shared/benchmarks/control/articles``: each synthetic article is a window of
3 to 5 consecutive paragraphs of one report, with that report's date and outlet and an id
of its own, written as one JSONL feed (one article per line). Wire copy is this short;
every window is distinct text, so neither the cache nor the look-up caches repeat work.

Measured in one run, on this machine:

* throughput (articles/s) of the local engine, and of ``--engine dask`` on a LocalCluster of
  1 and of 2 single-threaded worker processes (cluster start-up timed apart), no cache;
  the ratios 2 workers / 1 worker and 1 worker / local;
* a rebuild as a user runs it (``frontline extract`` and ``frontline build`` in a process of
  their own, with a cache of their own): the first run over 1,000 articles fills the cache,
  then one article is added and the command run again; the rebuild's time and its ratio to
  the full run, wall and CPU (``build`` also renders the map, timed apart);
* peak memory of the client and of each worker; the cross-article merge timed apart;
* the load average of the machine before and after each measurement: on a shared machine
  the wall times and the Dask ratio depend on it (CPU seconds much less).

``python benchmarks/scale.py`` uses 300 articles (what ``make bench`` runs); ``--quick``
the throughput and the ``extract`` rebuild only (a few minutes: for re-measuring the Dask
ratio on a quiet machine); ``--full`` 10,000 articles (an hour or more on two cores);
``--articles N`` any size. Writes benchmarks/results/scale.json (``scale_quick.json`` with
``--quick``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
REPORTS = ROOT.parent / "shared" / "benchmarks" / "control" / "articles"
DEFAULT_ARTICLES, FULL_ARTICLES, REBUILD_ARTICLES = 300, 10_000, 1_000
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _reports() -> list[tuple[dict[str, str], list[str]]]:
    """Each report's front matter fields and its paragraphs."""
    import yaml

    out = []
    for path in sorted(REPORTS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = _FRONT.match(text)
        meta = yaml.safe_load(match.group(1)) if match else {}
        body = text[match.end() :] if match else text
        paragraphs = [p.strip() for p in body.split("\n\n") if len(p.strip()) > 80]
        if len(paragraphs) >= 5:
            out.append(({k: str(meta.get(k, "")) for k in ("source", "published")}, paragraphs))
    return out


def build_corpus(n: int, seed: int = 15) -> list[dict[str, str]]:
    """Return ``n`` distinct synthetic articles (JSONL records), the same for the same seed."""
    reports = _reports()
    rng = random.Random(seed)
    seen: set[str] = set()
    records = []
    while len(records) < n:
        meta, paragraphs = reports[rng.randrange(len(reports))]
        size = rng.randint(3, 5)
        start = rng.randrange(len(paragraphs) - size + 1)
        text = "\n\n".join(paragraphs[start : start + size])
        if text in seen:
            continue
        seen.add(text)
        records.append(
            {
                "id": f"synthetic-{len(records):05d}",
                "text": text,
                "published": meta["published"],
                "source": meta["source"],
            }
        )
    return records


def write_feed(path: Path, records: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak_mb() -> float:
    """Run on a worker: its resident memory now, after the work (MB).

    Not ``ru_maxrss``: a worker forked from the client starts with the client's peak.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_worker(articles: list[Any], dask_worker: Any) -> int:
    """Run on every worker: process a few spare articles (first-use loads, lazy imports)."""
    from geo.dask_worker import PLUGIN_NAME

    return len(dask_worker.plugins[PLUGIN_NAME].process(articles))


def _worker_cpu_seconds() -> float:
    """Run on a worker: CPU seconds it has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its finished children (the local process pool)."""
    return _worker_cpu_seconds() + sum(
        getattr(resource.getrusage(resource.RUSAGE_CHILDREN), f) for f in ("ru_utime", "ru_stime")
    )


def _timed_run(pipeline: Any, feed: Path) -> tuple[float, Any, float]:
    """Seconds of ``pipeline.run`` and of the merge inside it (timed by a second merge)."""
    from geo.timeline import merge_events

    start = time.perf_counter()
    result = pipeline.run([str(feed)])
    seconds = time.perf_counter() - start
    events = [e for r in result.articles for e in r.events]
    start = time.perf_counter()
    merge_events(events)
    return seconds, result, time.perf_counter() - start


def local_run(gaz: Any, feed: Path, n: int, warmup: Path) -> dict[str, Any]:
    from geo.pipeline import Pipeline

    Pipeline(gaz).run([str(warmup)])  # first-use loads, as the workers' warm-up below
    gaz.clear_caches()
    cpu = _worker_cpu_seconds()
    seconds, result, merge = _timed_run(Pipeline(gaz), feed)
    cpu = _worker_cpu_seconds() - cpu
    return {
        "cpu_seconds": round(cpu, 2),
        "cpu_seconds_per_article": round((cpu - merge) / n, 4),
        "seconds": round(seconds, 2),
        "merge_seconds": round(merge, 2),
        "articles_per_second": round(n / seconds, 3),
        "seconds_per_article_per_core": round((seconds - merge) / n, 4),
        "events": len(result.events),
        "events_before_merge": sum(len(r.events) for r in result.articles),
        "frame": result.events.to_json(sort_keys=True),
    }


def dask_run(gaz: Any, feed: Path, n: int, workers: int, warmup: Path) -> dict[str, Any]:
    from geo.engine import DaskEngine
    from geo.pipeline import Pipeline

    start = time.perf_counter()
    with DaskEngine(n_workers=workers, log=print) as engine:
        pipeline = Pipeline(gaz, engine=engine)
        engine.prepare(pipeline)  # workers started, each with its pipeline loaded
        started = time.perf_counter() - start
        from geo.ingest import iter_articles

        engine.client.run(_warm_worker, list(iter_articles([warmup])))
        cpu_before = engine.client.run(_worker_cpu_seconds)
        seconds, result, merge = _timed_run(pipeline, feed)
        cpu_after = engine.client.run(_worker_cpu_seconds)
        peaks = engine.client.run(_worker_peak_mb)
    cpu = [cpu_after[w] - cpu_before[w] for w in sorted(cpu_after)]
    return {
        "workers": workers,
        "startup_seconds": round(started, 2),
        "seconds": round(seconds, 2),
        "merge_seconds": round(merge, 2),
        "articles_per_second": round(n / seconds, 3),
        "worker_peak_mb": sorted(round(v, 1) for v in peaks.values()),
        "worker_cpu_seconds": [round(c, 2) for c in cpu],
        # what the split allows on free cores: total work over the busiest worker's share
        "cpu_balance_speedup": round(sum(cpu) / max(cpu), 3),
        "frame": result.events.to_json(sort_keys=True),
    }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _user_cache(folder: Path, name: str = "user-cache") -> Path:
    """A cache folder of its own for the commands: the place index and assets linked in."""
    from gazetteer.index import cache_dir

    root = folder / name
    root.mkdir()
    for entry in cache_dir().iterdir():
        # the article, page and table-row caches start empty: a full run is a full run
        if entry.name in {"articles", "pages", "tables"}:
            continue
        if entry.is_dir():
            (root / entry.name).symlink_to(entry.resolve(), target_is_directory=True)
        else:
            shutil.copy(entry, root / entry.name)
    return root


def _command(args: list[str], cache: Path) -> dict[str, Any]:
    """Run ``frontline ARGS`` in a process of its own: wall and CPU seconds, and its report."""
    env = {**os.environ, "FRONTLINE_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _load()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"frontline {' '.join(args)} failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = [line for line in done.stderr.splitlines() if "articles read" in line]
    pages = [line for line in done.stderr.splitlines() if "copied from the cache" in line]
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "load_before": load,
        "report": summary[-1] if summary else "",
        "pages": pages[-1].removeprefix("frontline: ") if pages else "",
    }


def build_rebuild(
    feed: Path,
    site: Path,
    cache: Path,
    records: list[dict[str, str]],
    options: list[str],
) -> dict[str, Any]:
    """``build`` as a daily job runs it: once (filling the caches), then with one article more.

    The full run is the same ``build`` over the same articles with ``--no-cache``, into a
    folder of its own (so no preview is kept either).
    """
    out: dict[str, Any] = {}
    write_feed(feed, records[:-1])
    command = ["build", str(feed), "-o", str(site), *options]
    out["first"] = _command(command, cache)
    write_feed(feed, records)
    entries = _blobs(cache)
    out["rebuild"] = _command(command, cache)
    # pages drawn again, control days drawn again, outlines and countries computed again
    out["rebuild"]["new_page_cache_entries"] = len(_blobs(cache) - entries)
    fresh = site.with_name(site.name + "-full")
    out["full"] = _command(["build", str(feed), "-o", str(fresh), *options, "--no-cache"], cache)
    out["identical"], out["unlisted_kept"] = _same_as_clean(site, fresh)
    return out


def _blobs(cache: Path) -> set[str]:
    """Names of the page cache's entries (pages, control days, outlines)."""
    return {p.name for p in (cache / "pages").rglob("*.blob")}


def _same_as_clean(site: Path, clean: Path) -> tuple[bool, int]:
    """Whether every file a clean build writes is in ``site`` with the same bytes.

    Returns that, and the number of files ``site`` holds besides (snippets an earlier
    build listed and this one no longer does: kept so that pages embedding them still
    work, and not linked from ``embed.html``).
    """
    rebuilt, fresh = _tree_bytes(site, "previews"), _tree_bytes(clean, "previews")
    same = all(rebuilt.get(name) == body for name, body in fresh.items())
    return same, len(set(rebuilt) - set(fresh))


def _tree_bytes(folder: Path, skip: str) -> dict[str, bytes]:
    """Every output file's bytes (the PNG previews apart: a browser draws them)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and skip not in p.relative_to(folder).parts
    }


def rebuild_run(
    records: list[dict[str, str]],
    folder: Path,
    *,
    build: bool = True,
    previews: bool = True,
) -> dict[str, Any]:
    """``extract`` and ``build`` as a user runs them: a full run, then one article more.

    ``records`` holds the articles of the full run plus two: one added before the
    ``extract`` rebuild, one more before the ``build`` rebuilds, without the PNG previews
    (``--no-previews``) and as ``make maps`` runs it (with them), each with caches of its
    own, so that both add the same article. ``render`` is timed alone on the same table,
    without the previews and without cache. ``previews=False`` leaves out the step with
    the PNG previews (a browser shoots them: minutes).
    """
    cache = _user_cache(folder)
    feed = folder / "daily.jsonl"
    out: dict[str, Any] = {"articles_before": len(records) - 2}
    write_feed(feed, records[:-2])
    events = str(folder / "events.parquet")
    out["extract_full"] = _command(["extract", str(feed), "-o", events], cache)
    write_feed(feed, records[:-1])
    out["extract_rebuild"] = _command(["extract", str(feed), "-o", events], cache)
    if build:
        steps = [("build", ["--no-previews"]), ("maps", ["--previews"])][: 2 if previews else 1]
        for step, options in steps:
            # the maps step starts from its own cache, filled as the build step's was
            own = cache if step == "build" else _user_cache(folder, f"user-cache-{step}")
            if own is not cache:
                write_feed(feed, records[:-2])
                _command(["extract", str(feed), "-o", events], own)
            run = build_rebuild(feed, folder / f"site-{step}", own, records, options)
            out[f"{step}_full"], out[f"{step}_rebuild"] = run["full"], run["rebuild"]
            out[f"{step}_first"] = run["first"]
            out[f"{step}_identical"] = run["identical"]
            print(f"scale: {step} {json.dumps(run)}", flush=True)
        table = str(folder / "site-build" / "events.geojson")
        out["render_no_previews"] = _command(
            ["render", table, "-o", str(folder / "map"), "--no-previews", "--no-cache"], cache
        )
    for step in ("extract", "build", "maps"):
        if f"{step}_full" not in out:
            continue
        full, again = out[f"{step}_full"], out[f"{step}_rebuild"]
        out[f"{step}_ratio"] = round(again["seconds"] / full["seconds"], 4)
        out[f"{step}_cpu_ratio"] = round(again["cpu_seconds"] / full["cpu_seconds"], 4)
    files = [p for p in (cache / "articles").rglob("*.parquet") if not p.name.startswith(".")]
    out["cache_files"] = len(files)
    out["cache_bytes_per_article"] = round(
        sum(p.stat().st_size for p in files) / max(1, len(records)), 0
    )
    pages = [p for p in (cache / "pages").rglob("*.blob")]
    out["page_cache_mb"] = round(sum(p.stat().st_size for p in pages) / 1024**2, 1)
    out["processed_in_rebuild"] = out["extract_rebuild"]["report"]
    return out


def real_rebuild_run(gaz: Any, folder: Path) -> dict[str, Any]:
    """The same rebuild on the real reports: all but the last, then the last one added."""
    import shutil

    from geo.cache import ArticleCache
    from geo.pipeline import Pipeline

    reports = sorted(REPORTS.glob("*.md"))
    target = folder / "reports"
    target.mkdir()
    for path in reports[:-1]:
        shutil.copy(path, target / path.name)
    root = folder / "cache-reports"
    timings = []
    for step in ("full", "rebuild"):
        if step == "rebuild":
            shutil.copy(reports[-1], target / reports[-1].name)
        gaz.clear_caches()
        cache = ArticleCache.for_pipeline(gaz, root=root)
        start, cpu = time.perf_counter(), _cpu_with_children()
        result = Pipeline(gaz, cache=cache).run([str(target)])
        timings.append((time.perf_counter() - start, _cpu_with_children() - cpu, result))
    (full_s, full_cpu, full), (again_s, again_cpu, again) = timings
    # `build` as a daily job runs it on the reports (no previews): the folder without
    # the last report, then with it; the full run without cache
    (target / reports[-1].name).unlink()
    pages = folder / "reports-site"
    first = _command(
        ["build", str(target), "-o", str(pages), "--no-previews"],
        _user_cache(folder, "user-cache-reports"),
    )
    shutil.copy(reports[-1], target / reports[-1].name)
    user = folder / "user-cache-reports"
    entries = _blobs(user)
    build = _command(["build", str(target), "-o", str(pages), "--no-previews"], user)
    build["new_page_cache_entries"] = len(_blobs(user) - entries)
    fresh = folder / "reports-site-full"
    full_build = _command(
        ["build", str(target), "-o", str(fresh), "--no-previews", "--no-cache"], user
    )
    identical, unlisted = _same_as_clean(pages, fresh)
    return {
        "build_first": first,
        "build_rebuild": build,
        "build_full": full_build,
        "build_ratio": round(build["seconds"] / full_build["seconds"], 4),
        "build_cpu_ratio": round(build["cpu_seconds"] / full_build["cpu_seconds"], 4),
        "build_identical": identical,
        "build_unlisted_kept": unlisted,
        "articles_before": len(full.articles),
        "articles_after": len(again.articles),
        "processed_in_rebuild": again.processed,
        "full_seconds": round(full_s, 2),
        "rebuild_seconds": round(again_s, 2),
        "rebuild_ratio": round(again_s / full_s, 4),
        "full_cpu_seconds": round(full_cpu, 2),
        "rebuild_cpu_seconds": round(again_cpu, 2),
        "rebuild_cpu_ratio": round(again_cpu / full_cpu, 4),
    }


def _rebuild_only(gaz: Any, articles: int) -> int:
    """Re-measure the rebuilds and keep the rest of ``scale.json`` (the Dask figures)."""
    target = RESULTS / "scale.json"
    out = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    records = build_corpus(articles + 2)
    load = _load()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "synthetic").mkdir()
        rebuild = rebuild_run(records, Path(tmp) / "synthetic", previews=False)
        print(f"scale: rebuild {json.dumps(rebuild)}", flush=True)
        (Path(tmp) / "reports").mkdir()
        reports = real_rebuild_run(gaz, Path(tmp) / "reports")
        print(f"scale: rebuild of the reports {json.dumps(reports)}", flush=True)
    # the figures of the PNG step stay those of the last complete run, marked as such
    kept = {k: v for k, v in out.get("rebuild", {}).items() if k.startswith("maps_")}
    out["rebuild"] = {**rebuild, **kept}
    out["rebuild_reports"] = reports
    out["rebuild_measured"] = {
        "load_average_at_start": load,
        "load_average_at_end": _load(),
        "maps_step_from_earlier_run": bool(kept),
    }
    out.setdefault("ratios", {}).update(
        {k: v for k, v in out["rebuild"].items() if k.endswith("ratio")}
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp_target = target.with_suffix(".json.tmp")
    tmp_target.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp_target.replace(target)
    print(json.dumps(out["rebuild"], indent=2, sort_keys=True))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--full", action="store_true", help=f"{FULL_ARTICLES:,} articles")
    parser.add_argument(
        "--quick", action="store_true", help="throughput and the extract rebuild only"
    )
    parser.add_argument("--rebuild-articles", type=int, default=REBUILD_ARTICLES)
    parser.add_argument(
        "--real-rebuild", action="store_true", help="also the rebuild on the 204 real reports"
    )
    parser.add_argument("--only-real-rebuild", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--rebuild-only",
        action="store_true",
        help="the rebuilds alone (extract, build without previews, the real reports); "
        "written into scale.json beside the last complete run's throughput figures",
    )
    args = parser.parse_args(argv)
    if not REPORTS.is_dir():
        print(f"{REPORTS}: missing; skipped (the reports live in shared/benchmarks/control)")
        return 0
    n = FULL_ARTICLES if args.full else args.articles
    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    if args.only_real_rebuild:  # a quick look at the real reports alone; results not saved
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(real_rebuild_run(gaz, Path(tmp)), indent=2))
        return 0
    if args.rebuild_only:
        return _rebuild_only(gaz, args.rebuild_articles)
    records = build_corpus(max(n, args.rebuild_articles + 2) + 4)
    spare = records[-4:]  # warm-up articles, outside both corpora
    out: dict[str, Any] = {"articles": n, "cores": os.cpu_count(), "quick": args.quick}
    out["load_average_at_start"] = _load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = write_feed(folder / "feed.jsonl", records[:n])
        warmup = write_feed(folder / "warmup.jsonl", spare)
        out["words_per_article"] = round(sum(len(r["text"].split()) for r in records[:n]) / n)
        print(f"scale: {n} synthetic articles, {out['words_per_article']} words each", flush=True)
        load = _load()
        out["local"] = local_run(gaz, feed, n, warmup)
        out["local"]["load_before"] = load
        print(f"scale: local {out['local']['seconds']} s, load {load}", flush=True)
        for workers in (1, 2):
            load = _load()
            run = dask_run(gaz, feed, n, workers, warmup)
            run["load_before"] = load
            out[f"dask_{workers}"] = run
            print(f"scale: dask {workers} worker(s) {run['seconds']} s, load {load}", flush=True)
        identical = {out[k].pop("frame") for k in ("local", "dask_1", "dask_2")}
        out["dask_equals_local"] = len(identical) == 1
        rebuild_records = records[: args.rebuild_articles + 2]
        out["rebuild"] = rebuild_run(rebuild_records, folder, build=not args.quick)
        print(f"scale: rebuild {json.dumps(out['rebuild'])}", flush=True)
        if args.real_rebuild:
            out["rebuild_reports"] = real_rebuild_run(gaz, folder)
            print(f"scale: rebuild of the reports {out['rebuild_reports']}", flush=True)
    local, one, two = out["local"], out["dask_1"], out["dask_2"]
    out["speedup_2_over_1_workers"] = round(one["seconds"] / two["seconds"], 3)
    out["dask_1_over_local"] = round(local["seconds"] / one["seconds"], 3)
    out["ratios"] = {
        "dask_2_over_1_workers_wall": out["speedup_2_over_1_workers"],
        "dask_2_workers_cpu_balance": two["cpu_balance_speedup"],
        "dask_1_worker_over_local_wall": out["dask_1_over_local"],
        **{k: v for k, v in out["rebuild"].items() if k.endswith("ratio")},
    }
    out["client_peak_mb"] = round(_rss_peak_mb(), 1)
    out["load_average_at_end"] = _load()
    RESULTS.mkdir(parents=True, exist_ok=True)
    # a quick run (re-measuring the Dask ratio) keeps the complete run's figures beside it
    target = RESULTS / ("scale_quick.json" if args.quick else "scale.json")
    tmp_target = target.with_suffix(".json.tmp")
    tmp_target.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp_target.replace(target)
    print(json.dumps(out, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
