"""Sentences with resolved places -> dated, sourced :class:`~geo.model.Event` records.

For every sentence of an article: find the actions (:mod:`geo.actions`), the actors
(:mod:`geo.actors`) and who did what, the places each action is about (the mentions
after the verb up to the next action, else the ones before it in the clause), the
date (:func:`geo.dates.date_for_sentence`), the sourcing (:mod:`geo.attribution`)
and the geometry (:mod:`geo.relative`).

* A sentence with places but no action gives nothing; a sentence with an action but
  no front-line place uses the paragraph's last place when it points back to it
  ("the region", "the city", "there").
* Countries are never front-line locations (they are actors or context), except for
  strategic developments.
* "the border" without a resolved border mention is the border between the anchor
  place's country and the country named with it ("border with Russia") or, failing
  that, the article's foreign party.
* "invaders"/"occupiers" are the article's foreign party (the side most often named
  that is not the host), "defenders" the host (the country of most front-line places);
  territorial-defence and guard units without a country are the host's; pronouns and
  other units without a country take the last actor named before them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from gazetteer.model import Place, PlaceKind
from geo.actions import ActionMatch, acled_types, agent_and_patient, find_actions
from geo.actors import (
    Actor,
    actor_name,
    country_code,
    country_index,
    find_actors,
    resolve_actor,
)
from geo.attribution import attribute, titles_in
from geo.model import Article, Event, GeoPrecision, Mention, TimePrecision
from geo.relative import Location, find_border, locate

if TYPE_CHECKING:
    from geo.dates import DateSpan

__all__ = ["event_id", "extract_events", "summary"]

#: Actions that need a known actor to be worth recording.
_NEEDS_ACTOR = frozenset(
    {"advance", "withdraw", "capture", "liberate", "hold", "reach", "loss", "strategic"}
)
_FRONT_KINDS = frozenset(
    {
        PlaceKind.SETTLEMENT,
        PlaceKind.ADMIN1,
        PlaceKind.ADMIN2,
        PlaceKind.REGION,
        PlaceKind.BORDER,
        PlaceKind.FEATURE,
    }
)
_AREA_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION})
_HOME_UNITS = re.compile(r"territorial|national\s+guard|border\s+guard", re.IGNORECASE)
_BACKREF = re.compile(
    r"\b(?:(?:the|this|that)\s+(?P<word>region|oblast|province|area|city|town|village|settlement|"
    r"capital|territory)|(?P<there>there))\b(?!\s+of\s+[A-Z])"
    r"(?!\s+(?:governor|administration|authorities|council|officials?|mayor|head|chief|residents|"
    r"commander|police|['’]s)\b)",
    re.IGNORECASE,
)
_CONJOINED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$")
_DATE_SCORE = {
    TimePrecision.DAY: 1.0,
    TimePrecision.WEEK: 0.8,
    TimePrecision.MONTH: 0.6,
    TimePrecision.BEFORE_PUBLICATION: 0.4,
}
_GEO_SCORE = {GeoPrecision.PLACE: 1.0, GeoPrecision.NEAR: 0.85, GeoPrecision.REGION: 0.7}
_VERBS = {
    "advance": ("advanced", "near"),
    "withdraw": ("withdrew", "from"),
    "capture": ("captured", ""),
    "liberate": ("retook", ""),
    "hold": ("held", ""),
    "strike": ("struck", ""),
    "clash": ("fought", "at"),
    "reach": ("reached", ""),
    "loss": ("lost equipment", "at"),
    "strategic": ("", ""),
}
_RELATION = re.compile(r"^(?:near|from|around|(?:north|south|east|west)[\w-]*\s+of)\b")


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    paragraph: int
    actors: tuple[Actor, ...]


def event_id(source: str, sentence: str, action: str, place_id: str) -> str:
    """Stable event id: the first 16 hex digits of a SHA-1 of its defining parts.

    Parameters
    ----------
    source : str
        The article's outlet and link (or id).
    sentence : str
        The quoted sentence.
    action : str
        The action.
    place_id : str
        The place's gazetteer id.

    Returns
    -------
    str

    Examples
    --------
    >>> len(event_id("Courier", "Troops took the town.", "capture", "gn:1"))
    16
    """
    key = "\x1f".join((source, sentence, action, place_id))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def summary(
    action: str,
    actor: str,
    side: str,
    location: Location,
    *,
    detail: str = "",
    preposition: str | None = None,
) -> str:
    """One-line summary of an event in plain words.

    Parameters
    ----------
    action : str
        The action.
    actor : str
        ACLED-style actor name (used when the side is unknown).
    side : str
        ISO2 of the actor's side.
    location : Location
        Where it happened.
    detail : str
        What a strategic development is about (its cue word, e.g. "NATO").
    preposition : str, optional
        Overrides the action's usual preposition ("toward" for a withdrawal to a line).

    Returns
    -------
    str
        E.g. ``"Ukraine reached the Ukraine-Russia border north of Kharkiv"``.
    """
    subject = country_index().names.get(side, "") or actor
    where = location.description or location.place.name
    if action == "strategic":
        topic = f" ({detail})" if detail else ""
        return f"Strategic development involving {where}{topic}"
    if not subject:
        nouns = {"strike": "Strike on", "clash": "Fighting at"}
        return f"{nouns.get(action, action.capitalize() + ' at')} {where}"
    verb, usual = _VERBS[action]
    preposition = usual if preposition is None else preposition
    if _RELATION.match(where):
        ground = " ground" if action in {"capture", "liberate", "hold"} else ""
        return f"{subject} {verb}{ground} {where}"
    kind = location.place.kind
    if action == "advance" and kind is PlaceKind.BORDER:
        preposition = "toward"
    elif preposition in {"near", "at"} and kind in _AREA_KINDS:
        preposition = "in"
    return " ".join(w for w in (subject, verb, preposition, where) if w)


@dataclass(frozen=True)
class _Doc:
    """What every sentence of one article shares."""

    article: Article
    sentences: tuple[_Sentence, ...]
    host: str
    foreign: str
    parties: frozenset[str]
    source_key: str
    titles: Mapping[str, str]
    gaz: Any


@dataclass(frozen=True)
class _Scene:
    """One sentence ready for event building: its actors, places and date."""

    index: int
    text: str
    actors: tuple[Actor, ...]
    front: tuple[Mention, ...]
    countries: tuple[Mention, ...]
    anchor: Place | None
    span: DateSpan

    @property
    def undated(self) -> bool:
        return self.span.start is None and self.span.end is None


def extract_events(
    article: Article, mentions: Sequence[Mention], *, gaz: Any = None
) -> list[Event]:
    """Extract the events of one article.

    Parameters
    ----------
    article : Article
        The article (text and metadata).
    mentions : sequence of Mention
        Its place mentions; those with ``place=None`` are ignored here (they are
        reported by :func:`geo.export.write_unresolved`).
    gaz : Gazetteer, optional
        Demonyms, country names, borders and border points; without it, borders
        must come resolved in ``mentions``.

    Returns
    -------
    list of Event
        In text order; one per (action, agent side, place) of each sentence.
    """
    from geo.dates import date_for_sentence
    from geo.text import paragraph_spans, split_sentences

    text = article.text
    paragraphs = paragraph_spans(text)
    resolved = sorted((m for m in mentions if m.place is not None), key=lambda m: m.start)
    sentences: list[_Sentence] = []
    for start, end in split_sentences(text):
        para = next((i for i, (a, b) in enumerate(paragraphs) if a <= start < b), -1)
        actors = tuple(find_actors(text[start:end], gaz=gaz, offset=start))
        sentences.append(_Sentence(start, end, para, actors))
    host, foreign = _sides(resolved, sentences)
    doc = _Doc(
        article,
        tuple(sentences),
        host,
        foreign,
        frozenset(s for s in (host, foreign) if s),
        "\x1f".join((article.source, article.url or article.id)),
        titles_in(text, gaz=gaz),
        gaz,
    )

    events: list[Event] = []
    last_actor: Actor | None = None
    para_places: list[Place] = []
    article_places: list[Place] = []
    for index, sent in enumerate(sentences):
        if index == 0 or sent.paragraph != sentences[index - 1].paragraph:
            para_places = []
        s_text = text[sent.start : sent.end]
        resolved_actors: list[Actor] = []
        for raw in sent.actors:
            actor = _resolve(raw, doc, last_actor)
            resolved_actors.append(actor)
            if actor.side and actor.kind not in {"equipment", "weapon"}:
                last_actor = actor  # "they", "its units" refer to the last actor named
        actors = tuple(resolved_actors)
        here = [m for m in resolved if sent.start <= m.start < sent.end]
        actions = [
            a
            for a in find_actions(s_text, offset=sent.start)
            if not any(x.start <= a.start < x.end for x in actors)
        ]
        if actions:
            span = date_for_sentence(s_text, article.published, offset=sent.start)
            scene = _scene(doc, index, actors, here, para_places, article_places, span)
            events.extend(_sentence_events(doc, scene, actions))
        for m in here:
            if m.place.kind in _FRONT_KINDS and m.place.kind is not PlaceKind.BORDER:
                para_places.append(m.place)
                article_places.append(m.place)
    return events


def _resolve(actor: Actor, doc: _Doc, last_actor: Actor | None) -> Actor:
    """Give units, pronouns, invaders and defenders the side their context implies."""
    if actor.kind == "unit" and not actor.side and _HOME_UNITS.search(actor.text) and doc.host:
        return replace(actor, side=doc.host, name=actor_name(doc.host, gaz=doc.gaz))
    return resolve_actor(
        actor, host=doc.host, foreign=doc.foreign, previous=last_actor, gaz=doc.gaz
    )


def _sides(resolved: Sequence[Mention], sentences: Sequence[_Sentence]) -> tuple[str, str]:
    """Return the host country (of most front-line places) and the most named other side."""
    places = Counter(
        m.place.country
        for m in resolved
        if m.place.kind in _FRONT_KINDS and m.place.kind is not PlaceKind.BORDER and m.place.country
    )
    host = places.most_common(1)[0][0] if places else ""
    sides = Counter(a.side for s in sentences for a in s.actors if a.side)
    if not host and sides:
        host = sides.most_common(1)[0][0]
    others = [side for side, _ in sides.most_common() if side != host]
    return host, (others[0] if others else "")


def _scene(
    doc: _Doc,
    index: int,
    actors: tuple[Actor, ...],
    here: list[Mention],
    para_places: list[Place],
    article_places: list[Place],
    span: DateSpan,
) -> _Scene:
    """Collect a sentence's front-line places (explicit, referred back to, or a border)."""
    start, end = doc.sentences[index].start, doc.sentences[index].end
    s_text = doc.article.text[start:end]
    explicit = [
        m
        for m in here
        if not any(a.start <= m.start < a.end for a in actors) and not _is_demonym(m.text, doc.gaz)
    ]
    front = [m for m in explicit if m.place.kind in _FRONT_KINDS]
    if not front:
        front = _back_references(s_text, start, para_places)
    anchor = _anchor(front, para_places, article_places, host=doc.host)
    if doc.gaz is not None and not any(m.place.kind is PlaceKind.BORDER for m in front):
        # the other side of the border: a party acting in the sentence from elsewhere,
        # else the article's foreign party (or the host, seen from abroad)
        home = anchor.country if anchor is not None else ""
        sides = [a.side for a in actors if a.side and a.side != home]
        other = sides[0] if sides else (doc.host if home == doc.foreign else doc.foreign)
        border = _border_mention(s_text, start, anchor, gaz=doc.gaz, other=other)
        if border is not None:
            front = sorted([*front, border], key=lambda m: m.start)
    # strategic developments are placed on the countries that act in the sentence
    countries = [
        m
        for m in here
        if m.place.kind is PlaceKind.COUNTRY
        and any(a.start <= m.start < a.end and a.kind in {"country", "government"} for a in actors)
    ]
    return _Scene(index, s_text, actors, tuple(front), tuple(countries), anchor, span)


def _sentence_events(doc: _Doc, scene: _Scene, actions: list[ActionMatch]) -> list[Event]:
    sent = doc.sentences[scene.index]
    out: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    previous_agent: Actor | None = None
    for i, act in enumerate(actions):
        agent, patient = agent_and_patient(
            act, scene.actors, scene.text, offset=sent.start, previous=previous_agent
        )
        if agent is not None and agent.side:
            previous_agent = agent
        if act.action == "strategic":
            targets = list(scene.countries)
        elif act.action in _NEEDS_ACTOR and (agent is None or not agent.side):
            continue
        else:
            lo = actions[i - 1].end if i else sent.start
            hi = actions[i + 1].start if i + 1 < len(actions) else sent.end
            targets = _targets(list(scene.front), act, lo, hi, doc.article.text)
        for target in targets:
            if act.action == "strategic":
                code = target.place.country
                name = actor_name(code, kind="government", gaz=doc.gaz)
                agent = Actor(name, code, target.text, target.start, target.end, "government")
            location = locate(
                scene.text,
                target,
                mentions=scene.front,
                anchor=scene.anchor,
                action=act.action,
                offset=sent.start,
                gaz=doc.gaz,
            )
            if _object_elsewhere(doc.article.text, target, act):
                location = replace(
                    location, precision=GeoPrecision.NEAR, description=f"near {location.place.name}"
                )
            key = (act.action, agent.side if agent else "", location.place.id)
            if key not in seen:
                seen.add(key)
                out.append(_event(doc, scene, act, agent, patient, target, location))
    return out


def _targets(pool: list[Mention], act: ActionMatch, lo: int, hi: int, text: str) -> list[Mention]:
    """Pick the mentions an action is about: the first after it (and conjoined), else before."""
    after = [m for m in pool if act.end <= m.start < hi]
    before = [m for m in pool if lo <= m.start < act.start]
    if after:
        first = after[0]
        chosen = [first]
        for m in after[1:]:
            if _CONJOINED.match(text[chosen[-1].end : m.start]):
                chosen.append(m)
            else:
                break
        if first.place.kind is PlaceKind.BORDER or not any(
            m.place.kind is PlaceKind.BORDER for m in after
        ):
            return chosen
        return [next(m for m in after if m.place.kind is PlaceKind.BORDER)]
    if before:
        return [before[-1]]
    return []


def _preposition(between: str, action: str) -> str | None:
    """Say "toward" for a movement to the target ("pushed back to the border")."""
    if action in {"withdraw", "advance"} and re.search(
        r"\b(?:to|toward|towards|into|within)\b", between, re.IGNORECASE
    ):
        return "toward"
    return None


def _is_demonym(word: str, gaz: Any) -> bool:
    """Whether a mention is a demonym ("Russian"): an adjective, never a location."""
    return word.lower() not in country_index().by_name and country_code(word, gaz=gaz) is not None


def _object_elsewhere(text: str, target: Mention, act: ActionMatch) -> bool:
    """Whether the place only sets the scene for an action done to something else.

    "pushed them back from X, liberating nearby villages": X comes before the verb, is
    not its subject (no relative pronoun links them) and the verb has an object of its
    own, so the event happened near X, not at X.
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


def _back_references(s_text: str, offset: int, para_places: list[Place]) -> list[Mention]:
    """Mentions standing for "the region", "the city", "there": the paragraph's last place."""
    if not para_places:
        return []
    out = []
    for m in _BACKREF.finditer(s_text):
        word = (m.group("word") or "").lower()
        if word in {"region", "oblast", "province", "area", "territory"}:
            areas = [p for p in para_places if p.kind in _AREA_KINDS]
            place = areas[-1] if areas and word != "area" else para_places[-1]
        elif word:
            towns = [p for p in para_places if p.kind is PlaceKind.SETTLEMENT]
            place = towns[-1] if towns else para_places[-1]
        else:
            place = para_places[-1]
        out.append(Mention(m.start() + offset, m.end() + offset, m.group(0), ("reference",), place))
    return out


def _anchor(
    front: list[Mention], para_places: list[Place], article_places: list[Place], *, host: str
) -> Place | None:
    """Pick the place a border is measured from.

    The sentence's last settlement, else the paragraph's, else the article's; outside
    the sentence only places in the host country count (the side the front runs
    through). Areas stand in when there is no settlement.
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


def _border_mention(
    s_text: str, offset: int, anchor: Place | None, *, gaz: Any, other: str
) -> Mention | None:
    m = re.search(r"\bborder\b", s_text)
    if m is None:
        return None
    place = find_border(s_text, anchor, gaz=gaz, other=other)
    if place is None:
        return None
    return Mention(m.start() + offset, m.end() + offset, m.group(0), ("border",), place)


def _context(
    sentences: Sequence[_Sentence], index: int, text: str, *, action: str, place: str
) -> list[str]:
    """Neighbouring sentences, nearest first.

    The whole paragraph, then those of the adjacent paragraphs that speak of the same
    action or name the same place (a "could not verify" there is about this claim).
    """
    para = sentences[index].paragraph

    def related(j: int) -> bool:
        other = text[sentences[j].start : sentences[j].end]
        if sentences[j].paragraph == para:
            return True
        if abs(sentences[j].paragraph - para) > 1:
            return False
        return (bool(place) and place in other) or any(
            a.action == action for a in find_actions(other)
        )

    order = sorted(
        (j for j in range(len(sentences)) if j != index and related(j)),
        key=lambda j: (sentences[j].paragraph != para, abs(j - index), j),
    )
    return [text[sentences[j].start : sentences[j].end] for j in order]


def _event(
    doc: _Doc,
    scene: _Scene,
    act: ActionMatch,
    agent: Actor | None,
    patient: Actor | None,
    target: Mention,
    location: Location,
) -> Event:
    article, span, undated, s_text = doc.article, scene.span, scene.undated, scene.text
    sent = doc.sentences[scene.index]
    place = location.place
    # a point on a border belongs to the side it was measured from
    home = location.origin if place.kind is PlaceKind.BORDER and location.origin else place
    side = agent.side if agent else ""
    kind = agent.kind if agent else "state"
    event_type, sub_type = acled_types(
        act.action, agent_kind=kind, agent_side=side, territory=home.country, air=act.air
    )
    context = _context(
        doc.sentences, scene.index, article.text, action=act.action, place=place.name
    )
    sourcing = attribute(
        s_text,
        context=context,
        parties=doc.parties,
        agent_side=side,
        titles=doc.titles,
        gaz=doc.gaz,
    )
    index = country_index()
    precision = span.precision if not undated else TimePrecision.BEFORE_PUBLICATION
    actor_score = 0.0
    if agent is not None and agent.side:
        actor_score = 0.7 if agent.kind in {"pronoun", "invader", "defender"} else 1.0
    elif agent is not None:
        actor_score = 0.4
    place_score = float(place.score) * _GEO_SCORE[location.precision]
    if "reference" in target.cues:
        place_score *= 0.8
    date_score = 0.2 if undated else _DATE_SCORE[precision]
    confidence = round(
        0.25 * actor_score + 0.25 * act.strength + 0.3 * place_score + 0.2 * date_score, 3
    )
    actor1 = agent.name if agent is not None and agent.name else ""
    actor2 = patient.name if patient is not None and patient.side and patient.side != side else ""
    return Event(
        event_id=event_id(
            doc.source_key, s_text, act.action, place.id + "|" + location.description
        ),
        event_date=span.event_date if not undated else None,
        date_start=span.start,
        date_end=span.end,
        time_precision=precision,
        event_type=event_type,
        sub_event_type=sub_type,
        action=act.action,
        actor1=actor1,
        actor2=actor2,
        location=place.name,
        admin1=home.admin1,
        country=index.names.get(home.country, home.country),
        iso=str(index.numeric.get(home.country, "")) if home.country else "",
        latitude=float(location.latitude),
        longitude=float(location.longitude),
        geometry=location.geometry,
        geo_precision=location.precision,
        notes=summary(
            act.action,
            actor1,
            side,
            location,
            detail=act.text,
            preposition=_preposition(article.text[act.start : target.start], act.action),
        ),
        source=article.source,
        source_url=article.url,
        published_at=article.published,
        quote=s_text,
        quote_start=sent.start,
        quote_end=sent.end,
        verification=sourcing.verification,
        claimed_by=sourcing.claimed_by,
        confidence=confidence,
        sources_count=1,
        article_id=article.id,
        place_id=place.id,
        origin_place_id=location.origin.id if location.origin is not None else "",
        undated=undated,
    )
