"""Who holds each place over time, and the approximate front line inferred from it.

A place is held by the side that the latest report up to a date says took, held or
liberated it (:data:`CONTROL_ACTIONS`). Where both sides hold enough places, an
approximate front line is inferred: the Voronoi edges that separate neighbouring places
of the two sides (neighbours in the Delaunay triangulation, closer than ``max_gap``
degrees), clipped to the countries given. It is an inference from reports, to be
labelled as such wherever it is shown, never a surveyed line. ``maps`` draws it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.model import Event, GeoPrecision
from geo.schema import day_number
from geo.timeline import MergedEvent

__all__ = [
    "CONTROL_ACTIONS",
    "ControlPlace",
    "ControlTimeline",
    "control_timeline",
    "infer_front",
    "place_key",
    "report_day",
]

#: Actions that report which side controls a place; the value says whose control:
#: ``1`` the acting side (actor1), ``2`` the other side (actor2).
CONTROL_ACTIONS: dict[str, int] = {
    "capture": 1,
    "liberate": 1,
    "hold": 1,
    # A side that withdraws from a place leaves it to the other side, when known.
    "withdraw": 2,
}
# Not control: "loss" (equipment destroyed at a place says nothing of who holds it) and
# "strike" (shelling a place is no claim to hold it).

_POINTS = {"Point", "MultiPoint"}


@dataclass(frozen=True)
class ControlPlace:
    """A place whose control is reported.

    Attributes
    ----------
    label : str
        Place name.
    latitude, longitude : float
    """

    label: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ControlTimeline:
    """Control changes and inferred front lines, in date order.

    Attributes
    ----------
    places : tuple of ControlPlace
    changes : tuple of (day, place index, side code)
        Each report that sets a place's control, sorted by day.
    fronts : tuple of (day, geometry or None)
        The inferred front line from that day on (``None``: too few reports).
    """

    places: tuple[ControlPlace, ...]
    changes: tuple[tuple[str, int, str], ...]
    fronts: tuple[tuple[str, BaseGeometry | None], ...]


def report_day(event: Event | MergedEvent) -> str | None:
    """Return the day a report counts from (ISO), ``None`` when it is undated.

    Its own date, else the end of its interval, else the start, else the day the
    article was published.

    Parameters
    ----------
    event : Event or MergedEvent

    Returns
    -------
    str or None
    """
    if event.undated:
        return None
    for day in (event.event_date, event.date_end, event.date_start, event.published_at):
        if day is not None:
            return day.isoformat()
    return None


def place_key(event: Event | MergedEvent) -> str:
    """Return the identity of an event's place: its gazetteer id, else name and point.

    A report placed only near a place or offset from it ("20 km south of X") is about
    its own point, never about the reference place.

    Parameters
    ----------
    event : Event or MergedEvent

    Returns
    -------
    str
    """
    point = f"{event.location}|{event.latitude:.3f}|{event.longitude:.3f}"
    if event.geo_precision is not GeoPrecision.PLACE:
        # "20 km south of X", "near X": X is a reference point, the claim is on the point
        return f"near:{point}"
    return event.place_id or point


def _point_keys(xy: np.ndarray) -> np.ndarray:
    k = np.round(xy * 1e7).astype(np.int64) + 2_000_000_000
    return k[:, 0] * 4_000_000_000 + k[:, 1]


def infer_front(
    lonlat: np.ndarray,
    side: Sequence[str],
    *,
    sides: tuple[str, str],
    clip: BaseGeometry | None = None,
    min_points: int = 3,
    max_gap: float = 0.75,
) -> BaseGeometry | None:
    """Approximate front line between the places held by two sides.

    The line is made of the Voronoi edges between Delaunay neighbours of opposite
    sides: each such edge joins the circumcentres of the two triangles that share the
    neighbours' Delaunay edge (on the hull, a ray outwards of length ``max_gap / 2``).

    Parameters
    ----------
    lonlat : ndarray of shape (n, 2)
        Place coordinates (longitude, latitude).
    side : sequence of str
        The side holding each place (anything else is ignored).
    sides : (str, str)
        The two opposing sides.
    clip : geometry, optional
        Area the line is clipped to (the countries concerned).
    min_points : int, default 3
        Fewest places each side must hold for a line to be drawn.
    max_gap : float, default 0.75
        Opposite places further apart than this (degrees) are not taken as neighbours
        across a front.

    Returns
    -------
    LineString or MultiLineString or None
        ``None`` when reports are too sparse.
    """
    codes = np.asarray(side, dtype=object)
    keep = (codes == sides[0]) | (codes == sides[1])
    pts = np.asarray(lonlat, dtype=float)[keep]
    lab = (codes[keep] == sides[1]).astype(np.int8)
    # One point per location: a place held by both sides at once is ambiguous.
    keys = _point_keys(pts)
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    uniq = np.sort(first[counts == 1])
    pts, lab, keys = pts[uniq], lab[uniq], keys[uniq]
    if min(int((lab == 0).sum()), int((lab == 1).sum())) < min_points:
        return None
    multi = shapely.multipoints(pts)
    triangles = shapely.get_parts(shapely.delaunay_triangles(multi))
    if len(triangles) == 0:
        return None
    tc = shapely.get_coordinates(triangles).reshape(-1, 4, 2)[:, :3]
    order = np.argsort(keys)
    pos = np.searchsorted(keys[order], _point_keys(tc.reshape(-1, 2)))
    vid = order[np.clip(pos, 0, len(order) - 1)].reshape(-1, 3)
    # Circumcentres of every triangle.
    a, b, c = tc[:, 0], tc[:, 1], tc[:, 2]
    d = 2 * (a[:, 0] * (b[:, 1] - c[:, 1]) + b[:, 0] * (c[:, 1] - a[:, 1])
             + c[:, 0] * (a[:, 1] - b[:, 1]))
    ok = np.abs(d) > 1e-12
    d = np.where(ok, d, 1.0)
    sa, sb, sc = (a ** 2).sum(1), (b ** 2).sum(1), (c ** 2).sum(1)
    cc = np.stack([
        (sa * (b[:, 1] - c[:, 1]) + sb * (c[:, 1] - a[:, 1]) + sc * (a[:, 1] - b[:, 1])) / d,
        (sa * (c[:, 0] - b[:, 0]) + sb * (a[:, 0] - c[:, 0]) + sc * (b[:, 0] - a[:, 0])) / d,
    ], axis=1)
    # Edges (i, j) of every triangle with the opposite vertex k.
    ei = vid[:, [0, 1, 2]].ravel()
    ej = vid[:, [1, 2, 0]].ravel()
    ek = vid[:, [2, 0, 1]].ravel()
    tri = np.repeat(np.arange(len(vid)), 3)
    sel = (lab[ei] != lab[ej]) & (np.hypot(*(pts[ei] - pts[ej]).T) <= max_gap) & ok[tri]
    if not sel.any():
        return None
    ei, ej, ek, tri = ei[sel], ej[sel], ek[sel], tri[sel]
    lo, hi = np.minimum(ei, ej), np.maximum(ei, ej)
    _, inverse, counts = np.unique(lo * len(pts) + hi, return_inverse=True, return_counts=True)
    members = np.argsort(inverse, kind="stable")
    starts = np.cumsum(counts) - counts
    firsts = members[starts]
    two = counts >= 2
    inner_a = cc[tri[firsts[two]]]
    inner_b = cc[tri[members[starts[two] + 1]]]
    m = firsts[~two]
    p, q, r = pts[ei[m]], pts[ej[m]], pts[ek[m]]
    normal = np.stack([q[:, 1] - p[:, 1], p[:, 0] - q[:, 0]], axis=1)
    normal /= np.maximum(np.hypot(normal[:, 0], normal[:, 1]), 1e-12)[:, None]
    inward = ((normal * (r - (p + q) / 2)).sum(axis=1) > 0)[:, None]
    normal = np.where(inward, -normal, normal)
    hull_a = cc[tri[m]]
    hull_b = hull_a + normal * (max_gap / 2)
    segments = np.concatenate([
        np.stack([inner_a, inner_b], axis=1), np.stack([hull_a, hull_b], axis=1)
    ])
    lines = shapely.linestrings(segments)
    merged = shapely.line_merge(shapely.union_all(lines))
    area = shapely.buffer(shapely.convex_hull(multi), max_gap / 4)
    if clip is not None:
        area = shapely.intersection(area, clip)
    merged = shapely.intersection(merged, area)
    parts = [g for g in shapely.get_parts(merged) if g.geom_type == "LineString" and g.length > 0]
    if not parts:
        return None
    out = shapely.line_merge(shapely.multilinestrings(parts))
    return shapely.set_precision(out.simplify(0.002), 1e-4)


def _precise_first(
    changes: list[tuple[str, int, str, bool]],
) -> list[tuple[str, int, str]]:
    """Order control changes by day, letting precise reports win.

    A report dated only by an interval's end ("before publication") never overrides a
    place's state set by a report of a known day.
    """
    exact: dict[int, bool] = {}
    kept = []
    for day, idx, code, exact_day in sorted(changes, key=lambda c: c[0]):
        if not exact_day and exact.get(idx, False):
            continue
        exact[idx] = exact_day
        kept.append((day, idx, code))
    return kept


def control_timeline(
    events: Iterable[Event | MergedEvent],
    side_of: Callable[[str], str],
    *,
    clip: BaseGeometry | None = None,
    min_points: int = 3,
    max_gap: float = 0.75,
    max_front_dates: int = 100,
    max_age_days: int = 90,
) -> ControlTimeline:
    """Control changes from dated reports and the front line after each change day.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
        Records of the event table, in any order (reports of one day are taken in
        event-id order). Undated reports, reports on a line or an area, reports whose
        side is unknown and reports of a side other than the two most often reported
        (the belligerents) set no control.
    side_of : callable
        Actor name -> side code (``""`` when unknown).
    clip : geometry, optional
        Area fronts are clipped to.
    min_points : int, default 3
        See :func:`infer_front`.
    max_gap : float, default 0.75
        See :func:`infer_front`.
    max_front_dates : int, default 100
        Most days a front line is inferred for. With more change days than this, the
        line is inferred on evenly spread change days (always the last one) and holds
        until the next; control still changes on every day.
    max_age_days : int, default 90
        Places last reported on longer ago than this do not shape the front line of a
        day (their control stays).

    Returns
    -------
    ControlTimeline
    """
    reports = []
    for e in events:
        day = report_day(e)
        if day is not None and CONTROL_ACTIONS.get(e.action) is not None and (
            e.geometry is None or e.geometry.is_empty or e.geometry.geom_type in _POINTS
        ):
            reports.append((day, e))
    reports.sort(key=lambda r: (r[0], r[1].event_id))
    coded = [(day, e, side_of(e.actor1 if CONTROL_ACTIONS[e.action] == 1 else e.actor2))
             for day, e in reports]
    # The belligerents are the two sides most often reported holding places; a third
    # code (a neighbouring country named as the other side of a withdrawal, a unit
    # misread as a country) is no side of this map's war and sets no control.
    tally = Counter(code for _, _, code in coded if code)
    belligerents = {code for code, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:2]}
    place_ids: dict[str, int] = {}
    places: list[ControlPlace] = []
    changes: list[tuple[str, int, str, bool]] = []
    for day, e, code in coded:
        if code not in belligerents:
            continue
        key = place_key(e)
        idx = place_ids.get(key)
        if idx is None:
            idx = place_ids[key] = len(places)
            places.append(ControlPlace(e.location, e.latitude, e.longitude))
        changes.append((day, idx, code, e.event_date is not None))
    changes = _precise_first(changes)
    tally = Counter(c[2] for c in changes)
    fronts: list[tuple[str, BaseGeometry | None]] = []
    if len(tally) >= 2:
        (s1, _), (s2, _) = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        pair = tuple(sorted((s1, s2)))
        lonlat = np.array([(p.longitude, p.latitude) for p in places], dtype=float)
        state = np.full(len(places), "", dtype=object)
        days = sorted({c[0] for c in changes})
        if len(days) > max_front_dates:
            picks = np.unique(np.linspace(0, len(days) - 1, max_front_dates).round().astype(int))
            wanted = {days[k] for k in picks}
        else:
            wanted = set(days)
        previous: BaseGeometry | None = None
        reported = np.full(len(places), -(10**9), dtype=np.int64)
        i = 0
        while i < len(changes):
            day = changes[i][0]
            while i < len(changes) and changes[i][0] == day:
                state[changes[i][1]] = changes[i][2]
                reported[changes[i][1]] = day_number(day)
                i += 1
            if day not in wanted:
                continue
            # A front drawn today only uses places reported on recently: a place last
            # reported on months ago says little about where the line runs now.
            fresh = np.where(day_number(day) - reported <= max_age_days, state, "")
            line = infer_front(
                lonlat, fresh, sides=pair, clip=clip, min_points=min_points, max_gap=max_gap
            )
            same = (line is None and previous is None) or (
                line is not None and previous is not None and line.equals_exact(previous, 0)
            )
            if not same:
                fronts.append((day, line))
            previous = line
    return ControlTimeline(tuple(places), tuple(changes), tuple(fronts))
