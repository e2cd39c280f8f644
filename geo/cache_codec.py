"""One article's results as one Arrow row, and back: the per-article cache's format.

The Arrow types follow the records' type hints (``geo.model.Mention``, ``geo.model.Event``,
``gazetteer.model.Place``), so a field added to a record is stored without a change here;
geometries travel as WKB, enums as their values, dates as ``date32``. A place's geometry
that is the place index's own (a country's outline, an oblast) is stored as a reference to
it, not copied into every entry. A value that does not fit its declared type raises
:class:`CodecError` and the result is simply not cached.
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


def _arrow_type(hint: Any, depth: int) -> pa.DataType:
    hint = _strip_optional(hint)
    if hint is typing.Any:
        return pa.binary()  # a shapely geometry as WKB
    if typing.get_origin(hint) is tuple:
        return pa.list_(_arrow_type(typing.get_args(hint)[0], depth))
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
            return _struct(hint, depth + 1)
    raise CodecError(f"no cache type for {hint!r}")


@functools.cache
def _struct(cls: type, depth: int = 0) -> pa.StructType:
    # A place's alternatives are places: one level is kept (theirs are always empty).
    fields = [
        pa.field(name, _arrow_type(hint, depth))
        for name, hint in _hints(cls).items()
        if not (depth > 1 and _strip_optional(hint) == tuple[Place, ...])
    ]
    return pa.struct(fields)


@functools.cache
def row_schema() -> pa.Schema:
    """Return the Arrow schema of one cached article: its mentions and its events."""
    return pa.schema(
        [
            pa.field("mentions", pa.list_(_struct(Mention))),
            pa.field("events", pa.list_(_struct(Event))),
        ]
    )


def _to_arrow(value: Any, hint: Any, geo: PlaceGeometry | None) -> Any:
    if value is None:
        return None
    hint = _strip_optional(hint)
    if hint is typing.Any:
        import shapely

        if not isinstance(value, shapely.Geometry):
            raise CodecError(f"expected a shapely geometry, got {type(value).__name__}")
        return shapely.to_wkb(value)
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        return [_to_arrow(v, inner, geo) for v in value]
    if dataclasses.is_dataclass(hint):
        return _record_to_arrow(value, geo)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _record_to_arrow(record: Any, geo: PlaceGeometry | None) -> dict[str, Any]:
    out = {}
    for name, hint in _hints(type(record)).items():
        value = getattr(record, name)
        if isinstance(record, Place):
            if name == "alternatives" and any(alt.alternatives for alt in value):
                raise CodecError("alternatives of alternatives are not cached")
            if name == "geometry" and value is not None and _is_index_geometry(record, geo):
                out[name] = _FROM_INDEX
                continue
        out[name] = _to_arrow(value, hint, geo)
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


def _from_arrow(value: Any, hint: Any, geo: PlaceGeometry | None) -> Any:
    if value is None:
        return None
    hint = _strip_optional(hint)
    if hint is typing.Any:
        import shapely

        return shapely.from_wkb(value)
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        return tuple(_from_arrow(v, inner, geo) for v in value)
    if dataclasses.is_dataclass(hint):
        return _record_from_arrow(value, hint, geo)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    return value


def _record_from_arrow(row: dict[str, Any], cls: type, geo: PlaceGeometry | None) -> Any:
    if cls is Place and row.get("geometry") == _FROM_INDEX:
        if geo is None:
            raise CodecError("a place geometry refers to the index, and none was given")
        try:
            row = {**row, "geometry": geo(row["id"])}
        except KeyError:
            raise CodecError(f"place {row['id']!r} is not in the index") from None
        hints = {k: v for k, v in _hints(cls).items() if k != "geometry"}
        kwargs = {n: _from_arrow(row[n], h, geo) for n, h in hints.items() if n in row}
        return cls(**kwargs, geometry=row["geometry"])
    # a field the format leaves out (an alternative's own alternatives) keeps its default
    kwargs = {n: _from_arrow(row[n], h, geo) for n, h in _hints(cls).items() if n in row}
    return cls(**kwargs)


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
    row = {
        "mentions": [_record_to_arrow(m, place_geometry) for m in mentions],
        "events": [_record_to_arrow(e, place_geometry) for e in events],
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
        mentions = tuple(_record_from_arrow(m, Mention, place_geometry) for m in row["mentions"])
        events = tuple(_record_from_arrow(e, Event, place_geometry) for e in row["events"])
    except (TypeError, ValueError) as error:  # a bad enum value, a broken WKB ...
        raise CodecError(f"cannot decode the results: {error}") from error
    return mentions, events
