"""Lists of places after an action: "assaults near A (5 km north of B), C, and D".

Daily situation reports name several places for one action, each often followed by a
parenthetical or an appositive that locates it ("(12km southwest of X)", ", Luhansk
Oblast", ", about 20km northwest of X"). The places of the list are the action's places;
the places inside the locating phrases are reference points (anchors), not events.

:func:`place_list` takes the mentions after an action (in text order) and returns the
list the action governs: the first mention, then every mention joined to the one before
by a list separator (a comma, "and", "or", a semicolon), optionally repeating the
preposition ("near A and near B") or passing through names the gazetteer lacks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gazetteer.model import PlaceKind
from geo.model import Mention

__all__ = ["is_anchor", "is_reference", "place_list"]

_COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
#: "<compass> of X", "km from X", "outskirts of X": X locates something else.
_ANCHOR_BEFORE = re.compile(
    rf"(?:\b{_COMPASS}\s+of|(?:km|kilometers|kilometres|miles)\s+(?:from|of))\s+(?:the\s+)?"
    # "north of the Beryslav-Nova Kakhovka area": every place of the line locates
    r"(?:[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?\s*[-–]\s*)*$",
    re.IGNORECASE,
)
#: "the Kharkiv-Donetsk Oblast border": two oblasts naming the line between them.
_OBLAST_LINE = re.compile(
    r"(?:\s*-\s*[A-Z][\w'’]*)*(?:\s+[Oo]blasts?)?\s+(?:administrative\s+)?(?:border|boundary)\b"
)
_OBLAST_LINE_BEFORE = re.compile(r"[A-Z][\w'’]*\s*-\s*$")
#: A capitalised name the gazetteer lacks, standing as a list item.
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_PREPOSITION = (
    r"(?:near|in|around|on|at|outside|against|towards?|in\s+the\s+(?:direction|vicinity)\s+of|"
    r"the\s+outskirts\s+of|(?:including|such\s+as))"
)
#: A parenthesis that adds members to a list rather than locating its place.
_INCLUDING = re.compile(r"\(\s*(?:including|such\s+as|notably)\s", re.IGNORECASE)
#: "near A and on the outskirts of B": a conjunction and a phrase of its own open the
#: next item (without the conjunction, "on the outskirts of B" locates A).
_OUTSKIRTS_ITEM = re.compile(
    rf"^\s*(?:,\s*and\s+|,?\s+and\s+)(?:on|in|at)\s+the\s+(?:{_COMPASS}\s+)?"
    r"(?:outskirts|approaches)\s+(?:of|to)\s+(?:the\s+)?$"
)
#: A semicolon and a preposition: the next item of a list of areas.
_NEXT_ITEM = re.compile(rf";\s+(?:and\s+)?{_PREPOSITION}\s+(?:the\s+)?$")
#: What may stand between two items of one list, once locating phrases are removed.
_SEPARATOR = re.compile(
    rf"^\s*(?:,\s*{_NAME}\s*)*(?:(?:,|;|,?\s+and|,?\s+or|;\s+and)\s+)?"
    rf"(?:(?:the\s+)?(?:surrounding|nearby|neighbou?ring|other)\s+(?:settlements|villages|"
    rf"towns|areas|communities)\s*,?\s*|"
    # "A and the (surrounding) settlements of B, C": the names after "of" are settlements
    rf"(?:the\s+)?(?:(?:surrounding|nearby|neighbou?ring|other)\s+)?(?:settlements|villages|"
    rf"towns|cities|hamlets)\s+of\s+)?(?:{_PREPOSITION}\s+)?(?:the\s+)?"
    rf"(?:{_NAME}\s*,\s*(?:(?:and|or)\s+)?)*$"
)
#: The rest of "the A-B line" after its first place ("-\x00 line", " area").
_LINE_REST = re.compile(
    r"^(?:\s*[-–]\s*\x00)+(?:\s+City)?\s+(?:front\s*)?(?:lines?|frontlines?|front|ax[ie]s|"
    r"areas?|sectors?)\b"
)
#: Words that only qualify the place before them ("Bakhmut itself", "Donetsk City").
_QUALIFIER = re.compile(
    r"^\s*(?:itself|City|city|town|village|settlement|[Dd]istrict|[Rr]aion|[Hh]romada)\b"
)
#: A locating phrase after a list item: "about 25km northeast of X" (X made a placeholder).
_LOCATING = re.compile(
    rf",?\s*(?:(?:about|approximately|roughly|some|just|only|within|up\s+to)\s+)?"
    rf"(?:\d+(?:[.,]\d+)?\s*(?:km|kilometers|kilometres|miles)\s+)?(?:{_COMPASS}|from)\s+"
    rf"(?:of\s+)?(?:the\s+)?\x00(?:\s+City)?",
    re.IGNORECASE,
)


def is_anchor(text: str, mention: Mention) -> bool:
    """Whether a mention is the reference point of a locating phrase.

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A place mention in it.

    Returns
    -------
    bool
        True after "<compass> of" or "km from" ("20km northwest of X").

    Examples
    --------
    >>> from geo.model import Mention
    >>> s = "Troops attacked A, about 20km northwest of Bakhmut."
    >>> i = s.index("Bakhmut")
    >>> is_anchor(s, Mention(i, i + 7, "Bakhmut", (), None))
    True
    """
    return _ANCHOR_BEFORE.search(text[max(0, mention.start - 70) : mention.start]) is not None


def is_reference(text: str, mention: Mention, lo: int) -> bool:
    """Whether a mention only locates another place: an anchor or inside parentheses.

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A place mention in it.
    lo : int
        Where the sentence starts (parentheses opened before do not count).

    Returns
    -------
    bool
    """
    return _in_parentheses(text, mention.start, lo) or is_anchor(text, mention)


def _in_parentheses(text: str, start: int, lo: int) -> bool:
    before = text[lo:start]
    return before.count("(") > before.count(")")


def _included(text: str, start: int, lo: int) -> bool:
    """Whether a mention stands in a parenthesis that lists members ("(including X)").

    Such a parenthesis adds places to the list ("in X Oblast (including Y)"); it does
    not locate the place before it.
    """
    opened = text.rfind("(", lo, start)
    return (
        opened >= 0 and ")" not in text[opened:start] and _INCLUDING.match(text, opened) is not None
    )


def _names_oblast_line(text: str, m: Mention) -> bool:
    """Whether the mention is part of "A-B Oblast border" (a line between oblasts)."""
    return bool(
        _OBLAST_LINE.match(text, m.end)
        and (
            _OBLAST_LINE_BEFORE.search(text[max(0, m.start - 30) : m.start])
            or re.match(r"\s*-", text[m.end : m.end + 3])
            or "Oblast" in m.text
        )
    )


def _qualifies(text: str, prev: Mention, m: Mention) -> bool:
    """Whether an oblast right after a settlement only says where it lies ("X, Y Oblast").

    The same for a raion's oblast ("X Raion in Y Oblast").
    """
    return (
        prev.place is not None
        and m.place is not None
        and (
            (
                prev.place.kind is PlaceKind.SETTLEMENT
                and m.place.kind in {PlaceKind.ADMIN1, PlaceKind.ADMIN2}
            )
            or (prev.place.kind is PlaceKind.ADMIN2 and m.place.kind is PlaceKind.ADMIN1)
        )
        # "X, Y Oblast", "X in Y Oblast", "X in northeastern Y Oblast"
        and re.fullmatch(
            rf"(?:\s+[Cc]ity)?\s*,\s*|\s+in\s+(?:(?:{_COMPASS}|central)\s+)?",
            text[prev.end : m.start],
        )
        is not None
    )


def _narrows(area: Mention, m: Mention, between: str) -> bool:
    """Whether a settlement after an area and a preposition says where in the area."""
    return (
        area.place is not None
        and m.place is not None
        and area.place.kind in {PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION}
        and m.place.kind is PlaceKind.SETTLEMENT
        and re.fullmatch(rf"\s*{_PREPOSITION}\s+(?:the\s+)?", between) is not None
    )


def _between(text: str, a: Mention, b: Mention, skipped: Sequence[Mention]) -> str:
    """Return the text between two list items, anchors, parentheticals and locators removed."""
    chars = list(text[a.end : b.start])
    for s in skipped:
        if a.end <= s.start and s.end <= b.start:
            chars[s.start - a.end : s.end - a.end] = ["\x00"] + [""] * (s.end - s.start - 1)
    between = "".join(chars)
    between = _QUALIFIER.sub("", between)
    between = _LINE_REST.sub("", between)  # "north of the A-B line near C": past the line
    # "X (including Y), Z": the parenthesis opens or closes a run of members
    between = re.sub(r"^\s*\)", "", between)
    between = re.sub(r"\(\s*(?:including|such\s+as|notably)\s+(?=[^()]*$)", ", ", between)
    previous = None
    while previous != between:
        previous = between
        between = re.sub(r"\([^()]*\)", "", between)
    between = re.sub(r"[—–][^—–]*[—–]", "", between)
    # "X in (northeastern) Y Oblast and Z" (before "northeastern" reads as locating)
    between = re.sub(
        rf"^\s+in\s+(?:(?:{_COMPASS}|central)\s+)?\x00(?:\s+[Oo]blasts?)?", "", between
    )
    between = _LOCATING.sub("", between)
    between = re.sub(r",\s*\x00(?:\s+[Oo]blasts?)?(?=\s*(?:[,;]|and\b|or\b|$))", "", between)
    between = re.sub(r"\s*\x00(?:\s+City)?\s+itself\b", "", between)
    return between


def place_list(after: Sequence[Mention], text: str, *, lo: int) -> list[Mention]:
    """Return the list of places an action governs among the mentions after it.

    Parameters
    ----------
    after : sequence of Mention
        Mentions after the action, in text order, up to the next action.
    text : str
        The article's text.
    lo : int
        Where the sentence (or the action's stretch) starts: parentheses open before it
        do not count.

    Returns
    -------
    list of Mention
        The list's items; anchors inside locating phrases are left out unless the list
        has no other item.

    Examples
    --------
    >>> from geo.model import Mention
    >>> s = "Troops repelled assaults near A (5km north of B), C, and D."
    >>> ms = [Mention(s.index(n), s.index(n) + 1, n, (), None) for n in "ABCD"]
    >>> [m.text for m in place_list(ms, s, lo=0)]
    ['A', 'C', 'D']
    """
    items = [
        m
        for m in after
        if (not _in_parentheses(text, m.start, lo) or _included(text, m.start, lo))
        and not _names_oblast_line(text, m)
    ]
    if not items:
        return []
    skipped = [m for m in after if m not in items]
    chosen = [items[0]]
    ended = False  # the list ran into a name it does not hold: only "; near X" goes on
    for m in items[1:]:
        if m.start < chosen[-1].end:
            continue  # the same name found twice (a settlement and a feature index)
        if ended:
            if _NEXT_ITEM.search(_between(text, chosen[-1], m, skipped)):
                chosen.append(m)
                ended = False
            else:
                skipped.append(m)
            continue
        if _qualifies(text, chosen[-1], m):
            skipped.append(m)
            continue
        if is_anchor(text, m):
            skipped.append(m)  # "A, about 20km northwest of B": B locates A
            continue
        between = _between(text, chosen[-1], m, skipped)
        if (
            re.fullmatch(r"[-–]", between)
            or _NEXT_ITEM.search(between)
            or _OUTSKIRTS_ITEM.match(between)
        ):
            # "the A-B line": both ends are its places; "...; near B": a semicolon opens
            # the list's next item, whatever located the one before
            chosen.append(m)
            continue
        if not between.strip() or not _SEPARATOR.match(between):
            # "the Kharkiv Shevchenko Plant": one name, not two places
            ended = True
            skipped.append(m)
            continue
        if _narrows(chosen[-1], m, between):
            chosen[-1] = m  # "in northern X Oblast near Y": Y is where it happened
        else:
            chosen.append(m)
    if len(chosen) > 1:
        # "within 30km of X near A and B": X locates the list, it is not an item
        rest = [m for m in chosen[1:] if not is_anchor(text, m)]
        first = chosen[0]
        if is_anchor(text, first) and rest:
            nxt = chosen[1]
            gap = text[first.end : nxt.start]
            names = rf"(?:{_NAME}\s*,\s*(?:(?:and|or)\s+)?)*"
            gap = _LINE_REST.sub("", re.sub(rf"(\s*[-–]\s*){_NAME}", "\\1\x00", gap))
            if re.fullmatch(rf"\s*(?:City\s+)?{_PREPOSITION}\s+(?:the\s+)?{names}", gap):
                chosen = chosen[1:]
    return chosen
