"""A noise model of how place names get mangled, and the matching it drives.

Machine translation, spinning and hurried transliteration damage names in a few
recurring ways: ``l``/``r``; ``v``/``f``/``ph``/``w``; ``k``/``kh``/``h``/``g``; a final
vowel dropped or added; ``-sk``/``-sky``/``-ske``/``-ska``/``-skoye``; letters doubled or
halved; ``i``/``y``/``yi``/``ii``; ``-ia``/``-ie``/``-ye``/``-iye``; Cyrillic letters that
look like Latin ones inside a Latin word; and the Russian-style spelling of a Ukrainian
name (``o`` or ``e`` for ``i``, ``g`` for ``h``). :func:`noise_key` folds every one of these
to nothing, so a damaged name and its source share a key (a blocking key: it finds the
candidates); :func:`noise_similarity` then scores closeness by a noise-weighted edit
distance (:func:`noise_cost`: a modelled slip costs a fraction of an arbitrary edit), so
that of two places with the same key the one needing fewer slips wins.

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
    "noise_cost",
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


# Confusable letters: a substitution inside a class is one of the modelled slips and
# costs its class's weight; any other substitution costs 1.
_CLASS_COST: dict[tuple[str, str], float] = {}
for _letters, _cost in (
    ("iyj", 0.2),  # i/y/yi: transliteration variants
    ("lr", 0.3),
    ("vfw", 0.3),  # "ph" is read as f first
    ("khgx", 0.3),  # k, kh, h, g (x: a Cyrillic х read as x)
    ("aeiouy", 0.4),  # vowels (the Russian o or e for a Ukrainian i)
):
    for _a in _letters:
        for _b in _letters:
            if _a != _b:
                _CLASS_COST.setdefault((_a, _b), _cost)
_VOWEL_SET = frozenset("aeiouy")
_GLIDES = frozenset("iyj")
#: Cost of adding or dropping a letter the model knows to come and go (a doubled
#: letter, the h of kh/zh, a glide beside a vowel, a word-final vowel), and of any
#: other vowel or consonant.
_INDEL_MODELLED, _INDEL_VOWEL, _INDEL_OTHER = 0.25, 0.8, 1.0


def _indel_cost(s: str, i: int) -> float:
    """Cost of adding or dropping ``s[i]``, judged by its neighbours in ``s``."""
    ch = s[i]
    prev = s[i - 1] if i else ""
    nxt = s[i + 1] if i + 1 < len(s) else ""
    if ch in (prev, nxt):
        return _INDEL_MODELLED  # a doubled letter
    # one letter of a doubled pair: "zhzh" for "zh"
    for start in (i - 1, i):
        if start < 0 or start + 2 > len(s):
            continue
        pair = s[start : start + 2]
        if s[start + 2 : start + 4] == pair or (start >= 2 and s[start - 2 : start] == pair):
            return _INDEL_MODELLED
    if ch == "h" and prev in ("k", "g", "z", "s", "c"):
        return _INDEL_MODELLED
    if ch in _GLIDES and (prev in _VOWEL_SET or nxt in _VOWEL_SET):
        return _INDEL_MODELLED
    if ch in _VOWEL_SET:
        j = i + 1
        while j < len(s) and s[j] in _VOWEL_SET:
            j += 1
        if j == len(s) or s[j] in " -":
            return _INDEL_MODELLED  # a word-final vowel (or run of them) dropped or added
        return _INDEL_VOWEL
    return _INDEL_OTHER


@lru_cache(maxsize=131072)
def noise_cost(a: str, b: str) -> float:
    """Weighted edit distance between two normalised Latin names.

    An edit of the kinds the noise model knows (a confusable letter for another, a
    doubled letter halved, a final vowel dropped, the ``h`` of ``kh`` dropped) costs a
    quarter to two fifths of an arbitrary edit, so "Sammar" is closer to "Samar" (one
    halved letter) than to "Samara" (that and an added vowel).

    Parameters
    ----------
    a, b : str
        Normalised Latin names (see :func:`gazetteer.names.normalise`).

    Returns
    -------
    float
        0 for the same name; an arbitrary letter added, dropped or changed costs 1.

    Examples
    --------
    >>> noise_cost("sammar", "samar") < noise_cost("sammar", "samara")
    True
    >>> noise_cost("melitopor", "melitopol")
    0.3
    """
    a, b = a.replace("ph", "f"), b.replace("ph", "f")
    if a == b:
        return 0.0
    ins_b = [_indel_cost(b, j) for j in range(len(b))]
    prev = [0.0]
    for j in range(len(b)):
        prev.append(prev[-1] + ins_b[j])
    for i in range(len(a)):
        del_a = _indel_cost(a, i)
        cur = [prev[0] + del_a]
        ca = a[i]
        for j in range(len(b)):
            cb = b[j]
            sub = 0.0 if ca == cb else _CLASS_COST.get((ca, cb), 1.0)
            cur.append(min(prev[j] + sub, prev[j + 1] + del_a, cur[j] + ins_b[j]))
        prev = cur
    return round(prev[-1], 6)


@lru_cache(maxsize=65536)
def _forms(name: str) -> tuple[str, ...]:
    """Return the Latin readings of a name, normalised."""
    norm = nm.normalise(name)
    if not norm:
        return ()
    return nm.latin_forms(norm)


def noise_similarity(a: str, b: str) -> float:
    """Score how likely ``a`` is a damaged spelling of ``b`` (or the reverse), in 0..1.

    One minus the noise-weighted edit distance (:func:`noise_cost`) over the longer
    name's length; the best pair of Latin readings counts. Modelled slips cost a
    quarter to two fifths of an arbitrary edit, so a name damaged in the known ways
    stays close to its source and the spelling needing fewer slips wins.

    Parameters
    ----------
    a, b : str
        Two names as written.

    Returns
    -------
    float
        1 for the same name; 0.85 or more for a name of eight letters or more with a
        couple of modelled slips.

    Examples
    --------
    >>> noise_similarity("Zhitomil", "Zhytomyr") >= 0.8
    True
    >>> noise_similarity("Zhitomil", "Zhmerynka") < 0.7
    True
    """
    best = 0.0
    for fa in _forms(a):
        for fb in _forms(b):
            n = max(len(fa), len(fb))
            best = max(best, 1.0 - noise_cost(fa, fb) / n)
    return max(best, 0.0)


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
