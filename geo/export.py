"""The corpus table as a GeoDataFrame, and its files: GeoJSON, CSV, GeoParquet.

The columns are :data:`geo.schema.EVENT_COLUMNS` (names, order, types and meaning,
declared once there); this module writes and reads them. Dates are ISO strings
(``None`` when unknown), enums their values, floats rounded (coordinates to 6 decimals,
confidence to 3) and rows sorted by event date and id, so that the same events always
give byte-identical files. Files are written to a temporary file beside the target and
moved into place (``os.replace``).

* ``.geojson``: an RFC 7946 FeatureCollection (WGS84 longitude/latitude); every
  column is a property except ``geometry``.
* ``.csv``: every column, ``geometry`` as WKT.
* ``.parquet``: GeoParquet (``GeoDataFrame.to_parquet``).

``sources`` holds a JSON array: one object per article reporting the event.
:func:`events_from_frame` turns a table back into the records
(:class:`~geo.timeline.MergedEvent`): the one way other packages read events.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import json
import math
import os
import tempfile
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.exc import InputError
from geo.export_json import dumps_indented, round_like_python
from geo.model import Article, Event, Mention
from geo.schema import (
    COLUMNS,
    EVENT_COLUMNS,
    REQUIRED_COLUMNS,
    Column,
    column_spec,
    columns_of,
    iso_date,
)
from geo.timeline import MergedEvent, SourceRef, sort_key

if TYPE_CHECKING:
    import geopandas
    import pandas

    from geo.export_rows import RowStore

__all__ = [
    "COLUMNS",
    "SUFFIXES",
    "events_from_frame",
    "events_to_frame",
    "read_events",
    "write_event_tables",
    "write_events",
    "write_unresolved",
]

#: File types :func:`write_events` and :func:`read_events` understand.
SUFFIXES = (".geojson", ".csv", ".parquet")

_DATES = columns_of("date")
_INTS = columns_of("int")
_FLOATS = {c.name: c.decimals or 0 for c in EVENT_COLUMNS if c.kind == "float"}
_BOOLS = columns_of("bool")
_JSON = columns_of("json")
_VOCABULARIES = {c.name: c.values for c in EVENT_COLUMNS if c.values is not None}
_COORD_DECIMALS = _FLOATS["latitude"]
_SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(SourceRef))
_SOURCE_SPECS = tuple(column_spec(f) for f in _SOURCE_FIELDS)
_REWRITE = "write it again with 'frontline extract'"


def _json_text(value: Any) -> str:
    """Return the canonical text of a ``json`` cell (sorted keys, no spaces)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _row(item: Any) -> dict[str, Any]:
    merged = (
        item if isinstance(item, MergedEvent) else MergedEvent(item, (SourceRef.from_event(item),))
    )
    event: Event = merged.event
    row: dict[str, Any] = {}
    for column in COLUMNS:
        if column == "sources":
            row[column] = _json_text([s.to_dict() for s in merged.sources])
            continue
        value = getattr(event, column)
        if column in _DATES:
            value = value.isoformat() if value is not None else None
        elif column in _INTS:
            value = int(value)
        elif column in _FLOATS:
            value = round(float(value), _FLOATS[column])
        elif column in _BOOLS:
            value = bool(value)
        elif column == "geometry":
            import shapely

            # put on the precision grid by the caller, all rows in one call
            value = value if value is not None else shapely.Point(event.longitude, event.latitude)
        elif column == "verification":
            value = getattr(value, "value", value)
        else:
            value = "" if value is None else str(value)
        row[column] = value
    return row


def events_to_frame(events: Iterable[Event | Any]) -> geopandas.GeoDataFrame:
    """Build the event table.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
        Records (merged or not).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, columns :data:`COLUMNS` in order, rows sorted by event date
        (undated last) then event id, index 0..n-1.
    """
    import numpy as np
    import shapely

    rows = [_row(e) for e in sorted(events, key=sort_key)]
    geoms = np.empty(len(rows), dtype=object)
    geoms[:] = [row["geometry"] for row in rows]
    for row, geom in zip(rows, shapely.set_precision(geoms, 10.0**-_COORD_DECIMALS), strict=True):
        row["geometry"] = geom
    return _frame(rows)


def _frame(rows: Sequence[Mapping[str, Any]]) -> geopandas.GeoDataFrame:
    import geopandas
    import pandas as pd

    data: dict[str, Any] = {}
    for column in COLUMNS:
        values = [r.get(column) for r in rows]
        if column == "geometry":
            continue
        if column in _INTS:
            data[column] = pd.Series(values, dtype="int64")
        elif column in _FLOATS:
            data[column] = pd.Series(values, dtype="float64")
        elif column in _BOOLS:
            data[column] = pd.Series(values, dtype="bool")
        else:
            data[column] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(data)
    gdf = geopandas.GeoDataFrame(
        frame, geometry=geopandas.GeoSeries([r["geometry"] for r in rows], crs="EPSG:4326")
    )
    return gdf[list(COLUMNS)]


def _atomic_write(path: Path, write: Any) -> None:
    """Write through a temporary file in the target folder, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _require_columns(
    present: Iterable[str], where: str, *, needed: Sequence[str] = COLUMNS, hint: str = _REWRITE
) -> None:
    """Raise an InputError naming the columns of ``needed`` that ``present`` lacks."""
    have = set(present)
    missing = [c for c in needed if c not in have]
    if missing:
        raise InputError(f"{where}: missing column(s) {', '.join(missing)}; {hint}")


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: unknown event table type {suffix or '(none)'}; "
            f"use one of {', '.join(SUFFIXES)}"
        )
    return suffix


def _records(gdf: geopandas.GeoDataFrame) -> list[dict[str, Any]]:
    """Rows of a table in canonical form (re-normalised, so any frame is accepted)."""
    import pandas as pd

    _require_columns(gdf.columns, "event table", hint="build it with events_to_frame")
    out = []
    # a column at a time into Python lists: iterrows builds a Series per row (most of the
    # time of writing a large table)
    columns = [gdf[column].tolist() for column in COLUMNS]
    for values in zip(*columns, strict=True):
        rec: dict[str, Any] = {}
        for column, value in zip(COLUMNS, values, strict=True):
            if column == "geometry":
                rec[column] = value
            elif column in _INTS:
                rec[column] = int(value)
            elif column in _FLOATS:
                rec[column] = round(float(value), _FLOATS[column])
            elif column in _BOOLS:
                rec[column] = bool(value)
            elif column in _DATES:
                rec[column] = (
                    None
                    if value is None
                    or (not isinstance(value, str) and pd.isna(value))
                    or value == ""
                    else str(value)[:10]
                )
            else:
                rec[column] = (
                    ""
                    if value is None or (not isinstance(value, str) and pd.isna(value))
                    else str(value)
                )
        for name, vocabulary in _VOCABULARIES.items():
            try:
                vocabulary(rec[name])
            except ValueError:
                raise ValueError(_misfit(column_spec(name), rec[name], rec["event_id"])) from None
        out.append(rec)
    return out


def _misfit(spec: Column, value: Any, event_id: Any) -> str:
    """Say which value of which event does not fit its column."""
    return f"event {event_id!r} has {spec.name} {value!r}, which is not {spec.meaning}"


def _geojson_geometries(geoms: Sequence[Any]) -> list[dict[str, Any] | None]:
    """Return each geometry as GeoJSON (``None`` for a missing or empty one), rounded."""
    import numpy as np
    import shapely

    values = np.empty(len(geoms), dtype=object)
    values[:] = list(geoms)
    present = np.flatnonzero(~shapely.is_missing(values) & ~shapely.is_empty(values))
    out: list[dict[str, Any] | None] = [None] * len(values)
    if not len(present):
        return out
    shapes = values[present]
    if shapely.has_z(shapes).any():
        # all the geometries in one call each way, each coordinate rounded as it is read
        texts = shapely.to_geojson(shapes)
        parsed = json.loads("[" + ",".join(texts) + "]", parse_float=_round_coordinate)
    else:
        # GEOS writes each coordinate's shortest exact text, so rounding them all at once
        # before writing gives what rounding each after reading gave, as Python rounds
        shapes = shapely.transform(shapes, _round_coordinates)
        parsed = json.loads("[" + ",".join(shapely.to_geojson(shapes)) + "]")
    for i, mapping in zip(present.tolist(), parsed, strict=True):
        out[i] = mapping
    return out


def _round_coordinates(xy: Any) -> Any:
    import numpy as np

    rounded = round_like_python(xy, _COORD_DECIMALS)
    return np.where(rounded == 0, 0.0, rounded)  # no negative zero


def _round_coordinate(text: str) -> float:
    value = round(float(text), _COORD_DECIMALS)
    return 0.0 if value == 0 else value


def write_events(
    gdf: geopandas.GeoDataFrame, path: str | Path, *, rows: RowStore | None = None
) -> Path:
    """Write the event table to ``path``; the file type follows the suffix.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A table from :func:`events_to_frame` (or :func:`read_events`).
    path : str or Path
        ``.geojson``, ``.csv`` or ``.parquet``.
    rows : RowStore, optional
        Texts of rows written before (:class:`geo.export_rows.RowStore`): only the other
        rows of a GeoJSON or CSV table are encoded; the bytes are the same.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    InputError
        For another suffix or a table without the expected columns.
    """
    target = Path(path)
    suffix = _check_suffix(target)
    _write_if_changed(target, _Table(_records(gdf), rows).bytes(suffix))
    return target


def write_event_tables(
    gdf: geopandas.GeoDataFrame, paths: Sequence[str | Path], *, rows: RowStore | None = None
) -> list[Path]:
    """Write the event table to several files (one per type), reading the table once.

    A file that already holds the same bytes is left as it is (a rebuild that changed
    no event rewrites no table, and the files keep their times).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        As for :func:`write_events`.
    paths : sequence of str or Path
        Each ``.geojson``, ``.csv`` or ``.parquet``.
    rows : RowStore, optional
        As for :func:`write_events`.

    Returns
    -------
    list of Path
        The paths, in order.

    Raises
    ------
    InputError
        For another suffix or a table without the expected columns.
    """
    targets = [Path(p) for p in paths]
    suffixes = [_check_suffix(t) for t in targets]
    table = _Table(_records(gdf), rows)
    for target, suffix in zip(targets, suffixes, strict=True):
        _write_if_changed(target, table.bytes(suffix))
    return targets


class _Table:
    """The rows of :func:`_records` and the files made of them (row texts stored or not)."""

    def __init__(self, rows: Sequence[Mapping[str, Any]], store: RowStore | None) -> None:
        self.rows = rows
        self.store = store
        self._keys: list[bytes] | None = None

    def _texts(
        self, kind: str, encode: Callable[[Sequence[Mapping[str, Any]]], list[str]]
    ) -> list[str]:
        """Each row's text of table type ``kind``: from the store where it has them."""
        if self.store is None or not self.rows:
            return encode(self.rows)
        if self._keys is None:  # once for every table type
            from geo.export_rows import row_keys

            self._keys = row_keys(self.rows, COLUMNS)
        return self.store.texts(kind, self._keys, lambda at: encode([self.rows[i] for i in at]))

    def bytes(self, suffix: str) -> bytes:
        """Return the file's bytes for the table type of ``suffix``."""
        if suffix == ".geojson":
            return _geojson_join(self._texts("geojson", _geojson_features)).encode("utf-8")
        if suffix == ".csv":
            return _csv_join(self._texts("csv", _csv_lines)).encode("utf-8")
        buffer = io.BytesIO()
        _frame(self.rows).to_parquet(buffer, index=False, compression="zstd")
        return buffer.getvalue()


def _write_if_changed(target: Path, body: bytes) -> bool:
    """Write ``body`` atomically unless ``target`` holds it already; say whether written."""
    with contextlib.suppress(OSError):
        if target.stat().st_size == len(body) and target.read_bytes() == body:
            return False
    _atomic_write(target, lambda tmp: tmp.write_bytes(body))
    return True


def _geojson_features(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return each row's feature as the text it has inside the collection (level 2)."""
    out = []
    geometries = _geojson_geometries([row["geometry"] for row in rows])
    for row, geometry in zip(rows, geometries, strict=True):
        properties = {c: row[c] for c in COLUMNS if c != "geometry"}
        feature = {"type": "Feature", "properties": properties, "geometry": geometry}
        out.append(dumps_indented(feature, indent=1, level=2))
    return out


def _geojson_join(features: Sequence[str]) -> str:
    """Return the collection of ``features``: the bytes of ``json.dumps(..., indent=1)``."""
    if not features:
        return dumps_indented({"type": "FeatureCollection", "features": []}, indent=1) + "\n"
    head = '{\n "type": "FeatureCollection",\n "features": [\n  '
    return head + ",\n  ".join(features) + "\n ]\n}\n"


def _format_float(value: float, decimals: int) -> str:
    if math.isnan(value):
        return ""
    return repr(round(value, decimals))


def _csv_join(lines: Sequence[str]) -> str:
    """Return the CSV file of the row ``lines``, under the header."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(COLUMNS)
    return buffer.getvalue() + "".join(lines)


def _csv_lines(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return each row's CSV text (a quoted cell may hold line breaks)."""
    import shapely

    parts: list[str] = []
    lines = []
    writer = csv.writer(types.SimpleNamespace(write=parts.append), lineterminator="\n")
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            if column == "geometry":
                value = (
                    ""
                    if value is None
                    else shapely.to_wkt(value, rounding_precision=_COORD_DECIMALS, trim=True)
                )
            elif column in _FLOATS:
                value = _format_float(value, _FLOATS[column])
            elif column in _BOOLS:
                value = "true" if value else "false"
            elif value is None:
                value = ""
            cells.append(value)
        writer.writerow(cells)
        lines.append("".join(parts))
        parts.clear()
    return lines


def read_events(path: str | Path) -> geopandas.GeoDataFrame:
    """Read an event table written by :func:`write_events`.

    Parameters
    ----------
    path : str or Path
        ``.geojson``, ``.csv`` or ``.parquet``.

    Returns
    -------
    geopandas.GeoDataFrame
        The same columns, types and order as :func:`events_to_frame` gives.

    Raises
    ------
    InputError
        When the file is missing, of another type, or not an event table: it lacks a
        column of :data:`~geo.schema.COLUMNS` (named in the message), or a value is
        outside its column's vocabulary (the event is named).
    """
    source = Path(path)
    suffix = _check_suffix(source)
    if not source.is_file():
        raise InputError(f"{source}: no such events file; write one with 'frontline extract'")
    try:
        if suffix == ".geojson":
            rows = _read_geojson(source)
        elif suffix == ".csv":
            rows = _read_csv(source)
        else:
            import geopandas

            table = geopandas.read_parquet(source)
            _require_columns(table.columns, str(source))
            rows = _records(table)
    except InputError:
        raise
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise InputError(f"{source}: not a readable event table ({error}); {_REWRITE}") from error
    return _frame(rows)


def _read_geojson(path: Path) -> list[dict[str, Any]]:
    import geopandas
    import shapely

    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for feature in data.get("features", []):
        props = dict(feature.get("properties") or {})
        geometry = feature.get("geometry")
        props["geometry"] = shapely.from_geojson(json.dumps(geometry)) if geometry else None
        for name in _JSON:  # other writers (GDAL) store the array itself, not its text
            if isinstance(props.get(name), list):
                props[name] = _json_text(props[name])
        rows.append(props)
    if rows:
        _require_columns({name for row in rows for name in row}, str(path))
    frame = (
        geopandas.GeoDataFrame(rows, columns=list(COLUMNS))
        if rows
        else geopandas.GeoDataFrame(columns=list(COLUMNS))
    )
    return _records(frame)


def _read_csv(path: Path) -> list[dict[str, Any]]:
    import shapely

    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is not None:
            _require_columns(reader.fieldnames, str(path))
        for raw in reader:
            row: dict[str, Any] = dict(raw)
            row["geometry"] = shapely.from_wkt(raw["geometry"]) if raw.get("geometry") else None
            for column in _BOOLS:
                row[column] = str(raw.get(column, "")).lower() == "true"
            for column in _FLOATS:
                row[column] = float(raw[column]) if raw.get(column) else math.nan
            rows.append(row)
    import geopandas

    frame = (
        geopandas.GeoDataFrame(rows, columns=list(COLUMNS))
        if rows
        else geopandas.GeoDataFrame(columns=list(COLUMNS))
    )
    return _records(frame)


def events_from_frame(table: pandas.DataFrame) -> list[MergedEvent]:
    """Read the rows of an event table into records: the inverse of :func:`events_to_frame`.

    A table from :func:`read_events` or :func:`events_to_frame` reads back as written.
    A (Geo)DataFrame built by hand needs only :data:`~geo.schema.REQUIRED_COLUMNS`: a
    column it leaves out, and an empty cell, take the column's ``missing`` value (see
    :data:`~geo.schema.EVENT_COLUMNS`); an event without coordinates takes the point of
    its geometry (a representative point of a line or area).

    Parameters
    ----------
    table : pandas.DataFrame or geopandas.GeoDataFrame
        One row per event, columns named as :data:`~geo.schema.COLUMNS`.

    Returns
    -------
    list of MergedEvent
        In table order. ``sources`` also reads a list of report objects, or labels and
        links joined by ``"; "`` (a table typed by hand).

    Raises
    ------
    InputError
        A required column is missing, or a value does not fit its column (a date that
        cannot be read is an unknown date, not an error).
    """
    import shapely

    _require_columns(
        table.columns,
        "event table",
        needed=REQUIRED_COLUMNS,
        hint="the event table must follow the event record of frontline extract",
    )
    n = len(table)
    cells = {c: table[c].tolist() if c in table.columns else [None] * n for c in COLUMNS}
    ids = cells["event_id"]
    # a column at a time, each distinct cell read once: a table repeats its dates, names
    # and vocabularies on every row
    fields = {
        spec.name: _fields(spec, cells[spec.name], ids)
        for spec in EVENT_COLUMNS
        if spec.name != "sources"
    }
    names = list(fields)
    memo: dict[Any, Any] = {}
    out = []
    for i, row_values in enumerate(zip(*fields.values(), strict=True)):
        values = dict(zip(names, row_values, strict=True))
        geometry = values["geometry"]
        if not isinstance(geometry, shapely.Geometry) or geometry.is_empty:
            geometry = values["geometry"] = None
        if geometry is not None and (
            math.isnan(values["latitude"]) or math.isnan(values["longitude"])
        ):
            point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
            values["latitude"], values["longitude"] = point.y, point.x
        sources = _source_refs(cells["sources"][i], ids[i], memo)
        if values["sources_count"] is None:
            values["sources_count"] = max(len(sources), 1)
        out.append(MergedEvent(Event(**values), sources))
    return out


def _empty(value: Any) -> bool:
    """Whether a cell is empty: None, NaN, NaT, pandas' NA or blank text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and NaT differ from themselves
    except (TypeError, ValueError):  # pandas' NA has no truth value
        return True


def _field(spec: Column, value: Any, event_id: Any) -> Any:
    """Return the record value of one cell (the column's ``missing`` value when empty)."""
    if _empty(value):
        return spec.missing
    try:
        if spec.kind == "date":
            day = iso_date(value)
            return dt.date.fromisoformat(day) if day else None
        if spec.kind == "int":
            number = float(value)
            if not number.is_integer():
                raise ValueError("not a whole number")
            value = int(number)
        elif spec.kind == "float":
            value = float(value)
            return spec.missing if math.isnan(value) else value
        elif spec.kind == "bool":
            return (
                value.strip().lower() in {"true", "1", "yes"}
                if isinstance(value, str)
                else (bool(value))
            )
        elif spec.kind == "text":
            value = str(value)
        return spec.values(value) if spec.values is not None else value
    except (TypeError, ValueError) as error:
        raise InputError(f"event table: {_misfit(spec, value, event_id)}") from error


_UNSEEN = object()


def _fields(spec: Column, values: Sequence[Any], ids: Sequence[Any]) -> list[Any]:
    """Return :func:`_field` of every cell of one column, worked out once per distinct cell."""
    if spec.kind == "geometry":  # no memo: hashing a geometry writes its WKB
        return [_field(spec, v, i) for v, i in zip(values, ids, strict=True)]
    memo: dict[Any, Any] = {}
    out = []
    for value, event_id in zip(values, ids, strict=True):
        out.append(_memo_field(spec, value, event_id, memo))
    return out


def _memo_field(spec: Column, value: Any, event_id: Any, memo: dict[Any, Any]) -> Any:
    """Return :func:`_field` of a cell, remembered in ``memo`` by its type and value."""
    if type(value) is float and spec.kind == "float" and value == value:
        return value  # a number as it is: nearly every one differs
    try:
        key = (spec.name, type(value), value)  # by type too: 1, 1.0 and True differ as text
        found = memo.get(key, _UNSEEN)
    except TypeError:  # a value that cannot be a key (a list)
        return _field(spec, value, event_id)
    if found is _UNSEEN:
        found = memo[key] = _field(spec, value, event_id)
    return found


def _source_refs(
    value: Any, event_id: Any, memo: dict[Any, Any] | None = None
) -> tuple[SourceRef, ...]:
    """Return the reports of one ``sources`` cell: a JSON array, a list or ``"a; b"``.

    ``memo`` remembers the fields' values across cells (outlets, dates, titles repeat).
    """
    memo = {} if memo is None else memo
    items: Any = None
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            with contextlib.suppress(ValueError):
                items = json.loads(text)
        if not isinstance(items, list):
            items = text.split("; ") if text else []
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        return ()
    refs = []
    for item in items:
        if isinstance(item, Mapping):
            fields = {
                f: _memo_field(spec, item.get(f), event_id, memo)
                for f, spec in zip(_SOURCE_FIELDS, _SOURCE_SPECS, strict=True)
            }
        else:
            text = "" if _empty(item) else str(item).strip()
            if not text:
                continue
            fields = {f: _field(column_spec(f), None, event_id) for f in _SOURCE_FIELDS}
            fields["source_url" if "://" in text else "source"] = text
        refs.append(SourceRef(**fields))
    return tuple(refs)


def write_unresolved(
    results: Iterable[Any] | Mapping[Article, Sequence[Mention]], path: str | Path
) -> Path:
    """List the mentions that could not be placed, one CSV row each.

    Parameters
    ----------
    results : iterable or mapping
        Either objects with ``article`` and ``mentions`` attributes (pipeline
        results), or a mapping from :class:`~geo.model.Article` to its mentions.
    path : str or Path
        The CSV file to write (atomically).

    Returns
    -------
    Path

    Notes
    -----
    Columns: ``article, start, end, text, cues, sentence``; rows ordered by article
    id and offset.
    """
    from geo.text import split_sentences

    pairs: list[tuple[Article, Sequence[Mention]]]
    if isinstance(results, Mapping):
        pairs = list(results.items())
    else:
        pairs = [(r.article, r.mentions) for r in results]
    rows = []
    for article, mentions in sorted(pairs, key=lambda p: p[0].id):
        unplaced = [m for m in mentions if m.place is None]
        if not unplaced:  # most articles: no sentences to split
            continue
        spans = split_sentences(article.text)
        for m in sorted(unplaced, key=lambda m: (m.start, m.end)):
            sentence = next((article.text[a:b] for a, b in spans if a <= m.start < b), "")
            rows.append([article.id, m.start, m.end, m.text, ";".join(m.cues), sentence])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["article", "start", "end", "text", "cues", "sentence"])
    writer.writerows(rows)
    target = Path(path)
    _atomic_write(target, lambda tmp: tmp.write_text(buffer.getvalue(), encoding="utf-8"))
    return target
