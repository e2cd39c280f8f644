"""Read the corpus event table and turn its rows into map records.

The input is the GeoDataFrame ``geo`` builds, or a GeoJSON / GeoParquet / CSV file that
``frontline extract`` wrote. Dates stay ISO strings (``YYYY-MM-DD``) from here on: they
are compared as strings or day numbers, never converted through a time zone.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.exc import InputError
from maps.popups import safe_url

__all__ = ["REQUIRED_COLUMNS", "MapEvent", "day_number", "iso_date", "load_events", "map_events"]

#: Columns an event table must have to be mapped.
REQUIRED_COLUMNS = ("event_id", "action", "latitude", "longitude")

_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class MapEvent:
    """One event row, cleaned for the map.

    Attributes
    ----------
    event_id : str
        Stable id from the table.
    day : str or None
        The date the slider files the event under (ISO), ``None`` when undated.
    date_label : str
        How the date reads in the popup (a day, or an interval with its precision).
    action, actor1, actor2, location, admin1, country : str
        As in the table (``""`` when missing).
    latitude, longitude : float
        The event's point.
    geometry : shapely geometry or None
        Line (movement, border stretch) or polygon (region); ``None`` for a point.
    quote, notes, source, claimed_by, verification : str
        Text fields, untrusted, escaped where they reach HTML.
    source_url : str or None
        The link when it is an http(s) URL, else ``None`` (the text is shown plain).
    source_url_text : str
        The raw ``source_url`` value (shown as text when it is not a safe link).
    sources : tuple of (str, str)
        Every report of the event as (label, URL or ``""``).
    sources_count : int
        How many articles report it.
    confidence : float
        0..1.
    place_key : str
        Identity of the place (``place_id``, else name and rounded coordinates).
    article_id : str
        The article the event came from, ``""`` when unknown.
    exact_day : bool
        True when the report gives the event's own date; False when ``day`` is only the
        end of an interval (e.g. "before publication").
    """

    event_id: str
    day: str | None
    date_label: str
    action: str
    actor1: str
    actor2: str
    location: str
    admin1: str
    country: str
    latitude: float
    longitude: float
    geometry: BaseGeometry | None
    quote: str
    notes: str
    source: str
    source_url: str | None
    source_url_text: str
    sources: tuple[tuple[str, str], ...]
    sources_count: int
    claimed_by: str
    verification: str
    confidence: float
    place_key: str
    article_id: str = ""
    exact_day: bool = True


def iso_date(value: Any) -> str | None:
    """ISO ``YYYY-MM-DD`` of a date-like value, ``None`` when missing or unreadable.

    Only the calendar date is kept: a timestamp keeps its own (local) date, it is not
    shifted to UTC.

    Parameters
    ----------
    value : str, date, datetime, pandas.Timestamp or None

    Returns
    -------
    str or None

    Examples
    --------
    >>> iso_date("2022-05-15T23:30:00-05:00")
    '2022-05-15'
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        if pd.isna(value):
            return None
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null"}:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def day_number(iso: str) -> int:
    """Days since 1970-01-01 of an ISO date (a calendar day, no time zone).

    Parameters
    ----------
    iso : str

    Returns
    -------
    int
    """
    return (dt.date.fromisoformat(iso) - _EPOCH).days


def load_events(source: Any) -> pd.DataFrame:
    """Load the event table from a (Geo)DataFrame or a file ``extract`` wrote.

    Parameters
    ----------
    source : GeoDataFrame, DataFrame, str or Path
        A frame, or a ``.geojson``/``.json``/``.gpkg``, ``.parquet`` or ``.csv`` file.

    Returns
    -------
    pandas.DataFrame
        With a ``geometry`` column when the input has one.

    Raises
    ------
    InputError
        The file is missing, has an unknown format, or lacks required columns.
    """
    where = "event table"
    if isinstance(source, (str, Path)):
        path = Path(source)
        where = str(path)
        if not path.is_file():
            raise InputError(f"{path}: no such event file; run `frontline extract` first")
        suffix = path.suffix.lower()
        try:
            if suffix in {".geojson", ".json", ".gpkg"}:
                import geopandas as gpd

                frame = gpd.read_file(path)
            elif suffix in {".parquet", ".geoparquet"}:
                frame = _read_parquet(path)
            elif suffix == ".csv":
                frame = _read_csv(path)
            else:
                raise InputError(
                    f"{path}: unknown event file type {suffix!r}; use .geojson, .parquet or .csv"
                )
        except InputError:
            raise
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read the event table ({exc})") from exc
    elif isinstance(source, pd.DataFrame):
        frame = source
    else:
        raise InputError(
            f"events must be a DataFrame or a file path, not {type(source).__name__}"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"{where}: missing column(s) {', '.join(missing)}; "
            "the event table must follow the event record of frontline extract"
        )
    return frame


def _read_parquet(path: Path) -> pd.DataFrame:
    import geopandas as gpd

    try:
        return gpd.read_parquet(path)
    except ValueError:
        return pd.read_parquet(path)


def _read_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "geometry" in frame.columns:
        wkt = frame["geometry"].where(frame["geometry"].str.len() > 0, None)
        frame = frame.assign(geometry=shapely.from_wkt(wkt.to_numpy(), on_invalid="ignore"))
    return frame


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value).strip()


def _number(value: Any, default: float) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(out) else out


def _source_label(item: Any) -> tuple[str, str]:
    """(label, url) of one entry of ``sources``: a string or a record of one report."""
    if isinstance(item, dict):
        url = _text(item.get("source_url"))
        name = _text(item.get("source"))
        article = _text(item.get("article_id"))
        label = name or (PurePath(article).name if article else "") or url
        return label, url
    text = _text(item)
    return (text, text) if "://" in text else (text, "")


def _sources(value: Any) -> tuple[tuple[str, str], ...]:
    """Every report of an event as (label, url): from a list, a JSON list or ``"a; b"``."""
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        parts: Any = None
        if text.startswith("["):
            try:
                parts = json.loads(text)
            except ValueError:
                parts = None
        if not isinstance(parts, list):
            parts = text.split("; ")
    elif isinstance(value, Iterable):
        parts = list(value)
    else:
        return ()
    out: list[tuple[str, str]] = []
    for item in parts:
        pair = _source_label(item)
        if pair[0] and pair not in out:
            out.append(pair)
    return tuple(out)


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    try:
        return bool(value) and not (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False


_PRECISION = {1: "", 2: "week", 3: "month", 4: "before publication"}


def _date_label(row: dict[str, Any], day: str | None) -> str:
    start, end = iso_date(row.get("date_start")), iso_date(row.get("date_end"))
    try:
        precision = int(_number(row.get("time_precision"), 1))
    except (TypeError, ValueError):
        precision = 1
    if day is None:
        published = iso_date(row.get("published_at"))
        return f"date unknown (reported {published})" if published else "date unknown"
    if start and end and start != end:
        words = _PRECISION.get(precision, "")
        interval = f"between {start} and {end}"
        return f"{interval} ({words})" if words else interval
    if precision == 4:
        return f"before {day}"
    return day


def map_events(frame: pd.DataFrame) -> list[MapEvent]:
    """Clean every row of an event table into a :class:`MapEvent`.

    Rows without usable coordinates are not mapped (they cannot be placed) and are
    reported by the caller from the difference in counts.

    Parameters
    ----------
    frame : DataFrame
        As returned by :func:`load_events`.

    Returns
    -------
    list of MapEvent
        Sorted by (day, event_id), undated events last.
    """
    out = []
    geometries = frame["geometry"].tolist() if "geometry" in frame.columns else None
    columns = [c for c in frame.columns if c != "geometry"]
    values = [frame[c].tolist() for c in columns]
    for i, vals in enumerate(zip(*values, strict=True)):
        row = dict(zip(columns, vals, strict=True))
        lat = _number(row.get("latitude"), math.nan)
        lon = _number(row.get("longitude"), math.nan)
        geom = geometries[i] if geometries is not None else None
        if not isinstance(geom, BaseGeometry) or geom.is_empty:
            geom = None
        if (math.isnan(lat) or math.isnan(lon)) and geom is not None:
            point = geom if geom.geom_type == "Point" else geom.representative_point()
            lon, lat = point.x, point.y
        if math.isnan(lat) or math.isnan(lon) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        if geom is not None and geom.geom_type in {"Point", "MultiPoint"}:
            geom = None
        day = None
        if not _flag(row.get("undated")):
            for col in ("event_date", "date_end", "date_start", "published_at"):
                day = iso_date(row.get(col))
                if day:
                    break
        url_text = _text(row.get("source_url"))
        sources = _sources(row.get("sources"))
        count = int(_number(row.get("sources_count"), max(len(sources), 1)))
        location = _text(row.get("location"))
        place_key = _text(row.get("place_id")) or f"{location}|{lat:.3f}|{lon:.3f}"
        out.append(
            MapEvent(
                event_id=_text(row.get("event_id")),
                day=day,
                date_label=_date_label(row, day),
                action=_text(row.get("action")).lower(),
                actor1=_text(row.get("actor1")),
                actor2=_text(row.get("actor2")),
                location=location,
                admin1=_text(row.get("admin1")),
                country=_text(row.get("country")),
                latitude=lat,
                longitude=lon,
                geometry=geom,
                quote=_text(row.get("quote")),
                notes=_text(row.get("notes")),
                source=_text(row.get("source")),
                source_url=safe_url(url_text),
                source_url_text=url_text,
                sources=sources,
                sources_count=count,
                claimed_by=_text(row.get("claimed_by")),
                verification=_text(row.get("verification")),
                confidence=_number(row.get("confidence"), 0.5),
                place_key=place_key,
                exact_day=bool(iso_date(row.get("event_date"))),
                article_id=_text(row.get("article_id")),
            )
        )
    out.sort(key=lambda e: (e.day is None, e.day or "", e.event_id))
    return out
