"""Which places an action is about: the choice of an event's places in a sentence.

:mod:`geo.events` walks an article sentence by sentence; this module decides which
of the sentence's place mentions are front-line locations and which of them each
action is about.

* Countries are never front-line locations (they are actors or context); only
  settlements, administrative areas, regions, borders and features are
  (:data:`FRONT_KINDS`).
* Demonyms ("Russian") are adjectives, never locations. National capitals standing
  for governments ("Washington regarded", "Moscow announced", "a Washington think
  tank") and places more than about 1,000 km outside the host country are not
  front-line locations.
* "the region", "the city", "there" point back to places named before: "the
  city/town/port/plant" is the settlement named before it in the sentence, else the
  paragraph's last settlement, else the article's main settlement (named in the
  headline, else the first of the first paragraph); "the region" is the paragraph's
  last area.
* "the border" without a resolved border mention is found by
  :func:`geo.relative.find_border` from an anchor place: the sentence's last
  settlement, else the paragraph's or the article's in the host country.
* An action is about the mentions after its verb up to the next action (the first
  and those conjoined to it), else the one before it in the clause. A passive verb
  is about its subject (the clause's first place); a transitive verb with nothing
  after it ("the parts of X it controls, to Y") about the place before.
* A relative clause is about the pronoun's antecedent: "Izium, which Russia captured
  in April" is about Izium, "X, a town near Y, that ..." about X.
* A place before the verb that only sets the scene ("pushed them back from X,
  liberating nearby villages") gives an event near it, not at it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike
from geo.actions import ActionMatch
from geo.actors import country_code, country_index
from geo.clauses import RelativeClause
from geo.lists import is_reference, place_list
from geo.model import Mention
from geo.relative import GOAL_BEFORE, SECTOR_CITY, find_border, on_line

__all__ = [
    "AREA_KINDS",
    "FRONT_KINDS",
    "action_targets",
    "antecedent",
    "as_oblast",
    "back_references",
    "border_anchor",
    "border_mention",
    "is_demonym",
    "is_far_away",
    "is_metonym",
    "is_reference",
    "main_place",
    "object_elsewhere",
    "raion_list",
]

#: Kinds of place that can be front-line locations.
FRONT_KINDS = frozenset(
    {
        PlaceKind.SETTLEMENT,
        PlaceKind.ADMIN1,
        PlaceKind.ADMIN2,
        PlaceKind.REGION,
        PlaceKind.BORDER,
        PlaceKind.FEATURE,
    }
)
#: Kinds of place that are areas ("in" rather than "near" or "at" them).
AREA_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION})
_BACKREF = re.compile(
    r"\b(?:(?:the|this|that)\s+(?P<word>region|oblast|province|area|city|town|village|settlement|"
    r"capital|territory|port|plant|steelworks|factory|station|airfield|airport)|(?P<there>there))"
    r"\b(?!\s+of\s+[A-Z])"
    r"(?!\s+(?:governor|administration|authorities|council|officials?|mayor|head|chief|residents|"
    r"commander|police|['’]s)\b)",
    re.IGNORECASE,
)
#: What follows a transitive verb whose object is not after it (a gap).
_NO_OBJECT = re.compile(r"\s*(?:[,.;:]|(?:to|from|toward|towards|until)\b)")
#: An object of unnamed places: "the recapture of other key cities", "seized several
#: villages" (the places named before it are not the ones taken).
_UNNAMED_OBJECT = re.compile(
    r"\s+(?:of\s+)?(?:the\s+)?(?:other|several|multiple|some|many|numerous|a\s+number\s+of|"
    r"a\s+few|few|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:settlements|villages|towns|cities|hamlets|localities)\b",
    re.IGNORECASE,
)
#: What joins conjoined places ("X and Y", "X, Y or Z").
_CONJOINED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$")
#: Nouns that refer back to a settlement (a plant or a port stands in its town).
_TOWN_WORDS = frozenset(
    {"city", "town", "village", "settlement", "port", "plant", "steelworks", "factory", "station"}
    | {"airfield", "airport"}
)
#: What comes before a capital named as a place: a preposition or a verb of movement.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|into|to|from|near|around|of|toward|towards|on|at|outside|by|for|with|past|"
    r"through|across|beyond|inside|reach|reached|reaching|entered|left|took|take|taken|"
    r"captured|liberated|retook|and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: What follows a capital that stands for its government: a verb of saying, thinking or
#: wanting, a negated auxiliary, or a noun it qualifies ("a Washington think tank").
_SPEAKS = re.compile(
    r"(?:\s+(?:has|have|had|also|now|later|earlier|again|then|\w+ly))*\s+"
    r"(?:said|says|say|regard(?:s|ed)?|announc(?:es|ed)|claim(?:s|ed)?|den(?:y|ies|ied)|"
    r"warn(?:s|ed)?|insist(?:s|ed)?|accus(?:es|ed)|want(?:s|ed)?|believ(?:es|ed)|"
    r"consider(?:s|ed)?|view(?:s|ed)?|see(?:s)?|saw|reject(?:s|ed)?|demand(?:s|ed)?|"
    r"call(?:s|ed)|urg(?:es|ed)|respond(?:s|ed)|react(?:s|ed)|promis(?:es|ed)|vow(?:s|ed)|"
    r"hop(?:es|ed)|fear(?:s|ed)|expect(?:s|ed)|agree(?:s|d)|decid(?:es|ed)|plan(?:s|ned)|"
    r"stated|added|told|confirm(?:s|ed)|recogni[sz](?:es|ed)|welcom(?:es|ed)|condemn(?:s|ed)|"
    r"(?:is|was|has|had|does|did|would|will)\s+not|does|did|would|think\s+tanks?|officials?|"
    r"government|authorities|leadership|regime|administration|diplomats?|talks|summit|"
    r"correspondents?|bureau|insiders?|policy)\b"
)
#: Degrees (about 1,100 km) beyond which a place is outside the war's theatre.
_THEATRE_DEGREES = 10.0


def main_place(
    resolved: Sequence[Mention], paragraphs: Sequence[tuple[int, int]], title: str = ""
) -> Place | None:
    """Return the article's main settlement.

    A settlement named in the headline (the most named of them), else the first one of
    the first paragraph, else the most named one.

    Parameters
    ----------
    resolved : sequence of Mention
        The article's resolved mentions, in text order.
    paragraphs : sequence of (int, int)
        The paragraphs' character spans.
    title : str
        The headline.

    Returns
    -------
    Place or None
        None when the article names no settlement.
    """
    towns = [m for m in resolved if m.place.kind is PlaceKind.SETTLEMENT]
    if not towns:
        return None
    counts = Counter(m.place.id for m in towns)
    words = title.lower()
    headline = [m for m in towns if m.text.lower() in words or m.place.name.lower() in words]
    if headline:
        return max(headline, key=lambda m: (counts[m.place.id], -m.start)).place
    lead_end = paragraphs[0][1] if paragraphs else 0
    lead = [m for m in towns if m.start < lead_end]
    if lead:
        return lead[0].place
    return max(towns, key=lambda m: (counts[m.place.id], -m.start)).place


def back_references(
    s_text: str,
    offset: int,
    para_places: list[Place],
    *,
    towns: Sequence[Mention] = (),
    main: Place | None = None,
) -> list[Mention]:
    """Mentions standing for "the region", "the city", "there".

    "the city/town" is the last settlement named before it in the sentence, else the
    paragraph's, else the article's main place; "the region" the paragraph's last area.

    Parameters
    ----------
    s_text : str
        The sentence.
    offset : int
        The sentence's start in the article.
    para_places : list of Place
        The front-line places named so far in the paragraph, in text order.
    towns : sequence of Mention
        The sentence's settlement mentions.
    main : Place, optional
        The article's main settlement (:func:`main_place`).

    Returns
    -------
    list of Mention
        In text order, with the cue ``"reference"`` and article offsets.
    """
    out = []
    for m in _BACKREF.finditer(s_text):
        word = (m.group("word") or "").lower()
        if word in _TOWN_WORDS:
            earlier = [t.place for t in towns if t.end <= m.start() + offset]
            local = [p for p in para_places if p.kind is PlaceKind.SETTLEMENT]
            pool = earlier or local or ([main] if main is not None else [])
            if pool:
                out.append(
                    Mention(
                        m.start() + offset, m.end() + offset, m.group(0), ("reference",), pool[-1]
                    )
                )
            continue
        if not para_places:
            continue
        if word in {"region", "oblast", "province", "area", "territory"}:
            areas = [p for p in para_places if p.kind in AREA_KINDS]
            place = areas[-1] if areas and word != "area" else para_places[-1]
        elif word:
            towns = [p for p in para_places if p.kind is PlaceKind.SETTLEMENT]
            place = towns[-1] if towns else para_places[-1]
        else:
            place = para_places[-1]
        out.append(Mention(m.start() + offset, m.end() + offset, m.group(0), ("reference",), place))
    return out


def is_demonym(word: str, gaz: GazetteerLike) -> bool:
    """Whether a mention is a demonym ("Russian"): an adjective, never a location.

    Parameters
    ----------
    word : str
        The mention's text.
    gaz : Gazetteer or None
        Demonyms and country names.

    Returns
    -------
    bool
    """
    return word.lower() not in country_index().by_name and country_code(word, gaz=gaz) is not None


def is_metonym(text: str, mention: Mention) -> bool:
    """Whether a capital stands for its government ("Moscow announced", "a Washington think tank").

    A national capital that is not governed by a preposition or a verb of movement
    names the government (the subject of "said", "regarded", "does not control") or
    qualifies a noun; it is a speaker, not a place where fighting happens.

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A resolved mention in it.

    Returns
    -------
    bool
    """
    name = mention.text.lower()
    capitals = country_index().capitals
    if name not in capitals and (mention.place.name or "").lower() not in capitals:
        return False
    if mention.place.kind is not PlaceKind.SETTLEMENT:
        return False
    head = text[max(0, mention.start - 40) : mention.start]
    if _PREPOSITION_BEFORE.search(head):
        return False
    return _SPEAKS.match(text[mention.end : mention.end + 40]) is not None


def is_far_away(place: Place, *, host: str, gaz: GazetteerLike) -> bool:
    """Whether a place lies far outside the host country (another continent's capital).

    Parameters
    ----------
    place : Place
        The place.
    host : str
        ISO2 of the article's host country ("" when unknown).
    gaz : Gazetteer or None
        Country outlines; without it nothing is far away.

    Returns
    -------
    bool
    """
    if gaz is None or not host or place.country == host:
        return False
    try:
        country = gaz.country(host)
    except (KeyError, ValueError):
        return False
    if country is None or getattr(country, "geometry", None) is None:
        return False
    import shapely

    return float(country.geometry.distance(shapely.Point(place.lon, place.lat))) > _THEATRE_DEGREES


def border_anchor(
    front: list[Mention], para_places: list[Place], article_places: list[Place], *, host: str
) -> Place | None:
    """Pick the place a border is measured from.

    The sentence's last settlement, else the paragraph's, else the article's; outside
    the sentence only places in the host country count (the side the front runs
    through). Areas stand in when there is no settlement.

    Parameters
    ----------
    front : list of Mention
        The sentence's front-line mentions.
    para_places, article_places : list of Place
        The front-line places named so far in the paragraph and in the article.
    host : str
        ISO2 of the article's host country ("" when unknown: every place counts).

    Returns
    -------
    Place or None
    """

    def home(places: list[Place]) -> list[Place]:
        return [p for p in places if not host or p.country == host]

    pools = ([m.place for m in front], home(para_places), home(article_places))
    for pool in pools:
        towns = [p for p in pool if p.kind is PlaceKind.SETTLEMENT]
        if towns:
            return towns[-1]
    for pool in pools:
        others = [p for p in pool if p.kind is not PlaceKind.BORDER]
        if others:
            return others[-1]
    return None


def border_mention(
    s_text: str, offset: int, anchor: Place | None, *, gaz: GazetteerLike, other: str
) -> Mention | None:
    """Return a mention for the word "border" in a sentence, placed on the border it means.

    Parameters
    ----------
    s_text : str
        The sentence, where the first "border" is the one meant.
    offset : int
        The sentence's start in the article.
    anchor : Place or None
        The place the border is measured from (:func:`border_anchor`).
    gaz : Gazetteer
        Borders and border points.
    other : str
        ISO2 of the country on the other side, when the sentence does not name it.

    Returns
    -------
    Mention or None
        With the cue ``"border"``; None without the word or a border found.
    """
    # "the Kharkiv-Donetsk Oblast border" is a line between oblasts, not a state border
    m = next(
        (
            b
            for b in re.finditer(r"\bborder\b", s_text)
            if not re.search(
                r"(?:[Oo]blasts?|administrative|[A-Z][\w'’]*-[A-Z][\w'’]*)\s+$", s_text[: b.start()]
            )
        ),
        None,
    )
    if m is None:
        return None
    place = find_border(s_text, anchor, gaz=gaz, other=other)
    if place is None:
        return None
    return Mention(m.start() + offset, m.end() + offset, m.group(0), ("border",), place)


#: A place naming a line of operations ("the Kharkiv City direction", "the X-Y axis"): the
#: direction is not the place, so a control action says nothing of who holds it.
_AXIS_AFTER = re.compile(
    r"(?:\s*[-–]\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)*\s+(?:City\s+|Oblast\s+)?"
    r"(?:(?:operational\s+)?directions?|ax[ie]s|sectors?|front)\b"
)
_CONTROL = frozenset({"capture", "liberate", "hold", "withdraw"})
_BY_THE_RIVER = re.compile(
    r"\b(?:bank|banks|shore|side)\s+of\s+(?:the\s+)?$|\b(?:over|across|under|toward|towards|to|"
    r"beyond|behind|cross|crosses|crossed|crossing|along)\s+(?:the\s+)?$|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "the west (right) bank of the": a river's bank named before the river.
_BANK_OF = re.compile(r"\bbanks?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: "shelled X from Y", "drones launched from Y": where a strike came from is not its target.
_LAUNCHED_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:territory|positions?|areas?|direction)\s+(?:of|in|near|around)\s+)?"
    r"(?:the\s+)?(?:(?:Russian|Ukrainian)[\w-]*\s+)?$"
)
#: "X, Kherson Oblast": an oblast after a name and a comma says where X lies.
_QUALIFIER_BEFORE = re.compile(r"[A-Z][\w'’-]*,\s*$")
#: "southwest of A and B in C, D": the places after "in" are where it happened.
_ANCHOR_THEN_IN = re.compile(
    r"^(?:\s+City)?\s*,?\s*(?:in|at|near|around)\s+(?:the\s+)?"
    r"(?:(?:settlements?|villages?|areas?)\s+of\s+)?$"
)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
#: "in X, about 15km southeast of Y": Y locates X (named or not), it is not the place.
_APPOSITIVE_ANCHOR = re.compile(
    r"[A-Z][\w'’-]*\s*[,(]\s*(?:(?:about|approximately|roughly|some|around|nearly|just)\s+)?"
    r"\d+(?:\.\d+)?\s*(?:km|kilomet\w*|miles?)\s+(?:north|south|east|west)[\w-]*\s+of\s+"
    r"(?:the\s+)?$"
)
_STRUCTURE = re.compile(r"(?i:bridge|dam\b|plant|station)")
_ORIGIN_OR_GOAL = re.compile(
    r"\b(?:from|towards?)\s+(?:(?:positions?|areas?)\s+(?:in|near|around)\s+|the\s+direction\s+of\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


#: "Kherson and Zaporizhia Oblasts", "Donetsk and Luhansk oblasts": names of oblasts.
_OBLASTS_AFTER = re.compile(
    r"(?:\s*\([^()]*\))?(?:\s*(?:,|and|or|,\s*and)\s*[A-Z][\w'’-]+(?:\s*\([^()]*\))?)*\s+[Oo]blasts\b"
)


def as_oblast(text: str, mention: Mention, gaz: GazetteerLike | None) -> Mention:
    """Read a city's name as its oblast where the text names oblasts ("X and Y Oblasts").

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A resolved mention.
    gaz : Gazetteer or None
        Resolves the name as an oblast.

    Returns
    -------
    Mention
        The mention, placed on the first-level unit of the same name when the text
        calls it an oblast; unchanged otherwise.
    """
    place = mention.place
    if gaz is None or place is None or place.kind is not PlaceKind.SETTLEMENT:
        return mention
    if _OBLASTS_AFTER.match(text, mention.end):
        names = [mention.text]
    elif on_line(text, mention):
        # "the Kherson-Mykolaiv frontline": oblast centres naming the line between oblasts
        names = _line_names(text, mention)
    else:
        return mention
    oblasts = [
        gaz.resolve(name, cues=("oblast",), kinds=[PlaceKind.ADMIN1], country=place.country or None)
        for name in names
    ]
    if any(
        o is None
        or o.kind is not PlaceKind.ADMIN1
        or o.country != place.country
        # the resolver's nearest first-level unit is not one of that name
        or not _fold(o.name).startswith(_fold(name)[:4])
        for o, name in zip(oblasts, names, strict=True)
    ):
        return mention
    return replace(mention, place=oblasts[names.index(mention.text)])


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalpha())


def _line_names(text: str, mention: Mention) -> list[str]:
    """Return the names of "the A-B line" the mention is one of, in text order."""
    head = re.search(
        r"(?:[A-Z][\w'’]*(?:\s+City)?\s*[-–]\s*)*$",
        text[max(0, mention.start - 80) : mention.start],
    )
    tail = re.match(r"(?:(?:\s+City)?\s*[-–]\s*[A-Z][\w'’]*)*", text[mention.end :])
    around = [head.group(0) if head else "", tail.group(0) if tail else ""]
    before = [w for w in re.findall(r"[A-Z][\w'’]*", around[0]) if w != "City"]
    after = [w for w in re.findall(r"[A-Z][\w'’]*", around[1]) if w != "City"]
    return [*before, mention.text, *after]


def _qualifies_unnamed(text: str, m: Mention, pool: Sequence[Mention]) -> bool:
    """Whether an oblast only qualifies the name before it ("Brukivka, Kherson Oblast").

    The name may be one the gazetteer lacks: the oblast still says where that place
    lies, not where the action happened.
    """
    if m.place.kind is not PlaceKind.ADMIN1:
        return False
    head = text[max(0, m.start - 40) : m.start]
    if not _QUALIFIER_BEFORE.search(head):
        return False
    # "Donetsk, Luhansk and Kharkiv Oblasts": a list of oblasts, not a qualifier
    return not any(
        o.place.kind in AREA_KINDS and o.end <= m.start and m.start - o.end <= 3 for o in pool
    )


def _past_anchors(chosen: list[Mention], text: str) -> list[Mention]:
    """Drop the reference points of "southwest of A and B in C, D": C and D are the places.

    The same for "between A and B in the areas of C and D".
    """
    from geo.relative import bearing_phrase

    for i, m in enumerate(chosen[:-1]):
        head = text[max(0, m.start - 40) : m.start]
        if bearing_phrase(head) is None and not _BETWEEN.search(head):
            continue
        j = i
        while j + 1 < len(chosen) and _CONJOINED.match(text[chosen[j].end : chosen[j + 1].start]):
            j += 1
        if j + 1 < len(chosen) and _ANCHOR_THEN_IN.match(text[chosen[j].end : chosen[j + 1].start]):
            return chosen[:i] + chosen[j + 1 :]
        break
    return chosen


#: "in A, B, and C Raions": the names before a plural "Raions" that it also governs.
_RAIONS_AFTER = re.compile(r"(?:\s+[Rr]aions|\s+[Dd]istricts)\b")
_UNITS_BEFORE = re.compile(r"(?:[A-Z][\w'’-]+(?:\s*,\s*(?:and\s+)?|\s+and\s+))+$")


def raion_list(text: str, mention: Mention, gaz: GazetteerLike | None) -> list[Mention]:
    """Return the raions named before "X Raions" ("in A, B, and X Raions"): A and B.

    The recogniser finds the last name, the one "Raions" follows; the adjectives before
    it name raions too, and are placed as the raions of the same country.

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A resolved mention.
    gaz : Gazetteer or None
        Resolves the names as raions.

    Returns
    -------
    list of Mention
        The other raions of the list, in text order (empty when there is no such list).
    """
    place = mention.place
    if gaz is None or place is None or place.kind is not PlaceKind.ADMIN2:
        return []
    if not _RAIONS_AFTER.match(text, mention.end):
        return []
    head = _UNITS_BEFORE.search(text[max(0, mention.start - 200) : mention.start])
    if head is None:
        return []
    base = mention.start - len(head.group(0))
    out = []
    for word in re.finditer(r"[A-Z][\w'’-]+", head.group(0)):
        if word.group(0) in {"And", "The"}:
            continue
        raion = gaz.resolve(
            word.group(0), cues=("raion",), kinds=[PlaceKind.ADMIN2], country=place.country or None
        )
        if raion is not None and raion.kind is PlaceKind.ADMIN2:
            start = base + word.start()
            out.append(Mention(start, start + len(word.group(0)), word.group(0), ("raion",), raion))
    return out


def action_targets(
    pool: list[Mention], act: ActionMatch, lo: int, hi: int, text: str
) -> list[Mention]:
    """Pick the mentions an action is about: the first after it (and conjoined), else before.

    Parameters
    ----------
    pool : list of Mention
        The sentence's front-line mentions, in text order.
    act : ActionMatch
        The action.
    lo, hi : int
        Article offsets of the action's stretch: the end of the previous action (or
        the sentence's start) and the start of the next (or the sentence's end).
    text : str
        The article's text.

    Returns
    -------
    list of Mention
        Possibly empty.
    """
    if act.action in _CONTROL:
        pool = [m for m in pool if not _AXIS_AFTER.match(text, m.end)]
    pool = _line_places(text, pool)
    # a place inside the phrase ("shelling of X intensified") counts as after it
    after = [
        m for m in pool if (act.end if act.agent == "inside" else act.start + 1) <= m.start < hi
    ]
    before = [m for m in pool if lo <= m.start < act.start]
    if act.agent == "inside":
        # "Russian-held Kherson": the place right after; "X remains in Russian hands": X
        adjacent = [
            m
            for m in after
            if re.fullmatch(
                r"\s+(?:the\s+)?(?:(?:city|town|village|port|region|district)\s+of\s+)?",
                text[act.end : m.start],
            )
        ]
        if adjacent:
            return adjacent[:1]
        predicative = re.match(
            r"(?:remain|stay|is\b|are\b|was\b|were\b|still|c(?:ame|omes|oming)\b|"
            r"f(?:ell|alls|allen)\b)",
            act.text,
        ) or (
            re.search(
                r"\b(?:remains?|remained|stay(?:s|ed)?|is|are|was|were|still|now)\s+$",
                text[max(lo, act.start - 30) : act.start],
            )
        )
        return before[:1] if before and predicative else []
    if (
        before
        and act.action in {"capture", "liberate", "hold"}
        and not act.passive
        and _NO_OBJECT.match(text[act.end : act.end + 40])
    ):
        after = []  # "the parts of X it already controls, to Y": the object came before
    if act.action == "strike":
        pool = [m for m in pool if not _LAUNCHED_FROM.search(text[max(0, m.start - 60) : m.start])]
    pool = [
        m
        for m in pool
        if not _qualifies_unnamed(text, m, pool)
        and not _APPOSITIVE_ANCHOR.search(text[max(0, m.start - 80) : m.start])
    ]
    after = [m for m in after if m in pool]
    before = [m for m in before if m in pool]
    if after:
        first = after[0]
        rest = _past_anchors(after, text)
        if rest and rest == after[len(after) - len(rest) :] and len(rest) < len(after):
            chosen = place_list(rest, text, lo=lo)  # the action's places start after "in"
        else:
            chosen = _past_anchors(place_list(after, text, lo=lo), text)
        if act.action == "advance":
            # "pushed from X toward Y near Z": neither the origin nor the goal is where it
            # happened, unless the text names nothing else
            here = [
                m for m in chosen if m.place.kind is PlaceKind.BORDER or not _goal(text, m, chosen)
            ]
            chosen = here or chosen
        if act.action == "withdraw":
            # "withdrew from X toward Y": Y is where the force went, not the ground left
            left = [m for m in chosen if not _goal(text, m, chosen, GOAL_BEFORE, 120)]
            if left and len(left) < len(chosen):
                after = [m for m in after if m in left or m not in chosen]
                chosen = left
        # a river the action is over, across, toward or along the bank of only locates it
        rivers = [
            m
            for m in chosen
            if m.place.kind is PlaceKind.FEATURE
            and not _STRUCTURE.search(m.place.id)  # a bridge or dam is a target itself
            and (len(chosen) > 1 or _BY_THE_RIVER.search(text[max(0, m.start - 40) : m.start]))
        ]
        chosen = [m for m in chosen if m not in rivers]
        if not chosen and act.action == "withdraw":
            # "withdrew from the west bank of the X River": the bank of that river is the
            # ground left (the river is its place; a line gives no claim of its own), when
            # the sentence says the force left it ("from the X bank", "to the Y bank")
            from geo.control_banks import left_bank_word

            if left_bank_word(text[lo:hi]) is None:
                return []
            return [m for m in rivers if _BANK_OF.search(text[max(0, m.start - 40) : m.start])][:1]
        if not chosen:
            return []
        if first.place.kind is PlaceKind.BORDER or not any(
            m.place.kind is PlaceKind.BORDER for m in after
        ):
            return chosen
        return [next(m for m in after if m.place.kind is PlaceKind.BORDER)]
    if before and act.passive:
        # the patient of a passive verb is its subject: the clause's first place
        # (and those joined to it), not a place inside an appositive or locative
        head = text[lo : act.start]
        cut = max(
            (m.end() for m in re.finditer(r"\b(?:that|said|says|wrote|told|;|:)\s", head)),
            default=0,
        )
        subject = [m for m in before if m.start >= lo + cut] or before
        chosen = [subject[0]]
        for m in subject[1:]:
            if _CONJOINED.match(text[chosen[-1].end : m.start]):
                chosen.append(m)
            else:
                break
        return chosen
    if act.action in _CONTROL and _UNNAMED_OBJECT.match(text, act.end):
        return []  # "defended X and retook other cities": the cities taken go unnamed
    # a place in a parenthetical or after "<compass> of" only locates another place
    own = [m for m in before if not is_reference(text, m, lo)]
    if own and on_line(text, own[-1]):
        # "fighting on the A-B line continued": every place of the line
        line = [own[-1]]
        for m in reversed(own[:-1]):
            if not re.fullmatch(r"(?:\s+City)?\s*[-–]\s*", text[m.end : line[0].start]):
                break
            line.insert(0, m)
        return line
    return own[-1:]


#: What joins two items of one list: "A, B, and C", "A (5km north of X), B".
_ASIDE = re.compile(r"\s*\([^()]*\)")
_LIST_JOIN = re.compile(
    r"(?:\s*\([^()]*\))?\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
)


def _line_places(text: str, chosen: list[Mention]) -> list[Mention]:
    """Drop the cities that only name a sector: "the Avdiivka-Donetsk City area" is Avdiivka.

    The places of "the A-B line" are each where the action happened, except a city
    (:data:`geo.relative.SECTOR_CITY`) named beside a smaller place of the same line:
    the front runs through the smaller place, and the city is its reference.
    """
    lines = [m for m in chosen if m.place.kind is PlaceKind.SETTLEMENT and on_line(text, m)]
    if not any(m.place.population < SECTOR_CITY for m in lines):
        return chosen
    return [m for m in chosen if m not in lines or m.place.population < SECTOR_CITY]


def _goal(
    text: str,
    m: Mention,
    chosen: Sequence[Mention],
    cue: re.Pattern[str] = _ORIGIN_OR_GOAL,
    reach: int = 50,
) -> bool:
    """Whether a place is an origin or goal: after "from"/"toward", or listed with one.

    The ``cue`` is sought in the ``reach`` characters before the place, asides in
    parentheses left out.
    """
    if cue.search(_ASIDE.sub("", text[max(0, m.start - reach) : m.start])):
        return True
    i = chosen.index(m)
    return (
        i > 0
        and bool(_LIST_JOIN.fullmatch(text, chosen[i - 1].end, m.start))
        and _goal(text, chosen[i - 1], chosen, cue, reach)
    )


def antecedent(
    text: str, clause: RelativeClause, pool: Sequence[Mention], sentence_start: int
) -> Mention | None:
    """Return the place a relative pronoun refers back to, or None when it is not a place.

    "Izium, which ...": the mention right before the pronoun. "Balakliia, a town 70 km
    south-east of Kharkiv that ...": an appositive noun phrase stands between, so the
    mention before the appositive's comma.

    Parameters
    ----------
    text : str
        The article's text.
    clause : RelativeClause
        The relative clause (:func:`geo.clauses.relative_clause`).
    pool : sequence of Mention
        The sentence's front-line mentions, in text order.
    sentence_start : int
        The sentence's start in the article.

    Returns
    -------
    Mention or None
    """
    before = [m for m in pool if sentence_start <= m.start and m.end <= clause.start]
    if not before:
        return None
    head = text[sentence_start : clause.start]
    comma = head.rfind(",")
    if comma >= 0 and re.match(r"\s*(?:an?|the|one)\s+[a-z]", head[comma + 1 :]):
        for m in reversed(before):
            if m.end <= sentence_start + comma and re.fullmatch(
                r"\s*", text[m.end : sentence_start + comma]
            ):
                return m
        return None
    last = before[-1]
    if re.fullmatch(r"[\s,—–(-]*", text[last.end : clause.start]):
        return last
    # "X (6km south of Y), which ...": the parenthesis only locates X
    paren = re.search(r"\s*\([^()]*\)[\s,]*$", head)
    if paren is not None:
        outside = [m for m in before if m.end <= sentence_start + paren.start()]
        if outside and re.fullmatch(r"\s*", text[outside[-1].end : sentence_start + paren.start()]):
            return outside[-1]
    return None


def object_elsewhere(text: str, target: Mention, act: ActionMatch) -> bool:
    """Whether the place only sets the scene for an action done to something else.

    "pushed them back from X, liberating nearby villages": X comes before the verb, is
    not its subject (no relative pronoun links them) and the verb has an object of its
    own, so the event happened near X, not at X.

    Parameters
    ----------
    text : str
        The article's text.
    target : Mention
        A place the action is about (:func:`action_targets`).
    act : ActionMatch
        The action.

    Returns
    -------
    bool
    """
    if target.start >= act.start or act.passive or target.place.kind is not PlaceKind.SETTLEMENT:
        return False
    between = text[target.end : act.start]
    if re.search(r"\b(?:which|that|where|who|whom)\b", between):
        return False
    return bool(
        re.match(
            r"\s+(?:an?|the|some|several|many|\w+ty|\w+teen|two|three|four|five|"
            r"dozens?|its|their)\b",
            text[act.end :],
        )
    )
