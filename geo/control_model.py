"""Who holds each place over time: evidence that accumulates, ages and must win to change.

Each place keeps, per side, the sum of its claims' strengths, halved every
``half_life_days`` (a report of a change of hands counts ``change_weight`` times a report
of holding). On every day with new claims the place's state is decided again:

- an unknown place takes the leading side when it leads clearly (``lead`` of the
  evidence), else it is contested;
- a held place changes side only when the other side's evidence reaches
  ``min_change`` and ``switch_ratio`` times the holder's; contrary evidence that comes
  close without winning makes the place contested; weaker contrary evidence is noise;
- claims of one source on one day count once per side (the strongest);
- a place nobody reports on stays unknown; a state, once known, stays until evidence
  changes it, with a confidence that fades as its evidence ages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geo.control_claims import Claim

__all__ = ["CONTESTED", "ModelOptions", "PlaceModel"]

#: State of a place whose reports contradict each other.
CONTESTED = "?"


@dataclass(frozen=True)
class ModelOptions:
    """Parameters of :class:`PlaceModel` (see the module docstring)."""

    half_life_days: float = 30.0
    change_weight: float = 1.5
    inexact_weight: float = 0.5
    lead: float = 0.65
    min_change: float = 0.6
    switch_ratio: float = 1.5
    floor: float = 0.05


class PlaceModel:
    """The state of every site on any day, from claims and optional baseline seeds.

    Parameters
    ----------
    n_sites : int
        Number of places (claims and seeds refer to them by index).
    claims : sequence of (site, Claim)
        Each claim with the index of the place it is about.
    sides : tuple of str
        The belligerents' codes.
    seeds : sequence of (site, side, day, strength), optional
        Starting states (a baseline map): evidence like a claim, never a change.
    options : ModelOptions, optional
    """

    def __init__(
        self,
        n_sites: int,
        claims: Sequence[tuple[int, Claim]],
        sides: tuple[str, ...],
        *,
        seeds: Sequence[tuple[int, str, int, float]] = (),
        options: ModelOptions | None = None,
    ) -> None:
        self.options = opt = options or ModelOptions()
        self.sides = tuple(sides)
        self.n = n_sites
        side_ix = {s: i for i, s in enumerate(self.sides)}
        # One row per (site, side, day, source): the strongest claim of that source.
        best: dict[tuple[int, int, int, str], tuple[float, Claim | None]] = {}
        for site, c in claims:
            w = c.strength * (opt.change_weight if c.change else 1.0)
            w *= 1.0 if c.exact else opt.inexact_weight
            key = (site, side_ix[c.side], c.day, c.source)
            if key not in best or w > best[key][0]:
                best[key] = (w, c)
        for site, side, day, strength in seeds:
            best[(site, side_ix[side], day, "\0baseline")] = (strength, None)
        rows = sorted(best.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1], kv[0][3]))
        self._site = np.array([k[0] for k, _ in rows], dtype=np.int64)
        self._side = np.array([k[1] for k, _ in rows], dtype=np.int64)
        self._day = np.array([k[2] for k, _ in rows], dtype=np.int64)
        self._w = np.array([w for _, (w, _) in rows], dtype=float)
        self._claim = [c for _, (_, c) in rows]
        #: Sites with reports of their own (not only a baseline seed).
        self.reported = np.zeros(self.n, dtype=bool)
        self.reported[[k[0] for k, (_, c) in rows if c is not None]] = True
        self.transitions = self._decide()
        flat = sorted((d, i, s) for i, ch in enumerate(self.transitions) for d, s in ch)
        self._t_day = np.array([t[0] for t in flat], dtype=np.int64)
        self._t_site = np.array([t[1] for t in flat], dtype=np.int64)
        self._t_state = np.array([t[2] for t in flat], dtype=object)

    # -- evidence ---------------------------------------------------------------------------

    def _scores(self, day: int, rows: np.ndarray | None = None) -> np.ndarray:
        """Evidence per (site, side) on ``day`` from the claims known by then."""
        score = np.zeros((self.n, max(len(self.sides), 1)))
        sel = self._day <= day if rows is None else rows & (self._day <= day)
        age = day - self._day[sel]
        np.add.at(
            score,
            (self._site[sel], self._side[sel]),
            self._w[sel] * 0.5 ** (age / self.options.half_life_days),
        )
        return score

    def _decide(self) -> list[list[tuple[int, str]]]:
        """Walk each site's claim days in order; return its (day, state) changes."""
        opt = self.options
        out: list[list[tuple[int, str]]] = [[] for _ in range(self.n)]
        order = np.lexsort((self._day, self._site))
        site, day, side, w = self._site[order], self._day[order], self._side[order], self._w[order]
        starts = np.flatnonzero(np.r_[True, site[1:] != site[:-1]]) if len(site) else []
        ends = [*list(starts[1:]), len(site)] if len(site) else []
        for a, b in zip(starts, ends, strict=True):
            state = ""
            for d in np.unique(day[a:b]):
                known = slice(a, a + int(np.searchsorted(day[a:b], d, side="right")))
                score = np.zeros(len(self.sides))
                age = (d - day[known]) / opt.half_life_days
                np.add.at(score, side[known], w[known] * 0.5**age)
                new = self._state(state, score)
                if new != state:
                    out[int(site[a])].append((int(d), new))
                    state = new
        return out

    def _state(self, state: str, score: np.ndarray) -> str:
        opt = self.options
        total = float(score.sum())
        if total <= 0:
            return state
        lead_ix = int(score.argmax())
        leader, top = self.sides[lead_ix], float(score[lead_ix])
        if state in ("", CONTESTED):
            return leader if top / total >= opt.lead else CONTESTED
        held = float(score[self.sides.index(state)])
        if leader == state:
            return state
        if top >= opt.min_change and top >= opt.switch_ratio * held:
            return leader
        if top >= opt.min_change and top * opt.switch_ratio >= held:
            return CONTESTED
        return state

    # -- queries ----------------------------------------------------------------------------

    def state_on(self, day: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return each site's state, confidence and evidence strength on a day.

        Parameters
        ----------
        day : int
            Day number.

        Returns
        -------
        (ndarray of str, ndarray of float, ndarray of float)
            State (a side, :data:`CONTESTED` or ``""``), confidence 0..1 (the state's
            share of the evidence, fading with its age) and the evidence behind the
            state (at least ``floor`` for a known state).
        """
        state = np.full(self.n, "", dtype=object)
        upto = int(np.searchsorted(self._t_day, day, side="right"))
        # The last change of each site up to the day (first in reversed order).
        sites = self._t_site[:upto][::-1]
        uniq, first = np.unique(sites, return_index=True)
        state[uniq] = self._t_state[:upto][::-1][first]
        score = self._scores(day)
        total = score.sum(axis=1)
        held = np.zeros(self.n)
        for k, code in enumerate(self.sides):
            held = np.where(state == code, score[:, k], held)
        held = np.where(state == CONTESTED, total, held)
        known = state != ""
        strength = np.where(known, np.maximum(held, self.options.floor), 0.0)
        share = np.divide(held, total, out=np.zeros(self.n), where=total > 0)
        confidence = np.where(
            (state != "") & (state != CONTESTED), share * (1.0 - 0.5 ** np.maximum(held, 0)), 0.0
        )
        return state, np.round(confidence, 3), strength

    def evidence(self, site: int, day: int) -> list[Claim]:
        """Return the claims about a site known on a day, newest first."""
        rows = np.flatnonzero((self._site == site) & (self._day <= day))
        return [c for c in (self._claim[r] for r in rows[::-1]) if c is not None]

    def change_days(self) -> list[int]:
        """Days on which some site's state changes, sorted."""
        return sorted({d for changes in self.transitions for d, _ in changes})
