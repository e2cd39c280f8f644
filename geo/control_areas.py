"""Areas and the front: every populated place gets a cell, cells take a side.

The sites are the populated places of the country (from the gazetteer) and every place
a report names; each gets a Voronoi cell clipped to the country (shapely 2, vectorised).
A site that no report or baseline speaks of takes the state of the informed sites near
it, only within ``max_km`` and never across a stronger contrary claim: each informed
site sends its side with its evidence times ``1 - d / max_km``, and the strongest
signal wins, unless a report of the other side is about as near (that ground stays
unknown); behind the lines, where the other side's reports are far, a state reaches
farther (:mod:`geo.control_reach`). A side's area is the union of its cells (near the
front, only as far as its reports reach: :mod:`geo.control_cut`); the front is the
boundary between the two sides' cells, inside the country (the state border and the
coast are not a front). Both are inferences from the reports, to be labelled as
such.

With a starting map, only change spreads (:func:`propagate_changes`): a reported change
of hands reaches the unreported ground around it, fills the triangles of places taken
by one side and makes older reports of holding nearby stale, never across a river long
enough to hold a front (:func:`geo.control_banks.river_barriers`); a cell the map gave
to one side that reaches into the other's drawn area follows the ground around it
(:func:`seeded_areas`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

# The front and the islands are drawn from the areas, and the reach of a place's state
# has a room of its own; all kept here for existing callers.
from geo.control_fronts import area_front, island_sites, islands
from geo.control_reach import propagate
from geo.control_water import far_shores, parted

__all__ = [
    "FRESH_EVIDENCE",
    "Sites",
    "area_front",
    "country_places",
    "front_line",
    "island_sites",
    "islands",
    "propagate",
    "propagate_changes",
    "seeded_areas",
    "side_areas",
    "smooth_islands",
    "stale_holds",
]

_KM_PER_DEGREE = 111.32


def country_places(index: Any, iso: str) -> np.ndarray:
    """Return the points (lon, lat) of every populated place of a country.

    Parameters
    ----------
    index : gazetteer.index.Index
        The loaded place index.
    iso : str
        ISO 3166-1 alpha-2 code.

    Returns
    -------
    ndarray of shape (n, 2)
    """
    from gazetteer.index import KIND_CODE
    from gazetteer.model import PlaceKind

    if iso not in index.countries:
        return np.zeros((0, 2))
    keep = (np.asarray(index.cc) == index.countries.index(iso)) & (
        np.asarray(index.kind) == KIND_CODE[PlaceKind.SETTLEMENT]
    )
    return np.column_stack([np.asarray(index.lon)[keep], np.asarray(index.lat)[keep]]).astype(float)


#: Grid (degrees) of the overlay that takes the far shores out of a side's area.
_FAR_GRID = 1e-6


@dataclass(frozen=True)
class Sites:
    """Distinct locations with their Voronoi cells and neighbours.

    Attributes
    ----------
    lonlat : ndarray of shape (n, 2)
        One row per distinct location (rounded to 1e-4 degrees).
    cells : ndarray of geometries
        The cell of each site, clipped to the area.
    xy : ndarray of shape (n, 2)
        Local kilometre coordinates (equirectangular at the sites' mean latitude).
    edges : ndarray of shape (m, 2)
        Pairs of neighbouring sites (the Delaunay edges, but those across water).
    far : geometry
        The land the cells reach only across water (:func:`geo.control_water.far_shores`):
        no side's area takes it from a cell.
    """

    lonlat: np.ndarray
    cells: np.ndarray
    xy: np.ndarray
    edges: np.ndarray
    far: BaseGeometry = field(default_factory=shapely.Polygon)

    @functools.cached_property
    def empty(self) -> np.ndarray:
        """Whether each site has no cell (it lies abroad), computed once."""
        return shapely.is_empty(self.cells)

    @functools.cached_property
    def km(self) -> np.ndarray:
        """Kilometres per degree of longitude and of latitude in the frame of ``xy``."""
        return _km_frame(self.lonlat)

    @functools.cached_property
    def inner(self) -> np.ndarray:
        """A point inside each site's cell (``None`` for no cell), computed once."""
        out = np.full(len(self.cells), None, dtype=object)
        has = ~self.empty
        out[has] = shapely.point_on_surface(self.cells[has])
        return out

    def discs(self, at: np.ndarray, km: float) -> BaseGeometry:
        """Return the ground within ``km`` of the sites ``at``, in degrees.

        Parameters
        ----------
        at : ndarray of int
            Site indices.
        km : float
            Radius of each disc.

        Returns
        -------
        geometry
            The union of the discs (empty without sites).
        """
        at = np.asarray(at, dtype=np.int64)
        if not len(at):
            return shapely.Polygon()
        union = shapely.union_all(shapely.buffer(shapely.points(self.xy[at]), km, quad_segs=8))
        return shapely.transform(union, lambda xy: xy / self.km)

    @classmethod
    def build(
        cls,
        lonlat: np.ndarray,
        clip: BaseGeometry | None = None,
        *,
        inside_slack: float = 0.05,
        water: BaseGeometry | None = None,
    ) -> Sites:
        """Tessellate distinct points, clipped to ``clip`` (else to their hull + 0.5°).

        Parameters
        ----------
        lonlat : ndarray of shape (n, 2)
            Points; duplicates (to 1e-4 degrees) share one site.
        clip : geometry, optional
            The country (or countries) the cells are cut to.
        inside_slack : float, default 0.05
            Degrees off the outline a point still counts as inside.
        water : geometry, optional
            Lakes, reservoirs and bays: the land a cell reaches only across them is
            no side's (see :attr:`far`), and sites facing each other across them are
            no neighbours (:attr:`edges`).

        Returns
        -------
        Sites
        """
        pts = np.unique(np.round(np.asarray(lonlat, dtype=float).reshape(-1, 2), 4), axis=0)
        km = _km_frame(pts)
        xy = pts * km
        if clip is None:
            clip = shapely.buffer(shapely.convex_hull(shapely.multipoints(pts)), 0.5)
        shapely.prepare(clip)
        # A point just off a coarse outline (an estuary town) is still inside; a place
        # abroad gets no cell, so that it never shades the country's edge.
        slack = shapely.buffer(clip, inside_slack)
        inside = shapely.contains_xy(slack, pts[:, 0], pts[:, 1]) if len(pts) else np.zeros(0, bool)
        cells = np.full(len(pts), shapely.Polygon(), dtype=object)
        where = np.flatnonzero(inside)
        edges = np.zeros((0, 2), dtype=np.int64)
        if len(where) >= 3:
            frame = shapely.box(*shapely.buffer(clip.envelope, 1.0).bounds)
            vor = shapely.voronoi_polygons(
                shapely.multipoints(pts[where]), extend_to=frame, ordered=True
            )
            part = shapely.get_parts(vor)
            whole = shapely.contains(clip, part)
            part[~whole] = shapely.intersection(part[~whole], clip)
            cells[where] = part
            edges = where[_delaunay_edges(xy[where])]
            # sites facing each other across a reservoir are no neighbours
            edges = edges[~parted(xy, km, water, edges)]
        elif len(where):
            cells[where] = clip
        return cls(pts, cells, xy, edges, far_shores(cells, pts, km, water))

    def site_of(self, lonlat: np.ndarray) -> np.ndarray:
        """Index of the site at each point (exact to 1e-4 degrees), -1 when none."""
        pts = np.round(np.asarray(lonlat, dtype=float).reshape(-1, 2), 4)
        keys = _keys(self.lonlat)
        order = np.argsort(keys)
        want = _keys(pts)
        pos = np.clip(np.searchsorted(keys[order], want), 0, max(len(keys) - 1, 0))
        found = order[pos] if len(keys) else np.zeros(len(pts), dtype=np.int64)
        return np.where(len(keys) and keys[found] == want, found, -1)


def _km_frame(lonlat: np.ndarray) -> np.ndarray:
    """Kilometres per degree of longitude and latitude at the points' mean latitude."""
    mid = math.radians(float(lonlat[:, 1].mean())) if len(lonlat) else 0.0
    return np.array([_KM_PER_DEGREE * math.cos(mid), _KM_PER_DEGREE])


def _keys(pts: np.ndarray) -> np.ndarray:
    k = np.round(pts * 1e4).astype(np.int64) + 10_000_000
    return k[:, 0] * 100_000_000 + k[:, 1]


def _delaunay_edges(xy: np.ndarray) -> np.ndarray:
    from scipy.spatial import Delaunay, QhullError

    try:
        tri = Delaunay(xy).simplices
    except QhullError:
        # Sites on one line: each neighbours the next along it.
        order = np.argsort((xy - xy[0]) @ (xy[-1] - xy[0]), kind="stable")
        return np.sort(np.column_stack([order[:-1], order[1:]]), axis=1)
    e = np.concatenate([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]])
    e.sort(axis=1)
    return np.unique(e, axis=0)


#: Evidence (summed, aged strength) from which a reported place's own reports are fresh:
#: it stops a change's fill and is no stale holding.
FRESH_EVIDENCE = 0.3


def propagate_changes(
    sites: Sites,
    side: np.ndarray,
    strength: np.ndarray,
    seed: np.ndarray,
    reported: np.ndarray,
    *,
    max_km: float = 15.0,
    fill_km: float = 0.0,
    block: float = FRESH_EVIDENCE,
    barriers: Any = None,
) -> np.ndarray:
    """Give every site its starting-map side unless a reported change of hands reaches it.

    With a starting map, every site already has a side; what spreads to the sites no
    report names is change only. Each reported site sends its state with its evidence
    (as :func:`propagate`); an unreported site takes a side other than its seed only
    when the strongest signal within ``max_km`` comes from a reported site that itself
    changed hands. A reported site that kept its side blocks the change as a contrary
    claim would.

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
        Each site's own state (a side, ``"?"`` contested, ``""`` uninformed).
    strength : ndarray of float
    seed : ndarray of str
        Each site's side on the starting map (``""`` where it says nothing).
    reported : ndarray of bool
        Sites with reports of their own.
    max_km : float, default 15
    fill_km : float, default 0
        When positive, the ground between reported places that changed hands to one
        side is that side's too (see :func:`_fill_between`), within triangles whose
        sides are at most this long.
    block : float, default :data:`FRESH_EVIDENCE`
        Evidence a reported place needs to stop the fill (older reports have faded).
    barriers : geo.control_banks.Barriers, optional
        Rivers a change does not reach across (nor fill a triangle across): an
        offensive that reaches a large river stops there until reports name places it
        took on the other bank.

    Returns
    -------
    ndarray of str
    """
    side = np.asarray(side, dtype=object)
    seed = np.asarray(seed, dtype=object)
    reported = np.asarray(reported, dtype=bool)
    codes = np.where(reported, side, "").astype(object)
    changed = reported & (side != "") & (side != "?") & (side != seed)
    # Mark the senders of a change apart from the senders of the side they kept.
    codes[changed] = ["+" + str(c) for c in side[changed]]
    # The codes of a change and of a kept side differ: neither rule of the unseeded
    # shading (nearest state, reach behind the lines) reads them as two sides.
    reach = propagate(
        sites,
        codes,
        strength,
        max_km=max_km,
        fixed=reported,
        barriers=barriers,
        nearest=False,
        rear_reach=1.0,
    )
    out = np.where(seed != "", seed, "").astype(object)
    marked = np.array([str(r).startswith("+") for r in reach], dtype=bool)
    take = ~reported & (marked | (seed == ""))
    out[take] = [str(r).lstrip("+") for r in reach[take]]
    out[reported] = [str(r).lstrip("+") for r in reach[reported]]
    if fill_km > 0:
        # A stale report (its evidence faded) is no corner: the fill may cross it.
        corner = reported & (out != "") & (changed | (strength >= block))
        _fill_between(sites, out, changed, corner, seed, fill_km, barriers)
    return out


def stale_holds(
    sites: Sites,
    side: np.ndarray,
    seed: np.ndarray,
    reported: np.ndarray,
    newest: np.ndarray,
    changed_on: np.ndarray,
    codes: Sequence[str],
    *,
    max_km: float = 30.0,
    barriers: Any = None,
    strength: np.ndarray | None = None,
    fresh: float = FRESH_EVIDENCE,
) -> np.ndarray:
    """Return the reported sites whose last report of their side predates a change nearby.

    An offensive takes many places and reports name few of them: a place last reported
    held by the side that then lost the places around it says nothing about the days
    after. With a starting map, a reported site that kept its starting side is stale
    when a reported site within ``max_km`` changed to the other side after the site's
    newest report of its own side: it then neither blocks nor sends, and the change
    around it may reach it. A place whose own reports are still fresh (``strength`` at
    least ``fresh``) is not stale: a city reported held day after day stays held when a
    village near it is taken (on the 204 real reports, seeded, Bakhmut no longer went
    over with the villages south of it; place agreement 92.1% -> 93.0%).

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
        Each site's own state (a side, ``"?"`` contested, ``""`` uninformed).
    seed : ndarray of str
        Each site's side on the starting map.
    reported : ndarray of bool
        Sites with reports of their own.
    newest : ndarray of shape (n, len(codes))
        Day of each site's newest report per side (``-1`` none).
    changed_on : ndarray of int
        Day each site last changed state (``-1`` never).
    codes : sequence of str
        The sides, in the columns' order of ``newest``.
    max_km : float, default 30
    barriers : geo.control_banks.Barriers, optional
        Rivers: a change across one makes nothing stale.
    strength : ndarray of float, optional
        Each site's evidence for its own state; without it, any site may be stale.
    fresh : float, default :data:`FRESH_EVIDENCE`

    Returns
    -------
    ndarray of bool
    """
    from scipy.spatial import cKDTree

    side = np.asarray(side, dtype=object)
    seed = np.asarray(seed, dtype=object)
    out = np.zeros(len(side), dtype=bool)
    flipped = np.flatnonzero(reported & np.isin(side, list(codes)) & (seed != "") & (side != seed))
    kept = reported & np.isin(side, list(codes)) & (side == seed)
    if strength is not None:
        kept &= np.asarray(strength, dtype=float) < fresh
    kept = np.flatnonzero(kept)
    if not len(flipped) or not len(kept):
        return out
    col = {c: k for k, c in enumerate(codes)}
    last_own = newest[kept, [col[str(s)] for s in side[kept]]]
    tree = cKDTree(sites.xy[flipped])
    for i, own_day, near in zip(
        kept, last_own, tree.query_ball_point(sites.xy[kept], max_km), strict=True
    ):
        near = flipped[near]
        if barriers is not None and len(near):
            near = near[~barriers.across(np.full(len(near), i), near)]
        out[i] = bool(np.any((side[near] != side[i]) & (changed_on[near] > own_day)))
    return out


def _fill_between(
    sites: Sites,
    out: np.ndarray,
    changed: np.ndarray,
    corner: np.ndarray,
    seed: np.ndarray,
    fill_km: float,
    barriers: Any = None,
) -> None:
    """Flip the unreported sites inside triangles of reported places that changed hands.

    The ``corner`` sites (reported places with a side and fresh evidence) are
    triangulated (Delaunay); a triangle with sides no longer than ``fill_km``, all three
    corners on one side and at least two of them taken by it since the starting map, is
    ground that side took: the other sites inside it take that side. A corner that kept
    the other side is a contrary report, and its triangles stay as they were.
    """
    from scipy.spatial import Delaunay, QhullError

    corners = np.flatnonzero(corner)
    if len(corners) < 3:
        return
    try:
        tri = corners[Delaunay(sites.xy[corners]).simplices]
    except QhullError:
        return  # the places lie on one line: they enclose no ground
    side = out[tri]
    same = (side[:, 0] == side[:, 1]) & (side[:, 1] == side[:, 2])
    took = changed[tri].sum(axis=1) >= 2
    xy = sites.xy[tri]
    step = xy - np.roll(xy, 1, axis=1)
    longest = np.hypot(step[..., 0], step[..., 1]).max(axis=1)
    keep = same & took & (longest <= fill_km)
    if barriers is not None:
        # A triangle with corners on two banks of a river spans ground nobody reported.
        for j, k in ((0, 1), (1, 2), (2, 0)):
            keep &= ~barriers.across(tri[:, j], tri[:, k])
    if not keep.any():
        return
    polys = shapely.polygons(sites.lonlat[tri[keep]])
    pts = shapely.points(sites.lonlat)
    free = np.flatnonzero(~corner)
    inside, tri_ix = shapely.STRtree(polys).query(pts[free], predicate="within")
    site_ix = free[inside]
    out[site_ix] = side[keep][tri_ix, 0]


def side_areas(
    sites: Sites,
    side: np.ndarray,
    codes: Sequence[str],
    memo: dict[bytes, BaseGeometry] | None = None,
) -> dict[str, BaseGeometry]:
    """Return the union of each side's cells.

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
    codes : sequence of str
    memo : dict, optional
        Unions already made, by their cells (kept for the same ``sites``): a side whose
        cells are those of a union made before takes that union again. Its last
        ``_MEMO_KEPT`` entries are kept.

    Returns
    -------
    dict
        Side code -> (Multi)Polygon, without the land the cells reach only across water
        (:attr:`Sites.far`); sides with no cell are left out.
    """
    out = {}
    for code in codes:
        mask = side == code
        if not mask.any():
            continue
        key = np.packbits(mask).tobytes()
        area = None if memo is None else memo.get(key)
        if area is None:
            # The cells tile the country: their union needs no snapping to a grid.
            area = shapely.coverage_union_all(sites.cells[mask])
            if not sites.far.is_empty and shapely.intersects(area, sites.far):
                # snap-rounded (to ~0.1 m): the water's edge cuts the cells' own edges
                area = shapely.difference(area, sites.far, grid_size=_FAR_GRID)
            if memo is not None:
                memo[key] = area
                for old in list(memo)[:-_MEMO_KEPT]:
                    del memo[old]
        out[code] = area
    return out


#: Unions :func:`side_areas` keeps: a day's two sides, as shaded and as the front is
#: traced, and the day before's.
_MEMO_KEPT = 8


def seeded_areas(
    sites: Sites,
    side: np.ndarray,
    seed: np.ndarray,
    base: dict[str, BaseGeometry],
    codes: Sequence[str],
) -> dict[str, BaseGeometry]:
    """Return each side's area as a starting map's areas, changed where sites changed.

    A starting map draws its areas more finely than cells can: where a site shows the
    side the map gave it (or nothing), the map's own outline stands; only the cells of
    sites that changed side move from one area to the other. A cell whose site the map
    gave to another side but that reaches into a side's drawn area goes with the ground
    around it: once a neighbour changed from that side and no neighbour shows it any
    more, the part of the side's area inside the cell is given up too (a site just
    outside a drawn area otherwise keeps a sliver of it for ever).

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
        Each site's shown side (``""`` unknown or contested).
    seed : ndarray of str
        Each site's side on the starting map (``""`` where it says nothing).
    base : dict of str to geometry
        The starting map's area of each side.
    codes : sequence of str

    Returns
    -------
    dict
        Side code -> (Multi)Polygon; sides with no area are left out.
    """
    side, seed = np.asarray(side, dtype=object), np.asarray(seed, dtype=object)
    moved = (side != "") & (side != seed)
    now = np.where(side != "", side, seed)
    a, b = sites.edges[:, 0], sites.edges[:, 1]

    def next_to(mask: np.ndarray) -> np.ndarray:
        out = np.zeros(len(mask), dtype=bool)
        out[a[mask[b]]] = True
        out[b[mask[a]]] = True
        return out

    # Per side, the cells left amid ground that side lost.
    amid = {
        code: (now != code)
        & (now != "")
        & (seed != code)
        & next_to(moved & (seed == code))
        & ~next_to(now == code)
        for code in codes
    }
    out = {}
    for code in codes:
        area = base.get(code, shapely.Polygon())
        lost = sites.cells[(moved & (seed == code)) | amid[code]]
        gained = moved & (side == code)
        for other in codes:
            if other != code:
                gained |= amid[other] & (now == code)
        won = sites.cells[gained]
        if len(lost):
            area = shapely.difference(area, shapely.coverage_union_all(lost))
        if len(won):
            area = shapely.union(area, shapely.coverage_union_all(won))
        if not area.is_empty:
            out[code] = shapely.set_precision(area, 1e-5)
    return out


def front_line(sites: Sites, side: np.ndarray, codes: tuple[str, str]) -> BaseGeometry | None:
    """Return the boundary between two sides' cells, or ``None`` where they never meet.

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
    codes : (str, str)

    Returns
    -------
    LineString or MultiLineString or None
    """
    if len(sites.edges) == 0:
        return None
    a, b = side[sites.edges[:, 0]], side[sites.edges[:, 1]]
    meet = ((a == codes[0]) & (b == codes[1])) | ((a == codes[1]) & (b == codes[0]))
    if not meet.any():
        return None
    pairs = sites.edges[meet]
    shared = shapely.intersection(
        shapely.boundary(sites.cells[pairs[:, 0]]), shapely.boundary(sites.cells[pairs[:, 1]])
    )
    parts = shapely.get_parts(shared)
    # LineStrings only: cells that touch at a corner share no line.
    parts = parts[shapely.get_type_id(parts) == 1]
    parts = parts[shapely.length(parts) > 0]
    if len(parts) == 0:
        return None
    return shapely.set_precision(shapely.line_merge(shapely.union_all(parts)), 1e-5)


def smooth_islands(
    sites: Sites, side: np.ndarray, confidence: np.ndarray, *, keep_confidence: float = 0.6
) -> np.ndarray:
    """Give a lone site the side of all its neighbours unless its own evidence is strong.

    A single place shown for one side amid the other side's ground is most often a stale
    or mistaken report; it stands only with a confidence of at least ``keep_confidence``
    (strong, recent evidence). Amid means two known neighbours or more, all of the other
    side: a place whose one known neighbour is of the other side faces it across unknown
    ground, as two places on either side of a front do.

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
        Each site's shown side (``""`` unknown).
    confidence : ndarray of float
        Each site's confidence in its own state.
    keep_confidence : float, default 0.6

    Returns
    -------
    ndarray of str
    """
    side = np.asarray(side, dtype=object)
    if len(sites.edges) == 0:
        return side
    # Integer codes: comparing strings edge by edge costs more than the rest.
    names, code = np.unique(side.astype(str), return_inverse=True)
    blank = int(np.searchsorted(names, "")) if "" in names else -1
    a, b = sites.edges[:, 0], sites.edges[:, 1]
    known = (code[a] != blank) & (code[b] != blank)
    a, b = a[known], b[known]
    n = len(side)
    diff = code[a] != code[b]
    differ = np.bincount(a, diff, n) + np.bincount(b, diff, n)
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    lone = (code != blank) & (degree > 1) & (differ == degree)
    lone &= np.asarray(confidence, dtype=float) < keep_confidence
    if not lone.any():
        return side
    out = side.copy()
    # Every neighbour is of one other side when there are two sides: take any of them.
    other = np.full(n, -1, dtype=np.int64)
    other[a] = code[b]
    other[b] = code[a]
    out[lone] = names[other[lone]].astype(object)
    return out
