"""How far a place's state reaches the sites no report names (scipy KD-trees, vectorised).

Each informed site (a reported place, a starting map's seed) sends its state with its
evidence times ``1 - d / max_km``; the strongest signal within ``max_km`` wins, never
across a stronger contrary claim. The shading asks more of it (:func:`propagate`'s
defaults): ground about as near a report of the other side stays unknown, and so does
ground amid mostly the other side's reports; behind the lines, where the other side's
reports are far, a state reaches farther. A traced front instead bridges the gaps
between the two sides' reports: past their own ground, the nearest report's state
reaches across the other side's, so the line runs midway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from geo.control_model import per_side

if TYPE_CHECKING:
    from geo.control_areas import Sites

__all__ = ["propagate"]


def propagate(
    sites: Sites,
    side: np.ndarray,
    strength: np.ndarray,
    *,
    max_km: float = 15.0,
    keep_bonus: float = 1.5,
    neighbours: int = 12,
    fixed: np.ndarray | None = None,
    barriers: Any = None,
    nearest: bool = True,
    margin: float = 1.5,
    rear_reach: float = 2.0,
    rear_ratio: float = 3.0,
    majority_km: float = 30.0,
    near_km: float | None = None,
    sends: np.ndarray | None = None,
) -> np.ndarray:
    """Give every site the side of the strongest informed site near it.

    Parameters
    ----------
    sites : Sites
    side : ndarray of str
        Each site's own state: a side code, ``"?"`` contested (it blocks, and sends
        "unknown"), ``""`` uninformed.
    strength : ndarray of float
        Each informed site's evidence for its state (> 0).
    max_km : float, default 15
        Farthest a site's state reaches.
    keep_bonus : float, default 1.5
        A site's own state counts this much more than a neighbour's.
    neighbours : int, default 12
        Informed sites looked at per site.
    fixed : ndarray of bool, optional
        Sites whose own state stands whatever their neighbours say (the reported
        places: a starting map's seeds give way to fresher reports nearby, reports do
        not).
    barriers : geo.control_banks.Barriers, optional
        Rivers no site's state reaches across.
    nearest : bool, default True
        A site takes a state only when no informed site of another state is nearer to
        it than ``margin`` times the distance to the one it takes it from: ground
        between the two sides' reports is left unknown unless it is clearly nearer one
        side's, however strong the farther report (the other side's reports mark
        where its ground begins, and the reports on the two sides of a front seldom
        weigh alike). A site beside a ``fixed`` place of the state it takes
        keeps it: the ground around a report goes with it. ``False`` lets the
        strongest reach past the other side's reports, as a traced front needs to
        bridge the gap.
    margin : float, default 1.5
    rear_reach : float, default 2
        Multiple of ``max_km`` that a state reaches behind the lines: a site with no
        informed site within ``max_km`` takes the state of the nearest one within
        ``rear_reach * max_km`` when every informed site of another state lies at
        least ``rear_ratio`` times as far (few reports name places far from the front,
        and the ground there is the side's whose reports are all around it).
    rear_ratio : float, default 3
    majority_km : float, default 30
        With ``nearest``, a site no report names also stays unknown where the reports
        within this distance of it are more of another state than of the one it would
        take, even beside a ``fixed`` place: a report amid the other side's is most
        often misplaced or stale (``0``: no such check).
    near_km : float, optional
        Within this distance of an informed site, the strongest state within it wins
        (as the shading's ``max_km`` gives it, without the rules above); farther, in
        the gaps between the reports, the nearest informed site's state does, whatever
        its evidence: a traced front follows the reports' own ground and runs midway
        across the gaps. How often a place is reported says how sure its side is, not
        how far that side's ground reaches (a much-shelled city stands far behind the
        line).
    sends : ndarray of bool, optional
        The informed sites whose state may reach other sites (see
        :func:`geo.control_senders.senders`); the others keep theirs to themselves but
        still count as reports of their state where the rules above weigh the nearby
        ones. By default every informed site sends.

    Returns
    -------
    ndarray of str
        ``""`` where nothing informed is within reach or a contested site wins.
    """
    from scipy.spatial import cKDTree

    rule = {"keep_bonus": keep_bonus, "neighbours": neighbours, "fixed": fixed, "sends": sends}
    if near_km is not None and near_km < max_km:
        near = propagate(
            sites,
            side,
            strength,
            max_km=near_km,
            barriers=barriers,
            nearest=False,
            rear_reach=1.0,
            **rule,
        )
        rest = propagate(
            sites,
            side,
            np.where(np.asarray(side, dtype=object) != "", 1.0, 0.0),
            max_km=max_km,
            barriers=barriers,
            nearest=nearest,
            rear_reach=rear_reach,
            rear_ratio=rear_ratio,
            majority_km=majority_km,
            **rule,
        )
        return np.where(near != "", near, rest)
    side = np.asarray(side, dtype=object)
    # Only sites with a cell (inside the country) inform their neighbours.
    informed = np.flatnonzero((side != "") & ~sites.empty)
    out = np.full(len(side), "", dtype=object)
    if len(informed) == 0:
        return out
    rows = np.arange(len(side))
    tree = cKDTree(sites.xy[informed])
    k = min(neighbours, len(informed))
    far = max_km * max(rear_reach, 1.0)
    dist, idx = tree.query(sites.xy, k=k, distance_upper_bound=far)
    dist, idx = dist.reshape(len(side), k), idx.reshape(len(side), k)
    ok = idx < len(informed)
    src = informed[np.where(ok, idx, 0)]
    if barriers is not None:
        ok &= ~barriers.across(rows[:, None], src)
    close = ok & (dist <= max_km)
    given = close
    if sends is not None:
        given = close & (np.asarray(sends, dtype=bool)[src] | (src == rows[:, None]))
    score = np.where(given, strength[src] * np.clip(1.0 - dist / max_km, 0.0, 1.0), -1.0)
    score = np.where(src == rows[:, None], score * keep_bonus, score)
    best = score.argmax(axis=1)
    win = src[rows, best]
    has = score[rows, best] > 0
    if nearest:
        # A report of another state about as near as the winner's leaves the site unknown.
        before = dist < dist[rows, best][:, None] * margin
        # Integer codes: comparing strings site by site costs more than the rest.
        code = np.unique(side.astype(str), return_inverse=True)[1].reshape(-1)
        apart = (before & ok & (code[src] != code[win][:, None])).any(axis=1)
        reported = np.zeros(len(side), dtype=bool) if fixed is None else np.asarray(fixed, bool)
        # A reported place's neighbours of its own state go with it, however near a
        # report of the other side...
        a, b = sites.edges[:, 0], sites.edges[:, 1]
        beside = reported.copy()
        beside[a[reported[b] & (code[b] == code[win[a]])]] = True
        beside[b[reported[a] & (code[a] == code[win[b]])]] = True
        apart &= ~beside
        if majority_km > 0:
            # ... unless the reports around are mostly of the other side.
            look = has & ~apart & ~reported
            apart |= _outnumbered(sites, side, informed, win, majority_km, look)
        has &= ~apart
    out[has] = side[win[has]]
    if far > max_km:
        _rear(
            sites,
            side,
            informed,
            out,
            ~has & ~close.any(axis=1) & ok.any(axis=1),
            src,
            dist,
            ok if sends is None else ok & np.asarray(sends, dtype=bool)[src],
            rear_ratio,
        )
    abroad = sites.empty
    out[abroad] = side[abroad]
    if fixed is not None:
        # A place with its own reports shows what they say, not what its neighbours do.
        keep = np.asarray(fixed, dtype=bool) & (side != "")
        out[keep] = np.where(side[keep] == "?", "", side[keep])
    out[out == "?"] = ""
    return out


def _outnumbered(
    sites: Sites,
    side: np.ndarray,
    informed: np.ndarray,
    win: np.ndarray,
    km: float,
    look: np.ndarray,
) -> np.ndarray:
    """Return which sites have more informed sites of another state than of ``side[win]``.

    Counted within ``km`` of each site in ``look`` (the others are not outnumbered);
    contested sites count for no state.
    """
    from scipy.spatial import cKDTree

    out = np.zeros(len(side), dtype=bool)
    states = side[informed]
    codes = sorted({str(c) for c in states.tolist()} - {"?"})
    at = np.flatnonzero(look)
    if len(codes) < 2 or not len(at):
        return out
    count = np.stack(
        [
            cKDTree(sites.xy[informed[states == c]]).query_ball_point(
                sites.xy[at], km, return_length=True
            )
            for c in codes
        ],
        axis=1,
    )
    took = side[win[at]]
    mine = per_side(took, count, codes)
    out[at] = np.isin(took, codes) & (count.sum(axis=1) - mine > mine)
    return out


def _rear(
    sites: Sites,
    side: np.ndarray,
    informed: np.ndarray,
    out: np.ndarray,
    free: np.ndarray,
    src: np.ndarray,
    dist: np.ndarray,
    ok: np.ndarray,
    ratio: float,
) -> None:
    """Give the ``free`` sites the state of their nearest informed site behind the lines.

    The nearest usable neighbour (``src``, ``dist`` and ``ok`` as :func:`propagate`
    queried them) gives its state when every informed site of another state is at
    least ``ratio`` times as far from the site (see :func:`propagate`).
    """
    from scipy.spatial import cKDTree

    cand = np.flatnonzero(free)
    if not len(cand):
        return
    first = ok[cand].argmax(axis=1)
    near, d0 = src[cand, first], dist[cand, first]
    states = side[informed]
    contrary = np.full(len(cand), np.inf)
    for state in sorted(set(states.tolist())):
        # Each candidate's nearest informed site of a state other than its source's.
        others = informed[states != state]
        mine = side[near] == state
        if len(others) and mine.any():
            contrary[mine] = cKDTree(sites.xy[others]).query(sites.xy[cand[mine]])[0]
    take = (contrary >= ratio * d0) & ok[cand, first]
    out[cand[take]] = side[near[take]]
