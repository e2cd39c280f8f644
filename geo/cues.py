"""What a name's surroundings say: cue words before it, and the document's countries.

Cues ("the village of X", "in X", "north of X", a list after a cued name) tell the
recogniser that a capitalised word is a place; the countries the document has named
so far back names that have no cue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from geo import recognize_rules as R
from geo.lookup import PlaceLookup
from geo.spans import RecognisedSpan
from geo.tokens import Document

__all__ = ["cues_before", "document_countries", "is_strong"]


def cues_before(doc: Document, i: int) -> tuple[str, ...]:
    """Cue words just before token ``i``: "village of", "in", "north of".

    A name right after a cued place in a list ("shelled Kupiansk and Izium") shares
    that place's cues.

    Parameters
    ----------
    doc : Document
        The document being read (its ``last_place`` is consulted).
    i : int
        Index of the name's first token.

    Returns
    -------
    tuple of str
    """
    toks, text = doc.toks, doc.text
    cues: list[str] = []
    if i >= 1:
        p = toks[i - 1]
        pl = p.text.lower()
        gap = text[p.end : toks[i].start]
        if gap.strip() == "" and pl in R.PLACE_PREPOSITIONS:
            cues.append(pl)
        elif gap.strip() == "" and pl in R.TERRITORIAL_VERBS:
            cues.append("in")  # the object of a verb of war is a place as surely as after 'in'
        if pl == "of" and i >= 2:
            q = toks[i - 2]
            ql = q.text.lower()
            if ql in R.SETTLEMENT_CUES:
                cues.append(ql)
            elif ql in R.DIRECTIONS or ql.replace("-", "") in R.DIRECTIONS:
                cues.append(f"{ql} of")
            elif ql in ("outskirts", "edge", "centre", "center", "heart", "suburbs"):
                cues.append("near")
        elif pl in R.SETTLEMENT_CUES and not p.cap and gap == " ":
            # "the capital Kyiv", "the city Mariupol"
            cues.append(pl)
    end, listed = doc.last_place
    if not cues and listed and end >= 0 and _LIST_GAP.fullmatch(text[end : toks[i].start]):
        cues.extend(listed)  # "shelled Kupiansk and Izium": the list shares its first cue
    return tuple(cues)


_LIST_GAP = re.compile(r",?\s+(?:and|or)\s+|,\s+")


_STRONG = frozenset(
    {
        "village",
        "city",
        "town",
        "settlement",
        "hamlet",
        "capital",
        "suburb",
        "region",
        "oblast",
        "province",
        "district",
        "municipality",
        "community",
        "near",
        "in",
        "outside",
        "from",
        "to",
        "into",
        "around",
        "towards",
        "toward",
        "between",
    }
)


def is_strong(cues: Sequence[str]) -> bool:
    """Whether the cues say "place" clearly ("village", "in", "north of", ...).

    Parameters
    ----------
    cues : sequence of str
        A name's cues.

    Returns
    -------
    bool
    """
    return any(c in _STRONG or c.endswith(" of") for c in cues)


def document_countries(lk: PlaceLookup, found: list[RecognisedSpan]) -> list[str]:
    """Return the document's countries so far (demonyms, exact names), most frequent first.

    Parameters
    ----------
    lk : PlaceLookup
        The look-up caches.
    found : list of RecognisedSpan
        The spans found so far.

    Returns
    -------
    list of str
        Up to three ISO2 codes.
    """
    c: Counter[str] = Counter()
    for f in found:
        if f.kind == "demonym":
            c.update(f.countries)
        elif f.kind == "place" and not f.fuzzy:
            top = lk.top(f.name)
            if (
                top is not None
                and top.country
                and (top.kind in R.BIG_KINDS or top.population >= 50_000)
            ):
                c[top.country] += 1
    return [cc for cc, _ in c.most_common(3)]
