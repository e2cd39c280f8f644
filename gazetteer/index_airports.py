"""Airports and air bases (PyPI ``airportsdata``) as index rows of kind FEATURE.

Every airport with a four-letter ICAO code is indexed under its name ("Saki Air Base"),
its name's stem with each common head ("Saki airfield", "Saki air base"), the same
forms over the names of the settlement it is named after (GeoNames spellings: "Saky
air base"), its town's name with a head when the town has no other airport, and its
ICAO code (a loose name).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from gazetteer import names as nm
from gazetteer.distance import great_circle_km
from gazetteer.index_sources import airports_csv
from gazetteer.model import PlaceKind

if TYPE_CHECKING:
    from gazetteer.index_rows import Row

__all__ = ["airport_rows"]

#: Heads a report puts after an airfield's name.
HEADS = ("airport", "air base", "airbase", "airfield", "aerodrome")
#: Words ending an airport's official name, dropped to find its stem.
_TAIL_WORDS = frozenset(
    {"airport", "air", "base", "airbase", "airfield", "aerodrome", "airstrip", "field",
     "international", "intl", "regional", "municipal", "national", "domestic", "heliport",
     "airpark", "strip", "station", "military", "naval", "afb"}
)  # fmt: skip
_ICAO_RE = re.compile(r"[A-Z]{4}")
#: A settlement farther than this from an airport is not the one it is named after.
_NAMESAKE_KM = 30.0
#: At most this many settlement spellings are combined with the heads.
_MAX_SPELLINGS = 4


def _stem(name: str) -> str:
    """Return an airport's name without its trailing generic words ("Saki Air Base": "Saki")."""
    words = name.replace("(", " ").replace(")", " ").split()
    while words and words[-1].casefold().strip(".") in _TAIL_WORDS:
        words.pop()
    return " ".join(words)


def _settlement_names(rows: list[Row]) -> dict[str, list[Row]]:
    """Return the settlement rows by each of their normalised Latin names."""
    out: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.kind is PlaceKind.SETTLEMENT:
            for n in {nm.normalise(x) for x in r.names if not nm.has_cyrillic(x)}:
                out[n].append(r)
    return out


def _namesake_spellings(
    word: str, lat: float, lon: float, by_name: dict[str, list[Row]]
) -> list[str]:
    """Latin spellings of the settlement named ``word`` near (lat, lon), if one is there."""
    near = [
        r
        for r in by_name.get(nm.normalise(word), ())
        if great_circle_km(lat, lon, r.lat, r.lon) <= _NAMESAKE_KM
    ]
    if not near:
        return []
    town = max(near, key=lambda r: r.population)
    keys = set(nm.translit_keys(nm.normalise(word)))
    latin = [
        n
        for n in dict.fromkeys([town.name, *town.names])
        if n and n.isascii() and keys & set(nm.translit_keys(nm.normalise(n)))
    ]
    return latin[:_MAX_SPELLINGS]


def airport_rows(rows: list[Row], progress: Callable[[str], None]) -> list[Row]:
    """Index rows for the airports and air bases of ``airportsdata``.

    Parameters
    ----------
    rows : list of Row
        The rows gathered so far (their settlements give the spellings of the towns
        airports are named after).
    progress : callable
        Receives one line.

    Returns
    -------
    list of Row
        One FEATURE row per airport with an ICAO code, id ``icao:<code>``; empty when
        ``airportsdata`` is not installed.
    """
    from gazetteer.index_rows import Row

    path = airports_csv()
    if path is None:
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        recs = [r for r in csv.DictReader(fh) if _ICAO_RE.fullmatch(r["icao"] or "")]
    per_town: dict[tuple[str, str], int] = defaultdict(int)
    for r in recs:
        per_town[(r["country"], nm.normalise(r["city"]))] += 1
    by_name = _settlement_names(rows)
    out = []
    for r in sorted(recs, key=lambda r: r["icao"]):
        lat, lon = float(r["lat"]), float(r["lon"])
        stems = [_stem(r["name"])]
        stems += _namesake_spellings(stems[0], lat, lon, by_name) if stems[0] else []
        city = r["city"].strip()
        if city and per_town[(r["country"], nm.normalise(city))] == 1:
            stems += [city, *_namesake_spellings(city, lat, lon, by_name)]
        stems = [s for s in dict.fromkeys(stems) if s]
        names = [r["name"], *(f"{s} {h}" for s in stems for h in HEADS)]
        out.append(
            Row(
                id=f"icao:{r['icao']}",
                name=r["name"],
                kind=PlaceKind.FEATURE,
                lat=lat,
                lon=lon,
                country=r["country"],
                names=list(dict.fromkeys(names)),
                loose_names=[r["icao"]],
            )
        )
    progress(f"{len(out)} airports and air bases")
    return out
