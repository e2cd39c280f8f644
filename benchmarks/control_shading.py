"""What the map shades and draws as the front, against weekly front-line maps.

Reads the control development set (``../shared/benchmarks/control``: daily reports and
weekly occupied-area maps; evaluation data, read at run time, never copied into the
project), runs the control model the way the map does (the country's places, the two
belligerents, no starting map, :meth:`geo.control.ControlMap.drawing`) and, on every
truth week (the model's state on the last
change day on or before it; "latest" is the map at its latest date, against the first
truth week on or after it):

- shaded Russian area: its precision (share inside the week's occupied area), the area
  shaded outside it (km²) and IoU with the occupied area; shaded Ukrainian area: its
  precision (share outside it) and the area shaded inside it (km²); the week's contested
  (grey) ground counts for neither side, as the place agreement skips the places in it
  (shading there is neither right nor wrong; IoU counts it); of each wrongly shaded
  area, the part farther than ``--near-km`` from the truth front (a misplaced area rather
  than a line drawn a few km off);
  of the far part, the share within ``--coast-km`` of the country's outline (a coastline
  drawn differently from the truth's, not a misplaced area); and the part within 5 and
  10 km of the truth front (a line drawn a few km off);
- the inferred front: pieces, closed loops, length, the share of its length within
  ``--near-km`` of the truth front (where the occupied area meets the rest of Ukraine:
  :func:`benchmarks.control_truth.front_lines`), and the share of the truth front's
  length within ``--near-km`` of it (a front drawn short is near the truth but covers
  little of it).

Writes benchmarks/results/control_shading.json (``--out`` elsewhere).
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.control_truth import (  # noqa: E402
    DEFAULT_SET,
    RESULTS,
    _project,
    area_iou,
    covered_weeks,
    front_lines,
    load_events,
    read_truth,
    set_parts,
)

#: Distances from the truth front (km) within which the wrongly shaded area is measured too.
CLOSE_KM = (5.0, 10.0)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help=f"default {DEFAULT_SET}")
    parser.add_argument("--events", type=Path, help="reuse this event table (skip extraction)")
    parser.add_argument("--near-km", type=float, default=20.0, help="default 20")
    parser.add_argument("--coast-km", type=float, default=2.0, help="default 2")
    parser.add_argument("--out", type=Path, default=RESULTS / "control_shading.json")
    args = parser.parse_args(argv)

    import shapely

    from geo.control import ControlMap, corpus_setting
    from geo.export import events_from_frame
    from maps.style import side_of

    parts = set_parts(args.set)
    if parts is None:
        return 2
    articles, truth = parts
    table, info = load_events(articles, args.events)
    events = events_from_frame(table)
    settlements, country = corpus_setting(events)
    start = time.perf_counter()
    cm = ControlMap.build(
        events, settlements=settlements, clip=country, code_of=lambda a: side_of(a)[0]
    )
    weeks = covered_weeks(read_truth(truth), table)
    fronts = front_lines(weeks, country)
    days = cm.days()
    rows: list[dict[str, Any]] = []
    coast = shapely.buffer(_project([country.boundary])[0], args.coast_km * 1000)
    for week, truth_front in zip(weeks, fronts, strict=True):
        k = bisect.bisect_right(days, week.day) - 1
        if k < 0:
            continue
        day = days[k]
        shown, _, _ = cm.site_states(day)
        front, areas = cm.drawing(shown, cm.front_sites(day, shown))
        empty = shapely.Polygon()
        # The truth's contested (grey) ground is neither side's: shading there is
        # neither right nor wrong, as the place agreement skips the places in it.
        grey = shapely.union_all(shapely.make_valid(week.contested_parts))
        ru, ua, occupied, grey = _project(
            [areas.get("RU", empty), areas.get("UA", empty), week.occupied, grey]
        )
        grey = shapely.difference(grey, occupied)
        ru_iou = area_iou(ru, occupied)
        ru, ua = shapely.difference(ru, grey), shapely.difference(ua, grey)
        ru_area, ua_area = float(shapely.area(ru)), float(shapely.area(ua))
        ru_right = float(shapely.area(shapely.intersection(ru, occupied)))
        ua_wrong = float(shapely.area(shapely.intersection(ua, occupied)))
        # Wrong shading beyond the truth front's band: a misplaced area, not a line drawn a
        # few km off.
        band = shapely.buffer(truth_front, args.near_km * 1000)
        ru_wrong, ua_wrong_area = (
            shapely.difference(ru, occupied),
            shapely.intersection(ua, occupied),
        )
        ru_far = shapely.difference(ru_wrong, band)
        ua_far = shapely.difference(ua_wrong_area, band)
        # How close to the truth front the wrong shading lies: a line drawn a few km off
        # shades a strip along it.
        close = {km: shapely.buffer(truth_front, km * 1000) for km in CLOSE_KM if km < args.near_km}
        ru_close = {
            km: float(shapely.area(shapely.intersection(ru_wrong, b))) for km, b in close.items()
        }
        ua_close = {
            km: float(shapely.area(shapely.intersection(ua_wrong_area, b)))
            for km, b in close.items()
        }
        ru_wrong_far, ua_wrong_far = float(shapely.area(ru_far)), float(shapely.area(ua_far))
        ru_far_coast = float(shapely.area(shapely.intersection(ru_far, coast)))
        ua_far_coast = float(shapely.area(shapely.intersection(ua_far, coast)))
        pieces = shapely.get_parts(front) if front is not None else np.array([])
        line = _project(pieces) if len(pieces) else np.array([])
        length = float(shapely.length(line).sum()) if len(line) else 0.0
        if len(line):
            near = float(shapely.length(shapely.intersection(line, band)).sum())
            reach = shapely.buffer(shapely.union_all(line), args.near_km * 1000)
            covered = float(shapely.length(shapely.intersection(truth_front, reach)))
        else:
            near = covered = 0.0
        rows.append(
            {
                "week": week.day,
                "model_day": day,
                "ru_km2": round(ru_area / 1e6),
                "ru_precision": _ratio(ru_right, ru_area),
                "ru_wrong_km2": round((ru_area - ru_right) / 1e6),
                "ru_wrong_far_km2": round(ru_wrong_far / 1e6),
                "ru_wrong_far_coast_km2": round(ru_far_coast / 1e6),
                **{f"ru_wrong_within_{km:g}km_km2": round(a / 1e6) for km, a in ru_close.items()},
                "ru_iou": round(ru_iou, 4),
                "ua_km2": round(ua_area / 1e6),
                "ua_precision": _ratio(ua_area - ua_wrong, ua_area),
                "ua_wrong_km2": round(ua_wrong / 1e6),
                "ua_wrong_far_km2": round(ua_wrong_far / 1e6),
                "ua_wrong_far_coast_km2": round(ua_far_coast / 1e6),
                **{f"ua_wrong_within_{km:g}km_km2": round(a / 1e6) for km, a in ua_close.items()},
                "front_pieces": len(pieces),
                "front_loops": int(sum(bool(p.is_closed) for p in pieces)),
                "front_km": round(length / 1000),
                "front_near_truth": _ratio(near, length),
                "truth_front_covered": _ratio(covered, float(shapely.length(truth_front))),
            }
        )

    def mean(key: str) -> float | None:
        values = [r[key] for r in rows if r[key] is not None]
        return round(float(np.mean(values)), 4) if values else None

    result = {
        "set": str(args.set.name),
        "weeks": len(rows),
        "near_km": args.near_km,
        "coast_km": args.coast_km,
        "seconds": round(time.perf_counter() - start, 1),
        "mean": {
            key: mean(key)
            for key in (
                "ru_precision",
                "ru_wrong_km2",
                "ru_wrong_far_km2",
                "ru_wrong_far_coast_km2",
                *(f"ru_wrong_within_{km:g}km_km2" for km in CLOSE_KM if km < args.near_km),
                "ru_iou",
                "ua_precision",
                "ua_wrong_km2",
                "ua_wrong_far_km2",
                "ua_wrong_far_coast_km2",
                *(f"ua_wrong_within_{km:g}km_km2" for km in CLOSE_KM if km < args.near_km),
                "front_pieces",
                "front_loops",
                "front_near_truth",
                "truth_front_covered",
            )
        },
        # The map at its latest date (the last change day) against the first truth week
        # on or after it: later weeks show moves no report could.
        "latest": next((r for r in rows if r["model_day"] == rows[-1]["model_day"]), None),
        "per_week": rows,
        **info,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    for r in rows:
        print(
            f"{r['week']}  RU {r['ru_km2']:>6} km² precision {r['ru_precision']} "
            f"(wrong {r['ru_wrong_km2']:>5} km², {r['ru_wrong_far_km2']:>5} far, "
            f"{r['ru_wrong_far_coast_km2']:>4} on the coast)  "
            f"IoU {r['ru_iou']}  UA {r['ua_km2']:>6} km² precision {r['ua_precision']} "
            f"(wrong {r['ua_wrong_km2']:>5} km², {r['ua_wrong_far_km2']:>5} far, "
            f"{r['ua_wrong_far_coast_km2']:>4} on the coast)  "
            f"front {r['front_pieces']} pieces, {r['front_loops']} loops, "
            f"{r['front_km']} km, near truth {r['front_near_truth']}, "
            f"covers {r['truth_front_covered']} of it"
        )
    print("mean", result["mean"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
