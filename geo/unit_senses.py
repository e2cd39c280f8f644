"""City names that stand for the first-level unit named like them: :func:`units_in_lists`.

Reports name oblasts bare as often as with their word: "referenda in Kherson, Zaporizhia,
Donetsk, and Luhansk", "the Kherson-Mykolaiv Oblast border". The resolver reads each bare
name on its own, so a list may come out half cities, half oblasts. Two readings of a name
by its neighbours:

* in a plain list ("A, B, and C") where one bare name already reads as a unit although a
  city bears it too (the resolver's "Zaporizhia"), the other names of the list that a unit
  of the same country bears are those units as well, unless the list is said to be of
  cities ("the cities of A and B", "A and B cities") or words its units one by one
  ("Moscow, Kemerovo Oblast, Tyumen": the bare names are cities);
* in a hyphenated pair ("Kherson-Mykolaiv") one of whose names reads as a unit, the other
  is a unit too when one bears its name;
* before an occupation or military administration ("the Kherson Occupation
  Administration"), a bare name that a unit of the city's country bears is the unit the
  administration governs (a city's own is written "Kherson City Military Administration").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gazetteer.model import Place, PlaceKind
from gazetteer.names import same_name
from gazetteer.protocol import GazetteerLike
from geo import recognize_rules as R
from geo.spans import RecognisedSpan

__all__ = ["units_in_lists"]

#: A list said to be of cities, before or after it.
_CITIES_BEFORE = re.compile(r"\b[Cc]it(?:y|ies)(?: of| such as| like| including)?\s*$")
_CITIES_AFTER = re.compile(r"[\"”’]?\s+[Cc]it(?:y|ies)\b")
#: An administration's words after a name: "Occupation Administration", "Military Administration".
_ADMINISTRATION_AFTER = re.compile(
    r" (?:[Oo]ccupation|[Mm]ilitary|[Rr]egional(?: [Ss]tate| [Mm]ilitary)?|[Cc]ivil[- ][Mm]ilitary)"
    r" (?:[Aa]dministration|[Aa]uthorities|[Gg]overnment)\b"
)
#: Candidate score reached only by exact, normalised or transliteration keys.
_CLOSE_STAGE = 0.7


def units_in_lists(
    gaz: GazetteerLike, text: str, found: Sequence[RecognisedSpan], places: list[Place | None]
) -> None:
    """Read the city names of unit lists and pairs as their units (see the module docstring).

    Parameters
    ----------
    gaz : GazetteerLike
        The place index.
    text : str
        The report's text (the spans' offsets index it).
    found : sequence of RecognisedSpan
        The report's spans, in text order.
    places : list of Place or None
        Their places, changed in place.
    """
    if not text:
        return
    for group in _groups(text, found, R.LIST_GAP):
        if len(group) < 2 or not any(_bare_unit(gaz, found[k], places[k]) for k in group):
            continue
        if any(_worded(found[k]) for k in group[:-1]):
            continue  # "Moscow, Kemerovo Oblast, Tyumen": a list that words its units
        before = text[max(0, found[group[0]].start - 30) : found[group[0]].start]
        if _CITIES_BEFORE.search(before) or _CITIES_AFTER.match(text, found[group[-1]].end):
            continue
        _to_units(gaz, found, places, group)
    admins = [k for k, f in enumerate(found) if _ADMINISTRATION_AFTER.match(text, f.end)]
    _to_units(gaz, found, places, admins)
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        if text[a.end : b.start] != "-" or a.kind != "place" or b.kind != "place":
            continue
        if any(q is not None and q.kind is PlaceKind.ADMIN1 for q in places[k : k + 2]):
            _to_units(gaz, found, places, [k, k + 1])


def _groups(text: str, found: Sequence[RecognisedSpan], gap: re.Pattern[str]) -> list[list[int]]:
    """Return the runs of place spans joined by ``gap``."""
    out: list[list[int]] = []
    for k, f in enumerate(found):
        if f.kind != "place":
            continue
        if out and out[-1][-1] == k - 1 and gap.fullmatch(text[found[k - 1].end : f.start]):
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _bare_unit(gaz: GazetteerLike, f: RecognisedSpan, p: Place | None) -> bool:
    """Whether ``f`` is a bare name read as a unit although a city of its country bears it."""
    if p is None or p.kind is not PlaceKind.ADMIN1 or _worded(f):
        return False
    city = gaz.resolve(f.name, kinds=[PlaceKind.SETTLEMENT], country=p.country)
    return city is not None and city.country == p.country and same_name(f.name, city.name)


def _to_units(
    gaz: GazetteerLike, found: Sequence[RecognisedSpan], places: list[Place | None], ks: list[int]
) -> None:
    """Move the settlements among ``ks`` to the same-country unit that bears their name."""
    for k in ks:
        p, f = places[k], found[k]
        if p is None or p.kind is not PlaceKind.SETTLEMENT or _worded(f) or "city" in f.cues:
            continue
        q = gaz.resolve(f.name, kinds=[PlaceKind.ADMIN1], country=p.country)
        if (
            q is not None
            and q.kind is PlaceKind.ADMIN1
            and q.country == p.country
            and any(
                c.id == q.id and c.score >= _CLOSE_STAGE for c in gaz.candidates(f.name, limit=10)
            )
        ):
            places[k] = q


def _worded(f: RecognisedSpan) -> bool:
    """Whether the span carries its own unit or settlement word ("Kharkiv City", "Sumy Oblast")."""
    words = f.text.lower().split()
    return len(words) > 1 and words[-1] in (R.SPAN_CUES | {"city"})
