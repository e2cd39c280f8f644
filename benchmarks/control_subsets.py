"""Control on parts of the development set: does the model hold up on other reports?

The figures of ``control_truth.py`` and ``control_shading.py`` come from all 204 reports,
read from the first day of the war's second summer on. A user's corpus starts elsewhere
and may be sparser; the set that judges the project is not this one. This runner builds
three corpora out of the same reports and measures each with both benchmarks, beside
the whole set in the same run:

- ``first half``: the reports before the middle one's date (judged on every later week
  too, a map that stops with its reports; ``agreement_while_reported`` keeps to the
  weeks up to its last report);
- ``second half, cold start``: the reports from that date on, with nothing read before
  (judged from its first report's week; seeded with that week's map);
- ``every other report``: half the reports, evenly spread (a sparser feed).

Each corpus is extracted from its own reports (events merge across the articles given,
so a part is not a filter of the whole's events). Writes
``benchmarks/results/control_subsets.json``.

Usage: ``python benchmarks/control_subsets.py [--set DIR] [--out FILE]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.control_truth import DEFAULT_SET, RESULTS, set_parts  # noqa: E402


def subsets(reports: list[Path]) -> dict[str, list[Path]]:
    """The corpora measured, each a list of report files (sorted by name, that is date).

    Parameters
    ----------
    reports : list of Path
        The set's reports, named ``YYYY-MM-DD_*.md``.

    Returns
    -------
    dict of str to list of Path
        ``all``, ``first half``, ``second half, cold start`` and ``every other report``.
    """
    reports = sorted(reports, key=lambda p: p.name)
    middle = reports[len(reports) // 2].name[:10] if reports else ""
    return {
        "all": reports,
        "first half": [p for p in reports if p.name[:10] < middle],
        "second half, cold start": [p for p in reports if p.name[:10] >= middle],
        "every other report": reports[::2],
    }


def _corpus(folder: Path, reports: list[Path], truth: Path) -> Path:
    """A set folder of links: ``articles/`` (the reports) and ``truth/``."""
    (folder / "articles").mkdir(parents=True)
    for path in reports:
        (folder / "articles" / path.name).symlink_to(path.resolve())
    (folder / "truth").symlink_to(truth.resolve(), target_is_directory=True)
    return folder


def _run(script: str, corpus: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, str(ROOT / "benchmarks" / script), "--set", str(corpus)]
    subprocess.run([*command, "--out", str(out)], check=True, capture_output=True, text=True)
    return json.loads(out.read_text(encoding="utf-8"))


def figures(truth: dict[str, Any], shading: dict[str, Any]) -> dict[str, Any]:
    """The few figures compared across corpora, from the two benchmarks' results."""
    own, named, seeded = truth["overall"], truth["named_places"], truth["seeded"]
    covered = truth["overall_dates_with_reports"]
    mean, latest = shading["mean"], shading["latest"]
    return {
        "reports": truth["articles"],
        "weeks_judged": len(truth["per_date"]),
        "agreement": own["agreement"],
        "places": own["places"],
        # the weeks up to the last report (the first half's map stops with its reports)
        "agreement_while_reported": covered["agreement"],
        "named_places_agreement": named["agreement"],
        "named_places": named["places"],
        "seeded_agreement": seeded["agreement"],
        "seeded_iou_mean": own.get("iou_seeded_mean"),
        "seeded_iou_vs_persistence_after_move": truth["seeded_iou_vs_persistence_after_move"],
        "changed_right_within_week": truth["changed_right_within_week"],
        "ru_iou": mean["ru_iou"],
        "ru_wrong_km2": mean["ru_wrong_km2"],
        "ua_wrong_km2": mean["ua_wrong_km2"],
        "latest_ru_wrong_km2": latest["ru_wrong_km2"],
        "latest_ua_wrong_km2": latest["ua_wrong_km2"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help=f"default {DEFAULT_SET}")
    parser.add_argument("--out", type=Path, default=RESULTS / "control_subsets.json")
    args = parser.parse_args(argv)
    parts = set_parts(args.set)
    if parts is None:
        return 2
    articles, truth = parts
    start = time.perf_counter()
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="frontline-subsets-") as tmp:
        for n, (name, reports) in enumerate(subsets(sorted(articles.glob("*.md"))).items()):
            if not reports:
                continue
            corpus = _corpus(Path(tmp) / f"set{n}", reports, truth)
            rows[name] = {
                "first_report": reports[0].name[:10],
                "last_report": reports[-1].name[:10],
                **figures(
                    _run("control_truth.py", corpus, corpus / "truth.json"),
                    _run("control_shading.py", corpus, corpus / "shading.json"),
                ),
            }
            print(_line(name, rows[name]), flush=True)
    result = {
        "benchmark": "control_subsets",
        "set": args.set.name,
        "corpora": rows,
        "seconds": round(time.perf_counter() - start, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({result['seconds']} s)")
    return 0


def _line(name: str, r: dict[str, Any]) -> str:
    return (
        f"{name:24s} {r['reports']:3d} reports {r['first_report']}..{r['last_report']}: "
        f"places {r['agreement']:.1%} over {r['places']} "
        f"({r['agreement_while_reported']:.1%} while reported), "
        f"named {r['named_places_agreement']:.1%} over {r['named_places']}, "
        f"seeded {r['seeded_agreement']:.1%}; changed hands "
        f"{r['changed_right_within_week']:.1%}; RU IoU {r['ru_iou']:.3f}; wrong RU/UA "
        f"{r['ru_wrong_km2']:.0f}/{r['ua_wrong_km2']:.0f} km2"
    )


if __name__ == "__main__":
    sys.exit(main())
