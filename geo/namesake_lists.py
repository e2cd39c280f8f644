"""Villages listed together lie together: :func:`gather` picks one namesake per list member.

"Assaults towards A, B and C": each name has namesakes in several oblasts, and each taken
on its own may land in another one. The list is one stretch of front, so the combination
meant is one whose members all lie within a short reach of one point; among such
combinations the one of the most prominent namesakes wins.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gazetteer.distance import great_circle_km

__all__ = ["gather"]


def gather(
    spots: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
    *,
    reach_km: float,
) -> list[int] | None:
    """Pick one spot per member so that every member lies within ``reach_km`` of one point.

    Each member's spots in turn is a candidate centre. A centre serves when every member
    has a spot within ``reach_km`` of it; its value is the sum of the best weight each
    member has within reach. The best serving centre gives the picks.

    Parameters
    ----------
    spots : sequence of (lat, lon, weight) arrays
        Per member, the places it may stand at (degrees) and their prior weights.
    reach_km : float
        How far (km) from the centre a member may lie.

    Returns
    -------
    list of int or None
        Per member, the index of its picked spot; ``None`` when no centre has every
        member within reach (the list may span more than one stretch of front).

    Examples
    --------
    >>> a = (np.array([47.0, 50.0]), np.array([37.0, 30.0]), np.array([0.1, 0.9]))
    >>> b = (np.array([47.1]), np.array([37.1]), np.array([0.1]))
    >>> gather([a, b], reach_km=25.0)
    [0, 0]
    """
    if len(spots) < 2 or any(len(s[0]) == 0 for s in spots):
        return None
    lat = np.concatenate([s[0] for s in spots])
    lon = np.concatenate([s[1] for s in spots])
    value = np.zeros(len(lat))
    picks = []
    for m_lat, m_lon, weight in spots:
        d = great_circle_km(lat[:, None], lon[:, None], m_lat[None, :], m_lon[None, :])
        w = np.where(d <= reach_km, weight[None, :], -np.inf)
        value += w.max(axis=1)  # -inf where the member has no spot within reach
        picks.append(w.argmax(axis=1))
    best = int(np.argmax(value))
    if not np.isfinite(value[best]):
        return None
    return [int(p[best]) for p in picks]
