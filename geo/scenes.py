"""One sentence ready for event building: its actors, its front-line places and its date.

:func:`build_scene` gathers a sentence's places for :mod:`geo.events`: the names it
gives (oblasts named as oblasts, raions listed), each same-named village told apart by
the places named with it (:mod:`geo.geography`), the places "the town" or "the region"
point back to, and the border the sentence speaks of. :class:`Doc` holds what every
sentence of one article shares (its host country and foreign party, from
:func:`article_sides`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike
from geo.actions import ActionMatch
from geo.actors import Actor
from geo.geography import (
    held_to_oblast,
    namesake_fits,
    nearer_namesake,
    offset_namesake,
    qualified_namesake,
)
from geo.model import Article, Mention
from geo.targets import (
    FRONT_KINDS,
    as_oblast,
    back_references,
    border_anchor,
    border_mention,
    is_demonym,
    is_far_away,
    is_metonym,
    is_reference,
    raion_list,
)

if TYPE_CHECKING:
    from geo.dates import DateSpan

__all__ = ["Doc", "Scene", "Sentence", "article_sides", "build_scene"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its span, paragraph, actors and action phrases."""

    start: int
    end: int
    paragraph: int
    actors: tuple[Actor, ...]
    actions: tuple[ActionMatch, ...]  # every action phrase, before actors are set aside


@dataclass(frozen=True)
class Doc:
    """What every sentence of one article shares."""

    article: Article
    sentences: tuple[Sentence, ...]
    host: str
    foreign: str
    parties: frozenset[str]
    source_key: str
    titles: Mapping[str, str]
    gaz: GazetteerLike
    main: Place | None = None


@dataclass(frozen=True)
class Scene:
    """One sentence ready for event building: its actors, places and date."""

    index: int
    text: str
    actors: tuple[Actor, ...]
    front: tuple[Mention, ...]
    countries: tuple[Mention, ...]
    anchor: Place | None
    span: DateSpan
    abstained: tuple[Mention, ...] = ()  # names left unplaced: unresolved or abstaining
    named_before: tuple[Place, ...] = ()  # the paragraph's places up to this sentence

    @property
    def undated(self) -> bool:
        """Whether the sentence gives no date at all."""
        return self.span.start is None and self.span.end is None


def article_sides(resolved: Sequence[Mention], sentences: Sequence[Sentence]) -> tuple[str, str]:
    """Return the host country (of most front-line places) and the most named other side."""
    places = Counter(
        m.place.country
        for m in resolved
        if m.place.kind in FRONT_KINDS and m.place.kind is not PlaceKind.BORDER and m.place.country
    )
    host = places.most_common(1)[0][0] if places else ""
    sides = Counter(a.side for s in sentences for a in s.actors if a.side)
    if not host and sides:
        host = sides.most_common(1)[0][0]
    others = [side for side, _ in sides.most_common() if side != host]
    return host, (others[0] if others else "")


def build_scene(
    doc: Doc,
    index: int,
    actors: tuple[Actor, ...],
    here: list[Mention],
    para_places: list[Place],
    article_places: list[Place],
    span: DateSpan,
    unresolved: Sequence[Mention] = (),
) -> Scene:
    """Collect a sentence's front-line places (explicit, referred back to, or a border).

    ``unresolved``: the sentence's names no place was found for; with the villages the
    report's geography leaves unplaced, they are the scene's ``abstained`` names.
    """
    start, end = doc.sentences[index].start, doc.sentences[index].end
    s_text = doc.article.text[start:end]
    here = [as_oblast(doc.article.text, m, doc.gaz) for m in here]
    known = {m.start for m in here}
    listed = [r for m in here for r in raion_list(doc.article.text, m, doc.gaz)]
    here = sorted([*here, *(r for r in listed if r.start not in known)], key=lambda m: m.start)
    given = here
    # "X (11km northeast of Y)": the namesake at that spot, else X abstains
    here = [
        moved
        for m in here
        if (moved := offset_namesake(doc.article.text, m, here, gaz=doc.gaz)) is not None
    ]
    # "X and Y in Kharkiv Oblast": a namesake inside that oblast, else X abstains
    towns_here = [m.place for m in here if m.place.kind is PlaceKind.SETTLEMENT]
    here = [
        moved
        for m in here
        if (
            moved := qualified_namesake(
                doc.article.text, m, here, references=towns_here, gaz=doc.gaz
            )
        )
        is not None
    ]
    # same-name villages: the one among the places named with it (sentence, else paragraph)
    towns_here = [m.place for m in here if m.place.kind is PlaceKind.SETTLEMENT]
    here = [nearer_namesake(m, _neighbours(m, towns_here, para_places), gaz=doc.gaz) for m in here]
    here = [m for m in here if _namesake_stands(doc, m, here, towns_here, para_places)]
    kept = {m.start for m in here}
    abstained = tuple(
        sorted([*(m for m in given if m.start not in kept), *unresolved], key=lambda m: m.start)
    )
    explicit = [
        m
        for m in here
        if not any(a.start <= m.start < a.end for a in actors) and not is_demonym(m.text, doc.gaz)
    ]
    front = [
        m
        for m in explicit
        if m.place.kind in FRONT_KINDS
        and not is_metonym(doc.article.text, m)
        and not is_far_away(m.place, host=doc.host, gaz=doc.gaz)
    ]
    # "the settlement" refers back to a place named as such, not to a reference point
    towns = [
        m
        for m in front
        if m.place.kind is PlaceKind.SETTLEMENT and not is_reference(doc.article.text, m, start)
    ]
    references = back_references(s_text, start, para_places, towns=towns, main=doc.main)
    if not front:
        front = references
    else:
        # "withdrew from the town in the north of the region": "the town" is the object
        front = sorted(
            [*front, *(r for r in references if r.place.kind is PlaceKind.SETTLEMENT)],
            key=lambda m: m.start,
        )
    anchor = border_anchor(front, para_places, article_places, host=doc.host)
    if doc.gaz is not None and not any(m.place.kind is PlaceKind.BORDER for m in front):
        # the other side of the border: a party acting in the sentence from elsewhere,
        # else the article's foreign party (or the host, seen from abroad)
        home = anchor.country if anchor is not None else ""
        sides = [a.side for a in actors if a.side and a.side != home]
        other = sides[0] if sides else (doc.host if home == doc.foreign else doc.foreign)
        border = border_mention(s_text, start, anchor, gaz=doc.gaz, other=other)
        if border is not None:
            front = sorted([*front, border], key=lambda m: m.start)
    # strategic developments are placed on the countries that act in the sentence
    countries = [
        m
        for m in here
        if m.place.kind is PlaceKind.COUNTRY
        and any(a.start <= m.start < a.end and a.kind in {"country", "government"} for a in actors)
    ]
    return Scene(
        index,
        s_text,
        actors,
        tuple(front),
        tuple(countries),
        anchor,
        span,
        abstained,
        tuple(para_places),
    )


def _namesake_stands(
    doc: Doc,
    m: Mention,
    here: Sequence[Mention],
    towns: Sequence[Place],
    para_places: Sequence[Place],
) -> bool:
    """Whether a mention keeps its place, given the places named with it.

    Places listed in one sentence lie together: one far from the others abstains unless
    a namesake fits (:func:`geo.geography.namesake_fits`). Named alone in its sentence,
    a village held to its oblast ("X in Sumy Oblast", the only X there) stands however
    far its paragraph ranges.
    """
    listed = any(p.name != m.place.name for p in towns)
    if not listed and held_to_oblast(doc.article.text, m, here, gaz=doc.gaz):
        return True
    return namesake_fits(m, _neighbours(m, towns, para_places), gaz=doc.gaz, listed=listed)


def _neighbours(m: Mention, towns: Sequence[Place], para_places: Sequence[Place]) -> list[Place]:
    """Return the places named with a mention: the sentence's other towns, else the paragraph's."""
    return [p for p in towns if p.name != m.place.name] or list(para_places[-12:])
