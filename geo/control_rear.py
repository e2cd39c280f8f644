"""Behind the lines: the ground no report names, far from the front, is its side's.

Without a starting map a side's shading covers the cells its reports reach (15 km, 30 km
behind the lines; :func:`geo.control_reach.propagate`). Few reports name places far
from the front, so most of a side's rear stays blank: the occupied south and Crimea
showed as patches around the towns the reports name. The traced front
(:meth:`geo.control.ControlMap.front_sites`) puts every site on one side of the line;
far from that line, a site takes that side when the reports around it agree:

- it lies farther than ``front_km`` from the traced front (near the line the reports'
  own reach decides, see :mod:`geo.control_cut`);
- the nearest reported place with a side is of that side;
- no reported place of the other side lies within ``other_km`` (a stale or misread
  report behind the lines is as likely as a report far from the front);
- at least ``min_reports`` reported places of that side lie within ``support_km``: a
  lone report (a besieged city) would otherwise colour a province.

A reported place keeps the side its own reports give it, or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    from geo.control_areas import Sites

__all__ = ["RearOptions", "rear_sides"]


@dataclass(frozen=True)
class RearOptions:
    """Parameters of :func:`rear_sides`.

    Attributes
    ----------
    front_km : float
        Ground this near the traced front is the front's, not the rear's (``0``: no
        rear is filled).
    other_km : float
        No reported place of the other side within this distance: about twice the
        distance a state reaches behind the lines.
    min_reports, support_km : int, float
        At least this many reported places of the side within ``support_km``: one
        report alone (a besieged city, a misread name) does not make a rear.
    """

    front_km: float = 20.0
    other_km: float = 40.0
    min_reports: int = 2
    support_km: float = 80.0


def rear_sides(
    sites: Sites,
    shown: np.ndarray,
    traced: np.ndarray,
    reported: np.ndarray,
    front: BaseGeometry | None,
    codes: Sequence[str],
    *,
    options: RearOptions | None = None,
) -> np.ndarray:
    """Return the shown sides with the rear's unreported sites given their side.

    Parameters
    ----------
    sites : Sites
    shown : ndarray of str
        Each site's shown side (``""`` unknown).
    traced : ndarray of str
        Each site's side as the traced front sees it
        (:meth:`geo.control.ControlMap.front_sites`).
    reported : ndarray of bool
        Sites with reports of their own.
    front : geometry or None
        The traced front (lon/lat); ``None``: nothing is filled.
    codes : sequence of str
        The two belligerents' codes.
    options : RearOptions, optional

    Returns
    -------
    ndarray of str
        A copy of ``shown`` with the unknown, unreported sites behind each side's lines
        set to that side.
    """
    from scipy.spatial import cKDTree

    opt = options or RearOptions()
    shown = np.array(shown, dtype=object)  # a copy: the caller's array is left alone
    if front is None or front.is_empty or len(codes) != 2 or opt.front_km <= 0:
        return shown
    reported = np.asarray(reported, dtype=bool)
    # The line's points every ~1 km, in the sites' kilometre frame.
    line = shapely.get_coordinates(shapely.segmentize(front, 1.0 / float(sites.km.max())))
    beyond = cKDTree(line * sites.km).query(sites.xy)[0] > opt.front_km
    free = beyond & (shown == "") & ~reported & ~sites.empty
    trees, near = {}, {}
    for code in codes:
        mine = np.flatnonzero(reported & (shown == code))
        trees[code] = tree = cKDTree(sites.xy[mine]) if len(mine) else None
        near[code] = tree.query(sites.xy)[0] if tree is not None else np.full(len(shown), np.inf)
    for code, other in (codes, codes[::-1]):
        if trees[code] is None or trees[code].n < opt.min_reports:
            continue
        take = free & (traced == code) & (near[code] < near[other]) & (near[other] > opt.other_km)
        at = np.flatnonzero(take)
        count = trees[code].query_ball_point(sites.xy[at], opt.support_km, return_length=True)
        shown[at[count >= opt.min_reports]] = code
    return shown
