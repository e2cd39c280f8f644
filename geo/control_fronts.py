"""The front and the islands, drawn from two sides' areas (see :mod:`geo.control_areas`).

A front runs between the main bodies of the two sides' areas; a small piece of one
side's area that the other side's rings is an island: a stale or misread report behind
the other side's lines, which the map does not shade (shapely 2, vectorised).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    from geo.control_areas import Sites

__all__ = ["area_front", "island_sites", "islands"]


def area_front(
    areas: dict[str, BaseGeometry],
    codes: tuple[str, str],
    clip: BaseGeometry | None = None,
    *,
    tolerance: float = 0.01,
    min_length: float = 0.05,
    min_area: float = 0.05,
    enclosed: float = 0.9,
    main_share: float = 0.25,
    join: float = 0.5,
) -> BaseGeometry | None:
    """Return the boundary between the main bodies of two sides' areas, as merged lines.

    A front runs between the bulk of one side's ground and the bulk of the other's.
    A side's main bodies are its pieces of at least ``main_share`` of its largest one,
    and the smaller pieces within ``join`` of those (a gap no report covers) unless the
    other side's area rings them (their outline, apart from the country's, runs along
    the other side for at least ``enclosed`` of its length: an island). Any other
    piece is the reach of a lone, stale or misplaced report: it is shaded with its
    side's area but draws no line, so the front forms no loops or stray arcs.

    Parameters
    ----------
    areas : dict of str to geometry
        Each side's area (see :func:`geo.control_areas.side_areas`,
        :func:`geo.control_areas.seeded_areas`).
    codes : (str, str)
    clip : geometry, optional
        The country: its outline (the state border, the coast) is no front.
    tolerance : float, default 0.01
        Degrees two areas may lie apart and still meet.
    min_length : float, default 0.05
        Degrees below which a separate piece of line is dropped (a speck, not a front).
    min_area : float, default 0.05
        Square degrees (about 400 km²) below which a separate piece of an area draws no
        front around it: a pocket of a few places is no front line.
    enclosed : float, default 0.9
        Share of a piece's outline (away from the country's) along the other side above
        which the piece is an island.
    main_share : float, default 0.25
        Share of a side's largest piece from which a piece is a main body.
    join : float, default 0.5
        Degrees (about 50 km) within which a smaller piece continues a main body.

    Returns
    -------
    LineString or MultiLineString or None
    """
    a, b = (_large_parts(areas.get(c), min_area) for c in codes)
    if a is None or b is None:
        return None
    edge = _edge(clip, tolerance)
    rule = {"tolerance": tolerance, "enclosed": enclosed, "share": main_share, "join": join}
    a = _main_bodies(a, b, edge, **rule)
    b = _main_bodies(b, a, edge, **rule)
    line = shapely.intersection(shapely.boundary(a), shapely.buffer(b, tolerance))
    if edge is not None:
        line = shapely.difference(line, edge)
    parts = shapely.get_parts(line)
    parts = parts[np.isin(shapely.get_type_id(parts), (1, 2))]
    if len(parts) == 0:
        return None
    merged = shapely.get_parts(shapely.line_merge(shapely.union_all(parts)))
    merged = merged[shapely.length(merged) >= min_length]
    if len(merged) == 0:
        return None
    return shapely.set_precision(
        shapely.multilinestrings(merged) if len(merged) > 1 else merged[0], 1e-5
    )


@functools.lru_cache(maxsize=4)
def _edge(clip: BaseGeometry | None, tolerance: float) -> BaseGeometry | None:
    """Return the country's outline widened by ``tolerance``, once per country."""
    if clip is None:
        return None
    edge = shapely.buffer(shapely.boundary(clip), tolerance)
    shapely.prepare(edge)
    return edge


def _large_parts(area: BaseGeometry | None, min_area: float) -> BaseGeometry | None:
    if area is None or area.is_empty:
        return None
    parts = shapely.get_parts(area)
    parts = parts[shapely.area(parts) >= min_area]
    return shapely.multipolygons(parts) if len(parts) else None


def _main_bodies(
    area: BaseGeometry,
    other: BaseGeometry,
    edge: BaseGeometry | None,
    *,
    tolerance: float,
    enclosed: float,
    share: float,
    join: float,
) -> BaseGeometry:
    """Return the main bodies of ``area`` without islands in ``other`` (see :func:`area_front`)."""
    parts = shapely.get_parts(area)
    if len(parts) < 2:
        return area
    size = shapely.area(parts)
    big = size >= share * size.max()
    # The distance to the nearest big piece: the same as to their union, without one.
    near = shapely.distance(parts[:, None], parts[big][None, :]).min(axis=1) <= join
    keep = big | (near & ~_ringed(parts, other, edge, tolerance, enclosed, only=near & ~big))
    return area if keep.all() else shapely.multipolygons(parts[keep])


def _ringed(
    parts: np.ndarray,
    other: BaseGeometry,
    edge: BaseGeometry | None,
    tolerance: float,
    enclosed: float,
    *,
    only: np.ndarray | None = None,
    step: float = 0.05,
) -> np.ndarray:
    """Return which pieces the other side's area rings (see :func:`area_front`).

    The pieces' outlines are sampled every ``step`` degrees (about 5 km): overlaying
    whole outlines with a country's detailed border costs a hundred times more. Only
    the pieces in ``only`` are looked at (the others are not ringed).
    """
    out = np.zeros(len(parts), dtype=bool)
    look = np.flatnonzero(np.ones(len(parts), dtype=bool) if only is None else only)
    if not len(look):
        return out
    rims = shapely.segmentize(shapely.get_exterior_ring(parts[look]), step)
    xy, which = shapely.get_coordinates(rims, return_index=True)
    free = np.ones(len(xy), dtype=bool)
    if edge is not None:
        shapely.prepare(edge)
        free = ~shapely.intersects_xy(edge, xy[:, 0], xy[:, 1])
    shapely.prepare(other)
    along = np.zeros(len(xy), dtype=bool)
    along[free] = shapely.dwithin(other, shapely.points(xy[free]), tolerance)
    total = np.bincount(which, free, len(look))
    hits = np.bincount(which, along, len(look))
    out[look] = (total > 0) & (hits >= enclosed * np.where(total > 0, total, 1.0))
    return out


def islands(
    areas: dict[str, BaseGeometry],
    codes: tuple[str, str],
    clip: BaseGeometry | None = None,
    *,
    tolerance: float = 0.01,
    enclosed: float = 0.9,
    max_area: float = 1.0,
) -> dict[str, BaseGeometry]:
    """Return each side's islands: small pieces of its area that the other side's rings.

    Traced from the areas the front is traced from (each report reaching far), a piece
    of one side's ground that the other side's ground surrounds (its outline, apart from
    the country's, runs along the other side for at least ``enclosed`` of its length)
    and that is smaller than ``max_area`` is most often a stale or misread report behind
    the other side's lines: the map does not shade it for that side. The largest piece
    of a side is never an island.

    Parameters
    ----------
    areas : dict of str to geometry
        Each side's area as the front is traced (see :meth:`geo.control.ControlMap.front_sites`).
    codes : (str, str)
    clip : geometry, optional
        The country: its outline does not count as either side's.
    tolerance : float, default 0.01
        Degrees two areas may lie apart and still meet.
    enclosed : float, default 0.9
    max_area : float, default 1.0
        Square degrees (about 8,000 km²) from which a ringed piece is a pocket that
        stands.

    Returns
    -------
    dict of str to geometry
        Side code -> the union of its islands (sides without any are left out).
    """
    rule = {"tolerance": tolerance, "enclosed": enclosed, "max_area": max_area}
    found = _islands(areas, codes, clip, **rule)
    return {code: shapely.union_all(parts) for code, parts in found.items()}


def _islands(
    areas: dict[str, BaseGeometry],
    codes: tuple[str, str],
    clip: BaseGeometry | None,
    *,
    tolerance: float,
    enclosed: float,
    max_area: float,
) -> dict[str, np.ndarray]:
    """Return each side's island pieces (see :func:`islands`), not merged."""
    edge = _edge(clip, tolerance)
    out = {}
    for code, other_code in (codes, codes[::-1]):
        area, other = areas.get(code), areas.get(other_code)
        if area is None or other is None or area.is_empty or other.is_empty:
            continue
        parts = shapely.get_parts(area)
        if len(parts) < 2:
            continue
        size = shapely.area(parts)
        small = size < max_area
        small[np.argmax(size)] = False
        ringed = _ringed(parts, other, edge, tolerance, enclosed, only=small)
        if ringed.any():
            out[code] = parts[ringed]
    return out


def island_sites(
    sites: Sites,
    traced: np.ndarray,
    areas: dict[str, BaseGeometry],
    codes: tuple[str, str],
    clip: BaseGeometry | None = None,
    *,
    tolerance: float = 0.01,
    enclosed: float = 0.9,
    max_area: float = 1.0,
) -> np.ndarray:
    """Return which sites' cells make up the islands of :func:`islands`.

    An area is the union of its side's cells, so its islands are whole cells: the map
    leaves them out by the sites' sides, which costs less than cutting the islands out
    of a shaded area.

    Parameters
    ----------
    sites : Sites
    traced : ndarray of str
        The sites' sides ``areas`` are the cells of (see :func:`geo.control_areas.side_areas`).
    areas : dict of str to geometry
        Each side's area as the front is traced.
    codes : (str, str)
    clip : geometry, optional
    tolerance, enclosed, max_area : float
        See :func:`islands`.

    Returns
    -------
    ndarray of bool
        One per site: its cell is of an island of its traced side.
    """
    out = np.zeros(len(traced), dtype=bool)
    rule = {"tolerance": tolerance, "enclosed": enclosed, "max_area": max_area}
    for code, parts in _islands(areas, codes, clip, **rule).items():
        mine = np.flatnonzero((traced == code) & ~sites.empty)
        inside, _ = shapely.STRtree(parts).query(sites.inner[mine], predicate="intersects")
        out[mine[np.unique(inside)]] = True
    return out
