"""Reported places whose verdict the places around them or their own reports contradict.

Without a starting map the reports are all there is, and a misread one (a namesake, a
party's claim, an attack read as a holding) gives a place the wrong side. Two checks
leave such places without a verdict (state unknown) rather than shown for a side:

- :func:`contradicted`: a place whose own state is the other side's than at least half
  of the reported places around it. An isolated contrary verdict amid a consistent
  neighbourhood is more often a misread than an enclave; it stands only on strong
  evidence of its own. Places known from attacks and strikes alone are spared: their
  holder is read off the attack itself, which names the attacker's side, and their
  evidence is already weak in the model.
- :func:`unsupported`: a place whose own reports leave it unknown or contested takes its
  side from the places around it; when its own reports speak only for the other side,
  that side came from elsewhere and contradicts them.

Only places with a verdict of their own (a side, from their own reports) count as
neighbours: a place is never judged by states spread from elsewhere; and after a place
changed hands by a corroborated report, only the neighbours reported since.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from geo.control_model import per_side

__all__ = ["NeighbourOptions", "contradicted", "unsupported"]


@dataclass(frozen=True)
class NeighbourOptions:
    """Parameters of :func:`contradicted`.

    Attributes
    ----------
    radius_km : float
        How far a reported place counts as a neighbour: the depth of the ground that
        changes hands in a few days' fighting, so that the neighbours stand on the same
        sector of the front; farther, the other side's places behind the front count.
    contrary_share : float
        The share of the neighbours of the other side from which a place's verdict is
        doubted: half, since an enclave amid the other side's ground is rarer than a
        misread report.
    keep_confidence : float
        A doubted place keeps its verdict from this confidence on (strong, recent
        evidence of its own): the bar a lone site amid the other side's ground meets to
        stand (:func:`geo.control_areas.smooth_islands`).
    """

    radius_km: float = 15.0
    contrary_share: float = 0.5
    keep_confidence: float = 0.6


def contradicted(
    xy: np.ndarray,
    state: np.ndarray,
    confidence: np.ndarray,
    reported: np.ndarray,
    sides: tuple[str, ...],
    *,
    implied: np.ndarray | None = None,
    reported_on: np.ndarray | None = None,
    changed_on: np.ndarray | None = None,
    options: NeighbourOptions | None = None,
) -> np.ndarray:
    """Return the reported places whose state the reported places around them contradict.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        Site coordinates in kilometres.
    state : ndarray of str
        Each site's own state: a side code, ``"?"`` contested or ``""`` unknown.
    confidence : ndarray of float
        Each site's confidence in its own state (0..1).
    reported : ndarray of bool
        Sites with reports of their own.
    sides : tuple of str
        The belligerents' codes: without two sides nothing is contradicted.
    implied : ndarray of bool, optional
        Sites known from attacks and strikes alone: never doubted (they still count as
        neighbours).
    reported_on, changed_on : ndarray of int, optional
        Each site's newest report, and the day it last changed hands by a corroborated
        report (day numbers, -1 none). A neighbour whose reports all came before a place
        changed hands describes the ground before the change: it is no neighbour of that
        place (a liberated city amid the villages last reported held before).
    options : NeighbourOptions, optional

    Returns
    -------
    ndarray of bool
        The sites to give no verdict.

    Examples
    --------
    >>> xy = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0], [5.0, 5.0]])
    >>> state = np.array(["UA", "RU", "RU", "RU"], dtype=object)
    >>> contradicted(xy, state, np.full(4, 0.3), np.ones(4, bool), ("RU", "UA")).tolist()
    [True, False, False, False]
    """
    from scipy.spatial import cKDTree

    opt = options or NeighbourOptions()
    state = np.asarray(state, dtype=object)
    out = np.zeros(len(state), dtype=bool)
    judged = np.flatnonzero(np.asarray(reported, dtype=bool) & np.isin(state, sides))
    if len(judged) < 2 or len(sides) != 2 or opt.radius_km <= 0:
        return out
    tree = cKDTree(np.asarray(xy, dtype=float)[judged])
    pairs = tree.query_pairs(opt.radius_km, output_type="ndarray")
    if not len(pairs):
        return out
    a, b = pairs[:, 0], pairs[:, 1]
    differ = (state[judged][a] != state[judged][b]).astype(float)
    m = len(judged)
    # Whether b counts for a, and a for b.
    for_a, for_b = np.ones(len(a)), np.ones(len(a))
    if reported_on is not None and changed_on is not None:
        newest = np.asarray(reported_on)[judged]
        changed = np.asarray(changed_on)[judged]
        for_a = (newest[b] >= changed[a]).astype(float)
        for_b = (newest[a] >= changed[b]).astype(float)
    count = np.bincount(a, for_a, m) + np.bincount(b, for_b, m)
    against = np.bincount(a, differ * for_a, m) + np.bincount(b, differ * for_b, m)
    doubt = (count > 0) & (against >= opt.contrary_share * count)
    doubt &= np.asarray(confidence, dtype=float)[judged] < opt.keep_confidence
    if implied is not None:
        doubt &= ~np.asarray(implied, dtype=bool)[judged]
    out[judged[doubt]] = True
    return out


def unsupported(
    shown: np.ndarray,
    evidence: np.ndarray,
    reported: np.ndarray,
    sides: tuple[str, ...],
) -> np.ndarray:
    """Return the reported places shown for a side that only their own reports contradict.

    Parameters
    ----------
    shown : ndarray of str
        Each site's shown side (``""`` unknown).
    evidence : ndarray of shape (n, sides)
        Each site's own evidence per side (see
        :meth:`geo.control_model.PlaceModel.evidence_on`).
    reported : ndarray of bool
        Sites with reports of their own.
    sides : tuple of str

    Returns
    -------
    ndarray of bool
        Reported sites shown for a side with no evidence of their own for it, and some
        for another side.

    Examples
    --------
    >>> shown = np.array(["UA", "UA", "RU"], dtype=object)
    >>> evidence = np.array([[0.4, 0.0], [0.0, 0.3], [0.0, 0.0]])
    >>> unsupported(shown, evidence, np.ones(3, bool), ("RU", "UA")).tolist()
    [True, False, False]
    """
    shown = np.asarray(shown, dtype=object)
    evidence = np.asarray(evidence, dtype=float).reshape(len(shown), -1)
    held = per_side(shown, evidence, sides)
    contrary = evidence.sum(axis=1) - held
    return np.asarray(reported, dtype=bool) & np.isin(shown, sides) & (held <= 0) & (contrary > 0)
