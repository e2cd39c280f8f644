"""Rules over one sentence's records: whose ground a gain is, one record per happening.

Split from :mod:`geo.events`, which builds the records; these functions decide what an
action is called on a place and which of a sentence's records say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from gazetteer.model import Place, PlaceKind
from geo.actions import ActionMatch
from geo.actors import Actor, country_code
from geo.model import Event, Mention

if TYPE_CHECKING:
    from geo.scenes import Doc

__all__ = ["has_object", "one_per_place", "property_taken", "territorial_action"]


def has_object(text: str, act: ActionMatch, front: Sequence[Mention]) -> bool:
    """Whether a named place stands right after the verb (or inside its phrase): its object.

    Parameters
    ----------
    text : str
        The article's text.
    act : ActionMatch
        The action (article offsets).
    front : sequence of Mention
        The sentence's front-line mentions.

    Returns
    -------
    bool
    """
    return any(
        m.text[:1].isupper()
        and (
            act.start < m.start < act.end
            or (m.start >= act.end and re.fullmatch(r"\s+(?:the\s+)?", text[act.end : m.start]))
        )
        for m in front
    )


#: A capitalised word: a name of its own in a taken object ("the Azovstal plant"); not a
#: model's designation or an acronym ("T-72 tanks", "BMP vehicles").
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[’'-][A-Za-z]+)*\b(?![’'-]?\d)")

#: Buildings, property and goods: what is taken inside a place, not the place itself.
_PROPERTY = (
    r"(?:buildings?|premises|offices?|facilit(?:y|ies)|propert(?:y|ies)|houses?|homes?|"
    r"apartments?|flats?|dwellings?|schools?|hospitals?|clinics?|kindergartens?|"
    r"universit(?:y|ies)|colleges?|church(?:es)?|monaster(?:y|ies)|museums?|hotels?|"
    r"sanatori(?:um|ums|a)|resorts?|shops?|stores?|markets?|businesses|enterprises?|"
    r"factor(?:y|ies)|morgues?|mortuar(?:y|ies)|halls?|stadiums?|theat(?:re|er)s?|cinemas?|"
    r"librar(?:y|ies)|dormitor(?:y|ies)|phones?|boats?|ships?|vessels?|livestock|cattle|"
    r"plants?|farms?|warehouses?|depots?|equipment|vehicles?|cars?|trucks?|tractors?|"
    r"machinery|tanks?|weapons?|ammunition|grain|harvests?|crops?|goods|cargo|supplies|"
    r"fuel|aid|documents?|passports?|money|cash|funds|assets)"
)
#: The verb's object headed by such a noun: a few words before it (articles, numbers,
#: adjectives, a possessive or the place's own name: "the X hospital"), none of which
#: starts a second object, a prepositional phrase or a clause.
_PROPERTY_OBJECT = re.compile(
    r"\s+(?:(?:amounts?|numbers?|lots|dozens|hundreds|thousands|pieces|tons|tonnes|"
    r"stocks)\s+of\s+|(?!(?:and|or|but|of|in|into|near|at|on|from|to|with|by|for|after|before|during|"
    r"since|while|when|as|then|following|amid|despite|under|over|across|through|toward|"
    r"towards|against|which|that|who|where|city|town|village|settlement|outskirts|"
    r"territory|ground|positions)\b)[\w'’-]+\s+){0,4}?"
    + r"(?P<noun>"
    + _PROPERTY
    + r")"
    # a modifier of the ground itself is no object of its own ("the resort town")
    + r"(?![\w'’-]|\s+(?:city|town|village|settlement|area|district|region)\b)",
    re.IGNORECASE,
)


#: People as a verb's object: "taking Ukrainian children to X" removes people, it takes no
#: ground.
_PEOPLE_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|some|many|more|several|hundreds|thousands|dozens|of|\d[\d,]*|"
    r"[A-Z][\w'’-]+|[a-z]+ly|young|local|wounded|captured|civilian)\s+){0,4}?"
    r"(?:children|kids|minors|orphans|teenagers|students|civilians|residents|people|men|women|"
    r"families|citizens|prisoners|POWs|hostages|detainees|deportees|refugees|evacuees)\b"
)


def people_taken(text: str, act: ActionMatch, target: Mention) -> bool:
    """Whether a capture verb's object is people, the place only where they are taken.

    Examples
    --------
    >>> from geo.actions import find_actions
    >>> s = "Officials are taking Ukrainian children to Ashford."
    >>> ashford = Mention(s.index("Ashford"), s.index("Ashford") + 7, "Ashford", ())
    >>> people_taken(s, find_actions(s)[0], ashford)
    True
    >>> s = "Troops are taking Ashford street by street."
    >>> ashford = Mention(s.index("Ashford"), s.index("Ashford") + 7, "Ashford", ())
    >>> people_taken(s, find_actions(s)[0], ashford)
    False
    """
    if act.action != "capture" or act.agent != "before" or act.passive:
        return False
    m = _PEOPLE_OBJECT.match(text, act.end)
    return m is not None and m.end() <= target.start


def property_taken(text: str, act: ActionMatch, target: Mention) -> bool:
    """Whether a capture's object is a building, property or goods in a place, not the place.

    "Seized a hospital in X", "captured tourist facilities near X", "seized the X
    plant": what changed hands lies in X; X itself did not change hands, and its taker
    holds it already, at most (the event is a ``hold``). A place whose own name holds
    the noun ("the X Power Plant") is what was taken.

    Parameters
    ----------
    text : str
        The article's text.
    act : ActionMatch
        The action (article offsets).
    target : Mention
        A place of the action.

    Returns
    -------
    bool

    Examples
    --------
    >>> from geo.actions import find_actions
    >>> s = "Troops seized two hotels in Yalta."
    >>> yalta = Mention(s.index("Yalta"), s.index("Yalta") + 5, "Yalta", ())
    >>> property_taken(s, find_actions(s)[0], yalta)
    True
    >>> s = "Troops seized the resort town of Yalta and its hotels."
    >>> yalta = Mention(s.index("Yalta"), s.index("Yalta") + 5, "Yalta", ())
    >>> property_taken(s, find_actions(s)[0], yalta)
    False
    """
    if act.action not in {"capture", "liberate"} or act.agent != "before" or act.passive:
        return False
    m = _PROPERTY_OBJECT.match(text, act.end)
    if m is None or target.start <= m.start("noun") < target.end:
        return False
    # A site with a name of its own ("the Azovstal steel plant") is ground fought over,
    # not property: its capture stands. A demonym ("Ukrainian equipment") or the place's
    # own name ("the Nova Kakhovka hospital") is no such name.
    named = [
        w
        for w in _CAPITALISED.finditer(text, m.start(), m.start("noun"))
        if not target.start <= w.start() < target.end and country_code(w.group()) is None
    ]
    return not named


#: A holding told as a participle ("the last part of the city still held by Y"): a
#: description of what a taking in the same sentence ended, not a report of its own.
_PRIOR_HOLDING = re.compile(r"\b(?:held|controlled|occupied|defended)\s+by\b", re.IGNORECASE)
#: A contrast makes the holding a rebuttal: "claimed X captured, but Y still holds it".
_CONTRAST_WORD = re.compile(r"\b(?:but|though|although|however|while|yet|despite)\b", re.I)


def one_per_place(events: list[Event]) -> list[Event]:
    """Keep one record per happening in a sentence.

    One gain per side and place: "advanced into X and took control of X" is a capture.
    A holding by the other side that a taking ended, told alike, is the state before it.

    A capture dated otherwise ("expanded their zone near X, which they captured on
    <an earlier day>") is another happening: the advance stays.

    Parameters
    ----------
    events : list of Event
        The records of one sentence.

    Returns
    -------
    list of Event
        The same records, repeats of one happening left out.
    """
    takings = [e for e in events if e.action in {"capture", "liberate"} and e.actor1]
    taken = {(e.actor1, e.place_id, e.date_start, e.date_end) for e in takings}
    # "took X, the last part of the city still held by Y": the holding the taking ended,
    # told by the same source as a participle (a rebuttal, "but Y still holds X", stands)
    ended = {(e.place_id, e.date_start, e.date_end, e.verification): e.actor1 for e in takings}
    # "explosions in X" beside "Ukrainian forces struck X": one strike, its side named
    named = {(e.action, e.place_id) for e in events if e.actor1}
    return [
        e
        for e in events
        if not (
            e.action in {"advance", "reach"}
            and (e.actor1, e.place_id, e.date_start, e.date_end) in taken
        )
        and not (
            e.action == "hold"
            and ended.get((e.place_id, e.date_start, e.date_end, e.verification), e.actor1)
            != e.actor1
            and _PRIOR_HOLDING.search(e.quote or "")
            and not _CONTRAST_WORD.search(e.quote or "")
        )
        and (e.actor1 or (e.action, e.place_id) not in named)
    ]


_RETAKING = re.compile(
    r"\b(?:retak(?:e|es|en|ing)|retook|liberat(?:e|ed|es|ing|ion)|recaptur(?:e|ed|es|ing)|"
    r"regain(?:s|ed|ing)?|(?:took|taking|take[sn]?)\s+back|won\s+back|freed|back\s+in\s+"
    r"(?:\w+\s+)?hands|cleared\s+of)\b",
    re.IGNORECASE,
)
_ENTRY = re.compile(r"^(?:ent(?:er|ers|ered|ering)|mov\w*\s+(?:back\s+)?into|broke\w*\s+into)")


def territorial_action(doc: Doc, act: ActionMatch, agent: Actor | None, place: Place) -> str:
    """Adjust a territorial action to whose land the place is.

    Taking ground in one's own country is a liberation, in another's a capture
    ("Russia says the city was liberated" is a capture of a Ukrainian city). Entering
    a town of one's own country is a liberation when its paragraph (or the title)
    speaks of retaking ground; otherwise an entry is an advance.

    Parameters
    ----------
    doc : geo.scenes.Doc
        What the article's sentences share.
    act : ActionMatch
        The action.
    agent : Actor or None
        Who did it.
    place : Place
        Where.

    Returns
    -------
    str
        The action to record.
    """
    side = agent.side if agent is not None else ""
    if not side or not place.country or place.kind is PlaceKind.BORDER:
        return act.action
    own = place.country == side
    if act.action == "liberate" and not own and place.country in doc.parties:
        return "capture"
    if act.action == "capture" and own and len(doc.parties) == 2:
        return "liberate"
    expelled = re.search(r"\bout$", act.text) and re.match(
        r"\s+of\b", doc.article.text[act.end : act.end + 5]
    )
    if act.action == "advance" and own and expelled:
        return "liberate"  # "drove the enemy out of X", X in one's own country
    if act.action == "advance" and own and _ENTRY.match(act.text.lower()):
        # retaking spoken of in the title or the entry's own paragraph: a long report
        # that mentions a liberation somewhere says nothing of this entry
        title = doc.article.title or ""
        if _RETAKING.search(_paragraph_of(doc, act.start)) or _RETAKING.search(title):
            return "liberate"
    return act.action


def _paragraph_of(doc: Doc, offset: int) -> str:
    """Return the text of the paragraph holding an article offset."""
    para = next((s.paragraph for s in doc.sentences if s.start <= offset < s.end), None)
    if para is None:
        return doc.article.text
    spans = [s for s in doc.sentences if s.paragraph == para]
    return doc.article.text[spans[0].start : spans[-1].end]
