"""A mention's own scores, before context: :class:`Scorer`.

One job: score each candidate of a name from its match quality, prominence, cue words
and allowed kinds (the "base" score), keep the best as the mention's pool (remembered
across documents), and finish a ranked pool as a :class:`~gazetteer.model.Place` with
its alternatives, or an abstention.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from gazetteer import names as nm
from gazetteer.candidates import Candidate, CandidateFinder
from gazetteer.distance import great_circle_km
from gazetteer.index import KINDS, Index
from gazetteer.model import Place, PlaceKind
from gazetteer.options import Options
from gazetteer.places import PlaceRows

__all__ = ["NATURAL_CODES", "Pool", "Scorer", "cue_words"]

#: A mention's candidates: rows, base scores and match qualities, best first.
Pool = tuple[np.ndarray, np.ndarray, np.ndarray]

#: Match quality of each stage (loose stages are scaled by their similarity).
_STAGE_MATCH = (1.0, 0.95, 0.88, 0.62, 0.45)
_SMALL_CUES = frozenset({"village", "hamlet", "settlement", "selo", "khutir", "township"})
_TOWN_CUES = frozenset({"town", "city", "capital", "port", "suburb", "urban"})
_ADMIN_CUES = frozenset(
    {"region", "oblast", "province", "state", "governorate", "krai", "district", "raion",
     "county", "parish", "regions", "oblasts", "provinces", "republic", "territory"}
)  # fmt: skip
_FEATURE_CUES = frozenset(
    {"river", "lake", "island", "mountain", "mount", "airport", "plant", "bay", "sea", "dam",
     "base", "airfield", "bridge", "forest", "reservoir", "canal", "peninsula"}
)  # fmt: skip
#: Cues naming a natural feature: a town or a country of the name contradicts them.
_NATURAL_CUES = frozenset(
    {"river", "rivers", "sea", "lake", "reservoir", "bay", "strait", "gulf", "estuary", "island",
     "islands", "spit", "peninsula", "lagoon"}
)  # fmt: skip
#: Feature codes of the natural features (``features.yaml`` types).
NATURAL_CODES = frozenset({"sea", "strait", "bay", "lake", "river", "island", "spit", "peninsula"})
#: Bonus of a natural feature after "the" ("across the Dnipro": the river, not the city).
_ARTICLE_BONUS = 0.3
_COUNTRY = KINDS.index(PlaceKind.COUNTRY)
#: Smallest share of a unit's population a same-name settlement needs to be its seat.
_SEAT_SHARE = 0.02


def cue_words(cues: Iterable[str] | None) -> frozenset[str]:
    """Return the normalised words of a mention's cues (``"Village"`` gives ``village``).

    Parameters
    ----------
    cues : iterable of str, optional
        Words or phrases around the mention.

    Returns
    -------
    frozenset of str
        Their normalised words.
    """
    words: set[str] = set()
    for cue in cues or ():
        words.update(nm.normalise(str(cue)).split())
    return frozenset(words)


class Scorer:
    """Base scores, candidate pools and finished places of single mentions.

    Parameters
    ----------
    index : Index
        The loaded index.
    places : PlaceRows
        Makes places of rows.
    finder : CandidateFinder
        The matching stages.
    opts : Options
        The resolver's options (weights, pool and cache sizes, threshold).
    """

    def __init__(
        self, index: Index, places: PlaceRows, finder: CandidateFinder, opts: Options
    ) -> None:
        self.index = index
        self.places = places
        self.finder = finder
        self.opts = opts
        self._cand_cache: dict[str, list[Candidate]] = {}
        self._pool_memo: tuple[tuple[Any, ...], dict[Any, Pool]] | None = None
        self._capital_mask: np.ndarray | None = None
        self._natural_mask: np.ndarray | None = None

    def clear(self) -> None:
        """Forget the remembered candidates and pools."""
        self._cand_cache.clear()
        self._pool_memo = None

    def base_scores(
        self,
        name: str,
        cands: list[Candidate],
        cue_words: frozenset[str],
        kinds: frozenset[PlaceKind] | None,
    ) -> Pool:
        """Score candidates without context.

        Parameters
        ----------
        name : str
            The mention as written.
        cands : list of Candidate
            Its candidates.
        cue_words : frozenset of str
            Its normalised cue words (see :func:`cue_words`).
        kinds : frozenset of PlaceKind, optional
            Allowed kinds; others score -1.

        Returns
        -------
        tuple of numpy.ndarray
            Rows, base scores and match qualities, in the order of ``cands``.
        """
        opts = self.opts
        ix = self.index
        rows = np.array([c.row for c in cands], dtype=np.int64)
        match = np.array(
            [_STAGE_MATCH[c.stage] * (1.0 if c.stage < 3 else (0.6 + 0.4 * c.sim)) for c in cands]
        )
        prom = np.asarray(ix.prom)[rows].astype(np.float64)
        kind = np.asarray(ix.kind)[rows]
        pop = np.asarray(ix.pop)[rows]
        wsum = opts.w_match + opts.w_prominence
        base = (opts.w_match * match + opts.w_prominence * prom) / wsum
        qnorm = nm.normalise(name)
        main = np.array(
            [c.stage <= 1 and nm.normalise(ix.name(c.row)) == qnorm for c in cands], dtype=bool
        )
        base += np.where(main, opts.w_main_name, 0.0)
        if len(name) <= 3 and name.isupper():
            # "EU", "UK": an acronym, not a place called "Eu" that it happens to spell
            base -= np.where(main, opts.seat_penalty, 0.0)
        settlement = kind == KINDS.index(PlaceKind.SETTLEMENT)
        areal = np.isin(
            kind, [KINDS.index(k) for k in (PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION)]
        )
        # units share one prominence; among equals the more populous one wins ("Ill.":
        # Illinois, not Illizi)
        base += np.where(areal, opts.w_unit_population * np.log10(pop + 1.0) / 9.0, 0.0)
        if cue_words & _SMALL_CUES:
            base += np.where(settlement & (pop < 50000), 0.08, 0.0)
            base -= np.where(~settlement, 0.2, 0.0)
        if cue_words & _TOWN_CUES:
            base += np.where(settlement, 0.05, -0.1)
        stage = np.array([c.stage for c in cands])
        a1 = np.asarray(ix.a1)[rows]
        cc = np.asarray(ix.cc)[rows]
        lat, lon = np.asarray(ix.lat)[rows], np.asarray(ix.lon)[rows]
        if cue_words & _ADMIN_CUES:
            base += np.where(areal, 0.25, 0.0)
        else:
            # a unit named like a settlement inside it (Kharkiv oblast, Kharkiv): the bare
            # name means the settlement
            # (Kharkiv oblast, Kharkiv); so does a unit named like its country's capital
            # (Washington state, Washington)
            # (a hamlet named after its state, "Montana City", is no seat of "Montana")
            seat = np.zeros(len(rows), dtype=bool)
            capital = self._capitals(rows)
            for i in np.flatnonzero(areal):
                close = great_circle_km(lat[i], lon[i], lat, lon) < 150.0
                near = (a1 == a1[i]) | close | (capital & (cc == cc[i]))
                sizeable = pop >= _SEAT_SHARE * pop[i]
                seat[i] = bool(np.any(settlement & near & sizeable & (stage <= stage[i])))
            base -= np.where(seat, opts.seat_penalty, 0.0)
            if "county" in cue_words or "parish" in cue_words:
                base += np.where(kind == KINDS.index(PlaceKind.ADMIN2), 0.1, 0.0)
        # a country's bare name means the country, not its places of that name ("Mexico":
        # not Mexico City or the State of Mexico)
        is_country = kind == _COUNTRY
        if is_country.any():
            own = np.zeros(len(rows), dtype=bool)
            for i in np.flatnonzero(is_country):
                own |= (cc == cc[i]) & ~is_country & (stage >= stage[i])
            base -= np.where(own, opts.seat_penalty, 0.0)
        if cue_words & _FEATURE_CUES:
            base += np.where(kind == KINDS.index(PlaceKind.FEATURE), 0.2, 0.0)
        if cue_words & _NATURAL_CUES or "the" in cue_words:
            # "across the Dnipro", "the Dnipro River": the river; a town or country of
            # that name contradicts a river noun
            natural = self._natural(rows)
            base += np.where(natural, _ARTICLE_BONUS, 0.0)
            if cue_words & _NATURAL_CUES or natural.any():
                # a river noun contradicts a town; after "the", a river of the name wins
                base -= np.where(natural, 0.0, _ARTICLE_BONUS)
        if kinds is not None:
            allowed = np.isin(kind, [KINDS.index(k) for k in kinds])
            base = np.where(allowed, base, -1.0)
        base = np.where(kind == KINDS.index(PlaceKind.BORDER), -1.0, base)
        return rows, base, match

    def _capitals(self, rows: np.ndarray) -> np.ndarray:
        """Which of ``rows`` are national capitals."""
        if self._capital_mask is None:
            codes: dict[int, str] = self.index.meta.get("feature_codes", {})
            mask = np.zeros(self.index.n, dtype=bool)
            mask[[r for r, code in codes.items() if code == "PPLC"]] = True
            self._capital_mask = mask
        return self._capital_mask[rows]

    def _natural(self, rows: np.ndarray) -> np.ndarray:
        """Which of ``rows`` are natural features (seas, rivers, lakes, islands)."""
        if self._natural_mask is None:
            codes: dict[int, str] = self.index.meta.get("feature_codes", {})
            mask = np.zeros(self.index.n, dtype=bool)
            mask[[r for r, code in codes.items() if code in NATURAL_CODES]] = True
            self._natural_mask = mask
        return self._natural_mask[rows]

    def pool(
        self, name: str, cue_words: frozenset[str], kinds: frozenset[PlaceKind] | None
    ) -> Pool:
        """Return the best candidates of a mention by base score (``candidate_pool`` at most).

        A name's candidates are remembered (bounded by ``cache_size``); a name with no
        exact or normalised match also gets the places its inhabitant form points to.
        """
        cands = self._cand_cache.get(name)
        if cands is None:
            cands = self.finder.stages(name)
            if not any(c.stage <= 1 for c in cands):
                cands = self.finder.inhabitants(name) + cands
            if len(self._cand_cache) >= self.opts.cache_size:
                self._cand_cache.clear()
            self._cand_cache[name] = cands
        if not cands:
            z = np.zeros(0)
            return z.astype(np.int64), z, z
        rows, base, match = self.base_scores(name, cands, cue_words, kinds)
        keep = np.argsort(-base, kind="stable")[: self.opts.candidate_pool]
        return rows[keep], base[keep], match[keep]

    def memo_pool(
        self, name: str, cue_words: frozenset[str], kinds: frozenset[PlaceKind] | None
    ) -> Pool:
        """:meth:`pool`, remembered: the same names come back in document after document.

        The arrays are shared between calls and read-only. The memo is bounded and is
        emptied when any resolver option changes.
        """
        opts = self.opts
        stamp = tuple(vars(opts).values())
        memo = self._pool_memo
        if memo is None or memo[0] != stamp:
            memo = self._pool_memo = (stamp, {})
        key = (name, cue_words, kinds)
        hit = memo[1].get(key)
        if hit is None:
            if len(memo[1]) >= 8 * opts.cache_size:
                memo[1].clear()
            hit = self.pool(name, cue_words, kinds)
            for array in hit:
                array.flags.writeable = False
            memo[1][key] = hit
        return hit

    def finish(self, rows: np.ndarray, total: np.ndarray, *, n_alt: int = 4) -> Place | None:
        """Return the best candidate as a place with its next-best as alternatives.

        Parameters
        ----------
        rows : numpy.ndarray
            Candidate rows.
        total : numpy.ndarray
            Their final scores.
        n_alt : int
            Maximum number of alternatives (those scoring above 0).

        Returns
        -------
        Place or None
            ``None`` (abstain) when there is no candidate or the best scores below
            ``abstain_below``.
        """
        if len(rows) == 0:
            return None
        order = np.argsort(-total, kind="stable")
        best = int(order[0])
        score = float(np.clip(total[best], 0.0, 1.0))
        if score < self.opts.abstain_below:
            return None
        place = self.places.place
        alts = tuple(
            place(int(rows[i]), score=float(np.clip(total[i], 0.0, 1.0)))
            for i in order[1 : 1 + n_alt]
            if total[i] > 0
        )
        return place(int(rows[best]), score=score, alternatives=alts)
