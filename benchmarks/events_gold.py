"""Events extracted from real reports against a hand-coded gold set (issue 12).

The gold set (``benchmarks/gold/events_gold.yaml``) names report files of the development
set and character ranges that were coded by hand; the text itself is read at run time from
``../shared/benchmarks/control/articles/`` (``--articles``) and is never copied here.

Extraction: every gold file goes through the project's pipeline as ``frontline extract``
does (:class:`geo.pipeline.Pipeline` with the default gazetteer, no NER). Each article's
own event records are scored (``ArticleResult.events``, before the corpus-level merge of
repeats across articles, which would credit one article's event to another's quote).
A predicted record takes part when its quote overlaps a coded range of its file.

Matching, one-to-one and greedy:

1. A *candidate pair* is a predicted record and a gold event of the same file whose quote
   and gold sentence offsets overlap and whose actions are of the same family:
   gain (advance, reach, capture, liberate), combat (clash, hold, loss), withdraw,
   strike, strategic.
2. Each candidate pair gets a score: place right 8 (0.75 more for the same gazetteer id,
   so a record pairs with the place it names before a neighbour within 25 km), action
   exactly right 4, actor side right 2, date interval overlapping 1 (and a fraction for
   the share of offsets that overlap, to break ties). Pairs are taken best score first;
   each record and each gold event is used at most once.
3. A pair is a *match* when its place is also right: the same gazetteer id, or both
   points within 25 km. A gold event without a gazetteer id (the coder found no right
   entry: the gazetteer lacks the place) has its place right only when the record carries
   no gazetteer id either and its location's name is close to the gold name (rapidfuzz
   ratio >= 85 after folding case and apostrophes); a record that resolved the name to a
   gazetteer entry has picked a namesake elsewhere.

Figures (overall and by report):

* ``pairs`` and ``matches``; ``event_recall`` = matches / gold events (the share of gold
  events found at the right place, in the right sentence, with an action of the right
  family) and ``event_precision`` = matches / predicted records.
* For each field (``place``, ``date``, ``actor_side``, ``action``, ``verification``): precision =
  pairs right in that field / predicted records, recall = pairs right in that field / gold
  events. The date is right when the intervals overlap (an open start counts as reaching
  back indefinitely); ``date_exact`` also needs the same start and end.
* ``all_fields_precision``: the share of predicted records whose pair is right in place,
  date, side and action at once (``all_fields_recall`` the same over gold events).
* ``dated_after_article``: predicted records (inside coded ranges, and in the whole
  files) whose interval starts after the article's publication date: impossible dates.
* ``errors``: ``[kind, count]`` of the error kinds seen in pairs and unpaired records, most
  common first, for diagnosis.

Writes ``benchmarks/results/events_gold.json`` (``--out``) atomically.

``--check`` validates the gold file instead of scoring (and needs no extraction): every
report exists, every coded range lies inside its text, every event's offsets are exactly
one sentence of the project's splitter inside a coded range, the fields take their allowed
values, no interval ends after the report's publication, and every ``place_id`` exists in
the gazetteer (an empty one needs a ``place_note``). It prints one line per problem, naming
the report and the event, and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "events_gold.json"
GOLD = ROOT / "benchmarks" / "gold" / "events_gold.yaml"
DEFAULT_ARTICLES = ROOT.parent / "shared" / "benchmarks" / "control" / "articles"
PLACE_KM = 25.0
FIELDS = ("place", "date", "actor_side", "action", "verification")
FAMILY = {
    "advance": "gain",
    "reach": "gain",
    "capture": "gain",
    "liberate": "gain",
    "clash": "combat",
    "hold": "combat",
    "loss": "combat",
    "withdraw": "withdraw",
    "strike": "strike",
    "strategic": "strategic",
}
SIDES = ("UA", "RU", "other")
VERIFICATION = ("claimed", "reported", "confirmed", "assessed")
RU_SIDE = ("russia", "donetsk people", "luhansk people", "dnr", "lnr", "wagner")


def side_of(actor: str) -> str:
    """UA, RU or other, from an ACLED-style actor name."""
    low = actor.lower()
    if "ukrain" in low:
        return "UA"
    if any(word in low for word in RU_SIDE):
        return "RU"
    return "other"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _fold(name: str) -> str:
    return name.lower().replace("'", "").replace("\u2019", "").strip()


def load_gold(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["files"])


def _dates_overlap(p: dict[str, Any], g: dict[str, Any]) -> bool:
    ps, pe = p["date_start"] or dt.date.min, p["date_end"] or dt.date.max
    gs, ge = _date(g["date_start"]), _date(g["date_end"])
    return ps <= ge and gs <= pe


def _place_right(p: dict[str, Any], g: dict[str, Any], coords: dict[str, Any]) -> bool:
    from rapidfuzz import fuzz

    from geo.namesakes import SPOT_PREFIX

    gid = g.get("place_id") or ""
    if not gid:
        # The coder found no right entry in the gazetteer: a record that names the place but
        # carries a gazetteer id has resolved it to a namesake elsewhere (a spot the report
        # states for a village the gazetteer lacks is no gazetteer entry).
        if p["place_id"] and not p["place_id"].startswith(SPOT_PREFIX):
            return False
        return bool(p["location"]) and fuzz.ratio(_fold(p["location"]), _fold(g["place"])) >= 85
    if p["place_id"] == gid:
        return True
    gpt = coords.get(gid)
    return gpt is not None and p["point"] is not None and km(gpt, p["point"]) <= PLACE_KM


def _fields(p: dict[str, Any], g: dict[str, Any], coords: dict[str, Any]) -> dict[str, bool]:
    gs, ge = _date(g["date_start"]), _date(g["date_end"])
    return {
        "place": _place_right(p, g, coords),
        "date": _dates_overlap(p, g),
        "date_exact": p["date_start"] == gs and p["date_end"] == ge,
        "actor_side": p["side"] == g["actor_side"],
        "action": p["action"] == g["action"],
        "verification": p["verification"] == g.get("verification", "reported"),
    }


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(
    preds: list[dict[str, Any]], golds: list[dict[str, Any]], coords: dict[str, Any]
) -> list[tuple[int, int, dict[str, bool]]]:
    """Greedy one-to-one pairs (pred index, gold index, fields right), best score first."""
    scored = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _overlap(p["start"], p["end"], g["sentence_start"], g["sentence_end"])
            if not ov or FAMILY.get(p["action"]) != FAMILY.get(g["action"]):
                continue
            f = _fields(p, g, coords)
            score = (
                8 * f["place"]
                + 0.75 * bool(g.get("place_id") and p["place_id"] == g.get("place_id"))
                + 4 * f["action"]
                + 2 * f["actor_side"]
                + f["date"]
                + ov / max(1, p["end"] - p["start"]) / 2
            )
            scored.append((-score, i, j, f))
    scored.sort(key=lambda t: (t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j, f in scored:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j, f))
    return pairs


def _record(event: Any) -> dict[str, Any]:
    lat, lon = float(event.latitude), float(event.longitude)
    point = None if (math.isnan(lat) or math.isnan(lon) or (lat == 0 and lon == 0)) else (lat, lon)
    return {
        "start": int(event.quote_start),
        "end": int(event.quote_end),
        "action": event.action,
        "side": side_of(event.actor1),
        "location": event.location,
        "place_id": event.place_id,
        "point": point,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "verification": getattr(event.verification, "value", str(event.verification)),
        "published": event.published_at,
    }


def _after(p: dict[str, Any], published: dt.date | None) -> bool:
    """Whether a record's interval starts after its article was published."""
    return bool(published and p["date_start"] and p["date_start"] > published)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures from per-file tallies (``n_pred``, ``n_gold``, ``pairs``...)."""
    n_pred = sum(r["n_pred"] for r in rows)
    n_gold = sum(r["n_gold"] for r in rows)
    pairs = [f for r in rows for f in r["pair_fields"]]
    matches = sum(1 for f in pairs if f["place"])
    out: dict[str, Any] = {
        "gold_events": n_gold,
        "predicted": n_pred,
        "pairs": len(pairs),
        "matches": matches,
        "event_recall": _ratio(matches, n_gold),
        "event_precision": _ratio(matches, n_pred),
        "fields": {},
    }
    for name in (*FIELDS, "date_exact"):
        right = sum(1 for f in pairs if f[name])
        out["fields"][name] = {
            "precision": _ratio(right, n_pred),
            "recall": _ratio(right, n_gold),
            "right_in_pairs": _ratio(right, len(pairs)),
        }
    full = sum(1 for f in pairs if f["place"] and f["date"] and f["actor_side"] and f["action"])
    out["all_fields_precision"] = _ratio(full, n_pred)
    out["all_fields_recall"] = _ratio(full, n_gold)
    out["dated_after_article"] = sum(r["after_in_ranges"] for r in rows)
    out["dated_after_article_whole_files"] = sum(r["after_whole"] for r in rows)
    out["predicted_whole_files"] = sum(r["n_pred_whole"] for r in rows)
    return out


def _errors(
    preds: list[dict[str, Any]],
    golds: list[dict[str, Any]],
    pairs: list[tuple[int, int, dict[str, bool]]],
) -> Counter[str]:
    """Error kinds, for the diagnosis in the JSON."""
    c: Counter[str] = Counter()
    paired_p = {i for i, _, _ in pairs}
    paired_g = {j for _, j, _ in pairs}
    for i, j, f in pairs:
        p, g = preds[i], golds[j]
        if not f["place"]:
            c["paired, wrong place (same sentence and action family)"] += 1
        if not f["action"]:
            c[f"action {g['action']} read as {p['action']}"] += 1
        if not f["actor_side"]:
            c[f"side {g['actor_side']} read as {p['side']}"] += 1
        if not f["date"]:
            c["date interval misses the gold interval"] += 1
        elif not f["date_exact"]:
            c["date interval overlaps but differs"] += 1
        if not f["verification"]:
            c[f"verification {g.get('verification')} read as {p['verification']}"] += 1
    for j, g in enumerate(golds):
        if j in paired_g:
            continue
        if not g.get("place_id"):
            c["gold event missed, place not in gazetteer"] += 1
        elif any(
            _overlap(p["start"], p["end"], g["sentence_start"], g["sentence_end"]) for p in preds
        ):
            c["gold event missed, sentence has other records"] += 1
        else:
            c["gold event missed, no record from its sentence"] += 1
    for i, p in enumerate(preds):
        if i in paired_p:
            continue
        if any(
            _overlap(p["start"], p["end"], g["sentence_start"], g["sentence_end"]) for g in golds
        ):
            c["spurious record in a sentence with gold events"] += 1
        else:
            c["spurious record in a sentence without events"] += 1
    return c


def _diagnosis(
    text: str,
    preds: list[dict[str, Any]],
    golds: list[dict[str, Any]],
    pairs: list[tuple[int, int, dict[str, bool]]],
) -> list[str]:
    """Lines for ``--show``: each missed gold event and wrong pair, with its sentence.

    Printed to the terminal only (the report text never enters the JSON).
    """
    lines = []
    paired_g = {j: (i, f) for i, j, f in pairs}

    def pred_line(p: dict[str, Any]) -> str:
        return (
            f"      got {p['side']} {p['action']} {p['location']} ({p['place_id']}) "
            f"{p['date_start']}..{p['date_end']} {p['verification']}"
        )

    for j, g in enumerate(golds):
        s0, s1 = g["sentence_start"], g["sentence_end"]
        want = (
            f"{g['actor_side']} {g['action']} {g['place']} ({g.get('place_id') or '-'}) "
            f"{g['date_start']}..{g['date_end']} {g.get('verification', 'reported')}"
        )
        if j in paired_g:
            i, f = paired_g[j]
            wrong = [k for k in (*FIELDS, "date_exact") if not f[k]]
            if wrong:
                lines.append(f"  WRONG {','.join(wrong)} @{s0}: want {want}")
                lines.append(pred_line(preds[i]))
                lines.append(f"      | {text[s0:s1]}")
            continue
        lines.append(f"  MISSED @{s0}: want {want}")
        for p in preds:
            if _overlap(p["start"], p["end"], s0, s1):
                lines.append(pred_line(p))
        lines.append(f"      | {text[s0:s1]}")
    paired_p = {i for i, _, _ in pairs}
    for i, p in enumerate(preds):
        if i not in paired_p:
            lines.append(f"  SPURIOUS @{p['start']}:")
            lines.append(pred_line(p))
            lines.append(f"      | {text[p['start'] : p['end']]}")
    return lines


def run(gold_path: Path, articles: Path, *, show: bool = False) -> dict[str, Any]:
    from gazetteer import Gazetteer
    from geo.pipeline import Pipeline

    files = load_gold(gold_path)
    paths = [articles / f["file"] for f in files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"gold reports missing: {', '.join(missing)} (see --articles)")
    gaz = Gazetteer.load()
    coords: dict[str, Any] = {}
    for f in files:
        for g in f["events"]:
            gid = g.get("place_id") or ""
            if gid and gid not in coords:
                try:
                    place = gaz.get(gid)
                    coords[gid] = (place.lat, place.lon)
                except KeyError:
                    coords[gid] = None
    start = time.perf_counter()
    result = Pipeline(gaz).run([str(p) for p in paths])
    seconds = time.perf_counter() - start
    by_name = {Path(r.article.path or r.article.id).name: r for r in result.articles}
    rows = []
    errors: Counter[str] = Counter()
    for f in files:
        art = by_name.get(f["file"])
        published = _date(f.get("published")) or (art.article.published if art else None)
        ranges = [tuple(r) for r in f["coded_ranges"]]
        every = [_record(e) for e in art.events] if art else []
        preds = [p for p in every if any(_overlap(p["start"], p["end"], a, b) for a, b in ranges)]
        golds = list(f["events"])
        pairs = match(preds, golds, coords)
        errors.update(_errors(preds, golds, pairs))
        if show and art is not None:
            print(f"== {f['file']}")
            print("\n".join(_diagnosis(art.article.text, preds, golds, pairs)))

        rows.append(
            {
                "file": f["file"],
                "coded_chars": sum(b - a for a, b in ranges),
                "n_pred": len(preds),
                "n_gold": len(golds),
                "n_pred_whole": len(every),
                "pair_fields": [fl for _, _, fl in pairs],
                "after_in_ranges": sum(1 for p in preds if _after(p, published)),
                "after_whole": sum(1 for p in every if _after(p, published)),
            }
        )
    return {
        "gold": gold_path.name,
        "reports": len(files),
        "coded_chars": sum(r["coded_chars"] for r in rows),
        "extract_seconds": round(seconds, 2),
        "place_km": PLACE_KM,
        "overall": summarize(rows),
        "by_report": {r["file"]: {"coded_chars": r["coded_chars"], **summarize([r])} for r in rows},
        "errors": [[kind, n] for kind, n in errors.most_common()],
    }


def _event_problems(
    g: dict[str, Any],
    sentences: set[tuple[int, int]],
    ranges: list[tuple[int, int]],
    published: dt.date | None,
    gaz: Any,
) -> list[str]:
    """What is wrong with one gold event (empty when nothing)."""
    out = []
    span = (g.get("sentence_start"), g.get("sentence_end"))
    if span not in sentences:
        out.append(f"offsets {span[0]}-{span[1]} are not one sentence of the report")
    elif not any(a <= span[0] and span[1] <= b for a, b in ranges):
        out.append(f"sentence {span[0]}-{span[1]} lies outside the coded ranges")
    if g.get("actor_side") not in SIDES:
        out.append(f"actor_side {g.get('actor_side')!r} is not one of {', '.join(SIDES)}")
    if g.get("action") not in FAMILY:
        out.append(f"action {g.get('action')!r} is not one of {', '.join(FAMILY)}")
    if g.get("verification", "reported") not in VERIFICATION:
        out.append(
            f"verification {g.get('verification')!r} is not one of {', '.join(VERIFICATION)}"
        )
    if g.get("verification") == "claimed" and not g.get("claimed_by"):
        out.append("a claimed event needs claimed_by")
    try:
        start, end = _date(g.get("date_start")), _date(g.get("date_end"))
    except ValueError as exc:
        out.append(f"date: {exc}")
    else:
        if start is None or end is None:
            out.append("date_start and date_end are both needed")
        elif start > end:
            out.append(f"date_start {start} is after date_end {end}")
        elif published and end > published:
            out.append(f"date_end {end} is after the report's publication {published}")
    if not g.get("place"):
        out.append("place (the name as written) is empty")
    pid = g.get("place_id") or ""
    if pid:
        try:
            gaz.get(pid)
        except KeyError:
            out.append(f"place_id {pid!r} is not in the gazetteer")
    elif not g.get("place_note"):
        out.append("an empty place_id needs a place_note saying why")
    return out


def check(gold_path: Path, articles: Path) -> list[str]:
    """Problems in the gold file, one line each naming the report and the event.

    Parameters
    ----------
    gold_path : Path
        The gold YAML.
    articles : Path
        The folder that holds the reports the gold names.

    Returns
    -------
    list of str
        Empty when the gold is sound.
    """
    from gazetteer import Gazetteer
    from geo.ingest import read_article
    from geo.text import split_sentences

    try:
        files = load_gold(gold_path)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        return [f"{gold_path}: cannot be read as gold ({exc})"]
    gaz = Gazetteer.load()
    problems: list[str] = []
    seen: set[str] = set()
    for f in files:
        name = str(f.get("file", ""))
        where = f"{gold_path.name}: {name}"
        if name in seen:
            problems.append(f"{where}: listed twice")
        seen.add(name)
        path = articles / name
        if not path.is_file():
            problems.append(f"{where}: no such report in {articles}")
            continue
        text = read_article(path).text
        try:
            published = _date(f.get("published"))
        except ValueError as exc:
            problems.append(f"{where}: published: {exc}")
            published = None
        ranges = [(int(r[0]), int(r[1])) for r in f.get("coded_ranges") or []]
        if not ranges:
            problems.append(f"{where}: no coded_ranges")
        for a, b in ranges:
            if not 0 <= a < b <= len(text):
                problems.append(
                    f"{where}: coded range {a}-{b} is not inside the text (0-{len(text)})"
                )
        sentences = set(split_sentences(text))
        for k, g in enumerate(f.get("events") or []):
            label = f"{where}: event {k + 1} ({g.get('place', '?')}, {g.get('sentence_start')})"
            problems += [
                f"{label}: {p}" for p in _event_problems(g, sentences, ranges, published, gaz)
            ]
    return problems


def draw(gold_path: Path, articles: Path, *, n: int, seed: int) -> list[dict[str, Any]]:
    """Draw ``n`` event records at random from reports the gold does not code.

    The acceptance check of issue 12: records drawn with a seeded generator from every
    report of ``articles`` that the gold does not name, for reading by hand against their
    sentences. Each drawn record is printed with its sentence (to the terminal only); the
    verdicts are kept as ids in ``benchmarks/gold/events_review.yaml``.

    Parameters
    ----------
    gold_path : Path
        The gold YAML (its reports are left out).
    articles : Path
        The reports folder.
    n : int
        How many records.
    seed : int
        Seed of the draw.

    Returns
    -------
    list of dict
        ``file``, ``quote_start``, ``quote_end``, ``side``, ``action``, ``place_id``,
        ``location``, ``date_start``, ``date_end``, ``verification``, ``claimed_by`` and
        ``sentence`` of each record, in the order drawn.
    """
    import random

    from gazetteer import Gazetteer
    from geo.pipeline import Pipeline

    coded = {f["file"] for f in load_gold(gold_path)}
    paths = sorted(p for p in articles.iterdir() if p.suffix in {".md", ".txt"})
    paths = [p for p in paths if p.name not in coded]
    result = Pipeline(Gazetteer.load()).run([str(p) for p in paths])
    records = []
    for art in result.articles:
        name = Path(art.article.path or art.article.id).name
        for e in art.events:
            records.append(
                {
                    "file": name,
                    "quote_start": int(e.quote_start),
                    "quote_end": int(e.quote_end),
                    "side": side_of(e.actor1),
                    "action": e.action,
                    "place_id": e.place_id,
                    "location": e.location,
                    "date_start": str(e.date_start),
                    "date_end": str(e.date_end),
                    "verification": getattr(e.verification, "value", str(e.verification)),
                    "claimed_by": e.claimed_by,
                    "sentence": art.article.text[int(e.quote_start) : int(e.quote_end)],
                }
            )
    records.sort(key=lambda r: (r["file"], r["quote_start"], r["action"], r["place_id"]))
    return random.Random(seed).sample(records, min(n, len(records)))


def list_places(gold_path: Path, articles: Path) -> list[str]:
    """Lines naming each place error: wrong-place pairs and missed gold events.

    For every pair whose place is wrong, the gold and predicted place ids and names and
    the distance between them; for every record left unpaired, its place; for every gold
    event left unpaired, its place and the places the records of its sentence were given.
    For diagnosis (``--list-places``).
    """
    from gazetteer import Gazetteer
    from geo.pipeline import Pipeline

    files = load_gold(gold_path)
    gaz = Gazetteer.load()

    def point(pid: str) -> tuple[float, float] | None:
        try:
            place = gaz.get(pid)
        except KeyError:
            return None
        return (place.lat, place.lon)

    coords = {
        g["place_id"]: point(g["place_id"]) for f in files for g in f["events"] if g.get("place_id")
    }
    result = Pipeline(gaz).run([str(articles / f["file"]) for f in files])
    by_name = {Path(r.article.path or r.article.id).name: r for r in result.articles}
    lines: list[str] = []
    for f in files:
        art = by_name.get(f["file"])
        ranges = [tuple(r) for r in f["coded_ranges"]]
        every = [_record(e) for e in art.events] if art else []
        preds = [p for p in every if any(_overlap(p["start"], p["end"], a, b) for a, b in ranges)]
        golds = list(f["events"])
        pairs = match(preds, golds, coords)
        for i, j, fl in pairs:
            if fl["place"]:
                continue
            p, g = preds[i], golds[j]
            gpt = coords.get(g.get("place_id") or "")
            dist = f"{km(gpt, p['point']):.0f} km" if gpt and p["point"] else "?"
            lines.append(
                f"WRONG {f['file']} @{g['sentence_start']} {g['action']}/{p['action']}: "
                f"gold {g['place']} [{g.get('place_id') or '-'}] "
                f"pred {p['location']} [{p['place_id'] or '-'}] ({dist})"
            )
        paired = {j for _, j, _ in pairs}
        used = {i for i, _, _ in pairs}
        lines += [
            f"SPURIOUS {f['file']} @{p['start']} {p['action']}: "
            f"pred {p['location']} [{p['place_id'] or '-'}]"
            for i, p in enumerate(preds)
            if i not in used
        ]
        for j, g in enumerate(golds):
            if j in paired:
                continue
            there = sorted(
                {
                    f"{p['action']}:{p['location']}"
                    for p in preds
                    if _overlap(p["start"], p["end"], g["sentence_start"], g["sentence_end"])
                }
            )
            kind = "NOGAZ" if not g.get("place_id") else "MISSED"
            lines.append(
                f"{kind} {f['file']} @{g['sentence_start']} {g['action']}: gold {g['place']} "
                f"[{g.get('place_id') or '-'}] sentence has {', '.join(there) or 'nothing'}"
            )
    return lines


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD, help="the gold YAML")
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="the reports folder")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    ap.add_argument(
        "--check", action="store_true", help="validate the gold file (offsets, fields, ids) only"
    )
    ap.add_argument(
        "--show",
        action="store_true",
        help="print each missed gold event, wrong pair and spurious record with its sentence",
    )
    ap.add_argument(
        "--draw",
        type=int,
        metavar="N",
        help="print N records drawn at random from reports the gold does not code",
    )
    ap.add_argument("--seed", type=int, default=12, help="seed of --draw")
    ap.add_argument(
        "--list-places",
        action="store_true",
        help="print the place errors (gold vs predicted place ids and names) only",
    )
    args = ap.parse_args(argv)
    if not args.articles.is_dir():
        print(f"{args.articles}: missing; skipped (the reports live in shared/benchmarks/control)")
        return 0
    if args.draw:
        for k, r in enumerate(draw(args.gold, args.articles, n=args.draw, seed=args.seed), 1):
            print(
                f"{k:2d}. {r['file']} {r['quote_start']}-{r['quote_end']}: {r['side']} "
                f"{r['action']} {r['location']} ({r['place_id']}) "
                f"{r['date_start']}..{r['date_end']} {r['verification']} {r['claimed_by']}"
            )
            print(f"    | {r['sentence']}")
        return 0
    if args.list_places:
        print("\n".join(list_places(args.gold, args.articles)))
        return 0
    if args.check:
        problems = check(args.gold, args.articles)
        for line in problems:
            print(line)
        n = sum(len(f["events"]) for f in load_gold(args.gold)) if not problems else None
        print(
            f"{args.gold.name}: "
            + (f"{len(problems)} problems" if problems else f"sound ({n} events)")
        )
        return 1 if problems else 0
    out = run(args.gold, args.articles, show=args.show)
    _atomic_write(args.out, json.dumps(out, indent=2, sort_keys=True) + "\n")
    o = out["overall"]
    print(
        f"{out['reports']} reports, {o['gold_events']} gold events, {o['predicted']} predicted: "
        f"event recall {o['event_recall']}, precision {o['event_precision']}, "
        f"all fields right {o['all_fields_precision']}"
    )
    for kind, n in out["errors"]:
        print(f"  {n:4d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
