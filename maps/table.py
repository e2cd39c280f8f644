"""The event table as the map sees it: geo's records, with what drawing derives from them.

``maps`` keeps no schema of its own. The table is the GeoDataFrame ``geo`` builds, or a
GeoJSON / CSV / GeoParquet file ``frontline extract`` wrote, read by
:func:`geo.export.read_events`; its rows become records through
:func:`geo.export.events_from_frame` (columns and their meaning:
:data:`geo.schema.EVENT_COLUMNS`). :class:`MapEvent` adds to each record only what the
map shows and files it under: the slider day, the date as it reads, the reports' labels.
Dates stay ISO strings (``YYYY-MM-DD``) from here on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path, PurePath
from typing import Any

import pandas as pd

from gazetteer.exc import InputError
from geo.control import report_day
from geo.export import events_from_frame, read_events
from geo.model import Event, TimePrecision
from geo.timeline import SourceRef

__all__ = ["MapEvent", "load_events", "map_events", "prepare_events"]

_EVENT_FIELDS = frozenset(f.name for f in fields(Event))


@dataclass(frozen=True)
class MapEvent:
    """One mappable event: geo's record and the values drawing derives from it.

    Every :class:`~geo.model.Event` field reads through (``e.location``, ``e.quote``,
    ``e.geometry``); the fields below are the map's own.

    Attributes
    ----------
    event : Event
        The record, as :func:`geo.export.events_from_frame` read it.
    day : str or None
        The slider date the event is filed under (ISO,
        :func:`geo.control.report_day`), ``None`` when undated.
    date_label : str
        How the date reads in the popup (a day, or an interval with its precision).
    sources : tuple of (str, str)
        Every report of the event as (label, URL or ``""``): the outlet, else the
        article's file name, else the link; each pair once.
    headlines : tuple of (str, str)
        (article key, headline) of every report that has a headline; the key is the
        report's link, else its article id (as :mod:`maps.embed` groups articles).
    """

    event: Event
    day: str | None
    date_label: str
    sources: tuple[tuple[str, str], ...]
    headlines: tuple[tuple[str, str], ...] = ()

    def __getattr__(self, name: str) -> Any:
        if name in _EVENT_FIELDS:
            return getattr(self.event, name)
        raise AttributeError(name)


def load_events(source: Any) -> pd.DataFrame:
    """Load the event table from a (Geo)DataFrame or a file ``extract`` wrote.

    Parameters
    ----------
    source : GeoDataFrame, DataFrame, str or Path
        A frame (taken as it is), or a ``.geojson``, ``.csv`` or ``.parquet`` file read
        with :func:`geo.export.read_events`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InputError
        The file is missing, of another type, or not an event table.
    """
    if isinstance(source, (str, Path)):
        return read_events(source)
    if isinstance(source, pd.DataFrame):
        return source
    raise InputError(f"events must be a DataFrame or a file path, not {type(source).__name__}")


def _headlines(e: Event, sources: Sequence[SourceRef]) -> tuple[tuple[str, str], ...]:
    pairs = ((s.source_url or s.article_id, s.title) for s in (e, *sources))
    return tuple(dict.fromkeys((key, title) for key, title in pairs if key and title))


def _labels(sources: Sequence[SourceRef]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for s in sources:
        label = s.source or (PurePath(s.article_id).name if s.article_id else "") or s.source_url
        pair = (label, s.source_url)
        if label and pair not in out:
            out.append(pair)
    return tuple(out)


_PRECISION_WORDS = {
    TimePrecision.WEEK: "week",
    TimePrecision.MONTH: "month",
    TimePrecision.BEFORE_PUBLICATION: "before publication",
}


def _date_label(e: Event, day: str | None) -> str:
    if day is None:
        published = e.published_at
        return f"date unknown (reported {published.isoformat()})" if published else "date unknown"
    start, end = e.date_start, e.date_end
    if start and end and start != end:
        words = _PRECISION_WORDS.get(e.time_precision, "")
        interval = f"between {start.isoformat()} and {end.isoformat()}"
        return f"{interval} ({words})" if words else interval
    if e.time_precision == TimePrecision.BEFORE_PUBLICATION:
        return f"before {day}"
    return day


def _mappable(e: Event) -> bool:
    lat, lon = e.latitude, e.longitude
    return not (math.isnan(lat) or math.isnan(lon)) and -90 <= lat <= 90 and -180 <= lon <= 180


def _order(e: MapEvent) -> tuple[bool, str, str]:
    return (e.day is None, e.day or "", e.event_id)


def map_events(frame: pd.DataFrame) -> list[MapEvent]:
    """Read every row of an event table, through geo's reader, into a :class:`MapEvent`.

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

    Raises
    ------
    InputError
        From :func:`geo.export.events_from_frame`: a required column is missing or a
        value does not fit its column.
    """
    out = []
    for record in events_from_frame(frame):
        e = record.event
        if not _mappable(e):
            continue
        day = report_day(e)
        labels, headlines = _labels(record.sources), _headlines(e, record.sources)
        out.append(MapEvent(e, day, _date_label(e, day), labels, headlines))
    out.sort(key=_order)
    return out


def prepare_events(events: Any) -> tuple[list[MapEvent], int]:
    """Load and read an event table for drawing.

    Parameters
    ----------
    events : GeoDataFrame, DataFrame, path, or list of MapEvent

    Returns
    -------
    (list of MapEvent, int)
        The mappable events, sorted, and the number of input rows.
    """
    if isinstance(events, list) and all(isinstance(e, MapEvent) for e in events):
        return sorted(events, key=_order), len(events)
    frame = load_events(events)
    return map_events(frame), len(frame)
