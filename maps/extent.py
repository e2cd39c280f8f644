"""The initial view of a map: where the events are dense, robust to strays.

One event far from the others (a report that mentions Washington in a story about
Donbas) must not turn the opening view into a world map, and a thin scatter of reports
across a large country must not widen it past where most of them are. :func:`map_extent`
first keeps the events within a distance of their median centre that scales with the
spread of the bulk (a quantile of the distances), then on each axis the shortest
interval that holds most of those (:func:`dense_bounds`), and reports the full extent
too, so every event stays reachable by panning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gazetteer.exc import InputError

__all__ = ["MapExtent", "bulk_mask", "dense_bounds", "map_extent"]

_KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class MapExtent:
    """Bounds of the events, as ``(min lon, min lat, max lon, max lat)``.

    Attributes
    ----------
    bulk : tuple of float
        Bounds of the dense part of the events kept by :func:`bulk_mask` (the initial
        view, see :func:`dense_bounds`).
    full : tuple of float
        Bounds of every event.
    kept : int
        Events inside the bulk bounds.
    total : int
        Events.
    """

    bulk: tuple[float, float, float, float]
    full: tuple[float, float, float, float]
    kept: int
    total: int

    @property
    def strays(self) -> int:
        """Events outside the initial view."""
        return self.total - self.kept


def _as_lonlat(lonlat: np.ndarray) -> np.ndarray:
    arr = np.asarray(lonlat, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise InputError(f"expected an (n, 2) array of longitude, latitude; got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise InputError("event coordinates must be finite numbers")
    return arr


def bulk_mask(
    lonlat: np.ndarray,
    *,
    quantile: float = 0.75,
    factor: float = 3.0,
    min_km: float = 150.0,
) -> np.ndarray:
    """Flag the events that belong to the bulk, dropping far strays.

    The centre is the coordinate-wise median (each event weighs one, so a place with
    many reports pulls harder). An event is kept when its distance from the centre is
    at most ``max(min_km, factor * q)``, ``q`` being the ``quantile`` of all distances:
    at least that fraction of the events is always kept, and a corpus spread over two
    regions keeps both unless one holds only a small minority.

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
        Longitude, latitude in degrees.
    quantile : float, default 0.75
        Share of the events that sets the scale of the bulk (0 < quantile <= 1).
    factor : float, default 3.0
        How many times that distance an event may lie from the centre.
    min_km : float, default 150.0
        Events this close to the centre are always kept.

    Returns
    -------
    ndarray of bool, shape (n,)

    Raises
    ------
    InputError
        The array is not (n, 2) finite numbers, or an option is out of range.

    Examples
    --------
    >>> pts = np.array([[37.5, 48.0], [37.8, 48.6], [38.0, 48.9], [36.2, 49.9], [-77.0, 38.9]])
    >>> bulk_mask(pts).tolist()
    [True, True, True, True, False]
    """
    if not 0 < quantile <= 1 or factor < 1 or min_km < 0:
        raise InputError("bulk_mask needs 0 < quantile <= 1, factor >= 1 and min_km >= 0")
    pts = _as_lonlat(lonlat)
    if len(pts) < 3:
        return np.ones(len(pts), dtype=bool)
    lon0, lat0 = np.median(pts, axis=0)
    dlon = (pts[:, 0] - lon0 + 180.0) % 360.0 - 180.0
    dx = dlon * np.cos(np.radians(lat0)) * _KM_PER_DEGREE
    dy = (pts[:, 1] - lat0) * _KM_PER_DEGREE
    dist = np.hypot(dx, dy)
    limit = max(min_km, factor * float(np.quantile(dist, quantile)))
    return dist <= limit


def _dense_interval(values: np.ndarray, share: float, reach: float) -> tuple[float, float]:
    v = np.sort(values)
    n = len(v)
    k = min(n, max(1, int(np.ceil(share * n))))
    widths = v[k - 1 :] - v[: n - k + 1]
    i = int(np.argmin(widths))  # the first shortest window: deterministic
    lo, hi = float(v[i]), float(v[i + k - 1])
    # Events just outside the window belong to it: only a gap cuts the view.
    pad = reach * (hi - lo)
    return float(v[v >= lo - pad].min()), float(v[v <= hi + pad].max())


def dense_bounds(
    lonlat: np.ndarray,
    *,
    share: float = 0.95,
    reach: float = 0.1,
) -> tuple[float, float, float, float]:
    """Bounds of where events are dense: the shortest span of most of them, per axis.

    On each axis the shortest interval holding ``share`` of the events is taken (a
    highest-density interval), then grown to every event within ``reach`` times its
    width, so the view ends at a gap in the events, not between neighbours.

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
        Longitude, latitude in degrees (n >= 1).
    share : float, default 0.95
        Share of the events each axis's interval holds (0 < share <= 1).
    reach : float, default 0.1
        Events this far outside the interval, in interval widths, are taken in.

    Returns
    -------
    (min lon, min lat, max lon, max lat)

    Raises
    ------
    InputError
        The array is empty or not (n, 2) finite numbers, or an option is out of range.

    Examples
    --------
    >>> core = np.array([[37.0 + i / 10, 48.0 + (i % 5) / 10] for i in range(40)])
    >>> scatter = np.array([[30.5, 50.4], [24.0, 49.8]])  # two far reports
    >>> dense_bounds(np.vstack([core, scatter]))
    (37.0, 48.0, 40.9, 48.4)
    """
    if not 0 < share <= 1 or reach < 0:
        raise InputError("dense_bounds needs 0 < share <= 1 and reach >= 0")
    pts = _as_lonlat(lonlat)
    if len(pts) == 0:
        raise InputError("dense_bounds needs at least one event")
    x0, x1 = _dense_interval(pts[:, 0], share, reach)
    y0, y1 = _dense_interval(pts[:, 1], share, reach)
    return (x0, y0, x1, y1)


def _bounds(pts: np.ndarray) -> tuple[float, float, float, float]:
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def map_extent(
    lonlat: np.ndarray,
    *,
    weight: np.ndarray | None = None,
    share: float = 0.95,
    **options: float,
) -> MapExtent | None:
    """Bounds of where the events are dense, and of all of them.

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
        Longitude, latitude in degrees.
    weight : ndarray of bool, shape (n,), optional
        Events that may shape the view (e.g. those placed at a named place rather than
        at a region's centre); all when none is flagged.
    share : float, default 0.95
        See :func:`dense_bounds`.
    **options
        ``quantile``, ``factor``, ``min_km`` of :func:`bulk_mask`.

    Returns
    -------
    MapExtent or None
        ``None`` when there are no events.

    Examples
    --------
    >>> pts = np.array([[37.5, 48.0], [37.8, 48.6], [38.0, 48.9], [36.2, 49.9], [-77.0, 38.9]])
    >>> ext = map_extent(pts)
    >>> ext.bulk, ext.strays
    ((36.2, 48.0, 38.0, 49.9), 1)
    """
    pts = _as_lonlat(lonlat)
    if len(pts) == 0:
        return None
    chosen = pts
    if weight is not None:
        flags = np.asarray(weight, dtype=bool)
        if flags.shape != (len(pts),):
            raise InputError(f"weight must flag each of the {len(pts)} events")
        if flags.any():
            chosen = pts[flags]
    core = chosen[bulk_mask(chosen, **options)]
    bulk = dense_bounds(core, share=share)
    inside = (
        (pts[:, 0] >= bulk[0])
        & (pts[:, 0] <= bulk[2])
        & (pts[:, 1] >= bulk[1])
        & (pts[:, 1] <= bulk[3])
    )
    return MapExtent(bulk=bulk, full=_bounds(pts), kept=int(inside.sum()), total=len(pts))
