"""Place mentions of the real reports: how many are resolved, and how many resolved ones are wrong.

Every report of the development set (``../shared/benchmarks/control/articles/``,
``--articles``) is read as ``frontline extract`` reads it (:mod:`geo.ingest`, the default
gazetteer, no NER); its spans are recognised and resolved (:func:`geo.recognize.find_spans`,
:func:`geo.resolve.resolve_spans`). Place mentions are the spans of kind ``place`` and
``border`` (demonyms, "Russian forces", are counted apart).

Figures:

* ``mentions``, ``resolved`` and ``resolved_share``; the unresolved ones by the feature head
  of their cues (``river``, ``island``, ``oblast``...; ``none`` without one) and by surface.
* A hand review: seeded samples of ``--sample`` resolved place mentions (each mention's key
  ``file:start-end`` ranked by a hash of the seed and the key, so that the sample moves
  little when resolution changes). Six seeds: :data:`SEEDS` ``[0]`` drew the sample whose
  wrong resolutions the resolver was then fixed against; ``[1]`` drew a fresh sample after
  those fixes, whose wrong ones were fixed by class in turn; ``[2]`` drew a fresh sample
  after that, reviewed and fixed against by class once more; ``[3]`` drew a fresh sample
  after those fixes, reviewed and fixed against by class in turn (city or oblast, persons,
  weapons, a city off a stated distance); ``[4]`` drew a fresh sample after those fixes,
  whose wrong ones were fixed by class in turn (bare oblast names in lists and before an
  administration, loose readings far from the report's places, media and fragments of
  hyphenated names); ``[5]`` drew a fresh sample after those fixes, so that the headline
  ``wrong_share`` (the last seed's) is never measured on a sample fixed against.
  ``--sheet FILE`` writes all samples as a review sheet (key, surface, resolved id, name,
  kind, country, admin-1, point, score; with ``--with-text`` also the sentence, for the
  reviewer's eyes only: keep such a sheet out of the repository).
  The verdicts are ``benchmarks/gold/resolved_review.yaml``: ``{key, place, verdict}`` with
  verdict ``right`` or ``wrong``. A verdict counts only while the mention still resolves to
  the reviewed place id; ``wrong_share`` = wrong / reviewed-and-current, and
  ``stale`` counts sampled mentions whose verdict is missing or for another place.

Writes ``benchmarks/results/resolved_review.json`` (``--out``) atomically.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "resolved_review.json"
GOLD = ROOT / "benchmarks" / "gold" / "resolved_review.yaml"
DEFAULT_ARTICLES = ROOT.parent / "shared" / "benchmarks" / "control" / "articles"
#: The samples fixed against, then the fresh one drawn after the fixes (see the docstring).
SEEDS = (
    "frontline-resolved-review-1",
    "frontline-resolved-review-2",
    "frontline-resolved-review-3",
    "frontline-resolved-review-4",
    "frontline-resolved-review-5",
    "frontline-resolved-review-6",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _heads() -> frozenset[str]:
    from geo import recognize_rules as R

    return R.FEATURE_HEADS | frozenset({"oblast", "raion", "region", "krai", "republic"})


def collect(articles: Path) -> list[dict[str, Any]]:
    """Every recognised span of the reports with its resolution.

    Parameters
    ----------
    articles : Path
        Folder of reports.

    Returns
    -------
    list of dict
        ``key, file, start, end, text, kind, cues, id, name, place_kind, country,
        admin1, lat, lon, score`` (the place fields empty when unresolved).
    """
    from gazetteer import Gazetteer
    from geo.ingest import iter_articles
    from geo.lookup import PlaceLookup
    from geo.model import Article
    from geo.recognize import find_spans
    from geo.resolve import resolve_spans

    gaz = Gazetteer.load()
    lookup = PlaceLookup(gaz)
    out: list[dict[str, Any]] = []
    for art in iter_articles([str(articles)]):
        if not isinstance(art, Article):
            continue
        spans = find_spans(art.text, gaz, lookup=lookup)
        mentions = resolve_spans(spans, gaz, text=art.text)
        fname = Path(art.path or art.id).name
        kind = {(s.start, s.end): s.kind for s in spans}
        for m in mentions:
            p = m.place
            out.append(
                {
                    "key": f"{fname}:{m.start}-{m.end}",
                    "file": fname,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "kind": kind.get((m.start, m.end), "place"),
                    "cues": list(m.cues),
                    "id": p.id if p else "",
                    "name": p.name if p else "",
                    "place_kind": p.kind.value if p else "",
                    "country": p.country if p else "",
                    "admin1": p.admin1 if p else "",
                    "lat": round(p.lat, 4) if p else None,
                    "lon": round(p.lon, 4) if p else None,
                    "score": round(p.score, 3) if p else None,
                    "_text": art.text,
                }
            )
    return out


def _rank(seed: str, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def sample(rows: list[dict[str, Any]], n: int, seed: str = SEEDS[-1]) -> list[dict[str, Any]]:
    """The seeded sample of ``n`` resolved place mentions (by hash rank of their keys)."""
    resolved = [r for r in rows if r["kind"] != "demonym" and r["id"]]
    return sorted(resolved, key=lambda r: _rank(seed, r["key"]))[:n]


def _sentence(text: str, start: int, end: int) -> str:
    a = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return text[a : m.start() if m else len(text)].replace("\n", " ")


def _head(cues: list[str], heads: frozenset[str]) -> str:
    return next((c for c in cues if c in heads), "none")


def write_sheet(picked: list[dict[str, Any]], path: Path, *, with_text: bool) -> None:
    """Write the review sheet (CSV) for ``picked``."""
    cols = ["key", "text", "id", "name", "place_kind", "country", "admin1", "lat", "lon", "score"]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*cols, "sentence"] if with_text else cols)
        for r in picked:
            row = [r[c] for c in cols]
            if with_text:
                row.append(_sentence(r["_text"], r["start"], r["end"]))
            w.writerow(row)
    os.replace(tmp, path)


def load_verdicts(path: Path) -> dict[str, dict[str, str]]:
    """Verdicts by mention key; a clear error naming the file when it is malformed."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("verdicts") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SystemExit(f"{path}: expected a mapping with a 'verdicts' list")
    out = {}
    for it in items:
        if not isinstance(it, dict) or it.get("verdict") not in ("right", "wrong"):
            raise SystemExit(f"{path}: entry {it!r} needs key, place and verdict right|wrong")
        out[str(it["key"])] = {"place": str(it.get("place", "")), "verdict": it["verdict"]}
    return out


def review(picked: list[dict[str, Any]], verdicts: dict[str, dict[str, str]]) -> dict:
    """Reviewed, wrong and stale mentions of one sample (see the module docstring)."""
    right = wrong = stale = 0
    wrong_keys = []
    for r in picked:
        v = verdicts.get(r["key"])
        if v is None or v["place"] != r["id"]:
            stale += 1
        elif v["verdict"] == "wrong":
            wrong += 1
            wrong_keys.append(r["key"])
        else:
            right += 1
    reviewed = right + wrong
    return {
        "sample": len(picked),
        "reviewed": reviewed,
        "wrong": wrong,
        "wrong_share": round(wrong / reviewed, 4) if reviewed else None,
        "wrong_keys": wrong_keys,
        "stale": stale,
    }


def measure(rows: list[dict[str, Any]], n: int, verdicts: dict[str, dict[str, str]]) -> dict:
    """The figures of the module docstring."""
    heads = _heads()
    places = [r for r in rows if r["kind"] != "demonym"]
    unresolved = [r for r in places if not r["id"]]
    samples = [
        {"seed": seed, "fresh": i == len(SEEDS) - 1, **review(sample(rows, n, seed), verdicts)}
        for i, seed in enumerate(SEEDS)
    ]
    by_head = Counter(_head(r["cues"], heads) for r in unresolved)
    by_text = Counter(r["text"] for r in unresolved)
    return {
        "mentions": len(places),
        "demonyms": len(rows) - len(places),
        "resolved": len(places) - len(unresolved),
        "resolved_share": round(1 - len(unresolved) / len(places), 4) if places else None,
        "unresolved": len(unresolved),
        "unresolved_by_head": sorted(by_head.items(), key=lambda kv: (-kv[1], kv[0])),
        "unresolved_by_text": sorted(by_text.items(), key=lambda kv: (-kv[1], kv[0])),
        **{k: v for k, v in samples[-1].items() if k not in ("seed", "fresh")},
        "samples": samples,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--sheet", type=Path, help="write the sample's review sheet (CSV) here")
    ap.add_argument("--with-text", action="store_true", help="add the sentence to the sheet")
    ap.add_argument("--dump", type=Path, help="write every mention (JSON lines, no text) here")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    if not args.articles.is_dir():
        print(f"{args.articles}: no such folder of reports (--articles)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    rows = collect(args.articles)
    fig = measure(rows, args.sample, load_verdicts(args.gold))
    fig["seconds"] = round(time.perf_counter() - t0, 1)
    if args.sheet:
        picked = {r["key"]: r for seed in SEEDS for r in sample(rows, args.sample, seed)}
        write_sheet(list(picked.values()), args.sheet, with_text=args.with_text)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({k: v for k, v in r.items() if k != "_text"}) + "\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(fig, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    short = {
        k: v for k, v in fig.items() if k not in ("unresolved_by_text", "wrong_keys", "samples")
    }
    short["samples"] = [{k: v for k, v in s.items() if k != "wrong_keys"} for s in fig["samples"]]
    print(json.dumps(short, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
