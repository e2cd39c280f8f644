"""What happened: action phrases in a sentence, who did it, and their ACLED types.

Each pattern is a lemma-like regular expression over the verb's tenses (and a few
nouns) with the position of its agent: ``before`` (active voice, the subject),
``after`` (passive "was captured by X", "fell to X", "came under control of X"),
or ``inside`` ("Russian-held", "under Ukrainian control"). Passive forms of a push
("were driven back", "being pushed out") are withdrawals of the subject.

Entries ("entered X", "broke into X", "moved into X", "pressing from X toward Y") are
advances; "took back" and "cleared of <enemy>" liberations; "X fell" a capture by the
side opposed to X's country (agent ``"place"``); "left X" a withdrawal. A past
participle followed by "by" is a reduced passive ("territory held by Russian forces").
:func:`geo.clauses.relative_clause` tells whether an action is the verb of a relative clause (a
background event with a subject of its own) or the main verb after one.

Matches are dropped when the verb is hypothetical or negated: after a modal
("could take", or a modal earlier in the same clause: "could try to push south and
meet units advancing"), an intention ("sought to", "promised to", "an offensive to"),
a contrast ("rather than a real withdrawal"), a risk ("at risk of being surrounded"), a
negation ("did not capture"), or when a past participle is used as an adjective
after an article ("the bombed city"). A change of hands named by its noun is dropped as
the subject of a prospect ("the fall of X would open the road", "the fall of X is
imminent") or as what is awaited ("waiting for the fall of X"); "the fall of X to
Ukrainian forces" names its taker after "to". Noun forms ("fighting", "battle",
"offensive") are weak: they count only when the sentence has no verb action, and
not when announced as a prospect ("likely to be a long battle", "fears of an
offensive").

ACLED mapping (``event_type`` / ``sub_event_type``):

=========  ==========================================================================
action     ACLED event type / sub-event type
=========  ==========================================================================
capture    Battles / Non-state actor overtakes territory (non-state agent);
           Battles / Government regains territory (state agent in its own country);
           Battles / Armed clash (a state's forces taking foreign territory: ACLED
           codes invasions' territorial gains as armed clashes)
liberate   Battles / Government regains territory (state agent);
           Battles / Non-state actor overtakes territory (non-state agent)
advance    Battles / Armed clash (advances are made by fighting)
clash      Battles / Armed clash
strike     Explosions/Remote violence / Shelling/artillery/missile attack;
           Explosions/Remote violence / Air/drone strike (air or drone strikes)
loss       Battles / Armed clash (equipment destroyed in combat)
withdraw   Strategic developments / Non-violent transfer of territory
hold       Strategic developments / Other (control of an area, no change)
reach      Strategic developments / Other (forces arrive at a line or place)
strategic  Strategic developments / Other (alliances, sanctions, talks: context)
=========  ==========================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.action_joins import join_phrases
from geo.action_patterns import PATTERNS

__all__ = [
    "ACLED_TYPES",
    "ActionMatch",
    "acled_types",
    "find_actions",
]

#: Default ACLED (event_type, sub_event_type) of each action; see :func:`acled_types`.
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "capture": ("Battles", "Armed clash"),
    "liberate": ("Battles", "Government regains territory"),
    "advance": ("Battles", "Armed clash"),
    "clash": ("Battles", "Armed clash"),
    "strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "loss": ("Battles", "Armed clash"),
    "withdraw": ("Strategic developments", "Non-violent transfer of territory"),
    "hold": ("Strategic developments", "Other"),
    "reach": ("Strategic developments", "Other"),
    "strategic": ("Strategic developments", "Other"),
}

_COMPILED = tuple(
    (action, re.compile(pattern), agent, strength, weak)
    for action, pattern, agent, strength, weak in PATTERNS
)

_EQUIPMENT_NEAR = re.compile(
    r"\b(?:helicopters?|tanks?|jets?|aircraft|planes?|warships?|ships?|vessels?|drones?|"
    r"vehicles?|convoys?|column|artillery|missile\s+systems?|air\s+defen[cs]e|"
    r"armou?red|howitzers?|launchers?|cruiser|flagship|submarine)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:would|could|might|may|will|shall|should|must|can|cannot|can't|won't|wouldn't|"
    r"couldn't)\s+(?:\w+ly\s+|not\s+|never\s+|be\s+|have\s+)*$",
    re.IGNORECASE,
)
_INTENT = re.compile(
    r"\b(?:sought|seek(?:s|ing)?|tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?|plan(?:s|ned|ning)?|"
    r"aim(?:s|ed|ing)?|intend(?:s|ed|ing)?|want(?:s|ed|ing)?|offensive|goal|fail(?:s|ed|ing)?|"
    r"bid|promis(?:e|es|ed|ing)|threat(?:en|ens|ened|ening)?|hop(?:e|es|ed|ing)|vow(?:s|ed|ing)?|"
    r"order(?:s|ed)?|expect(?:s|ed|ing)?|unable|impossible|possible|ready|prepar(?:e|es|ed|ing)|"
    r"need(?:s|ed)?|likely|going|about|(?<!\bwas\s)(?<!\bwere\s)able|effort|mission|operation|push|chance|opportunity|"
    r"ability|capacity|time)"
    r"\s+(?:\w+\s+)?to\s+[\"'“‘]?$",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|n't|no\s+longer|yet\s+to|without)\s+(?:\w+ly\s+|been\s+|be\s+|yet\s+)*$",
    re.IGNORECASE,
)
_PROSPECT = re.compile(
    r"\b(?:likely|unlikely|will|would|could|may|might|expect\w*|looking\s+at|prospect\w*|"
    r"risk\w*|fear\w*|possible|potential|threat\w*|warn\w*|prepar\w*|brac\w*|announc\w*|"
    r"imminent|upcoming|coming|close\s+to|verge)\b",
    re.IGNORECASE,
)
_ADJECTIVAL = re.compile(
    r"\b(?:the|a|an|its|their|his|her|this|that|these|those|in|into|from|across|throughout|"
    r"within|of|other|several|many|some|all|both|few|numerous|various|newly)\s+$",
    re.IGNORECASE,
)
_PASSIVE_AUX = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_NOT_TERRITORIAL = re.compile(
    r"^\s+(?:an?\s+|the\s+)?(?:agreement|deal|consensus|compromise|decision|conclusion|"
    r"talks?|meeting|press|elections?|referendum|out|for\s+comment|by\s+phone|a\s+record|"
    r"(?:\w+\s+)?(?:exercises|drills|manoeuvres|maneuvers|parade|ceremony|rally|conference|"
    r"briefing|funeral|vote|consultations|hearing|summit)|"
    r"power|office|responsibility|place|part\s+in|note|account|steps?|measures?|questions?|hopes?|"
    r"(?:\w+\s+){0,2}(?:flags?|banners?|signs?|placards?|portraits?|photographs?|pictures?|"
    r"hostages?|prisoners?|captives?|elections?|referendums?))\b",
    re.IGNORECASE,
)
#: A modal anywhere earlier in the same clause makes the clause hypothetical ("could try
#: to push south and meet units advancing"); lower case only ("May" is a month).
_CLAUSE_MODAL = re.compile(
    r"(?<![\w'’-])(?:would|could|might|will|shall|should|must|can|cannot|may)(?![\w'’-])"
)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:but|while|whereas|although|after|before|when|as)\b")
#: "troops were ordered to leave": a withdrawal reported once carried out.
_ORDERED_OUT = re.compile(r"\b(?:was|were|been|being)\s+ordered\s+to\s+$", re.IGNORECASE)
#: "to <action>", also through a light verb ("to take control of", "to gain a foothold")
#: or after an adverb ("to more quickly advance").
_INFINITIVE = re.compile(
    r"\bto\s+(?:(?:more|most|less|even|very|so)\s+)?(?:\w+ly\s+)?"
    r"(?:(?:take|gain|get|establish|regain|retake|assume|seize|secure)"
    r"\s+(?:(?:a|full|complete|total|firm)\s+)?)?$",
    re.IGNORECASE,
)
#: Verbs after which "to <action>" still reports a fact ("continued to advance",
#: "were forced to withdraw").
_FACTUAL_TO = re.compile(
    r"\b(?:continu\w*|began|begin\w*|beg[au]n|start\w*|manag\w*|proceed\w*|forced|compelled|"
    r"obliged|had|has|have|went\s+on|used|moved|appear\w*|seem\w*|reported|said|known|claim\w*|"
    r"ordered|(?:was|were)\s+able)(?:\s+\w+ly)?\s*$",
    re.IGNORECASE,
)
#: The second verb of a purpose or of what a success enables ("efforts to cross the river
#: and enter X", "enabling them to advance on and surround X").
_COORDINATED_PURPOSE = re.compile(
    r"\b(?:attempt\w*|efforts?|tr(?:y|ies|ied|ying)|s(?:eek|eeks|ought|eeking)|plan\w*|intend\w*|"
    r"aim\w*|want\w*|in\s+order|(?:enabl|allow|permitt?)\w*\s+\w+)\s+to\s+[^,;.]{1,60}\s+"
    r"(?:and|or)\s+$",
    re.IGNORECASE,
)
#: A noun action as the topic of something else ("the progress of the counteroffensive").
_TOPIC = re.compile(
    r"\b(?:of|on|about|regarding|concerning|from|to|for|against|with|this|that|these|those)\s+"
    r"(?:the\s+|their\s+|its\s+|an?\s+)?(?:[A-Z][\w'’-]*\s+|recent\s+|ongoing\s+|future\s+|"
    r"planned\s+|possible\s+|potential\s+|further\s+|new\s+)?$|"
    r"\b(?i:any|no|every)\s+(?:\w+\s+)?$"
)
_ADJECTIVE_HOLD = re.compile(r"[A-Z][\w-]*-(?:held|occupied|controlled)")
#: "loss of control over X", "this strike": not a new event; "that" after a verb of
#: saying ("reported that shelling damaged X") starts a clause, it points at nothing.
_NOT_NEW = re.compile(
    r"\b(?:(?:loss|lack|absence)\s+of|[Tt]his|(?<!ed\s)(?<!said\s)(?<!says\s)(?<!show\s)"
    r"(?<!shows\s)(?<!claim\s)(?<!claims\s)(?<!state\s)(?<!states\s)[Tt]hat|[Tt]hese|[Tt]hose)\s+$"
)
#: A finite past verb starts a predicate of its own, not a second verb of a purpose.
_FINITE_PAST = re.compile(
    r"(?:\w+ed|took|struck|hit|held|made|fought|drove|broke|shot|won|lost|left|fell|"
    r"retook|overran|withdrew|began)\b",
    re.IGNORECASE,
)
_FAILED = re.compile(r"\b(?:unsuccessful(?:ly)?|fail(?:s|ed|ing)?|abortive|futile)\b", re.I)
#: Before an adjective of control that describes where something else happens.
_LOCATIVE_ADJECTIVE = re.compile(
    r"\b(?:in|into|from|of|to|across|near|around|at|on|over|inside|throughout|within|"
    r"\w+ing)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_JUDGED_AFTER = re.compile(
    r"[^,.;]{0,60}?\b(?:are|is|would\s+be|will\s+be)\s+(?:\w+ly\s+)?(?:unlikely|likely|possible|"
    r"impossible|expected|improbable)\b",
    re.IGNORECASE,
)
_GERUND_INTENT = re.compile(
    r"\b(?:focus\w*\s+on|aim\w*\s+at|intent\s+on|capable\s+of|preparing\s+for|"
    r"in\s+an?\s+(?:effort|attempt|bid)\s+(?:to|at)|conditions\s+for)\s+$",
    re.IGNORECASE,
)
#: An attempt that ends in a retreat or a failure: the defender held.
_FAILED_AFTER = re.compile(
    r"^[^.;]{0,120}?\bbut\s+(?:\w+\s+)?(?:retreated|withdrew|failed|fell\s+back|"
    r"were\s+(?:\w+ly\s+)?(?:repelled|repulsed|pushed\s+back|stopped))\b",
    re.IGNORECASE,
)
_PLAN_HEADING = re.compile(
    r"\b(?:objectives?|goals?|aims?|intent(?:ions?)?|missions?|tasks?|plans?)\s*:", re.IGNORECASE
)
#: A noun action as the object of a preposition: the topic of something else.
_NOUN_TOPIC = re.compile(
    r"\b(?:of|to|about|regarding|concerning)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
    r"(?:[A-Z][\w'’-]*\s+)?$"
)
#: A development announced for later: "NATO member states reportedly will send tanks".
_STRATEGIC_FUTURE = re.compile(
    r"[^,.;]{0,40}?\b(?:will|would|shall|plans?\s+to|is\s+to|are\s+to|(?:is|are)\s+"
    r"(?:expected|set|due|going)\s+to)\b",
    re.IGNORECASE,
)
#: A drone or missile named just before a noun of attack: "Shahed-136 drones in attacks".
_AIR_WEAPON_BEFORE = re.compile(
    r"\b(?:drones?|Shaheds?|missiles?|rockets?|UAVs?)\s+(?:in|during|for)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
#: Convoys, columns and reinforcements that move are transfers, not advances.
_TRANSFER = re.compile(
    r"\b(?:convoys?|columns?|equipment|reinforcements?|vehicles?|trains?|echelons?|"
    r"reserves?|trucks?)\s+(?:(?:of|with|carrying)\s+[\w'’-]+\s+)?(?:(?:is|are|was|were|"
    r"reportedly|\w+ly)\s+)*$",
    re.IGNORECASE,
)
#: "to block X from retreating", "kept them from advancing": the action did not happen.
_BLOCKED = re.compile(
    r"\b(?:block|prevent|stop|keep|kept|bar|deter|prohibit|dissuade)\w*\s+(?:[\w'’-]+\s+){0,4}?"
    r"from\s+$",
    re.IGNORECASE,
)
#: The object of a capture that is ground, not a place: "seized some territory near X".
_GROUND_TAKEN = re.compile(
    r"\s+(?:(?:some|more|new|additional|limited|several|a\s+few|the\s+)?(?:\w+\s+)?)?"
    r"(?:territory|ground|terrain|positions|trenches|strongpoints|heights)\b",
    re.IGNORECASE,
)
#: Ground or unnamed settlements taken around a place ("retook several villages near X",
#: "recaptured positions east of X"): X is where, not what, was taken ("the villages of X
#: and Y" names what was).
_PLACES_AROUND = re.compile(
    r"\s+(?:(?:some|more|new|additional|several|a\s+few|the|two|three|four|five|six|"
    r"seven|eight|nine|ten|\d+|unnamed|unspecified|small|nearby)\s+){0,3}"
    r"(?:villages|settlements|towns|localities|hamlets|positions|trenches|strongpoints|heights|"
    r"ground|territory)\s+"
    r"(?:near|around|outside|close\s+to|(?:north|south|east|west)(?:east|west)?(?:ern)?\s+of)\b",
    re.IGNORECASE,
)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|such\s+as|namely)\b", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
#: A change of hands named by its noun ("the fall of", "the capture of", "a withdrawal").
_CHANGE_NOUN = re.compile(r"(?i:fall\s+of|capture|seizure|withdrawal|retreat)")
#: The place after such a noun, and who it went to ("of Lyman to Ukrainian troops").
_NOUN_OBJECT = (
    r"\s+(?:of\s+|from\s+)?(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:\s+\([^()]{0,60}\))?"
)
#: ... taken by a side named after it: "the fall of X to Ukrainian troops".
_FALL_TO = re.compile(_NOUN_OBJECT + r"\s+(?:in)?to\s+(?:the\s+)?(?!the\b)[\w'’-]+")
#: ... as the subject of a prospect: "the fall of X is imminent", "the capture of X would
#: allow": what may come, not what happened.
_NOUN_PROSPECT = re.compile(
    _NOUN_OBJECT + r"(?:\s+(?:in)?to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:troops|forces|army))?"
    r"\s+(?:would|will|could|might|may|(?:is|was|are|seems?|appears?)\s+(?:\w+ly\s+)?"
    r"(?:imminent|unlikely|likely|possible|probable|expected|inevitable|necessary|crucial|"
    r"critical|key|vital|essential))\b"
)
#: ... or as what is awaited: "waiting for the fall of X", "ahead of the capture of X".
_NOUN_AWAITED = re.compile(
    r"\b(?:wait(?:s|ed|ing)?\s+for|await\w*|ahead\s+of|in\s+anticipation\s+of|pending|"
    r"hop(?:e|es|ed|ing)\s+for|expect(?:s|ed|ing)?)\s+(?:the\s+)?(?:[\w'’-]+\s+)?$",
    re.IGNORECASE,
)
#: "Strikes against unspecified Ukrainian targets": "targets" the noun, what was hit.
_TARGETS_NOUN = re.compile(
    r"(?:\b(?:against|on|at|hit|struck|strik\w+|shell\w*)\s+(?:[\w'’-]+\s+){0,3}"
    r"|\b(?:[A-Z][a-z]+(?:ian|ese|ish|an)|military|civilian|unspecified|the|its|their)\s+)$"
)


@dataclass(frozen=True)
class ActionMatch:
    """One action phrase found in a sentence.

    Attributes
    ----------
    action : str
        One of :data:`geo.model.ACTIONS`.
    start, end : int
        Offsets of the phrase (shifted by ``offset``).
    text : str
        The phrase.
    agent : str
        Where the agent stands: ``"before"`` (the subject), ``"after"`` (passive
        "by X", "fell to X"), ``"inside"`` ("Russian-held") or ``"equipment"``
        (the owner of the destroyed equipment), ``"place"`` (the side opposed to
        the place's country: "X fell", "the fall of X") or ``"against"`` (the side
        opposed to the actor after it: "cleared of Russian troops").
    strength : float
        How sure the pattern is that the phrase reports this action, 0..1.
    passive : bool
        True for passive voice ("was captured by").
    air : bool
        True for air or drone strikes.
    failed : bool
        An attack said to have failed ("unsuccessfully attempted to advance"): a
        ``hold`` whose agent is the side opposed to the sentence's subject.
    """

    action: str
    start: int
    end: int
    text: str
    agent: str
    strength: float
    passive: bool = False
    air: bool = False
    failed: bool = False


def find_actions(sentence: str, *, offset: int = 0) -> list[ActionMatch]:
    """Find the action phrases of one sentence.

    Parameters
    ----------
    sentence : str
        The sentence text.
    offset : int
        Added to every start/end.

    Returns
    -------
    list of ActionMatch
        Non-overlapping, in text order; hypothetical and negated uses removed; weak
        noun forms only when no other action is present.

    Examples
    --------
    >>> [a.action for a in find_actions("Russian forces captured the town after fighting.")]
    ['capture']
    >>> [a.action for a in find_actions("The city was captured by the rebels.")]
    ['capture']
    >>> find_actions("The army could capture the town.")
    []
    """
    found: list[tuple[int, int, ActionMatch, bool]] = []
    for action, pattern, agent, strength, weak in _COMPILED:
        for m in pattern.finditer(sentence):
            match = _qualify(sentence, m, action, agent, strength)
            if (
                match is not None
                and action == "advance"
                and not _advance_reading(sentence, m, weak=weak)
            ):
                continue
            if weak and _PROSPECT.search(sentence[max(0, m.start() - 80) : m.start()]):
                continue  # "likely to be a long battle": a prospect, not an event
            if weak and _JUDGED_AFTER.match(sentence, m.end()):
                continue  # "offensive operations in X are unlikely": a judgement of a prospect
            if weak and _infinitive_object(sentence[: m.start()]):
                continue  # "their chance to launch an offensive": a purpose or prospect
            if weak and _TOPIC.search(sentence[: m.start()]):
                continue  # "commentary on Ukrainian advances": a topic, not an event
            if match is not None:
                found.append((m.start(), m.end(), match, weak))
    strong = [f for f in found if not f[3]]
    if any(not _ADJECTIVE_HOLD.fullmatch(f[2].text) for f in strong):
        # "struck the Russian-controlled bridge": the adjective describes, the verb is the news
        strong = [f for f in strong if not _ADJECTIVE_HOLD.fullmatch(f[2].text)]
    pool = strong if strong else found
    chosen: list[tuple[int, int, ActionMatch, bool]] = []
    for item in sorted(pool, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(item[1] <= c[0] or item[0] >= c[1] for c in chosen):
            chosen.append(item)
    chosen.sort(key=lambda f: f[0])
    chosen = join_phrases(sentence, chosen)
    return [
        ActionMatch(
            c[2].action,
            c[0] + offset,
            c[1] + offset,
            c[2].text,
            c[2].agent,
            c[2].strength,
            c[2].passive,
            c[2].air,
            c[2].failed,
        )
        for c in chosen
    ]


#: Words before "advance(s)" that make it a noun: determiners, quantifiers, adjectives,
#: prepositions ("the advance", "further advances", "lines of advance").
_NOUN_BEFORE = re.compile(
    r"(?:\b(?i:the|a|an|any|no|some|its|their|his|her|our|this|that|these|those|such|each|"
    r"further|future|possible|potential|new|recent|rapid|slow|steady|limited|marginal|minor|"
    r"major|small|significant|tactical|initial|main|more|several|many|few|of|in|for|on|"
    r"against|toward|towards|with|by|from|to\s+(?:stop|halt|prevent|block|slow|repel))|"
    r"\b[A-Z][\w-]*(?:ian|ese|ish|ch)|['’]s?)\s+$"
)
#: Qualifiers of a noun "advance(s)" that speak of prospects, not events.
_PROSPECTIVE_NOUN = re.compile(
    r"\b(?:further|future|possible|potential|any|no|planned|expected|imminent|new)\s+$",
    re.IGNORECASE,
)


def _infinitive_object(before: str) -> bool:
    """Whether a noun is the object of a "to" infinitive that states no fact."""
    m = re.search(r"\bto\s+\w+\s+(?:(?:an?|the|their|its|new|major|large|\w+ed)\s+){0,2}$", before)
    return m is not None and _FACTUAL_TO.search(before[: m.start()]) is None


def _advance_reading(sentence: str, m: re.Match[str], *, weak: bool) -> bool:
    """Whether a bare "advance(s)" reports an advance.

    A verb reading needs a verb context (a subject or an auxiliary before it, not a
    determiner, adjective or preposition); the noun ("the Russian advance on X") counts
    only as the weak noun form, and never in idioms ("lines of advance", "in advance
    of") or as a prospect ("further advances").
    """
    word = m.group(0).lower()
    if word not in {"advance", "advances"}:
        return True
    before = sentence[: m.start()]
    if re.search(r"\b(?:of|in)\s+$", before, re.IGNORECASE):
        return False  # "lines of advance", "in advance of"
    if re.match(r"\s+of\b", sentence[m.end() :]) and re.search(r"\bin\s+$", before):
        return False
    noun = _NOUN_BEFORE.search(before) is not None or not before.strip()
    if not weak:
        return not noun
    return noun and _PROSPECTIVE_NOUN.search(before) is None


def _qualify(
    sentence: str, m: re.Match[str], action: str, agent: str, strength: float
) -> ActionMatch | None:
    before = sentence[: m.start()]
    after = sentence[m.end() :]
    ordered_out = action == "withdraw" and _ORDERED_OUT.search(before) is not None
    if _MODAL.search(before) or _NEGATION.search(before):
        return None
    if _INTENT.search(before) and not ordered_out:
        return None
    if re.search(r"\b(?:risk|danger|threat|fears?)\s+of\s+(?:being\s+)?$", before, re.IGNORECASE):
        return None  # "at risk of being surrounded"
    infinitive = _INFINITIVE.search(before)
    if infinitive and not ordered_out and not _FACTUAL_TO.search(before[: infinitive.start()]):
        return None  # "opens the way for troops to advance": a purpose or prospect
    if _GERUND_INTENT.search(before):
        return None  # "focusing on regaining lost positions": an aim
    if (
        action == "clash"
        and re.match(r"(?i:attempt|effort|tr[iy])", m.group(0))
        and (re.search(r"\b(?:to|for|of|in)\s+(?:\w+\s+)?$", before) or _NOUN_TOPIC.search(before))
    ):
        return None  # "to support attempts to advance", "reports of a Russian attempt"
    if action == "strike" and m.group(0).lower() == "strikes" and _NOUN_TOPIC.search(before):
        return None  # "the persistence of Ukrainian strikes", "vulnerable to Ukrainian strikes"
    if action == "advance" and _TRANSFER.search(before) and m.group(0).lower().startswith("mov"):
        return None  # "a convoy moving towards X": a transfer of forces, not an advance
    if _BLOCKED.search(before) and m.group(0).lower().endswith("ing"):
        return None  # "to block personnel from retreating": prevented, not done
    if _NOT_NEW.search(before) and re.fullmatch(r"[a-z]+", m.group(0)):
        return None  # "this strike may indicate", "loss of control over X"
    if _COORDINATED_PURPOSE.search(before) and not _FINITE_PAST.match(m.group(0)):
        return None  # "efforts to cross the river and enter X": the second verb of the purpose
    if _PLAN_HEADING.search(before):
        return None  # "(objective: encircle ... and capture ...)": a plan
    if _CONTRAST.search(before):
        return None  # "a repositioning rather than a real withdrawal"
    if m.group(0).lower() == "targets" and _TARGETS_NOUN.search(before):
        return None  # "strikes against Ukrainian targets in X": the struck, not a striker
    noun = bool(_CHANGE_NOUN.fullmatch(m.group(0)) and _NOUN_BEFORE.search(before))
    if noun and (_NOUN_PROSPECT.match(after) or _NOUN_AWAITED.search(before)):
        return None  # "the fall of X is imminent", "waiting for the fall of X"
    if noun and agent == "place" and _FALL_TO.match(after):
        agent = "after"  # "the fall of X to Ukrainian troops": the troops took it
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if _CLAUSE_MODAL.search(before[breaks[-1].end() if breaks else 0 :]):
        return None  # "could try to push south and meet units advancing"
    text = m.group(0)
    if action == "strategic":
        if _NOUN_TOPIC.search(before) or _STRATEGIC_FUTURE.match(after):
            return None  # "the discussion of negotiations", "NATO states will send tanks"
        return ActionMatch(action, m.start(), m.end(), text, agent, strength)
    if action == "loss" and not _EQUIPMENT_NEAR.search(
        sentence[max(0, m.start() - 60) : m.end() + 60]
    ):
        return None
    if action in {"reach", "capture", "hold"} and _NOT_TERRITORIAL.match(after):
        return None
    if agent == "before" and (
        (action == "capture" and _GROUND_TAKEN.match(after))
        or (
            action in {"capture", "liberate"}
            and _PLACES_AROUND.match(after)
            # "several villages near X, including Y and Z": Y and Z were taken
            and not _INCLUDING.search(after.split(".")[0])
        )
    ):
        # "seized some territory near X", "retook several villages near X": ground
        # gained near X, not X taken
        action = "advance"
    ing_form = text.split()[0].lower().endswith("ing")
    if (
        agent == "before"
        and action in {"capture", "hold", "liberate", "strike"}
        and re.fullmatch(r"\w+(?:ed|en)|held|struck|shot|hit", text.split()[0])
        and re.match(r"\s+by\b", after)
    ):
        # a reduced passive: "territory held by Russian forces"
        air = action == "strike" and bool(re.search(r"air|drone|bomb", text, re.IGNORECASE))
        return ActionMatch(action, m.start(), m.end(), text, "after", strength, True, air)
    passive = bool(_PASSIVE_AUX.search(before)) and agent == "before" and not ing_form
    participle = re.fullmatch(r"\w+(?:ed|en|wn|ck|uck)", text.split()[0]) is not None
    if (
        action == "hold"
        and text in {"occupied", "held", "controlled"}
        and _LOCATIVE_ADJECTIVE.search(before)
        and re.match(r"\s+[A-Z]", after)
    ):
        return None  # "searching occupied X", "in occupied X": a description naming no side
    if action == "hold" and text.lower() in {"control", "hold"} and _ADJECTIVAL.search(before):
        return None  # "to expand their control": a noun
    if participle and action != "loss" and _ADJECTIVAL.search(before) and len(text.split()) == 1:
        return None  # "the bombed city", "an occupied town": description, not an event
    if (
        ing_form
        and action in {"withdraw", "advance", "capture", "liberate"}
        and _ADJECTIVAL.search(before)
        and re.match(r"\s+[a-z]+s\b", after)
    ):
        return None  # "the retreating columns", "the advancing troops": who, not what
    if passive:
        if action == "reach":
            return None  # "could not be reached", "was reached by phone"
        if action == "withdraw":
            passive = False  # "were driven back": the subject withdraws
        elif re.match(r"\s+by\b", after):
            agent = "after"
        elif action == "liberate" and re.match(r"\s+(?:of|from)\b", after):
            agent = "against"  # "had been freed from the invaders": the other side freed it
        elif action == "advance":
            action, passive = "withdraw", False  # "were pushed out" without an agent
        else:
            agent = "none"
    air = action == "strike" and bool(re.search(r"air|drone|bomb", text, re.IGNORECASE))
    failed = (
        _FAILED.search(text)
        or re.search(r"\b(?:unsuccessful(?:ly)?|failed)\s+(?:\w+\s+)?$", before, re.IGNORECASE)
        or (re.match(r"(?i:attempt|tr[iy])", text) and _FAILED_AFTER.match(after))
    )
    if (
        action == "withdraw"
        and text.lower() in {"withdrawal", "retreat"}
        and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", after)
    ):
        agent = "after"  # "the withdrawal of Russian troops": the troops withdrew
    if action == "clash" and _AIR_WEAPON_BEFORE.search(before) and not failed:
        # "deployed Shahed drones in attacks on X": attacks by a weapon are strikes
        return ActionMatch("strike", m.start(), m.end(), text, agent, strength, air=True)
    if action == "clash" and agent == "before" and not passive and failed:
        # a failed attack: the defender held the place
        return ActionMatch("hold", m.start(), m.end(), text, agent, strength, failed=True)
    return ActionMatch(action, m.start(), m.end(), text, agent, strength, passive, air)


def acled_types(
    action: str,
    *,
    agent_kind: str = "state",
    agent_side: str = "",
    territory: str = "",
    air: bool = False,
) -> tuple[str, str]:
    """ACLED ``event_type`` and ``sub_event_type`` of an action (see the module table).

    Parameters
    ----------
    action : str
        One of :data:`geo.model.ACTIONS`.
    agent_kind : str
        :attr:`geo.actors.Actor.kind` of the agent; ``"nonstate"``/``"group"`` are
        non-state actors.
    agent_side : str
        ISO2 of the agent's side.
    territory : str
        ISO2 of the country where the place lies.
    air : bool
        An air or drone strike.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> acled_types("liberate", agent_side="UA", territory="UA")
    ('Battles', 'Government regains territory')
    >>> acled_types("capture", agent_kind="nonstate")
    ('Battles', 'Non-state actor overtakes territory')
    """
    if action not in ACLED_TYPES:
        raise ValueError(f"unknown action {action!r}; expected one of {sorted(ACLED_TYPES)}")
    non_state = agent_kind in {"nonstate", "group"}
    if action in {"capture", "liberate"}:
        if non_state:
            return ("Battles", "Non-state actor overtakes territory")
        if not (agent_side and territory):
            return ACLED_TYPES[action]
        if agent_side == territory:
            return ("Battles", "Government regains territory")
        return ("Battles", "Armed clash")
    if action == "strike" and air:
        return ("Explosions/Remote violence", "Air/drone strike")
    return ACLED_TYPES[action]
