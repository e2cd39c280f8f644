"""Clauses that speak of fighting without reporting any: talk, background, force generation.

:mod:`geo.factuality` reads whether an action's clause states it as a fact (negation,
modality, conditionals, futures, denials). Analysts' reports hold a second kind of clause
that names an action and reports no event at all. A careful coder passes over these:

=================  =====================================================================
reading            the action phrase is ...
=================  =====================================================================
topic              the thing a statement is about: the object of a word of talk
                   ("statements regarding the interdiction campaign", "a map of
                   partisan attacks", "compared the counteroffensives", "the narrative
                   that X took Y", "an assessment of X's positions", "consistent with
                   the control of terrain map"); "sources
                   discussed attacks near X" still reports attacks (claimed)
background         a past happening the clause takes as its time reference ("since the
                   counteroffensive near X", "following the withdrawal from Y", "before
                   the successful counteroffensive in Z") or a later one it waits for
                   ("until Ukrainian forces resume counteroffensives"); "withdrew after
                   unsuccessful attempts to advance" keeps the attempts
commentary         the subject of an analyst's inference or of an outcome ("the strikes
                   have degraded the logistics", "the continued targeting of X
                   indicates that ...", "the successful assault implies that ...")
force generation   mobilisation as a process ("continue to mobilize civilians",
                   "mobilized soldiers", "to escape mobilization"), flight from the draft
                   ("men fleeing mobilization"); only a decision ("announced a partial
                   mobilization") is a strategic development
modal              an item of a hypothetical list ("indicators would include: ...")
=================  =====================================================================

Each rule looks only inside the action's own clause (:func:`geo.factuality.clause_span`)
or, for commentary, at the sentence's subject, so that "X criticised the losses, and troops
captured Y" keeps the capture.
"""

from __future__ import annotations

import re

__all__ = ["non_event"]

#: Words that open a clause of their own: after them the action has a subject and a verb.
_CLAUSE_OPENER = re.compile(
    r"\b(?:that|how|whether|which|who|whom|when|where|if|because|while|as|and|but|or|"
    r"claim\w*|said|says|stated)\b",
    re.IGNORECASE,
)
#: A verb or noun of talk whose object is the thing talked about.
_TALK = re.compile(
    r"\b(?:compar(?:e|es|ed|ing)|"
    r"regarding|concerning|about|criticiz\w+|criticis\w+|criticism\s+of|"
    r"complain\w*\s+(?:of|about)|speculat\w+\s+(?:on|about)|silence\s+(?:on|about|over)|"
    r"maps?\s+(?:\w+\s+){0,3}?of|infographics?\s+of|coverage\s+of|narratives?\s+(?:of|about)|"
    r"anniversary\s+of|"
    r"lessons?\s+(?:of|from)|retrospective\s+of|analys[ie]s\s+of|debat\w+|"
    # an analyst's reading of the ground, not a report of it ("X's assessment of Russian
    # positions is consistent with Y's control of terrain assessment")
    r"assessments?\s+of|consistent\s+with)\b",
    re.IGNORECASE,
)
#: A narrative's content is a side's message, not a report of fighting.
_NARRATIVE = re.compile(r"\bnarratives?\s+(?:that|of|about)\b", re.IGNORECASE)
#: "about" before a number measures ("about 10km"): it names no topic.
_MEASURE = re.compile(r"^\s*(?:\d|a\s+(?:dozen|hundred)|half|twice|one|two|three)", re.IGNORECASE)
#: Time references: the happening after them is not the clause's news.
_SINCE = re.compile(r"\b(?:since|until|till|prior\s+to|ahead\s+of)\b", re.IGNORECASE)
#: "before"/"after"/"following" a definite happening ("after the withdrawal from X",
#: "following its capture"): one the reader already knows, not an event of the report's
#: days; an indefinite one ("withdrew after unsuccessful attempts to advance") is news.
_BEFORE_AFTER = re.compile(
    r"\b(?:before|after|following|in\s+the\s+wake\s+of)\s+"
    r"(?=(?:the|its|their|his|her|this|that|these|those)\b|[A-Z][\w-]*[’']s\b)",
    re.IGNORECASE,
)
#: A subject in a temporal clause ("after Russian forces withdrew"): its verb is an event.
_SUBJECT = re.compile(
    r"\b(?:forces|troops|units?|army|military|they|he|she|it|we|soldiers|fighters|"
    r"servicemen|brigades?|battalions?|regiments?|divisions?|group|Ukraine|Russia|Kyiv|"
    r"Ukrainians|Russians|"
    r"Moscow|[A-Z]{2,})\b"
)
#: Verbs of an analyst's inference whose subject is an action of the report.
_INFERENCE = re.compile(
    r"\b(?:(?:also|likely|further|therefore)\s+)?(?:indicat(?:es|ed|ing)|suggest(?:s|ed)|"
    r"impl(?:ies|ied)|demonstrat(?:es|ed)|reflect(?:s|ed)|highlight(?:s|ed)|"
    r"underscor(?:es|ed)|mean(?:s|t)|signal(?:s|ed|led)|is\s+(?:likely\s+)?(?:part|intended|"
    r"meant|an?\s+(?:effort|attempt))|"
    # an outcome drawn from earlier actions: "the strikes have degraded X's logistics"
    r"(?:ha(?:ve|s)|are|is)\s+(?:\w+ly\s+)?(?:made\s+it|render(?:ed|ing)|degrad(?:ed|ing)|"
    r"disrupt(?:ed|ing)|"
    r"reduc(?:ed|ing)|hamper(?:ed|ing)|undermin(?:ed|ing)|complicat(?:ed|ing)|accomplished|"
    r"achieved|culminated|stalled))\b",
    re.IGNORECASE,
)
#: The action's noun opens the sentence (or a reported clause): "The continued targeting
#: of X ...", "... stated that the strikes on X ...".
_SENTENCE_SUBJECT = re.compile(
    r"(?:^\s*(?:[-•*]\s*)?|\bthat\s+)(?:The|This|These|Such|Recent|[A-Z][\w-]*[’']s)\s+"
    r"(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
_MOBILISE = re.compile(r"\bmobili[sz]", re.IGNORECASE)
#: Acts that make mobilisation a decision, a strategic development of its own.
_DECIDE = re.compile(
    r"\b(?:announc\w+|declar\w+|order(?:s|ed|ing)?|decree\w*|sign(?:s|ed|ing)?|end(?:s|ed)?|"
    r"halt\w*|suspend\w*|"
    r"cancel\w*|complet\w+|(?:began|begun|launch\w*|start\w*)|partial|general|full)\b",
    re.IGNORECASE,
)
#: Flight from the draft ("men fleeing mobilization"): no withdrawal of a force.
_DRAFT_FLIGHT = re.compile(r"\b(?:fle(?:e|es|eing|d)|escap\w+|evad\w+)\b", re.IGNORECASE)
_DRAFT = re.compile(r"\b(?:mobili[sz]\w*|conscription|draft|call-?up|summons\w*)\b", re.IGNORECASE)
#: A list of what would be seen ("indicators would include: ..."): every item hypothetical.
_HYPOTHETICAL_LIST = re.compile(
    r"\b(?:would|could|might|may|will)\s+(?:\w+\s+)?(?:include|be|look\s+like|involve)\s*:",
    re.IGNORECASE,
)


def _nominal_gap(gap: str, *, words: int) -> bool:
    """Whether ``gap`` could be the start of a noun phrase: few words, no clause of its own."""
    return len(gap.split()) <= words and not _CLAUSE_OPENER.search(gap)


def non_event(sentence: str, start: int, end: int, lo: int) -> tuple[str, str] | None:
    """Read whether the action at ``[start, end)`` is talk, background or force generation.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        The action phrase's offsets in the sentence.
    lo : int
        Where the phrase's clause starts (:func:`geo.factuality.clause_span`).

    Returns
    -------
    tuple of str or None
        ``(reading, cue)`` (``"topic"``, ``"background"``, ``"commentary"``,
        ``"force generation"`` or ``"modal"``), or None when the phrase may report an event.

    Examples
    --------
    >>> s = "Officials posted a map of the recent attacks near the town."
    >>> non_event(s, s.index("attacks"), s.index("attacks") + 7, 0)
    ('topic', 'map of')
    >>> s = "Troops attacked the town."
    >>> non_event(s, s.index("attacked"), s.index("attacked") + 8, 0) is None
    True
    """
    before = sentence[lo:start]
    phrase = sentence[start:end]
    if _MOBILISE.search(phrase) and not _DECIDE.search(before + phrase):
        return ("force generation", _MOBILISE.search(phrase).group(0))
    draft = _DRAFT.search(sentence, end)  # "fleeing mobilization", not "mobilized men fled"
    if _DRAFT_FLIGHT.search(phrase) and draft:
        return ("force generation", draft.group(0))
    m = _HYPOTHETICAL_LIST.search(sentence, 0, start)
    if m:
        return ("modal", m.group(0))
    m = _NARRATIVE.search(before)
    if m and len(before[m.end() :].split()) <= 12:
        return ("topic", m.group(0))
    for m in _TALK.finditer(before):
        gap = before[m.end() :]
        if m.group(0).lower() == "about" and _MEASURE.match(gap):
            continue
        if _nominal_gap(gap, words=6):
            return ("topic", m.group(0))
    for m in _SINCE.finditer(before):
        if _nominal_gap(before[m.end() :], words=10):
            return ("background", m.group(0))
    for m in _BEFORE_AFTER.finditer(before):
        gap = before[m.end() :]
        if _nominal_gap(gap, words=4) and not _SUBJECT.search(gap):
            return ("background", m.group(0))
    if _SENTENCE_SUBJECT.search(sentence[:start]):
        m = _INFERENCE.search(sentence, end, end + 120)
        if m and not re.search(r"[,;:]|\b(?:that|and|which)\b", sentence[end : m.start()]):
            return ("commentary", m.group(0))
    return None
