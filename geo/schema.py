"""The event table's columns: names, order, types and meaning, declared once.

Every reader and writer of the corpus table follows :data:`EVENT_COLUMNS`:
:mod:`geo.export` writes and reads the files (GeoJSON, CSV, GeoParquet) column by
column from it, :class:`geo.model.Event` has one field per column (all but
``sources``, which :class:`geo.timeline.MergedEvent` carries), and ``maps`` reads the
table only through :func:`geo.export.events_from_frame`. Names follow ACLED where ACLED
has the concept.

Dates are ISO calendar days (``YYYY-MM-DD``) from the file to the map: compared as
strings or as day numbers (:func:`day_number`), never moved through a time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from geo.model import GeoPrecision, TimePrecision, Verification

__all__ = [
    "COLUMNS",
    "EVENT_COLUMNS",
    "REQUIRED_COLUMNS",
    "Column",
    "Kind",
    "column_spec",
    "columns_of",
    "day_number",
    "iso_date",
]

#: How a column's values are stored: ``text`` (str, ``""`` when empty), ``date`` (ISO
#: string or ``None``), ``int``, ``float`` (rounded to the column's decimals), ``bool``,
#: ``geometry`` (shapely, WGS84 longitude/latitude) or ``json`` (a JSON text).
Kind = Literal["text", "date", "int", "float", "bool", "geometry", "json"]


@dataclass(frozen=True)
class Column:
    """One column of the event table.

    Attributes
    ----------
    name : str
        Column name (ACLED's where ACLED has the concept).
    kind : Kind
        How the values are stored (see :data:`Kind`).
    meaning : str
        What a value says.
    missing : Any
        The value read for an empty cell, or for a column a table handed in memory
        leaves out (``None`` for ``sources_count`` means "the number of sources").
    decimals : int or None
        Digits kept of a ``float`` column.
    required : bool
        Whether a table without this column cannot be read at all (an event needs an
        id, an action and a point to be placed).
    values : type or None
        The vocabulary (an enum of :mod:`geo.model`) a value must belong to.
    """

    name: str
    kind: Kind
    meaning: str
    missing: Any = ""
    decimals: int | None = None
    required: bool = False
    values: type | None = None


#: The event table, in file order.
EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id",
        "text",
        "stable id (a hash of source, sentence, action and place), so reruns give the same ids",
        required=True,
    ),
    Column(
        "event_date",
        "date",
        "the day of the event; empty when only an interval is known",
        missing=None,
    ),
    Column(
        "date_start",
        "date",
        "first day it can have happened; empty for an open start",
        missing=None,
    ),
    Column("date_end", "date", "last day it can have happened", missing=None),
    Column(
        "time_precision",
        "int",
        "1 day, 2 week, 3 month, 4 only 'before publication'",
        missing=TimePrecision.DAY,
        values=TimePrecision,
    ),
    Column(
        "event_type",
        "text",
        "ACLED event type (Battles, Explosions/Remote violence, Strategic developments)",
    ),
    Column(
        "sub_event_type",
        "text",
        "ACLED sub-event type (Government regains territory, "
        "Non-state actor overtakes territory, ...)",
    ),
    Column(
        "action",
        "text",
        "the map vocabulary (geo.model.ACTIONS): advance, withdraw, "
        "capture, liberate, hold, strike, clash, reach, loss, strategic",
        required=True,
    ),
    Column("actor1", "text", "the acting side, e.g. 'Military Forces of Ukraine'"),
    Column("actor2", "text", "the other side, when named"),
    Column("location", "text", "resolved place name"),
    Column("admin1", "text", "first-level division of the place (oblast)"),
    Column("country", "text", "country of the place"),
    Column("iso", "text", "ISO 3166 numeric code of the country"),
    Column(
        "latitude",
        "float",
        "WGS84 latitude of the event's point",
        missing=float("nan"),
        decimals=6,
        required=True,
    ),
    Column(
        "longitude",
        "float",
        "WGS84 longitude of the event's point",
        missing=float("nan"),
        decimals=6,
        required=True,
    ),
    Column(
        "geometry",
        "geometry",
        "point, or line (a border stretch, an advance arrow) or polygon (a region)",
        missing=None,
    ),
    Column(
        "geo_precision",
        "int",
        "1 the named place, 2 near it or part of an area, 3 a region",
        missing=GeoPrecision.PLACE,
        values=GeoPrecision,
    ),
    Column("notes", "text", "one-line summary in our words"),
    Column("source", "text", "the reporting outlet"),
    Column("source_url", "text", "link to the article"),
    Column("published_at", "date", "the article's publication day", missing=None),
    Column("title", "text", "the article's headline"),
    Column("quote", "text", "the sentence the event came from"),
    Column("quote_start", "int", "offset of the quote in the article text", missing=0),
    Column("quote_end", "int", "offset just past the quote", missing=0),
    Column(
        "verification",
        "text",
        "claimed, reported, confirmed or assessed",
        missing=Verification.REPORTED,
        values=Verification,
    ),
    Column("claimed_by", "text", "who claims it, e.g. 'Ukrainian Ministry of Defence'"),
    Column("confidence", "float", "0..1, how sure the extraction is", missing=0.5, decimals=3),
    Column("sources_count", "int", "how many articles report the same event", missing=None),
    Column(
        "sources",
        "json",
        "JSON array, one object per article reporting the event "
        "(the fields of geo.timeline.SourceRef)",
        missing="[]",
    ),
    Column("article_id", "text", "id of the article the record came from"),
    Column("place_id", "text", "gazetteer id of the place"),
    Column("origin_place_id", "text", "gazetteer id of where a movement started"),
    Column(
        "undated",
        "bool",
        "true when no date at all is known (shown apart from the time slider)",
        missing=False,
    ),
)

#: Column names in file order.
COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS)
#: Columns without which a table cannot be read (an event needs an id, an action, a point).
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS if c.required)

_BY_NAME = {c.name: c for c in EVENT_COLUMNS}
_EPOCH = dt.date(1970, 1, 1)
_NULL_WORDS = {"nan", "nat", "none", "null"}


def column_spec(name: str) -> Column:
    """Return the declaration of one column.

    Parameters
    ----------
    name : str

    Returns
    -------
    Column

    Raises
    ------
    KeyError
        For a name that is not a column of the event table.
    """
    return _BY_NAME[name]


def columns_of(kind: Kind) -> tuple[str, ...]:
    """Return the names of the columns of one kind, in file order.

    Parameters
    ----------
    kind : Kind

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> columns_of("bool")
    ('undated',)
    """
    return tuple(c.name for c in EVENT_COLUMNS if c.kind == kind)


def iso_date(value: Any) -> str | None:
    """Return the ISO ``YYYY-MM-DD`` of a date cell, ``None`` when empty or unreadable.

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
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        text = day.isoformat()  # "NaT" for pandas' missing timestamp
    else:
        text = str(value).strip()
    if not text or text.lower() in _NULL_WORDS:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def day_number(iso: str) -> int:
    """Return the days since 1970-01-01 of an ISO date (a calendar day, no time zone).

    Parameters
    ----------
    iso : str

    Returns
    -------
    int

    Examples
    --------
    >>> day_number("1970-01-02")
    1
    """
    return (dt.date.fromisoformat(iso) - _EPOCH).days
