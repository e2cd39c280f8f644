"""The control model over time, for the map: each place's changes, areas and fronts.

:func:`control_timeline` fits a :class:`geo.control.ControlMap` and reads it on every day
a state changes: the reported places' changes of side, and each side's area and the
inferred front on up to ``max_front_dates`` of those days (the drawing is most of the
cost, kept between runs by :class:`geo.cache_control.ControlCache`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.actors import side_code
from geo.control_baseline import Baseline
from geo.model import Event
from geo.timeline import MergedEvent

if TYPE_CHECKING:
    from geo.cache_control import ControlCache
    from geo.control import ControlMap, ControlPlace, ModelInputs

__all__ = ["ControlTimeline", "control_timeline"]


@dataclass(frozen=True)
class ControlTimeline:
    """Control of the reported places, areas and fronts over time, for the map.

    Attributes
    ----------
    places : tuple of ControlPlace
    changes : tuple of (day, place index, side code)
        Each change of a place's shown side (``""``: unknown or contested), by day.
    fronts : tuple of (day, geometry or None)
        The inferred front from that day on.
    areas : tuple of (day, dict of side to geometry)
        Each side's inferred area from that day on.
    """

    places: tuple[ControlPlace, ...]
    changes: tuple[tuple[str, int, str], ...]
    fronts: tuple[tuple[str, BaseGeometry | None], ...]
    areas: tuple[tuple[str, dict[str, BaseGeometry]], ...] = ()


def control_timeline(
    events: Iterable[Event | MergedEvent],
    side_of: Callable[[str], str] = side_code,
    *,
    clip: BaseGeometry | None = None,
    settlements: np.ndarray | None = None,
    baseline: Baseline | None = None,
    max_front_dates: int = 100,
    simplify: float = 0.002,
    cache: ControlCache | None = None,
    inputs: ModelInputs | None = None,
) -> ControlTimeline:
    """Return the reported places' changes of side, and the areas and front on change days.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
    side_of : callable, default :func:`geo.actors.side_code`
        Actor name -> side code.
    clip : geometry, optional
        The country (see :meth:`geo.control.ControlMap.build`).
    settlements : ndarray, optional
        See :meth:`geo.control.ControlMap.build`.
    baseline : Baseline, optional
    max_front_dates : int, default 100
        Most days areas and fronts are drawn for: with more change days, evenly spread
        ones (always the last) stand until the next.
    simplify : float, default 0.002
        Degrees the drawn areas and fronts are simplified by.
    cache : ControlCache, optional
        Keeps each drawn day's front and areas between runs, by that day's site states
        (see :mod:`geo.cache_control`): a day whose states did not change is not drawn
        again. The result is the same with it or without.
    inputs : ModelInputs, optional
        See :meth:`geo.control.ControlMap.build`.

    Returns
    -------
    ControlTimeline
    """
    from geo.control import ControlMap  # the map imports this module to re-export it

    cm = ControlMap.build(
        events,
        settlements=settlements,
        clip=clip,
        baseline=baseline,
        code_of=side_of,
        inputs=inputs,
    )
    days = cm.days()
    if len(days) > max_front_dates:
        picks = np.unique(np.linspace(0, len(days) - 1, max_front_dates).round().astype(int))
        drawn = [days[k] for k in picks]
    else:
        drawn = days
    sites = np.array([p.site for p in cm.places], dtype=np.int64)
    current = np.full(len(sites), "", dtype=object)
    changes: list[tuple[str, int, str]] = []
    fronts: list[tuple[str, BaseGeometry | None]] = []
    areas: list[tuple[str, dict[str, BaseGeometry]]] = []
    drawn_set = set(drawn)
    previous: Any = None
    last: Any = None
    setting = cache.setting(cm, simplify) if cache is not None else b""
    for day in days:
        shown, _, _ = cm.site_states(day)
        now = shown[sites] if len(sites) else current
        for i in np.flatnonzero(now != current):
            changes.append((day, int(i), str(now[i])))
        current = now
        if day not in drawn_set:
            continue
        traced = cm.front_sites(day, shown)
        if last is not None and _same_states(last[0], (shown, traced)):
            # Nothing drawn from changed: the day before's drawing stands.
            line, sides = last[1]
        else:
            draw = functools.partial(_draw_day, cm, traced, shown, simplify)
            states = (shown, traced)
            line, sides = draw() if cache is None else cache.day(setting, day, states, draw)
        last = ((shown, traced), (line, sides))
        key = (
            line.wkb if line is not None else None,
            tuple((s, g.wkb) for s, g in sorted(sides.items())),
        )
        if key != previous:
            fronts.append((day, line))
            areas.append((day, sides))
        previous = key
    return ControlTimeline(cm.places, tuple(changes), tuple(fronts), tuple(areas))


def _same_states(
    a: tuple[np.ndarray, np.ndarray | None], b: tuple[np.ndarray, np.ndarray | None]
) -> bool:
    """Return whether two days' shown and traced site sides are the same."""
    if (a[1] is None) != (b[1] is None):
        return False
    return np.array_equal(a[0], b[0]) and (a[1] is None or np.array_equal(a[1], b[1]))


def _draw_day(
    cm: ControlMap,
    traced: np.ndarray | None,
    shown: np.ndarray,
    simplify: float,
) -> tuple[BaseGeometry | None, dict[str, BaseGeometry]]:
    """Return a day's simplified front and areas (what :class:`ControlCache` keeps).

    ``traced`` are the sides the front is traced from (:meth:`ControlMap.front_sites`):
    with ``shown``, all that varies from day to day in a drawing, so they key a drawn
    day in the cache.
    """
    line, areas = cm.drawing(shown, traced)
    if line is not None:
        line = shapely.set_precision(line.simplify(simplify), 1e-4)
    sides = {s: shapely.set_precision(g.simplify(simplify), 1e-4) for s, g in areas.items()}
    return line, sides
