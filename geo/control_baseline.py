"""A starting map: the areas held by a side on a date, as front-line maps export them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.exc import InputError

if TYPE_CHECKING:
    from geo.control_claims import Claim

__all__ = ["Baseline", "baseline_areas", "read_baseline", "support_against"]


@dataclass(frozen=True)
class Baseline:
    """Areas held by each side on one date.

    Attributes
    ----------
    day : datetime.date
    areas : dict of str to geometry
        Side code -> the union of its areas.
    """

    day: dt.date
    areas: dict[str, BaseGeometry]

    def sides_at(
        self, lonlat: np.ndarray, *, within: BaseGeometry | None = None, sides: tuple[str, ...] = ()
    ) -> np.ndarray:
        """Return the side holding each point on the baseline's date.

        A baseline that draws one side only (an occupied-area map) leaves the rest of
        ``within`` (the country) to the other of the two ``sides``.

        Parameters
        ----------
        lonlat : ndarray of shape (n, 2)
        within : geometry, optional
            The country the map covers.
        sides : tuple of str
            The belligerents.

        Returns
        -------
        ndarray of str
            ``""`` where the map says nothing.
        """
        pts = np.asarray(lonlat, dtype=float).reshape(-1, 2)
        out = np.full(len(pts), "", dtype=object)
        for code, area in sorted(self.areas.items()):
            shapely.prepare(area)
            out[shapely.intersects_xy(area, pts[:, 0], pts[:, 1]) & (out == "")] = code
        others = [s for s in sides if s not in self.areas]
        if len(self.areas) == 1 and len(others) == 1 and within is not None:
            shapely.prepare(within)
            rest = (out == "") & shapely.intersects_xy(within, pts[:, 0], pts[:, 1])
            out[rest] = others[0]
        return out


def baseline_areas(
    baseline: Baseline, within: BaseGeometry | None, sides: tuple[str, ...]
) -> dict[str, BaseGeometry]:
    """Return each side's area on the baseline's date.

    A map that draws one side only leaves the rest of ``within`` to the other side (as
    :meth:`Baseline.sides_at` does for points).

    Parameters
    ----------
    baseline : Baseline
    within : geometry, optional
        The country the map covers.
    sides : tuple of str
        The belligerents.

    Returns
    -------
    dict of str to geometry
    """
    # The map's own areas stand as drawn (a coarse outline would cut their coast).
    out = dict(baseline.areas)
    others = [s for s in sides if s not in baseline.areas]
    if len(baseline.areas) == 1 and len(others) == 1 and within is not None:
        out[others[0]] = shapely.difference(within, shapely.union_all(list(out.values())))
    return out


def read_baseline(path: str | Path) -> Baseline:
    """Read a GeoJSON FeatureCollection of areas with ``side`` and ``date`` properties.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Baseline

    Raises
    ------
    InputError
        The file is missing, not GeoJSON, has no polygon with a side, or its
        features disagree on the date.
    """
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline map ({exc.strerror})") from None
    except ValueError as exc:
        raise InputError(f"{path}: not GeoJSON ({exc})") from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    parts: dict[str, list[BaseGeometry]] = {}
    days = set()
    for n, feature in enumerate(features):
        props = (feature or {}).get("properties") or {}
        side, day = str(props.get("side") or "").strip(), props.get("date")
        if not side or not day:
            raise InputError(f"{path}: feature {n} needs 'side' and 'date' properties")
        try:
            days.add(dt.date.fromisoformat(str(day)[:10]))
            geom = shapely.from_geojson(json.dumps(feature.get("geometry")))
        except (ValueError, shapely.errors.GEOSException) as exc:
            raise InputError(f"{path}: feature {n}: {exc}") from None
        if geom.geom_type in {"Polygon", "MultiPolygon"} and not geom.is_empty:
            parts.setdefault(side, []).append(shapely.make_valid(geom))
    if not parts:
        raise InputError(f"{path}: no polygon areas with a side")
    if len(days) != 1:
        raise InputError(f"{path}: features have {len(days)} different dates; give one map")
    areas = {side: shapely.union_all(geoms) for side, geoms in parts.items()}
    return Baseline(days.pop(), areas)


def support_against(
    claims: list[Claim],
    held: np.ndarray,
    *,
    radius_km: float = 50.0,
    days: int = 10,
    most: int = 4,
    repeat_days: int = 30,
    repeat_strength: float = 0.6,
    barriers: Any = None,
) -> list[Claim]:
    """Count as support of a change of hands only changes against the starting map.

    With a starting map, an offensive is places taken from the other side *as the map
    draws it*: a report that a side took a place the map already gives it (a village in
    its own rear, a recap, a namesake) corroborates nothing, and a party's passing claim
    counts for less than a confirmed taking. Each change of hands to side S gets as
    support the summed strength (the strongest report of each place) of the other
    places within ``radius_km`` that other sources report changing to S within ``days``
    and that the map gives to another side, rounded down and capped at ``most``.
    A taking that another source reports again on another day within ``repeat_days``
    (both at least ``repeat_strength``) is corroborated by its own repeat, however
    few places change around it: a slow offensive takes one village a week, and two
    independent firm reports of one taking outweigh a neighbour's. Ground taken near a
    place against the map (a ``contest`` holding of the side that took it, see
    :attr:`geo.control_claims.Claim.gained`) supports the changes around it with its
    strength, but never its own point and never as a repeat. Claims on places
    the map says nothing of keep their support.

    Parameters
    ----------
    claims : list of Claim
        Claims after :func:`geo.control_claims.corroborate`.
    held : ndarray of str
        The map's side at each claim's place (``""`` where it says nothing).
    radius_km : float, default 50
    days : int, default 10
    most : int, default 4
    repeat_days : int, default 30
    repeat_strength : float, default 0.6
    barriers : geo.control_banks.Barriers, optional
        Rivers over the claims (indexed as ``claims``): a place taken across one
        corroborates nothing (an offensive stops at a large river).

    Returns
    -------
    list of Claim
        The same claims in the same order.

    Examples
    --------
    >>> support_against([], np.zeros(0, dtype=object))
    []
    """
    from scipy.spatial import cKDTree

    from geo.control_claims import TAKING_ACTIONS

    held = np.asarray(held, dtype=object)
    change = [i for i, c in enumerate(claims) if c.change and held[i] != ""]
    if not change:
        return list(claims)
    # Ground taken near a place (a contest's half of the side that took it) is an
    # offensive's step too: it supports the changes around it, never one of its own
    # point, and it is no repeat of a taking.
    gains = [
        i
        for i, c in enumerate(claims)
        if c.action == "contest" and c.gained == c.side and held[i] != ""
    ]
    pool = change + gains
    lonlat = np.array([(claims[i].longitude, claims[i].latitude) for i in pool])
    mid = np.radians(lonlat[:, 1].mean())
    xy = lonlat * np.array([111.32 * np.cos(mid), 111.32])
    out = list(claims)
    near_all = cKDTree(xy).query_ball_point(xy[: len(change)], radius_km)
    for k, near in enumerate(near_all):
        c = claims[change[k]]
        best: dict[str, float] = {}
        for j in near:
            o = claims[pool[j]]
            if (
                o.side == c.side
                and o.source != c.source
                and held[pool[j]] != o.side
                and abs(o.day - c.day) <= days
                and o.key != c.key
                and np.hypot(*(xy[j] - xy[k])) > 1.0
                and (barriers is None or not barriers.across(change[k], pool[j]))
            ):
                best[o.key] = max(best.get(o.key, 0.0), o.strength)
        n = min(int(sum(best.values()) + 1e-9), most)
        if c.strength >= repeat_strength and any(
            o.key == c.key
            and o.side == c.side
            and o.source != c.source
            and o.day != c.day
            and o.strength >= repeat_strength
            and o.action in TAKING_ACTIONS
            and abs(o.day - c.day) <= repeat_days
            for o in (claims[pool[j]] for j in near)
        ):
            n = most
        if n != c.support:
            out[change[k]] = replace(c, support=n)
    return out
