"""Near the front, a side's shading stays within reach of its own side's reports.

Without a starting map a side's area is the union of its sites' cells. An unreported
site takes the state of a reported place within ``max_km`` of it
(:func:`geo.control_reach.propagate`), but its cell (the ground nearer it than any other
site) can stretch much farther from that place: where settlements are sparse, a cell
given by a report 12 km off reaches 25 km from it. Near the other side's reports that
stretch is as likely the other side's ground: there, each side's shading is cut to the
ground within ``reach_km`` of its own reported places, and within ``implied_km`` of a
place known only from attacks and strikes on it: such a place is where the fighting is,
and the ground past it is as likely the attacker's. Behind the lines, farther than
``front_km`` from every report of the other side, cells stand whole (few reports name
places there, and the ground changes hands seldom).
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

__all__ = ["CutOptions", "cut_to_reach"]


@dataclass(frozen=True)
class CutOptions:
    """Parameters of :func:`cut_to_reach`.

    Attributes
    ----------
    reach_km : float
        How far from a side's reported places its shading reaches near the front: the
        reach of a place's state (``ControlMap.max_km``). ``0``: nothing is cut.
    front_km : float
        Ground within this distance of a reported place of the other side is near the
        front: about twice a state's reach, where the rear's reach begins
        (:func:`geo.control_reach.propagate`'s ``rear_reach``).
    implied_km : float
        The reach of a place whose holder is only implied (every report of it an attack
        or a strike on it): half a state's reach, the fighting being at the place.
    """

    reach_km: float = 15.0
    front_km: float = 30.0
    implied_km: float = 7.5


def cut_to_reach(
    sites: Sites,
    shown: np.ndarray,
    reported: np.ndarray,
    areas: dict[str, BaseGeometry],
    codes: Sequence[str],
    *,
    implied: np.ndarray | None = None,
    options: CutOptions | None = None,
) -> dict[str, BaseGeometry]:
    """Return each side's area without the ground near the front beyond its reports' reach.

    Parameters
    ----------
    sites : Sites
    shown : ndarray of str
        Each site's shown side (the reported places' sides say where each side's
        reports are).
    reported : ndarray of bool
        Sites with reports of their own.
    areas : dict of str to geometry
        Each side's area (see :func:`geo.control_areas.side_areas`).
    codes : sequence of str
        The belligerents' codes: without two, nothing is cut.
    implied : ndarray of bool, optional
        Sites whose holder is only implied by attacks and strikes on them
        (:attr:`geo.control_model.PlaceModel.implied_only`): they reach ``implied_km``.
    options : CutOptions, optional

    Returns
    -------
    dict of str to geometry
        The same keys; a side's area cut where the other side has reports within
        ``front_km`` and its own none within ``reach_km`` (``implied_km`` of a place
        with implied holders only).
    """
    opt = options or CutOptions()
    if len(codes) != 2 or opt.reach_km <= 0:
        return dict(areas)
    shown = np.asarray(shown, dtype=object)
    judged = np.asarray(reported, dtype=bool) & np.isin(shown, list(codes))
    implied = np.zeros(len(shown), dtype=bool) if implied is None else np.asarray(implied, bool)
    out = dict(areas)
    for code, area in areas.items():
        if code not in codes or area.is_empty:
            continue
        others = np.flatnonzero(judged & (shown != code))
        if not len(others):
            continue
        near_front = sites.discs(others, opt.front_km)
        mine = judged & (shown == code)
        reach = shapely.union(
            sites.discs(np.flatnonzero(mine & ~implied), opt.reach_km),
            sites.discs(np.flatnonzero(mine & implied), opt.implied_km),
        )
        out[code] = shapely.difference(area, shapely.difference(near_front, reach))
    return out
