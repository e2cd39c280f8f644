"""Control against a front-line map: who holds each place, scored against weekly maps.

Reads the control development set (``../shared/benchmarks/control``: daily situation
reports and weekly occupied-area maps; evaluation data, read at run time, never copied into
the project), extracts the event table from the reports as ``frontline extract`` does,
runs the control model (:func:`geo.control.control_timeline`) on it, and on every truth
date (Mondays) scores each place the model has a verdict on (a side code of either side),
each site once (a point near a place, on its site, is the same ground):

- truth: inside the occupied union (both layers) = Russian-held, inside the contested
  (grey) layer = skipped, elsewhere = Ukrainian-held; places outside Ukraine's outline
  are skipped (the maps say nothing about them);
- agreement: the share of those place-dates on which the model's side is the truth's;
- baselines on the same place-dates, in the same run: "everything is held by Ukraine",
  and persistence (each place's truth state on the first truth date, unchanged);
- near / far: place-dates within ``--near-km`` of the truth front (where the occupied
  union meets the rest of Ukraine, away from its border and coast: :func:`front_lines`)
  apart from the others.

Area IoU against each week's occupied area: persistence (the first week's area unchanged),
the model's Russian-held area unseeded, and seeded with a truth week's map (``--baseline
WEEK``, default the first): the seeded run is the one a user with a front-line map gets.
Also the share of the area that changed hands since that week which the seeded model (a
week later) puts on the right side.

Claims: every control claim (reported and inferred, see :mod:`geo.control_claims`) is
checked against the first truth week on or after its day, by kind (action, implied or
reported, discounted as contradicting its neighbourhood): how often a kind of report is
right, which says where the extraction errs (wrong actor, wrong place) and what weight a
kind deserves.

The extracted event table is cached in the temporary folder, keyed by the articles' bytes
and the extraction code, so reruns take seconds; ``--events FILE`` reuses a table.
``--explain`` prints, for the worst places, the reports that set their state (the quotes
go to the terminal only, never into the results file).
Writes benchmarks/results/control_truth.json (``--out`` elsewhere).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# The tree this script is in is the one measured (not an installed copy of the project).
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_SET = ROOT.parent / "shared" / "benchmarks" / "control"
BANDS_KM = (0, 10, 30, 100)  # distance bands to the truth front, for the breakdown
SIDES = ("RU", "UA")  # the side codes maps.style.side_of gives the two armies
EQUAL_AREA = "EPSG:3035"
UKRAINE_SLACK_M = 5000.0


# -- events -----------------------------------------------------------------------------


def _content_key(articles: Path) -> str:
    """Hash of the articles' names and bytes and of the extraction's code and data files."""
    from geo.cache import code_digest

    h = hashlib.sha256()
    for path in sorted(articles.glob("*.md")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(code_digest(("geo", "gazetteer")).encode())
    return h.hexdigest()[:16]


def set_parts(folder: Path) -> tuple[Path, Path] | None:
    """A benchmark set's ``articles/`` and ``truth/`` folders; None (said) when missing."""
    articles, truth = folder / "articles", folder / "truth"
    if not articles.is_dir() or not truth.is_dir():
        print(f"{folder}: no articles/ and truth/ here; pass --set", file=sys.stderr)
        return None
    return articles, truth


def load_events(
    articles: Path, events_file: Path | None, *, unmerged: bool = False
) -> tuple[Any, dict[str, Any]]:
    """The event table of the reports: ``events_file``, the cache, or a fresh extraction.

    ``unmerged``: every article's own events, not merged across articles (a diagnosis:
    merging gives each merged event one date and one place).
    """
    from geo.export import events_to_frame, read_events, write_events

    info: dict[str, Any] = {}
    if events_file is not None:
        info["events_source"] = "given file"
        return read_events(events_file), info
    cache = Path(tempfile.gettempdir()) / "frontline-control-truth"
    path = cache / f"events-{_content_key(articles)}{'-unmerged' if unmerged else ''}.parquet"
    if path.is_file():
        info["events_source"] = "cache"
        return read_events(path), info
    from gazetteer import Gazetteer
    from geo.pipeline import Pipeline

    start = time.perf_counter()
    result = Pipeline(Gazetteer.load()).run([str(articles)])
    info["events_source"] = "extracted"
    info["extract_seconds"] = round(time.perf_counter() - start, 1)
    info["articles_read"] = len(result.articles)
    table = result.events
    if unmerged:
        table = events_to_frame([e for r in result.articles for e in r.events])
    cache.mkdir(parents=True, exist_ok=True)
    write_events(table, path)
    return table, info


# -- truth ------------------------------------------------------------------------------


class Week:
    """One truth date: the occupied and contested polygons, and their unions."""

    def __init__(self, day: str, occupied: Any, contested: Any) -> None:
        import shapely

        self.day = day
        self.occupied_parts = np.asarray(occupied, dtype=object)
        self.contested_parts = np.asarray(contested, dtype=object)
        self.occupied = shapely.union_all(shapely.make_valid(self.occupied_parts))
        self._occ_tree = shapely.STRtree(self.occupied_parts)
        self._con_tree = shapely.STRtree(self.contested_parts)

    def states(self, lonlat: np.ndarray) -> np.ndarray:
        """``RU`` inside the occupied layers, ``""`` inside the contested one, else ``UA``."""
        import shapely

        points = shapely.points(lonlat)
        out = np.full(len(points), "UA", dtype=object)
        if len(self.occupied_parts):
            hit = self._occ_tree.query(points, predicate="intersects")[0]
            out[np.unique(hit)] = "RU"
        if len(self.contested_parts):
            grey = np.unique(self._con_tree.query(points, predicate="intersects")[0])
            grey = grey[out[grey] != "RU"]
            out[grey] = ""
        return out


def read_truth(folder: Path) -> list[Week]:
    import geopandas

    weeks = []
    for path in sorted(folder.glob("????-??-??.geojson")):
        day = path.stem
        occupied = geopandas.read_file(path).geometry.to_numpy()
        grey_path = folder / f"{day}-contested.geojson"
        contested = (
            geopandas.read_file(grey_path).geometry.to_numpy() if grey_path.is_file() else []
        )
        weeks.append(Week(day, occupied, contested))
    return weeks


def covered_weeks(weeks: list[Week], table: Any) -> list[Week]:
    """The truth weeks from the first report's publication on.

    A corpus that starts mid-war (a cold start) is judged only where it could know
    anything: on the weeks before its first report its map shows nothing but what the
    reports say of the past.
    """
    published = [str(d) for d in table["published_at"].dropna()] if len(table) else []
    first = min(published, default="")
    return [w for w in weeks if w.day >= first[:10]]


def _project(geoms: Any) -> Any:
    import geopandas

    return geopandas.GeoSeries(geoms, crs="EPSG:4326").to_crs(EQUAL_AREA).to_numpy()


def front_lines(
    weeks: list[Week],
    ukraine: Any,
    *,
    border_tolerance_m: float = 2000.0,
    sliver_m: float = 1000.0,
) -> Any:
    """The truth front of every week in EPSG:3035: where the occupied area meets the rest of
    Ukraine, away from Ukraine's outline (the state border and the coast are not a front).

    The rest of Ukraine counts without its slivers narrower than ``2 * sliver_m``: a
    coastline or border drawn a little differently from Ukraine's outline leaves such
    slivers, and the seams between occupied pieces (the Crimean isthmuses) meet none.
    """
    import shapely

    ukraine_m = _project([ukraine])[0]
    outline = shapely.buffer(ukraine_m.boundary, border_tolerance_m)
    occupied = _project([w.occupied for w in weeks])
    rest = shapely.difference(ukraine_m, occupied)
    # an opening: what survives shrinking by sliver_m is ground, not a drawing mismatch
    rest = shapely.buffer(shapely.buffer(rest, -sliver_m), sliver_m + border_tolerance_m)
    boundaries = shapely.intersection(shapely.boundary(occupied), rest)
    return shapely.difference(boundaries, outline)


def area_iou(a: Any, b: Any) -> float:
    import shapely

    inter = shapely.area(shapely.intersection(a, b))
    union = shapely.area(shapely.union(a, b))
    return float(inter / union) if union else 1.0


# -- the model's state on each date ------------------------------------------------------


def states_on(timeline: Any, days: list[str]) -> np.ndarray:
    """The side each place is held by on each day (rows: days), ``""`` before any report."""
    out = np.full((len(days), len(timeline.places)), "", dtype=object)
    state = np.full(len(timeline.places), "", dtype=object)
    changes = timeline.changes
    i = 0
    for row, day in enumerate(days):
        while i < len(changes) and changes[i][0] <= day:
            state[changes[i][1]] = changes[i][2]
            i += 1
        out[row] = state
    return out


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def _summary(
    mask: np.ndarray,
    model_ok: np.ndarray,
    ua_ok: np.ndarray,
    keep_ok: np.ndarray,
    place_col: np.ndarray,
) -> dict[str, Any]:
    n = int(mask.sum())
    return {
        "place_dates": n,
        "places": len(np.unique(place_col[mask])),
        "agreement": _rate(int(model_ok[mask].sum()), n),
        "constant_ua": _rate(int(ua_ok[mask].sum()), n),
        "persistence": _rate(int(keep_ok[mask].sum()), n),
    }


# -- explaining the worst places ---------------------------------------------------------


# -- main -------------------------------------------------------------------------------


def _model_run(
    cm: Any, places_sites: np.ndarray, weeks: list[Week], *, lag_days: int = 0
) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """Shown side of the reported places and of every site, and RU areas, per truth week."""
    import datetime as dt

    import shapely

    rows, site_rows, ru = [], [], []
    for w in weeks:
        day = (dt.date.fromisoformat(w.day) + dt.timedelta(days=lag_days)).isoformat()
        shown, _, _ = cm.site_states(day)
        rows.append(shown[places_sites] if len(places_sites) else shown[:0])
        site_rows.append(shown)
        ru.append(cm.areas(shown).get("RU", shapely.Polygon()))
    return np.stack(rows), np.stack(site_rows), ru


def _scores(
    model: np.ndarray,
    truth_states: np.ndarray,
    kept: np.ndarray,
    in_ukraine: np.ndarray,
    near: np.ndarray,
    dist_km: np.ndarray,
) -> dict[str, Any]:
    judged = np.isin(model, SIDES) & (truth_states != "") & in_ukraine[None, :]
    model_ok = model == truth_states
    ua_ok = truth_states == "UA"
    keep_ok = kept[None, :] == truth_states
    col = np.broadcast_to(np.arange(model.shape[1])[None, :], model.shape)
    out = _summary(judged, model_ok, ua_ok, keep_ok, col)
    out["near"] = _summary(judged & near, model_ok, ua_ok, keep_ok, col)
    out["far"] = _summary(judged & ~near, model_ok, ua_ok, keep_ok, col)
    out["by_distance_km"] = {}
    for lo, hi in zip(BANDS_KM, (*BANDS_KM[1:], None), strict=True):
        band = (dist_km > lo) & (dist_km <= hi if hi else True) if lo else dist_km <= hi
        out["by_distance_km"][f"{lo}-{hi}" if hi else f">{lo}"] = _summary(
            judged & band, model_ok, ua_ok, keep_ok, col
        )
    out["_judged"], out["_ok"] = judged, model_ok
    return out


def _changed_right(first_m: Any, truth_m: list[Any], model_m: list[Any]) -> dict[str, Any]:
    """Share of the area that changed hands since the first week that the model gets right.

    On each week, the changed area is the symmetric difference of the first week's and
    this week's occupied areas; right = the model (a week later) puts it on the side the
    truth does. Area-weighted over the weeks after the front moved; also apart by the
    way it changed (became Ukrainian-held: the counteroffensives; became Russian-held).
    """
    import shapely

    total = right = 0.0
    to_ua = [0.0, 0.0]
    to_ru = [0.0, 0.0]
    per = []
    for t, m in zip(truth_m, model_m, strict=True):
        lost = shapely.difference(first_m, t)  # became Ukrainian-held
        won = shapely.difference(t, first_m)  # became Russian-held
        changed = float(shapely.area(lost) + shapely.area(won))
        ok_lost = float(shapely.area(shapely.difference(lost, m)))
        ok_won = float(shapely.area(shapely.intersection(won, m)))
        ok = ok_lost + ok_won
        per.append(round(ok / changed, 4) if changed > 1e8 else None)  # > 100 km²
        if changed > 1e8:
            total, right = total + changed, right + ok
            to_ua[0], to_ua[1] = to_ua[0] + float(shapely.area(lost)), to_ua[1] + ok_lost
            to_ru[0], to_ru[1] = to_ru[0] + float(shapely.area(won)), to_ru[1] + ok_won
    return {
        "share": round(right / total, 4) if total else None,
        "per_date": per,
        "became_ukrainian_held": round(to_ua[1] / to_ua[0], 4) if to_ua[0] else None,
        "became_russian_held": round(to_ru[1] / to_ru[0], 4) if to_ru[0] else None,
        "became_ukrainian_held_share_of_area": round(to_ua[0] / total, 4) if total else None,
    }


def _first_large_move(occupied_m: list[Any], *, share: float = 0.01) -> int | None:
    """Index of the first truth week whose occupied area changed by more than ``share`` of
    itself since the week before (a front that moved, not a redrawn line), else ``None``."""
    import shapely

    for i in range(1, len(occupied_m)):
        a, b = occupied_m[i - 1], occupied_m[i]
        moved = float(shapely.area(shapely.symmetric_difference(a, b)))
        if moved > share * float(shapely.area(a)):
            return i
    return None


def _versus_persistence(dates: list[dict]) -> dict[str, int]:
    """Count the dates whose seeded IoU is above, equal to or below persistence's."""
    return dict(
        Counter(
            "above"
            if d["iou_seeded"] > d["iou_persistence"]
            else "equal"
            if d["iou_seeded"] == d["iou_persistence"]
            else "below"
            for d in dates
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help=f"default {DEFAULT_SET}")
    parser.add_argument("--events", type=Path, help="reuse this event table (skip extraction)")
    parser.add_argument(
        "--baseline",
        metavar="WEEK",
        help="seed the second run with this truth week's map (default: the first week)",
    )
    parser.add_argument(
        "--unmerged",
        action="store_true",
        help="feed the model every article's events, not merged across "
        "articles (diagnosis; not the product's flow)",
    )
    parser.add_argument("--near-km", type=float, default=10.0, help="default 10")
    parser.add_argument("--worst", type=int, default=15, help="worst places listed (default 15)")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the reports behind the worst places (terminal only)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "control_truth.json")
    args = parser.parse_args(argv)

    import shapely

    from gazetteer.geometry import countries
    from gazetteer.index import Index, index_path
    from geo.control import ControlMap
    from geo.control_areas import country_places
    from geo.control_baseline import Baseline
    from geo.export import events_from_frame
    from maps.style import side_of

    parts = set_parts(args.set)
    if parts is None:
        return 2
    articles, truth = parts
    start = time.perf_counter()
    table, info = load_events(articles, args.events, unmerged=args.unmerged)
    info["unmerged"] = args.unmerged
    events = events_from_frame(table)

    def code_of(actor: str) -> str:
        return side_of(actor)[0]

    weeks = covered_weeks(read_truth(truth), table)
    if not weeks:
        print(f"{truth}: no truth maps on or after the first report", file=sys.stderr)
        return 2
    days = [w.day for w in weeks]
    if args.baseline and args.baseline not in days:
        print(
            f"--baseline {args.baseline}: not a truth date ({days[0]} .. {days[-1]}, Mondays)",
            file=sys.stderr,
        )
        return 2
    first = next((w for w in weeks if w.day == args.baseline), weeks[0])
    c = countries()
    ukraine = c.loc[c["iso_a2"] == "UA", "geometry"].iloc[0]
    settlements = country_places(Index(index_path()), "UA")

    import datetime as dt

    # CPU time beside wall time: the machine may be shared. Each map's figure is its
    # building and every one of its change days.
    t0, cpu0 = time.perf_counter(), time.process_time()
    cm = ControlMap.build(events, settlements=settlements, clip=ukraine, code_of=code_of)
    all_days = cm.days()
    for day in all_days:  # every change day of the corpus: the speed figure
        cm.site_states(day)
    model_seconds = time.perf_counter() - t0
    model_cpu_seconds = time.process_time() - cpu0
    t1, cpu1 = time.perf_counter(), time.process_time()
    seeded = ControlMap.build(
        events,
        settlements=settlements,
        clip=ukraine,
        code_of=code_of,
        baseline=Baseline(dt.date.fromisoformat(first.day), {"RU": first.occupied}),
    )
    for day in seeded.days():  # the same with the starting map
        seeded.site_states(day)
    seeded_seconds = time.perf_counter() - t1
    seeded_cpu_seconds = time.process_time() - cpu1

    # One place per site: a point near a place ("ground taken near X", on X's point) is
    # the same ground as X, judged once.
    places = _one_per_site(cm.places)
    lonlat = np.array([(p.longitude, p.latitude) for p in places], dtype=float).reshape(-1, 2)
    psites = np.array([p.site for p in places], dtype=np.int64)
    model, site_model, model_ru = _model_run(cm, psites, weeks)
    seeded_model, seeded_sites, seeded_ru = _model_run(seeded, psites, weeks)
    _, _, seeded_ru_late = _model_run(seeded, psites, weeks, lag_days=7)
    truth_states = np.stack([w.states(lonlat) for w in weeks])
    kept = np.where(first.states(lonlat) == "RU", "RU", "UA")
    site_ll = cm.sites.lonlat
    site_truth = np.stack([w.states(site_ll) for w in weeks])
    site_kept = np.where(first.states(site_ll) == "RU", "RU", "UA")

    fronts = front_lines(weeks, ukraine)
    ukraine_m = _project([ukraine])[0]

    def geometry_of(ll: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pm = _project(shapely.points(ll))
        # Ukraine's 1:10m outline cuts estuaries and border towns: 5 km slack.
        inside = shapely.distance(pm, ukraine_m) <= UKRAINE_SLACK_M
        dist = np.stack([shapely.distance(pm, f) / 1000 for f in fronts])
        return inside, dist

    in_ukraine, dist_km = geometry_of(lonlat)
    site_in, site_dist = geometry_of(site_ll)
    near, site_near = dist_km <= args.near_km, site_dist <= args.near_km

    reported = _scores(model, truth_states, kept, in_ukraine, near, dist_km)
    # Every place the reports name (a point, not a region), judged by what the map shows
    # at its site: its own reports' state or the one spread from the places around it.
    named_ll, named_sites = _named_places(events, cm)
    named_in, named_dist = geometry_of(named_ll)
    named = _scores(
        site_model[:, named_sites],
        np.stack([w.states(named_ll) for w in weeks]),
        np.where(first.states(named_ll) == "RU", "RU", "UA"),
        named_in,
        named_dist <= args.near_km,
        named_dist,
    )
    with_seed = _scores(seeded_model, truth_states, kept, in_ukraine, near, dist_km)
    everywhere = _scores(site_model, site_truth, site_kept, site_in, site_near, site_dist)
    seeded_everywhere = _scores(seeded_sites, site_truth, site_kept, site_in, site_near, site_dist)

    occupied_m = _project([w.occupied for w in weeks])
    # Changes of hands count from the starting map's week on (a later --baseline leaves
    # the weeks before it out: the seeded map says nothing of them).
    base_row = weeks.index(first)
    first_m = occupied_m[base_row]
    model_m = _project(model_ru)
    seeded_m = _project(seeded_ru)
    seeded_late_m = _project(seeded_ru_late)
    before = [None] * base_row
    since = list(occupied_m[base_row:])
    changed = _changed_right(first_m, since, list(seeded_late_m[base_row:]))
    changed_same_day = _changed_right(first_m, since, list(seeded_m[base_row:]))
    changed["per_date"] = before + changed["per_date"]
    changed_same_day["per_date"] = before + changed_same_day["per_date"]
    last_report = max(all_days, default="")
    judged, model_ok = reported.pop("_judged"), reported.pop("_ok")
    for s in (with_seed, everywhere, seeded_everywhere, named):
        s.pop("_judged"), s.pop("_ok")

    per_date = []
    col = np.broadcast_to(np.arange(len(places))[None, :], model.shape)
    ua_ok, keep_ok = truth_states == "UA", kept[None, :] == truth_states
    for row, w in enumerate(weeks):
        m = judged[row]
        entry = {"date": w.day, **_summary(m, model_ok[row], ua_ok[row], keep_ok[row], col[row])}
        entry["near"] = _summary(m & near[row], model_ok[row], ua_ok[row], keep_ok[row], col[row])
        entry["far"] = _summary(m & ~near[row], model_ok[row], ua_ok[row], keep_ok[row], col[row])
        entry["model_says_ru"] = int((model[row][m] == "RU").sum())
        entry["truth_says_ru"] = int((truth_states[row][m] == "RU").sum())
        entry["iou_persistence"] = round(area_iou(first_m, occupied_m[row]), 4)
        entry["iou_model"] = round(area_iou(model_m[row], occupied_m[row]), 4)
        entry["iou_seeded"] = round(area_iou(seeded_m[row], occupied_m[row]), 4)
        entry["changed_right_within_week"] = changed["per_date"][row]
        entry["occupied_km2"] = round(float(shapely.area(occupied_m[row])) / 1e6)
        entry["after_last_report"] = bool(last_report and w.day > last_report)
        per_date.append(entry)

    moved = [d for d in per_date[base_row:] if d["iou_persistence"] < 0.99]
    # Stricter: from the first week the occupied area moved by more than 1% in one week.
    large = _first_large_move(list(occupied_m[base_row:]))
    moved_large = per_date[base_row + large :] if large is not None else []
    overall = reported
    overall["iou_persistence_mean"] = round(
        float(np.mean([d["iou_persistence"] for d in per_date])), 4
    )
    overall["iou_model_mean"] = round(float(np.mean([d["iou_model"] for d in per_date])), 4)
    overall["iou_seeded_mean"] = round(float(np.mean([d["iou_seeded"] for d in per_date])), 4)
    with_reports = np.array([not d["after_last_report"] for d in per_date])[:, None]
    col2 = np.broadcast_to(np.arange(len(places))[None, :], model.shape)
    overall_reported = _summary(judged & with_reports, model_ok, ua_ok, keep_ok, col2)
    # The corpus's first and second half of truth dates apart: a rule tuned on one half
    # should hold on the other.
    early = (np.arange(len(weeks)) < len(weeks) // 2)[:, None]
    halves = {
        f"{weeks[0].day} to {weeks[len(weeks) // 2 - 1].day}": _summary(
            judged & early, model_ok, ua_ok, keep_ok, col2
        ),
        f"{weeks[len(weeks) // 2].day} to {weeks[-1].day}": _summary(
            judged & ~early, model_ok, ua_ok, keep_ok, col2
        ),
    }

    # The worst places: most place-dates on which the model disagrees.
    wrong = (judged & ~model_ok).sum(axis=0)
    seen = judged.sum(axis=0)
    order = [i for i in np.argsort(-wrong, kind="stable") if wrong[i] > 0][: args.worst]
    worst = []
    for i in order:
        p = places[i]
        worst.append(
            {
                "place": p.label,
                "lat": round(p.latitude, 4),
                "lon": round(p.longitude, 4),
                "wrong": int(wrong[i]),
                "judged": int(seen[i]),
                "model_states": dict(Counter(model[:, i][judged[:, i]])),
                "truth_states": dict(Counter(truth_states[:, i][judged[:, i]])),
                "reports": [
                    {
                        "day": _day_iso(c.day),
                        "action": c.action,
                        "side": c.side,
                        "strength": c.strength,
                        "implied": c.inferred,
                        "support": c.support,
                        "near": not c.place_id,
                        "discounted": c.event_id in cm.discounted,
                    }
                    for c in reversed(_place_claims(cm, p))
                ],
            }
        )

    result = {
        "set": str(args.set.name),
        "articles": len(list(articles.glob("*.md"))),
        "events": len(events),
        "control_places": len(places),
        "sites": len(cm.sites.lonlat),
        "places_outside_ukraine": int((~in_ukraine).sum()),
        "sides": list(cm.sides),
        "truth_dates": len(weeks),
        "near_km": args.near_km,
        "persistence_week": first.day,
        "baseline_week": first.day,
        "overall": overall,
        "overall_dates_with_reports": overall_reported,
        "halves": halves,
        "seeded": with_seed,
        "every_site": everywhere,
        "named_places": named,
        "every_site_seeded": seeded_everywhere,
        "seeded_iou_above_persistence_after_move": all(
            d["iou_seeded"] > d["iou_persistence"] for d in moved
        ),
        "seeded_iou_at_least_persistence_after_move": all(
            d["iou_seeded"] >= d["iou_persistence"] for d in moved
        ),
        "seeded_iou_vs_persistence_after_move": _versus_persistence(moved),
        "claims": claim_accuracy(cm, weeks),
        "dates_front_moved": len(moved),
        "first_large_move": per_date[base_row + large]["date"] if large is not None else None,
        "seeded_iou_vs_persistence_after_large_move": _versus_persistence(moved_large),
        "changed_right_by_direction": {
            "became_ukrainian_held": changed["became_ukrainian_held"],
            "became_russian_held": changed["became_russian_held"],
            "became_ukrainian_held_share_of_area": changed["became_ukrainian_held_share_of_area"],
        },
        "changed_right_within_week": changed["share"],
        "changed_right_same_week": changed_same_day["share"],
        "per_date": per_date,
        "change_days": len(all_days),
        "worst_places": worst,
        "model_seconds": round(model_seconds, 2),
        "model_cpu_seconds": round(model_cpu_seconds, 2),
        "seeded_change_days": len(seeded.days()),
        "seeded_model_seconds": round(seeded_seconds, 2),
        "seeded_model_cpu_seconds": round(seeded_cpu_seconds, 2),
        "seconds": round(time.perf_counter() - start, 1),
        **info,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)

    _print(result)
    if args.explain:
        _explain(worst, cm, places, order, {e.event_id: e.quote for e in events})
    return 0


def _pct(v: float | None) -> str:
    return "  n/a" if v is None else f"{100 * v:5.1f}"


def _line(name: str, s: dict[str, Any]) -> str:
    return (
        f"{name}: agreement {_pct(s['agreement'])}% over {s['place_dates']} place-dates, "
        f"{s['places']} places; constant UA {_pct(s['constant_ua'])}%, "
        f"persistence {_pct(s['persistence'])}%"
    )


def _print(r: dict[str, Any]) -> None:
    o = r["overall"]
    print(
        f"{r['articles']} reports, {r['events']} events, {r['control_places']} reported places "
        f"({r['places_outside_ukraine']} outside Ukraine), {r['sites']} sites; sides "
        f"{r['sides']}; {r['change_days']} change days in {r['model_seconds']} s "
        f"({r.get('model_cpu_seconds')} s CPU)"
    )
    print(
        "date        n  places  model%  allUA%  keep%  | near n model% allUA% | far n model% "
        "allUA% | IoU keep model seeded | changed right"
    )
    for d in r["per_date"]:
        ch = d["changed_right_within_week"]
        print(
            f"{d['date']} {d['place_dates']:4d} {d['places']:6d}  {_pct(d['agreement'])}  "
            f"{_pct(d['constant_ua'])}  {_pct(d['persistence'])} | {d['near']['place_dates']:6d} "
            f"{_pct(d['near']['agreement'])} {_pct(d['near']['constant_ua'])} | "
            f"{d['far']['place_dates']:5d} {_pct(d['far']['agreement'])} "
            f"{_pct(d['far']['constant_ua'])} | {d['iou_persistence']:.3f} "
            f"{d['iou_model']:.3f} {d['iou_seeded']:.3f} | {_pct(ch)}"
            + ("  (after the last report)" if d["after_last_report"] else "")
        )
    for name, s in (
        ("reported places", o),
        ("near", o["near"]),
        ("far", o["far"]),
        ("dates with reports", r["overall_dates_with_reports"]),
        *((f"dates {k}", v) for k, v in r.get("halves", {}).items()),
        ("reported places, seeded", r["seeded"]),
        ("places the reports name", r["named_places"]),
        ("every site", r["every_site"]),
        ("every site, seeded", r["every_site_seeded"]),
    ):
        print(_line(name, s))
    for band, s in o["by_distance_km"].items():
        print(f"  {band:>6s} km from the truth front: " + _line("", s)[2:])
    print(
        f"area IoU mean: persistence {o['iou_persistence_mean']}, model {o['iou_model_mean']}, "
        f"seeded with {r['baseline_week']}: {o['iou_seeded_mean']}; seeded above persistence "
        f"on every one of the {r['dates_front_moved']} dates after the front moved: "
        f"{r['seeded_iou_above_persistence_after_move']} "
        f"({r['seeded_iou_vs_persistence_after_move']})"
    )
    print(
        f"  from the first week the occupied area moved by more than 1% ({r['first_large_move']}): "
        f"{r['seeded_iou_vs_persistence_after_large_move']}"
    )
    by = r["changed_right_by_direction"]
    print(
        f"area that changed hands inferred right within a week: "
        f"{_pct(r['changed_right_within_week'])}% "
        f"(same week {_pct(r['changed_right_same_week'])}%); became Ukrainian-held "
        f"{_pct(by['became_ukrainian_held'])}% ({_pct(by['became_ukrainian_held_share_of_area'])}% "
        f"of the area), became Russian-held {_pct(by['became_russian_held'])}%"
    )
    print(
        f"seeded: {r['seeded_change_days']} change days in {r['seeded_model_seconds']} s "
        f"({r['seeded_model_cpu_seconds']} s CPU)"
    )
    print("claims right on the next truth week, by kind (action side kind: right of n):")
    for k in r.get("claims", [])[:16]:
        print(
            f"  {k['action']:8s} {k['side']} {k['kind']:8s} "
            f"{'discounted ' if k['discounted'] else '':11s}{_pct(k['right'])}% of "
            f"{k['claims']}"
        )
    print("worst places (wrong / judged place-dates):")
    for w in r["worst_places"]:
        print(
            f"  {w['place']} ({w['lat']}, {w['lon']}): {w['wrong']}/{w['judged']} "
            f"model {w['model_states']} truth {w['truth_states']}"
        )
    print(f"{r['seconds']} s ({r.get('events_source')})")


def _place_claims(cm: Any, place: Any) -> list[Any]:
    """The claims the model weighed for a place (newest first)."""
    return [
        c
        for c in cm.model.evidence(place.site, 10**6)
        if c.name == place.label and c.place_id == place.place_id
    ]


def _named_places(events: list[Any], cm: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every place the events name with a point (a region apart), one per site.

    Returns the places' (lon, lat) and their sites, in site order.
    """
    from geo.model import GeoPrecision

    points = {
        (float(e.longitude), float(e.latitude))
        for e in events
        if e.geo_precision is not GeoPrecision.REGION and e.latitude is not None
    }
    from scipy.spatial import cKDTree

    ll = np.array(sorted(points), dtype=float).reshape(-1, 2)
    if not len(ll):
        return ll, np.zeros(0, dtype=np.int64)
    # the site whose cell holds the point: the nearest, in the sites' kilometre frame
    sites = cKDTree(cm.sites.xy).query(ll * cm.sites.km)[1]
    _, first = np.unique(sites, return_index=True)
    return ll[first], np.asarray(sites)[first]


def _one_per_site(places: list[Any]) -> list[Any]:
    """The places on distinct sites: of those on one site, the first with a gazetteer id."""
    chosen: dict[int, tuple[int, Any]] = {}
    for n, p in enumerate(places):
        if p.site not in chosen or (p.place_id and not chosen[p.site][1].place_id):
            chosen[p.site] = (n, p)
    return [p for _, p in sorted(chosen.values(), key=lambda np_: np_[0])]


def _explain(
    worst: list[dict], cm: Any, places: list[Any], order: list[int], quotes: dict[str, str]
) -> None:
    """Print the claims the model weighed for each of the worst places (terminal only).

    ``places`` are the judged places (:func:`_one_per_site`), ``order`` indexes them.
    """
    for w, i in zip(worst, order, strict=True):
        p = places[i]
        print(f"\n== {w['place']} ({w['lat']}, {w['lon']}) wrong {w['wrong']}/{w['judged']}")
        for c in reversed(_place_claims(cm, p)):
            quote = " ".join(str(quotes.get(c.event_id, "")).split())[:200]
            kind = "implied" if c.inferred else f"support {c.support}" if c.change else ""
            if c.event_id in cm.discounted:
                kind += " discounted"
            print(
                f"  {_day_iso(c.day)} {c.action:8s} {c.side} strength {c.strength:.3f} "
                f"{kind} | {quote}"
            )


def _day_iso(day: int) -> str:
    import datetime as dt

    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).isoformat()


def claim_accuracy(cm: Any, weeks: list[Week]) -> list[dict[str, Any]]:
    """How often each kind of claim is right on the first truth week on or after its day.

    Kinds: action, side, implied or reported, discounted (weakened as contradicting the
    places around it) or not. Claims after the last truth week, or in the grey area,
    are not counted.
    """
    from geo.schema import day_number

    claims = list(cm.claims)
    if not claims:
        return []
    week_days = np.array([day_number(w.day) for w in weeks])
    lonlat = np.array([(c.longitude, c.latitude) for c in claims])
    at = np.searchsorted(week_days, [c.day for c in claims])
    truth = np.full(len(claims), "", dtype=object)
    for k, w in enumerate(weeks):
        rows = np.flatnonzero(at == k)
        if len(rows):
            truth[rows] = w.states(lonlat[rows])
    tally: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for c, t in zip(claims, truth, strict=True):
        if t == "":
            continue
        key = (
            c.action,
            c.side,
            "implied" if c.inferred else "reported",
            "discounted" if c.event_id in cm.discounted else "",
        )
        tally[key][0] += int(t == c.side)
        tally[key][1] += 1
    return [
        {
            "action": a,
            "side": s,
            "kind": k,
            "discounted": bool(d),
            "claims": n,
            "right": round(ok / n, 4),
        }
        for (a, s, k, d), (ok, n) in sorted(tally.items(), key=lambda kv: -kv[1][1])
    ]


if __name__ == "__main__":
    sys.exit(main())
