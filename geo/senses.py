"""Names that spell a place but do not name one here: :func:`not_places`.

Two readings of a report's own wording, one sense per report:

* a name standing alone in quotes is a name given to something, a unit, a channel, an
  operation ("the “Kakhovka” channel", "“Vostok”"), not the town it is spelt after;
* a name that the report also writes before an organisation or unit word ("Wagner
  Group", "Akhmat Battalion", "PMC Wagner") is that organisation where it stands bare
  too ("Wagner forces", "Prigozhin and Wagner"), unless a place cue says otherwise or
  it names a city too large to be a mere spelling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gazetteer.model import Place, PlaceKind
from gazetteer.names import normalise
from geo.cues import is_strong
from geo.spans import RecognisedSpan

__all__ = ["not_places"]

#: A city this populous, named bare, is the city even in a report on its namesake unit.
CITY_POPULATION = 100_000
_OPEN = '"“‘«„'
_CLOSE = '"”’»“'
#: Capitalised words after a name that make it an organisation's or a unit's.
_ORG_AFTER = re.compile(
    r"((?:[A-Z][\w’'-]*[ -]){1,3})(?:Group|PMC|Battalion|Brigade|Regiment|Company|Legion|Militia)\b"
)
_ORG_BEFORE = re.compile(r"\bPMC[ -]((?:[A-Z][\w’'-]*)(?: [A-Z][\w’'-]*)?)")


def not_places(
    text: str, found: Sequence[RecognisedSpan], places: Sequence[Place | None]
) -> set[int]:
    """Return the place spans that are no place mention (see the module docstring).

    Parameters
    ----------
    text : str
        The report's text.
    found : sequence of RecognisedSpan
        Its spans.
    places : sequence of Place or None
        Their places.

    Returns
    -------
    set of int
        Their indices.
    """
    orgs = _organisations(text)
    out = set()
    for k, (f, p) in enumerate(zip(found, places, strict=True)):
        if f.kind != "place" or p is None or p.kind is not PlaceKind.SETTLEMENT:
            continue
        named_org = normalise(f.name) in orgs and not is_strong(f.cues)
        if _quoted(text, f.start, f.end) or (named_org and p.population < CITY_POPULATION):
            out.add(k)
    return out


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone between quotes ("“Kakhovka”", not "Kherson’s")."""
    if start < 1 or end >= len(text) or text[start - 1] not in _OPEN or text[end] not in _CLOSE:
        return False
    return not (text[end] in "’'" and text[end + 1 : end + 2].isalpha())


def _organisations(text: str) -> frozenset[str]:
    """Normalised names the text writes before (or after "PMC") an organisation word."""
    names: set[str] = set()
    for m in _ORG_AFTER.finditer(text):
        words = m.group(1).split()
        names.update(normalise(" ".join(words[a:])) for a in range(len(words)))
    for m in _ORG_BEFORE.finditer(text):
        names.add(normalise(m.group(1)))
    names.discard("")
    return frozenset(names)
