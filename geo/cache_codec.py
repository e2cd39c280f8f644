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

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import gc
import types
import typing
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import pyarrow as pa

from gazetteer.model import Place
from geo.model import Event, Mention

__all__ = ["CodecError", "PlaceGeometry", "decode_row", "decode_rows", "encode_row", "row_schema"]

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
    if table.num_rows != 1:
        raise CodecError("not a cached article (unexpected row count)")
    return decode_rows(table, place_geometry=place_geometry)[0]


def decode_rows(
    table: pa.Table, *, place_geometry: PlaceGeometry | None = None
) -> list[tuple[tuple[Mention, ...], tuple[Event, ...]]]:
    """Read every row of a table of cached articles back, a column at a time.

    Column-wise decoding converts each field of all the rows' records in one call (the
    geometries in one vectorised ``shapely.from_wkb``), which is several times faster than
    going record by record.

    Parameters
    ----------
    table : pyarrow.Table
        Rows with the columns of :func:`row_schema` (further columns, a key, are ignored).
    place_geometry : callable, optional
        The index's geometry of a place id, for geometries stored by reference.

    Returns
    -------
    list of (mentions, events)
        One pair per row, in order.

    Raises
    ------
    CodecError
        The table does not have the expected columns, or a value cannot be decoded
        (a bad enum value, a broken WKB, a place reference out of its row).
    """
    with _collector_paused():
        return _decode_rows(table, place_geometry)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while records are made.

    Decoding makes a hundred thousand records for a thousand articles, all in trees (frozen
    records hold no cycles): a collection in the middle finds nothing and costs as much
    as half the decoding.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _decode_rows(
    table: pa.Table, place_geometry: PlaceGeometry | None
) -> list[tuple[tuple[Mention, ...], tuple[Event, ...]]]:
    import shapely

    expected = row_schema()
    if not all(name in table.column_names for name in expected.names):
        raise CodecError("not a cached article (columns missing)")
    if not table.select(expected.names).schema.equals(expected):
        raise CodecError("not a cached article (unexpected schema)")
    try:
        places_col = table.column("places").combine_chunks()
        # a row's references count from its own first place: made global with the bounds
        offsets = places_col.offsets.to_numpy()
        bounds = (offsets[:-1], offsets[1:])
        places: list[Place] = []
        _decode(places_col.flatten(), Place, place_geometry, places, _at(bounds, places_col))
        rows = []
        for column, cls in (("mentions", Mention), ("events", Event)):
            lists = table.column(column).combine_chunks()
            rows.append(_split(lists, cls, place_geometry, places, _at(bounds, lists)))
    except CodecError:
        raise
    except (pa.ArrowException, TypeError, ValueError, KeyError, IndexError) as error:
        raise CodecError(f"cannot decode the results: {error}") from error
    except shapely.errors.ShapelyError as error:  # a broken WKB
        raise CodecError(f"cannot decode a geometry: {error}") from error
    return list(zip(rows[0], rows[1], strict=True))


def _at(bounds: tuple[Any, Any], lists: pa.ListArray) -> tuple[Any, Any]:
    """Return the place bounds of each element of ``lists``, from the bounds of each row."""
    rows = _row_of(lists)
    return bounds[0][rows], bounds[1][rows]


def _row_of(lists: pa.ListArray) -> Any:
    """Return the row of each element of ``lists`` (a numpy array as long as its values)."""
    import numpy as np

    offsets = lists.offsets.to_numpy()
    return np.repeat(np.arange(len(lists)), np.diff(offsets))


def _split(
    lists: pa.ListArray, cls: type, geo: PlaceGeometry | None, places: list[Place], bounds: Any
) -> list[Any]:
    """Return records of ``cls`` from a list array, grouped back into one tuple per list."""
    records = _decode(lists.flatten(), cls, geo, places, bounds)
    offsets = lists.offsets.to_pylist()
    if not lists.null_count:
        return [tuple(records[a:b]) for a, b in pairwise(offsets)]
    valid = lists.is_valid().to_pylist()
    return [
        tuple(records[a:b]) if ok else None
        for a, b, ok in zip(offsets[:-1], offsets[1:], valid, strict=True)
    ]


def _enum_of(cls: type) -> dict[Any, Any]:
    return {member.value: member for member in cls}


def _column(
    arr: pa.StructArray,
    name: str,
    kind: int,
    sub: Any,
    geo: PlaceGeometry | None,
    bounds: tuple[Any, Any],
    places: list[Place],
    *,
    grow: bool,
) -> list[Any]:
    import numpy as np

    col = arr.field(name)
    if kind == _PLAIN:
        return col.to_pylist()
    if kind == _ENUM:
        members = _enum_of(sub)
        if not col.null_count:
            return list(map(members.__getitem__, col.to_pylist()))
        return [None if v is None else members[v] for v in col.to_pylist()]
    if kind == _ENUMS:
        members = _enum_of(sub)
        return [None if v is None else tuple(members[x] for x in v) for v in col.to_pylist()]
    if kind == _LIST:
        if col.null_count:
            return [None if v is None else tuple(v) for v in col.to_pylist()]
        flat = col.flatten().to_pylist()  # one conversion, not one per list
        offsets = col.offsets.to_pylist()
        return [tuple(flat[a:b]) for a, b in pairwise(offsets)]
    if kind == _GEOM:
        return _geometries(arr, col, geo)
    if kind == _PLACE:
        # every reference at once: made global and checked to stay in its row
        valid = col.is_valid().to_numpy(zero_copy_only=False)
        local = col.fill_null(0).to_numpy(zero_copy_only=False)
        refs = local + bounds[0]
        if (valid & ((local < 0) | (refs >= bounds[1]))).any():
            raise CodecError("a place reference outside its row's places")
        if grow and (valid & (refs >= np.arange(len(refs)) + len(places))).any():
            raise CodecError("a place reference to a place not read yet")
        values = refs.tolist()
        look = (lambda r: (r,)) if grow else places.__getitem__  # a place: made in order
        return [look(r) if ok else None for r, ok in zip(values, valid.tolist(), strict=True)]
    if kind == _PLACES:
        # all the lists' references at once: made global and checked to stay in their row
        rows = _row_of(col)
        local = col.flatten().to_numpy(zero_copy_only=False)
        refs = local + bounds[0][rows]
        if len(refs) and ((local < 0).any() or (refs >= bounds[1][rows]).any()):
            raise CodecError("a place reference outside its row's places")
        # a place's alternatives were written before it: a later one is damage (a cycle)
        if grow and len(refs) and (refs >= rows + len(places)).any():
            raise CodecError("a place reference to a place not read yet")
        flat = refs.tolist() if grow else [places[r] for r in refs.tolist()]
        offsets = col.offsets.to_pylist()
        valid = col.is_valid().to_pylist() if col.null_count else None
        return [
            tuple(flat[a:b]) if valid is None or valid[i] else None
            for i, (a, b) in enumerate(pairwise(offsets))
        ]
    if kind == _RECORD:
        values = _decode(col, sub, geo, places, bounds)
        if not col.null_count:
            return values
        valid = col.is_valid().to_pylist()  # a null struct is a missing record
        return [v if ok else None for v, ok in zip(values, valid, strict=True)]
    if kind == _RECORDS:
        return _split(col, sub, geo, places, _at(bounds, col))
    raise CodecError(f"no decoder for field {name!r}")  # pragma: no cover


def _geometries(arr: pa.StructArray, col: pa.Array, geo: PlaceGeometry | None) -> list[Any]:
    """Return a geometry column: WKB decoded in one call, index references looked up."""
    import numpy as np
    import pyarrow.compute as pc
    import shapely

    values = col.to_numpy(zero_copy_only=False)  # bytes or None, as objects
    marked = np.flatnonzero(
        pc.fill_null(pc.equal(col, pa.scalar(_FROM_INDEX, col.type)), False).to_numpy(
            zero_copy_only=False
        )
    )
    if len(marked):
        values = values.copy()
        values[marked] = None
    out = shapely.from_wkb(values).tolist() if len(values) else []
    if len(marked):
        ids = arr.field("id").take(pa.array(marked)).to_pylist()
        for i, place_id in zip(marked.tolist(), ids, strict=True):
            out[i] = _index_geometry({"id": place_id}, geo)
    return out


def _decode(
    arr: pa.StructArray,
    cls: type,
    geo: PlaceGeometry | None,
    places: list[Place],
    bounds: tuple[Any, Any],
) -> list[Any]:
    """Return records of ``cls`` from a struct array, a column at a time.

    Place references become the places themselves. When ``cls`` is :class:`Place`, the
    records are appended to ``places`` as they are made, each after the places it refers
    to (the encoder wrote children first), so a reference to a later one is an error.
    """
    plan = _plan(cls)
    grow = cls is Place
    columns = [
        _column(arr, name, kind, sub, geo, bounds, places, grow=grow) for name, kind, sub in plan
    ]
    make = _maker(cls)
    if not grow:
        return list(map(make, zip(*columns, strict=True)))
    # references were checked to point to earlier places: look them up as the places come
    many = [i for i, (_, kind, _) in enumerate(plan) if kind == _PLACES]
    one = [i for i, (_, kind, _) in enumerate(plan) if kind == _PLACE]  # held as (ref,)
    get = places.__getitem__
    append = places.append
    for values in zip(*columns, strict=True):
        if any(values[i] for i in many) or one:
            values = list(values)
            for i in many:
                if values[i]:
                    values[i] = tuple(map(get, values[i]))
            for i in one:
                if values[i] is not None:
                    values[i] = get(values[i][0])
        append(make(values))
    return places


@functools.cache
def _maker(cls: type) -> Callable[[Any], Any]:
    """Return a function making a ``cls`` from its field values in order.

    Every field is given, so a plain dataclass's ``__init__`` only assigns them one
    ``object.__setattr__`` at a time (frozen): filling the instance dictionary in one
    update makes the same record several times faster. A class that does more when made
    (``__post_init__``, slots) keeps its constructor.
    """
    names = tuple(_hints(cls))
    plain = (
        dataclasses.is_dataclass(cls)
        and not hasattr(cls, "__post_init__")
        and "__slots__" not in cls.__dict__
        and names == tuple(f.name for f in dataclasses.fields(cls))
    )
    if not plain:
        return lambda values: cls(*values)
    new = object.__new__

    def make(values: Any) -> Any:
        record = new(cls)
        record.__dict__.update(zip(names, values, strict=True))
        return record

    return make
