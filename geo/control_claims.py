"""Control claims: what the event table says about who holds a place, and how firmly.

An event that implies who holds a place gives one :class:`Claim`: capture, liberate
and hold say the acting side holds it; a withdrawal leaves it to the other side (the
actor2, else the other belligerent). "Unsuccessful assaults on X" reach here as a
``hold`` by the defender, "Russian-occupied X" as a ``hold`` (the extractor reads both);
advances, clashes, strikes and losses say nothing of who holds the place.

A claim's strength comes from the report's verification (a party's claim counts less
than a confirmation or an analyst's assessment), the extractor's confidence and the
precision of the place (a report "near X" is weaker than one on X itself). A sentence
repeated word for word in many reports (a standing heading or objective) is boilerplate,
not news, and gives no claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from geo.actors import side_code
from geo.model import Event, GeoPrecision, Verification
from geo.schema import day_number
from geo.timeline import MergedEvent

__all__ = [
    "CLAIM_ACTIONS",
    "Claim",
    "belligerents",
    "claims_from_events",
    "report_day",
]

#: Actions that say who holds a place: ``1`` the acting side (actor1), ``2`` the other.
CLAIM_ACTIONS: dict[str, int] = {"capture": 1, "liberate": 1, "hold": 1, "withdraw": 2}

#: Actions that report a change of hands (they outweigh older reports of holding).
CHANGE_ACTIONS = frozenset({"capture", "liberate", "withdraw"})

#: Weight of a report by how well its source supports it.
VERIFICATION_WEIGHT: dict[str, float] = {
    Verification.CONFIRMED.value: 1.0,
    Verification.ASSESSED.value: 0.9,
    Verification.REPORTED.value: 0.7,
    Verification.CLAIMED.value: 0.45,
}

#: Weight of a report by how precisely it is placed.
PRECISION_WEIGHT: dict[int, float] = {GeoPrecision.PLACE: 1.0, GeoPrecision.NEAR: 0.5}

_POINTS = {"Point", "MultiPoint"}


@dataclass(frozen=True)
class Claim:
    """One report of which side holds a place.

    Attributes
    ----------
    key : str
        The place's identity (see :func:`place_key`).
    place_id : str
        Gazetteer id, ``""`` when the report is only near a place.
    name : str
    longitude, latitude : float
    side : str
        Side code of the holder (``"UA"``, ``"RU"`` ...).
    day : int
        Day number the report counts from (see :func:`report_day`).
    exact : bool
        Whether the report has its own date (not only "before publication").
    strength : float
        0..1, how firmly the report says so.
    change : bool
        The report is of a change of hands (capture, liberation, withdrawal).
    event_id : str
    source : str
        The article (or outlet) the report comes from: claims of one source on one
        day are not independent.
    iso : str
        Country of the place.
    """

    key: str
    place_id: str
    name: str
    longitude: float
    latitude: float
    side: str
    day: int
    exact: bool
    strength: float
    change: bool
    event_id: str
    source: str
    iso: str = ""


def report_day(event: Event | MergedEvent) -> str | None:
    """Return the day a report counts from (ISO), ``None`` when it is undated.

    Its own date, else the end of its interval, else the start, else the day the
    article was published.

    Parameters
    ----------
    event : Event or MergedEvent

    Returns
    -------
    str or None
    """
    if event.undated:
        return None
    for day in (event.event_date, event.date_end, event.date_start, event.published_at):
        if day is not None:
            return day.isoformat()
    return None


def place_key(event: Event | MergedEvent) -> str:
    """Return the identity of an event's place: its gazetteer id, else name and point.

    A report placed only near a place or offset from it ("20 km south of X") is about
    its own point, never about the reference place.

    Parameters
    ----------
    event : Event or MergedEvent

    Returns
    -------
    str
    """
    point = f"{event.location}|{event.latitude:.3f}|{event.longitude:.3f}"
    if event.geo_precision is not GeoPrecision.PLACE:
        return f"near:{point}"
    return event.place_id or point


def _holder(event: Event | MergedEvent, code_of: Callable[[str], str]) -> tuple[str, str]:
    """(holder code, actor1 code) of a claim event."""
    whose = CLAIM_ACTIONS[event.action]
    return code_of(event.actor1 if whose == 1 else event.actor2), code_of(event.actor1)


def belligerents(
    events: Iterable[Event | MergedEvent], code_of: Callable[[str], str] = side_code
) -> tuple[str, ...]:
    """Return the two sides most often reported holding or taking places (sorted).

    A third code (a neighbouring country named as the other side of a withdrawal, a
    unit misread as a country) is no side of the corpus's war.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
    code_of : callable, default :func:`geo.actors.side_code`
        Actor name -> side code.

    Returns
    -------
    tuple of str
        Zero, one or two codes.
    """
    tally: Counter[str] = Counter()
    for e in events:
        if e.action in CLAIM_ACTIONS:
            tally.update(c for c in _holder(e, code_of) if c)
    return tuple(sorted(c for c, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:2]))


def _boilerplate(events: list[Event | MergedEvent], *, min_articles: int) -> set[str]:
    """Sentences repeated word for word in at least ``min_articles`` articles."""
    seen: dict[str, set[str]] = {}
    for e in events:
        quote = " ".join(str(e.quote or "").split())
        if quote:
            seen.setdefault(quote, set()).add(e.article_id or e.source_url or e.event_id)
    return {q for q, arts in seen.items() if len(arts) >= min_articles}


def claims_from_events(
    events: Iterable[Event | MergedEvent],
    *,
    code_of: Callable[[str], str] = side_code,
    sides: tuple[str, ...] | None = None,
    boilerplate_articles: int = 3,
) -> list[Claim]:
    """Turn an event table's records into control claims.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
        Records of the event table. Undated reports, reports on a line or an area
        (a region is never a claim on every place in it) and reports of a side other
        than the belligerents give no claim.
    code_of : callable, default :func:`geo.actors.side_code`
        Actor name -> side code (``""`` when unknown).
    sides : tuple of str, optional
        The belligerents; by default :func:`belligerents` of the events.
    boilerplate_articles : int, default 3
        A sentence found word for word in this many articles is a standing text
        (a heading, an objective), not a report.

    Returns
    -------
    list of Claim
        In (day, event id) order.
    """
    events = list(events)
    if sides is None:
        sides = belligerents(events, code_of)
    repeated = _boilerplate(events, min_articles=boilerplate_articles)
    claims = []
    for e in events:
        if e.action not in CLAIM_ACTIONS or e.geo_precision not in PRECISION_WEIGHT:
            continue
        if e.geometry is not None and not e.geometry.is_empty and (
            e.geometry.geom_type not in _POINTS
        ):
            continue
        day = report_day(e)
        if day is None or " ".join(str(e.quote or "").split()) in repeated:
            continue
        holder, actor = _holder(e, code_of)
        if not holder and e.action == "withdraw" and actor in sides and len(sides) == 2:
            # The side that withdraws leaves the place to the other belligerent.
            holder = sides[1] if actor == sides[0] else sides[0]
        if holder not in sides or (e.action == "withdraw" and holder == actor):
            continue
        verification = getattr(e.verification, "value", e.verification)
        one = (
            VERIFICATION_WEIGHT.get(str(verification), 0.6)
            * PRECISION_WEIGHT[e.geo_precision]
            * min(1.0, 0.5 + float(e.confidence or 0.0))
        )
        # Independent articles reporting the same event each add their weight.
        strength = 1.0 - (1.0 - one) ** max(1, int(e.sources_count or 1))
        claims.append(
            Claim(
                key=place_key(e),
                place_id=e.place_id if e.geo_precision is GeoPrecision.PLACE else "",
                name=e.location,
                longitude=float(e.longitude),
                latitude=float(e.latitude),
                side=holder,
                day=day_number(day),
                exact=e.event_date is not None,
                strength=round(strength, 4),
                change=e.action in CHANGE_ACTIONS,
                event_id=e.event_id,
                source=e.article_id or e.source_url or e.source or e.event_id,
                iso=e.iso or "",
            )
        )
    claims.sort(key=lambda c: (c.day, c.event_id))
    return claims
