"""One table for the corpus: the same event from several articles merged, overrides applied.

Two records are the same event when they have the same action family (taking a place
and liberating it are one family, :data:`ACTION_FAMILIES`) and the same side (the first
actor's side, :func:`geo.actors.side_code`; the same first actor when neither has a known
side), their points lie within ``distance_km`` (50 km by default) of each other (within
:data:`SAME_PLACE_KM`, and under two spellings of one name, when both name a settlement
exactly: two gazetteer entries of one town are one place, neighbouring towns are different
events; records of one article on different places never merge), or one
covers a whole region or line and the other is placed on that same gazetteer entry, and
their date intervals genuinely agree: each interval is bounded to
:data:`MERGE_WINDOW_DAYS` before its article's publication (an open start means "shortly
before publication", not "any time before"), the bounded intervals overlap, and the two
articles were published within :data:`MERGE_WINDOW_DAYS` of each other.

Groups are complete-linkage, never chains: a report joins a group only when it is the
same event as every member (reports are taken by publication date, then id), so three
reports A~B, B~C with A and C apart never become one event. A merged record keeps the
most precise date among those not later than its latest source's publication (time
precision, then the narrowest interval), the most precise place (geo precision, then
confidence), the most informative sourcing (confirmed > assessed > claimed > reported),
the smallest member id as its ``event_id``, and lists every source.

Editorial overrides (``events.yaml``) are applied last::

    drop:                       # event ids to remove
      - 3f2a9c0d1e4b5a6c
    correct:                    # fields to change, by event id
      9b8a7c6d5e4f3a2b:
        location: Mala Rohan
        latitude: 49.94
        longitude: 36.49
        verification: confirmed
    add:                        # events the extractor missed
      - event_date: 2022-05-15
        action: reach
        actor1: Military Forces of Ukraine
        location: Ukraine-Russia border
        latitude: 50.41
        longitude: 36.47
        source: Newsroom
        quote: Our reporter saw the unit at the border.

An id in ``drop`` or ``correct`` that matches no event is reported as a note naming
the file and the id; the other overrides still apply.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.distance import great_circle_km
from gazetteer.exc import InputError
from gazetteer.index_katottg import ID_PREFIX as KATOTTG_PREFIX
from geo.geography import fold_name, spelt_alike
from geo.model import ACTIONS, Event, GeoPrecision, TimePrecision, Verification

__all__ = [
    "ACTION_FAMILIES",
    "MERGE_WINDOW_DAYS",
    "SAME_PLACE_KM",
    "MergedEvent",
    "Overrides",
    "SourceRef",
    "apply_overrides",
    "load_overrides",
    "merge_events",
    "same_event",
    "sort_key",
]

#: Which sourcing a merged record keeps: a confirmation or an assessment by anyone
#: outranks a party's claim, and an explicit "claimed, unverified" outranks a plain report.
_VERIFICATION_RANK = {
    Verification.CONFIRMED: 3,
    Verification.ASSESSED: 2,
    Verification.CLAIMED: 1,
    Verification.REPORTED: 0,
}
#: Two events placed on named settlements are the same only within this distance.
SAME_PLACE_KM = 10.0
#: Reports of one event are published within this many days of each other, and an
#: interval open at its start ("before publication") reaches back this far at most.
MERGE_WINDOW_DAYS = 7
#: Actions that report the same kind of event (a side taking a place, whether called a
#: capture or a liberation); any other action is its own family.
ACTION_FAMILIES: dict[str, str] = {"capture": "take", "liberate": "take"}
_EVENT_FIELDS = {f.name: f for f in dataclasses.fields(Event)}
_DATE_FIELDS = ("event_date", "date_start", "date_end", "published_at")


@dataclass(frozen=True)
class SourceRef:
    """One article's report of an event.

    Attributes
    ----------
    event_id : str
        Id of the record extracted from this article.
    source, source_url : str
        Outlet and link.
    published_at : datetime.date or None
        Publication date.
    title : str
        The article's headline.
    article_id : str
        The article's id.
    quote : str
        The sentence.
    quote_start, quote_end : int
        Its offsets in the article.
    verification : Verification
        How this article sources the claim.
    claimed_by : str
        Who made it.
    """

    event_id: str
    source: str
    source_url: str
    published_at: dt.date | None
    title: str
    article_id: str
    quote: str
    quote_start: int
    quote_end: int
    verification: Verification
    claimed_by: str

    @classmethod
    def from_event(cls, event: Event) -> SourceRef:
        """Return the source reference of a single-article event."""
        return cls(
            event.event_id,
            event.source,
            event.source_url,
            event.published_at,
            event.title,
            event.article_id,
            event.quote,
            event.quote_start,
            event.quote_end,
            event.verification,
            event.claimed_by,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (ISO dates, string enums)."""
        return {
            "event_id": self.event_id,
            "source": self.source,
            "source_url": self.source_url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "title": self.title,
            "article_id": self.article_id,
            "quote": self.quote,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "verification": self.verification.value,
            "claimed_by": self.claimed_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceRef:
        """Inverse of :meth:`to_dict`."""
        published = data.get("published_at")
        return cls(
            str(data.get("event_id", "")),
            str(data.get("source", "")),
            str(data.get("source_url", "")),
            dt.date.fromisoformat(published) if published else None,
            str(data.get("title", "")),
            str(data.get("article_id", "")),
            str(data.get("quote", "")),
            int(data.get("quote_start", 0)),
            int(data.get("quote_end", 0)),
            Verification(data.get("verification", "reported")),
            str(data.get("claimed_by", "")),
        )


@dataclass(frozen=True)
class MergedEvent:
    """An event of the corpus table with every source that reports it.

    Every :class:`~geo.model.Event` field is readable on it directly
    (``merged.event_date``).

    Attributes
    ----------
    event : Event
        The merged record (``sources_count`` set).
    sources : tuple of SourceRef
        Each report, ordered by publication date, outlet and id.
    """

    event: Event
    sources: tuple[SourceRef, ...]

    def __getattr__(self, name: str) -> Any:
        if name in _EVENT_FIELDS:
            return getattr(self.event, name)
        raise AttributeError(name)


def _as_merged(item: Event | MergedEvent) -> MergedEvent:
    if isinstance(item, MergedEvent):
        return item
    return MergedEvent(item, (SourceRef.from_event(item),))


def _interval(event: Event) -> tuple[dt.date, dt.date]:
    """Return the date interval, an open start bounded by the publication window."""
    pub = event.published_at
    low = pub - dt.timedelta(days=MERGE_WINDOW_DAYS) if pub else dt.date.min
    if event.undated:
        return (low, pub or dt.date.max)
    end = event.date_end or event.date_start or pub or dt.date.max
    start = event.date_start or min(low, end)
    return (start, end)


def _family(event: Event) -> str:
    return ACTION_FAMILIES.get(event.action, event.action)


def _side(event: Event) -> str:
    from geo.actors import side_code

    return side_code(event.actor1) or f"actor:{event.actor1}"


def same_event(a: Event, b: Event, *, distance_km: float = 50.0) -> bool:
    """Whether two records report the same event (see the module docstring).

    Parameters
    ----------
    a, b : Event
        Two records.
    distance_km : float
        Largest distance between their points.

    Returns
    -------
    bool
    """
    if _family(a) != _family(b) or _side(a) != _side(b):
        return False
    return _same_keys(_MergeKey.of(a), _MergeKey.of(b), distance_km)


@dataclass(frozen=True, slots=True)
class _MergeKey:
    """What :func:`same_event` compares of one record besides family and side, derived once."""

    published: dt.date | None
    start: dt.date
    end: dt.date
    place_id: str | None
    region: bool
    article_id: str | None
    named: bool
    latitude: float
    longitude: float
    name: str

    @classmethod
    def of(cls, event: Event) -> _MergeKey:
        start, end = _interval(event)
        return cls(
            event.published_at,
            start,
            end,
            event.place_id,
            event.geo_precision == GeoPrecision.REGION,
            event.article_id,
            _named_place(event),
            event.latitude,
            event.longitude,
            fold_name(event.location),
        )


def _same_keys(a: _MergeKey, b: _MergeKey, distance_km: float) -> bool:
    """:func:`same_event` for two records of one family and side."""
    if a.published and b.published and abs((a.published - b.published).days) > MERGE_WINDOW_DAYS:
        return False
    if a.start > b.end or b.start > a.end:
        return False
    if a.place_id and a.place_id == b.place_id and (a.region or b.region):
        return True  # an event somewhere in a region or along a line, and one placed in it
    if a.article_id and a.article_id == b.article_id and a.place_id != b.place_id:
        return False  # one article reporting two places reports two events
    limit = distance_km
    if a.named and b.named:
        # two named settlements: the same only as spellings of one place (two entries of
        # the gazetteer for one village), not as neighbours
        if a.place_id != b.place_id and not spelt_alike(a.name, b.name):
            return False
        limit = min(distance_km, SAME_PLACE_KM)
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude) <= limit


def _named_place(event: Event | MergedEvent) -> bool:
    """Whether an event is at a named place (one only known by its hromada counts too)."""
    return event.geo_precision is GeoPrecision.PLACE or str(event.place_id or "").startswith(
        KATOTTG_PREFIX
    )


def sort_key(event: Event | MergedEvent) -> tuple[bool, dt.date, str]:
    """Table order: by event date (undated last), then event id."""
    day = event.event_date or event.date_end or event.date_start
    return (day is None, day or dt.date.max, event.event_id)


def merge_events(
    events: Iterable[Event | MergedEvent], *, distance_km: float = 50.0
) -> list[MergedEvent]:
    """Merge the reports of the same event into one record each.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
        Records from all articles (order does not matter).
    distance_km : float
        Places closer than this are the same place.

    Returns
    -------
    list of MergedEvent
        In table order (:func:`sort_key`); identical for any input order.
    """
    items = sorted(
        (_as_merged(e) for e in events),
        key=lambda m: (m.event.published_at or dt.date.min, m.event.event_id),
    )
    # family, side and the compared fields are derived once per record, not once per pair
    buckets: dict[tuple[str, str], list[tuple[MergedEvent, _MergeKey]]] = defaultdict(list)
    for item in items:
        key = _MergeKey.of(item.event)
        buckets[(_family(item.event), _side(item.event))].append((item, key))
    groups: list[list[MergedEvent]] = []
    for members in buckets.values():
        # complete linkage: a report joins the first group it matches in full, so
        # groups never chain reports that are not the same event as each other
        created: list[_Group] = []
        open_groups: list[_Group] = []
        for item, key in members:
            if key.published is not None:
                # Reports come in publication order: a group with a report published more
                # than the window before this one can match neither it nor any later one.
                horizon = key.published - dt.timedelta(days=MERGE_WINDOW_DAYS)
                open_groups = [
                    g for g in open_groups if g.published is None or g.published >= horizon
                ]
            for group in open_groups:
                # a report whose dates miss those of any member cannot join: skip the pairs
                if key.start > group.end or group.start > key.end:
                    continue
                if all(_same_keys(key, other, distance_km) for other in group.keys):
                    group.add(item, key)
                    break
            else:
                created.append(_Group(key.published, [item], [key], key.start, key.end))
                open_groups.append(created[-1])
        groups.extend(g.items for g in created)
    merged = [_merge_group(group) for group in groups]
    return sorted(merged, key=sort_key)


@dataclass(slots=True)
class _Group:
    """Reports merged so far, with their keys and the latest start and earliest end of all."""

    published: dt.date | None
    items: list[MergedEvent]
    keys: list[_MergeKey]
    start: dt.date
    end: dt.date

    def add(self, item: MergedEvent, key: _MergeKey) -> None:
        self.items.append(item)
        self.keys.append(key)
        self.start = max(self.start, key.start)
        self.end = min(self.end, key.end)


def _merge_group(group: Sequence[MergedEvent]) -> MergedEvent:
    if len(group) == 1:
        only = group[0]
        return MergedEvent(
            dataclasses.replace(only.event, sources_count=len(_distinct(only.sources))),
            only.sources,
        )
    events = [g.event for g in group]

    def width(e: Event) -> int:
        if e.date_start is None or e.date_end is None:
            return 10**6
        return (e.date_end - e.date_start).days

    latest = max((e.published_at for e in events if e.published_at), default=None)

    def too_late(e: Event) -> bool:
        day = e.event_date or e.date_start
        return latest is not None and day is not None and day > latest

    by_date = min(
        events, key=lambda e: (too_late(e), e.undated, e.time_precision, width(e), e.event_id)
    )
    by_place = min(events, key=lambda e: (e.geo_precision, -e.confidence, e.event_id))
    by_verification = max(
        events, key=lambda e: (_VERIFICATION_RANK[e.verification], bool(e.claimed_by), e.event_id)
    )
    sources = tuple(sorted({s for g in group for s in g.sources}, key=_source_key))
    count = len(_distinct(sources))
    best = dataclasses.replace(
        by_place,
        event_id=min(e.event_id for e in events),
        event_date=by_date.event_date,
        date_start=by_date.date_start,
        date_end=by_date.date_end,
        time_precision=by_date.time_precision,
        undated=by_date.undated,
        verification=by_verification.verification,
        claimed_by=by_verification.claimed_by,
        confidence=round(min(1.0, max(e.confidence for e in events) + 0.05 * (count - 1)), 3),
        sources_count=count,
    )
    return MergedEvent(best, sources)


def _source_key(s: SourceRef) -> tuple[Any, ...]:
    return (s.published_at or dt.date.min, s.source, s.article_id, s.event_id)


def _distinct(sources: Iterable[SourceRef]) -> set[tuple[str, str, str]]:
    return {(s.source, s.source_url, s.article_id) for s in sources}


# -- editorial overrides ---------------------------------------------------------------------


@dataclass(frozen=True)
class Overrides:
    """Parsed editorial overrides.

    Attributes
    ----------
    path : str
        The file they came from (named in every message).
    drop : tuple of str
        Event ids to remove.
    correct : tuple of (str, dict)
        Event id and the fields to change.
    add : tuple of dict
        New events (field -> value).
    """

    path: str
    drop: tuple[str, ...] = ()
    correct: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    add: tuple[Mapping[str, Any], ...] = ()


def load_overrides(path: str | Path) -> Overrides:
    """Read and check an overrides file (``events.yaml``).

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    Overrides

    Raises
    ------
    InputError
        When the file cannot be read or parsed, or has unknown keys or fields; the
        message names the file and what to fix.
    """
    import yaml

    name = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{name}: cannot read the overrides file ({error.strerror})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{name}:{where}: not valid YAML; fix the syntax") from error
    if data is None:
        return Overrides(name)
    if not isinstance(data, Mapping):
        raise InputError(f"{name}: expected a mapping with 'drop', 'correct' and/or 'add'")
    unknown = sorted(set(data) - {"drop", "correct", "add"})
    if unknown:
        raise InputError(f"{name}: unknown section(s) {unknown}; use 'drop', 'correct' or 'add'")
    drop = data.get("drop") or []
    if not isinstance(drop, list) or not all(isinstance(i, (str, int)) for i in drop):
        raise InputError(f"{name}: 'drop' must be a list of event ids")
    correct = data.get("correct") or {}
    if not isinstance(correct, Mapping) or not all(
        isinstance(v, Mapping) for v in correct.values()
    ):
        raise InputError(f"{name}: 'correct' must map event ids to the fields to change")
    add = data.get("add") or []
    if not isinstance(add, list) or not all(isinstance(v, Mapping) for v in add):
        raise InputError(f"{name}: 'add' must be a list of events (field: value)")
    for event_key, fields in correct.items():
        _check_fields(name, fields, f"correct.{event_key}")
    for i, fields in enumerate(add):
        _check_fields(name, fields, f"add[{i}]")
        for required in ("action", "latitude", "longitude"):
            if required not in fields:
                raise InputError(
                    f"{name}: add[{i}] lacks '{required}'; every added event needs "
                    "action, latitude and longitude"
                )
    return Overrides(
        name,
        tuple(str(i) for i in drop),
        tuple((str(k), dict(v)) for k, v in correct.items()),
        tuple(dict(v) for v in add),
    )


def _check_fields(name: str, fields: Mapping[str, Any], where: str) -> None:
    unknown = sorted(set(fields) - set(_EVENT_FIELDS) - {"sources"})
    if unknown:
        raise InputError(
            f"{name}: {where} has unknown field(s) {unknown}; "
            f"known fields: {', '.join(_EVENT_FIELDS)}"
        )
    for key, value in fields.items():
        try:
            _coerce(key, value)
        except (TypeError, ValueError) as error:
            raise InputError(f"{name}: {where}.{key}: {error}") from error


def _coerce(key: str, value: Any) -> Any:
    """Turn a YAML value into the type of the Event field ``key``."""
    import shapely

    if key in _DATE_FIELDS:
        if value is None or isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))
    if key == "time_precision":
        return TimePrecision(int(value))
    if key == "geo_precision":
        return GeoPrecision(int(value))
    if key == "verification":
        return Verification(str(value))
    if key == "action":
        if value not in ACTIONS:
            raise ValueError(f"{value!r} is not one of {', '.join(ACTIONS)}")
        return value
    if key in {"latitude", "longitude", "confidence"}:
        return float(value)
    if key in {"quote_start", "quote_end", "sources_count"}:
        return int(value)
    if key == "undated":
        return bool(value)
    if key == "geometry":
        return shapely.from_wkt(str(value))
    return "" if value is None else str(value)


def apply_overrides(
    events: Iterable[Event | MergedEvent], overrides: str | Path | Overrides
) -> tuple[list[MergedEvent], list[str]]:
    """Apply editorial overrides: drop, then correct, then add.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
        The merged table.
    overrides : str, Path or Overrides
        The overrides file, or overrides already loaded.

    Returns
    -------
    events : list of MergedEvent
        The table after the overrides, in table order.
    notes : list of str
        One note per override that matched no event (naming the file and the id).

    Raises
    ------
    InputError
        When the file is malformed (see :func:`load_overrides`).
    """
    import shapely

    spec = overrides if isinstance(overrides, Overrides) else load_overrides(overrides)
    table = {m.event.event_id: m for m in (_as_merged(e) for e in events)}
    notes: list[str] = []
    for key in spec.drop:
        if table.pop(key, None) is None:
            notes.append(f"{spec.path}: drop: no event with id {key!r}; check the id in the table")
    for key, fields in spec.correct:
        item = table.get(key)
        if item is None:
            notes.append(
                f"{spec.path}: correct: no event with id {key!r}; check the id in the table"
            )
            continue
        values = {k: _coerce(k, v) for k, v in fields.items() if k != "sources"}
        values.pop("event_id", None)
        if ("latitude" in values or "longitude" in values) and "geometry" not in values:
            lat = values.get("latitude", item.event.latitude)
            lon = values.get("longitude", item.event.longitude)
            values["geometry"] = shapely.Point(lon, lat)
        table[key] = MergedEvent(dataclasses.replace(item.event, **values), item.sources)
    for fields in spec.add:
        event = _new_event(fields)
        if event.event_id in table:
            notes.append(f"{spec.path}: add: id {event.event_id!r} already exists; use 'correct'")
            continue
        table[event.event_id] = _as_merged(event)
    return sorted(table.values(), key=sort_key), notes


def _new_event(fields: Mapping[str, Any]) -> Event:
    """Build an Event from an ``add`` entry, with defaults for what it leaves out."""
    import shapely

    from geo.actions import acled_types

    values = {k: _coerce(k, v) for k, v in fields.items() if k != "sources"}
    action = values["action"]
    event_type, sub_type = acled_types(action)
    digest = hashlib.sha1(
        json.dumps({k: str(v) for k, v in sorted(fields.items())}, sort_keys=True).encode("utf-8")
    ).hexdigest()[:16]
    start = values.get("date_start", values.get("event_date"))
    end = values.get("date_end", values.get("event_date"))
    base: dict[str, Any] = {
        "event_id": digest,
        "event_date": values.get("event_date"),
        "date_start": start,
        "date_end": end,
        "time_precision": TimePrecision.DAY
        if values.get("event_date")
        else TimePrecision.BEFORE_PUBLICATION,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "action": action,
        "actor1": "",
        "actor2": "",
        "location": "",
        "admin1": "",
        "country": "",
        "iso": "",
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "geometry": shapely.Point(values["longitude"], values["latitude"]),
        "source": "editorial",
        "verification": Verification.REPORTED,
        "confidence": 1.0,
        "undated": start is None and end is None,
    }
    base.update(values)
    return Event(**base)
