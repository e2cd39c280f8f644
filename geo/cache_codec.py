"""One article's results as one Arrow row, and back: the per-article cache's format.

The Arrow types follow the records' type hints (``geo.model.Mention``, ``geo.model.Event``,
``gazetteer.model.Place``), so a field added to a record is stored without a change here;
geometries travel as WKB, enums as their values, dates as ``date32``. Places go to a table of
their own in the row, each stored once however many mentions and alternatives share it, and
are referred to by their position in it: alternatives of alternatives, at any depth, keep
their shape. A place's geometry that is the place index's own (a country's outline, an
oblast) is stored as a reference to it, not copied into every entry. A value that does not
fit its declared type raises :class:`CodecError` and the result is simply not cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from gazetteer.model import Place
from geo.model import Event, Mention

__all__ = ["CodecError", "PlaceGeometry", "decode_row", "encode_row", "row_schema"]

#: Gives the place index's geometry of a place id (``None`` for a point place).
PlaceGeometry = Callable[[str], Any]
#: Stored for a place geometry that is the index's own; never valid WKB (that starts 0 or 1).
_FROM_INDEX = b"@"


class CodecError(ValueError):
    """A record that cannot be written to, or read back from, the cache format."""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(hint: Any) -> Any:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _arrow_type(hint: Any) -> pa.DataType:
    hint = _strip_optional(hint)
    if hint is Place:
        return pa.int32()  # a position in the row's place table
    if hint is typing.Any:
        return pa.binary()  # a shapely geometry as WKB
    if typing.get_origin(hint) is tuple:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if isinstance(hint, type):
        if issubclass(hint, bool):
            return pa.bool_()
        if issubclass(hint, enum.IntEnum) or issubclass(hint, int):
            return pa.int64()
        if issubclass(hint, (enum.Enum, str)):
            return pa.string()
        if issubclass(hint, float):
            return pa.float64()
        if issubclass(hint, dt.datetime):
            return pa.timestamp("us")
        if issubclass(hint, dt.date):
            return pa.date32()
        if dataclasses.is_dataclass(hint):
            return _struct(hint)
    raise CodecError(f"no cache type for {hint!r}")


@functools.cache
def _struct(cls: type) -> pa.StructType:
    return pa.struct([pa.field(name, _arrow_type(hint)) for name, hint in _hints(cls).items()])


@functools.cache
def row_schema() -> pa.Schema:
    """Return the Arrow schema of one cached article: its mentions, events and places."""
    return pa.schema(
        [
            pa.field("mentions", pa.list_(_struct(Mention))),
            pa.field("events", pa.list_(_struct(Event))),
            pa.field("places", pa.list_(_struct(Place))),
        ]
    )


# How each field is converted, decided once per record class (the hot loop only branches).
_PLAIN, _ENUM, _GEOM, _RECORD, _LIST, _RECORDS, _ENUMS, _PLACE, _PLACES = range(9)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, int, Any], ...]:
    steps = []
    for name, hint in _hints(cls).items():
        hint = _strip_optional(hint)
        if hint is Place:
            steps.append((name, _PLACE, None))
        elif hint is typing.Any:
            steps.append((name, _GEOM, None))
        elif typing.get_origin(hint) is tuple:
            inner = _strip_optional(typing.get_args(hint)[0])
            if inner is Place:
                steps.append((name, _PLACES, None))
            elif dataclasses.is_dataclass(inner):
                steps.append((name, _RECORDS, inner))
            elif isinstance(inner, type) and issubclass(inner, enum.Enum):
                steps.append((name, _ENUMS, inner))
            else:
                steps.append((name, _LIST, None))
        elif dataclasses.is_dataclass(hint):
            steps.append((name, _RECORD, hint))
        elif isinstance(hint, type) and issubclass(hint, enum.Enum):
            steps.append((name, _ENUM, hint))
        else:
            steps.append((name, _PLAIN, None))
    return tuple(steps)


class _Places:
    """The row's place table while encoding: each place object stored once, children first."""

    def __init__(self, geo: PlaceGeometry | None) -> None:
        self.geo = geo
        self.rows: list[dict[str, Any]] = []
        # by identity: the resolver hands out shared objects, and frozen records cannot
        # hold cycles, so a place's alternatives are always stored before it
        self._seen: dict[int, int] = {}

    def ref(self, place: Place) -> int:
        at = self._seen.get(id(place))
        if at is None:
            row = _record_to_arrow(place, self)
            at = self._seen[id(place)] = len(self.rows)
            self.rows.append(row)
        return at


def _record_to_arrow(record: Any, places: _Places) -> dict[str, Any]:
    import shapely

    is_place = isinstance(record, Place)
    out: dict[str, Any] = {}
    for name, kind, _ in _plan(type(record)):
        value = getattr(record, name)
        if value is None or kind == _PLAIN:
            out[name] = value
        elif kind == _PLACE:
            out[name] = places.ref(value)
        elif kind == _PLACES:
            out[name] = [places.ref(v) for v in value]
        elif kind == _ENUM:
            out[name] = value.value
        elif kind == _GEOM:
            if is_place and _is_index_geometry(record, places.geo):
                out[name] = _FROM_INDEX
            elif isinstance(value, shapely.Geometry):
                out[name] = shapely.to_wkb(value)
            else:
                raise CodecError(f"expected a shapely geometry, got {type(value).__name__}")
        elif kind == _RECORD:
            out[name] = _record_to_arrow(value, places)
        elif kind == _RECORDS:
            out[name] = [_record_to_arrow(v, places) for v in value]
        elif kind == _ENUMS:
            out[name] = [v.value for v in value]
        else:
            out[name] = list(value)
    return out


def _is_index_geometry(place: Place, geo: PlaceGeometry | None) -> bool:
    if geo is None:
        return False
    try:
        own = geo(place.id)
    except KeyError:
        return False
    # the resolver hands out the index's own objects; equality covers a copy
    return own is place.geometry or (own is not None and own.equals_exact(place.geometry, 0))


def _record_from_arrow(
    row: dict[str, Any], cls: type, geo: PlaceGeometry | None, places: list[Place]
) -> Any:
    import shapely

    kwargs: dict[str, Any] = {}
    for name, kind, sub in _plan(cls):
        value = row[name]
        if value is None or kind == _PLAIN:
            kwargs[name] = value
        elif kind == _PLACE:
            kwargs[name] = _place_at(places, value)
        elif kind == _PLACES:
            kwargs[name] = tuple(_place_at(places, v) for v in value)
        elif kind == _ENUM:
            kwargs[name] = sub(value)
        elif kind == _GEOM:
            kwargs[name] = (
                _index_geometry(row, geo) if value == _FROM_INDEX else (shapely.from_wkb(value))
            )
        elif kind == _RECORD:
            kwargs[name] = _record_from_arrow(value, sub, geo, places)
        elif kind == _RECORDS:
            kwargs[name] = tuple(_record_from_arrow(v, sub, geo, places) for v in value)
        elif kind == _ENUMS:
            kwargs[name] = tuple(sub(v) for v in value)
        else:
            kwargs[name] = tuple(value)
    return cls(**kwargs)


def _place_at(places: list[Place], at: int) -> Place:
    # only earlier places can be referred to: a damaged entry cannot make a cycle
    if not 0 <= at < len(places):
        raise CodecError(f"place reference {at} outside the entry's {len(places)} places")
    return places[at]


def _index_geometry(row: dict[str, Any], geo: PlaceGeometry | None) -> Any:
    if geo is None:
        raise CodecError("a place geometry refers to the index, and none was given")
    try:
        return geo(row["id"])
    except KeyError:
        raise CodecError(f"place {row.get('id')!r} is not in the index") from None


def encode_row(
    mentions: tuple[Mention, ...],
    events: tuple[Event, ...],
    *,
    place_geometry: PlaceGeometry | None = None,
) -> pa.Table:
    """Return a one-row table holding an article's mentions and events.

    Parameters
    ----------
    mentions : tuple of Mention
        The article's place mentions (resolved or not).
    events : tuple of Event
        The article's events, before the cross-article merge.
    place_geometry : callable, optional
        The index's geometry of a place id; geometries equal to it are stored by reference.

    Returns
    -------
    pyarrow.Table
        One row with the schema :func:`row_schema`.

    Raises
    ------
    CodecError
        A value does not fit its declared type.
    """
    places = _Places(place_geometry)
    row = {
        "mentions": [_record_to_arrow(m, places) for m in mentions],
        "events": [_record_to_arrow(e, places) for e in events],
        "places": places.rows,
    }
    try:
        return pa.Table.from_pylist([row], schema=row_schema())
    except (pa.ArrowException, TypeError, ValueError) as error:
        raise CodecError(f"cannot encode the results: {error}") from error


def decode_row(
    table: pa.Table, *, place_geometry: PlaceGeometry | None = None
) -> tuple[tuple[Mention, ...], tuple[Event, ...]]:
    """Read the mentions and events back from a table written by :func:`encode_row`.

    Parameters
    ----------
    table : pyarrow.Table
        One row with the schema :func:`row_schema`.
    place_geometry : callable, optional
        The index's geometry of a place id, for geometries stored by reference.

    Returns
    -------
    mentions : tuple of Mention
    events : tuple of Event

    Raises
    ------
    CodecError
        The table does not have the expected schema or shape.
    """
    if table.num_rows != 1 or not table.schema.equals(row_schema()):
        raise CodecError("not a cached article (unexpected schema or row count)")
    row = table.to_pylist()[0]
    try:
        places: list[Place] = []
        for place in row["places"]:  # children first: each refers to earlier ones only
            places.append(_record_from_arrow(place, Place, place_geometry, places))
        mentions = tuple(
            _record_from_arrow(m, Mention, place_geometry, places) for m in row["mentions"]
        )
        events = tuple(_record_from_arrow(e, Event, place_geometry, places) for e in row["events"])
    except (TypeError, ValueError) as error:  # a bad enum value, a broken WKB ...
        raise CodecError(f"cannot decode the results: {error}") from error
    return mentions, events
