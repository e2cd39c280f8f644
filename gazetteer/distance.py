"""Great-circle distance on the mean Earth sphere: the one distance every stage uses."""

from __future__ import annotations

import math
from typing import Any, overload

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "great_circle_km"]

#: Mean Earth radius (IUGG), the radius of the field's Acc@161 metric.
EARTH_RADIUS_KM = 6371.0088


@overload
def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...


@overload
def great_circle_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray: ...


def great_circle_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float | np.ndarray:
    """Return the haversine distance in kilometres between points given in degrees.

    Scalars give a float; any array argument gives an array of the broadcast shape
    (shapely-style: a scalar or a sequence in, the same shape out).

    Parameters
    ----------
    lat1, lon1 : float or array_like
        First point(s), degrees.
    lat2, lon2 : float or array_like
        Second point(s), degrees.

    Returns
    -------
    float or numpy.ndarray
        Distance(s) in km.

    Examples
    --------
    >>> round(great_circle_km(50.0, 36.0, 51.0, 36.0))
    111
    >>> great_circle_km(50.0, 36.0, [50.0, 51.0], [36.0, 36.0]).round().tolist()
    [0.0, 111.0]
    """
    scalar = (int, float)
    # four plain checks, not all() over a generator: this runs for every pair of places
    if (
        isinstance(lat1, scalar)
        and isinstance(lon1, scalar)
        and isinstance(lat2, scalar)
        and isinstance(lon2, scalar)
    ):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        h = (
            math.sin((p2 - p1) / 2) ** 2
            + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
