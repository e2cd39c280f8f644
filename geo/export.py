"""The corpus table as a GeoDataFrame, and its files: GeoJSON, CSV, GeoParquet.

Columns follow ACLED's names in the project's documented order (:data:`COLUMNS`);
dates are ISO strings (``None`` when unknown), enums their values, floats rounded
(coordinates to 6 decimals, confidence to 3) and rows sorted by event date and id, so
that the same events always give byte-identical files. Files are written to a
temporary file beside the target and moved into place (``os.replace``).

* ``.geojson``: an RFC 7946 FeatureCollection (WGS84 longitude/latitude); every
  column is a property except ``geometry``.
* ``.csv``: every column, ``geometry`` as WKT.
* ``.parquet``: GeoParquet (``GeoDataFrame.to_parquet``).

``sources`` holds a JSON array: one object per article reporting the event.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.exc import InputError
from geo.model import Article, Event, Mention

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "COLUMNS",
    "SUFFIXES",
    "events_to_frame",
    "read_events",
    "write_events",
    "write_unresolved",
]

#: Column order of the event table (ACLED names where ACLED has the concept).
COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "action",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "iso",
    "latitude",
    "longitude",
    "geometry",
    "geo_precision",
    "notes",
    "source",
    "source_url",
    "published_at",
    "quote",
    "quote_start",
    "quote_end",
    "verification",
    "claimed_by",
    "confidence",
    "sources_count",
    "sources",
    "article_id",
    "place_id",
    "origin_place_id",
    "undated",
)
#: File types :func:`write_events` and :func:`read_events` understand.
SUFFIXES = (".geojson", ".csv", ".parquet")

_DATES = ("event_date", "date_start", "date_end", "published_at")
_INTS = ("time_precision", "geo_precision", "quote_start", "quote_end", "sources_count")
_FLOATS = {"latitude": 6, "longitude": 6, "confidence": 3}
_BOOLS = ("undated",)
_TEXT = tuple(c for c in COLUMNS if c not in {*_DATES, *_INTS, *_FLOATS, *_BOOLS, "geometry"})
_COORD_DECIMALS = 6


def _row(item: Any) -> dict[str, Any]:
    from geo.timeline import MergedEvent, SourceRef

    merged = (
        item if isinstance(item, MergedEvent) else MergedEvent(item, (SourceRef.from_event(item),))
    )
    event: Event = merged.event
    row: dict[str, Any] = {}
    for column in COLUMNS:
        if column == "sources":
            row[column] = json.dumps(
                [s.to_dict() for s in merged.sources],
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            )
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

            value = value if value is not None else shapely.Point(event.longitude, event.latitude)
            value = shapely.set_precision(value, 10.0**-_COORD_DECIMALS)
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
    from geo.timeline import sort_key

    rows = [_row(e) for e in sorted(events, key=sort_key)]
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

    missing = [c for c in COLUMNS if c not in gdf.columns]
    if missing:
        raise InputError(f"event table lacks column(s) {missing}; build it with events_to_frame")
    out = []
    for _, row in gdf.iterrows():
        rec: dict[str, Any] = {}
        for column in COLUMNS:
            value = row[column]
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
        out.append(rec)
    return out


def _geojson_geometry(geom: Any) -> dict[str, Any] | None:
    import shapely

    if geom is None or geom.is_empty:
        return None
    mapping = json.loads(shapely.to_geojson(geom))
    return _round_coords(mapping)


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        value = round(obj, _COORD_DECIMALS)
        return 0.0 if value == 0 else value
    if isinstance(obj, list):
        return [_round_coords(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _round_coords(v) for k, v in obj.items()}
    return obj


def write_events(gdf: geopandas.GeoDataFrame, path: str | Path) -> Path:
    """Write the event table to ``path``; the file type follows the suffix.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A table from :func:`events_to_frame` (or :func:`read_events`).
    path : str or Path
        ``.geojson``, ``.csv`` or ``.parquet``.

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
    rows = _records(gdf)
    if suffix == ".geojson":
        _atomic_write(target, lambda tmp: tmp.write_text(_geojson_text(rows), encoding="utf-8"))
    elif suffix == ".csv":
        _atomic_write(target, lambda tmp: tmp.write_text(_csv_text(rows), encoding="utf-8"))
    else:
        frame = _frame(rows)
        _atomic_write(target, lambda tmp: frame.to_parquet(tmp, index=False, compression="zstd"))
    return target


def _geojson_text(rows: Sequence[Mapping[str, Any]]) -> str:
    features = []
    for row in rows:
        properties = {c: row[c] for c in COLUMNS if c != "geometry"}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": _geojson_geometry(row["geometry"]),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


def _format_float(value: float, decimals: int) -> str:
    if math.isnan(value):
        return ""
    return repr(round(value, decimals))


def _csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    import shapely

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
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
    return buffer.getvalue()


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
        When the file is missing, of another type, or not an event table.
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

            rows = _records(geopandas.read_parquet(source))
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise InputError(
            f"{source}: not a readable event table ({error}); "
            "write it again with 'frontline extract'"
        ) from error
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
        rows.append(props)
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
        for raw in csv.DictReader(handle):
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
        spans = split_sentences(article.text)
        for m in sorted(mentions, key=lambda m: (m.start, m.end)):
            if m.place is not None:
                continue
            sentence = next((article.text[a:b] for a, b in spans if a <= m.start < b), "")
            rows.append([article.id, m.start, m.end, m.text, ";".join(m.cues), sentence])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["article", "start", "end", "text", "cues", "sentence"])
    writer.writerows(rows)
    target = Path(path)
    _atomic_write(target, lambda tmp: tmp.write_text(buffer.getvalue(), encoding="utf-8"))
    return target
