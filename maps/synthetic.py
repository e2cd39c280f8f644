"""Clearly synthetic event tables for tests, benchmarks and demos.

Places are points on a jittered grid named ``Place 1``, ``Place 2`` ...; two sides
face each other across a boundary that drifts over time, so control and front-line
inference have something to work on. Nothing here describes a real event. Rows have
every column of :data:`geo.schema.EVENT_COLUMNS`, in order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from geo.model import ACTIONS
from geo.schema import EVENT_COLUMNS

__all__ = ["HOSTILE_QUOTE", "hostile_event", "synthetic_events"]

#: Quote of :func:`hostile_event`: markup that must show as text and never run.
HOSTILE_QUOTE = (
    '<script>alert(1)</script> "quoted" \'single\' <img src=x onerror="alert(2)"> '
    "</script><b>bold</b> & done"
)

_ACTORS = ("Military Forces of Ukraine", "Military Forces of Russia")


def _full(row: dict[str, Any]) -> dict[str, Any]:
    """Return the row with every event column in order (left-out ones: their missing value)."""
    return {c.name: row.get(c.name, c.missing) for c in EVENT_COLUMNS}


def synthetic_events(
    n: int,
    *,
    seed: int = 0,
    start: str = "2022-03-01",
    days: int = 120,
    bounds: tuple[float, float, float, float] = (33.0, 47.0, 39.0, 51.0),
    places: int | None = None,
):
    """Make a GeoDataFrame of ``n`` synthetic events with every event-record column.

    Parameters
    ----------
    n : int
        Number of events.
    seed : int, default 0
        Random seed (same seed, same table).
    start : str, default "2022-03-01"
        First date.
    days : int, default 120
        Span of dates.
    bounds : (minx, miny, maxx, maxy)
        Area the places lie in.
    places : int, optional
        Number of distinct places (default about ``n / 4``, at least 12).

    Returns
    -------
    geopandas.GeoDataFrame
    """
    import geopandas as gpd
    from shapely.geometry import LineString, Point, box

    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = bounds
    k = places or max(12, n // 4)
    side = int(np.ceil(np.sqrt(k)))
    gx, gy = np.meshgrid(np.linspace(minx, maxx, side), np.linspace(miny, maxy, side))
    px = (gx.ravel()[:k] + rng.uniform(-0.1, 0.1, k)).round(5)
    py = (gy.ravel()[:k] + rng.uniform(-0.1, 0.1, k)).round(5)
    day0 = dt.date.fromisoformat(start)
    rows = []
    for i in range(n):
        p = int(rng.integers(k))
        d = int(rng.integers(days))
        # The synthetic boundary drifts east over time; west of it is side 0.
        boundary = minx + (maxx - minx) * (0.45 + 0.15 * d / max(days, 1))
        west = px[p] < boundary
        action = ACTIONS[int(rng.integers(len(ACTIONS)))]
        if action in {"capture", "liberate", "hold"}:
            a1 = 0 if west else 1
        elif action == "loss":
            a1 = 1 if west else 0
        else:
            a1 = int(rng.integers(2))
        date = (day0 + dt.timedelta(days=d)).isoformat()
        geom = Point(px[p], py[p])
        if action in {"advance", "withdraw"} and i % 3 == 0:
            geom = LineString([(px[p] - 0.3, py[p] - 0.1), (px[p], py[p])])
        elif action == "strategic" and i % 5 == 0:
            geom = box(px[p] - 0.4, py[p] - 0.3, px[p] + 0.4, py[p] + 0.3)
        rows.append(
            _full(
                {
                    "event_id": f"syn-{i:06d}",
                    "event_date": date,
                    "date_start": date,
                    "date_end": date,
                    "time_precision": 1,
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "action": action,
                    "actor1": _ACTORS[a1],
                    "actor2": _ACTORS[1 - a1],
                    "location": f"Place {p + 1}",
                    "admin1": f"Area {p % 7 + 1}",
                    "country": "Synthetia",
                    "iso": "",
                    "latitude": float(py[p]),
                    "longitude": float(px[p]),
                    "geometry": geom,
                    "geo_precision": 1,
                    "notes": f"Synthetic event {i}",
                    "source": f"Synthetic Wire {i % 9 + 1}",
                    "source_url": f"https://example.org/synthetic/{i % 40 + 1}",
                    "published_at": date,
                    "quote": f"Synthetic report {i}: a made-up sentence about Place {p + 1}.",
                    "quote_start": 0,
                    "quote_end": 40,
                    "verification": "reported",
                    "claimed_by": "",
                    "confidence": 0.5,
                    "sources_count": 1,
                    "undated": False,
                }
            )
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def hostile_event(event_id: str = "hostile-1", day: str = "2022-03-05") -> dict:
    """Make one event row whose every text field carries markup or a script URL.

    For checking that untrusted article text is shown literally and never runs.

    Parameters
    ----------
    event_id : str, default "hostile-1"
    day : str, default "2022-03-05"

    Returns
    -------
    dict
        A row with every event-record column.
    """
    from shapely.geometry import Point

    return _full(
        {
            "event_id": event_id,
            "event_date": day,
            "date_start": day,
            "date_end": day,
            "time_precision": 1,
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "action": "capture",
            "actor1": 'Military Forces of Ukraine"><img src=x onerror=alert(3)>',
            "actor2": "Military Forces of Russia",
            "location": '"><svg onload=alert(4)>',
            "admin1": "Area <i>x</i>",
            "country": "Synthetia",
            "iso": "",
            "latitude": 49.0,
            "longitude": 36.0,
            "geometry": Point(36.0, 49.0),
            "geo_precision": 1,
            "notes": "",
            "source": '<a href="javascript:alert(5)">Wire</a>',
            "source_url": "javascript:alert(6)",
            "published_at": day,
            "quote": HOSTILE_QUOTE,
            "quote_start": 0,
            "quote_end": 10,
            "verification": "claimed",
            "claimed_by": "<u>someone</u>",
            "confidence": 0.4,
            "sources_count": 2,
            "undated": False,
        }
    )
