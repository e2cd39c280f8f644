"""How well candidates fit a document's other places: :class:`Coherence`.

One job: the context bonus. Point-like candidates gain from nearby places and from lying
inside a named admin-1 unit, region or country; areal candidates gain from containing
the other places. Computed for one mention against given places
(:meth:`Coherence.coherence`) or for all of a document's mentions at once against each
other's leading candidates (:meth:`Coherence.joint_coherence`). :func:`context_gate`
says how much context may lift each candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from gazetteer import names as nm
from gazetteer.distance import great_circle_km
from gazetteer.index import KINDS, Index
from gazetteer.model import Place, PlaceKind
from gazetteer.options import Options
from gazetteer.places import PlaceRows

__all__ = ["COHERENCE_GROUP", "Anchor", "Coherence", "Features", "Joint", "context_gate"]

_A1 = KINDS.index(PlaceKind.ADMIN1)
_COUNTRY = KINDS.index(PlaceKind.COUNTRY)
_REGION = KINDS.index(PlaceKind.REGION)
_POINT_KINDS = [KINDS.index(k) for k in (PlaceKind.SETTLEMENT, PlaceKind.FEATURE, PlaceKind.ADMIN2)]
#: Whether a kind code is point-like (settlement, feature, admin-2 unit), by code.
_POINT_LIKE = np.isin(np.arange(256), _POINT_KINDS)
#: How another place of the document lends coherence, by its kind (see ``Coherence``).
COHERENCE_GROUP = {
    PlaceKind.SETTLEMENT: 0,
    PlaceKind.FEATURE: 0,
    PlaceKind.ADMIN2: 0,
    PlaceKind.ADMIN1: 1,
    PlaceKind.REGION: 2,
    PlaceKind.COUNTRY: 3,
}

#: What agreement needs of a place: group, admin-1 and country codes, latitude, longitude.
Features = tuple[int, int, int, float, float]
#: A place that lends coherence, with its weight (see :meth:`Coherence.context`).
Anchor = tuple[Features, float]


class Joint(NamedTuple):
    """The candidates of one document's mentions side by side (see ``resolve_all``)."""

    rows: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    names: np.ndarray  # per candidate: the id of its mention's normalised name
    owner: list[int]  # per mention: the id of its normalised name
    bounds: list[int]  # mention i's candidates are rows[bounds[i] : bounds[i + 1]]
    features: dict[int, Features | None]  # per row, lazily
    agree: dict[int, np.ndarray]  # per context row: its agreement with every candidate


def context_gate(base: np.ndarray, opts: Options) -> np.ndarray:
    """How much context may lift each candidate (1 = fully, 0 = not at all).

    Context (country focus, coherence) breaks ties among comparable candidates: a
    candidate whose own score trails the mention's best by more than
    ``opts.context_tie`` gains less, and nothing once it trails by
    ``context_tie + context_ramp`` (a hamlet never outranks the country of that name).

    Parameters
    ----------
    base : numpy.ndarray
        A mention's base scores.
    opts : Options
        The resolver's options.

    Returns
    -------
    numpy.ndarray
        One factor in 0..1 per candidate.
    """
    if len(base) == 0:
        return base
    gap = float(base.max()) - base - opts.context_tie
    return np.clip(1.0 - gap / max(opts.context_ramp, 1e-9), 0.0, 1.0)


class Coherence:
    """Agreement of candidates with a document's other places.

    Parameters
    ----------
    index : Index
        The loaded index.
    places : PlaceRows
        Makes places of rows and finds their admin-1 unit and country codes.
    opts : Options
        The resolver's options (``w_coherence``).
    """

    def __init__(self, index: Index, places: PlaceRows, opts: Options) -> None:
        self.index = index
        self.places = places
        self.opts = opts
        self._a1_code_cache: dict[str, int] = {}
        self._a1_lookup: dict[str, int] | None = None

    def clear(self) -> None:
        """Forget the remembered admin-1 codes of places."""
        self._a1_code_cache.clear()

    def coherence(
        self,
        rows: np.ndarray,
        lat: np.ndarray,
        lon: np.ndarray,
        others: Sequence[Place],
        weights: Sequence[float],
    ) -> np.ndarray:
        """Context bonus of candidates from the document's other places.

        Point-like candidates gain from nearby places and from lying inside a named
        admin-1 unit, region or country; areal candidates (admin-1 unit, country) gain
        from containing the other places. The bonus is ``w_coherence`` times the best
        agreement (0..1) with any other place, weighted by that place's confidence.

        Parameters
        ----------
        rows, lat, lon : numpy.ndarray
            The candidates' rows and points.
        others : sequence of Place
            The document's other places.
        weights : sequence of float
            Their confidence.

        Returns
        -------
        numpy.ndarray
            One bonus per candidate.
        """
        return self.context_coherence(rows, lat, lon, self.context(others, weights))

    def context(self, others: Sequence[Place], weights: Sequence[float]) -> list[Anchor]:
        """Return the places that lend coherence, as ``(features, weight)`` pairs."""
        return [
            (self.features(p), w)
            for p, w in zip(others, weights, strict=True)
            if w > 0 and p.kind in COHERENCE_GROUP
        ]

    def context_coherence(
        self, rows: np.ndarray, lat: np.ndarray, lon: np.ndarray, context: Sequence[Anchor]
    ) -> np.ndarray:
        """:meth:`coherence` with the other places given by :meth:`context`."""
        coh = np.zeros(len(rows))
        if not context:
            return coh
        agree = self.agreement(rows, lat, lon, [f for f, _ in context])
        weight = np.array([w for _, w in context])[:, None]
        coh = np.maximum(coh, (weight * agree).max(axis=0))
        return self.opts.w_coherence * coh

    def features(self, place: Place) -> Features:
        """Return what :meth:`agreement` needs of a place: group, unit and country, point."""
        cc = self.places.country_codes().get(place.country, -1) if place.country else -2
        return (
            COHERENCE_GROUP[place.kind],
            self._a1_code_of(place),
            cc,
            place.lat,
            place.lon,
        )

    def _a1_code_of(self, place: Place) -> int:
        """Index code of the admin-1 unit a place lies in (-2 when none), cached by id."""
        code = self._a1_code_cache.get(place.id)
        if code is None:
            key = self.places.admin1_key(place)
            code = self._a1_code_cache[place.id] = self._a1_code(key) if key else -2
        return code

    def _a1_code(self, key: str) -> int:
        """Index code of an admin-1 key (-2 when not indexed)."""
        lookup = self._a1_lookup
        if lookup is None:
            lookup = {k: i for i, k in enumerate(self.index.admin1_keys)}
            self._a1_lookup = lookup
        return lookup.get(key, -2)

    def agreement(
        self, rows: np.ndarray, lat: np.ndarray, lon: np.ndarray, context: Sequence[Features]
    ) -> np.ndarray:
        """Agreement (0..1) of each context place (rows) with each candidate (columns).

        ``context`` holds :meth:`features` tuples. How a place agrees depends on its
        group (settlement-like, admin-1 unit, region, country) and on the candidate's
        kind: distance, the same admin-1 unit, the same country.
        """
        ix = self.index
        a1 = ix.a1[rows][None, :]
        cc = ix.cc[rows][None, :]
        kind = ix.kind[rows]
        point_like = _POINT_LIKE[kind][None, :]
        is_a1 = (kind == _A1)[None, :]
        is_country = (kind == _COUNTRY)[None, :]
        is_region = (kind == _REGION)[None, :]
        group = np.array([f[0] for f in context])
        same_a1 = a1 == np.array([f[1] for f in context])[:, None]
        same_cc = cc == np.array([f[2] for f in context])[:, None]
        d = great_circle_km(
            np.array([f[3] for f in context])[:, None],
            np.array([f[4] for f in context])[:, None],
            lat[None, :],
            lon[None, :],
        )
        agree = np.zeros(d.shape)
        for g in np.unique(group).tolist():
            sel = group == g
            if g == 3:  # a country: its places
                agree[sel] = np.where(is_country, 0.0, 0.5 * same_cc[sel])
                continue
            dg = d[sel]
            if g == 0:  # a settlement or feature: nearby places and the units around it
                by = np.where(point_like, np.exp(-dg / 100.0), 0.0)
                by = np.where(is_a1, 0.5 * same_a1[sel], by)
                by = np.where(is_region, np.exp(-dg / 300.0), by)
            elif g == 1:  # an admin-1 unit: its places, neighbouring units
                by = np.where(point_like, np.maximum(same_a1[sel], 0.5 * np.exp(-dg / 300.0)), 0.0)
                by = np.where(is_a1, 0.5 * same_cc[sel] * np.exp(-dg / 800.0), by)
            else:  # a region
                by = np.where(point_like | is_a1, 0.7 * np.exp(-dg / 300.0), 0.0)
            agree[sel] = np.where(is_country, 0.7 * same_cc[sel], by)
        return agree

    def joint_candidates(self, names: Sequence[str], pools: Sequence[np.ndarray]) -> Joint:
        """Every mention's candidates side by side, for one coherence pass per round.

        Parameters
        ----------
        names : sequence of str
            The document's mentions.
        pools : sequence of numpy.ndarray
            Each mention's candidate rows.

        Returns
        -------
        Joint
            The candidates, with empty memos of features and agreement.
        """
        ids: dict[str, int] = {}
        owner = [ids.setdefault(nm.normalise(x), len(ids)) for x in names]
        sizes = [len(rows) for rows in pools]
        rows = np.concatenate(pools) if pools else np.zeros(0, dtype=np.int64)
        return Joint(
            rows,
            self.index.lat[rows],
            self.index.lon[rows],
            np.repeat(np.array(owner, dtype=np.int64), sizes),
            owner,
            np.cumsum([0, *sizes]).tolist(),
            {},
            {},
        )

    def joint_coherence(
        self, joint: Joint, current: Sequence[tuple[int, int, float]]
    ) -> list[np.ndarray]:
        """Coherence of every mention's candidates with the other mentions' leading ones.

        ``current`` holds ``(mention, row, weight)``. Equals :meth:`coherence` per
        mention, with the candidates of the mention itself and of every mention of the
        same (normalised) name left out of its context.

        Parameters
        ----------
        joint : Joint
            The document's candidates (see :meth:`joint_candidates`); its memos fill up.
        current : sequence of tuple of (int, int, float)
            The leading candidates of this round, with their weights.

        Returns
        -------
        list of numpy.ndarray
            One bonus array per mention.
        """
        context, weights, owners = [], [], []
        for i, row, weight in current:
            if row not in joint.features:
                p = self.places.place(row)
                joint.features[row] = self.features(p) if p.kind in COHERENCE_GROUP else None
            if joint.features[row] is not None and weight > 0:
                context.append(row)
                weights.append(weight)
                owners.append(joint.owner[i])
        coh = np.zeros(len(joint.rows))
        if context:
            # a place's agreement with the candidates is the same in every round
            todo = [r for r in dict.fromkeys(context) if r not in joint.agree]
            if todo:
                feats = [f for r in todo if (f := joint.features[r]) is not None]
                new = self.agreement(joint.rows, joint.lat, joint.lon, feats)
                joint.agree.update(zip(todo, new, strict=True))
            agree = np.array([joint.agree[r] for r in context])
            weighted = np.array(weights)[:, None] * agree
            weighted[np.array(owners)[:, None] == joint.names[None, :]] = 0.0
            coh = self.opts.w_coherence * np.maximum(coh, weighted.max(axis=0))
        b = joint.bounds
        return [coh[b[i] : b[i + 1]] for i in range(len(b) - 1)]
