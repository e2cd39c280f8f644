"""How a sentence names a place: the wording that says what a report implies about it.

A control claim reads who holds a place from an event; the sentence's wording around
the place's name says whether the place is the object of the action at all:

- "attacked from X", "assaults from the direction of X": X is where the attack starts,
  held by the attacker (:data:`FROM`);
- "the X-Y area", "the X direction", "along the X axis", "western X", "X Oblast": X
  names a sector of the front or a region, not the ground fought over (:data:`SECTOR`);
- "attacks in the direction of X": X is where the action heads, an attack's objective
  but no strike's target (:data:`HEADING`); "defending in the direction of X" names the
  defender's sector after the place it faces (:data:`SECTOR`);
- "Russian forces counterattacked near X": the attack is the defender striking back, and
  says nothing of who held X before it (see :func:`counterattackers`);
- the name not in the sentence at all: the place came from an alias or a namesake of
  another name (see :func:`named_in`).

The name is found in the sentence with :func:`rapidfuzz.fuzz.partial_ratio_alignment`,
so that spelling variants ("Novoselyvka" for "Novoselivka") still match.
"""

from __future__ import annotations

import functools
import re

from geo.relative import list_head

__all__ = [
    "FROM",
    "HEADING",
    "LEFT",
    "NEAR",
    "SECTOR",
    "TOWARD",
    "counterattackers",
    "governing_cue",
    "named_in",
    "place_role",
    "stated_holder",
]

#: The place is where an action starts from.
FROM = "from"
#: The place names a sector or direction of the front.
SECTOR = "sector"
#: The place is what a side leaves or is driven from ("withdrew from X", "pushed out of X").
LEFT = "left"
#: The place is where a movement goes ("withdrew to X", "retreating into X").
TOWARD = "toward"
#: The place is the heading of the action ("attacks in the direction of X").
HEADING = "heading"
#: The place is named only as near where the action was ("near X", "in the vicinity of X").
NEAR = "near"

#: Words that, just before a place or a list of places, put the action only near them.
_NEAR_CUE = re.compile(
    r"\b(?:near|nearby|close\s+to|around|in\s+the\s+(?:vicinity|areas?)\s+of|"
    r"within\s+(?:a\s+)?\d+\s*(?:km|kilometers|kilometres)(?:[\w\s-]*?\bof)?)\s*$"
)
#: "Russian-occupied X", "the Ukrainian-held town of X": who holds X, said outright.
_HELD_BEFORE = re.compile(
    r"\b([A-Z][a-z]+)[- ](?:occupied|controlled|held)\s+(?:(?:city|town|village|settlement|"
    r"territory)\s+(?:of\s+)?)?$"
)
#: "X (in Russian-controlled territory ...)", "X, occupied by Russian forces".
_HELD_AFTER = re.compile(
    r"^\s*(?:,|\()\s*(?:\w+\s+){0,2}?(?:in|within|under)\s+(?:the\s+)?([A-Z][a-z]+)[- ]"
    r"(?:occupied|controlled|held)\b"
)

#: "counterattack", "counter-attacks", "counterattacked", "counterattacking".
_COUNTERATTACK = re.compile(r"\bcounter-?attack", re.IGNORECASE)
#: A capitalised word (the side's adjective: "Russian", "DNR") before the counterattack.
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")

#: "from X", "out of the X and Y areas": the place, or each of a list, is where it starts.
_BEFORE_FROM = re.compile(
    r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:direction\s+of\s+)?(?:the\s+)?"
    r"(?:[\w’'-]+(?:\s+[\w’'-]+)?\s*(?:,\s*(?:and\s+)?|and\s+))*$"
)
#: A verb or noun of leaving, or of driving or freeing from, right before "from X".
_LEAVING = re.compile(
    r"\b(?:withdr[ae]w\w*|retreat\w*|pull(?:s|ed|ing)?(?:\s+(?:back|out))?|fled|flee\w*|left|"
    r"leav\w+|abandon\w*|evacuat\w+|liberat\w+|freed|free|clear\w*|oust\w*|expel\w*|"
    r"push\w*|driv\w+|drove|forc\w+|dislodg\w+|knock\w*|threw|thrown|beat(?:en)?|exit\w*|"
    r"escap\w+|mov(?:e|es|ed|ing)|redeploy\w*|relocat\w+)"
    r"(?:\s+[\w’'-]+){0,4}?\s+$",
    re.IGNORECASE,
)
#: The place named as what a withdrawal left: "troops from the Kherson withdrawal".
_LEFT_AFTER = re.compile(r"\s*(?:city\s+)?(?:withdrawal|retreat|pull-?out|evacuation)\b")
_BEFORE_TOWARD = re.compile(
    r"\b(?:to|towards?|into)\s+(?:(?:positions?|areas?|lines?)\s+(?:in|near|around|of)\s+)?"
    r"(?:the\s+)?$"
)
_BEFORE_HEADING = re.compile(r"\bin\s+the\s+directions?\s+of\s+(?:the\s+)?$")
#: "Defending (their positions northwest of Y) in the direction of X": the defender's
#: sector, named after the place it faces, not what anybody attacks.
_DEFENDING_HEADING = re.compile(
    r"\bdefend(?:s|ed|ing)?\b(?:\s+(?!(?:against|attack|assault|offensive|counter|advance)\w*)"
    r"[\w’'-]+){0,6}?\s+in\s+the\s+directions?\s+of\s+(?:the\s+)?$"
)
_AFTER_SECTOR = re.compile(
    r"^\s*(?:city\s*)?(?:[-–]\s*[\w’' ]+?\s*)?"
    r"(?:areas?|directions?|ax[ie]s|fronts?|frontlines?|lines? of contact|sectors?|oblasts?|"
    r"regions?|raions?|districts?|microdistricts?|neighbou?rhoods?)\b"
)
#: The first names of a list of sectors: "the X, Y, and Z directions". Read in the
#: sentence's own case: the other items are names ("X and shelled areas", "X and secure
#: rear areas" are no list of sectors).
_AFTER_SECTOR_LIST = re.compile(
    r"^(?:\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?"
    r"(?!(?:surrounding|nearby|adjacent|neighbou?ring|other|rear|border|frontline|front)\b)"
    r"[A-Z][\w’'-]*(?:\s+[\w’'-]+)?\s*?(?:\s+[Cc]ity)?)+"
    r"\s+(?:areas|directions|axes|sectors|fronts)\b"
)
_BEFORE_REGION = re.compile(
    r"\b(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+$"
)
#: "between X and Y": the ground between two places, neither of them.
_BEFORE_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:[\w’'-]+(?:\s+[\w’'-]+){0,3}?\s+and\s+(?:the\s+)?)?$"
)
_AFTER_PAIR = re.compile(r"^\s*(?:city\s*)?[-–]\s*\w")
_BEFORE_PAIR = re.compile(r"\w\s*[-–]\s*$")


#: What precedes a name that only places another one: "(35km west of X", "northeast of X".
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:north|south)?-?(?:east|west)|\b(?:north|south)|\d\s*(?:km|kilomet\w*))\s+"
    r"(?:of|from)\s+(?:the\s+)?$"
)


@functools.lru_cache(maxsize=8192)
def _whole_word(name: str) -> re.Pattern[str]:
    # Compiled once per name: a corpus names more places than re's own cache keeps.
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?![\w])")


def _locate(
    name: str, text: str, min_score: float, *, exact: bool = False
) -> tuple[int, int] | None:
    """Span of the name in the text (lower case), ``None`` when it is not there.

    A whole-word match comes first: a name is often part of a longer one ("Luhanske" in
    "Novoluhanske"), where the fuzzy alignment would find it. With ``exact`` (the report
    is on the place itself, not near it), an occurrence that only places another name
    ("Y (35km west of X)") comes after the others.
    """
    from rapidfuzz import fuzz

    spans = [(m.start(), m.end()) for m in _whole_word(name).finditer(text)]
    if spans:
        # "Y (35km west of X) and ... near X": the first X only places Y
        named = [s for s in spans if not (exact and _REFERENCE_BEFORE.search(text, 0, s[0]))]
        return named[0] if named else spans[0]

    found = fuzz.partial_ratio_alignment(name, text)
    if found is None or found.score < min_score:
        return None
    return found.dest_start, found.dest_end


def named_in(name: str, quote: str | None, *, min_score: float = 80.0) -> bool:
    """Return whether a sentence names a place, allowing for spelling variants.

    Parameters
    ----------
    name : str
        The place's gazetteer name.
    quote : str or None
        The sentence; without one the place counts as named.
    min_score : float, default 80
        Least :func:`rapidfuzz.fuzz.partial_ratio` (0..100) of the name in the sentence.

    Returns
    -------
    bool
    """
    text = " ".join(str(quote or "").split()).lower()
    if not text or not name:
        return True
    return _locate(str(name).lower(), text, min_score) is not None


def place_role(
    name: str, quote: str | None, *, min_score: float = 80.0, exact: bool = False
) -> str:
    """Return how a sentence names a place: the role it gives it, or ``""``.

    Parameters
    ----------
    name : str
        The place's gazetteer name.
    quote : str or None
        The sentence.
    min_score : float, default 80
        See :func:`named_in`.
    exact : bool, default False
        The report is on the place itself, not a point near it: where the name also
        places another one ("Y (35km west of X)"), the other occurrence is judged.

    Returns
    -------
    str
        :data:`FROM` (where an action starts), :data:`LEFT` (what a side leaves),
        :data:`TOWARD` (where a movement goes), :data:`HEADING` (where an action
        heads), :data:`SECTOR` (a stretch of the front);
        ``""`` when the place is named as the object of the action, or not found.

    Examples
    --------
    >>> place_role("Oakbury", "Troops attacked Elmstead from Oakbury.")
    'from'
    >>> place_role("Oakbury", "Troops withdrew from Oakbury.")
    'left'
    >>> place_role("Oakbury", "Fighting continued in the Oakbury-Elmstead area.")
    'sector'
    >>> place_role("Oakbury", "Shelling continued in western Oakbury and Elm oblasts.")
    'sector'
    >>> place_role("Oakbury", "Troops kept the road between Elmstead and Oakbury.", exact=True)
    'sector'
    >>> place_role("Oakbury", "Troops withdrew to Oakbury.")
    'toward'
    >>> place_role("Oakbury", "Troops attacked in the direction of Oakbury.")
    'heading'
    >>> place_role("Oakbury", "Troops attacked Oakbury.")
    ''
    """
    text = " ".join(str(quote or "").split()).lower()
    span = _locate(str(name or "").lower(), text, min_score, exact=exact) if text and name else None
    if span is None:
        return ""
    before, after = text[: span[0]], text[span[1] :]
    cased = " ".join(str(quote or "").split())
    # the sentence's own case where lowering kept its length (it does but for rare letters)
    cased_after = cased[span[1] :] if len(cased) == len(text) else ""
    start_from = _BEFORE_FROM.search(before)
    if start_from:
        if _LEAVING.search(before, 0, start_from.start()) or _LEFT_AFTER.match(after):
            return LEFT
        return FROM
    if (
        _AFTER_SECTOR.search(after)
        or _AFTER_SECTOR_LIST.search(cased_after)
        or _AFTER_PAIR.search(after)
        or _BEFORE_PAIR.search(before)
        or _BEFORE_REGION.search(before)
        # a report only near X ("gains between X and Y") has its point near X already
        or (exact and _BEFORE_BETWEEN.search(before))
    ):
        return SECTOR
    if _BEFORE_TOWARD.search(before):
        return TOWARD
    if _BEFORE_HEADING.search(before):
        return SECTOR if _DEFENDING_HEADING.search(before) else HEADING
    return ""


def governing_cue(
    name: str, quote: str | None, *, min_score: float = 80.0, exact: bool = False
) -> str:
    """Return :data:`NEAR` when a sentence names a place only as near the action.

    The cue ("near", "around", "in the vicinity of", "within 20 km of") may stand before
    a list of places that this one ends ("near Oakbury, Elmstead (5 km east), and
    Ashford"): it governs every name of the list.

    Parameters
    ----------
    name : str
        The place's gazetteer name.
    quote : str or None
        The sentence (its capitals are kept: they mark the names of the list).
    min_score : float, default 80
        See :func:`named_in`.
    exact : bool, default False
        See :func:`place_role`.

    Returns
    -------
    str
        :data:`NEAR`, else ``""`` (the place is the action's object, or not found).

    Examples
    --------
    >>> governing_cue("Elmstead", "Troops repelled assaults near Oakbury and Elmstead.")
    'near'
    >>> governing_cue("Elmstead", "Troops repelled assaults on Elmstead near Oakbury.")
    ''
    """
    text = " ".join(str(quote or "").split())
    span = (
        _locate(str(name or "").lower(), text.lower(), min_score, exact=exact)
        if text and name
        else None
    )
    if span is None:
        return ""
    before = text[: span[0]]
    return NEAR if _NEAR_CUE.search(list_head(before).rstrip().lower()) else ""


def stated_holder(name: str, quote: str | None, *, min_score: float = 80.0) -> str:
    """Return the word that a sentence says holds a place ("Russian-occupied X"), or "".

    Parameters
    ----------
    name : str
        The place's gazetteer name.
    quote : str or None
        The sentence (capitals kept: the holder is a proper adjective).
    min_score : float, default 80
        See :func:`named_in`.

    Returns
    -------
    str
        The adjective or name before "-occupied", "-controlled" or "-held" ("Russian"),
        ``""`` when the sentence does not say.

    Examples
    --------
    >>> stated_holder("Oakbury", "Shelling hit the Northland-occupied town of Oakbury.")
    'Northland'
    >>> stated_holder("Oakbury", "Shelling hit Oakbury (within Northland-controlled ground).")
    'Northland'
    >>> stated_holder("Oakbury", "Shelling hit Oakbury.")
    ''
    """
    text = " ".join(str(quote or "").split())
    span = _locate(str(name or "").lower(), text.lower(), min_score) if text and name else None
    if span is None:
        return ""
    found = _HELD_BEFORE.search(text[: span[0]]) or _HELD_AFTER.search(text[span[1] :])
    return found.group(1) if found else ""


def counterattackers(quote: str | None) -> tuple[str, ...]:
    """Return the capitalised words before a sentence's first counterattack, nearest first.

    The side that counterattacks is named by the nearest of them that is a side's
    adjective or name ("Russian forces counterattacked": ``"Russian"``); the caller
    decides which word names a side.

    Parameters
    ----------
    quote : str or None
        The sentence (capitals kept: the side is a proper adjective).

    Returns
    -------
    tuple of str
        Empty when the sentence tells of no counterattack.

    Examples
    --------
    >>> counterattackers("Northland troops counterattacked near Oakbury.")
    ('Northland',)
    >>> counterattackers("Troops repelled Southland counterattacks near Oakbury.")
    ('Southland', 'Troops')
    >>> counterattackers("Northland troops attacked Oakbury.")
    ()
    """
    text = " ".join(str(quote or "").split())
    found = _COUNTERATTACK.search(text)
    if found is None:
        return ()
    return tuple(reversed(_CAPITALISED.findall(text[: found.start()])))
