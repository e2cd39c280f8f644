"""Relative clauses: whether an action is the verb of a relative clause or the main verb.

"Izium, which Russia captured in April, was retaken": *captured* is background inside a
relative clause with its own subject; *retaken* is the sentence's news. "that" after a
verb of saying ("said that ...") introduces reported speech, not a relative clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.actions import ActionMatch

__all__ = ["RelativeClause", "relative_clause"]

_RELATIVE = re.compile(r"(?:,\s*|\s)(?P<pro>which|that|whose|who|whom|where)\b")
#: Words after which "that" introduces reported speech, not a relative clause.
_COMPLEMENT_VERB = re.compile(
    r"(?:\b[a-z]+ed|\b(?:said|says|say|told|tell|tells|believes?|think|thinks|thought|warns?|"
    r"claims?|shows?|so|now|such|knows?|knew|means?|hopes?|expects?|estimates?|assess(?:es)?|"
    r"fears?|argues?|insists?|deny|denies|admits?|acknowledges?|hear|heard|see|saw|given|"
    r"ensure|sure|clear|likely|possible|evidence|fact|report|reports|claim|news|signs?|"
    r"indicat(?:e|es)|suggests?|confirms?|demonstrates?|reveals?|proves?|notes?|states?|"
    r"corroborates?|substantiates?|implies|agrees?|asserts?|alleges?|announces?|writes?|wrote|"
    r"statements?|allegations?|assessments?|indications?|rumou?rs?|"
    r"so\s+far))(?:\s+(?:on|in|at|last|this|late|early|earlier|later|also|again|[A-Z][a-z]+day|"
    r"morning|evening|night|afternoon|week|\w+ly|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}))*\s*,?\s*$",
    re.IGNORECASE,
)
#: "told President X on Sunday that ...": a verb of telling, its addressee, then speech.
_TELL_SOMEONE = re.compile(
    r"\b(?:tell|tells|told|telling|inform(?:s|ed)?|assur(?:e|es|ed)|warn(?:s|ed)?|remind(?:s|ed)?|"
    r"reported\s+to|said\s+to)(?:\s+[A-Z][\w.'’-]*){1,4}(?:\s+on\s+[A-Z][a-z]+day|"
    r"\s+(?:late|early)\s+on\s+[A-Z][a-z]+day)?\s*$|"
    r"\b(?:tell|tells|told|telling|assur(?:e|es|ed)|warn(?:s|ed)?|remind(?:s|ed)?)\s+"
    r"(?:them|him|her|us|me|you|reporters|journalists|residents|parliament)\s*$"
)
#: "which Russian sources claimed": a sayer of its own between the pronoun and the speech.
_SAYER = re.compile(
    r"\s+(?:the\s+|[A-Z][\w'’-]*\s+|some\s+|other\s+|they\s+|he\s+|she\s+)"
    r"(?:[\w'’()-]+\s+){0,5}?(?:said|say|says|claimed|claims?|reported|reports?|stated|states?|"
    r"assessed|assesses|announced|confirmed|insisted)\s*$"
)
_AUX_ONLY = re.compile(
    r"^(?:\s+(?:had|has|have|was|were|is|are|been|be|being|already|still|also|now|then|later|"
    r"since|reportedly|allegedly|recently|\w+ly))*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RelativeClause:
    """How an action stands to the relative clause it is in or follows.

    Attributes
    ----------
    inside : bool
        The action is the verb of a relative clause ("Izium, which Russia captured"):
        background to the sentence's news.
    pronoun : str
        ``which``, ``that``, ``whose``, ``who``, ``whom`` or ``where``.
    start, end : int
        Offsets of the relative pronoun (shifted like the action's).
    object_gap : bool
        The antecedent is the verb's object or patient: the clause has its own
        subject ("which Russia captured", "whose airfield paratroopers seized") or
        the verb is passive ("which was captured by ...").
    """

    inside: bool
    pronoun: str
    start: int
    end: int
    object_gap: bool


def relative_clause(
    sentence: str, match: ActionMatch, actions: Sequence[ActionMatch], *, offset: int = 0
) -> RelativeClause | None:
    """Find the relative clause an action belongs to, or the one its subject carries.

    The action is inside the clause when it is the clause's first action (or is
    joined to it by "and"); an action after that closes the clause and is the main
    verb of the noun phrase the pronoun refers back to ("troops who drove the enemy
    away have reached the border": *reached* is the main verb, its subject is
    *troops*). "that" after a verb of saying or a clause-taking noun ("said that",
    "the claim that") introduces reported speech, not a relative clause.

    Parameters
    ----------
    sentence : str
        The sentence text.
    match : ActionMatch
        The action (offsets shifted by ``offset``).
    actions : sequence of ActionMatch
        Every action of the sentence, in text order (same ``offset``).
    offset : int
        The sentence's offset.

    Returns
    -------
    RelativeClause or None
        None when no relative pronoun precedes the action.

    Examples
    --------
    >>> s = "Izium, which Russia captured in April, was retaken."
    >>> from geo.actions import find_actions
    >>> acts = find_actions(s)
    >>> relative_clause(s, acts[0], acts).inside, relative_clause(s, acts[1], acts).inside
    (True, False)
    """
    start = match.start - offset
    pronouns = []
    speech = -1  # where the last reported speech ("said that ...") begins
    for m in _RELATIVE.finditer(sentence[:start]):
        if m.group("pro") == "that" and (
            _COMPLEMENT_VERB.search(sentence[: m.start()])
            or _TELL_SOMEONE.search(sentence[: m.start()])
            or re.search(r"\b(?:and|or|but)\s*$", sentence[: m.start()])  # "... and that"
        ):
            speech = m.start()
        else:
            pronouns.append(m)
    if pronouns and speech > pronouns[-1].start():
        pro = pronouns[-1]
        if pro.group("pro") in {"which", "that"} and _SAYER.match(sentence, pro.end(), speech):
            # "X, which sources claimed that troops captured": the pronoun is the object
            # of the reported verb, the clause is still background about X
            return RelativeClause(
                True, pro.group("pro"), pro.start("pro") + offset, pro.end("pro") + offset, True
            )
        # "X, which indicates that troops took Y": the action is the reported clause's,
        # with a subject of its own, not the relative clause's verb
        return None
    if not pronouns:
        return None
    pro = pronouns[-1]
    between = [a for a in actions if pro.end() <= a.start - offset < start]
    if between and not re.search(
        r"\band\s+(?:\w+ly\s+)?(?:(?:had|has|have|was|were)\s+)?$", sentence[:start]
    ):
        inside = False
    else:
        inside = True
    gap_text = sentence[pro.end() : (between[0].start - offset) if between else start]
    object_gap = pro.group("pro") in {"whose", "whom", "where"} or (
        pro.group("pro") != "who" and not _AUX_ONLY.match(gap_text)
    )
    if match.passive and inside:
        object_gap = True
    return RelativeClause(
        inside, pro.group("pro"), pro.start("pro") + offset, pro.end("pro") + offset, object_gap
    )
