"""Candidate generation by matching stage: :class:`CandidateFinder`.

One job: find the index rows a name may mean, each with the stage it matched at and
its spelling similarity. Stages, closest first: exact name, normalised name,
transliteration key, confusable skeleton and noise key (:mod:`gazetteer.noise`: the
ways machine translation mangles names, for the prominent places), edit distance
over a blocked vocabulary (where a skeleton match spelled little like the name also
ranks: "Popansa" shares Vinnytsya's consonants, but is spelled like Popasna);
dotted abbreviations of admin-1 units ("W.Va.") and inhabitant names ("Ontarians")
add candidates of their own. No context is used here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from gazetteer import names as nm
from gazetteer.exc import InputError
from gazetteer.index import KINDS, Index
from gazetteer.model import Place, PlaceKind
from gazetteer.noise import MIN_POPULATION, NoiseTable, noise_similarity
from gazetteer.options import Options
from gazetteer.places import PlaceRows

__all__ = ["Candidate", "CandidateFinder"]

#: Score band of each stage in context-free listings: a closer stage always ranks higher.
_STAGE_BANDS = ((0.9, 1.0), (0.8, 0.9), (0.7, 0.8), (0.5, 0.7), (0.3, 0.5))
_SETTLEMENT = KINDS.index(PlaceKind.SETTLEMENT)
#: Kinds an inhabitant name or adjective can point to ("Ontarians", "European").
_INHABITED = frozenset(
    KINDS.index(k)
    for k in (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION, PlaceKind.CONTINENT)
)
#: Inhabitant-name suffixes and the place-name endings they replace ("Ontarians": Ontario).
_INHABITANT_SUFFIXES = (
    ("ians", ("ia", "", "a", "o", "y", "e")),
    ("ian", ("ia", "", "a", "o", "y", "e")),
    ("ans", ("a", "", "as", "o", "e")),
    ("an", ("a", "", "as", "o", "e")),
    ("ns", ("",)),
    ("ers", ("",)),
    ("ites", ("", "e")),
    ("ese", ("", "a", "e")),
    ("ish", ("and", "land", "en", "ey", "istan")),
)
#: Noise similarity from which a name is a spelling variant of a sizeable town's.
_NOISE_VARIANT = 0.9
#: Least spelling similarity of a skeleton match that ranks above the fuzzy matches.
_SKELETON_FLOOR = 0.5
#: How far below the closest variant another still counts as one.
_NOISE_MARGIN = 0.03
#: Smallest city an inhabitant name is read as.
_INHABITANT_MIN_POP = 100_000


class Candidate(NamedTuple):
    """One candidate row of a name.

    Attributes
    ----------
    row : int
        The index row.
    stage : int
        The closest stage it matched at (0 exact ... 4 edit distance).
    sim : float
        Spelling similarity in 0..1 (meaningful for stages 3 and 4).
    """

    row: int
    stage: int
    sim: float


def _abbreviates(part: str, word: str) -> bool:
    """Whether ``part`` shortens ``word``: same first letter, other letters in order."""
    if not part or part[0] != word[:1] or len(part) > len(word) or part == word:
        return False
    it = iter(word[1:])
    return all(ch in it for ch in part[1:])


class CandidateFinder:
    """The matching stages over an index.

    Parameters
    ----------
    index : Index
        The loaded index.
    places : PlaceRows
        Makes places of rows (for :meth:`candidates`).
    opts : Options
        The resolver's options (``fuzzy_cutoff``).
    """

    def __init__(self, index: Index, places: PlaceRows, opts: Options) -> None:
        self.index = index
        self.places = places
        self.opts = opts
        self._abbr_table: dict[tuple[str, ...], list[tuple[int, list[str]]]] | None = None
        self.noise = NoiseTable(index)
        self._fuzzy_cache: (
            tuple[list[str], dict[str, tuple[np.ndarray, np.ndarray, int]]] | None
        ) = None

    def stages(self, name: str, *, enough: int | None = None) -> list[Candidate]:
        """Candidates of every stage with their match similarity, best stage per row.

        With ``enough``, stages stop as soon as that many candidates are found (a closer
        stage always outranks a looser one, so the best ``enough`` are then known).

        Parameters
        ----------
        name : str
            A place name as written.
        enough : int, optional
            Stop once this many candidates are found.

        Returns
        -------
        list of Candidate
            In the order found.
        """
        ix = self.index
        found: dict[int, Candidate] = {}

        def add(rows: np.ndarray, stage: int, cap: int, need: int | None = None) -> None:
            # postings are ordered by prominence: with ``need``, the first new rows of a
            # stage are its best (stages 0-2 match exactly, prominence alone orders them)
            added = 0
            for r in rows[:cap].tolist():
                if r not in found:
                    found[r] = Candidate(r, stage, 1.0)
                    added += 1
                    if need is not None and added >= need:
                        return

        def satisfied() -> bool:
            return enough is not None and len(found) >= enough

        add(ix.lookup(0, nm.exact_key(name)), 0, 400, enough)
        if "." in name:  # an explicit abbreviation: "W.Va.", "Calif."
            for r, is_prefix in self.abbreviation_rows(name):
                if r not in found:
                    found[r] = Candidate(r, 0 if is_prefix else 1, 1.0)
        if satisfied():
            return list(found.values())
        norm = nm.normalise(name)
        if not norm:
            return list(found.values())
        need = None if enough is None else enough - len(found)
        add(ix.lookup(1, norm), 1, 400, need)
        qkeys = nm.translit_keys(norm)
        if not satisfied():
            need = None if enough is None else enough - len(found)
            for k in qkeys:
                add(ix.lookup(2, k), 2, 300, need)
        n_close = len(found)
        if not satisfied():
            for form in nm.latin_forms(norm):
                sk = nm.skeleton(form)
                if sk:
                    add(ix.lookup(3, sk), 3, 120)
        noisy: dict[int, float] = {}
        if not satisfied():
            self._noise_stage(name, qkeys, found, noisy)
        if n_close == 0 and not satisfied():
            for key, score in self._fuzzy_keys(qkeys[0]):
                for r in ix.lookup(2, key)[:30].tolist():
                    if r not in found:
                        found[r] = Candidate(r, 4, score)
        loose = [c for c in found.values() if c.stage >= 3]
        if not loose:
            return list(found.values())
        from rapidfuzz import fuzz, process

        all_keys = ix.main_keys
        keys = [all_keys[c.row] for c in loose]
        sims = process.cdist(qkeys, keys, scorer=fuzz.ratio, dtype=np.uint8).max(axis=0) / 100.0
        for c, sim in zip(loose, sims.tolist(), strict=True):
            if c.row in noisy:
                # the likelier reading: a plain spelling distance or the noise model's
                found[c.row] = Candidate(c.row, c.stage, max(sim, noisy[c.row]))
                continue
            if c.stage == 4:
                found[c.row] = Candidate(c.row, 4, min(sim, c.sim))
            else:
                # a shared consonant skeleton with little else in common ("Popansa"
                # and "Vinnytsya" both fold to b-n-s) is no closer than a fuzzy match
                found[c.row] = Candidate(c.row, 3 if sim >= _SKELETON_FLOOR else 4, sim)
        return list(found.values())

    def _noise_stage(
        self,
        name: str,
        qkeys: tuple[str, ...],
        found: dict[int, Candidate],
        noisy: dict[int, float],
    ) -> None:
        """Add the noise model's readings of ``name`` and rank the spelling variants.

        A damaged spelling of a sizeable town is a variant, as good as a
        transliteration. When the name matches nothing exactly, the variants (the
        noise table's rows and the transliteration-key matches by a place's own name)
        are weighed by their noise similarity: only those needing the fewest slips
        stay variants ("Sammar" is Samar, not Samara); the others compete at the
        looser stage. ``noisy`` receives the similarity of the close noise readings.
        """
        ix = self.index
        hits = [t for t in self.noise.rows(name) if not (t[0] in found and found[t[0]].stage <= 2)]
        exact = any(c.stage <= 1 for c in found.values())
        # transliteration-key matches by the main name (an alternate name's match is
        # not weighed: the name it matched is not at hand)
        keys = set(qkeys)
        by_main = [
            c.row
            for c in found.values()
            if c.stage == 2 and not exact and ix.main_keys[c.row] in keys
        ]
        main_sim = {r: noise_similarity(name, ix.name(r)) for r in by_main}
        best = max([*main_sim.values(), *(sim for _, sim, _ in hits)], default=0.0)
        promote = not exact and (by_main or not self._prominent_among(found))
        for r, sim in main_sim.items():
            if sim < best - _NOISE_MARGIN:
                found[r] = Candidate(r, 3, sim)
        for r, sim, same_key in hits:
            variant = sim >= _NOISE_VARIANT and sim >= best - _NOISE_MARGIN
            if sim >= _NOISE_VARIANT:
                # only a close reading lifts a row's similarity above plain edit distance
                noisy[r] = sim
            if promote and variant:
                found[r] = Candidate(r, 2, 1.0)
            elif r not in found:
                # a key one edit away is a hint to look, no likelier than edit distance
                found[r] = Candidate(r, 3 if same_key or variant else 4, sim)

    def _prominent_among(self, found: dict[int, Candidate]) -> bool:
        """Whether a close (stage 0-2) candidate is a sizeable settlement or a unit."""
        ix = self.index
        for c in found.values():
            if c.stage > 2:
                continue
            kind = int(ix.kind[c.row])
            if kind in _INHABITED or (kind == _SETTLEMENT and int(ix.pop[c.row]) >= MIN_POPULATION):
                return True
        return False

    def abbreviation_rows(self, name: str) -> list[tuple[int, bool]]:
        """Admin-1 units whose name the dotted abbreviation shortens.

        ``W.Va.`` matches West Virginia, ``Calif.`` California: each part starts with its
        word's first letter and its other letters follow in order. Each row comes with
        whether every part is a plain prefix of its word (``Calif.``), the closer match;
        bare initials (``U.S.``) are not, since they fit any name with those initials.

        Parameters
        ----------
        name : str
            A dotted abbreviation.

        Returns
        -------
        list of tuple of (int, bool)
            ``(row, is_prefix)`` pairs.
        """
        parts = [p for p in re.split(r"[.\s]+", nm.normalise(name.replace(".", ". "))) if p]
        if not parts or (len(parts) == 1 and len(parts[0]) < 2):
            return []
        # admin-1 names by their words' initials: a part and its word share the first letter
        table = self._abbr_table
        if table is None:
            ix = self.index
            table = {}
            for row in range(ix.n_special):
                if ix.kind_of(row) is PlaceKind.ADMIN1:
                    words = nm.strip_generic(nm.normalise(ix.name(row))).split()
                    if words:
                        table.setdefault(tuple(w[0] for w in words), []).append((row, words))
            self._abbr_table = table
        out = []
        for row, words in table.get(tuple(p[0] for p in parts), ()):
            if all(_abbreviates(p, w) for p, w in zip(parts, words, strict=True)):
                prefix = all(w.startswith(p) for p, w in zip(parts, words, strict=True))
                out.append((row, prefix and any(len(p) > 1 for p in parts)))
        return out

    def abbreviates_unit(self, name: str) -> bool:
        """Whether a dotted abbreviation shortens an admin-1 unit's name (see the facade)."""
        return "." in name and bool(self.abbreviation_rows(name))

    def _fuzzy_keys(self, qkey: str) -> list[tuple[str, float]]:
        """Vocabulary keys within ``fuzzy_cutoff`` of ``qkey``, with their similarity."""
        from rapidfuzz import fuzz, process

        if len(qkey) < 4:
            return []
        words, ranges = self._fuzzy_ranges()
        lens_starts = ranges.get(qkey[:1])
        if lens_starts is None:
            return []
        lens, starts, end = lens_starts
        L = len(qkey)
        d = 1 if L < 10 else 2
        i0 = int(np.searchsorted(lens, L - d, "left"))
        i1 = int(np.searchsorted(lens, L + d, "right"))
        lo = int(starts[i0]) if i0 < len(starts) else end
        hi = int(starts[i1]) if i1 < len(starts) else end
        if hi <= lo:
            return []
        hits = process.extract(
            qkey,
            words[lo:hi],
            scorer=fuzz.ratio,
            limit=12,
            score_cutoff=self.opts.fuzzy_cutoff,
        )
        return [(w, s / 100.0) for w, s, _ in hits]

    def _fuzzy_ranges(self) -> tuple[list[str], dict[str, tuple[np.ndarray, np.ndarray, int]]]:
        """Return the fuzzy vocabulary and, per first letter, its blocks by key length."""
        cached = self._fuzzy_cache
        if cached is not None:
            return cached
        fz = self.index.fuzzy
        words: list[str] = fz["words"]
        per_char: dict[str, list[tuple[int, int]]] = {}
        for (ch, ln), start in fz["starts"].items():
            per_char.setdefault(ch, []).append((ln, start))
        ranges = {}
        for ch, items in per_char.items():
            items.sort()
            lens = np.array([ln for ln, _ in items])
            starts = np.array([s for _, s in items])
            ranges[ch] = (lens, starts, 0)
        # end of each letter block = start of the next block
        ordered = sorted(ranges, key=lambda c: int(ranges[c][1][0]))
        for i, ch in enumerate(ordered):
            end = int(ranges[ordered[i + 1]][1][0]) if i + 1 < len(ordered) else len(words)
            lens, starts, _ = ranges[ch]
            ranges[ch] = (lens, starts, end)
        self._fuzzy_cache = (words, ranges)
        return self._fuzzy_cache

    def inhabitants(self, name: str) -> list[Candidate]:
        """Places an inhabitant name points to ("Minnesotans", "Ontarians", "Gazans").

        Common English suffixes of inhabitant names are replaced by common endings of
        place names; an exact or normalised match that is a country, admin-1 unit,
        region or large city becomes a transliteration-stage candidate.

        Parameters
        ----------
        name : str
            A name as written.

        Returns
        -------
        list of Candidate
            Stage-2 candidates, in the order found.
        """
        norm = nm.normalise(name)
        words = norm.split()
        if not words or len(words[-1]) < 5:
            return []
        head, last = " ".join(words[:-1]), words[-1]
        found: dict[int, Candidate] = {}
        for suffix, endings in _INHABITANT_SUFFIXES:
            if not last.endswith(suffix) or len(last) - len(suffix) < 3:
                continue
            stem = last[: len(last) - len(suffix)]
            stems = [stem, stem[:-1]] if stem[-1] == stem[-2] else [stem]  # "Scottish": Scot-
            for st, ending in ((st, e) for e in endings for st in stems):
                form = f"{head} {st}{ending}".strip()
                for r in self.index.lookup(1, form)[:50].tolist():
                    kind = int(self.index.kind[r])
                    big = kind == _SETTLEMENT and int(self.index.pop[r]) >= _INHABITANT_MIN_POP
                    if (kind in _INHABITED or big) and r not in found:
                        found[r] = Candidate(r, 2, 1.0)
        return list(found.values())

    def candidates(self, name: str, *, limit: int = 10) -> list[Place]:
        """Places whose names match ``name``, closest match first, no context.

        See :meth:`gazetteer.resolver.Gazetteer.candidates`: each place's score lies in
        its stage's band, so a closer stage always scores higher.
        """
        if not isinstance(name, str):
            raise InputError(f"place name must be a string, not {type(name).__name__}")
        ix = self.index
        place = self.places.place
        prom = ix.prominence_of
        if "." not in name and limit > 0:
            # fast path: enough exact matches, already ordered by prominence in the index
            top = ix.first_rows(0, nm.exact_key(name), limit)
            if len(top) == limit:
                lo, hi = _STAGE_BANDS[0]
                return [place(r, score=lo + (hi - lo) * 0.999 * (0.5 * prom(r) + 0.5)) for r in top]
        # (-score, -population, row): best score first, then (as in the index) the more
        # populous of equals
        scored = []
        pop = ix.pop
        for row, stage, sim in self.stages(name, enough=limit):
            lo, hi = _STAGE_BANDS[stage]
            inner = 0.5 * prom(row) + 0.5 * (sim if stage >= 3 else 1.0)
            scored.append((-(lo + (hi - lo) * 0.999 * inner), -int(pop[row]), row))
        scored.sort()
        return [place(r, score=-s) for s, _, r in scored[:limit]]

    def is_known(self, surface: str) -> bool:
        """Whether ``surface`` is an indexed name, exactly or once normalised (cheap)."""
        ix = self.index
        if ix.count(0, nm.exact_key(surface)):
            return True
        norm = nm.normalise(surface)
        return bool(norm) and ix.count(1, norm) > 0
