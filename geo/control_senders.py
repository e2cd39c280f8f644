"""Which reported places give their state to the ground around them.

Without a starting map a reported place's state spreads to the unreported places near it
(:func:`geo.control_reach.propagate`). A lone state shows on its own place but reaches no
farther: a place of one side with no other reported place of that side within
``lone_km``, and nearer the other side's reported places than any of its own side's. A
side's ground is many places, and the reports of a sector name several of them; one
place of a side deep amid the other side's reports is most often a misread (a namesake,
a unit's past, a change of hands read backwards from a misread capture), and its error
would cover the ground around it. A place far behind its own side's lines (a rear
city, a peninsula) is lone too but nearer its own side's places than the other's: it
reaches as before.

A lone report still counts as a report of its state where the reach of the other places
is weighed (it still marks where the other side's ground may end).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["SenderOptions", "senders"]


@dataclass(frozen=True)
class SenderOptions:
    """Parameters of :func:`senders`.

    Attributes
    ----------
    lone_km : float
        Another reported place of the same state within this distance corroborates a
        place's state: about the depth of a sector of the front, so that the places the
        reports of a sector name stand together (``0``: no place is lone).
    """

    lone_km: float = 50.0


def senders(
    xy: np.ndarray,
    state: np.ndarray,
    reported: np.ndarray,
    sides: tuple[str, ...],
    *,
    options: SenderOptions | None = None,
) -> np.ndarray:
    """Return the sites whose state may reach the unreported sites around them.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        Site coordinates in kilometres.
    state : ndarray of str
        Each site's own state on the day: a side code, ``"?"`` contested or ``""``
        unknown.
    reported : ndarray of bool
        Sites with reports of their own.
    sides : tuple of str
        The belligerents' codes.
    options : SenderOptions, optional

    Returns
    -------
    ndarray of bool
        ``False`` for the lone reported places of a side (see the module docstring),
        ``True`` for every other site.

    Examples
    --------
    Two Ukrainian-held places 10 km apart, three Russian-held ones to their east and a
    Russian-held one amid the Ukrainian ones, 200 km from the other Russian ones:

    >>> xy = np.array([[0.0, 0.0], [10.0, 0.0], [100.0, 0.0], [110.0, 0.0], [-100.0, 0.0]])
    >>> xy = np.vstack([xy, [[105.0, 5.0]]])
    >>> state = np.array(["UA", "UA", "RU", "RU", "RU", "RU"], dtype=object)
    >>> senders(xy, state, np.ones(6, bool), ("RU", "UA")).tolist()
    [True, True, True, True, False, True]
    """
    opt = options or SenderOptions()
    state = np.asarray(state, dtype=object)
    xy = np.asarray(xy, dtype=float)
    judged = np.asarray(reported, dtype=bool) & np.isin(state, sides)
    out = np.ones(len(state), dtype=bool)
    if opt.lone_km <= 0:
        return out
    for side in sides:
        mine = np.flatnonzero(judged & (state == side))
        same = _nearest(xy, mine, mine, skip_self=True)
        other = _nearest(xy, mine, np.flatnonzero(judged & (state != side)), skip_self=False)
        out[mine] = (same <= opt.lone_km) | (same <= other)
    return out


def _nearest(xy: np.ndarray, at: np.ndarray, of: np.ndarray, *, skip_self: bool) -> np.ndarray:
    """Distance from each ``at`` site to the nearest ``of`` site (``inf`` when none).

    With ``skip_self`` the ``at`` sites are among ``of`` and their own distance is skipped.
    """
    from scipy.spatial import cKDTree

    k = 2 if skip_self else 1
    if not len(at) or len(of) < k:
        return np.full(len(at), np.inf)
    return cKDTree(xy[of]).query(xy[at], k=k)[0].reshape(len(at), k)[:, -1]
