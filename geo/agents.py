"""Who did it: the agent and the patient of an action phrase among a sentence's actors."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.actions import ActionMatch
from geo.actors import Actor
from geo.clauses import RelativeClause

__all__ = ["agent_and_patient"]

_OBJECT_BEFORE = re.compile(
    r"\b(?:against|on|at|with|near|toward|towards|into|of|from|targeting|targeted|struck|hit|"
    r"shelled|repelled|attacked|pushed|pushing|drove|driving|ousted|ousting|"
    r"expelled|expelling|dislodged|dislodging|encircled|surrounded|defeated|routed|ambushed)"
    r"\s+(?:(?:the|a|an|some|several|remaining|retreating)\s+)?$",
    re.IGNORECASE,
)
#: A verb or infinitive between an actor and a relative pronoun: the actor is not its
#: antecedent.
_OWN_VERB = re.compile(
    r"\b(?:to|that|is|are|was|were|has|have|had|said|says|stated|claimed|reported)\b",
    re.IGNORECASE,
)
#: "by" right before a gerund: the means of the clause's main verb.
_BY_MEANS = re.compile(r"\bby\s+$", re.IGNORECASE)
#: Before a noun action: more of the one named before ("further strikes", "more attacks").
_MORE_OF_THE_SAME = re.compile(r"\b(?:further|additional|more|subsequent)\s+$", re.IGNORECASE)
#: Where a reported clause starts ("claimed that ..."): its subject follows.
_CLAUSE_HEAD = re.compile(r"\b(?:that|;)\s+", re.IGNORECASE)
_PARTICIPIAL_OPENER = re.compile(
    r"^\s*(?:after|before|since|while|when|having|following|upon|on|by|despite)?\s*"
    r"(?:\w+ly\s+)?\w+ing\b[^,]*,",
    re.IGNORECASE,
)


def agent_and_patient(
    match: ActionMatch,
    actors: Sequence[Actor],
    sentence: str,
    *,
    offset: int = 0,
    previous: Actor | None = None,
    clause: RelativeClause | None = None,
) -> tuple[Actor | None, Actor | None]:
    """Pick the actor doing the action and the one it is done to.

    Parameters
    ----------
    match : ActionMatch
        The action.
    actors : sequence of Actor
        The actors of the same sentence (same ``offset``), in text order.
    sentence : str
        The sentence text.
    offset : int
        The sentence's offset (as given to :func:`find_actions`).
    previous : Actor, optional
        Agent of the sentence's previous action: a trailing participle
        ("..., liberating X") shares it.
    clause : RelativeClause, optional
        From :func:`relative_clause`: inside a clause with its own subject the agent
        is that subject ("which Russia captured"); a "who" clause's verb and the main
        verb after a relative clause take the noun phrase before the pronoun.

    Returns
    -------
    tuple of (Actor or None, Actor or None)
        ``(agent, patient)``.

    Examples
    --------
    >>> from geo.actors import find_actors
    >>> s = "After withdrawing from the capital, Russia attacked the east."
    >>> from geo.actions import find_actions
    >>> a = find_actions(s)[0]
    >>> agent, _ = agent_and_patient(a, find_actors(s), s)
    >>> agent.side
    'RU'
    """
    # equipment acts only in strikes ("aircraft struck"); otherwise it is a loss's owner
    fighting = [
        a
        for a in actors
        if a.kind != "equipment" or match.agent == "equipment" or match.action == "strike"
    ]
    before = [a for a in fighting if a.end <= match.start]
    after = [a for a in fighting if a.start >= match.end]
    inside = [a for a in actors if a.start >= match.start and a.end <= match.end]
    agent: Actor | None = None
    patient: Actor | None = None
    if match.agent == "inside":
        agent = inside[0] if inside else _demonym_actor(match)
    elif match.agent == "after":
        agent = after[0] if after else None
        patient = before[-1] if before else None
    elif match.agent == "equipment":
        owners = [a for a in actors if a.kind in {"equipment", "weapon"}]
        shot = [a for a in owners if a.start >= match.end] if match.action == "strike" else []
        if shot:
            agent = shot[0]  # "air defences shot down Russian missiles": the missiles' owner
        elif match.action == "strike" and _shot_owner(sentence, match.end - offset, match):
            agent = _shot_owner(sentence, match.end - offset, match)
        elif match.action == "strike":
            # "air defences intercepted rockets": the interceptor is not the striker
            owners = [a for a in owners if a.start >= match.start]
            agent = owners[0] if owners else None
        else:
            agent = min(owners, key=lambda a: abs(a.start - match.start)) if owners else None
    elif match.agent == "against":
        patient = after[0] if after else None
    elif (
        match.agent == "before"
        and clause is not None
        and (not clause.inside or clause.pronoun == "who")
    ):
        # the subject is the noun phrase the relative pronoun refers back to, unless a
        # clause inside it has a subject of its own ("who served in X before Ukrainian
        # forces liberated it")
        head = [a for a in fighting if a.end <= clause.start]
        agent = head[-1] if head else None
        own = [a for a in before if a.start >= clause.start]
        if own and _SUBJECT_GAP.fullmatch(sentence[own[-1].end - offset : match.start - offset]):
            agent = None if own[-1].kind == "pronoun" else own[-1]
        gap = sentence[agent.end - offset : clause.start - offset] if agent else ""
        if agent is not None and (
            _OWN_VERB.search(gap) or (agent.kind == "pronoun" and re.search(r"\w", gap))
        ):
            # "X said they seek the men who attacked Y": the relative pronoun's antecedent
            # is the noun before it ("the men"), not an actor of an earlier clause (a
            # personal pronoun takes no modifier that could stand between)
            agent = None
        rest = [a for a in after if agent is None or a.side != agent.side]
        patient = rest[0] if rest else None
    elif match.agent == "before" and clause is not None and clause.object_gap:
        own = [a for a in fighting if clause.end <= a.start and a.end <= match.start]
        agent = own[-1] if own else None
    elif match.agent == "before":
        opener = _PARTICIPIAL_OPENER.match(sentence)
        trailing = re.search(r",\s*(?:\w+ly\s+)?$", sentence[: match.start - offset])
        if previous is not None and trailing and match.text.split()[0].endswith("ing"):
            agent = previous
        elif opener and match.end - offset <= opener.end():
            tail = [a for a in fighting if a.start - offset >= opener.end()]
            agent = tail[0] if tail else None
        elif match.text.split()[0].endswith("ing") and _BY_MEANS.search(
            sentence[: match.start - offset]
        ):
            # "X avenged Y's attacks by striking Z": the means shares the clause's subject,
            # not the actor named in its object
            clause_start = max(
                (m.end() for m in _CLAUSE_HEAD.finditer(sentence[: match.start - offset])),
                default=0,
            )
            own = [
                a
                for a in before
                if a.start - offset >= clause_start
                and not _OBJECT_BEFORE.search(sentence[: a.start - offset])
            ]
            agent = own[0] if own else (before[-1] if before else None)
        elif match.text.split()[0].endswith("ing") and _reduced_relative(
            sentence, before, match, offset
        ):
            # "shelling on Ukrainian units advancing in X": the noun before the participle
            agent = before[-1]
        else:
            # an actor after a preposition is an object ("strikes against Ukrainian positions")
            subjects = [
                a for a in before if not _OBJECT_BEFORE.search(sentence[: a.start - offset])
            ] or before
            agent = subjects[-1] if subjects else None
            if agent is not None and _both_sides(sentence, agent, offset):
                agent = None  # "Russian and Ukrainian forces continued ...": fighting, no side
            if agent is not None and not agent.side and len(before) > 1:
                # "Russian troops and their separatist allies": the named side leads
                lead = before[-2]
                joined = sentence[lead.end - offset : agent.start - offset]
                if lead.side and re.fullmatch(r"\s+and\s+(?:their|its)?\s*", joined):
                    agent = lead
        rest = [a for a in after if agent is None or a.side != agent.side]
        patient = rest[0] if rest else None
    if agent is None and match.agent == "before":
        # "Ukrainian officials confirmed striking X": the speaker's side did it
        agent = _speaker_as_agent(sentence, match, offset)
    if (
        previous is not None
        and match.agent == "before"
        and re.match(r"[a-z]", match.text)
        and _MORE_OF_THE_SAME.search(sentence[: match.start - offset])
    ):
        # "Ukrainian strikes destroyed X, and further strikes against Y ...": the same
        # side's strikes go on, whoever was named in between
        agent = previous
    if match.agent == "before" and (
        match.action in _NOUN_SIDED or (match.action in _NOUN_RESIDED and agent is not None)
    ):
        # "a Ukrainian strike on X", "Russian shelling of X", "captured X after a Ukrainian
        # withdrawal": the adjective names the side (a change of hands named by its noun
        # alone is most often discussed, not reported: it makes no event of its own)
        own = _adjective_side(sentence, match.start - offset, match)
        if own is not None:
            agent = own
    if patient is None and agent is not None:
        others = [a for a in fighting if a.side and a.side != agent.side]
        patient = others[0] if others else None
    if patient is not None and patient.kind == "government":
        patient = None  # a ministry or seat of government speaks; it is not fought
    return agent, patient


#: Between a clause's subject and its verb: nothing but an adverb or an auxiliary.
_SUBJECT_GAP = re.compile(r"\s+(?:(?:\w+ly|had|have|has|had\s+been|were|was)\s+)*")

#: Actions whose noun a demonym may qualify to name the side that acts; and those whose
#: noun's demonym only corrects the side of an actor named in the sentence.
_NOUN_SIDED = frozenset({"strike", "clash", "advance"})
_NOUN_RESIDED = frozenset({"withdraw", "capture", "liberate"})

#: A gerund right after a verb of saying is the speaker's own act ("admitted losing").
_SPEAKER_GERUND = re.compile(
    r"\b(?:confirm|claim|admit|acknowledg|report|announc|recount|describ)\w*"
    r"(?:\s+\w+ly)?\s+$",
    re.IGNORECASE,
)


def _speaker_as_agent(sentence: str, match: ActionMatch, offset: int) -> Actor | None:
    """Return the side of a speaker whose own act is the gerund after the verb of saying."""
    from geo.actors import actor_name
    from geo.attribution import speaker_side

    start = match.start - offset
    verb = _SPEAKER_GERUND.search(sentence[:start])
    if verb is None or not match.text.split()[0].lower().endswith("ing"):
        return None
    head = re.split(r"[,;:]|\bthat\b", sentence[: verb.start()])[-1]
    side = speaker_side(head)
    if not side:
        return None
    return Actor(actor_name(side), side, head.strip(), match.start, match.end, "state")


def _demonym_actor(match: ActionMatch) -> Actor | None:
    """Return the side named inside a phrase ("Russian-held", "in Ukrainian hands")."""
    from geo.actors import actor_name, country_code

    for word in re.findall(r"[A-Z][\w'’]+", match.text):
        code = country_code(word)
        if code:
            return Actor(actor_name(code), code, match.text, match.start, match.end, "state")
    return None


def _adjective_side(sentence: str, start: int, match: ActionMatch) -> Actor | None:
    """Return the side of a demonym right before a noun action ("Ukrainian strikes")."""
    from geo.actors import actor_name, country_code

    word = re.search(
        r"([A-Z][\w'’]+)\s+(?:(?:air|artillery|missile|drone|rocket|HIMARS)\s+)?$", sentence[:start]
    )
    if word is None or not re.match(r"[a-z]", match.text):
        return None
    code = country_code(word.group(1))
    if not code:
        return None
    return Actor(actor_name(code), code, word.group(0), match.start, match.end, "state")


def _reduced_relative(
    sentence: str, before: Sequence[Actor], match: ActionMatch, offset: int
) -> bool:
    """Whether a participle follows its actor directly ("Ukrainian units advancing")."""
    if not before:
        return False
    gap = sentence[before[-1].end - offset : match.start - offset]
    return gap.strip() == "" and before[-1].kind not in {"equipment", "weapon", "country"}


def _shot_owner(sentence: str, end: int, match: ActionMatch) -> Actor | None:
    """Return the side named before the projectiles shot down ("four Russian Kh-59 missiles")."""
    from geo.actors import actor_name, country_code

    m = re.match(
        r"\s+(?:[\w'’-]+\s+){0,3}?([A-Z][\w'’]+)\s+(?:[\w'’-]+\s+){0,3}?"
        r"(?:missiles?|drones?|UAVs?|rockets?|Shaheds?|projectiles)\b",
        sentence[end:],
    )
    code = country_code(m.group(1)) if m else None
    if not code:
        return None
    return Actor(actor_name(code), code, m.group(1), match.start, match.end, "weapon")


def _both_sides(sentence: str, agent: Actor, offset: int) -> bool:
    """Whether the agent is joined to the other side ("Russian and Ukrainian forces")."""
    from geo.actors import country_index

    joined = re.search(r"\b([A-Z][\w'’]+)\s+and\s+$", sentence[: agent.start - offset])
    if joined is None or not agent.side:
        return False
    # a demonym used as an adjective, not a country named as the object of a verb
    code = country_index().demonyms.get(joined.group(1).lower())
    return bool(code) and code != agent.side
