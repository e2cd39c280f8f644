"""Did it happen? The factuality of the clause that holds an action cue.

An action phrase (:func:`geo.actions.find_actions`) makes an event only when its own
clause states it as a fact. The clause runs from the previous clause boundary (";",
", but", ", while", "and" before a new subject ...) to the next one; what lies in
other clauses does not count ("X denied Y, but Z captured W" keeps the capture).

=================  ===============================================  ================
reading            cues in the clause (before the action unless     event?
                   said otherwise)
=================  ===============================================  ================
negated            "not", "no", "never", "neither", "failed",       no
                   "no evidence that"; "no"/"not" inside the phrase
                   ("made no gains"); not past "and" + a finite
                   verb ("did not attack and shelled X")
modal              "may", "could", "intend", "seek to", "aim to",   no
                   "plan", "prepare", "in order to", "objective of",
                   "ordered (X) to", "the order for X to" (not
                   an order to withdraw: its side carries it out),
                   "prevent", "restrain", "likely to", "attempts
                   to", "ability to", "conditions for", "promises
                   of", "vowed to", "failure to", "operations
                   to", "too early to" (a purpose or capacity
                   stops at a coordinated finite verb: "set
                   conditions for X and shelled Y"); an action's
                   noun weighed after it ("the capture of X is
                   of critical importance")
conditional        "if", "unless", "whether", a sentence opened by  no
                   "If/Unless/Should ..." (its main clause too)
future             "will", "is expected to", "are set to", "poised  no
                   to", "going to", "about to"; "tomorrow", "next
                   week", "in the coming days" anywhere in the
                   clause
denied             "denied", "refuted", "rejected", "dismissed",    no
                   "disputed", "challenged ... claims", "false
                   narrative", "despite (Russian) claims that";
                   "false", "untrue" after the phrase; "refuted
                   these claims", "this claim is unlikely" later
                   in the sentence
talk, background,  see :mod:`geo.non_events` ("a map of attacks",   no
commentary, force  "after the withdrawal from X", "the shelling
generation         indicates that", "mobilized men")
question           the clause or sentence ends with "?"             no
recap              "previously claimed that", "had earlier          no
                   reported": a claim an earlier report carried
                   (the event was news then, and is recorded there);
                   a happening of an earlier phase of the war
                   named without its date ("earlier in the war",
                   "in the first days of the war" before it or in
                   its own predicate; "previously" alone dates an
                   action before the report, see geo.dates)
hedged             "likely", "probably", "possibly" (not "likely    yes: assessed
                   to")                                             (:mod:`geo.attribution`)
fact               none of the above ("claimed that" stays a fact:  yes
                   :mod:`geo.attribution` marks it claimed)
=================  ===============================================  ================

"could not verify that ..." is about sourcing, not a negation of the event: such a
sentence stays an event (claimed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.non_events import non_event

__all__ = ["Factuality", "clause_span", "factuality"]

#: Where a clause ends: punctuation that closes it, a contrast, or "and"/"while"/"as"
#: before a new subject (a capitalised word, or a determiner/pronoun starting a noun
#: phrase). A name that ends a list ("Donetsk and Luhansk oblasts", "Bakhmut and Soledar.")
#: is no new subject, nor is the name of "as well as X", "such as X", "known as X".
_BOUNDARY = re.compile(
    r";|:|—|–|\(|\)|,\s*(?:but|while|whereas|although|though|yet|however)\b|"
    r"\b(?:but|whereas)\b|,\s+(?=(?:the\s+)?[A-Z][a-z])|"
    r"(?:,?\s+(?:and|while)|(?<!\bwell)(?<!\bsuch)(?<!\bknown),?\s+as)\s+"
    r"(?=(?:the\s+|their\s+|its\s+)?(?:[A-Z][\w'’-]*|they|he|she|it|we)\b)"
    r"(?!(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"(?:\s*(?:[,.;:)]|$)|\s+(?:and|or)\b|\s+(?:oblasts?|raions?|regions?|city|cities)\b"
    # "took A and B earlier in the war", "and B on Monday": a list's last name, then when
    r"|\s+(?:in|on|at|by|during|since|after|before|earlier|later|until|within|over)\b))"
)
_VERIFY = re.compile(
    r"\b(?:could\s*n[o']t|can\s*n[o']t|cannot|unable\s+to|did\s+not|has\s+not|have\s+not|"
    r"had\s+not|not\s+(?:yet\s+)?(?:been\s+)?(?:able\s+to\s+)?)\s*(?:been\s+)?(?:immediately\s+|"
    r"independently\s+|yet\s+)*(?:verif(?:y|ied)|confirm(?:ed)?|observe[ds]?)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|never|no|neither|nor|none|n't|failed|fails|fail|unsuccessful(?:ly)?|"
    r"no\s+(?:\w+\s+){0,2}?(?:evidence|indication|sign|signs|confirmation))\b"
    r"(?!\s+only\b)|n't\b",
    re.IGNORECASE,
)
#: "and" before a finite past verb starts a predicate of its own: a negation before it
#: ("did not attack X and continued shelling Y") does not reach past it.
_AND_FINITE = re.compile(
    r"(?:\b(?:and|but|then)|,)\s+(?:\w+ly\s+)?(?:[a-z]+ed|took|struck|hit|held|made|fought|began|"
    r"kept|went|drove|broke|shot|won|lost|left|fell|seized|retook|overran|withdrew)\b"
)
#: Verbs that go on into the action ("and continued shelling X"), unlike an "-ed"
#: adjective of its noun ("a deliberate and controlled withdrawal").
_GOES_ON = re.compile(r"\b(?:continued|resumed|started|began|kept|launched|conducted|carried)$")
_NEGATED_INSIDE = re.compile(r"\b(?:no|not|never|n't)\b|n't\b", re.IGNORECASE)
#: Modal verbs in lower case only ("May" is a month).
_MODAL_VERB = re.compile(r"(?<![\w'’-])(?:would|could|might|may|must|can|should)(?![\w'’-])")
_MODAL = re.compile(
    r"\b(?:intend\w*|intention|seek(?:s|ing)?\s+to|sought\s+to|aim(?:s|ed|ing)?\s+(?:to|at)|"
    r"plan(?:s|ned|ning)?\s+to|plans?\s+(?:for|of)|prepar(?:e|es|ed|ing|ations?)\s+(?:to|for)|"
    r"in\s+order\s+to|so\s+as\s+to|(?:objective|goal|aim|intent|purpose)s?\s+(?:of|is|was|to)|"
    r"prevent(?:s|ed|ing)?|to\s+deny|likely\s+to|unlikely|attempt(?:s|ed|ing)?\s+to|"
    r"tr(?:y|ies|ied|ying)\s+to|want(?:s|ed)?\s+to|hop(?:e|es|ed|ing)\s+to|"
    r"threat(?:en|ens|ened|ening)?\s+to|restrain\w*|forestall\w*|abilit(?:y|ies)\s+to|"
    r"capabilit(?:y|ies)\s+to|capacity\s+to|conditions\s+for|pretext\s+for|"
    r"in\s+preparation\s+for|read(?:y|iness)\s+to|needs?\s+to|consider(?:s|ed|ing)?|"
    r"(?:danger|threat|risk|prospect|possibility|likelihood)s?\s+of|demand(?:s|ed|ing)?|"
    r"call(?:s|ed|ing)?\s+for|promis(?:e|es|ed|ing)\s+(?:of|to)|pledg(?:e|es|ed|ing)\s+to|"
    r"vow(?:s|ed|ing)?\s+to|failures?\s+to|too\s+(?:early|soon)\s+to|(?:operations?|campaigns?|bids?|drives?)"
    r"\s+to)\b",
    re.IGNORECASE,
)
#: An order is not its deed ("ordered the brigade to take X", "the order for troops to
#: capture X") ...
_ORDERED = re.compile(r"\border(?:s|ed)?\s+(?:for\s+)?(?:[\w'’-]+\s+){0,4}?to\b", re.IGNORECASE)
#: ... except an order to leave, which the ordering side carries out itself: "troops were
#: ordered to withdraw" reports the withdrawal.
_LEAVING = re.compile(r"(?:withdr|retreat|leav|pull|f[ae]ll\s+back|abandon)", re.IGNORECASE)
#: A happening named as a plan or a prospect: "before the planned withdrawal".
_PLANNED = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?:\w+\s+)?(?:planned|intended|anticipated|expected|"
    r"prospective|potential|possible|hypothetical)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|in\s+case|provided\s+that)\b", re.IGNORECASE)
_OPENS_CONDITIONAL = re.compile(r"^\s*[\"'“‘]?(?:If|Unless|Should|Were|Whether)\b")
_FUTURE_VERB = re.compile(r"(?<![\w'’-])(?:will|won't|shall)(?![\w'’-])")
_FUTURE = re.compile(
    r"\b(?:(?:is|are|was|were|be)\s+(?:\w+ly\s+)?(?:expected|set|poised|due|going|about|"
    r"scheduled|slated)\s+to|expect(?:s|ed)?\s+(?:\w+\s+){0,3}?to|upcoming|forthcoming|"
    r"imminent)\b",
    re.IGNORECASE,
)
#: Future time words anywhere in the clause ("a push into X next week").
_FUTURE_TIME = re.compile(
    r"\b(?:tomorrow|next\s+(?:week|month|year|weekend)|in\s+the\s+(?:coming|next)\s+"
    r"(?:\w+\s+)?(?:days|weeks|months)|(?:is|are)\s+set\s+(?:\w+\s+){0,3}?(?:to|for))\b",
    re.IGNORECASE,
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|refut(?:e|es|ed|ing)|reject(?:s|ed|ing)?|"
    r"dismiss(?:es|ed|ing)?|debunk(?:s|ed|ing)?|disput(?:e|es|ed|ing)|"
    r"contradict(?:s|ed|ing)?|contest(?:s|ed|ing)?|falsely|false\s+(?:claims?|reports?|narratives?|allegations?|statements?)|"
    r"challeng(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,6}?claims?|falsif\w+)\b",
    re.IGNORECASE,
)
#: "footage shows Ukrainian troops in X despite Russian claims that they took X": the
#: sentence sets its fact against the claim (up to the comma that ends the claim: "Despite
#: claims that ..., footage shows X under fire" keeps the fire).
_DESPITE_CLAIM = re.compile(
    r"\bdespite\s+(?:[\w'’-]+\s+){0,5}?(?:claims?|reports?|assertions?|statements?|allegations?)"
    r"(?:\s+(?:made\s+)?by\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)?\s+(?:that|of)\b[^,]*$",
    re.IGNORECASE,
)
#: "... is false", "a lie", "a hoax" after the phrase; "lie" only as a noun after "a" (the
#: verb places things: "both of which lie along the road").
_DENIED_AFTER = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:false|untrue|fake|baseless|unfounded|"
    r"fabricated)|a\s+lie|(?:a\s+)?hoax)\b",
    re.IGNORECASE,
)
#: "X claimed that troops took Y, but Z refuted these claims": a denial later in the
#: sentence takes back what it refers to ("cannot confirm or deny those reports" does not).
_DENIED_LATER = re.compile(
    r"(?<!confirm\sor\s)\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|reject(?:s|ed|ing)?|"
    r"dismiss(?:es|ed|ing)?|debunk(?:s|ed|ing)?)\s+(?:these|those|such|the|this|that|their|its)"
    r"\s+(?:\w+\s+)?(?:claims?|reports?|allegations?|rumou?rs?)\b|"
    # "..., but this claim is unlikely"
    r"\b(?:this|these|those|such|the)\s+(?:claims?|reports?)\s+(?:is|are|was|were|seems?|"
    r"appears?|remains?)\s+(?:\w+\s+){0,2}?(?:unlikely|false|implausible|untrue|baseless|"
    r"unfounded|fabricated|dubious)\b",
    re.IGNORECASE,
)
#: A statement of the denier's own after the denial: what it says is not denied.
_NEW_STATEMENT = re.compile(
    r"\band\s+(?:\w+ly\s+)?(?:said|stated|added|noted|claimed|reported|says|states|adds|notes)"
    r"\s+that\b",
    re.IGNORECASE,
)
#: A noun whose content clause the action is in: "reports that ...", "claims that ...".
_CONTENT_NOUN = re.compile(
    r"\b(?:reports?|claims?|rumou?rs?|allegations?|statements?|assertions?)\s+that\b",
    re.IGNORECASE,
)
#: "the capture of X is of critical importance", "would be necessary": a goal weighed.
_WEIGHED_AFTER = re.compile(
    r"^[^,;]*?\b(?:is|are|was|were|would\s+be|will\s+be|remains?)\s+(?:\w+ly\s+)?(?:of\s+)?"
    r"(?:(?:critical|crucial|key|vital|great|strategic|paramount)\s+)?(?:importance|important|"
    r"necessary|essential|needed|required|vital|critical|crucial|key|a\s+(?:priority|goal))\b",
    re.IGNORECASE,
)
#: An action named by its noun ("the capture of X"): it can be weighed as a goal.
_NOMINAL = re.compile(
    r"^(?:capture|seizure|liberation|recapture|fall|occupation|encirclement|taking)\b",
    re.IGNORECASE,
)
#: "areas that X previously claimed Russian forces had captured": an earlier claim retold.
_RECAP = re.compile(
    r"\b(?:previously|earlier|already)\s+(?:claimed|reported|stated|said|announced|assessed)"
    r"\s+(?:that|to\s+have)\b",
    re.IGNORECASE,
)
#: A happening of an earlier phase of the war, named without its date: "fought in X earlier
#: in the war", "since the first days of the war", "seized on the first day of the invasion",
#: "held since the start of the war".
_PAST_PHASE = re.compile(
    r"\b(?:earlier|early)\s+in\s+the\s+(?:war|invasion)\b|"
    r"\b(?:since|in|during|on|within)\s+the\s+(?:first|early|opening|initial)\s+(?:days?|weeks?|"
    r"months?|hours?|phase|stages?)\s+of\s+the\s+(?:full-scale\s+)?(?:war|invasion)\b|"
    r"\b(?:at|since|from)\s+the\s+(?:very\s+)?(?:start|beginning|outset|onset)\s+of\s+the\s+"
    r"(?:full-scale\s+)?(?:war|invasion)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:likely|probably|possibly|presumably|almost\s+certainly)\b(?!\s+(?:to|be\s+\w+ing)\b)",
    re.IGNORECASE,
)


def _own_predicate(after: str) -> str:
    """Return the words after an action up to a coordinated predicate ("and will go on").

    A relative clause ("the island that they seized on the first day of the war") is a
    predicate of its own too.
    """
    # "took A, B and C earlier in the war": a list of names goes on, no predicate starts
    cut = re.search(
        r",(?!\s*(?:and\s+|or\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,|\band\b|\bor\b|$))"
        r"|\b(?:and|or)\b(?!\s+[A-Z])|\b(?:but|then|that|which|who|whom|whose|where)\b",
        after,
    )
    return after[: cut.start()] if cut else after


@dataclass(frozen=True)
class Factuality:
    """How a clause presents its action.

    Attributes
    ----------
    reading : str
        ``"fact"``, ``"hedged"``, ``"negated"``, ``"modal"``, ``"conditional"``,
        ``"future"``, ``"denied"``, ``"question"``, ``"recap"``, or one of
        :func:`geo.non_events.non_event`'s (``"topic"``, ``"background"``,
        ``"commentary"``, ``"force generation"``).
    cue : str
        The words that decided it (``""`` for a plain fact).
    """

    reading: str
    cue: str = ""

    @property
    def is_event(self) -> bool:
        """Whether the clause reports something that happened (possibly hedged)."""
        return self.reading in {"fact", "hedged"}


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Return the clause of ``sentence`` that holds the phrase ``[start, end)``.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        The phrase's offsets in the sentence.

    Returns
    -------
    tuple of int
        Sentence-relative start and end of the clause.

    Examples
    --------
    >>> s = "Officials denied it, but troops captured the town."
    >>> a, b = clause_span(s, s.index("captured"), s.index("captured") + 8)
    >>> s[a:b]
    ' troops captured the town.'
    """
    lo, hi = 0, len(sentence)
    for m in _BOUNDARY.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def factuality(sentence: str, start: int, end: int) -> Factuality:
    """Read whether the action phrase at ``[start, end)`` is stated as a fact.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        The action phrase's offsets in the sentence.

    Returns
    -------
    Factuality

    Examples
    --------
    >>> s = "Kyiv denied that its troops had left the town."
    >>> factuality(s, s.index("left"), s.index("left") + 4).reading
    'denied'
    >>> s = "Troops will probably enter the town."
    >>> factuality(s, s.index("enter"), s.index("enter") + 5).reading
    'future'
    >>> s = "Troops likely entered the town."
    >>> factuality(s, s.index("entered"), s.index("entered") + 7).reading
    'hedged'
    """
    lo, hi = clause_span(sentence, start, end)
    before = sentence[lo:start]
    unverified = _VERIFY.search(before)
    if unverified:
        before = before[unverified.end() :]  # "could not verify that ...": about sourcing
    phrase = sentence[start:end]
    after = sentence[end:hi]
    if sentence.rstrip().rstrip("\"'”’)").endswith("?") or "?" in sentence[end : hi + 1]:
        return Factuality("question", "?")
    if _OPENS_CONDITIONAL.match(sentence) and not re.search(r";|,\s*but\b", sentence[:start]):
        return Factuality("conditional", _OPENS_CONDITIONAL.match(sentence).group(0).strip())
    m = _CONDITIONAL.search(before)
    if m:
        return Factuality("conditional", m.group(0))
    denial = _DENIED.search(before)
    if denial and _NEW_STATEMENT.search(before, denial.end()):
        denial = None  # "refuted this claim and stated that fighting goes on in X"
    m = (
        denial
        or _DENIED_AFTER.search(after)
        or _DESPITE_CLAIM.search(before)
        or _DENIED_LATER.search(sentence, end)
        # "reports that troops retook A, B, and C are false": the denial follows the content
        or (_CONTENT_NOUN.search(before) and _DENIED_AFTER.search(sentence, end))
    )
    if m:
        return Factuality("denied", m.group(0))
    talk = non_event(sentence, start, end, lo)
    if talk is not None:
        return Factuality(*talk)
    m = (
        _FUTURE_VERB.search(before)
        or _FUTURE.search(before)
        or _FUTURE_TIME.search(before + _own_predicate(after))
    )
    if m:
        return Factuality("future", m.group(0))
    negation_zone = before
    finite = [f for f in _AND_FINITE.finditer(before + phrase) if f.start() < len(before)]
    if finite:
        negation_zone = before[finite[-1].start() :]  # "did not attack and shelled X"
    # a modal verb reaches over coordinated verbs ("may have attacked X and shelled Y");
    # a purpose or a capacity does not ("set conditions for an assault and shelled X"),
    # unless the "-ed" word only qualifies the action's noun ("a controlled withdrawal")
    purpose_zone = before
    verbs = [
        f
        for f in finite
        if f.end() > len(before) or before[f.end() :].split() or _GOES_ON.search(f.group(0))
    ]
    if verbs:
        purpose_zone = before[verbs[-1].start() :]
    ordered = _ORDERED.search(purpose_zone)
    if ordered and _LEAVING.match(phrase) and not purpose_zone[ordered.end() :].strip():
        ordered = None  # "were ordered to withdraw": the side carries out its own order
    m = (
        _MODAL_VERB.search(before)
        or _MODAL.search(purpose_zone)
        or ordered
        or _PLANNED.search(before)
        or (_NOMINAL.search(phrase) and _WEIGHED_AFTER.search(after))
    )
    if m:
        return Factuality("modal", m.group(0))
    m = _NEGATED.search(negation_zone) or _NEGATED_INSIDE.search(phrase)
    if m:
        return Factuality("negated", m.group(0))
    m = _RECAP.search(before) or _PAST_PHASE.search(before + phrase + _own_predicate(after))
    if m:
        return Factuality("recap", m.group(0))
    m = _HEDGE.search(before)
    if m:
        return Factuality("hedged", m.group(0))
    return Factuality("fact")
