"""The initial view of a map: the extent of the bulk of the events, robust to strays.

One event far from the others (a report that mentions Washington in a story about
Donbas) must not turn the opening view into a world map. :func:`map_extent` keeps
the events within a distance of their median centre that scales with the spread of
the bulk (a quantile of the distances), fits the view to those, and reports the full
extent too, so every event stays reachable by panning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gazetteer.exc import InputError

__all__ = ["MapExtent", "bulk_mask", "map_extent"]

_KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class MapExtent:
    """Bounds of the events, as ``(min lon, min lat, max lon, max lat)``.

    Attributes
    ----------
    bulk : tuple of float
        Bounds of the events kept by :func:`bulk_mask` (the initial view).
    full : tuple of float
        Bounds of every event.
    kept : int
        Events inside the bulk.
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
    lonlat: np.ndarray, *, quantile: float = 0.75, factor: float = 3.0, min_km: float = 150.0,
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


def _bounds(pts: np.ndarray) -> tuple[float, float, float, float]:
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def map_extent(lonlat: np.ndarray, **options: float) -> MapExtent | None:
    """Bounds of the bulk of the events and of all of them.

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
        Longitude, latitude in degrees.
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
    keep = bulk_mask(pts, **options)
    return MapExtent(bulk=_bounds(pts[keep]), full=_bounds(pts), kept=int(keep.sum()),
                     total=len(pts))
