"""Rewrite the figures section of README.md from benchmarks/results/*.json.

The section sits between ``<!-- figures:start -->`` and ``<!-- figures:end -->``; every
table is generated, so the README always shows the latest measured run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
README = ROOT / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _n(value: Any, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _resolution_rows(sets: dict[str, Any], regime: str) -> list[str]:
    rows = []
    for corpus, groups in sets.items():
        if not isinstance(groups, dict):
            continue
        groups = groups.get("resolution", groups)
        for group in ("literal", "all", "metonymic"):
            m = groups.get(group)
            if not isinstance(m, dict) or "acc161" not in m:
                continue
            if corpus == "lgl" and group != "all":
                continue
            rows.append(
                f"| {regime} | {corpus} | {group} | {_n(m.get('n'))} | {_n(m['acc161'])} | "
                f"{_n(m.get('mean_km'))} | {_n(m.get('median_km'), 1)} | {_n(m.get('auc'))} |"
            )
    return rows


def accuracy() -> list[str]:
    given, e2e = _load("given_spans"), _load("end_to_end")
    if not given and not e2e:
        return []
    lines = [
        "### Geoparsing accuracy (GeoWebNews, LGL)",
        "",
        "`benchmarks/geoparse_given_spans.py` and `benchmarks/geoparse_end_to_end.py`; "
        "a missed or unresolved toponym counts as 20,039 km.",
        "",
        "| regime | corpus | toponyms | n | Acc@161km | mean km | median km | AUC |",
        "|---|---|---|---|---|---|---|---|",
    ]
    if given:
        sets = {k: v for k, v in given.items() if k in ("geowebnews", "lgl")}
        lines += _resolution_rows(sets, "given spans")
    if e2e:
        lines += _resolution_rows(e2e.get("sets", {}), "end to end")
        lines += ["", "| corpus | recognition P | R | F1 |", "|---|---|---|---|"]
        for corpus, result in e2e.get("sets", {}).items():
            rec = result.get("recognition", {})
            lines.append(
                f"| {corpus} | {_n(rec.get('precision'))} | {_n(rec.get('recall'))} | "
                f"{_n(rec.get('f1'))} |"
            )
    return [*lines, ""]


def noise_robustness() -> list[str]:
    r = _load("noise_robustness")
    if not r:
        return []
    g = r.get("groups", {})

    def row(label: str, key: str) -> str:
        a, n = g.get(f"{key}/alone", {}), g.get(f"{key}/neighbour", {})
        return (
            f"| {label} | {_n(a.get('n'))} | {_n(a.get('top1'))} | {_n(n.get('top1'))} | "
            f"{_n(a.get('found'))} / {_n(n.get('found'))} | "
            f"{_n((a.get('false_mentions') or 0) + (n.get('false_mentions') or 0))} |"
        )

    ops = r.get("by_operation", {})
    by_op = ", ".join(
        f"{op} {_n(d.get('alone'), 2)} / {_n(d.get('neighbour'), 2)}"
        for op, d in ops.items()
        if op != "clean"
    )
    return [
        "### Mangled place names",
        "",
        f"`benchmarks/noise_robustness.py` (seed {r.get('seed')}): every Ukrainian settlement "
        f"of {_n(r.get('min_population'))} people or more in the gazetteer "
        f"({_n(r.get('settlements'))}, of which {_n(r.get('homonyms'))} share their name "
        "with a larger place), its name damaged by one or two random operations of the "
        "benchmark's own (l/r, v/f/ph/w, k/kh/h/g, final vowel, -sk endings, doubled "
        "letters, i/y, Cyrillic look-alikes, -ia/-ye) or spelt the Russian way from its "
        "Ukrainian Cyrillic name, in a one-sentence report alone or beside one real nearby "
        "town. Right: the mention resolves to the settlement or within "
        f"{_n(r.get('right_km'), 0)} km of it. False mentions: other places found in the "
        "sentence.",
        "",
        "| names | sentences each | top-1 alone | top-1 with a neighbour | found "
        "(alone / neighbour) | false mentions |",
        "|---|---|---|---|---|---|",
        row("clean (the ceiling)", "clean"),
        row("damaged, all", "corrupted"),
        row("damaged, names no larger place bears", "corrupted-unique"),
        row("by letter operations", "noisy"),
        row("Russian-style spellings", "russian"),
        "",
        f"Top-1 by operation (alone / with a neighbour): {by_op}."
        + "".join(
            f" Damaged names with seed {o['seed']}: top-1 {_n(o['alone'])} alone, "
            f"{_n(o['neighbour'])} with a neighbour."
            for o in r.get("other_seeds", [])
        ),
        "",
    ]


def gazetteer_speed() -> list[str]:
    g = _load("gazetteer_speed")
    if not g:
        return []
    rate = g.get("lookups_per_second", {})
    load = g.get("load_seconds_fresh_process", {})
    mem = g.get("resident_mb", {})
    return [
        "### Place index",
        "",
        "`benchmarks/gazetteer_speed.py`, one core; ratios against a plain dict lookup "
        "measured in the same run.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| places in the index | {_n(g.get('index_places'))} |",
        f"| load in a fresh process (s) | {_n(load.get('total'))} |",
        f"| exact lookups/s (`is_known`) | {_n(rate.get('is_known'))} |",
        f"| exact lookups/s (`candidates`, best) | {_n(rate.get('exact_candidates_limit1'))} |",
        f"| misspelled lookups/s (`candidates`) | {_n(rate.get('misspelled_candidates_limit5'))} |",
        f"| resident memory after load (MB) | {_n(mem.get('after_load_and_two_resolves'), 1)} |",
        "",
    ]


def pipeline_speed() -> list[str]:
    geo, ext = _load("geoparse_speed"), _load("extract_speed")
    if not geo and not ext:
        return []
    lines = [
        "### Speed of geoparse and extract",
        "",
        "`benchmarks/geoparse_speed.py` and `benchmarks/extract_speed.py`; the baseline is "
        "spaCy's small English model alone on the same text, in the same run.",
        "",
        "| stage | words/s | spaCy small words/s | ratio |",
        "|---|---|---|---|",
    ]
    if geo:
        lines.append(
            f"| geoparse ({_n(geo.get('articles'))} articles) | "
            f"{_n(geo.get('geoparse_words_per_s'))} | {_n(geo.get('spacy_sm_words_per_s'))} | "
            f"{_n(geo.get('geoparse_vs_spacy'), 2)} |"
        )
    if ext:
        lines.append(
            f"| extract ({_n(ext.get('articles'))} articles, caches emptied per copy) | "
            f"{_n(ext.get('extract_words_per_second'))} | "
            f"{_n(ext.get('spacy_small_words_per_second'))} | "
            f"{_n(ext.get('ratio_to_spacy_small'), 2)} |"
        )
        if ext.get("warm_one_run_words_per_second"):
            lines.append(
                f"| extract (the same copies in one run, caches warm) | "
                f"{_n(ext.get('warm_one_run_words_per_second'))} | | |"
            )
        if ext.get("pool_one_run_words_per_second"):
            lines.append(
                f"| extract (the same, {_n(ext.get('pool_jobs'))} processes) | "
                f"{_n(ext.get('pool_one_run_words_per_second'))} | | |"
            )
        lines += [
            "",
            "The extract corpus repeats the sample articles; the first row empties the "
            "resolver's look-up caches before each copy so that repeats do not flatter it; "
            "all but the last row run in one process.",
            "",
            f"Peak resident memory of extract: {_n(ext.get('peak_resident_mb'), 0)} MB.",
        ]
    return [*lines, ""]


def maps_speed() -> list[str]:
    m = _load("maps_speed")
    if not m:
        return []
    lines = [
        "### Map build and browser speed",
        "",
        "`benchmarks/maps_speed.py`, synthetic events, headless Chromium.",
        "",
        "| events | build (s) | page (MB) | load (s) | slider step median / p90 (ms) |",
        "|---|---|---|---|---|",
    ]
    for r in m.get("results", []):
        lines.append(
            f"| {_n(r['events'])} | {_n(r['build_s'], 2)} | {_n(r['page_mb'], 2)} | "
            f"{_n(r['load_s'], 2)} | {_n(r.get('step_ms_median'), 0)} / "
            f"{_n(r.get('step_ms_p90'), 0)} |"
        )
    return [*lines, ""]


def events_gold() -> list[str]:
    g = _load("events_gold")
    if not g:
        return []
    lines = [
        "### Events against a hand-coded gold set",
        "",
        f"`benchmarks/events_gold.py`: {_n(g.get('reports'))} real daily reports of the "
        f"development set, {_n(g.get('coded_chars'))} characters coded by hand "
        "(`benchmarks/gold/events_gold.yaml`). A match is the same sentence, an action of the "
        f"same family and the same place (gazetteer id or within {_n(g.get('place_km'), 0)} km); "
        "field precision and recall count the pairs right in that field over all predicted "
        "records and over all gold events.",
        "",
        "| report | gold | predicted | event recall | event precision | all fields right "
        "| place P / R | date P / R | side P / R | action P / R | dated after article |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [("all", g["overall"]), *sorted(g.get("by_report", {}).items())]
    for name, m in rows:
        f = m.get("fields", {})

        def pr(field: str, f: dict[str, Any] = f) -> str:
            v = f.get(field, {})
            return f"{_n(v.get('precision'), 2)} / {_n(v.get('recall'), 2)}"

        label = "**all**" if name == "all" else name.split("_", 1)[0]
        lines.append(
            f"| {label} | {_n(m.get('gold_events'))} | {_n(m.get('predicted'))} | "
            f"{_n(m.get('event_recall'), 2)} | {_n(m.get('event_precision'), 2)} | "
            f"{_n(m.get('all_fields_precision'), 2)} | {pr('place')} | {pr('date')} | "
            f"{pr('actor_side')} | {pr('action')} | {_n(m.get('dated_after_article'))} |"
        )
    errors = g.get("errors") or []
    if errors:
        top = "; ".join(f"{kind}: {n}" for kind, n in errors[:6])
        lines += ["", f"Most common errors: {top}."]
    review = ROOT / "benchmarks" / "gold" / "events_review.yaml"
    if review.is_file():
        import yaml

        reviews = yaml.safe_load(review.read_text(encoding="utf-8")).get("reviews") or []
        if reviews:
            last = reviews[-1]
            right = sum(r["right"] for r in reviews)
            drawn = sum(r["drawn"] for r in reviews)
            lines += [
                "",
                f"Read by hand: {last['right']} of {last['drawn']} records drawn at random "
                f"(seed {last['seed']}, code of {last['commit']}) from the reports the gold does "
                "not code were right in place, date, side and action; "
                f"{right} of {drawn} over the {len(reviews)} draws "
                "(`benchmarks/gold/events_review.yaml`).",
            ]
    return [*lines, ""]


def control_truth() -> list[str]:
    c = _load("control_truth")
    if not c:
        return []

    def row(scope: str, s: dict[str, Any], iou: Any = None, seeded: Any = None) -> str:
        return (
            f"| {scope} | {_n(s.get('place_dates'))} | {_n(s.get('places'))} | "
            f"{_pct(s.get('agreement'))} | {_pct(s.get('constant_ua'))} | "
            f"{_pct(s.get('persistence'))} | {_n(iou)} | {_n(seeded)} |"
        )

    o = c.get("overall", {})
    near = c.get("near_km", 10)
    lines = [
        "### Control against a front-line map",
        "",
        f"`benchmarks/control_truth.py`: {_n(c.get('articles'))} daily situation reports "
        f"(July 2022 to January 2023), the control model's side of every place it has a verdict "
        "on (each site once: a point near a place is the same ground), against "
        f"{_n(c.get('truth_dates'))} weekly occupied-area maps (inside the occupied "
        "area: Russian-held; inside the grey area: skipped; elsewhere in Ukraine: "
        "Ukrainian-held). Baselines on the same place-dates: everything held by Ukraine, and "
        f"persistence (each place as on the {c.get('persistence_week')} map). Area IoU of "
        f"persistence against each week's occupied area; the model's: "
        f"{o.get('iou_model_mean', 'n/a')} (mean, the areas of the cells within reach of a "
        "report).",
        "",
        "| scope | place-dates | places | model agrees | all Ukraine | persistence | "
        "persistence area IoU | seeded area IoU |",
        "|---|---|---|---|---|---|---|---|",
        row("places with reports of their own, all dates", o, o.get("iou_persistence_mean")),
        row(f"within {near:g} km of the front", o.get("near", {})),
        row(f"farther than {near:g} km", o.get("far", {})),
        row("dates up to the last report", c.get("overall_dates_with_reports", {})),
        *(row(f"dates {k}", s) for k, s in c.get("halves", {}).items()),
    ]
    for band, s in o.get("by_distance_km", {}).items():
        if band != f"0-{near:g}":  # the same as the "within" row
            lines.append(row(f"{band} km from the front", s))
    if c.get("seeded"):
        lines.append(
            row(
                f"seeded with the {c.get('baseline_week')} map",
                c["seeded"],
                o.get("iou_persistence_mean"),
                o.get("iou_seeded_mean"),
            )
        )
    if c.get("named_places"):
        lines.append(row("every place the reports name (the map's side at it)", c["named_places"]))
    if c.get("every_site"):
        lines.append(row("every populated place with a verdict", c["every_site"]))
    # One week a month, and the weeks either side of each big change of the occupied area.
    dates = c.get("per_date", [])
    shown: set[int] = set()
    months: set[str] = set()
    for i, d in enumerate(dates):
        if d["date"][:7] not in months:
            months.add(d["date"][:7])
            shown.add(i)
        before = dates[i - 1].get("occupied_km2") if i else None
        if before and d.get("occupied_km2") and abs(d["occupied_km2"] - before) > 0.02 * before:
            shown.update((i - 1, i))
    for i in sorted(shown):
        d = dates[i]
        note = " (after the last report)" if d.get("after_last_report") else ""
        lines.append(row(f"{d['date']}{note}", d, d.get("iou_persistence"), d.get("iou_seeded")))
    if c.get("changed_right_within_week") is not None:
        by = c.get("changed_right_by_direction") or {}
        vs = ", ".join(
            f"{k} on {v}"
            for k, v in sorted((c.get("seeded_iou_vs_persistence_after_move") or {}).items())
        )
        lines += [
            "",
            f"Seeded with the {c.get('baseline_week')} map: area IoU (mean "
            f"{o.get('iou_seeded_mean')} against persistence's {o.get('iou_persistence_mean')}) "
            f"at least persistence's on every one of the {c.get('dates_front_moved')} dates "
            f"after the front moved: "
            f"{'yes' if c.get('seeded_iou_at_least_persistence_after_move') else 'no'} "
            f"({vs}; after the front moved: the first map's area IoU with the week's below "
            f"0.99"
            + (
                f"; from {c['first_large_move']}, the first week the occupied area moved by "
                f"more than 1% in one week: "
                + ", ".join(
                    f"{k} on {v}"
                    for k, v in sorted(
                        (c.get("seeded_iou_vs_persistence_after_large_move") or {}).items()
                    )
                )
                if c.get("first_large_move")
                else ""
            )
            + f"); area that changed hands inferred right within a week: "
            f"{_pct(c.get('changed_right_within_week'))}"
            + (
                f" (became Ukrainian-held, {_pct(by.get('became_ukrainian_held_share_of_area'))} "
                f"of that area: {_pct(by.get('became_ukrainian_held'))}; became Russian-held: "
                f"{_pct(by.get('became_russian_held'))})"
                if by
                else ""
            )
            + f". The model built and every change day of the corpus "
            f"({_n(c.get('change_days'))}) computed in {c.get('model_seconds')} s"
            + (
                f" ({c['model_cpu_seconds']} s of CPU)"
                if c.get("model_cpu_seconds") is not None
                else ""
            )
            + (
                f"; seeded, built and {_n(c['seeded_change_days'])} change days in "
                f"{c['seeded_model_seconds']} s ({c['seeded_model_cpu_seconds']} s of CPU)."
                if c.get("seeded_model_seconds") is not None
                else "."
            ),
        ]
    kinds = [k for k in c.get("claims", []) if not k.get("discounted")][:6]
    if kinds:
        lines += [
            "",
            "Claims right on the next week's map, by kind: "
            + "; ".join(
                f"{k['action']} {k['side']} ({k['kind']}) {_pct(k['right'])} of {_n(k['claims'])}"
                for k in kinds
            )
            + ".",
        ]
    return [*lines, ""]


def resolved_review() -> list[str]:
    """Place mentions of the development reports: resolved share and the hand review."""
    r = _load("resolved_review")
    if not r:
        return []
    heads = dict(r.get("unresolved_by_head") or [])
    named = ", ".join(f"{h} {c}" for h, c in sorted(heads.items(), key=lambda kv: -kv[1])[:5])
    rest = sum(heads.values()) - sum(sorted(heads.values(), reverse=True)[:5])
    share = r.get("resolved_share")
    lines = [
        "### Place mentions of the 204 development reports",
        "",
        "`benchmarks/resolved_review.py`: every place mention (demonyms apart) of "
        "`../shared/benchmarks/control/articles/`; a hand review of seeded samples of "
        f"{_n(r.get('sample'))} resolved mentions (`benchmarks/gold/resolved_review.yaml`: "
        "mention keys, place ids and verdicts only). Each sample was drawn afresh after "
        "the fixes made against the ones before it; the last, fixed against by none, gives "
        "the headline figure (the earlier ones are re-checked after every round of fixes).",
        "",
        "| mentions | resolved | unresolved (by feature head) |",
        "|---|---|---|",
        f"| {_n(r.get('mentions'))} | {'n/a' if share is None else f'{100 * share:.2f}%'} "
        f"| {_n(r.get('unresolved'))} ({named}{f', other {rest}' if rest else ''}) |",
        "",
        "| sample (seed) | reviewed | wrong |",
        "|---|---|---|",
    ]
    for s in r.get("samples") or []:
        role = "fresh, after the fixes" if s.get("fresh") else "fixed against"
        ws = s.get("wrong_share")
        pct = "" if ws is None else f" ({100 * ws:.1f}%)"
        lines.append(
            f"| {role} (`{s.get('seed')}`) | {_n(s.get('reviewed'))} of {_n(s.get('sample'))} "
            f"| {_n(s.get('wrong'))}{pct} |"
        )
    return [*lines, ""]


def scale() -> list[str]:
    data = _load("scale")
    if not data:
        return []
    local, one, two, rb = data["local"], data["dask_1"], data["dask_2"], data["rebuild"]

    def load(run: dict) -> str:
        return _n((run.get("load_before") or [None])[0])

    lines = [
        "### Scale: Dask and the per-article cache",
        "",
        f"`benchmarks/scale.py`: {_n(data['articles'])} synthetic articles "
        f"({_n(data['words_per_article'])} words each, windows of the 204 real reports) on this "
        f"{data['cores']}-core machine, shared with other work: the load average (1 minute) "
        "before each run is given beside it. Outputs of the three engines identical: "
        f"{'yes' if data.get('dask_equals_local') else 'NO'}.",
        "",
        "| engine | articles/s | wall s | worker CPU s | start-up s | peak MB per process | load |",
        "|---|---|---|---|---|---|---|",
        f"| local | {_n(local['articles_per_second'])} | {_n(local['seconds'])} | "
        f"{_n(local.get('cpu_seconds'))} | | {_n(data.get('client_peak_mb'))} | {load(local)} |",
    ]
    for run in (one, two):
        cpu = " + ".join(_n(c) for c in run.get("worker_cpu_seconds", []))
        lines.append(
            f"| dask, {run['workers']} worker(s) | {_n(run['articles_per_second'])} | "
            f"{_n(run['seconds'])} | {cpu} | {_n(run['startup_seconds'])} | "
            f"{', '.join(_n(m) for m in run['worker_peak_mb'])} | {load(run)} |"
        )
    lines += [
        "",
        f"2 workers / 1 worker: {_n(data['speedup_2_over_1_workers'])}x wall "
        f"(the split of the work allows {_n(two.get('cpu_balance_speedup'))}x on free cores); "
        f"CPU per article per core {_n(local.get('cpu_seconds_per_article'), 4)} s.",
        "",
    ]
    if "extract_full" in rb:
        lines += [
            f"Rebuild after adding 1 article to {_n(rb['articles_before'])}, each command in a "
            "process of its own (start-up and writing the outputs included):",
            "",
            "| command | full run s (CPU s) | rebuild s (CPU s) | rebuild / full | CPU | load |",
            "|---|---|---|---|---|---|",
        ]
        labels = {
            "extract": "`extract`",
            "build": "`build --no-previews`",
            "maps": "`build` (`make maps`, PNG previews)",
        }
        for step in ("extract", "build", "maps"):
            if f"{step}_full" not in rb:
                continue
            full, again = rb[f"{step}_full"], rb[f"{step}_rebuild"]
            lines.append(
                f"| {labels[step]} | {_n(full['seconds'])} ({_n(full['cpu_seconds'])}) | "
                f"{_n(again['seconds'])} ({_n(again['cpu_seconds'])}) | "
                f"{100 * rb[f'{step}_ratio']:.1f}% | {100 * rb[f'{step}_cpu_ratio']:.1f}% | "
                f"{load(full)}, {load(again)} |"
            )
        drawn = [rb[f"{k}_rebuild"].get("pages") for k in ("build", "maps") if f"{k}_rebuild" in rb]
        if any(drawn):
            same = all(rb.get(f"{k}_identical") for k in ("build", "maps") if f"{k}_full" in rb)
            lines += [
                "",
                f"Pages in the `build` rebuilds: {'; '.join(d for d in drawn if d)} (page "
                f"cache {_n(rb.get('page_cache_mb'))} MB); outputs equal to the build without "
                f"cache: {'yes' if same else 'NO'}.",
            ]
        renders = [(k, rb[k]) for k in ("render_no_previews", "render_previews") if k in rb]
        if renders:
            lines += [
                "",
                "`render` alone on the same table: "
                + "; ".join(
                    f"{'with' if k == 'render_previews' else 'without'} the PNG previews "
                    f"{_n(r['seconds'])} s (CPU {_n(r['cpu_seconds'])} s)"
                    for k, r in renders
                )
                + f". Cache: {_n(rb.get('cache_files'))} files, "
                f"{_n((rb.get('cache_bytes_per_article') or 0) / 1024, 1)} KB per article. "
                "Sizing: docs/scale.md.",
            ]
        lines.append("")
    quick = _load("scale_quick")
    if quick:
        q1, q2, qr = quick["dask_1"], quick["dask_2"], quick["rebuild"]
        lines += [
            f"Quick re-measure (`--quick`, {_n(quick['articles'])} articles; load average "
            f"{load(q1)} before 1 worker, {load(q2)} before 2): 2 workers / 1 worker "
            f"{_n(quick['speedup_2_over_1_workers'])}x wall ({_n(q1['seconds'])} s against "
            f"{_n(q2['seconds'])} s; each of the 2 workers had "
            f"{100 * min(q2['worker_cpu_seconds']) / q2['seconds']:.0f}% of a core, the 1 worker "
            f"{100 * q1['worker_cpu_seconds'][0] / q1['seconds']:.0f}%: a share under 90% means "
            "other work took the cores); `extract` rebuild after 1 article added to "
            f"{_n(qr['articles_before'])}: {100 * qr['extract_ratio']:.1f}% of the full run "
            f"(CPU {100 * qr['extract_cpu_ratio']:.1f}%).",
            "",
        ]
    real = data.get("rebuild_reports")
    if real:
        lines += [
            f"On the real reports ({_n(real['articles_before'])}, then one more): rebuild "
            f"{_n(real['rebuild_seconds'])} s against {_n(real['full_seconds'])} s "
            f"({100 * real['rebuild_ratio']:.1f}%; CPU {100 * real['rebuild_cpu_ratio']:.1f}%)"
            + (
                f"; `build --no-previews` rebuild {_n(real['build_rebuild']['seconds'])} s "
                f"against {_n(real['build_full']['seconds'])} s "
                f"({100 * real['build_ratio']:.1f}%; CPU {100 * real['build_cpu_ratio']:.1f}%; "
                f"{real['build_rebuild'].get('pages') or 'pages not reported'}; load "
                f"{load(real['build_full'])}, {load(real['build_rebuild'])})"
                if "build_full" in real
                else ""
            )
            + ".",
            "",
        ]
    return lines


def _pct(value: Any) -> str:
    """A share as a percentage with one decimal (``n/a`` when missing)."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _km2(value: Any) -> str:
    """An area in whole km² (``n/a`` when missing)."""
    return _n(round(value)) if isinstance(value, (int, float)) else _n(value)


def control_shading() -> list[str]:
    c = _load("control_shading")
    if not c:
        return []
    m, last = c.get("mean", {}), c.get("latest") or {}
    return [
        "### What the map shades, and its front",
        "",
        "`benchmarks/control_shading.py`: the same reports, the map's unseeded model on "
        f"{_n(c.get('weeks'))} truth weeks. Shaded Russian area inside the occupied area "
        f"(precision) {_n(m.get('ru_precision'))} (at the map's latest date, "
        f"{last.get('model_day', '')}, against the {last.get('week', '')} map: "
        f"{_n(last.get('ru_precision'))}), "
        f"its IoU with it {_n(m.get('ru_iou'))}; shaded Ukrainian area outside it "
        f"{_n(m.get('ua_precision'))} (latest {_n(last.get('ua_precision'))}); the truth's "
        "contested ground counts for neither side. Area shaded for "
        f"a side the truth gives to the other, a week on average: Russian "
        f"{_n(m.get('ru_wrong_km2'))} km² ({_km2(m.get('ru_wrong_far_km2'))} km² of it farther "
        f"than {c.get('near_km', 20):g} km from the truth front, "
        f"{_km2(m.get('ru_wrong_far_coast_km2'))} of those within {c.get('coast_km', 2):g} km "
        "of the coast or border), Ukrainian "
        f"{_n(m.get('ua_wrong_km2'))} km² ({_km2(m.get('ua_wrong_far_km2'))} km² farther, "
        f"{_km2(m.get('ua_wrong_far_coast_km2'))} on the coast); at the latest date "
        f"{_n(last.get('ru_wrong_km2'))} km² ({_n(last.get('ru_wrong_far_km2'))} farther, "
        f"{_n(last.get('ru_wrong_far_coast_km2'))} on the coast) and "
        f"{_n(last.get('ua_wrong_km2'))} km² ({_n(last.get('ua_wrong_far_km2'))} farther, "
        f"{_n(last.get('ua_wrong_far_coast_km2'))} on the coast){_close(last)}. Front: "
        f"{m.get('front_pieces', 0):.1f} pieces and {m.get('front_loops', 0):.1f} closed loops a "
        f"week, {_n(m.get('front_near_truth'))} of its length within {c.get('near_km', 20):g} km "
        f"of the truth front, and {_n(m.get('truth_front_covered'))} of the truth front's length "
        f"within {c.get('near_km', 20):g} km of it (latest date "
        f"{_n(last.get('front_near_truth'))} and {_n(last.get('truth_front_covered'))}; the truth "
        "front is where the occupied area meets the rest of Ukraine, slivers of a coast or "
        "border drawn differently from Ukraine's outline left out).",
        "",
    ]


def _close(row: dict[str, Any]) -> str:
    """How much of a date's wrongly shaded area lies within 5 and 10 km of the truth front."""
    keys = [f"{side}_wrong_within_{km}km_km2" for side in ("ru", "ua") for km in (5, 10)]
    if any(row.get(k) is None for k in keys):
        return ""
    ru5, ru10, ua5, ua10 = (row[k] for k in keys)
    return (
        f"; within 5 km of the truth front {_n(ru5)} and {_n(ua5)} km², within 10 km "
        f"{_n(ru10)} and {_n(ua10)} km²"
    )


def control_subsets() -> list[str]:
    c = _load("control_subsets")
    if not c or not c.get("corpora"):
        return []

    lines = [
        "### Control on parts of the reports",
        "",
        "`benchmarks/control_subsets.py`: the same two benchmarks on corpora cut from the "
        "204 reports, each extracted on its own, in one run. The second half starts cold "
        "(nothing read before it; judged from its first report's week, seeded with that "
        "week's map); every other report is a sparser feed.",
        "",
        "| corpus | reports | places right (while reported) | over | seeded | "
        "seeded IoU above persistence | changed hands right | RU IoU | "
        "wrong RU / UA km² a week |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in c["corpora"].items():
        lines.append(
            f"| {name} | {r['reports']} ({r['first_report']} .. {r['last_report']}) | "
            f"{_pct(r['agreement'])} ({_pct(r['agreement_while_reported'])}) | {r['places']} | "
            f"{_pct(r['seeded_agreement'])} | "
            f"{_above(r.get('seeded_iou_vs_persistence_after_move') or {})} | "
            f"{_pct(r['changed_right_within_week'])} | "
            f"{_n(r['ru_iou'])} | {_km2(r['ru_wrong_km2'])} / {_km2(r['ua_wrong_km2'])} |"
        )
    return [*lines, ""]


def _above(counts: dict[str, int]) -> str:
    """'16 of 16 dates', '27 of 28 (1 equal)': the dates after the front moved."""
    total = sum(counts.values())
    rest = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()) if k != "above" and n)
    return f"{counts.get('above', 0)} of {total}" + (f" ({rest})" if rest else "")


def render() -> str:
    parts = (
        accuracy()
        + noise_robustness()
        + resolved_review()
        + events_gold()
        + control_truth()
        + control_shading()
        + control_subsets()
        + gazetteer_speed()
        + pipeline_speed()
        + maps_speed()
        + scale()
    )
    return "\n".join(parts).rstrip() + "\n"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{README}: no figures markers; add {START} and {END}", file=sys.stderr)
        return 1
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{render()}{END}{tail}"
    if new != text:
        tmp = README.with_suffix(".md.tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(README)
    print(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
