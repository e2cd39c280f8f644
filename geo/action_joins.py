"""Two action phrases that report one action, joined into one.

"Ukrainian strikes targeted X" is one strike: the noun names its side, the verb its
target. "repelled Ukrainian forces during an attempted attack on X" is one hold at X:
the attempt is what was repelled.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.actions import ActionMatch

__all__ = ["join_phrases"]

#: A phrase found in a sentence: start, end, the match, and whether it is a weak noun form.
Found = tuple[int, int, "ActionMatch", bool]

#: "Ukrainian strikes targeted X": a strike noun that is the subject of a strike verb.
_NOUN_SUBJECT = re.compile(r"(?i:strikes?|shelling|attacks?|fire)$")
#: "repelled Ukrainian forces during an attempted attack on X": the attempt is what was
#: repelled, and its place the hold's.
_REPELLED_DURING = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,4}?(?:during|in|amid)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
)


def join_phrases(sentence: str, chosen: list[Found]) -> list[Found]:
    """Join two phrases that report one action.

    Parameters
    ----------
    sentence : str
        The sentence.
    chosen : list of Found
        The phrases kept in it, in text order, with sentence-relative offsets.

    Returns
    -------
    list of Found
        A strike noun and the strike verb right after it become one phrase running to
        the verb's end; an attempt right after the verb that repelled it is dropped.

    Examples
    --------
    >>> from geo.actions import find_actions
    >>> [a.text for a in find_actions("Ukrainian strikes targeted the depot.")]
    ['strikes targeted']
    """
    out: list[Found] = []
    for item in chosen:
        if out:
            prev = out[-1]
            gap = sentence[prev[1] : item[0]]
            same_strike = (
                prev[2].action == item[2].action == "strike"
                and _NOUN_SUBJECT.search(prev[2].text)
                and re.fullmatch(r"\s+(?:\w+ly\s+)?", gap)
            )
            repelled = (
                prev[2].action == "hold"
                and item[2].action == "clash"
                and prev[2].agent == "before"
                and not prev[2].failed
                and re.match(r"(?i:repel|repuls|fended|fought|beat)", prev[2].text)
                and _REPELLED_DURING.fullmatch(gap)
            )
            if same_strike:
                joined = replace(prev[2], end=item[1], text=sentence[prev[0] : item[1]])
                out[-1] = (prev[0], item[1], joined, prev[3])
                continue
            if repelled:
                continue
        out.append(item)
    return out
