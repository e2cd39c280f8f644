"""Countries by code, name or demonym, and the parts of a country demonyms name.

One job: say which country (or which part of it) a word means: ``"UA"``, ``"Ukraine"``,
``"Russian"`` (Russia), ``"English"`` (England, not the United Kingdom); and put the
place a demonym names first among a mention's candidates (:meth:`Countries.with_demonym`).
"""

from __future__ import annotations

import numpy as np

from gazetteer import names as nm
from gazetteer.candidates import CandidateFinder
from gazetteer.index import KINDS, Index
from gazetteer.model import Place, PlaceKind
from gazetteer.options import Options
from gazetteer.places import PlaceRows

__all__ = ["Countries"]

_A1 = KINDS.index(PlaceKind.ADMIN1)
_REGION = KINDS.index(PlaceKind.REGION)


class Countries:
    """Country look-ups and demonyms over an index.

    Parameters
    ----------
    index : Index
        The loaded index (its ``demonyms`` table).
    places : PlaceRows
        Makes places of rows and finds country codes.
    finder : CandidateFinder
        The matching stages (country names, inhabitant forms of demonyms).
    opts : Options
        The resolver's options (score weights of a demonym's place).
    """

    def __init__(
        self, index: Index, places: PlaceRows, finder: CandidateFinder, opts: Options
    ) -> None:
        self.index = index
        self.places = places
        self.finder = finder
        self.opts = opts
        self._demonym_units: dict[str, int] = {}

    def clear(self) -> None:
        """Forget the remembered parts named by demonyms."""
        self._demonym_units.clear()

    def country(self, code_or_name: str) -> Place | None:
        """Return the country with this ISO code (alpha-2 or alpha-3) or name, or ``None``."""
        text = code_or_name.strip()
        if len(text) == 2 and text.isalpha():
            try:
                return self.places.get(f"country:{text.upper()}")
            except KeyError:
                return None
        ix = self.index
        code = PlaceKind.COUNTRY
        for c in sorted(self.finder.stages(text), key=lambda c: c.stage):
            if c.stage <= 2 and ix.kind_of(c.row) is code:
                return self.places.place(c.row)
        return None

    def code(self, text: str) -> str | None:
        """Return the ISO alpha-2 code of a country's code, name or demonym, or ``None``."""
        code = self.of_demonym(text)
        if code:
            return code
        place = self.country(text)
        return place.country if place else None

    def of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 code of the country a demonym names (``"Russian"`` gives ``"RU"``)."""
        demonyms: dict[str, str] = self.index.meta.get("demonyms", {})
        key = word.strip().casefold()
        hit = demonyms.get(key)
        if hit is None:
            hit = demonyms.get(nm.normalise(word))
        return hit

    def place_of_demonym(self, word: str) -> Place | None:
        """Return the place a demonym names: its country, or the part the word points to."""
        row = self.demonym_row(word)
        return None if row is None else self.places.place(row)

    def demonym_row(self, word: str) -> int | None:
        """Return the row a demonym names (see :meth:`place_of_demonym`), or ``None``."""
        code = self.of_demonym(word)
        if not code:
            return None
        try:
            row = self.index.row_of(f"country:{code}")
        except KeyError:
            return None
        return self._demonym_unit(word, code, row)

    def _demonym_unit(self, name: str, code: str, country_row: int) -> int:
        """Return the row of the part of a country its demonym names, else the country's row.

        "English" and "Scottish" are demonyms of the United Kingdom, but name England and
        Scotland, the units their inhabitant form points to; "Mexican" points to the
        country itself (and to its namesake state), so it stays the country.
        """
        hit = self._demonym_units.get(name)
        if hit is None:
            rows = [c.row for c in self.finder.inhabitants(name)]
            cc = self.places.cc_code(code)
            units = [
                r
                for r in rows
                if int(self.index.kind[r]) in (_A1, _REGION) and int(self.index.cc[r]) == cc
            ]
            hit = units[0] if len(units) == 1 and country_row not in rows else -1
            self._demonym_units[name] = hit
        return country_row if hit < 0 else hit

    def with_demonym(
        self, name: str, rows: np.ndarray, base: np.ndarray, match: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Put the country a demonym names ("Russian": Russia) first among the candidates.

        Parameters
        ----------
        name : str
            The mention as written.
        rows, base, match : numpy.ndarray
            A candidate pool: rows, base scores and match qualities.

        Returns
        -------
        tuple of numpy.ndarray
            The pool, unchanged when ``name`` is no demonym.
        """
        row = self.demonym_row(name)
        if row is None:
            return rows, base, match
        opts = self.opts
        wsum = opts.w_match + opts.w_prominence
        prom = float(self.index.prom[row])
        score = (opts.w_match * 0.97 + opts.w_prominence * prom) / wsum
        keep = rows != row
        if keep.any():
            # a country's demonym names that country: places it merely resembles ("Chin"
            # for "Chinese") stay out of the context's reach
            score = max(score, float(base[keep].max()) + opts.context_tie + opts.context_ramp)
        return (
            np.concatenate([[row], rows[keep]]).astype(np.int64),
            np.concatenate([[score], base[keep]]),
            np.concatenate([[0.97], match[keep]]),
        )
