"""Staged candidate generation and context ranking: the :class:`Gazetteer`.

Candidates come from five stages, closest first: exact name, normalised name,
transliteration key, confusable skeleton, edit distance over a blocked vocabulary.
Without context, a closer stage always outranks a looser one. With context
(:meth:`Gazetteer.resolve`, :meth:`Gazetteer.resolve_all`) the match quality is
combined with prominence, the document's country focus, coherence with the other
places of the text, cue words and the expected kind; below a threshold the
resolver abstains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from gazetteer import names as nm
from gazetteer.distance import great_circle_km
from gazetteer.exc import InputError
from gazetteer.index import KINDS, Index, cache_dir, index_path
from gazetteer.index_build import build_index
from gazetteer.model import Place, PlaceKind

__all__ = ["ABSTAIN_BELOW", "Gazetteer", "Options", "options"]

#: Resolutions scoring below this are abstentions.
ABSTAIN_BELOW = 0.5
_STAGE_BANDS = ((0.9, 1.0), (0.8, 0.9), (0.7, 0.8), (0.5, 0.7), (0.3, 0.5))
_STAGE_MATCH = (1.0, 0.95, 0.88, 0.62, 0.45)
#: Match qualities below this come from the skeleton or edit-distance stages.
_LOOSE_MATCH = 0.7
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
_BORDER_CUES = frozenset({"border", "frontier", "boundary"})
#: Generic words of facility and feature names ("X Street", "Y International Airport").
_FEATURE_WORDS = frozenset(
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
_BORDER_RE = (
    re.compile(
        r"^(?:the\s+)?(?:state\s+)?(?:border|frontier|boundary)(?:\s+(?:with|of)\s+(?P<x>.+))?$"
    ),
    re.compile(r"^(?:the\s+)?(?P<x>.+?)(?:\s+state)?[\s-]+(?:border|frontier|boundary)$"),
)
_DIRECTIONS = {
    "north": 0.0, "north-east": 45.0, "northeast": 45.0, "east": 90.0, "south-east": 135.0,
    "southeast": 135.0, "south": 180.0, "south-west": 225.0, "southwest": 225.0, "west": 270.0,
    "north-west": 315.0, "northwest": 315.0,
}  # fmt: skip
_A1 = KINDS.index(PlaceKind.ADMIN1)
_COUNTRY = KINDS.index(PlaceKind.COUNTRY)
_REGION = KINDS.index(PlaceKind.REGION)
_SETTLEMENT = KINDS.index(PlaceKind.SETTLEMENT)
_AREAL_NAMED = frozenset(
    KINDS.index(k) for k in (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION)
)
#: Kinds an inhabitant name or adjective can point to ("Ontarians", "European").
_INHABITED = _AREAL_NAMED | {KINDS.index(PlaceKind.CONTINENT)}
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
#: Smallest city an inhabitant name is read as.
_INHABITANT_MIN_POP = 100_000
#: Smallest share of a unit's population a same-name settlement needs to be its seat.
_SEAT_SHARE = 0.02
_POINT_KINDS = [KINDS.index(k) for k in (PlaceKind.SETTLEMENT, PlaceKind.FEATURE, PlaceKind.ADMIN2)]


@dataclass
class Options:
    """Defaults of the resolver (change the module-level :data:`options` object)."""

    abstain_below: float = ABSTAIN_BELOW
    candidate_pool: int = 40
    fuzzy_cutoff: float = 78.0
    w_match: float = 0.67
    w_prominence: float = 0.33
    w_focus: float = 0.2
    w_coherence: float = 0.25
    w_main_name: float = 0.06
    w_unit_population: float = 0.01
    part_factor: float = 0.8
    backoff_score: float = 0.3
    cache_size: int = 512
    rounds: int = 3
    soft_candidates: int = 4
    seat_penalty: float = 0.15
    context_tie: float = 0.1
    context_ramp: float = 0.15


options = Options()


class _Cand(NamedTuple):
    row: int
    stage: int
    sim: float


class _Joint(NamedTuple):
    """The candidates of one document's mentions side by side (see ``resolve_all``)."""

    rows: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    names: np.ndarray  # per candidate: the id of its mention's normalised name
    owner: list[int]  # per mention: the id of its normalised name
    bounds: list[int]  # mention i's candidates are rows[bounds[i] : bounds[i + 1]]
    features: dict[int, tuple[int, int, int, float, float] | None]  # per row, lazily
    agree: dict[int, np.ndarray]  # per context row: its agreement with every candidate


#: Whether :func:`_new_place` may fill a Place's fields directly (see there).
_DIRECT_PLACE = (
    tuple(f.name for f in dataclass_fields(Place))
    == ("id", "name", "kind", "lat", "lon", "country", "admin1", "population", "geonameid",
        "score", "alternatives", "geometry")
    and not hasattr(Place, "__post_init__")
    and "__slots__" not in vars(Place)
)  # fmt: skip


def _new_place(fields: tuple[Any, ...], score: float, alternatives: tuple[Place, ...]) -> Place:
    """Make a :class:`Place` from a row's cached fields (see ``_place``) and its score.

    ``Place`` is a frozen dataclass: its generated ``__init__`` sets each field through
    ``object.__setattr__``, which costs more than the rest of an exact-name lookup. While
    ``Place`` has exactly the fields named in ``_DIRECT_PLACE`` and no ``__post_init__``,
    the instance dictionary is filled directly instead, which makes an equal object.
    """
    pid, name, kind, lat, lon, country, admin1, pop, gid, geom = fields
    if not _DIRECT_PLACE:
        return Place(
            pid, name, kind, lat, lon, country, admin1, pop, gid, score, alternatives, geom
        )
    place = object.__new__(Place)
    place.__dict__.update(
        {"id": pid, "name": name, "kind": kind, "lat": lat, "lon": lon, "country": country,
         "admin1": admin1, "population": pop, "geonameid": gid, "score": score,
         "alternatives": alternatives, "geometry": geom}
    )  # fmt: skip
    return place


#: How another place of the document lends coherence, by its kind (see ``_coherence``).
_COHERENCE_GROUP = {
    PlaceKind.SETTLEMENT: 0,
    PlaceKind.FEATURE: 0,
    PlaceKind.ADMIN2: 0,
    PlaceKind.ADMIN1: 1,
    PlaceKind.REGION: 2,
    PlaceKind.COUNTRY: 3,
}
#: Whether a kind code is point-like (settlement, feature, admin-2 unit), by code.
_POINT_LIKE = np.isin(np.arange(256), _POINT_KINDS)


def _context_gate(base: np.ndarray) -> np.ndarray:
    """How much context may lift each candidate (1 = fully, 0 = not at all).

    Context (country focus, coherence) breaks ties among comparable candidates: a
    candidate whose own score trails the mention's best by more than
    ``options.context_tie`` gains less, and nothing once it trails by
    ``context_tie + context_ramp`` (a hamlet never outranks the country of that name).
    """
    if len(base) == 0:
        return base
    gap = float(base.max()) - base - options.context_tie
    return np.clip(1.0 - gap / max(options.context_ramp, 1e-9), 0.0, 1.0)


def _abbreviates(part: str, word: str) -> bool:
    """Whether ``part`` shortens ``word``: same first letter, other letters in order."""
    if not part or part[0] != word[:1] or len(part) > len(word) or part == word:
        return False
    it = iter(word[1:])
    return all(ch in it for ch in part[1:])


def _parts(name: str) -> list[str]:
    """Shorter word windows of a multi-word name, longest first, generic-only ones left out."""
    words = [w for w in re.split(r"[\s\-/]+", name.strip()) if w]
    out = []
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            specific = [w for w in window if nm.normalise(w) not in _FEATURE_WORDS]
            if not specific or len("".join(specific)) < 3:
                continue
            out.append(" ".join(window))
    return out


def _cue_words(cues: Iterable[str] | None) -> frozenset[str]:
    words: set[str] = set()
    for cue in cues or ():
        words.update(nm.normalise(str(cue)).split())
    return frozenset(words)


class Gazetteer:
    """The offline place-name resolver over a loaded :class:`~gazetteer.index.Index`.

    Parameters
    ----------
    index : Index
        The loaded index (see :meth:`load`).

    Examples
    --------
    >>> gaz = Gazetteer.load()  # doctest: +SKIP
    >>> gaz.resolve("Kharkov").id  # doctest: +SKIP
    'gn:706483'
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self._tree: Any = None
        self._tree_rows: np.ndarray | None = None
        self._places: dict[int, tuple[Any, ...]] = {}
        self._cand_cache: dict[str, list[_Cand]] = {}
        self._a1_code_cache: dict[str, int] = {}
        self._pool_memo: tuple[tuple[Any, ...], dict[Any, Any]] | None = None
        self._capital_mask: np.ndarray | None = None
        self._demonym_units: dict[str, int] = {}

    def clear_caches(self) -> None:
        """Forget every remembered look-up (candidates, pools, places); the index stays loaded.

        Results do not change; a long-running process may call this to bound its memory,
        and a benchmark to measure new text rather than names it has already seen.
        """
        self._places.clear()
        self._cand_cache.clear()
        self._a1_code_cache.clear()
        self._demonym_units.clear()
        self._pool_memo = None
        nm.clear_caches()

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, path: str | Path | None = None, *, build: bool = True) -> Gazetteer:
        """Load the index from the user cache, building it first when missing.

        Parameters
        ----------
        path : str or Path, optional
            An index folder; by default the one for the current inputs in the cache
            (``$FRONTLINE_CACHE`` or ``~/.cache/frontline``).
        build : bool
            Build the index when it does not exist yet (about a minute).

        Returns
        -------
        Gazetteer
            The resolver.

        Raises
        ------
        GazetteerNotBuiltError
            When the index is missing and ``build`` is false.
        """
        if path is None:
            root = cache_dir()
            target = index_path(root)
            if not (target / "meta.pkl").exists() and build:
                target = build_index(root)
            path = target
        return cls(Index(Path(path)))

    @property
    def max_name_tokens(self) -> int:
        """Number of words of the longest indexed name (for n-gram scanning)."""
        return int(self.index.meta["max_tokens"])

    def __len__(self) -> int:
        return self.index.n

    # ----------------------------------------------------------------- places

    def _place(
        self, row: int, *, score: float = 1.0, alternatives: tuple[Place, ...] = ()
    ) -> Place:
        fields = self._places.get(row)
        if fields is None:
            ix = self.index
            pid, name, kind, lat, lon, country, a1key, pop, gid = ix.record(row)
            wkb = ix.geometry_wkb(row) if row < ix.n_special else None
            geom = None
            if wkb is not None:
                import shapely

                geom = shapely.from_wkb(wkb)
            admin1 = name if kind is PlaceKind.ADMIN1 else ix.meta["admin1_names"].get(a1key, "")
            fields = (pid, name, kind, lat, lon, country, admin1, pop, gid or None, geom)
            if len(self._places) >= 8 * options.cache_size:
                self._places.clear()
            self._places[row] = fields
        return _new_place(fields, round(float(score), 4), alternatives)

    def get(self, place_id: str) -> Place:
        """Return the place with this id (``"gn:706483"``, ``"country:UA"``, ``"border:RU-UA"``).

        Raises
        ------
        KeyError
            When no place has this id.
        """
        return self._place(self.index.row_of(place_id))

    def admin1_key(self, place: Place) -> str:
        """Return the ``CC.code`` key of the admin-1 unit containing ``place`` (or ``""``)."""
        try:
            row = self.index.row_of(place.id)
        except KeyError:
            return ""
        return self.index.admin1_keys[int(self.index.a1[row])]

    # ----------------------------------------------------------------- candidates

    def _stage_candidates(self, name: str, *, enough: int | None = None) -> list[_Cand]:
        """Candidates of every stage with their match similarity, best stage per row.

        With ``enough``, stages stop as soon as that many candidates are found (a closer
        stage always outranks a looser one, so the best ``enough`` are then known).
        """
        ix = self.index
        found: dict[int, _Cand] = {}

        def add(rows: np.ndarray, stage: int, cap: int, need: int | None = None) -> None:
            # postings are ordered by prominence: with ``need``, the first new rows of a
            # stage are its best (stages 0-2 match exactly, prominence alone orders them)
            added = 0
            for r in rows[:cap].tolist():
                if r not in found:
                    found[r] = _Cand(r, stage, 1.0)
                    added += 1
                    if need is not None and added >= need:
                        return

        def satisfied() -> bool:
            return enough is not None and len(found) >= enough

        add(ix.lookup(0, nm.exact_key(name)), 0, 400, enough)
        if "." in name:  # an explicit abbreviation: "W.Va.", "Calif."
            for r, is_prefix in self._abbreviation_rows(name):
                if r not in found:
                    found[r] = _Cand(r, 0 if is_prefix else 1, 1.0)
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
        if n_close == 0 and not satisfied():
            for key, score in self._fuzzy_keys(qkeys[0]):
                for r in ix.lookup(2, key)[:30].tolist():
                    if r not in found:
                        found[r] = _Cand(r, 4, score)
        loose = [c for c in found.values() if c.stage >= 3]
        if not loose:
            return list(found.values())
        from rapidfuzz import fuzz, process

        all_keys = ix.main_keys
        keys = [all_keys[c.row] for c in loose]
        sims = process.cdist(qkeys, keys, scorer=fuzz.ratio, dtype=np.uint8).max(axis=0) / 100.0
        for c, sim in zip(loose, sims.tolist(), strict=True):
            found[c.row] = _Cand(c.row, c.stage, min(sim, c.sim) if c.stage == 4 else sim)
        return list(found.values())

    def abbreviates_unit(self, name: str) -> bool:
        """Whether a dotted abbreviation shortens an admin-1 unit's name.

        ``"Calif."`` (California), ``"S.C."`` (South Carolina), ``"W.Va."``: each part
        starts with its word's first letter and its other letters follow in order.
        """
        return "." in name and bool(self._abbreviation_rows(name))

    def _abbreviation_rows(self, name: str) -> list[tuple[int, bool]]:
        """Admin-1 units whose name the dotted abbreviation shortens.

        ``W.Va.`` matches West Virginia, ``Calif.`` California: each part starts with its
        word's first letter and its other letters follow in order. Each row comes with
        whether every part is a plain prefix of its word (``Calif.``), the closer match;
        bare initials (``U.S.``) are not, since they fit any name with those initials.
        """
        parts = [p for p in re.split(r"[.\s]+", nm.normalise(name.replace(".", ". "))) if p]
        if not parts or (len(parts) == 1 and len(parts[0]) < 2):
            return []
        # admin-1 names by their words' initials: a part and its word share the first letter
        table = getattr(self, "_abbr_table", None)
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

    def _similarity(self, qkey: str, row: int) -> float:
        from rapidfuzz import fuzz

        return fuzz.ratio(qkey, self.index.main_key(row)) / 100.0

    def _fuzzy_keys(self, qkey: str) -> list[tuple[str, float]]:
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
            score_cutoff=options.fuzzy_cutoff,
        )
        return [(w, s / 100.0) for w, s, _ in hits]

    def _fuzzy_ranges(self) -> tuple[list[str], dict[str, tuple[np.ndarray, np.ndarray, int]]]:
        cached = getattr(self, "_fuzzy_cache", None)
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

    def candidates(self, name: str, *, limit: int = 10) -> list[Place]:
        """Places whose names match ``name``, closest match first, no context.

        Parameters
        ----------
        name : str
            A place name as written (any case, diacritics, Cyrillic, misspelt ...).
        limit : int
            Maximum number of places.

        Returns
        -------
        list of Place
            Each with ``score`` in 0..1; a closer stage always scores higher.
        """
        if not isinstance(name, str):
            raise InputError(f"place name must be a string, not {type(name).__name__}")
        ix = self.index
        prom = ix.prominence_of
        if "." not in name and limit > 0:
            # fast path: enough exact matches, already ordered by prominence in the index
            top = ix.first_rows(0, nm.exact_key(name), limit)
            if len(top) == limit:
                lo, hi = _STAGE_BANDS[0]
                return [
                    self._place(r, score=lo + (hi - lo) * 0.999 * (0.5 * prom(r) + 0.5))
                    for r in top
                ]
        # (-score, -population, row): best score first, then (as in the index) the more
        # populous of equals
        scored = []
        pop = ix.pop
        for row, stage, sim in self._stage_candidates(name, enough=limit):
            lo, hi = _STAGE_BANDS[stage]
            inner = 0.5 * prom(row) + 0.5 * (sim if stage >= 3 else 1.0)
            scored.append((-(lo + (hi - lo) * 0.999 * inner), -int(pop[row]), row))
        scored.sort()
        return [self._place(r, score=-s) for s, _, r in scored[:limit]]

    def is_known(self, surface: str) -> bool:
        """Whether ``surface`` is an indexed name, exactly or once normalised (cheap)."""
        ix = self.index
        if ix.count(0, nm.exact_key(surface)):
            return True
        norm = nm.normalise(surface)
        return bool(norm) and ix.count(1, norm) > 0

    # ----------------------------------------------------------------- countries, borders

    def country(self, code_or_name: str) -> Place | None:
        """Return the country with this ISO code (alpha-2 or alpha-3) or name, or ``None``."""
        text = code_or_name.strip()
        if len(text) == 2 and text.isalpha():
            try:
                return self.get(f"country:{text.upper()}")
            except KeyError:
                return None
        ix = self.index
        code = PlaceKind.COUNTRY
        for c in sorted(self._stage_candidates(text), key=lambda c: c.stage):
            if c.stage <= 2 and ix.kind_of(c.row) is code:
                return self._place(c.row)
        return None

    def country_of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 code of the country a demonym names (``"Russian"`` gives ``"RU"``)."""
        demonyms: dict[str, str] = self.index.meta.get("demonyms", {})
        key = word.strip().casefold()
        hit = demonyms.get(key)
        if hit is None:
            hit = demonyms.get(nm.normalise(word))
        return hit

    def place_of_demonym(self, word: str) -> Place | None:
        """Return the place a demonym names: its country, or the part the word points to.

        Parameters
        ----------
        word : str
            A demonym or country adjective ("Russian", "English").

        Returns
        -------
        Place or None
            Russia for "Russian", England (not the United Kingdom) for "English";
            ``None`` when the word is no demonym.
        """
        row = self._demonym_row(word)
        return None if row is None else self._place(row)

    def _country_code(self, text: str) -> str | None:
        code = self.country_of_demonym(text)
        if code:
            return code
        place = self.country(text)
        return place.country if place else None

    def border(self, a: str, b: str) -> Place | None:
        """Return the border line shared by two countries (codes, names, demonyms) or ``None``."""
        ca, cb = self._country_code(a), self._country_code(b)
        if not ca or not cb or ca == cb:
            return None
        x, y = sorted((ca, cb))
        try:
            return self.get(f"border:{x}-{y}")
        except KeyError:
            return None

    def borders_of(self, country: str) -> list[Place]:
        """Every border line of a country, longest first."""
        code = self._country_code(country)
        if not code:
            return []
        out = []
        for row in self.index.rows_of_kind(PlaceKind.BORDER):
            pid = self.index.place_id(row)
            if code in pid[len("border:") :].split("-"):
                length = float(self.index.meta["feature_codes"].get(row, "0") or 0)
                out.append((length, pid))
        out.sort(key=lambda t: (-t[0], t[1]))
        return [self.get(pid) for _, pid in out]

    def nearest_border_point(
        self, place: Place, border: Place, *, direction: str | None = None
    ) -> tuple[float, float]:
        """Return the point of ``border`` nearest to ``place``, optionally in a direction.

        Parameters
        ----------
        place : Place
            The reference place.
        border : Place
            A place with a line geometry (kind BORDER).
        direction : str, optional
            ``"north"``, ``"north-east"`` ... seen from ``place``: the nearest point within
            45 degrees of that bearing; ``None`` for the nearest point overall.

        Returns
        -------
        tuple of float
            ``(lat, lon)``.
        """
        import shapely

        geom = border.shape
        origin = shapely.Point(place.lon, place.lat)
        if direction is None:
            d = geom.project(origin)
            pt = geom.interpolate(d)
            return (round(pt.y, 6), round(pt.x, 6))
        key = direction.strip().lower().replace(" ", "-")
        if key not in _DIRECTIONS:
            raise InputError(f"unknown direction {direction!r}; use north, north-east, east ...")
        coords = shapely.get_coordinates(shapely.segmentize(geom, 0.02))
        lat0, lon0 = place.lat, place.lon
        dist = great_circle_km(lat0, lon0, coords[:, 1], coords[:, 0])
        y = np.sin(np.radians(coords[:, 0] - lon0)) * np.cos(np.radians(coords[:, 1]))
        x = np.cos(np.radians(lat0)) * np.sin(np.radians(coords[:, 1])) - np.sin(
            np.radians(lat0)
        ) * np.cos(np.radians(coords[:, 1])) * np.cos(np.radians(coords[:, 0] - lon0))
        bearing = (np.degrees(np.arctan2(y, x)) + 360.0) % 360.0
        diff = np.abs((bearing - _DIRECTIONS[key] + 180.0) % 360.0 - 180.0)
        ok = diff <= 45.0
        if not ok.any():
            ok = diff <= 90.0
        if not ok.any():
            ok = np.ones(len(coords), dtype=bool)
        i = int(np.flatnonzero(ok)[np.argmin(dist[ok])])
        return (round(float(coords[i, 1]), 6), round(float(coords[i, 0]), 6))

    def _border_phrase(self, name: str) -> tuple[bool, str | None]:
        norm = " ".join(nm.normalise(name).split())
        for pattern in _BORDER_RE:
            m = pattern.match(norm)
            if m:
                other = m.group("x")
                if other is None:
                    return True, None
                code = self._country_code(other)
                if code:
                    return True, code
        return False, None

    def _border_for(
        self, other: str | None, focus: str | None, mentioned: Sequence[str] = ()
    ) -> Place | None:
        if other and focus and other != focus:
            return self.border(focus, other)
        if other and not focus:
            ranked = [c for c, _ in Counter(mentioned).most_common() if c != other]
            return self.border(other, ranked[0]) if ranked else None
        if not other and focus:
            ranked = [c for c, _ in Counter(mentioned).most_common() if c != focus]
            for cand in ranked:
                b = self.border(focus, cand)
                if b is not None:
                    return b
        return None

    # ----------------------------------------------------------------- reverse

    def reverse(self, lat: float, lon: float) -> Place | None:
        """Return the settlement nearest to ``(lat, lon)``, or ``None`` for an empty index."""
        import shapely

        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise InputError(f"({lat}, {lon}) is not a WGS84 latitude/longitude pair")
        if self._tree is None:
            rows = np.flatnonzero(np.asarray(self.index.kind) == KINDS.index(PlaceKind.SETTLEMENT))
            self._tree_rows = rows
            self._tree = shapely.STRtree(
                shapely.points(np.asarray(self.index.lon)[rows], np.asarray(self.index.lat)[rows])
            )
        hits = self._tree.query_nearest(shapely.Point(lon, lat), all_matches=False)
        if len(hits) == 0:
            return None
        return self._place(int(self._tree_rows[int(hits[0])]))

    # ----------------------------------------------------------------- resolution

    def _base_scores(
        self,
        name: str,
        cands: list[_Cand],
        cue_words: frozenset[str],
        kinds: frozenset[PlaceKind] | None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ix = self.index
        rows = np.array([c.row for c in cands], dtype=np.int64)
        match = np.array(
            [_STAGE_MATCH[c.stage] * (1.0 if c.stage < 3 else (0.6 + 0.4 * c.sim)) for c in cands]
        )
        prom = np.asarray(ix.prom)[rows].astype(np.float64)
        kind = np.asarray(ix.kind)[rows]
        pop = np.asarray(ix.pop)[rows]
        wsum = options.w_match + options.w_prominence
        base = (options.w_match * match + options.w_prominence * prom) / wsum
        qnorm = nm.normalise(name)
        main = np.array(
            [c.stage <= 1 and nm.normalise(ix.name(c.row)) == qnorm for c in cands], dtype=bool
        )
        base += np.where(main, options.w_main_name, 0.0)
        if len(name) <= 3 and name.isupper():
            # "EU", "UK": an acronym, not a place called "Eu" that it happens to spell
            base -= np.where(main, options.seat_penalty, 0.0)
        settlement = kind == KINDS.index(PlaceKind.SETTLEMENT)
        areal = np.isin(
            kind, [KINDS.index(k) for k in (PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION)]
        )
        # units share one prominence; among equals the more populous one wins ("Ill.":
        # Illinois, not Illizi)
        base += np.where(areal, options.w_unit_population * np.log10(pop + 1.0) / 9.0, 0.0)
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
            base -= np.where(seat, options.seat_penalty, 0.0)
            if "county" in cue_words or "parish" in cue_words:
                base += np.where(kind == KINDS.index(PlaceKind.ADMIN2), 0.1, 0.0)
        # a country's bare name means the country, not its places of that name ("Mexico":
        # not Mexico City or the State of Mexico)
        is_country = kind == _COUNTRY
        if is_country.any():
            own = np.zeros(len(rows), dtype=bool)
            for i in np.flatnonzero(is_country):
                own |= (cc == cc[i]) & ~is_country & (stage >= stage[i])
            base -= np.where(own, options.seat_penalty, 0.0)
        if cue_words & _FEATURE_CUES:
            base += np.where(kind == KINDS.index(PlaceKind.FEATURE), 0.2, 0.0)
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

    def _pool(
        self, name: str, cue_words: frozenset[str], kinds: frozenset[PlaceKind] | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        cands = self._cand_cache.get(name)
        if cands is None:
            cands = self._stage_candidates(name)
            if not any(c.stage <= 1 for c in cands):
                cands = self._inhabitant_candidates(name) + cands
            if len(self._cand_cache) >= options.cache_size:
                self._cand_cache.clear()
            self._cand_cache[name] = cands
        if not cands:
            z = np.zeros(0)
            return z.astype(np.int64), z, z
        rows, base, match = self._base_scores(name, cands, cue_words, kinds)
        keep = np.argsort(-base, kind="stable")[: options.candidate_pool]
        return rows[keep], base[keep], match[keep]

    def _inhabitant_candidates(self, name: str) -> list[_Cand]:
        """Places an inhabitant name points to ("Minnesotans", "Ontarians", "Gazans").

        Common English suffixes of inhabitant names are replaced by common endings of
        place names; an exact or normalised match that is a country, admin-1 unit,
        region or large city becomes a transliteration-stage candidate.
        """
        norm = nm.normalise(name)
        words = norm.split()
        if not words or len(words[-1]) < 5:
            return []
        head, last = " ".join(words[:-1]), words[-1]
        found: dict[int, _Cand] = {}
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
                        found[r] = _Cand(r, 2, 1.0)
        return list(found.values())

    def _finish(self, rows: np.ndarray, total: np.ndarray, *, n_alt: int = 4) -> Place | None:
        if len(rows) == 0:
            return None
        order = np.argsort(-total, kind="stable")
        best = int(order[0])
        score = float(np.clip(total[best], 0.0, 1.0))
        if score < options.abstain_below:
            return None
        alts = tuple(
            self._place(int(rows[i]), score=float(np.clip(total[i], 0.0, 1.0)))
            for i in order[1 : 1 + n_alt]
            if total[i] > 0
        )
        return self._place(int(rows[best]), score=score, alternatives=alts)

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

        Parameters
        ----------
        name : str
            The mention as written.
        cues : iterable of str
            Words around the mention (``"village"``, ``"city"``, ``"region"``, ``"border"``...).
        kinds : iterable of PlaceKind, optional
            Allowed kinds.
        country : str, optional
            ISO alpha-2 code of the document's focus country.
        near : tuple of float, optional
            ``(lat, lon)`` of related places: closer candidates are preferred.
        context : iterable of Place or str, optional
            Other places (or names) of the same text.

        Returns
        -------
        Place or None
            With ``score`` and ``alternatives``; ``None`` below the threshold.
        """
        ranked = self.rank(
            name, cues=cues, kinds=kinds, country=country, near=near, context=context, limit=5
        )
        if not ranked or ranked[0].score < options.abstain_below:
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

        Parameters are those of :meth:`resolve`, plus:

        Parameters
        ----------
        name : str
            The mention as written.
        cues, kinds, country, near, context
            See :meth:`resolve`.
        countries : iterable of str, optional
            Keep only places in these countries (ISO alpha-2), a hard filter.
        limit : int
            Maximum number of places.

        Returns
        -------
        list of Place
            Each with its ``score``; scores below :data:`ABSTAIN_BELOW` mean "unsure".
        """
        if not isinstance(name, str):
            raise InputError(f"place name must be a string, not {type(name).__name__}")
        ctx_places = [p if isinstance(p, Place) else self.resolve(str(p)) for p in (context or ())]
        ctx_places = [p for p in ctx_places if p is not None]
        focus = country.upper() if country else None
        mentioned = [p.country for p in ctx_places if p.kind is PlaceKind.COUNTRY]
        cue_words = _cue_words(cues)
        is_border, other = self._border_phrase(name)
        border = None
        if is_border:
            border = self._border_for(other, focus, mentioned)
        elif cue_words & _BORDER_CUES and focus:
            code = self._country_code(name)
            if code and code != focus:
                border = self.border(focus, code)
        if is_border or border is not None:
            return [replace(border, score=0.9)] if border is not None else []
        kind_set = frozenset(kinds) if kinds is not None else None
        rows, base, match = self._memo_pool(name, cue_words, kind_set)
        rows, base, _ = self._with_demonym(name, rows, base, match)
        if countries is not None:
            wanted = [self._cc_code(c.upper()) for c in countries]
            keep = np.isin(np.asarray(self.index.cc)[rows], wanted)
            rows, base = rows[keep], base[keep]
        if len(rows) == 0:
            return []
        total = base.copy()
        gate = _context_gate(base)
        ix = self.index
        lat = np.asarray(ix.lat)[rows]
        lon = np.asarray(ix.lon)[rows]
        if focus:
            in_focus = np.asarray(ix.cc)[rows] == self._cc_code(focus)
            total += np.where(in_focus, options.w_focus, 0.0)
        if near is not None:
            d = great_circle_km(near[0], near[1], lat, lon)
            total += 0.15 * np.exp(-d / 150.0)
        if ctx_places:
            total += gate * self._coherence(rows, lat, lon, ctx_places, [1.0] * len(ctx_places))
        order = np.argsort(-total, kind="stable")[:limit]
        return [self._place(int(rows[i]), score=float(np.clip(total[i], 0.0, 1.0))) for i in order]

    def _cc_code(self, code: str) -> int:
        try:
            return self.index.countries.index(code)
        except ValueError:
            return -1

    def _with_demonym(
        self, name: str, rows: np.ndarray, base: np.ndarray, match: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Put the country a demonym names ("Russian": Russia) first among the candidates."""
        row = self._demonym_row(name)
        if row is None:
            return rows, base, match
        wsum = options.w_match + options.w_prominence
        prom = float(self.index.prom[row])
        score = (options.w_match * 0.97 + options.w_prominence * prom) / wsum
        keep = rows != row
        if keep.any():
            # a country's demonym names that country: places it merely resembles ("Chin"
            # for "Chinese") stay out of the context's reach
            score = max(score, float(base[keep].max()) + options.context_tie + options.context_ramp)
        return (
            np.concatenate([[row], rows[keep]]).astype(np.int64),
            np.concatenate([[score], base[keep]]),
            np.concatenate([[0.97], match[keep]]),
        )

    def _demonym_row(self, word: str) -> int | None:
        """Return the row a demonym names (see :meth:`place_of_demonym`), or ``None``."""
        code = self.country_of_demonym(word)
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
            rows = [c.row for c in self._inhabitant_candidates(name)]
            cc = self._cc_code(code)
            units = [
                r
                for r in rows
                if int(self.index.kind[r]) in (_A1, _REGION) and int(self.index.cc[r]) == cc
            ]
            hit = units[0] if len(units) == 1 and country_row not in rows else -1
            self._demonym_units[name] = hit
        return country_row if hit < 0 else hit

    def _coherence(
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
        """
        return self._context_coherence(rows, lat, lon, self._context(others, weights))

    def _context(
        self, others: Sequence[Place], weights: Sequence[float]
    ) -> list[tuple[tuple[int, int, int, float, float], float]]:
        """Return the places that lend coherence, as ``(_context_features, weight)`` pairs."""
        return [
            (self._context_features(p), w)
            for p, w in zip(others, weights, strict=True)
            if w > 0 and p.kind in _COHERENCE_GROUP
        ]

    def _context_coherence(
        self,
        rows: np.ndarray,
        lat: np.ndarray,
        lon: np.ndarray,
        context: Sequence[tuple[tuple[int, int, int, float, float], float]],
    ) -> np.ndarray:
        """:meth:`_coherence` with the other places given by :meth:`_context`."""
        coh = np.zeros(len(rows))
        if not context:
            return coh
        agree = self._agreement(rows, lat, lon, [f for f, _ in context])
        weight = np.array([w for _, w in context])[:, None]
        coh = np.maximum(coh, (weight * agree).max(axis=0))
        return options.w_coherence * coh

    def _context_features(self, place: Place) -> tuple[int, int, int, float, float]:
        """Return what ``_agreement`` needs of a place: group, admin-1 and country codes, point."""
        cc = self._country_codes().get(place.country, -1) if place.country else -2
        return (
            _COHERENCE_GROUP[place.kind],
            self._a1_code_of(place),
            cc,
            place.lat,
            place.lon,
        )

    def _country_codes(self) -> dict[str, int]:
        """Index code of each country (the first, as :meth:`_cc_code` finds it)."""
        codes: dict[str, int] | None = getattr(self, "_cc_lookup", None)
        if codes is None:
            codes = {}
            for i, c in enumerate(self.index.countries):
                codes.setdefault(c, i)
            self._cc_lookup = codes
        return codes

    def _agreement(
        self,
        rows: np.ndarray,
        lat: np.ndarray,
        lon: np.ndarray,
        context: Sequence[tuple[int, int, int, float, float]],
    ) -> np.ndarray:
        """Agreement (0..1) of each context place (rows) with each candidate (columns).

        ``context`` holds :meth:`_context_features` tuples. How a place agrees depends on
        its group (settlement-like, admin-1 unit, region, country) and on the candidate's
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

    def _joint_candidates(self, names: Sequence[str], pools: Sequence[np.ndarray]) -> _Joint:
        """Every mention's candidates side by side, for one coherence pass per round."""
        ids: dict[str, int] = {}
        owner = [ids.setdefault(nm.normalise(x), len(ids)) for x in names]
        sizes = [len(rows) for rows in pools]
        rows = np.concatenate(pools) if pools else np.zeros(0, dtype=np.int64)
        return _Joint(
            rows,
            self.index.lat[rows],
            self.index.lon[rows],
            np.repeat(np.array(owner, dtype=np.int64), sizes),
            owner,
            np.cumsum([0, *sizes]).tolist(),
            {},
            {},
        )

    def _joint_coherence(
        self, joint: _Joint, current: Sequence[tuple[int, int, float]]
    ) -> list[np.ndarray]:
        """Coherence of every mention's candidates with the other mentions' leading ones.

        ``current`` holds ``(mention, row, weight)``. Equals :meth:`_coherence` per
        mention, with the candidates of the mention itself and of every mention of the
        same (normalised) name left out of its context.
        """
        context, weights, owners = [], [], []
        for i, row, weight in current:
            if row not in joint.features:
                p = self._place(row)
                joint.features[row] = (
                    self._context_features(p) if p.kind in _COHERENCE_GROUP else None
                )
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
                new = self._agreement(joint.rows, joint.lat, joint.lon, feats)
                joint.agree.update(zip(todo, new, strict=True))
            agree = np.array([joint.agree[r] for r in context])
            weighted = np.array(weights)[:, None] * agree
            weighted[np.array(owners)[:, None] == joint.names[None, :]] = 0.0
            coh = options.w_coherence * np.maximum(coh, weighted.max(axis=0))
        b = joint.bounds
        return [coh[b[i] : b[i + 1]] for i in range(len(b) - 1)]

    def _a1_code_of(self, place: Place) -> int:
        """Index code of the admin-1 unit a place lies in (-2 when none), cached by id."""
        code = self._a1_code_cache.get(place.id)
        if code is None:
            key = self.admin1_key(place)
            code = self._a1_code_cache[place.id] = self._a1_code(key) if key else -2
        return code

    def main_locality(self, places: Sequence[Place]) -> Place | None:
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

    def _memo_pool(
        self, name: str, cue_words: frozenset[str], kinds: frozenset[PlaceKind] | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``_pool``, remembered: the same names come back in document after document.

        The arrays are shared between calls and read-only. The memo is bounded and is
        emptied when any resolver option changes.
        """
        stamp = tuple(vars(options).values())
        memo = self._pool_memo
        if memo is None or memo[0] != stamp:
            memo = self._pool_memo = (stamp, {})
        key = (name, cue_words, kinds)
        hit = memo[1].get(key)
        if hit is None:
            if len(memo[1]) >= 8 * options.cache_size:
                memo[1].clear()
            hit = self._pool(name, cue_words, kinds)
            for array in hit:
                array.flags.writeable = False
            memo[1][key] = hit
        return hit

    def _resolve_part(
        self,
        name: str,
        anchors: Sequence[tuple[tuple[int, int, int, float, float], float]],
        share: dict[int, float],
        cue_words: frozenset[str],
        *,
        anchored: bool,
    ) -> Place | None:
        """Resolve a multi-word name that does not resolve by its best resolvable part.

        "Colchester Hospital" is in Colchester, "Dulles International Airport" at
        Dulles: the part is resolved in the document's context and its score lowered.
        ``anchors`` are the document's resolved places as :meth:`_context` gives them;
        ``anchored`` says whether the document has any resolved place.
        """
        best: tuple[float, Place] | None = None
        ix = self.index
        for part in _parts(name)[:12]:
            rows, base, _ = self._memo_pool(part, cue_words, None)
            if len(rows) == 0:
                continue
            f = np.array([share.get(c, 0.0) for c in ix.cc[rows].tolist()])
            coh = self._context_coherence(rows, ix.lat[rows], ix.lon[rows], anchors)
            total = base + options.w_focus * f + coh
            b = int(np.argmax(total))
            if anchored and coh[b] < 0.3 * options.w_coherence:
                continue  # a part that fits nowhere in the document is a guess
            score = float(total[b]) * options.part_factor
            if score >= options.abstain_below and (best is None or score > best[0]):
                best = (score, self._place(int(rows[b]), score=min(1.0, score)))
        return best[1] if best else None

    def _a1_code(self, key: str) -> int:
        lookup = getattr(self, "_a1_lookup", None)
        if lookup is None:
            lookup = {k: i for i, k in enumerate(self.index.admin1_keys)}
            self._a1_lookup = lookup
        return lookup.get(key, -2)

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

        The document's country focus (countries named, countries of unambiguous places)
        and the coherence of the places (distance, shared admin-1 unit, containment)
        are added to each mention's own score; two rounds let the mentions agree.

        Parameters
        ----------
        names : sequence of str
            The mentions, in text order.
        cues : sequence of iterables of str, optional
            Cue words per mention.
        country : str, optional
            ISO alpha-2 focus country given by the caller.
        kinds : sequence, optional
            Allowed kinds per mention (``None`` entries allow every kind).
        backoff : bool
            Give mentions that resolve to nothing the document's main locality (its most
            often named settlement) with a low score (``options.backoff_score`` times its
            own) instead of ``None``; for the given-spans regime, where every span is known
            to be a place of the text.

        Returns
        -------
        list of Place or None
            One entry per mention (``None`` = abstain).
        """
        names = list(names)
        n = len(names)
        if cues is not None and len(cues) != n:
            raise InputError(f"cues has {len(cues)} entries for {n} names")
        if kinds is not None and len(kinds) != n:
            raise InputError(f"kinds has {len(kinds)} entries for {n} names")
        cue_sets = [_cue_words(cues[i]) if cues is not None else frozenset() for i in range(n)]
        kind_sets = [
            frozenset(kinds[i]) if kinds is not None and kinds[i] is not None else None
            for i in range(n)
        ]
        focus_given = country.upper() if country else None
        border_idx: dict[int, str | None] = {}
        pools: list[tuple[np.ndarray, np.ndarray]] = []
        matches: list[np.ndarray] = []
        for i, name in enumerate(names):
            is_border, other = self._border_phrase(name)
            if is_border:
                border_idx[i] = other
                pools.append((np.zeros(0, dtype=np.int64), np.zeros(0)))
                matches.append(np.zeros(0))
                continue
            rows, base, match = self._memo_pool(name, cue_sets[i], kind_sets[i])
            rows, base, match = self._with_demonym(name, rows, base, match)
            pools.append((rows, base))
            matches.append(match)
        ix = self.index
        cc_all = np.asarray(ix.cc)
        country_kind = KINDS.index(PlaceKind.COUNTRY)
        # country focus from the mentions' own best candidates
        # (one vote per distinct name, weighted by how surely the name points to one country)
        votes: Counter[int] = Counter()
        voted: set[str] = set()
        for i, (rows, base) in enumerate(pools):
            key = nm.normalise(names[i])
            if len(rows) == 0 or key in voted:
                continue
            voted.add(key)
            b = int(np.argmax(base))
            if base[b] < options.abstain_below:
                continue
            elsewhere = base[cc_all[rows] != cc_all[rows[b]]]
            margin = float(base[b] - elsewhere.max()) if len(elsewhere) else 1.0
            weight = min(1.0, max(0.1, 5.0 * margin))
            if ix.kind[rows[b]] == country_kind:
                weight *= 2.0
            votes[int(cc_all[rows[b]])] += weight
        total_votes = sum(votes.values())
        if focus_given:
            code = self._cc_code(focus_given)
            votes[code] += max(total_votes, 1.0)
            total_votes = sum(votes.values())
        share = {c: v / total_votes for c, v in votes.items()} if total_votes else {}
        totals: list[np.ndarray] = []
        gates = [_context_gate(base) for _, base in pools]
        focus_f: list[np.ndarray] = []
        for rows, base in pools:
            f = np.array([share.get(c, 0.0) for c in cc_all[rows].tolist()])
            focus_f.append(f)
            totals.append(base + gates[len(totals)] * options.w_focus * f if len(rows) else f)
        results: list[Place | None] = [None] * n
        cohs: list[np.ndarray] = [np.zeros(len(r)) for r, _ in pools]
        joint = self._joint_candidates(names, [rows for rows, _ in pools])
        for _ in range(options.rounds):
            # each mention's leading candidates, weighted by how close they are to its best:
            # two ambiguous names that fit together (a town and its county) lift each other
            current: list[tuple[int, int, float]] = []
            for i, (rows, _) in enumerate(pools):
                if len(rows) == 0:
                    continue
                t = totals[i]
                order = np.argsort(-t, kind="stable")[: options.soft_candidates]
                best = float(t[order[0]])
                if best < options.abstain_below:
                    continue
                second = float(t[order[1]]) if len(order) > 1 else best - 0.15
                conf = min(1.0, 0.4 + 2.0 * (best - second))
                for k in order.tolist():
                    weight = conf if k == order[0] else np.exp(-(best - float(t[k])) * 10.0) * 0.8
                    if weight >= 0.05:
                        current.append((i, int(rows[k]), float(weight)))
            round_cohs = self._joint_coherence(joint, current)
            new_totals = []
            for i, (rows, base) in enumerate(pools):
                if len(rows) == 0:
                    new_totals.append(totals[i])
                    continue
                coh = gates[i] * round_cohs[i]
                cohs[i] = coh
                new_totals.append(base + gates[i] * (options.w_focus * focus_f[i]) + coh)
            totals = new_totals
        mentioned = []
        n_placed = sum(1 for rows, _ in pools if len(rows))
        for i, (rows, _) in enumerate(pools):
            if len(rows):
                b = int(np.argmax(totals[i]))
                loose = matches[i][b] < _LOOSE_MATCH
                if (
                    loose
                    and n_placed >= 3
                    and cohs[i][b] < 0.3 * options.w_coherence
                    and share.get(int(cc_all[rows[b]]), 0.0) < 0.25
                ):
                    continue  # a loose match that fits nowhere in the document: a guess
                results[i] = self._finish(rows, totals[i])
                if results[i] is not None and results[i].kind is PlaceKind.COUNTRY:
                    mentioned.append(results[i].country)
        focus = focus_given or (
            ix.countries[max(share, key=lambda c: (share[c], -c))] if share else None
        )
        resolved = [p for p in results if p is not None]
        anchors = self._context(resolved, [1.0] * len(resolved))
        for i in range(n):
            if results[i] is None and i not in border_idx:
                results[i] = self._resolve_part(
                    names[i], anchors, share, cue_sets[i], anchored=bool(resolved)
                )
        if backoff:
            anchor = self.main_locality([p for p in results if p is not None])
            for i in range(n):
                if results[i] is None and i not in border_idx and anchor is not None:
                    results[i] = replace(
                        anchor,
                        score=round(options.backoff_score * anchor.score, 4),
                        alternatives=(),
                    )
        for i, other in border_idx.items():
            results[i] = self._border_for(other, focus, mentioned)
        for i in range(n):
            if i in border_idx or not (cue_sets[i] & _BORDER_CUES) or not focus:
                continue
            p = results[i]
            if p is not None and p.kind is PlaceKind.COUNTRY and p.country != focus:
                results[i] = self.border(focus, p.country) or p
        return results
