"""Given-span resolution accuracy on the geoparsing development sets (GeoWebNews, LGL).

Every gold span is handed to ``gazetteer.spans.resolve_given_spans`` (a document's spans
are resolved jointly); the field's metrics are computed against the gold coordinates.
Two regimes: the resolver as shipped (unresolvable spans are abstentions, the primary
figures) and, labelled ``with_backoff``, unresolvable spans given the document's main
locality. Prints a table and writes ``benchmarks/results/given_spans.json``.

Run: ``python benchmarks/geoparse_given_spans.py [--data DIR] [--limit N] [--no-backoff]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geoparse_metrics import (
    LITERAL_TYPES,
    MISS_KM,
    error_metrics,
    load_jsonl,
    span_errors,
)

from gazetteer.resolver import Gazetteer
from gazetteer.spans import resolve_given_spans

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "geoparse"
RESULTS = ROOT / "benchmarks" / "results" / "given_spans.json"


def run_corpus(gaz: Gazetteer, records: list[dict], *, backoff: bool = False) -> dict[str, list]:
    """Resolve every record; return errors grouped by category."""
    groups: dict[str, list] = {"all": [], "literal": [], "metonymic": [], "modifier": []}
    for rec in records:
        out = resolve_given_spans(rec, gaz, backoff=backoff)
        pred = {(m["start"], m["end"]): m for m in out["mentions"]}
        for g, err in span_errors(rec["toponyms"], pred):
            groups["all"].append((g, err))
            kind = g.get("type")
            if kind is None or kind in LITERAL_TYPES:
                groups["literal"].append((g, err))
            elif kind == "Metonymic":
                groups["metonymic"].append((g, err))
            else:  # Non_Literal_Modifier ("French" wine), Embedded_Non_Lit: adjectives, demonyms
                groups["modifier"].append((g, err))
    return groups


def summarise(groups: dict[str, list]) -> dict[str, dict]:
    out = {}
    for name, items in groups.items():
        if not items:
            continue
        errors = [e for _, e in items]
        out[name] = error_metrics(errors, abstained=sum(e >= MISS_KM for e in errors)).as_dict()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N articles per corpus")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--worst", type=int, default=0, help="print the N worst errors")
    parser.add_argument(
        "--no-backoff", action="store_true", help="skip the with-backoff regime (faster)"
    )
    args = parser.parse_args(argv)
    gaz = Gazetteer.load()
    report: dict[str, dict] = {}
    print(
        f"{'corpus':<12}{'subset':<20}{'n':>6}{'Acc@161':>9}{'mean km':>9}"
        f"{'median':>8}{'AUC':>7}{'abst.':>6}{'s':>6}"
    )
    regimes = (False,) if args.no_backoff else (False, True)
    for corpus, fname in (("geowebnews", "geowebnews.jsonl"), ("lgl", "lgl.jsonl")):
        records = load_jsonl(args.data / fname)[: args.limit]
        for backoff in regimes:
            t0 = time.perf_counter()
            groups = run_corpus(gaz, records, backoff=backoff)
            seconds = time.perf_counter() - t0
            summary = summarise(groups)
            summary["seconds"] = round(seconds, 1)
            summary["backoff"] = backoff
            if backoff:
                report[corpus]["with_backoff"] = summary
            else:
                report[corpus] = summary
            label = " (backoff)" if backoff else ""
            for subset, m in summary.items():
                if not isinstance(m, dict):
                    continue
                print(
                    f"{corpus:<12}{subset + label:<20}{m['n']:>6}{m['acc161']:>9.3f}"
                    f"{m['mean_km']:>9.0f}{m['median_km']:>8.1f}{m['auc']:>7.3f}"
                    f"{m['abstained']:>6}{seconds:>6.1f}"
                )
            if args.worst and not backoff:
                worst = sorted(groups["literal"], key=lambda t: -t[1])[: args.worst]
                for g, e in worst:
                    print(f"   {e:8.0f} km  {g['name']!r}  gold=({g['lat']}, {g['lon']})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(report, indent=2, sort_keys=True).encode() + b"\n"
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=".given_spans.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, args.out)
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
