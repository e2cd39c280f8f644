"""Frozen records that flow through the article-to-event pipeline.

``Article`` (ingest) -> ``Mention`` (recognize) -> ``Mention`` with a ``Place``
(resolve) -> ``Event`` (events) -> one GeoDataFrame for the corpus (timeline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any

from gazetteer.model import Place

__all__ = [
    "ACTIONS",
    "Article",
    "Event",
    "GeoPrecision",
    "Mention",
    "TimePrecision",
    "Verification",
]

#: The map vocabulary of actions, in the order the legend lists them.
ACTIONS = (
    "advance",
    "withdraw",
    "capture",
    "liberate",
    "hold",
    "strike",
    "clash",
    "reach",
    "loss",
    "strategic",
)


class TimePrecision(IntEnum):
    """How precisely an event's date is known (ACLED's convention, plus 4)."""

    DAY = 1
    WEEK = 2
    MONTH = 3
    BEFORE_PUBLICATION = 4


class GeoPrecision(IntEnum):
    """How precisely an event's location is known (ACLED's convention)."""

    PLACE = 1  # the named place itself
    NEAR = 2  # near it, or part of an area
    REGION = 3  # a whole region


class Verification(str, Enum):
    """How well the source supports the claim."""

    CLAIMED = "claimed"  # a party says so; the source could not verify
    REPORTED = "reported"  # the source reports it without qualification
    CONFIRMED = "confirmed"  # officials or the source confirmed it
    ASSESSED = "assessed"  # an analyst's assessment (ISW assesses ...)


@dataclass(frozen=True)
class Article:
    """One input text with its metadata.

    Attributes
    ----------
    id : str
        The path as given, or the JSONL ``id``.
    text : str
        Body text (front matter removed, HTML reduced to its main text).
    title : str
        Headline, ``""`` when unknown.
    source : str
        Outlet name, ``""`` when unknown.
    url : str
        Link to the original, ``""`` when unknown.
    published : datetime.date or None
        Publication date; ``None`` when unknown (never guessed).
    language : str
        ISO 639-1 code of the text.
    path : str
        File the article came from (``"-"`` for standard input).
    warnings : tuple of str
        Problems found while reading that did not stop it (e.g. no date).
    """

    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    language: str = "en"
    path: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A place mention found in an article's text.

    Attributes
    ----------
    start, end : int
        Character offsets into ``Article.text`` (end exclusive).
    text : str
        The surface form, ``article.text[start:end]``.
    cues : tuple of str
        Cue words seen around it: ``"village"``, ``"region"``, ``"border"``,
        ``"north of"`` ...
    place : Place or None
        The resolved place; ``None`` when unresolved (reported, never dropped).
    """

    start: int
    end: int
    text: str
    cues: tuple[str, ...] = ()
    place: Place | None = None


@dataclass(frozen=True)
class Event:
    """One dated, sourced event; field names follow ACLED where it has the concept."""

    event_id: str
    event_date: dt.date | None
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: TimePrecision
    event_type: str
    sub_event_type: str
    action: str
    actor1: str
    actor2: str
    location: str
    admin1: str
    country: str
    iso: str
    latitude: float
    longitude: float
    geometry: Any = field(compare=False, repr=False)
    geo_precision: GeoPrecision = GeoPrecision.PLACE
    notes: str = ""
    source: str = ""
    source_url: str = ""
    published_at: dt.date | None = None
    title: str = ""
    quote: str = ""
    quote_start: int = 0
    quote_end: int = 0
    verification: Verification = Verification.REPORTED
    claimed_by: str = ""
    confidence: float = 0.5
    sources_count: int = 1
    article_id: str = ""
    place_id: str = ""
    origin_place_id: str = ""
    undated: bool = False
