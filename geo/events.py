"""Sentences with resolved places -> dated, sourced :class:`~geo.model.Event` records.

For every sentence of an article: find the actions (:mod:`geo.actions`), the actors
(:mod:`geo.actors`) and who did what, the sentence's front-line places
(:mod:`geo.scenes`) and those each action is about (:mod:`geo.targets`), the date
(:func:`geo.dates.date_for_sentence`), the sourcing (:mod:`geo.attribution`) and the
geometry (:mod:`geo.relative`).

* Only actions stated as facts make events (:mod:`geo.factuality`): a negated,
  hypothetical, conditional, future, denied or questioned action in its own clause
  gives nothing; a hedged one ("likely captured") is an analyst's assessment.
* A sentence with places but no action gives nothing; "the region", "the city",
  "there" point back to places named before (:func:`geo.targets.back_references`).
* Countries are never front-line locations (they are actors or context), except for
  strategic developments, which are placed on the countries acting in the sentence.
* "the border" without a resolved border mention is the border between the anchor
  place's country and the country named with it ("border with Russia") or, failing
  that, the article's foreign party.
* Dates: a sentence's own date expression dates its actions (never after
  publication); an undated action in the main clause is news of the report's period,
  the day before publication and the day itself (:func:`geo.dates.date_for_sentence`
  with ``report=True``), unless the sentence puts it vaguely earlier ("after
  withdrawing", "previously", "had taken"): then it lies some time before publication.
  A sentence whose only dates lie after publication speaks of a prospect: no events.
* Relative clauses are background: "Izium, which Russia captured in April" gives a
  capture of the pronoun's antecedent (:func:`geo.targets.antecedent`), dated by the
  clause's own date expressions, with lower confidence; the main verb after a "who"
  clause belongs to the noun phrase before the pronoun ("troops who drove the enemy
  away have reached the border"). A "since <date>" state starts at that date (its
  ``event_date``) and is background.
* Whose ground it is: taking ground in one's own country is a liberation, in the
  other party's a capture; entering or driving the enemy out of one's own town is a
  liberation when the article speaks of retaking ground, an advance otherwise; "X
  fell" and "cleared of <enemy>" are done by the side opposed to X's country or to
  the enemy. Control events carry the other party as ``actor2`` in a two-party war.
* "invaders"/"occupiers" are the article's foreign party (the side most often named
  that is not the host), "defenders" the host (the country of most front-line places);
  territorial-defence and guard units without a country are the host's; pronouns and
  other units without a country take the last actor named before them.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike
from geo.actions import ActionMatch, acled_types, find_actions
from geo.actors import Actor, actor_name, country_index, find_actors, resolve_actor
from geo.agents import agent_and_patient
from geo.attribution import attribute, titles_in
from geo.clauses import RelativeClause, relative_clause
from geo.event_rules import (
    has_object,
    one_per_place,
    people_taken,
    property_taken,
    territorial_action,
)
from geo.factuality import factuality
from geo.model import Article, Event, GeoPrecision, Mention, TimePrecision
from geo.relative import Location, locate
from geo.river_stretch import is_river, stretch_location
from geo.scenes import Doc, Scene, Sentence, article_sides, build_scene
from geo.targets import (
    AREA_KINDS,
    FRONT_KINDS,
    action_targets,
    antecedent,
    is_far_away,
    is_reference,
    main_place,
    object_elsewhere,
)

if TYPE_CHECKING:
    from geo.dates import DateSpan

__all__ = ["event_id", "extract_events", "summary"]

#: Actions that need a known actor to be worth recording.
_NEEDS_ACTOR = frozenset(
    {"advance", "withdraw", "capture", "liberate", "hold", "reach", "loss", "strategic"}
)
_HOME_UNITS = re.compile(r"territorial|national\s+guard|border\s+guard", re.IGNORECASE)
#: What may stand between a group and its own formation: "DNR Territorial Defense",
#: "Donetsk People's Republic (DNR) Territorial Defense", "the LNR's National Guard".
_NAMING_GAP = re.compile(r"\)?(?:['’]s)?\s*(?:\([A-Z]{2,6}\))?\s*(?:the\s+)?")
_DATE_SCORE = {
    TimePrecision.DAY: 1.0,
    TimePrecision.WEEK: 0.8,
    TimePrecision.MONTH: 0.6,
    TimePrecision.BEFORE_PUBLICATION: 0.4,
}
#: Date score of an undated action placed in the report's own period.
_INFERRED_DATE = 0.5
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
#: Actions that change or keep control of ground: the map needs both sides.
_CONTROL = frozenset({"capture", "liberate", "hold", "withdraw", "advance", "reach"})
#: Confidence factor for background: relative clauses, events years before publication.
_BACKGROUND = 0.6
_RELATION = re.compile(r"^(?:near|from|around|toward|(?:north|south|east|west)[\w-]*\s+of)\b")


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
    elif preposition in {"near", "at"} and kind in AREA_KINDS:
        preposition = "in"
    return " ".join(w for w in (subject, verb, preposition, where) if w)


def extract_events(
    article: Article, mentions: Sequence[Mention], *, gaz: GazetteerLike | None = None
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
    unresolved = sorted((m for m in mentions if m.place is None), key=lambda m: m.start)
    starts = [m.start for m in resolved]
    sentences: list[Sentence] = []
    for start, end in split_sentences(text):
        para = next((i for i, (a, b) in enumerate(paragraphs) if a <= start < b), -1)
        actors = tuple(find_actors(text[start:end], gaz=gaz, offset=start))
        acts = tuple(find_actions(text[start:end], offset=start))
        sentences.append(Sentence(start, end, para, actors, acts))
    host, foreign = article_sides(resolved, sentences)
    doc = Doc(
        article,
        tuple(sentences),
        host,
        foreign,
        frozenset(s for s in (host, foreign) if s),
        "\x1f".join((article.source, article.url or article.id)),
        titles_in(text, gaz=gaz),
        gaz,
        main_place(
            [m for m in resolved if not is_far_away(m.place, host=host, gaz=gaz)],
            paragraphs,
            article.title,
        ),
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
        # the mentions are sorted by start: cut this sentence's out instead of a full scan
        here = resolved[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        actions = [
            a
            for a in sent.actions
            # an action inside an actor's phrase is its description ("Russian-held"), but
            # a weapon names the striker ("Russian missile strikes")
            if not any(
                x.start <= a.start < x.end and not (a.action == "strike" and x.kind == "weapon")
                for x in actors
            )
            and factuality(s_text, a.start - sent.start, a.end - sent.start).is_event
        ]
        if actions:
            span = date_for_sentence(s_text, article.published, offset=sent.start, report=True)
            if not span.text and _only_future_dates(s_text, article.published):
                actions = []  # "troops storm X on <a day after publication>": a prospect
        if actions:
            lost = [m for m in unresolved if sent.start <= m.start < sent.end]
            scene = build_scene(doc, index, actors, here, para_places, article_places, span, lost)
            events.extend(_sentence_events(doc, scene, actions))
        for m in here:
            if is_reference(text, m, sent.start):
                continue  # "(25km southwest of X)": X only locates the sentence's places
            if (
                m.place.kind in FRONT_KINDS
                and m.place.kind is not PlaceKind.BORDER
                and not is_far_away(m.place, host=doc.host, gaz=gaz)
            ):  # "the plant" never points back to a place abroad named in passing
                para_places.append(m.place)
                article_places.append(m.place)
    return events


def _only_future_dates(sentence: str, published: Any) -> bool:
    """Whether the sentence's date expressions all lie after publication (a prospect)."""
    from geo.dates import find_dates

    if published is None:
        return False
    spans = [s for s in find_dates(sentence, published) if s.start is not None]
    return bool(spans) and all(s.start > published for s in spans)


def _resolve(actor: Actor, doc: Doc, last_actor: Actor | None) -> Actor:
    """Give units, pronouns, invaders and defenders the side their context implies."""
    if (
        actor.kind == "unit"
        and not actor.side
        and last_actor is not None
        and last_actor.side
        and _NAMING_GAP.fullmatch(doc.article.text[last_actor.end : actor.start])
    ):
        # "DNR Territorial Defense", "the LNR's National Guard": the formation of the
        # group named right before it, not the host country's
        return replace(actor, side=last_actor.side, name=last_actor.name)
    if actor.kind == "unit" and not actor.side and _HOME_UNITS.search(actor.text) and doc.host:
        return replace(actor, side=doc.host, name=actor_name(doc.host, gaz=doc.gaz))
    return resolve_actor(
        actor, host=doc.host, foreign=doc.foreign, previous=last_actor, gaz=doc.gaz
    )


def _sentence_events(doc: Doc, scene: Scene, actions: list[ActionMatch]) -> list[Event]:
    sent = doc.sentences[scene.index]
    out: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    previous_agent: Actor | None = None
    clauses = [relative_clause(scene.text, a, actions, offset=sent.start) for a in actions]
    extents = _clause_extents(scene.text, actions, clauses, offset=sent.start)
    for i, act in enumerate(actions):
        clause = clauses[i]
        act_scene = _dated_scene(doc, scene, extents, extents.get(i))
        agent, patient = agent_and_patient(
            act,
            scene.actors,
            scene.text,
            offset=sent.start,
            previous=previous_agent,
            clause=clause,
        )
        if act.agent == "against":
            agent = _other_party(doc, patient)
        if act.failed:
            agent, patient = _other_party(doc, agent), agent  # the defender held
        own_subject = clause is not None and clause.inside and clause.object_gap
        no_subject = agent is None or not _within(agent, clause.end, act.start) if clause else False
        if own_subject and no_subject and clause is not None and clause.pronoun == "where":
            clause = None  # "the city, where ... the shelling": no subject of its own
            act_scene = scene
            agent, patient = agent_and_patient(
                act, scene.actors, scene.text, offset=sent.start, previous=previous_agent
            )
        if agent is not None and agent.kind == "administration":
            # an occupier's civil officials take no ground and do no fighting: what they
            # seize or control lies in ground their side holds already
            if act.action not in _ADMINISTRATION_HOLDS:
                continue
            act = replace(act, action="hold")
        if agent is not None and agent.side:
            previous_agent = agent
        if act.action == "strategic":
            targets = list(scene.countries)
        elif act.agent == "place":
            agent = None  # decided per place below: the side opposed to its country
            if clause is not None and clause.inside:
                referent = antecedent(doc.article.text, clause, scene.front, sent.start)
                targets = [referent] if referent is not None else []
            else:
                lo = actions[i - 1].end if i else sent.start
                hi = _clause_end(doc.article.text, act, actions, i, sent.end)
                targets = action_targets(list(scene.front), act, lo, hi, doc.article.text)
        elif act.action in _NEEDS_ACTOR and (agent is None or not agent.side):
            continue
        else:
            lo = actions[i - 1].end if i else sent.start
            hi = _clause_end(doc.article.text, act, actions, i, sent.end)
            referent = None
            if clause is not None and clause.inside and clause.object_gap:
                referent = antecedent(doc.article.text, clause, scene.front, sent.start)
                if referent is None and has_object(doc.article.text, act, scene.front):
                    # "statements that troops destroyed X": "that" opens the content of a
                    # noun, not a relative clause; the verb has its own object
                    clause, act_scene = None, scene
            if clause is not None and clause.inside and clause.object_gap:
                targets = [referent] if referent is not None else []
            else:
                if clause is not None and clause.inside:
                    lo = max(lo, clause.end)  # a "who" clause's places follow the pronoun
                targets = action_targets(list(scene.front), act, lo, hi, doc.article.text)
                targets = _unless_object_abstained(targets, scene, act, hi, doc.article.text)
        background = clause is not None and clause.inside
        for target in targets:
            if act.agent == "place":
                agent = _opponent_of(doc, target.place.country)
                if agent is None:
                    continue
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
            if act.action == "withdraw" and is_river(target.place):
                # "withdrew to the east bank of the X River": the stretch of the river
                # the paragraph speaks of, at its region; the river's own point is far
                # off, and without such places the report is not placed
                stretch = stretch_location(
                    target.place, [m.place for m in scene.front], scene.named_before, doc.gaz
                )
                if stretch is None:
                    continue
                location = stretch
            if object_elsewhere(doc.article.text, target, act):
                location = replace(
                    location, precision=GeoPrecision.NEAR, description=f"near {location.place.name}"
                )
            if people_taken(doc.article.text, act, target):
                continue  # "taking children to X": people were moved, no ground taken
            action = territorial_action(doc, act, agent, location.place)
            if property_taken(doc.article.text, act, target):
                # "seized a hospital in X": a building changed hands, not X; its taker
                # holds X already, at most
                action = "hold"
            key = (action, agent.side if agent else "", location.place.id)
            if key not in seen:
                seen.add(key)
                out.append(
                    _event(
                        doc,
                        act_scene,
                        replace(act, action=action),
                        agent,
                        patient,
                        target,
                        location,
                        background=background,
                    )
                )
    return one_per_place(out)


#: What an occupation's officials are read to do: hold what they seize or control.
_ADMINISTRATION_HOLDS = frozenset({"capture", "liberate", "hold"})


def _unless_object_abstained(
    targets: list[Mention], scene: Scene, act: ActionMatch, hi: int, text: str
) -> list[Mention]:
    """Give an action no place when the village it is about abstained.

    Its places fall back on one named before the verb only when nothing after it was
    named: "took strongholds west of X (10km south of Y)" with X unplaced is not about
    a place named earlier in the sentence. Nor on the region that only qualifies the
    village: "liberated X in Y Oblast" with no X in Y Oblast is not about Y Oblast.
    """
    if not targets:
        return targets
    if all(t.start > act.start for t in targets):
        first = min(targets, key=lambda t: t.start)
        if first.place.kind in AREA_KINDS and any(
            act.end <= m.end <= first.start and _QUALIFIED.fullmatch(text, m.end, first.start)
            for m in scene.abstained
        ):
            return []
        return targets
    if any(t.start > act.start for t in targets):
        return targets
    if any(act.end <= m.start < hi for m in scene.abstained):
        return []
    return targets


#: What stands between a village and the region that qualifies it: "X in (northern) Y".
_QUALIFIED = re.compile(r"(?:\s*\([^()]*\))?\s+in\s+(?:the\s+)?(?:\w+ern\s+)?")


#: Where an action's clause ends: a contrast or aside with a predicate of its own.
_CLAUSE_END = re.compile(
    r",?\s+and\s+that\s|"  # "reported that X ..., and that Y ...": a second report
    r",?\s+but\s+(?=(?:\w+\s+){0,3}?(?:are|is|was|were|have|has|had|did|will|\w+ed)\b)|"
    r",\s+which\s+(?:may|might|could|would|suggests?|indicates?|means?|is|was)\b"
)


def _clause_end(
    text: str, act: ActionMatch, actions: Sequence[ActionMatch], i: int, end: int
) -> int:
    """Return where the places of an action stop: the next action or the end of its clause."""
    hi = actions[i + 1].start if i + 1 < len(actions) else end
    stop = _CLAUSE_END.search(text, act.end, hi)
    return stop.start() if stop else hi


def _within(actor: Actor, start: int, end: int) -> bool:
    return start <= actor.start and actor.end <= end


def _clause_extents(
    text: str,
    actions: Sequence[ActionMatch],
    clauses: Sequence[RelativeClause | None],
    *,
    offset: int,
) -> dict[int, tuple[int, int]]:
    """Sentence-relative spans of the relative clauses that hold an action, by action index.

    A clause runs from its pronoun to the first comma, semicolon or dash after its
    verb (or the sentence's end).
    """
    out: dict[int, tuple[int, int]] = {}
    for i, (act, clause) in enumerate(zip(actions, clauses, strict=True)):
        if clause is None or not clause.inside:
            continue
        stop = re.search(r"[,;:—–]", text[act.end - offset :])
        end = act.end - offset + stop.start() if stop else len(text)
        out[i] = (clause.start - offset, end)
    return out


def _dated_scene(
    doc: Doc, scene: Scene, extents: Mapping[int, tuple[int, int]], own: tuple[int, int] | None
) -> Scene:
    """Date the scene for one action: a relative clause's dates are its own verb's.

    "Ukrainian troops entered X, a town that Russian forces had occupied since early
    March": "since early March" dates the occupation, not the entry.
    """
    if not extents:
        return scene
    from geo.dates import date_for_sentence

    if own is not None:
        a, b = own
        text = " " * a + scene.text[a:b] + " " * (len(scene.text) - b)
    else:
        chars = list(scene.text)
        for a, b in extents.values():
            chars[a:b] = " " * (b - a)
        text = "".join(chars)
    start = doc.sentences[scene.index].start
    # a relative clause is background: undated, it lies some time before publication
    span = date_for_sentence(text, doc.article.published, offset=start, report=own is None)
    return replace(scene, span=span)


def _other_party(doc: Doc, actor: Actor | None) -> Actor | None:
    """Return the side opposed to ``actor`` in a two-party article ("cleared of X troops")."""
    if actor is None or not actor.side or actor.side not in doc.parties or len(doc.parties) != 2:
        return None
    (side,) = doc.parties - {actor.side}
    name = actor_name(side, gaz=doc.gaz)
    return Actor(name, side, actor.text, actor.start, actor.end, "state")


def _opponent_of(doc: Doc, country: str) -> Actor | None:
    """Return the side that takes a place of ``country`` when it falls (two-party article)."""
    if country not in doc.parties or len(doc.parties) != 2:
        return None
    (side,) = doc.parties - {country}
    return Actor(actor_name(side, gaz=doc.gaz), side, "", 0, 0, "state")


def _is_history(span: DateSpan, published: Any) -> bool:
    """Whether a dated event lies more than a year before publication (background)."""
    if published is None or span.end is None:
        return False
    return (published - span.end).days > 365


def _preposition(between: str, action: str) -> str | None:
    """Say "toward" for a movement to the target ("pushed back to the border")."""
    if action in {"withdraw", "advance"} and re.search(
        r"\b(?:to|toward|towards|into|within)\b", between, re.IGNORECASE
    ):
        return "toward"
    return None


def _context(
    sentences: Sequence[Sentence], index: int, text: str, *, action: str, place: str
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
            a.action == action for a in sentences[j].actions
        )

    order = sorted(
        (j for j in range(len(sentences)) if j != index and related(j)),
        key=lambda j: (sentences[j].paragraph != para, abs(j - index), j),
    )
    return [text[sentences[j].start : sentences[j].end] for j in order]


def _event(
    doc: Doc,
    scene: Scene,
    act: ActionMatch,
    agent: Actor | None,
    patient: Actor | None,
    target: Mention,
    location: Location,
    *,
    background: bool = False,
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
    reading = factuality(s_text, act.start - sent.start, act.end - sent.start).reading
    sourcing = attribute(
        s_text,
        context=context,
        parties=doc.parties,
        agent_side=side,
        titles=doc.titles,
        gaz=doc.gaz,
        hedged=reading == "hedged",
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
    if not undated and not span.text and span.start is not None:
        date_score = _INFERRED_DATE  # the report's own period, inferred, not written
    confidence = 0.25 * actor_score + 0.25 * act.strength + 0.3 * place_score + 0.2 * date_score
    since = span.text.lower().startswith("since")
    if background or _is_history(span, article.published) or (since and act.action == "hold"):
        confidence *= _BACKGROUND
    confidence = round(confidence, 3)
    actor1 = agent.name if agent is not None and agent.name else ""
    if (
        agent is not None
        and side
        and agent.kind in {"government", "country"}
        and (act.action != "strategic")
    ):
        actor1 = actor_name(side, gaz=doc.gaz)  # "the ministry said it pulled out": its army
    actor2 = patient.name if patient is not None and patient.side and patient.side != side else ""
    if not actor2 and act.action in _CONTROL and side in doc.parties and len(doc.parties) == 2:
        # a two-party war: the ground changes hands between the two sides
        (other,) = doc.parties - {side}
        actor2 = actor_name(other, gaz=doc.gaz)
    event_date = span.event_date if not undated else None
    if since and span.start is not None:
        event_date = span.start  # "held since late May": the state began then
    return Event(
        event_id=event_id(
            doc.source_key, s_text, act.action, place.id + "|" + location.description
        ),
        event_date=event_date,
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
        title=article.title,
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
