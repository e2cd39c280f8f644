"""A noise model of how place names get mangled, and the matching it drives.

Machine translation, spinning and hurried transliteration damage names in a few
recurring ways: ``l``/``r``; ``v``/``f``/``ph``/``w``; ``k``/``kh``/``h``/``g``; a final
vowel dropped or added; ``-sk``/``-sky``/``-ske``/``-ska``/``-skoye``; letters doubled or
halved; ``i``/``y``/``yi``/``ii``; ``-ia``/``-ie``/``-ye``/``-iye``; Cyrillic letters that
look like Latin ones inside a Latin word; and the Russian-style spelling of a Ukrainian
name (``o`` or ``e`` for ``i``, ``g`` for ``h``). :func:`noise_key` folds every one of these
to nothing, so a damaged name and its source share a key; :func:`noise_similarity` then
scores closeness as an edit ratio over those keys (the modelled operations cost nothing,
any other edit costs its full weight), blended with the ratio over the plain
transliteration keys so that a nearer spelling still wins a tie.

:class:`NoiseTable` indexes the keys of the names of the prominent places of
:data:`CYRILLIC_COUNTRIES` (settlements of :data:`MIN_POPULATION` people or more,
first-level units, regions), built on first use from the loaded index.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from gazetteer import names as nm

if TYPE_CHECKING:
    from gazetteer.index import Index

__all__ = [
    "CYRILLIC_COUNTRIES",
    "MIN_POPULATION",
    "NoiseTable",
    "noise_key",
    "noise_keys",
    "noise_similarity",
]

#: Smallest settlement the noise table holds.
MIN_POPULATION = 10_000

#: Countries whose place names reach English text by transliteration from Cyrillic: the
#: names this noise model is a model of. Elsewhere a near spelling is more often an
#: English word or a surname than a damaged place name ("Walmart", "Cawley").
CYRILLIC_COUNTRIES = frozenset("UA RU BY BG RS MK ME BA KZ KG TJ MN".split())


# Word endings that vary with the language and the transliterator: adjective endings
# after -sk/-tsk ("Lysychanskyi", "Lisichansky", "Krasnohorivske", "Yuzhnoye"), the
# -ia/-iia/-ye/-iye of feminine and neuter nouns ("Zaporizhzhia", "Zaporozhye").
_ENDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"sk(?:yi|iy|yy|ii|ij|yj|i|y|e|a|aya|aja|oye|oe|oi|oy|ogo|ovo)\b", "sk"),
        (r"(?:iy|ij|yi|yj|yy|ii|oy|oi|yy)\b", ""),
        (r"(?:iia|iya|iye|ije|ija|ia|ie|ya|ye|ja|je)\b", ""),
    )
)
# Sound classes, in order: digraphs first, then single letters.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"shch|szcz|sch|shtch", "S"),
        (r"tsch|tch|ch|cz|tsh", "C"),
        (r"zh|zs|dzh|dz", "Z"),
        (r"sh|sz", "S"),
        (r"ts|tz|tc", "T"),
        (r"x", "ks"),
        (r"ph|f|w|v", "v"),
        (r"kh|gh|ck|q|k|h|g|c", "k"),
        (r"l", "r"),
        (r"[aeiouyj]+", "a"),  # vowels and glides: one class, runs as one
        (r"(.)\1+", r"\1"),  # doubled letters
    )
)


def _latinise(norm: str) -> tuple[str, ...]:
    """Latin forms of a normalised name (Cyrillic transliterated by both systems).

    :func:`gazetteer.names.normalise` has already read the look-alike letters of a
    word that mixes the scripts.
    """
    return nm.latin_forms(norm)


def _fold_word(word: str) -> str:
    for pattern, repl in _ENDINGS:
        folded = pattern.sub(repl, word)
        if folded != word:
            word = folded
            break
    for pattern, repl in _FOLDS:
        word = pattern.sub(repl, word)
    stripped = word.rstrip("a")  # a final vowel dropped or added
    return stripped if len(stripped) >= 2 else word


@lru_cache(maxsize=65536)
def noise_key(norm_latin: str) -> str:
    """Return the noise key of a normalised Latin name: every modelled confusion folded.

    Parameters
    ----------
    norm_latin : str
        A normalised Latin name (see :func:`gazetteer.names.normalise`).

    Returns
    -------
    str
        The key: sound classes of the consonants, ``a`` for each run of vowels, words
        separated by spaces.

    Examples
    --------
    >>> noise_key("chernihif") == noise_key("chernihiv")
    True
    >>> noise_key("lisichansky") == noise_key("lysychanskyi")
    True
    """
    return " ".join(k for k in (_fold_word(w) for w in norm_latin.split()) if k)


def noise_keys(name: str) -> tuple[str, ...]:
    """Noise keys of a name as written (one per Latin reading of it).

    Parameters
    ----------
    name : str
        A name in any spelling, Latin, Cyrillic or mixed.

    Returns
    -------
    tuple of str
        Distinct non-empty keys.

    Examples
    --------
    >>> noise_keys("Kharkov") == noise_keys("Харків")
    True
    """
    norm = nm.normalise(name)
    if not norm:
        return ()
    return tuple(dict.fromkeys(k for k in (noise_key(f) for f in _latinise(norm)) if k))


@lru_cache(maxsize=65536)
def _forms(name: str) -> tuple[tuple[str, str], ...]:
    """``(noise key, transliteration key)`` of each Latin reading of a name."""
    norm = nm.normalise(name)
    if not norm:
        return ()
    return tuple((noise_key(f), nm.roman_key(f)) for f in _latinise(norm))


def noise_similarity(a: str, b: str) -> float:
    """Score how likely ``a`` is a damaged spelling of ``b`` (or the reverse), in 0..1.

    The edit ratio over the noise keys (modelled confusions cost nothing), weighted
    0.6, plus the edit ratio over the transliteration keys, weighted 0.4; the best
    pair of readings counts.

    Parameters
    ----------
    a, b : str
        Two names as written.

    Returns
    -------
    float
        1 for the same name; 0.6 or more when the noise keys agree.

    Examples
    --------
    >>> noise_similarity("Zhitomil", "Zhytomyr") >= 0.8
    True
    >>> noise_similarity("Zhitomil", "Zhmerynka") < 0.7
    True
    """
    from rapidfuzz import fuzz

    best = 0.0
    for ka, ra in _forms(a):
        for kb, rb in _forms(b):
            s = 0.6 * fuzz.ratio(ka, kb) / 100.0 + 0.4 * fuzz.ratio(ra, rb) / 100.0
            best = max(best, s)
    return best


class NoiseTable:
    """Noise keys of the names of the prominent places of :data:`CYRILLIC_COUNTRIES`.

    Parameters
    ----------
    index : Index
        The loaded index; the table is built from its display names on first use.
    min_population : int
        Smallest settlement held.
    """

    def __init__(self, index: Index, *, min_population: int = MIN_POPULATION) -> None:
        self.index = index
        self.min_population = min_population
        self._table: tuple[dict[str, list[int]], list[str], np.ndarray] | None = None

    def _build(self) -> tuple[dict[str, list[int]], list[str], np.ndarray]:
        from gazetteer.index import KINDS
        from gazetteer.model import PlaceKind

        ix = self.index
        kind = np.asarray(ix.kind)
        pop = np.asarray(ix.pop)
        settlement = KINDS.index(PlaceKind.SETTLEMENT)
        big = [KINDS.index(k) for k in (PlaceKind.ADMIN1, PlaceKind.REGION)]
        codes = [i for i, cc in enumerate(ix.countries) if cc in CYRILLIC_COUNTRIES]
        rows = np.flatnonzero(
            (((kind == settlement) & (pop >= self.min_population)) | np.isin(kind, big))
            & np.isin(np.asarray(ix.cc), codes)
        )
        by_key: dict[str, list[int]] = {}
        for r in rows.tolist():
            for key in noise_keys(ix.name(r)):
                by_key.setdefault(key, []).append(r)
        keys = sorted(by_key, key=lambda k: (len(k), k))
        lens = np.array([len(k) for k in keys])
        return by_key, keys, lens

    def table(self) -> tuple[dict[str, list[int]], list[str], np.ndarray]:
        """Return ``(rows by key, keys sorted by length, their lengths)``, built once."""
        if self._table is None:
            self._table = self._build()
        return self._table

    def rows(self, name: str, *, near: int = 1) -> list[tuple[int, float, bool]]:
        """Rows whose name's noise key equals or nearly equals one of ``name``'s.

        Parameters
        ----------
        name : str
            A name as written.
        near : int
            Keys at most this many edits away also count (for keys of four
            characters or more).

        Returns
        -------
        list of (int, float, bool)
            ``(row, noise similarity to name, whether the noise keys are equal)``,
            best first.
        """
        from rapidfuzz import fuzz, process

        by_key, keys, lens = self.table()
        found: dict[int, tuple[float, bool]] = {}
        ix = self.index
        for qk in noise_keys(name):
            hits = [qk] if qk in by_key else []
            if near and len(qk) >= 4:
                lo = int(np.searchsorted(lens, len(qk) - near, "left"))
                hi = int(np.searchsorted(lens, len(qk) + near, "right"))
                cutoff = 100.0 * (1.0 - 2.0 * near / (2 * len(qk) + near)) - 1e-6
                for k, _, _ in process.extract(
                    qk, keys[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
                ):
                    if k != qk:
                        hits.append(k)
            for k in hits:
                for r in by_key[k]:
                    if r not in found or (k == qk and not found[r][1]):
                        found[r] = (noise_similarity(name, ix.name(r)), k == qk)
        return sorted(((r, s, eq) for r, (s, eq) in found.items()), key=lambda t: -t[1])
