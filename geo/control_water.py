"""Lakes, reservoirs and bays: water parts the ground on its two shores.

A wide water body is where a front stops (the Kakhovka reservoir, an estuary): the town
across it says nothing of the town facing it. Two places are parted when the line
between them crosses more than :data:`WATER_KM` of water; then

- neither counts among the places around the other when a claim is weighed against its
  neighbourhood (:func:`geo.control_claims.discount_isolated`);
- no state reaches from one to the other (:class:`WaterBarrier`, given to
  :func:`geo.control_reach.propagate`), and they are no neighbours in the tessellation
  (``Sites.edges``);
- the land a settlement's cell reaches only across water is no side's
  (:func:`far_shores`);
- a water body that both sides' shaded areas reach into (a reservoir or an estuary
  the front runs through) is neither's (:func:`shared_water`): each side's cells
  would otherwise run out to the middle of the water, where no map draws a side.

The water comes from the gazetteer's features (``features.parquet``: its ``lake`` and
``bay`` polygons). A bay of a curved shore parts the towns on either side of it too: the
ground between them is water.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

__all__ = [
    "WATER_GRID",
    "WATER_KM",
    "WaterBarrier",
    "far_shores",
    "parted",
    "parted_pairs",
    "shared_water",
    "water_bodies",
    "water_within",
]

#: Water wider than this on the line between two places parts them (km).
WATER_KM = 2.0
_POLYGON = 3  # shapely's geometry type id
#: Grid (degrees, ~0.1 m) of the overlays that take water out of an area: the water's
#: edge cuts the cells' own edges, and unsnapped slivers turn invalid when projected.
WATER_GRID = 1e-6


@lru_cache(maxsize=1)
def water_bodies() -> BaseGeometry:
    """Return the gazetteer's lakes, reservoirs, lagoons and bays as one geometry (lon/lat).

    Returns
    -------
    shapely geometry
        Empty when the gazetteer has none.
    """
    import geopandas

    from gazetteer.geometry import data_dir

    frame = geopandas.read_parquet(data_dir() / "features.parquet")
    kept = frame[frame["type"].astype(str).isin(["lake", "bay"])].geometry
    areas = [g for g in kept if g is not None and g.geom_type in {"Polygon", "MultiPolygon"}]
    return shapely.union_all(areas) if areas else shapely.Polygon()


def water_within(area: BaseGeometry | None) -> BaseGeometry:
    """Return the water bodies inside an area (lon/lat), polygons only.

    Parameters
    ----------
    area : geometry or None
        ``None``: every water body.

    Returns
    -------
    geometry
    """
    water = water_bodies()
    if area is None or water.is_empty:
        return water
    parts = shapely.get_parts(shapely.make_valid(shapely.intersection(water, area)))
    return shapely.union_all(parts[shapely.get_type_id(parts) == _POLYGON])


def shared_water(areas: Sequence[BaseGeometry], water: BaseGeometry) -> BaseGeometry:
    """Return the water bodies that every one of several areas reaches into.

    Parameters
    ----------
    areas : sequence of geometry
        The sides' areas (lon/lat).
    water : geometry
        Water bodies (lon/lat), see :func:`water_bodies`.

    Returns
    -------
    geometry
        The union of the water bodies each area overlaps (touching is not reaching);
        empty with fewer than two areas.

    Examples
    --------
    >>> lake = shapely.box(1.0, 0.0, 2.0, 1.0)
    >>> pond = shapely.box(5.0, 0.0, 6.0, 1.0)
    >>> west, east = shapely.box(0.0, 0.0, 1.5, 1.0), shapely.box(1.5, 0.0, 5.5, 1.0)
    >>> shared_water([west, east], shapely.union(lake, pond)).equals(lake)
    True
    """
    parts = shapely.get_parts(water)
    if len(areas) < 2 or not len(parts):
        return shapely.Polygon()
    reached = np.ones(len(parts), dtype=bool)
    for area in areas:
        # interiors meet: predicates, not the intersection's geometry (areas are large)
        reached &= shapely.intersects(parts, area) & ~shapely.touches(parts, area)
    return shapely.union_all(parts[reached]) if reached.any() else shapely.Polygon()


def parted_pairs(
    xy: np.ndarray, km: np.ndarray, water: BaseGeometry | None, radius_km: float
) -> set[tuple[int, int]]:
    """Return the pairs of places within ``radius_km`` that water parts.

    Parameters
    ----------
    xy, km, water
        As for :func:`parted`.
    radius_km : float
        Farthest pair looked at.

    Returns
    -------
    set of (int, int)
        Both orders of each pair whose joining line crosses more than
        :data:`WATER_KM` of water.

    Examples
    --------
    >>> lake = shapely.box(0.1, -1.0, 0.2, 1.0)
    >>> xy = np.array([[0.0, 0.0], [30.0, 0.0], [5.0, 0.0]])
    >>> sorted(parted_pairs(xy, np.array([100.0, 100.0]), lake, 50.0))
    [(0, 1), (1, 0), (1, 2), (2, 1)]
    """
    from scipy.spatial import cKDTree

    if water is None or water.is_empty or len(xy) < 2:
        return set()
    pairs = cKDTree(xy).query_pairs(radius_km, output_type="ndarray")
    far = pairs[parted(xy, km, water, pairs)]
    return {(int(a), int(b)) for a, b in far} | {(int(b), int(a)) for a, b in far}


def parted(
    xy: np.ndarray, km: np.ndarray, water: BaseGeometry | None, pairs: np.ndarray
) -> np.ndarray:
    """Return whether water parts each pair of places.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        The places in kilometres: their lon/lat times ``km``.
    km : ndarray of shape (2,)
        Kilometres per degree of longitude and of latitude.
    water : geometry or None
        Water bodies (lon/lat), see :func:`water_bodies`.
    pairs : ndarray of shape (m, 2) of int

    Returns
    -------
    ndarray of bool
        Whether the line joining the pair crosses more than :data:`WATER_KM` of water.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    out = np.zeros(len(pairs), dtype=bool)
    if water is None or water.is_empty or not len(pairs):
        return out
    wet = shapely.transform(water, lambda c: c * km)
    lines = shapely.linestrings(np.stack([xy[pairs[:, 0]], xy[pairs[:, 1]]], axis=1))
    hit = np.flatnonzero(shapely.intersects(lines, wet))
    out[hit] = shapely.length(shapely.intersection(lines[hit], wet)) > WATER_KM
    return out


def far_shores(
    cells: np.ndarray, lonlat: np.ndarray, km: np.ndarray, water: BaseGeometry | None
) -> BaseGeometry:
    """Return the land the cells reach only across water.

    A Voronoi cell of a town on a reservoir's shore can reach over the water onto the
    other shore, where the settlements are sparser: that land is nearer the town than
    any other site, but the water parts it from the town, and the town's state says
    nothing of it. A piece of a cell's land counts when the line from the site to a
    point of it crosses more than :data:`WATER_KM` of water.

    Parameters
    ----------
    cells : ndarray of geometries
        Each site's cell (lon/lat; empty for none).
    lonlat : ndarray of shape (n, 2)
        The sites.
    km : ndarray of shape (2,)
        Kilometres per degree of longitude and of latitude (``Sites.km``).
    water : geometry or None

    Returns
    -------
    geometry
        The union of those pieces (lon/lat), empty when there are none.
    """
    cells = np.asarray(cells, dtype=object)
    if water is None or water.is_empty or not len(cells):
        return shapely.Polygon()
    shapely.prepare(water)

    def to_km(c: np.ndarray) -> np.ndarray:
        return c * km

    far = []
    for i in np.flatnonzero(~shapely.is_empty(cells) & shapely.intersects(cells, water)):
        land = shapely.get_parts(shapely.difference(cells[i], water))
        land = land[shapely.get_type_id(land) == _POLYGON]
        if len(land) < 2:
            continue
        inner = shapely.get_coordinates(shapely.point_on_surface(land))
        lines = shapely.linestrings([[lonlat[i], p] for p in inner])
        crossed = shapely.length(shapely.transform(shapely.intersection(lines, water), to_km))
        if (crossed <= WATER_KM).any():  # a site in the water itself keeps all its land
            far.extend(land[crossed > WATER_KM])
    return shapely.union_all(far) if far else shapely.Polygon()


class WaterBarrier:
    """Which sites face each other across water, for :func:`geo.control_reach.propagate`.

    The pairs of sites within ``reach_km`` that water parts (:func:`parted_pairs`),
    found once: a state does not reach across a reservoir or an estuary.

    Parameters
    ----------
    xy, km, water
        As for :func:`parted` (``Sites.xy`` and ``Sites.km``).
    reach_km : float
        Farthest pair looked at (the farthest a state reaches).
    """

    def __init__(
        self, xy: np.ndarray, km: np.ndarray, water: BaseGeometry | None, reach_km: float
    ) -> None:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        self._n = len(xy)
        keys = np.zeros(0, dtype=np.int64)
        if water is not None and not water.is_empty and self._n >= 2:
            # only sites within reach of the water can face each other across it
            wet = shapely.transform(water, lambda c: c * km)
            near = np.flatnonzero(shapely.dwithin(shapely.points(xy), wet, reach_km))
            pairs = parted_pairs(xy[near], km, water, reach_km)
            keys = np.array(
                sorted(int(near[a]) * self._n + int(near[b]) for a, b in pairs), dtype=np.int64
            )
        self._keys = keys

    def across(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Return whether sites ``a`` and ``b`` face each other across water.

        Parameters
        ----------
        a, b : ndarray of int
            Site indices, broadcast together.

        Returns
        -------
        ndarray of bool
        """
        a, b = np.broadcast_arrays(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64))
        if not len(self._keys):
            return np.zeros(a.shape, dtype=bool)
        want = a * self._n + b
        pos = np.clip(np.searchsorted(self._keys, want), 0, len(self._keys) - 1)
        return self._keys[pos] == want
