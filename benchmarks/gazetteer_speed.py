"""Gazetteer speed and memory: index load time, exact and misspelled lookups/s, resident memory.

Rates are the best of three runs with the resolver's and the name-key caches emptied
before each (cold lookups of distinct names). Each figure is compared with a baseline
measured in the same run (a plain dict lookup of the same names, the bare interpreter's
memory).
Writes ``benchmarks/results/gazetteer_speed.json``.

Run: ``python benchmarks/gazetteer_speed.py [--n 20000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "gazetteer_speed.json"

_LOAD_SNIPPET = """
import time, resource
t0 = time.perf_counter()
from gazetteer.resolver import Gazetteer
t1 = time.perf_counter()
gaz = Gazetteer.load()
t2 = time.perf_counter()
gaz.resolve("Kharkiv"); gaz.resolve("Kalkif")
rss = int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
print(t1 - t0, t2 - t1, rss)
"""
_BARE_SNIPPET = """
import numpy
rss = int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
print(rss)
"""


def _run(snippet: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True,
                         cwd=ROOT, check=True)  # fmt: skip
    return [float(x) for x in out.stdout.split()]


def _corrupt(name: str, rng: random.Random) -> str:
    """A simple misspelling: one substitution, deletion, duplication or transposition."""
    if len(name) < 4:
        return name + "a"
    i = rng.randrange(1, len(name) - 1)
    op = rng.randrange(4)
    if op == 0:
        return name[:i] + rng.choice("aeiorlvfbh") + name[i + 1 :]
    if op == 1:
        return name[:i] + name[i + 1 :]
    if op == 2:
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def _rate(fn, items, gaz=None, repeats: int = 3) -> float:
    """Best rate of a few runs (the machine may be shared); caches emptied before each."""
    best = 0.0
    for _ in range(repeats):
        if gaz is not None:
            # the name-key memos too: a repeat would otherwise find every key computed
            gaz.clear_caches()
        t0 = time.perf_counter()
        for x in items:
            fn(x)
        best = max(best, len(items) / (time.perf_counter() - t0))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="queries per measurement")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from gazetteer.resolver import Gazetteer

    Gazetteer.load()  # make sure the index exists before timing a fresh process
    loads = [_run(_LOAD_SNIPPET) for _ in range(3)]
    bare_rss = _run(_BARE_SNIPPET)[0]
    gaz = Gazetteer.load()
    ix = gaz.index
    rng = random.Random(7)
    rows = [rng.randrange(ix.n) for _ in range(args.n)]
    names = [ix.name(r) for r in rows]
    misspelt = [_corrupt(n, rng) for n in names[: max(1000, args.n // 5)]]
    plain = {n: i for i, n in enumerate(names)}

    baseline = _rate(plain.get, names)
    known = _rate(gaz.is_known, names, gaz)
    exact = _rate(lambda n: gaz.candidates(n, limit=1), names, gaz)
    exact10 = _rate(lambda n: gaz.candidates(n, limit=10), names[: args.n // 4], gaz)
    fuzzy = _rate(lambda n: gaz.candidates(n, limit=5), misspelt, gaz)
    fuzzy_resolve = _rate(gaz.resolve, misspelt, gaz)
    rss = int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20
    report = {
        "index_places": ix.n,
        "load_seconds_fresh_process": {
            "import": round(statistics.median(x[0] for x in loads), 3),
            "load": round(statistics.median(x[1] for x in loads), 3),
            "total": round(statistics.median(x[0] + x[1] for x in loads), 3),
        },
        "lookups_per_second": {
            "baseline_dict_get": round(baseline),
            "is_known": round(known),
            "exact_candidates_limit1": round(exact),
            "exact_candidates_limit10": round(exact10),
            "misspelled_candidates_limit5": round(fuzzy),
            "misspelled_resolve": round(fuzzy_resolve),
        },
        "ratio_to_dict_get": {
            "is_known": round(baseline / known, 1),
            "exact_candidates_limit1": round(baseline / exact, 1),
            "misspelled_candidates_limit5": round(baseline / fuzzy, 1),
        },
        "resident_mb": {
            "bare_python_numpy": round(bare_rss, 1),
            "after_load_and_two_resolves": round(statistics.median(x[2] for x in loads), 1),
            "after_benchmark": round(rss, 1),
        },
        "queries": {"exact": len(names), "misspelled": len(misspelt)},
    }
    print(json.dumps(report, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=".gazetteer_speed.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
