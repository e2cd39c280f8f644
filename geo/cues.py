"""What a name's surroundings say: cue words before it, and the document's countries.

Cues ("the village of X", "in X", "north of X", a list after a cued name) tell the
recogniser that a capitalised word is a place; the countries the document has named
so far back names that have no cue. Two cues say "a river or a sea, not a town": the
definite article before a bare name ("across the Dnipro", cue ``"the"``) and a river
noun after it or after the list it opens ("the Dnipro river", "the Inhulets and Dnipro
rivers", cue ``"river"``).
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


#: Plural settlement nouns before "of" and the cue each name after them takes.
_PLURAL_CUES = {
    "villages": "village",
    "towns": "town",
    "cities": "city",
    "settlements": "settlement",
    "hamlets": "hamlet",
}


def cues_before(doc: Document, i: int) -> tuple[str, ...]:
    """Cue words just before token ``i``: "village of", "in", "north of".

    A name right after a cued place in a list ("shelled Kupiansk and Izium") shares
    that place's cues. After "capital of" the name is the unit the capital serves: the
    one cue ``"region"``.

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
    start = toks[i].start
    if _CAPITAL_OF.search(text, max(0, start - 60), start):
        # "the capital of X", "the administrative capital for occupied X": X is the unit
        # a capital serves (an oblast, a country), not a town
        return ("region",)
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
            if ql == "out" and text[q.end : p.start] == " ":
                cues.append("from")  # "pushed them out of X": a place as after 'from'
            elif ql in R.SETTLEMENT_CUES:
                cues.append(ql)
            elif ql in _PLURAL_CUES:
                cues.append(_PLURAL_CUES[ql])  # "the villages of X and Y": each a village
            elif ql in R.DIRECTIONS or ql.replace("-", "") in R.DIRECTIONS:
                cues.append(f"{ql} of")
            elif ql in ("outskirts", "edge", "centre", "center", "heart", "suburbs"):
                cues.append("near")
            elif ql in R.TERRITORIAL_NOUNS and text[q.end : p.start] == " ":
                cues.append("in")  # "took control of X", "the fall of X": X is ground
        elif pl == "over" and i >= 2 and toks[i - 2].text.lower() == "control":
            cues.append("in")  # "established control over X"
        elif pl in R.SETTLEMENT_CUES and not p.cap and gap == " ":
            # "the capital Kyiv", "the city Mariupol"
            cues.append(pl)
    end, listed = doc.last_place
    if not cues and listed and end >= 0 and _LIST_GAP.fullmatch(text[end : toks[i].start]):
        # "shelled Kupiansk and Izium": the list shares its first cue, not a feature head
        # of its own ("the Vuhlehirska Power Plant, Kodema, and Vershyna": two villages)
        cues.extend(c for c in listed if c not in R.FEATURE_HEADS and c not in _BUILT_HEADS)
    cues.extend(_water_cues(doc, i))
    return tuple(dict.fromkeys(cues))


_LIST_GAP = re.compile(r",?\s+(?:and|or)\s+|,\s+")
#: "capital of", "capital city for", with an article or a "Russian-occupied" between.
_CAPITAL_OF = re.compile(
    r"\bcapital\s+(?:city\s+)?(?:of|for)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][a-z]+[- ])?(?:occupied|controlled|held)\s+)?\Z"
)
#: Words that may follow a river or a sea named with the definite article ("across the
#: Dnipro near Kherson"); a noun there makes the name an attribute ("the Kharkiv direction").
_AFTER_THE = frozenset(
    """and or after near in into to from at on by between will would could may might is was
    are were has had have since until toward towards which that as for with without but while
    where because under over through along around before""".split()
)
_RIVER_WORDS = frozenset({"river", "rivers"})
#: Plural unit words closing a list of names: each name is the unit, not its city.
_UNITS_AFTER = frozenset({"oblasts", "regions", "provinces", "krais", "republics"})
#: A self-styled republic named after its oblast: the name is the oblast, not its city.
_REPUBLIC = re.compile(r"[ -]People[’']?s[ -]Republic\b")
#: Built features named after the town before them ("Zaporizhzhia Nuclear Power Plant"),
#: with the words that may stand between the name and the head.
BUILT_AFTER = {"plant": "plant", "npp": "plant", "hpp": "plant", "tpp": "plant",
               "dam": "dam", "bridge": "bridge", "airport": "airport", "airfield": "airfield",
               "port": "port", "seaport": "port"}  # fmt: skip
_BUILT_MODIFIERS = frozenset(
    """nuclear power hydroelectric thermal steel chemical coke metallurgical iron
    railway rail road sea river international military""".split()
)
_BUILT_HEADS = frozenset(BUILT_AFTER.values())
#: Capitalised words after a name that make "the X ..." a town or a unit, not a river.
_TOWN_WORDS = R.PROPER_SUFFIXES | {"city", "town", "village", "municipality", "hromada"}


def _built_after(doc: Document, i: int) -> list[str]:
    """Return the head of a built feature named by the name at token ``i`` and what follows."""
    toks, text = doc.toks, doc.text
    for j in range(i + 1, min(i + 7, len(toks))):
        if text[toks[j - 1].end : toks[j].start] not in (" ", "-"):
            return []
        w = toks[j].text.lower()
        if w in BUILT_AFTER:
            return [BUILT_AFTER[w]]
        if w not in _BUILT_MODIFIERS and not toks[j].cap:
            return []
    return []


def _water_cues(doc: Document, i: int) -> list[str]:
    """Return the cues of the words around a name: rivers, units, built features, people.

    ``"river"`` when a river noun follows the name (or its list), ``"the"`` after "the",
    ``"region"`` before a plural unit word ("Kherson and Zaporizhia oblasts") or
    "People's Republic" ("Donetsk People's Republic"), the head
    of a built feature after it ("plant"), ``"person"`` between a title and a surname.

    "The Dnipro", "the Inhulets" name rivers; towns take no article. The article counts
    only when the name is not an attribute of a following noun ("the Bakhmut direction").
    """
    toks, text = doc.toks, doc.text
    n = len(toks)
    k = i + 1
    while k < n and toks[k].cap and text[toks[k - 1].end : toks[k].start] in (" ", "-"):
        k += 1  # the rest of the name
    out: list[str] = []
    j = k
    for _ in range(8):  # "the Siverskyi Donets, Oskil, and Inhulets rivers"
        if j >= n or text[toks[j - 1].end : toks[j].start].strip(" ,") != "":
            break
        w = toks[j].text.lower()
        if w in _RIVER_WORDS:
            out.append("river")
            break
        if w in _UNITS_AFTER:  # "Donetsk, Luhansk, and Kherson oblasts"
            out.append("region")
            break
        if not (toks[j].cap or w in ("and", "or")):
            break
        j += 1
    if any(_REPUBLIC.match(text, toks[m].end) for m in range(i, k)):
        out.append("region")  # the "Donetsk People's Republic" claims the oblast, not the city
    out.extend(_built_after(doc, i))
    titled = i >= 1 and i + 1 < n and toks[i - 1].text.lower() in R.PERSON_TITLES
    if titled and toks[i + 1].cap and text[toks[i].end : toks[i + 1].start] == " ":
        out.append("person")  # "President Vladimir Putin"
    article = i >= 1 and toks[i - 1].text.lower() == "the"
    if article and text[toks[i - 1].end : toks[i].start] == " ":
        if any(toks[m].text.lower() in _TOWN_WORDS for m in range(i + 1, k)):
            return out  # "the Dnipro City district"
        gap = text[toks[k - 1].end : toks[k].start] if k < n else "."
        if k >= n or gap.strip() or toks[k].text.lower() in _AFTER_THE | _RIVER_WORDS:
            out.append("the")
    return out


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
