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
* a full run with the cache on (it fills the cache), then the same feed plus one new article:
  the rebuild's time and its ratio to the full run;
* peak memory of the client and of each worker; the cross-article merge timed apart.

``python benchmarks/scale.py`` uses 200 articles (what ``make bench`` runs); ``--full``
uses 10,000 (hours on two cores); ``--articles N`` any size.
Writes benchmarks/results/scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
REPORTS = ROOT.parent / "shared" / "benchmarks" / "control" / "articles"
DEFAULT_ARTICLES, FULL_ARTICLES = 200, 10_000
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
    """Run on a worker: its peak resident memory."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_worker(articles: list[Any], dask_worker: Any) -> int:
    """Run on every worker: process a few spare articles (first-use loads, lazy imports)."""
    from geo.dask_worker import PLUGIN_NAME

    return len(dask_worker.plugins[PLUGIN_NAME].process(articles))


def _worker_cpu_seconds() -> float:
    """Run on a worker: CPU seconds it has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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


def rebuild_run(gaz: Any, records: list[dict[str, str]], folder: Path) -> dict[str, Any]:
    """A full run that fills an empty cache, then the same feed with one article more."""
    from geo.cache import ArticleCache
    from geo.pipeline import Pipeline

    root = folder / "cache"
    feed = write_feed(folder / "rebuild.jsonl", records[:-1])
    gaz.clear_caches()
    cache = ArticleCache.for_pipeline(gaz, root=root)
    start, cpu = time.perf_counter(), _worker_cpu_seconds()
    full = Pipeline(gaz, cache=cache).run([str(feed)])
    full_seconds, full_cpu = time.perf_counter() - start, _worker_cpu_seconds() - cpu
    write_feed(feed, records)  # one article added to the feed
    cache = ArticleCache.for_pipeline(gaz, root=root)
    start, cpu = time.perf_counter(), _worker_cpu_seconds()
    again = Pipeline(gaz, cache=cache).run([str(feed)])
    rebuild_seconds, rebuild_cpu = time.perf_counter() - start, _worker_cpu_seconds() - cpu
    sizes = [p.stat().st_size for p in root.rglob("*.parquet")]
    return {
        "articles_before": len(full.articles),
        "articles_after": len(again.articles),
        "processed_in_rebuild": again.processed,
        "full_seconds": round(full_seconds, 2),
        "rebuild_seconds": round(rebuild_seconds, 2),
        "rebuild_ratio": round(rebuild_seconds / full_seconds, 4),
        "full_cpu_seconds": round(full_cpu, 2),
        "rebuild_cpu_seconds": round(rebuild_cpu, 2),
        "rebuild_cpu_ratio": round(rebuild_cpu / full_cpu, 4),
        "cache_entry_kb_mean": round(sum(sizes) / max(1, len(sizes)) / 1024, 1),
    }


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
        start, cpu = time.perf_counter(), _worker_cpu_seconds()
        result = Pipeline(gaz, cache=cache).run([str(target)])
        timings.append((time.perf_counter() - start, _worker_cpu_seconds() - cpu, result))
    (full_s, full_cpu, full), (again_s, again_cpu, again) = timings
    return {
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--full", action="store_true", help=f"{FULL_ARTICLES:,} articles")
    parser.add_argument("--rebuild-articles", type=int, help="default: --articles")
    parser.add_argument(
        "--real-rebuild", action="store_true", help="also the rebuild on the 204 real reports"
    )
    parser.add_argument("--only-real-rebuild", action="store_true", help=argparse.SUPPRESS)
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
    records = build_corpus(max(n, args.rebuild_articles or 0) + 5)
    spare = records[-4:]  # warm-up articles, outside both corpora
    out: dict[str, Any] = {"articles": n, "cores": os.cpu_count()}
    out["load_average_at_start"] = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = write_feed(folder / "feed.jsonl", records[:n])
        warmup = write_feed(folder / "warmup.jsonl", spare)
        out["words_per_article"] = round(sum(len(r["text"].split()) for r in records[:n]) / n)
        print(f"scale: {n} synthetic articles, {out['words_per_article']} words each", flush=True)
        out["local"] = local_run(gaz, feed, n, warmup)
        print(f"scale: local {out['local']['seconds']} s", flush=True)
        for workers in (1, 2):
            out[f"dask_{workers}"] = dask_run(gaz, feed, n, workers, warmup)
            print(f"scale: dask {workers} worker(s) {out[f'dask_{workers}']['seconds']} s")
        identical = {out[k].pop("frame") for k in ("local", "dask_1", "dask_2")}
        out["dask_equals_local"] = len(identical) == 1
        rebuild_n = args.rebuild_articles or n
        out["rebuild"] = rebuild_run(gaz, records[: rebuild_n + 1], folder)
        print(f"scale: rebuild {out['rebuild']}", flush=True)
        if args.real_rebuild:
            out["rebuild_reports"] = real_rebuild_run(gaz, folder)
            print(f"scale: rebuild of the reports {out['rebuild_reports']}", flush=True)
    local, one, two = out["local"], out["dask_1"], out["dask_2"]
    out["speedup_2_over_1_workers"] = round(one["seconds"] / two["seconds"], 3)
    out["dask_1_over_local"] = round(local["seconds"] / one["seconds"], 3)
    out["client_peak_mb"] = round(_rss_peak_mb(), 1)
    out["load_average_at_end"] = round(os.getloadavg()[0], 2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / "scale.json"
    tmp_target = target.with_suffix(".json.tmp")
    tmp_target.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp_target.replace(target)
    print(json.dumps(out, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
