"""Ranking with context: :class:`ContextRanker`.

One job: combine a mention's own scores (:mod:`gazetteer.scoring`) with its context:
the document's country focus, coherence with its other places (:mod:`gazetteer.coherence`),
a nearby point, border cues. One mention at a time (:meth:`ContextRanker.rank`,
:meth:`ContextRanker.resolve`) or a document's mentions jointly, in rounds in which the
mentions agree (:meth:`ContextRanker.resolve_all`); below a threshold the resolver
abstains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from gazetteer import names as nm
from gazetteer.borders import BORDER_CUES, Borders
from gazetteer.coherence import Anchor, Coherence, context_gate
from gazetteer.countries import Countries
from gazetteer.distance import great_circle_km
from gazetteer.exc import InputError
from gazetteer.index import KINDS, Index
from gazetteer.model import Place, PlaceKind
from gazetteer.options import Options
from gazetteer.places import PlaceRows
from gazetteer.scoring import Scorer, cue_words

__all__ = ["FEATURE_WORDS", "ContextRanker", "main_locality"]

#: Match qualities below this come from the skeleton or edit-distance stages.
_LOOSE_MATCH = 0.7
#: Generic words of facility and feature names ("X Street", "Y International Airport").
FEATURE_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "lane", "drive", "way",
     "square", "hospital", "airport", "international", "university", "college", "school",
     "high", "middle", "elementary", "church", "cathedral", "park", "river", "lake", "center",
     "centre", "station", "bridge", "hall", "gardens", "garden", "mall", "club", "golf",
     "national", "the", "of", "and", "de", "la", "le", "saint", "institute", "stadium",
     "arena", "theatre", "theater", "museum", "library", "prison", "base", "camp", "port",
     "harbor", "harbour", "plaza", "market", "tower", "building", "house", "palace", "castle",
     "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "upper", "lower", "old", "new", "great", "little", "city", "town", "county", "state",
     "region", "district", "province", "valley", "mountain", "mountains", "island", "islands",
     "beach", "bay", "coast", "forest", "creek", "canal", "hill", "hills", "field", "fields",
     "heights", "village", "township", "metro", "railroad", "railway", "company", "office"}
)  # fmt: skip
_COUNTRY = KINDS.index(PlaceKind.COUNTRY)


def _parts(name: str) -> list[str]:
    """Shorter word windows of a multi-word name, longest first, generic-only ones left out."""
    words = [w for w in re.split(r"[\s\-/]+", name.strip()) if w]
    out = []
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            specific = [w for w in window if nm.normalise(w) not in FEATURE_WORDS]
            if not specific or len("".join(specific)) < 3:
                continue
            out.append(" ".join(window))
    return out


def main_locality(places: Sequence[Place]) -> Place | None:
    """Return a document's main locality: its most named settlement, else admin-1 unit.

    Parameters
    ----------
    places : sequence of Place
        The document's resolved places, one per mention.

    Returns
    -------
    Place or None
        ``None`` when no settlement, second-level unit, admin-1 unit or region is
        among them.
    """
    for kinds in (
        (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2),
        (PlaceKind.ADMIN1, PlaceKind.REGION),
    ):
        pool = [p for p in places if p.kind in kinds]
        if pool:
            counts = Counter(p.id for p in pool)
            best = max(pool, key=lambda p: (counts[p.id], p.score, p.population, p.id))
            return best
    return None


class ContextRanker:
    """Mentions ranked and resolved with their context.

    Parameters
    ----------
    index : Index
        The loaded index.
    places : PlaceRows
        Makes places of rows and finds country codes.
    scorer : Scorer
        A mention's own scores and pools.
    coherence : Coherence
        Agreement with the document's other places.
    countries : Countries
        Country codes of names and demonyms, the places demonyms name.
    borders : Borders
        Border lines and border phrases.
    opts : Options
        The resolver's options.
    """

    def __init__(
        self,
        index: Index,
        places: PlaceRows,
        scorer: Scorer,
        coherence: Coherence,
        countries: Countries,
        borders: Borders,
        opts: Options,
    ) -> None:
        self.index = index
        self.places = places
        self.scorer = scorer
        self.coherence = coherence
        self.countries = countries
        self.borders = borders
        self.opts = opts

    # ----------------------------------------------------------------- one mention

    def resolve(
        self,
        name: str,
        *,
        cues: Iterable[str] = (),
        kinds: Iterable[PlaceKind] | None = None,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[Place | str] | None = None,
    ) -> Place | None:
        """Resolve one mention to its best place, or ``None`` (abstain).

        See :meth:`gazetteer.resolver.Gazetteer.resolve` for the parameters.
        """
        ranked = self.rank(
            name, cues=cues, kinds=kinds, country=country, near=near, context=context, limit=5
        )
        if not ranked or ranked[0].score < self.opts.abstain_below:
            return None
        best = ranked[0]
        if best.kind is PlaceKind.BORDER and not best.alternatives:
            return best
        return replace(best, alternatives=tuple(ranked[1:]))

    def rank(
        self,
        name: str,
        *,
        cues: Iterable[str] = (),
        kinds: Iterable[PlaceKind] | None = None,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[Place | str] | None = None,
        countries: Iterable[str] | None = None,
        limit: int = 10,
    ) -> list[Place]:
        """Candidates of one mention ranked with context, best first, without abstaining.

        See :meth:`gazetteer.resolver.Gazetteer.rank` for the parameters.
        """
        if not isinstance(name, str):
            raise InputError(f"place name must be a string, not {type(name).__name__}")
        opts = self.opts
        ctx_places = [p if isinstance(p, Place) else self.resolve(str(p)) for p in (context or ())]
        ctx_places = [p for p in ctx_places if p is not None]
        focus = country.upper() if country else None
        mentioned = [p.country for p in ctx_places if p.kind is PlaceKind.COUNTRY]
        words = cue_words(cues)
        is_border, other = self.borders.phrase(name)
        border = None
        if is_border:
            border = self.borders.for_phrase(other, focus, mentioned)
        elif words & BORDER_CUES and focus:
            code = self.countries.code(name)
            if code and code != focus:
                border = self.borders.border(focus, code)
        if is_border or border is not None:
            return [replace(border, score=0.9)] if border is not None else []
        kind_set = frozenset(kinds) if kinds is not None else None
        rows, base, match = self.scorer.memo_pool(name, words, kind_set)
        rows, base, _ = self.countries.with_demonym(name, rows, base, match)
        if countries is not None:
            wanted = [self.places.cc_code(c.upper()) for c in countries]
            keep = np.isin(np.asarray(self.index.cc)[rows], wanted)
            rows, base = rows[keep], base[keep]
        if len(rows) == 0:
            return []
        total = base.copy()
        gate = context_gate(base, opts)
        ix = self.index
        lat = np.asarray(ix.lat)[rows]
        lon = np.asarray(ix.lon)[rows]
        if focus:
            in_focus = np.asarray(ix.cc)[rows] == self.places.cc_code(focus)
            total += np.where(in_focus, opts.w_focus, 0.0)
        if near is not None:
            # Asked for places near a point, a namesake 10 km off outweighs a better-known
            # one 500 km away, even one placed only at its hromada's centre.
            d = great_circle_km(near[0], near[1], lat, lon)
            total += 0.3 * np.exp(-d / 100.0)
        if ctx_places:
            coh = self.coherence.coherence(rows, lat, lon, ctx_places, [1.0] * len(ctx_places))
            total += gate * coh
        order = np.argsort(-total, kind="stable")[:limit]
        place = self.places.place
        return [place(int(rows[i]), score=float(np.clip(total[i], 0.0, 1.0))) for i in order]

    # ----------------------------------------------------------------- a document

    def resolve_all(
        self,
        names: Sequence[str],
        *,
        cues: Sequence[Iterable[str]] | None = None,
        country: str | None = None,
        kinds: Sequence[Iterable[PlaceKind] | None] | None = None,
        backoff: bool = False,
    ) -> list[Place | None]:
        """Resolve one document's mentions jointly.

        See :meth:`gazetteer.resolver.Gazetteer.resolve_all` for the parameters. Steps:
        each mention's pool (border phrases aside), the country focus the pools vote
        for, rounds of joint coherence, the best of each pool (a loose match that fits
        nowhere is dropped), then parts of unresolved multi-word names, the backoff, and
        border phrases and border cues.
        """
        names = list(names)
        n = len(names)
        if cues is not None and len(cues) != n:
            raise InputError(f"cues has {len(cues)} entries for {n} names")
        if kinds is not None and len(kinds) != n:
            raise InputError(f"kinds has {len(kinds)} entries for {n} names")
        cue_sets = [cue_words(cues[i]) if cues is not None else frozenset() for i in range(n)]
        kind_sets = [
            frozenset(kinds[i]) if kinds is not None and kinds[i] is not None else None
            for i in range(n)
        ]
        focus_given = country.upper() if country else None
        border_idx: dict[int, str | None] = {}
        pools: list[tuple[np.ndarray, np.ndarray]] = []
        matches: list[np.ndarray] = []
        for i, name in enumerate(names):
            is_border, other = self.borders.phrase(name)
            if is_border:
                border_idx[i] = other
                pools.append((np.zeros(0, dtype=np.int64), np.zeros(0)))
                matches.append(np.zeros(0))
                continue
            rows, base, match = self.scorer.memo_pool(name, cue_sets[i], kind_sets[i])
            rows, base, match = self.countries.with_demonym(name, rows, base, match)
            pools.append((rows, base))
            matches.append(match)
        share = self._focus_share(names, pools, focus_given)
        totals, cohs = self._rounds(names, pools, share)
        results, mentioned = self._best_of_pools(pools, matches, totals, cohs, share)
        ix = self.index
        focus = focus_given or (
            ix.countries[max(share, key=lambda c: (share[c], -c))] if share else None
        )
        resolved = [p for p in results if p is not None]
        anchors = self.coherence.context(resolved, [1.0] * len(resolved))
        for i in range(n):
            if results[i] is None and i not in border_idx:
                results[i] = self._resolve_part(
                    names[i], anchors, share, cue_sets[i], anchored=bool(resolved)
                )
        if backoff:
            anchor = main_locality([p for p in results if p is not None])
            for i in range(n):
                if results[i] is None and i not in border_idx and anchor is not None:
                    results[i] = replace(
                        anchor,
                        score=round(self.opts.backoff_score * anchor.score, 4),
                        alternatives=(),
                    )
        for i, other in border_idx.items():
            results[i] = self.borders.for_phrase(other, focus, mentioned)
        for i in range(n):
            if i in border_idx or not (cue_sets[i] & BORDER_CUES) or not focus:
                continue
            p = results[i]
            if p is not None and p.kind is PlaceKind.COUNTRY and p.country != focus:
                results[i] = self.borders.border(focus, p.country) or p
        return results

    def _focus_share(
        self,
        names: Sequence[str],
        pools: Sequence[tuple[np.ndarray, np.ndarray]],
        focus_given: str | None,
    ) -> dict[int, float]:
        """Each country's share of the document's focus, by index country code.

        One vote per distinct name, for the country of its best candidate, weighted by
        how surely the name points to one country (a country itself counts double); a
        focus given by the caller gets at least as many votes as all the others.
        """
        opts = self.opts
        cc_all = np.asarray(self.index.cc)
        votes: Counter[int] = Counter()
        voted: set[str] = set()
        for i, (rows, base) in enumerate(pools):
            key = nm.normalise(names[i])
            if len(rows) == 0 or key in voted:
                continue
            voted.add(key)
            b = int(np.argmax(base))
            if base[b] < opts.abstain_below:
                continue
            elsewhere = base[cc_all[rows] != cc_all[rows[b]]]
            margin = float(base[b] - elsewhere.max()) if len(elsewhere) else 1.0
            weight = min(1.0, max(0.1, 5.0 * margin))
            if self.index.kind[rows[b]] == _COUNTRY:
                weight *= 2.0
            votes[int(cc_all[rows[b]])] += weight
        total_votes = sum(votes.values())
        if focus_given:
            code = self.places.cc_code(focus_given)
            votes[code] += max(total_votes, 1.0)
            total_votes = sum(votes.values())
        return {c: v / total_votes for c, v in votes.items()} if total_votes else {}

    def _rounds(
        self,
        names: Sequence[str],
        pools: Sequence[tuple[np.ndarray, np.ndarray]],
        share: dict[int, float],
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each mention's total scores after the rounds of joint coherence, and its bonus.

        In each round, each mention's leading candidates, weighted by how close they are
        to its best, lend coherence to the other mentions' candidates: two ambiguous
        names that fit together (a town and its county) lift each other.
        """
        opts = self.opts
        cc_all = np.asarray(self.index.cc)
        totals: list[np.ndarray] = []
        gates = [context_gate(base, opts) for _, base in pools]
        focus_f: list[np.ndarray] = []
        for rows, base in pools:
            f = np.array([share.get(c, 0.0) for c in cc_all[rows].tolist()])
            focus_f.append(f)
            totals.append(base + gates[len(totals)] * opts.w_focus * f if len(rows) else f)
        cohs: list[np.ndarray] = [np.zeros(len(r)) for r, _ in pools]
        joint = self.coherence.joint_candidates(names, [rows for rows, _ in pools])
        for _ in range(opts.rounds):
            current = self._leaders(pools, totals)
            round_cohs = self.coherence.joint_coherence(joint, current)
            new_totals = []
            for i, (rows, base) in enumerate(pools):
                if len(rows) == 0:
                    new_totals.append(totals[i])
                    continue
                coh = gates[i] * round_cohs[i]
                cohs[i] = coh
                new_totals.append(base + gates[i] * (opts.w_focus * focus_f[i]) + coh)
            totals = new_totals
        return totals, cohs

    def _leaders(
        self, pools: Sequence[tuple[np.ndarray, np.ndarray]], totals: Sequence[np.ndarray]
    ) -> list[tuple[int, int, float]]:
        """Each mention's leading candidates as ``(mention, row, weight)``.

        The best weighs by its lead over the second, the others by how close they come
        to the best; mentions whose best scores below the threshold lend nothing.
        """
        opts = self.opts
        current: list[tuple[int, int, float]] = []
        for i, (rows, _) in enumerate(pools):
            if len(rows) == 0:
                continue
            t = totals[i]
            order = np.argsort(-t, kind="stable")[: opts.soft_candidates]
            best = float(t[order[0]])
            if best < opts.abstain_below:
                continue
            second = float(t[order[1]]) if len(order) > 1 else best - 0.15
            conf = min(1.0, 0.4 + 2.0 * (best - second))
            for k in order.tolist():
                weight = conf if k == order[0] else np.exp(-(best - float(t[k])) * 10.0) * 0.8
                if weight >= 0.05:
                    current.append((i, int(rows[k]), float(weight)))
        return current

    def _best_of_pools(
        self,
        pools: Sequence[tuple[np.ndarray, np.ndarray]],
        matches: Sequence[np.ndarray],
        totals: Sequence[np.ndarray],
        cohs: Sequence[np.ndarray],
        share: dict[int, float],
    ) -> tuple[list[Place | None], list[str]]:
        """Each mention's best place after the rounds, and the countries so named.

        A loose match (skeleton or edit distance) in a document of three or more placed
        mentions is dropped when it fits nowhere: little coherence, outside the focus.
        """
        opts = self.opts
        cc_all = np.asarray(self.index.cc)
        results: list[Place | None] = [None] * len(pools)
        mentioned = []
        n_placed = sum(1 for rows, _ in pools if len(rows))
        for i, (rows, _) in enumerate(pools):
            if len(rows):
                b = int(np.argmax(totals[i]))
                loose = matches[i][b] < _LOOSE_MATCH
                if (
                    loose
                    and n_placed >= 3
                    and cohs[i][b] < 0.3 * opts.w_coherence
                    and share.get(int(cc_all[rows[b]]), 0.0) < 0.25
                ):
                    continue  # a loose match that fits nowhere in the document: a guess
                found = results[i] = self.scorer.finish(rows, totals[i])
                if found is not None and found.kind is PlaceKind.COUNTRY:
                    mentioned.append(found.country)
        return results, mentioned

    def _resolve_part(
        self,
        name: str,
        anchors: Sequence[Anchor],
        share: dict[int, float],
        cue_words: frozenset[str],
        *,
        anchored: bool,
    ) -> Place | None:
        """Resolve a multi-word name that does not resolve by its best resolvable part.

        "Colchester Hospital" is in Colchester, "Dulles International Airport" at
        Dulles: the part is resolved in the document's context and its score lowered.
        ``anchors`` are the document's resolved places as :meth:`Coherence.context` gives
        them; ``anchored`` says whether the document has any resolved place.
        """
        opts = self.opts
        best: tuple[float, Place] | None = None
        ix = self.index
        for part in _parts(name)[:12]:
            rows, base, _ = self.scorer.memo_pool(part, cue_words, None)
            if len(rows) == 0:
                continue
            f = np.array([share.get(c, 0.0) for c in ix.cc[rows].tolist()])
            coh = self.coherence.context_coherence(rows, ix.lat[rows], ix.lon[rows], anchors)
            total = base + opts.w_focus * f + coh
            b = int(np.argmax(total))
            if anchored and coh[b] < 0.3 * opts.w_coherence:
                continue  # a part that fits nowhere in the document is a guess
            score = float(total[b]) * opts.part_factor
            if score >= opts.abstain_below and (best is None or score > best[0]):
                best = (score, self.places.place(int(rows[b]), score=min(1.0, score)))
        return best[1] if best else None
