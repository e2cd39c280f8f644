"""The ground withdrawals give up, applied to the sides a day shows.

A withdrawal across a river (:func:`geo.control_banks.bank_moves`) gives up the leaving
side's ground on the bank it left: the ground it held on the move's day (and the earlier
moves made), and the ground it holds on that bank on a later day that reaches the
region. A completed withdrawal from a whole region gives up all of the region. A place
the leaving side is reported to hold after the move stays its own.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.control_areas import Sites
from geo.control_banks import BankMove, bank_sites, leave_bank

__all__ = ["Withdrawals"]


class Withdrawals:
    """The withdrawals of a corpus, applied day by day (each move's answers kept).

    Parameters
    ----------
    banks : tuple of (BankMove, geometry, geometry or None)
        Each move, the region it leaves and its river's line (``None`` for a whole region).
    sites : Sites
    sides : tuple of str
        The belligerents' codes.
    last_reports : callable
        Day number -> each site's newest report per side, and its last change
        (:meth:`geo.control_model.PlaceModel.last_reports`).
    shown_on : callable
        Day number -> the sides shown on that day before any withdrawal is applied.
    """

    def __init__(
        self,
        banks: tuple[tuple[BankMove, BaseGeometry, BaseGeometry | None], ...],
        sites: Sites,
        sides: tuple[str, ...],
        last_reports: Callable[[int], tuple[np.ndarray, np.ndarray]],
        shown_on: Callable[[int], np.ndarray],
    ) -> None:
        self.banks, self.sites, self.sides = banks, sites, sides
        self._last_reports, self._shown_on = last_reports, shown_on
        self._left: dict[int, np.ndarray] = {}
        self._on_bank: dict[int, np.ndarray] = {}
        self._today: dict[int, tuple[bytes, np.ndarray]] = {}

    def apply(self, day: int, shown: np.ndarray) -> np.ndarray:
        """Give the other side the ground that the withdrawals made by ``day`` left.

        Parameters
        ----------
        day : int
            Day number.
        shown : ndarray of str
            Each site's side before the withdrawals.

        Returns
        -------
        ndarray of str
            A copy, or ``shown`` itself when no move was made by then.
        """
        if not any(m.day <= day for m, _, _ in self.banks):
            return shown
        newest, _ = self._last_reports(day)
        shown = shown.copy()
        for k, (move, _, line) in enumerate(self.banks):
            if move.day > day:
                continue
            other = next(s for s in self.sides if s != move.side)
            # A report after the move that the leaving side still holds a place stands.
            kept = newest[:, self.sides.index(move.side)] > move.day
            gone = self._left_by(k)
            if line is not None:
                # and the leaving side's ground on the bank today that reaches the region
                gone = gone | self._left_today(k, shown, kept)
            shown[gone & (shown == move.side) & ~kept] = other
        return shown

    def _left_today(self, k: int, shown: np.ndarray, kept: np.ndarray) -> np.ndarray:
        """Return the leaving side's ground on the ``k``-th move's bank that reaches its region.

        Successive days with the same ground on the bank share the answer.
        """
        move, region, line = self.banks[k]
        on_bank = self._bank_sites(k)
        held = on_bank & (shown == move.side)
        key = np.packbits(held).tobytes() + np.packbits(held & kept).tobytes()
        last = self._today.get(k)
        if last is None or last[0] != key:
            gone = leave_bank(
                move,
                self.sites.lonlat,
                self.sites.edges,
                shown,
                kept,
                region,
                line,
                on_bank=on_bank,
            )
            self._today[k] = last = (key, gone)
        return last[1]

    def _bank_sites(self, k: int) -> np.ndarray:
        """Return the sites on the ``k``-th move's bank within reach of its river."""
        if k not in self._on_bank:
            move, _, line = self.banks[k]
            self._on_bank[k] = bank_sites(self.sites.lonlat, line, move.bank)
        return self._on_bank[k]

    def _left_by(self, k: int) -> np.ndarray:
        """Return the sites the ``k``-th withdrawal gave up, as they were on its day.

        A whole region gives up all its sites. A bank gives up the leaving side's ground
        on the move's day (the earlier moves made): the ground the other side takes after
        it, by the same offensive, does not part what the move gave up on later days.
        """
        if k not in self._left:
            move, region, line = self.banks[k]
            if line is None:
                self._left[k] = shapely.contains_xy(region, *self.sites.lonlat.T)
                return self._left[k]
            shown = self._shown_on(move.day)
            for j, (earlier, _, _) in enumerate(self.banks):
                if (earlier.day, j) < (move.day, k):
                    other = next(s for s in self.sides if s != earlier.side)
                    shown[self._left_by(j) & (shown == earlier.side)] = other
            self._left[k] = leave_bank(
                move,
                self.sites.lonlat,
                self.sites.edges,
                shown,
                np.zeros(len(shown), dtype=bool),
                region,
                line,
                on_bank=self._bank_sites(k),
            )
        return self._left[k]
