"""Map speed: build time and page size for 100, 1,000 and 10,000 synthetic events, and
load and slider-step time in headless Chromium (the system one, never downloaded).

Goals at 10,000 events: build <= 10 s, page <= 5 MB, load <= 2 s, step <= 100 ms.
Writes benchmarks/results/maps_speed.json.

A slider step is measured from the call that moves the slider to the end of the next
animation frame (the frame that shows the result): `setIndex` then two
requestAnimationFrame callbacks, minus nothing; one frame is ~16.7 ms of that.
Load is measured to the second animation frame after the map script ran. Steps are
measured once the page has settled (one second after load, so the first raster of
the outlines is not counted as a step); the step right after load, without that pause,
is reported on its own as `first_step_ms`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazetteer.fileio import write_atomic  # noqa: E402
from maps.layers import load_offline_base  # noqa: E402
from maps.render import map_html, render_map  # noqa: E402
from maps.screenshot import find_chromium, launch  # noqa: E402
from maps.site import render_site  # noqa: E402
from maps.synthetic import synthetic_events  # noqa: E402
from maps.table import load_events, map_events  # noqa: E402

GOALS = {"build_s": 10.0, "page_mb": 5.0, "load_s": 2.0, "step_ms": 100.0}

_STEPS_JS = """async (n) => {
  const f = window.frontline, last = f.dates.length - 1;
  const raf = () => new Promise(r => requestAnimationFrame(() => r()));
  await raf(); await raf();
  const single = [], jumps = [];
  const seq = [];
  for (let i = 1; i <= n; i++) seq.push(last - i);         // step back from the latest
  for (let i = n - 1; i >= 0; i--) seq.push(last - i);     // and forward again
  for (const k of seq) {
    const t0 = performance.now(); f.setIndex(k); const t1 = performance.now();
    await raf(); await raf();
    single.push([t1 - t0, performance.now() - t0]);
  }
  for (const k of [0, last, Math.floor(last / 2), last]) {
    const t0 = performance.now(); f.setIndex(k);
    await raf(); await raf();
    jumps.push(performance.now() - t0);
  }
  return {single, jumps};
}"""


_TWO_FRAMES_JS = """async () => {
  const raf = () => new Promise(r => requestAnimationFrame(() => r()));
  await raf(); await raf();
}"""

_FIRST_STEP_JS = """async () => {
  const f = window.frontline, raf = () => new Promise(r => requestAnimationFrame(() => r()));
  const t0 = performance.now(); f.setIndex(f.dates.length - 2);
  await raf(); await raf();
  const dt = performance.now() - t0;
  f.setIndex(f.dates.length - 1);
  await raf(); await raf();
  return dt;
}"""


def _measure_browser(page_path: Path, steps: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            loads = []
            result = first = None
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.route(
                    "**/*",
                    lambda r: (
                        r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                    ),
                )
                t0 = time.perf_counter()
                page.goto(page_path.resolve().as_uri(), wait_until="load")
                page.wait_for_function("window.frontline !== undefined")
                page.evaluate(_TWO_FRAMES_JS)
                loads.append(time.perf_counter() - t0)
                if first is None:
                    first = page.evaluate(_FIRST_STEP_JS)
                    page.wait_for_timeout(1000)
                    result = page.evaluate(_STEPS_JS, steps)
                page.close()
        finally:
            browser.close()
    js = [s[0] for s in result["single"]]
    frame = [s[1] for s in result["single"]]
    return {
        "load_s": round(statistics.median(loads), 3),
        "step_js_ms_median": round(statistics.median(js), 1),
        "step_ms_median": round(statistics.median(frame), 1),
        "step_ms_p90": round(sorted(frame)[int(0.9 * (len(frame) - 1))], 1),
        "step_ms_max": round(max(frame), 1),
        "jump_ms_max": round(max(result["jumps"]), 1),
        "first_step_ms": round(first, 1),
    }


def run(sizes: list[int], *, steps: int, site: bool) -> dict:
    base = load_offline_base()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            table = synthetic_events(n, seed=1, days=365 if n >= 1000 else 60)
            t0 = time.perf_counter()
            events = map_events(load_events(table))
            html = map_html(render_map(events, base=base))
            build = time.perf_counter() - t0
            page = Path(tmp) / f"map-{n}.html"
            write_atomic(page, html)
            row = {
                "events": n,
                "build_s": round(build, 2),
                "page_mb": round(len(html.encode("utf-8")) / 1e6, 3),
            }
            if site:
                t0 = time.perf_counter()
                report = render_site(table, Path(tmp) / f"site-{n}", base=base)
                row["site_build_s"] = round(time.perf_counter() - t0, 2)
                row["snippets"] = len(report.snippets)
                row["snippet_kb_max"] = round(max(s.size for s in report.snippets) / 1024, 1)
            if find_chromium():
                row.update(_measure_browser(page, steps))
            rows.append(row)
            print(json.dumps(row), flush=True)
    top = next((r for r in rows if r["events"] == 10_000), None)
    verdict = {}
    if top:
        verdict = {
            "build_s": top["build_s"] <= GOALS["build_s"],
            "page_mb": top["page_mb"] <= GOALS["page_mb"],
        }
        if "load_s" in top:
            verdict["load_s"] = top["load_s"] <= GOALS["load_s"]
            verdict["step_ms"] = top["step_ms_median"] <= GOALS["step_ms"]
            verdict["step_ms_p90"] = top["step_ms_p90"] <= GOALS["step_ms"]
    return {
        "benchmark": "maps_speed",
        "goals_at_10000": GOALS,
        "met": verdict,
        "results": rows,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "chromium": find_chromium(),
        },
        "notes": "synthetic events; step = setIndex + two animation frames (one ~16.7 ms), "
        "measured 1 s after load; first_step_ms = the step right after load",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--site", action="store_true", help="also time render_site")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/maps_speed.json")
    args = parser.parse_args()
    result = run(args.sizes, steps=args.steps, site=args.site)
    write_atomic(args.out, json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
