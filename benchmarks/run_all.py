"""Run every benchmark, then refresh the figures section of the README.

Each benchmark script writes its own JSON into benchmarks/results/; this runner calls them
in turn (one process each, so that memory figures are not mixed) and then rewrites the part
of README.md between the figures markers from those JSON files.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "gazetteer_speed.py",
    "geoparse_given_spans.py",
    "geoparse_end_to_end.py",
    "noise_robustness.py",
    "events_gold.py",
    "resolved_review.py",
    "geoparse_speed.py",
    "extract_speed.py",
    "maps_speed.py",
    "control_truth.py",
    "control_shading.py",
    "control_subsets.py",
    # 200 synthetic articles by default; `python benchmarks/scale.py --full` runs 10,000
    "scale.py",
]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        script = HERE / name
        if not script.is_file():
            print(f"-- {name}: missing, skipped", flush=True)
            continue
        print(f"-- {name}", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(
            f"-- {name}: exit {done.returncode} in {time.perf_counter() - start:.0f} s", flush=True
        )
        if done.returncode:
            failed.append(name)
    subprocess.run([sys.executable, str(HERE / "report.py")], cwd=HERE.parent, check=False)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
