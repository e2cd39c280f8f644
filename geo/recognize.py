"""Toponym recognition in raw text, and end-to-end geoparsing.

Recognition is driven by the gazetteer: capitalised token n-grams are looked up
longest first (:meth:`Gazetteer.is_known`), country adjectives and demonyms
through :meth:`Gazetteer.country_of_demonym`, border phrases ("the Russian
border", "the border with Russia") by pattern, and capitalised words the index
does not know (misspellings, machine-translation garble) through the resolver's
loose matching stages when the context says "place" ("the village of X", "in X")
or the document's countries agree.  General negative evidence removes people
(given names, titles, reporting verbs, surnames seen earlier), organisations,
months, weekdays and common words at a sentence start.  spaCy NER is an optional
extra signal, never the only recogniser.

Examples
--------
>>> from gazetteer import Gazetteer                      # doctest: +SKIP
>>> gaz = Gazetteer.load()                               # doctest: +SKIP
>>> [m.text for m in recognize("Shelling hit Kharkiv region.", gaz)]  # doctest: +SKIP
['Kharkiv region']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from gazetteer.exc import InputError
from gazetteer.model import Place, PlaceKind
from gazetteer.names import normalise, skeleton, strip_generic, translit_keys
from gazetteer.resolver import options as gaz_options
from geo import recognize_rules as R
from geo.model import Article, Mention
from geo.relative import distance_km

__all__ = [
    "RecognizerOptions",
    "geoparse",
    "geoparse_record",
    "options",
    "recognize",
]

_BIG_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION, PlaceKind.CONTINENT})


@dataclass(frozen=True)
class RecognizerOptions:
    """Tunable thresholds of the recogniser (module default: :data:`options`).

    Attributes
    ----------
    max_tokens : int
        Longest n-gram tried against the gazetteer (capped by ``gaz.max_name_tokens``).
    fuzzy : bool
        Try unknown capitalised words against the resolver's loose stages.
    fuzzy_min_cued : float
        Minimum candidate score for an unknown word in a place context
        ("village of X", "in X", "X region").
    fuzzy_min_focus : float
        Minimum score for an unknown word without such a context whose best
        candidate lies in one of the document's countries.
    fuzzy_min_len : int
        Shortest unknown word tried (characters).
    fuzzy_min_similarity, fuzzy_min_similarity_alone : float
        Minimum spelling closeness (:func:`_similarity`) between the unknown
        word and the matched place's name, with and without a place context.
    demonyms : bool
        Emit country adjectives and demonyms ("Turkish", "Russians") as mentions
        (cue ``"demonym"``), resolved to the country.
    small_org_population : int
        A place name directly followed by an organisation word ("X Foundation")
        is dropped unless the place is larger than this.
    big_population, mid_population : int
        A one-word name of a smaller place than ``big_population`` needs
        support (a cue, or the document's country); below ``mid_population`` it
        needs a cue.
    neighbour_km : float
        A small place without such support is still a mention when a settlement of
        that name lies this close to one of the document's other settlements.
    """

    max_tokens: int = 6
    fuzzy: bool = True
    fuzzy_min_cued: float = 0.7
    fuzzy_min_focus: float = 0.8
    fuzzy_min_len: int = 4
    fuzzy_min_similarity: float = 0.75
    fuzzy_min_similarity_alone: float = 0.9
    demonyms: bool = True
    small_org_population: int = 100_000
    big_population: int = 100_000
    mid_population: int = 10_000
    neighbour_km: float = 50.0


#: Module-level defaults; pass ``options=RecognizerOptions(...)`` to override.
options = RecognizerOptions()


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    cap: bool  # first letter upper case
    upper: bool  # whole word upper case (2+ letters)
    weak: bool  # sentence start or headline: capitalisation says little
    poss: bool  # followed by a split-off "'s"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    name: str  # what the resolver is asked for
    cues: tuple[str, ...] = ()
    kind: str = "place"  # "place" | "demonym" | "border"
    countries: tuple[str, ...] = ()  # ISO2 codes for demonyms and borders
    fuzzy: bool = False
    fallback: str = ""  # a shorter name to try when ``name`` does not resolve
    lone: bool = False  # one word, matched exactly, nothing added to it
    in_run: bool = False  # next to other capitalised words that are not part of the name


@dataclass
class _Doc:
    text: str
    toks: list[_Tok]
    lower_words: set[str]
    person_words: set[str] = field(default_factory=set)
    person_spans: list[tuple[int, int]] = field(default_factory=list)
    ner_places: list[tuple[int, int]] = field(default_factory=list)
    # the last accepted place mention: (end offset, its cues), for "X and Y" lists
    last_place: tuple[int, tuple[str, ...]] = (-1, ())


# ---------------------------------------------------------------- tokenising


def _tokenise(text: str) -> list[_Tok]:
    raw = [(m.start(), m.group()) for m in R.TOKEN_RE.finditer(text)]
    headline = _headline_lines(text, raw)
    toks: list[_Tok] = []
    append = toks.append
    prev_end = 0
    prev_word = ""
    for s, w in raw:
        e = s + len(w)
        poss = False
        if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
            w, e, poss = w[:-2], e - 2, True
        if w.isascii():
            upper = w.isupper() and sum(c.isalpha() for c in w) >= 2
        else:
            letters = [c for c in w if c.isalpha()]
            upper = len(letters) >= 2 and all(c.isupper() for c in letters)
        if prev_end and s == prev_end + 1 and text[prev_end] == " ":
            weak = s in headline  # one space after a word: never a sentence start
        else:
            weak = _sentence_start(text, prev_end, s, prev_word) or (s in headline)
        append(_Tok(s, e, w, w[0].isupper(), upper, weak, poss))
        prev_end, prev_word = e, w
    return toks


def _sentence_start(text: str, prev_end: int, start: int, prev_word: str) -> bool:
    gap = text[prev_end:start]
    if prev_end == 0:
        return True
    if "\n" in gap:
        return True
    core = gap.strip(" \t\"'“”‘’([«»")
    if not core:
        return False
    if core[-1] in "!?:;•" or core[0] in "!?:;•":
        return True
    if core[0] == "." or core[-1] == ".":
        # "U.S. officials", "St. Louis", "Mr. Smith": an abbreviation, not a full stop.
        return not ("." in prev_word or prev_word.lower() in R.PERSON_TITLES or len(prev_word) <= 2)
    return core[0] in "—–-" and len(core) == 1 and "\n" in gap


def _headline_lines(text: str, words: list[tuple[int, str]]) -> set[int]:
    """Start offsets of tokens on title-case lines (most words capitalised).

    ``words`` holds every token's start offset and text as matched, in text order.
    """
    out: set[int] = set()
    n = len(words)
    k = 0
    line_start = 0
    while k < n:
        # the line of word k: from the newline before it to the next newline
        line_start = text.rfind("\n", line_start, words[k][0]) + 1 or line_start
        nl = text.find("\n", words[k][0])
        end = len(text) if nl < 0 else nl
        j = k
        while j < n and words[j][0] < end:
            j += 1
        line_words = words[k:j]
        long = [w for _, w in line_words if len(w) > 3 and w[0].isalpha()]
        if len(line_words) >= 3 and long:
            caps = sum(1 for w in long if w[0].isupper())
            if caps / len(long) >= 0.75 and not text[line_start:end].rstrip().endswith(
                (".", "”", '"')
            ):
                out.update(start for start, _ in line_words)
        k = j
        line_start = end + 1
    return out


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    if gap in (" ", "-", "‑"):
        return True
    # "St. Louis", "Ft. Worth" (and in a capitals dateline "ST. LOUIS"): a short
    # abbreviation's full stop.
    return gap == ". " and len(a.text) <= 3 and a.cap and (not a.upper or b.upper)


# ---------------------------------------------------------------- evidence


def _person_evidence(doc: _Doc, lk: _Lookup) -> None:
    """Collect words that name people in this document (document-wide)."""
    toks, text = doc.toks, doc.text
    given = R.given_names()
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.cap or t.upper:
            i += 1
            continue
        j = i
        while j + 1 < n and toks[j + 1].cap and text[toks[j].end : toks[j + 1].start] in (" ",):
            j += 1
            if toks[j].poss:
                break
        run = toks[i : j + 1]
        low0 = t.text.lower()
        prev = toks[i - 1] if i > 0 else None
        titled = (
            prev is not None
            and prev.text.lower() in R.PERSON_TITLES
            and (
                text[prev.end : t.start] == " "
                or (text[prev.end : t.start] == ". " and len(prev.text) <= 4 and prev.cap)
            )
        )
        if low0 in R.PERSON_TITLES and len(run) >= 2:
            # "President Joe Biden", "Governor Synehubov": everything after the title.
            doc.person_words.update(x.text for x in run[1:])
            doc.person_spans.append((run[1].start, run[-1].end))
        elif titled:
            doc.person_words.update(x.text for x in run)
            doc.person_spans.append((run[0].start, run[-1].end))
        elif len(run) >= 2 and low0 in given and not lk.is_known(text[run[0].start : run[-1].end]):
            # an acronym is not part of a personal name ("Henry Lazenby US-based")
            name = [run[0], *(x for x in run[1:] if not x.upper or t.upper)]
            doc.person_words.update(x.text for x in name[1:])
            doc.person_spans.append((name[0].start, name[-1].end))
        elif 2 <= len(run) <= 3 and _looks_like_person(doc, lk, run):
            doc.person_words.update(x.text for x in run[1:] if not _big(lk, x.text))
            doc.person_spans.append((run[0].start, run[-1].end))
        i = j + 1
    # "..., said Wolff." / "Wolff said": a lone capitalised word next to a reporting verb
    # that the gazetteer does not know as a country or region.
    for k, t in enumerate(toks):
        if not t.cap or t.upper or t.poss:
            continue
        before = toks[k - 1].text.lower() if k > 0 else ""
        after = toks[k + 1].text.lower() if k + 1 < n else ""
        tail = text[t.end : t.end + 1]
        said_x = (
            before in ("said", "says")
            and text[toks[k - 1].end : t.start] == " "
            and tail in (".", ",", "")
        )
        x_said = (
            after in R.SPEECH_VERBS
            and text[t.end : toks[k + 1].start] == " "
            and (k == 0 or not toks[k - 1].cap or t.weak)
            # "who was from Dewsbury said": the place ends a clause, nobody speaks
            and before not in R.PLACE_PREPOSITIONS
        )
        if (said_x or x_said) and not _big(lk, t.text):
            doc.person_words.add(t.text)


def _big(lk: _Lookup, surface: str) -> bool:
    """Tell a country, region, demonym or large city: too prominent to be a person."""
    if lk.demonym(surface):
        return True
    if not lk.is_known(surface):
        return False
    top = lk.top(surface)
    return top is not None and (top.kind in _BIG_KINDS or top.population >= 100_000)


def _looks_like_person(doc: _Doc, lk: _Lookup, run: list[_Tok]) -> bool:
    """Tell "Conor McGregor": an unknown first word, then a surname the gazetteer knows."""
    first, last = run[0], run[-1]
    fl = first.text.lower()
    if (
        not first.text.isalpha()
        or len(first.text) < 3
        or first.upper
        or fl in R.common_words()
        or fl in R.DIRECTIONS
        or fl in R.CONNECTORS
        or lk.is_known(first.text)
        or lk.demonym(first.text)
        or R.CONTINENT_ADJECTIVES.get(fl)
    ):
        return False
    whole = doc.text[first.start : last.end]
    if lk.is_known(whole) or last.text.lower() in R.common_words():
        return False
    return lk.is_known(last.text) and not _big(lk, last.text)


def _camel(w: str) -> bool:
    """Mixed-case short tokens such as "MPs", "MoD": abbreviations, not names."""
    inner = w[1:]
    return len(w) <= 5 and any(c.isupper() for c in inner) and any(c.islower() for c in inner)


def _contraction(w: str) -> bool:
    """Tell "I'm", "We're", "It'll": an English contraction, never a name."""
    low = w.lower().replace("’", "'")
    return "'" in low and low.rsplit("'", 1)[1] in ("m", "re", "ve", "ll", "d", "t", "s")


def _org_head(doc: _Doc, j: int) -> bool:
    """Token ``j`` heads "X of Y" with Y capitalised ("University of ...", "Bank of ...")."""
    toks, text = doc.toks, doc.text
    return (
        j + 2 < len(toks)
        and toks[j + 1].text == "of"
        and toks[j + 2].cap
        and text[toks[j].end : toks[j + 2].start] == " of "
    )


def _in_spans(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


# ---------------------------------------------------------------- lookups


#: Look-up caches shared by the documents parsed with one gazetteer: (gazetteer, caches).
_SHARED: list[tuple[Any, dict[str, dict[Any, Any]]]] = []
_SHARED_MAX = 200_000  # entries per cache before it is emptied


class _Lookup:
    """Caches around the gazetteer's cheap and loose look-ups.

    The answers depend on the gazetteer and the query alone, so they are shared by
    every document parsed with the same gazetteer (bounded in size).
    """

    def __init__(self, gaz: Any) -> None:
        self.gaz = gaz
        if not _SHARED or _SHARED[0][0] is not gaz:
            _SHARED[:] = [
                (gaz, {k: {} for k in ("known", "spelt", "abbr", "dem", "cand", "cands", "best")})
            ]
        caches = _SHARED[0][1]
        for cache in caches.values():
            if len(cache) > _SHARED_MAX:
                cache.clear()
        self.known: dict[str, bool] = caches["known"]
        self.spelt: dict[str, bool] = caches["spelt"]
        self.abbr: dict[str, bool] = caches["abbr"]
        self.dem: dict[str, str | None] = caches["dem"]
        self.cand: dict[str, Place | None] = caches["cand"]
        self.cands: dict[str, list[Place]] = caches["cands"]
        self.best: dict[tuple[str, tuple[str, ...], str | None], Place | None] = caches["best"]

    def is_known(self, s: str) -> bool:
        v = self.known.get(s)
        if v is None:
            v = bool(self.gaz.is_known(s))
            if not v and "." in s and s.replace(".", "").isalpha():
                v = bool(self.gaz.is_known(s.replace(".", "")))
            self.known[s] = v
        return v

    def abbreviation(self, s: str) -> bool:
        """Whether ``s`` ("Calif.", "S.C.") abbreviates a first-level unit's name."""
        v = self.abbr.get(s)
        if v is None:
            v = self.abbr[s] = bool(self.gaz.abbreviates_unit(s))
        return v

    def spelt_known(self, s: str) -> bool:
        """Whether ``s`` matches an indexed name through the transliteration keys.

        The resolver's third exact stage ("Krasnyi Liman" for "Krasny Liman"); used
        for names of several words, where a spelling variant should still beat
        its parts in the longest-match scan.
        """
        v = self.spelt.get(s)
        if v is None:
            index = getattr(self.gaz, "index", None)
            norm = normalise(s)
            v = (
                bool(norm)
                and index is not None
                and any(len(index.lookup(2, k)) > 0 for k in translit_keys(norm))
            )
            self.spelt[s] = v
        return v

    def candidates(self, s: str) -> list[Place]:
        """Return the gazetteer's ten closest candidates for ``s``, cached."""
        v = self.cands.get(s)
        if v is None:
            v = self.cands[s] = self.gaz.candidates(s, limit=10)
        return v

    def demonym(self, w: str) -> str | None:
        if w not in self.dem:
            self.dem[w] = self.gaz.country_of_demonym(w) or None
        return self.dem[w]

    def resolve(self, s: str, cues: tuple[str, ...], country: str | None) -> Place | None:
        """Return the resolver's answer for an unknown surface (loose stages), cached."""
        key = (s, cues, country)
        if key not in self.best:
            try:
                self.best[key] = self.gaz.resolve(s, cues=cues, country=country)
            except (ValueError, KeyError):
                self.best[key] = None
        return self.best[key]

    def top(self, s: str) -> Place | None:
        """Best candidate by the staged matcher (exact first), cached."""
        if s not in self.cand:
            try:
                c = self.gaz.candidates(s, limit=3)
            except (ValueError, KeyError):
                c = []
            self.cand[s] = c[0] if c else None
        return self.cand[s]


# ---------------------------------------------------------------- scanning


def _cues_before(doc: _Doc, i: int) -> tuple[str, ...]:
    """Cue words just before token ``i``: "village of", "in", "north of"."""
    toks, text = doc.toks, doc.text
    cues: list[str] = []
    if i >= 1:
        p = toks[i - 1]
        pl = p.text.lower()
        gap = text[p.end : toks[i].start]
        if gap.strip() == "" and pl in R.PLACE_PREPOSITIONS:
            cues.append(pl)
        elif gap.strip() == "" and pl in R.TERRITORIAL_VERBS:
            cues.append("in")  # the object of a verb of war is a place as surely as after 'in'
        if pl == "of" and i >= 2:
            q = toks[i - 2]
            ql = q.text.lower()
            if ql in R.SETTLEMENT_CUES:
                cues.append(ql)
            elif ql in R.DIRECTIONS or ql.replace("-", "") in R.DIRECTIONS:
                cues.append(f"{ql} of")
            elif ql in ("outskirts", "edge", "centre", "center", "heart", "suburbs"):
                cues.append("near")
        elif pl in R.SETTLEMENT_CUES and not p.cap and gap == " ":
            # "the capital Kyiv", "the city Mariupol"
            cues.append(pl)
    end, listed = doc.last_place
    if not cues and listed and end >= 0 and _LIST_GAP.fullmatch(text[end : toks[i].start]):
        cues.extend(listed)  # "shelled Kupiansk and Izium": the list shares its first cue
    return tuple(cues)


_LIST_GAP = re.compile(r",?\s+(?:and|or)\s+|,\s+")


_STRONG = frozenset(
    {
        "village",
        "city",
        "town",
        "settlement",
        "hamlet",
        "capital",
        "suburb",
        "region",
        "oblast",
        "province",
        "district",
        "municipality",
        "community",
        "near",
        "in",
        "outside",
        "from",
        "to",
        "into",
        "around",
        "towards",
        "toward",
    }
)


def _strong(cues: Sequence[str]) -> bool:
    return any(c in _STRONG or c.endswith(" of") for c in cues)


def _scan(doc: _Doc, lk: _Lookup, opts: RecognizerOptions, maxn: int) -> list[_Found]:
    toks, text = doc.toks, doc.text
    n = len(toks)
    found: list[_Found] = []
    unknown: list[int] = []
    i = 0
    while i < n:
        t = toks[i]
        if not t.cap or not t.text[0].isalpha():
            i += 1
            continue
        # extend a window of joinable name-like tokens
        win = [i]
        j = i
        while len(win) < maxn and j + 1 < n and _joinable(text, toks[j], toks[j + 1]):
            nxt = toks[j + 1]
            if not (nxt.cap or nxt.text in R.CONNECTORS or nxt.text.isdigit()):
                break
            j += 1
            win.append(j)
            if nxt.poss:
                break
        match = -1
        if not t.poss or len(win) == 1:
            for k in range(len(win) - 1, -1, -1):
                last = toks[win[k]]
                if not last.cap:
                    continue
                surface = text[t.start : last.end]
                if k > 0 and toks[win[k - 1]].poss:
                    continue
                if lk.is_known(surface) or (k > 0 and lk.spelt_known(surface)):
                    match = k
                    break
        if match == 0 and len(win) >= 1 and lk.demonym(t.text) and not t.upper:
            match = -1  # "English", "Canadian": the adjective, not a small town of that name
        if match < 0:
            dem = _demonym_at(doc, lk, i, opts) or _state_abbreviation(doc, lk, i, i)
            if dem is not None:
                found.append(dem)
            else:
                unknown.append(i)
            i += 1
            continue
        last_i = win[match]
        f = _accept(doc, lk, opts, i, last_i)
        if f is not None:
            found.append(f)
            if f.kind == "place":
                doc.last_place = (f.end, tuple(c for c in f.cues if c != "fuzzy"))
            i = last_i + 1
        else:
            if match == 0:
                dem = _demonym_at(doc, lk, i, opts)
                if dem is not None:
                    found.append(dem)
            i += 1
    if opts.fuzzy:
        extra, replaced = _fuzzy(doc, lk, opts, unknown, found)
        found = [f for f in found if (f.start, f.end) not in replaced] + extra
    return found


def _demonym_at(doc: _Doc, lk: _Lookup, i: int, opts: RecognizerOptions) -> _Found | None:
    if not opts.demonyms:
        return None
    t = doc.toks[i]
    if len(t.text) < 4 or t.upper or t.text in doc.person_words:
        return None
    cc = lk.demonym(t.text)
    # "North American", "South Korean", "Latin American": one adjective
    s = t.start
    if i > 0:
        p = doc.toks[i - 1]
        if p.cap and p.text.lower() in R.COMPOUND_PREFIXES and doc.text[p.end : t.start] == " ":
            s = p.start
            cc = lk.demonym(doc.text[s : t.end]) or cc
    if cc is None:
        cont = R.CONTINENT_ADJECTIVES.get(t.text.lower())
        if cont is None or not t.text[0].isupper():
            return None
        return _Found(s, t.end, doc.text[s : t.end], cont, ("demonym",))
    surface = doc.text[s : t.end]
    return _Found(s, t.end, surface, surface, ("demonym",), "demonym", (cc,))


def _accept(doc: _Doc, lk: _Lookup, opts: RecognizerOptions, i: int, j: int) -> _Found | None:
    """Apply negative evidence to a known name spanning tokens ``i..j``; add cues."""
    toks, text = doc.toks, doc.text
    first, last = toks[i], toks[j]
    s, e = first.start, last.end
    surface = text[s:e]
    single = i == j
    low = surface.lower()
    cues = list(_cues_before(doc, i))
    abbr = _state_abbreviation(doc, lk, i, j)
    if abbr is not None:
        return abbr
    if not _strong(cues) and _followed_by_its_unit(doc, lk, j, surface):
        cues.append("in")  # "Austin, Texas": a town of that state, whatever else the word is
    if single:
        if low in R.MONTHS or low in R.WEEKDAYS or low in R.PERSON_TITLES:
            return None
        if first.upper and surface.replace(".", "") in R.NON_PLACE_ACRONYMS:
            return None
        bare = surface.replace(".", "")
        if first.upper and len(bare) <= 3 and bare not in R.COUNTRY_ABBREVIATIONS:
            return None  # "CT", "BA", "GTM": codes, not how news text names a place
        if first.upper and len(bare) <= 5 and not first.weak:
            # an acronym: only countries and large regions ("US", "UK", "EU")
            top = lk.top(surface)
            if top is None or top.kind not in _BIG_KINDS:
                return None
        if _camel(surface) or (len(surface) <= 2 and not first.upper) or _contraction(surface):
            return None
        if _org_head(doc, j) and not _big(lk, surface):
            return None
        if low in R.DIRECTIONS:
            return None  # "the North", "in the East": a direction, not the town of that name
        if low in R.given_names() and not _strong(cues):
            top = lk.top(surface)
            if top is None or top.kind not in (PlaceKind.COUNTRY, PlaceKind.ADMIN1):
                return None  # a lone given name: "Paul", "Julia"
        if surface in doc.person_words:
            return None
        if _in_spans(doc.person_spans, s, e):
            return None
        common = not first.upper and (low in R.common_words() or low in doc.lower_words)
        if common and (first.weak or not _strong(cues)):
            return None
        if first.weak and not first.upper and len(surface) <= 3:
            return None
    elif _in_spans(doc.person_spans, s, e) and not _strong(cues):
        return None
    # organisation named after a small place or a person: "Carnegie Endowment"
    if j + 1 < len(toks):
        nxt = toks[j + 1]
        if (
            nxt.cap
            and nxt.text.lower() in R.ORG_SUFFIXES
            and text[last.end : nxt.start] == " "
            and not last.poss
        ):
            top = lk.top(surface)
            if top is None or (
                top.kind not in _BIG_KINDS and top.population <= opts.small_org_population
            ):
                return None
    # the name of an armed unit: "the Azov regiment", "Aidar Battalion"
    if j + 1 < len(toks) and not last.poss:
        nxt = toks[j + 1]
        if text[last.end : nxt.start] == " " and nxt.text.lower() in R.UNIT_HEADS:
            return None
    # area words after the name
    name, fallback = surface, ""
    if j + 1 < len(toks) and not last.poss:
        nxt = toks[j + 1]
        gap = text[last.end : nxt.start]
        nl = nxt.text.lower()
        if gap == " " and nxt.cap and nl in R.PROPER_SUFFIXES:
            full = text[s : nxt.end]
            cues.append(nl)
            return _Found(s, nxt.end, full, full, tuple(cues), fallback=surface)
        if gap == " " and not nxt.cap and nl in R.SPAN_CUES:
            full = text[s : nxt.end]
            cues.append("region")
            return _Found(s, nxt.end, full, surface, tuple(cues), fallback=surface)
        if gap in (" ", "-") and not nxt.cap and nl in R.HEAD_CUES:
            cues.append("area" if nl.startswith("area") else nl)
    return _Found(
        s,
        e,
        surface,
        name,
        tuple(dict.fromkeys(cues)),
        fallback=fallback,
        lone=single,
        in_run=_in_run(doc, i, j),
    )


def _followed_by_its_unit(doc: _Doc, lk: _Lookup, j: int, surface: str) -> bool:
    """Whether ", <state or country>" follows and a settlement of this name lies in it."""
    toks, text = doc.toks, doc.text
    k = j + 1
    if k >= len(toks) or text[toks[j].end : toks[k].start] != ", " or not toks[k].cap:
        return False
    for m in range(k, min(k + 3, len(toks))):
        if m > k and text[toks[m - 1].end : toks[m].start] != " ":
            break
        unit = lk.top(text[toks[k].start : toks[m].end])
        if unit is None or unit.kind not in (PlaceKind.ADMIN1, PlaceKind.COUNTRY):
            continue
        for p in lk.candidates(surface):
            if p.kind is PlaceKind.SETTLEMENT and p.country == unit.country and (
                unit.kind is PlaceKind.COUNTRY or p.admin1 == unit.name
            ):
                return True
    return False


def _state_abbreviation(doc: _Doc, lk: _Lookup, i: int, j: int) -> _Found | None:
    """Match "Springfield, Ill." / "Macon, Ga.": an abbreviated state after a comma.

    The full stop belongs to the name; the abbreviation is kept even when it is also
    a common word, since the comma after a place name makes it a location.
    """
    toks, text = doc.toks, doc.text
    first, last = toks[i], toks[j]
    if i == j and first.upper and first.text.endswith(".") and "." in first.text[:-1]:
        end = first.end  # an initialism with its own full stops: "S.C.", "D.C."
    elif (
        last.end >= len(text)
        or text[last.end] != "."
        or first.upper
        or len(text[first.start : last.end].replace(" ", "")) > 5
    ):
        return None
    else:
        end = last.end + 1
    before = text[: first.start].rstrip()
    low = first.text.lower()
    if not before.endswith(",") or low in R.PERSON_TITLES or low in R.MONTHS:
        return None
    if i == j and end == last.end + 1 and _whole_unit_name(lk, first.text):
        return None  # "Columbus, Ohio.": a full name, and the sentence's full stop
    surface = text[first.start : end]
    if lk.is_known(surface):
        return _Found(first.start, end, surface, surface, ("state",))
    # not a name in the index ("Calif."): only right after a place and its comma
    place_end = doc.last_place[0]
    if place_end >= 0 and text[place_end : first.start].strip() == "," and lk.abbreviation(surface):
        return _Found(first.start, end, surface, surface, ("state",))
    return None


def _whole_unit_name(lk: _Lookup, word: str) -> bool:
    """Whether ``word`` is the full name of a state, county or country (no abbreviation)."""
    units = (PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.COUNTRY)
    return any(
        p.kind in units and normalise(p.name) == normalise(word)
        for p in lk.candidates(word)
    )


def _in_run(doc: _Doc, i: int, j: int) -> bool:
    """Whether tokens ``i..j`` sit inside a longer capitalised run ("Hurricane Karol")."""
    toks, text = doc.toks, doc.text
    common = R.common_words()
    if i > 0:
        p = toks[i - 1]
        if (
            p.cap
            and not p.weak
            and not any(ch.isdigit() for ch in p.text)  # a road number: "the A429 Cirencester"
            and text[p.end : toks[i].start] == " "
            and p.text.lower() not in common
            and p.text.lower() not in R.PERSON_TITLES
        ):
            return True
        if p.cap and p.weak and text[p.end : toks[i].start] == " " and p.text.lower() not in common:
            return True
        if p.cap and text[p.end : toks[i].start] == "-":
            return True  # "Diaz-Balart": a hyphenated name
    if j + 1 < len(toks) and not toks[j].poss:
        q = toks[j + 1]
        if q.cap and text[toks[j].end : q.start] == " " and q.text.lower() not in common:
            return True
    return False


def _prune(
    doc: _Doc, lk: _Lookup, found: list[_Found], opts: RecognizerOptions
) -> list[_Found]:
    """Drop lone words that are small places without support in the text.

    A one-word name that is not a country, region or large city must not sit
    inside a longer capitalised name ("Hurricane Karol", "Stoneman Douglas"),
    and needs a place cue ("in X", "village of X") or, for a mid-sized town, a
    country the document already talks about. No city ends a person's
    double-barrelled name ("Diaz-Balart").
    """
    focus = _found_focus(lk, found)[:2]
    starts = {t.start: k for k, t in enumerate(doc.toks)}
    out: list[_Found | None] = []
    unsupported: list[tuple[int, _Found]] = []  # small places with nothing but neighbours
    for f in found:
        if f.kind == "place" and f.lone and not f.fuzzy:
            top = lk.top(f.name)
            if top is None:
                out.append(f)
                continue
            if top.kind not in _BIG_KINDS and _double_barrelled(doc, starts.get(f.start, 0)):
                continue
            big = top.kind in _BIG_KINDS or top.population >= opts.big_population
            cued = _strong(f.cues)
            if not big:
                if f.in_run:
                    continue
                if not cued and (
                    top.population < opts.mid_population or top.country not in focus
                ):
                    if f.text not in doc.person_words and f.name.lower() not in R.given_names():
                        unsupported.append((len(out), f))
                        out.append(None)
                    continue
        out.append(f)
    if unsupported:
        # a village next to the towns the report is about is one of its places too
        # ("Coggeshall" in a story on Colchester and Braintree)
        kept = [f for f in out if f is not None and f.kind == "place"]
        near = _settled_points(lk, kept)
        for k, f in unsupported:
            if near and _has_neighbour(lk, f.name, near, opts.neighbour_km):
                out[k] = f
    return [f for f in out if f is not None]


def _settled_points(lk: _Lookup, found: list[_Found]) -> list[tuple[float, float]]:
    """Points of the settlements and districts among the document's places so far."""
    pts = []
    for f in found:
        top = lk.top(f.name)
        if top is not None and top.kind in (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2):
            pts.append((top.lat, top.lon))
    return pts


def _has_neighbour(lk: _Lookup, name: str, points: list[tuple[float, float]], km: float) -> bool:
    """Whether a settlement of this exact name lies within ``km`` of one of ``points``."""
    for p in lk.candidates(name):
        if p.kind is not PlaceKind.SETTLEMENT or normalise(p.name) != normalise(name):
            continue
        if any(distance_km((p.lat, p.lon), point) < km for point in points):
            return True
    return False


def _similarity(surface: str, name: str) -> float:
    """Score spelling closeness in 0..1.

    1 when the transliteration keys or (for words of five letters or more) the
    consonant skeletons agree, else the normalised edit ratio.
    """
    a, b = normalise(surface), normalise(name)
    if not a or not b:
        return 0.0
    if set(translit_keys(a)) & set(translit_keys(b)):
        return 1.0
    ka, kb = skeleton(a), skeleton(b)
    if len(a.replace(" ", "")) >= 5 and len(ka) >= 3 and ka == kb:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _found_focus(lk: _Lookup, found: list[_Found]) -> list[str]:
    """Return the document's countries so far (demonyms, exact names), most frequent first."""
    c: Counter[str] = Counter()
    for f in found:
        if f.kind == "demonym":
            c.update(f.countries)
        elif f.kind == "place" and not f.fuzzy:
            top = lk.top(f.name)
            if (
                top is not None
                and top.country
                and (top.kind in _BIG_KINDS or top.population >= 50_000)
            ):
                c[top.country] += 1
    return [cc for cc, _ in c.most_common(3)]


def _fuzzy(
    doc: _Doc, lk: _Lookup, opts: RecognizerOptions, unknown: list[int], found: list[_Found]
) -> tuple[list[_Found], set[tuple[int, int]]]:
    """Unknown capitalised words matched loosely (misspellings, transliterations).

    Returns the new mentions and the spans of found mentions they replace (a known
    word inside a longer garbled name: "the village of Velyka Rohon").
    """
    toks, text = doc.toks, doc.text
    taken = [(f.start, f.end) for f in found]
    focus = _found_focus(lk, found)
    starts = {t.start: k for k, t in enumerate(toks)}
    out: list[_Found] = []
    replaced: set[tuple[int, int]] = set()
    done: set[int] = set()
    # a known word followed by more capitalised words, in a clear place context
    longer = []
    for f in found:
        k = starts.get(f.start)
        if (
            f.kind == "place"
            and k is not None
            and _strong(f.cues)
            and f.lone
            and k + 1 < len(toks)
            and toks[k + 1].cap
            and text[f.end : toks[k + 1].start] == " "
        ):
            longer.append(k)
    for i in [*longer, *unknown]:
        if i in done:
            continue
        t = toks[i]
        if t.upper or len(t.text) < opts.fuzzy_min_len or not t.text.isalpha():
            continue
        low = t.text.lower()
        if (
            low in R.common_words()
            or low in R.PERSON_TITLES
            or low in R.given_names()
            or low in doc.lower_words
            or t.text in doc.person_words
            or _double_barrelled(doc, i)
        ):
            continue
        # the capitalised run starting here (up to 3 words)
        j = i
        while (
            j + 1 < len(toks)
            and j - i < 2
            and toks[j + 1].cap
            and not toks[j].poss
            and text[toks[j].end : toks[j + 1].start] == " "
            and toks[j + 1].text.lower() not in R.common_words()
        ):
            j += 1
        is_longer = i in longer
        if is_longer and j == i:
            continue
        cues = list(_cues_before(doc, i))
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        region_next = (
            nxt is not None
            and not toks[j].poss
            and text[toks[j].end : nxt.start] == " "
            and nxt.text.lower() in (R.SPAN_CUES | R.PROPER_SUFFIXES)
        )
        if region_next:
            cues.append("region")
        strong = _strong(cues)
        if t.weak and not strong:
            continue
        run_s, run_e = t.start, toks[j].end
        others = (
            [sp for sp in taken if not (run_s <= sp[0] and sp[1] <= run_e)] if is_longer else taken
        )
        if _in_spans(doc.person_spans, t.start, toks[j].end) or _overlaps(
            others, t.start, toks[j].end
        ):
            continue
        if nxt is not None and nxt.cap and nxt.text.lower() in R.ORG_SUFFIXES:
            continue
        for k in range(j, i - 1, -1):
            if k > i and not strong:
                continue  # multi-word garble only in a clear place context
            if is_longer and k == i:
                break
            s, e = t.start, toks[k].end
            surface = text[s:e]
            top = _loose(lk, opts, surface, tuple(cues), focus, strong)
            if top is None and not (doc.ner_places and _overlaps(doc.ner_places, s, e)):
                continue
            if top is None:
                continue
            if region_next and k == j and nxt is not None and not nxt.cap:
                full_e = nxt.end
                out.append(_Found(s, full_e, text[s:full_e], surface, (*cues, "fuzzy"), fuzzy=True))
            else:
                out.append(_Found(s, e, surface, surface, (*cues, "fuzzy"), fuzzy=True))
            if is_longer:
                replaced.update(sp for sp in taken if s <= sp[0] and sp[1] <= e)
            done.update(range(i, k + 1))
            taken.append((s, e))
            break
    return out, replaced


def _double_barrelled(doc: _Doc, i: int) -> bool:
    """Whether token ``i`` ends a hyphenated name whose first part names a person."""
    if i == 0:
        return False
    p = doc.toks[i - 1]
    return doc.text[p.end : doc.toks[i].start] == "-" and p.text in doc.person_words


def _loose(
    lk: _Lookup,
    opts: RecognizerOptions,
    surface: str,
    cues: tuple[str, ...],
    focus: list[str],
    strong: bool,
) -> Place | None:
    """Return the resolver's best loose match for ``surface`` if the evidence suffices.

    In a place context: a close spelling of a place in one of the document's
    countries, or of a prominent place. Without one: only a prominent place of
    one of the document's two main countries whose spelling is very close.
    """
    best: Place | None = None
    for cc in focus[:2] or [None]:
        top = lk.resolve(surface, cues, cc)
        if top is None:
            continue
        score = float(top.score)
        prominent = top.kind in _BIG_KINDS or top.population >= opts.big_population
        sim = _similarity(surface, top.name)
        ok = (
            strong
            and score >= opts.fuzzy_min_cued
            and sim >= opts.fuzzy_min_similarity
            and (top.country in focus or prominent)
        ) or (
            top.country in focus[:2]
            and prominent
            and score >= opts.fuzzy_min_focus
            and sim >= opts.fuzzy_min_similarity_alone
        )
        if ok and (best is None or score > best.score):
            best = top
    return best


# ---------------------------------------------------------------- borders


_BORDER_GAPS = (" ", "-", "–", "'s ", "’s ")


def _borders(doc: _Doc, lk: _Lookup) -> list[_Found]:
    """Border phrases: "the border", "the Russian border", "the border with Russia"."""
    toks, text = doc.toks, doc.text
    out: list[_Found] = []
    for k, t in enumerate(toks):
        if t.text.lower() not in R.BORDER_WORDS:
            continue
        s, e = t.start, t.end
        countries: list[str] = []
        # before: "Russian", "Russia's", "Ukraine-Russia", "Russian-Ukrainian"
        b = k - 1
        while b >= 0 and toks[b].cap and text[toks[b].end : toks[b + 1].start] in _BORDER_GAPS:
            cc = _country_code(lk, toks[b])
            if cc is None:
                break
            countries.insert(0, cc)
            s = toks[b].start
            b -= 1
        if (
            b >= 0
            and toks[b].text.lower() == "the"
            and text[toks[b].end : toks[b + 1].start] == " "
        ):
            s = toks[b].start
        # after: "with Russia", "between Ukraine and Russia"
        a = k + 1
        if a < len(toks) and toks[a].text.lower() in ("with", "between"):
            c = a + 1
            while c < len(toks) and text[toks[c - 1].end : toks[c].start] == " ":
                cc = _country_code(lk, toks[c]) if toks[c].cap else None
                if cc is not None:
                    countries.append(cc)
                    e = toks[c].end
                    c += 1
                    continue
                if toks[c].text.lower() == "and" and countries:
                    c += 1
                    continue
                break
        if not countries and not text[s:e].lower().startswith("the "):
            continue  # a bare "borders" in a generic sense
        cues = ("border", *dict.fromkeys(countries))
        out.append(
            _Found(s, e, text[s:e], text[s:e], cues, "border", tuple(dict.fromkeys(countries)))
        )
    return out


def _country_code(lk: _Lookup, t: _Tok) -> str | None:
    cc = lk.demonym(t.text)
    if cc:
        return cc
    if lk.is_known(t.text):
        top = lk.top(t.text)
        if top is not None and top.kind == PlaceKind.COUNTRY and top.score >= 0.99:
            return top.country
    return None


# ---------------------------------------------------------------- public API


def _find(
    text: str, gaz: Any, *, nlp: Any = None, opts: RecognizerOptions = options
) -> list[_Found]:
    if not isinstance(text, str):
        raise InputError(f"recognize() needs the article text as str, got {type(text).__name__}")
    toks = _tokenise(text)
    lower_words = {t.text for t in toks if t.text.islower()}
    doc = _Doc(text, toks, lower_words)
    lk = _Lookup(gaz)
    _person_evidence(doc, lk)
    if nlp is not None:
        _ner_evidence(doc, nlp)
    maxn = max(1, min(opts.max_tokens, int(getattr(gaz, "max_name_tokens", opts.max_tokens))))
    found = _propagate(doc, _prune(doc, lk, _scan(doc, lk, opts, maxn), opts))
    found = _outermost(found + _feature_names(doc, found))
    borders = _borders(doc, lk)
    # a border phrase replaces a demonym it contains ("the Russian border")
    keep = [
        f
        for f in found
        if not (f.kind == "demonym" and any(b.start <= f.start and f.end <= b.end for b in borders))
    ]
    if nlp is not None:
        keep.extend(_ner_extra(doc, lk, keep + borders))
    allf = keep + borders
    allf.sort(key=lambda f: (f.start, -f.end))
    return allf


def _feature_names(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """Names of streets, buildings and natural features: "Royal Street", "Dnipro River".

    A capitalised run ending in a feature noun (:data:`FEATURE_HEADS`) is one mention;
    the resolver tries the whole name (and the name without the noun as a fallback).
    """
    toks, text = doc.toks, doc.text
    common = R.common_words()
    out = []
    for k, t in enumerate(toks):
        if not t.cap or t.upper or t.text.lower() not in R.FEATURE_HEADS:
            continue
        of_name = _head_of_name(doc, k)
        if of_name is not None:
            out.append(of_name)
            continue
        if k == 0:
            continue
        b = k
        while b - 1 >= 0 and k - b < 4:
            p = toks[b - 1]
            gap = text[p.end : toks[b].start]
            if gap not in (" ", "-") or p.poss or not p.cap or p.upper:
                break
            low = p.text.lower()
            if (p.weak and low in common) or low in R.PERSON_TITLES or low in R.MONTHS:
                break
            b -= 1
        if b == k or _in_spans(doc.person_spans, toks[b].start, t.end):
            continue
        s, e = toks[b].start, t.end
        head_less = text[s : toks[k - 1].end]
        cues = (t.text.lower(),)
        out.append(_Found(s, e, text[s:e], text[s:e], cues, fallback=head_less))
    return out


def _head_of_name(doc: _Doc, k: int) -> _Found | None:
    """Return a natural feature named head first: "Sea of Azov", "Gulf of Finland".

    The whole phrase is the mention (cue: the head noun); the name after "of" is the
    fallback the resolver tries, vetted later against the head (a town is not a sea).
    """
    toks, text = doc.toks, doc.text
    t = toks[k]
    if t.text.lower() not in R.NATURAL_HEADS or k + 2 >= len(toks):
        return None
    of, nxt = toks[k + 1], toks[k + 2]
    if of.text != "of" or text[t.end : of.start] != " " or text[of.end : nxt.start] != " ":
        return None
    e = k + 2
    if not nxt.cap or nxt.upper:
        return None
    while e + 1 < len(toks) and e - k < 4:
        p = toks[e + 1]
        if not p.cap or p.upper or text[toks[e].end : p.start] not in (" ", "-"):
            break
        e += 1
    s, end = t.start, toks[e].end
    return _Found(
        s, end, text[s:end], text[s:end], (t.text.lower(),), fallback=text[nxt.start : end]
    )


def _outermost(found: list[_Found]) -> list[_Found]:
    """Drop mentions lying inside a longer one ("North" in "North American")."""
    spans = [(f.start, f.end) for f in found]
    return [
        f
        for f in found
        if not any(a <= f.start and f.end <= b and (a, b) != (f.start, f.end) for a, b in spans)
    ]


def _propagate(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """One sense per document: repeat an accepted name wherever else it occurs.

    A name accepted once (with a cue, or as a close misspelling) is also a place
    where it stands at a sentence start or without a cue ("Kupyanks is ...").
    """
    have = {(f.start, f.end) for f in found}
    spans = sorted(have)
    by_surface: dict[str, _Found] = {}
    for f in found:
        if f.kind == "place" and f.text == f.name:
            by_surface.setdefault(f.text, f)
    extra = []
    for t in doc.toks:
        f = by_surface.get(t.text)
        if f is None or (t.start, t.end) in have or t.text in doc.person_words:
            continue
        if not (f.fuzzy or t.weak):
            continue  # elsewhere the rules already had their say
        if _overlaps(spans, t.start, t.end) or _in_spans(doc.person_spans, t.start, t.end):
            continue
        cues = tuple(c for c in f.cues if c in ("fuzzy", "demonym"))
        extra.append(_Found(t.start, t.end, t.text, f.name, cues, fuzzy=f.fuzzy))
    return found + extra if extra else found


def _ner_evidence(doc: _Doc, nlp: Any) -> None:
    sd = nlp(doc.text)
    for ent in sd.ents:
        span = (ent.start_char, ent.end_char)
        if ent.label_ == "PERSON":
            doc.person_spans.append(span)
            if " " in ent.text:
                doc.person_words.update(ent.text.split()[1:])
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            doc.ner_places.append(span)


def _ner_extra(doc: _Doc, lk: _Lookup, have: list[_Found]) -> list[_Found]:
    """Places NER found that the rules missed and the gazetteer knows."""
    out = []
    spans = [(f.start, f.end) for f in have]
    for s, e in doc.ner_places:
        surface = doc.text[s:e]
        if surface.lower().startswith("the "):
            s, surface = s + 4, surface[4:]
        if _overlaps(spans, s, e) or not surface or surface in doc.person_words:
            continue
        if lk.is_known(surface):
            out.append(_Found(s, e, surface, surface, ("ner",)))
    return out


def recognize(
    text: str, gaz: Any, *, nlp: Any = None, options: RecognizerOptions | None = None
) -> list[Mention]:
    """Find the place mentions in a text (unresolved).

    Parameters
    ----------
    text : str
        Article text.
    gaz : gazetteer.Gazetteer
        The place index (``is_known``, ``candidates``, ``country_of_demonym``,
        ``max_name_tokens`` are used).
    nlp : spacy.Language, optional
        A spaCy pipeline with NER; its GPE/LOC/FAC entities add mentions, its
        PERSON entities remove them. Off by default (rules only, much faster).
    options : RecognizerOptions, optional
        Thresholds; the module's :data:`options` by default.

    Returns
    -------
    list of Mention
        In text order, ``place=None``; ``cues`` holds context words such as
        ``"village"``, ``"in"``, ``"region"``, ``"north of"``, ``"demonym"``,
        ``"border"`` (followed by ISO2 codes) and ``"fuzzy"``.

    Raises
    ------
    InputError
        If ``text`` is not a string.

    Examples
    --------
    >>> [m.text for m in recognize("Troops left the village of Mala Rohan.", gaz)]  # doctest: +SKIP
    ['Mala Rohan']
    """
    opts = options or globals()["options"]
    return [Mention(f.start, f.end, f.text, f.cues) for f in _find(text, gaz, nlp=nlp, opts=opts)]


def geoparse(
    text: str,
    gaz: Any,
    *,
    nlp: Any = None,
    country: str | None = None,
    options: RecognizerOptions | None = None,
) -> list[Mention]:
    """Recognise and resolve the places of one text.

    Mentions are resolved jointly through ``gaz.resolve_all`` (shared country
    focus and coherence); demonyms resolve to their country, border phrases to
    the border line between the named country and the document's focus.

    Parameters
    ----------
    text : str
        Article text.
    gaz : gazetteer.Gazetteer
        The place index.
    nlp : spacy.Language, optional
        Optional NER pipeline (see :func:`recognize`).
    country : str, optional
        ISO2 code of the country the text is about, when known.
    options : RecognizerOptions, optional
        Recogniser thresholds.

    Returns
    -------
    list of Mention
        Every recognised mention in text order; ``place`` is ``None`` for those
        that could not be resolved (kept so they can be reported).
    """
    opts = options or globals()["options"]
    found = _find(text, gaz, nlp=nlp, opts=opts)
    if not found:
        return []
    places: list[Place | None] = [None] * len(found)
    idx = [k for k, f in enumerate(found) if f.kind == "place"]
    if idx:
        # one query per distinct name and kind of cue: repeats add nothing to coherence
        keys = [(found[k].name, _kind_cues(found[k].cues)) for k in idx]
        first = {}
        for k, key in zip(idx, keys, strict=True):
            first.setdefault(key, k)
        uniq = list(first.values())
        kinds = [_AREA_KINDS if "region" in found[k].cues else None for k in uniq]
        got = gaz.resolve_all(
            [found[k].name for k in uniq],
            cues=[found[k].cues for k in uniq],
            country=country,
            kinds=kinds,
        )
        for n, (k, p) in enumerate(zip(uniq, got, strict=True)):
            if p is None and kinds[n] is not None:  # no such area: the city named like it
                got[n] = gaz.resolve(found[k].name, cues=found[k].cues, country=country)
        by_key = dict(zip(first, got, strict=True))
        res = [by_key[key] for key in keys]
        memo: dict[tuple[str, str], bool] = {}
        for k, p in zip(idx, res, strict=True):
            if p is None and found[k].fallback:
                p = gaz.resolve(found[k].fallback, cues=found[k].cues, country=country)
            if p is None and found[k].fuzzy:
                continue
            if p is not None and not _fits(gaz, found[k], p, memo):
                p = None  # a poor match for the surface: report it unresolved
            if p is not None and "region" in found[k].cues and p.kind in _AREA_KINDS:
                p = _widest_area(found[k].name, p)
            places[k] = p
    _place_built_features(gaz, found, places)
    for k, f in enumerate(found):
        if f.kind == "demonym":
            places[k] = gaz.place_of_demonym(f.text) or gaz.country(f.countries[0])
    focus = _focus(places, country)
    for k, f in enumerate(found):
        if f.kind == "border":
            places[k] = _resolve_border(gaz, f, focus, places)
    return [Mention(f.start, f.end, f.text, f.cues, p) for f, p in zip(found, places, strict=True)]


def _place_built_features(gaz: Any, found: list[_Found], places: list[Place | None]) -> None:
    """Place unresolved streets and buildings in the document's main locality.

    "Third Street" or "Barclays Center" are in no gazetteer, but a report names them in
    the town it is about. They get that town with a low score (the resolver's backoff
    share of the town's own) and the cue ``"locality"``: located approximately, not
    named in the index.
    """
    todo = [
        k
        for k, f in enumerate(found)
        if f.kind == "place"
        and places[k] is None
        and not f.fuzzy
        and any(c in R.BUILT_HEADS for c in f.cues)
    ]
    if not todo:
        return
    town = gaz.main_locality([p for p in places if p is not None])
    if town is None:
        return
    near = replace(town, score=round(gaz_options.backoff_score * town.score, 4), alternatives=())
    for k in todo:
        f = found[k]
        found[k] = replace(f, cues=(*f.cues, "locality"))
        places[k] = near


_AREA_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.REGION})
_CLOSE = 0.8  # spelling similarity at which a place's name matches the surface
_CLOSE_STAGE = 0.7  # candidate score reached only by exact, normalised or transliteration keys


def _fits(gaz: Any, f: _Found, p: Place, memo: dict[tuple[str, str], bool]) -> bool:
    """Whether the resolved place ``p`` is a credible reading of the mention ``f``.

    A feature head ("Island", "Sea", "Street") must agree with the place: a
    natural feature is never a settlement unless the settlement bears the whole
    name, and the words before the head must spell the place's name.  Without a
    head, the place must be reached through the surface's exact, normalised or
    transliteration keys or be spelt closely alike; loose (fuzzy) matches were
    vetted when they were recognised.
    """
    heads = [c for c in f.cues if c in R.FEATURE_HEADS]
    if heads and heads[0] in R.BUILT_HEADS and p.kind is PlaceKind.SETTLEMENT:
        # a street or building named after its town ("Colchester General Hospital"): the
        # town's whole name stands among its words ("Royal Street" is not in Royal City)
        return any(_same_name(w, p.name) for w in _word_windows(f.text))
    if heads:
        if p.kind == PlaceKind.FEATURE or _spelt_alike(f.text, p.name):
            return True
        if heads[0] in R.NATURAL_HEADS and p.kind == PlaceKind.SETTLEMENT:
            return False
        bare = f.fallback or f.name
        if _spelt_alike(bare, p.name) or _reached(gaz, bare, p, memo):
            return True
        if heads[0] in R.NATURAL_HEADS:
            return False
        # a building or street named after its town: "Dubai World Trade Centre"
        return any(_spelt_alike(w, p.name) for w in _word_windows(bare, whole=False))
    if f.fuzzy or f.text.endswith("."):  # loose matches were vetted; "Ky." is an abbreviation
        return True
    if p.kind == PlaceKind.COUNTRY and gaz.country_of_demonym(f.name) == p.country:
        return True
    names = [n for n in (f.name, f.fallback) if n]  # "Kharkiv Oblast", then "Kharkiv"
    return any(_spelt_alike(n, p.name) for n in names) or any(
        _reached(gaz, n, p, memo) for n in names
    )


def _word_windows(text: str, *, whole: bool = True) -> list[str]:
    """Every run of consecutive words of ``text`` (without the whole text unless ``whole``)."""
    words = text.split()
    return [
        " ".join(words[a:b])
        for a in range(len(words))
        for b in range(a + 1, len(words) + 1)
        if whole or (a, b) != (0, len(words))
    ]


def _widest_area(name: str, p: Place) -> Place:
    """Return the largest area unit of ``p``'s country spelt like ``name`` (``p`` included).

    "The Kyiv region" names the province around a city, not the city-status unit
    of the same name, so among equally named units of one country the widest wins.
    """
    same = [
        a
        for a in p.alternatives
        if a.kind in _AREA_KINDS
        and a.country == p.country
        and a.geometry is not None
        and _spelt_alike(name, a.name)
    ]
    if not same or p.geometry is None:
        return p
    best = max(same, key=lambda a: (a.shape.area, a.id))
    return best if best.shape.area > p.shape.area else p


def _spelt_alike(surface: str, name: str) -> bool:
    """Shared transliteration key or a normalised edit ratio of at least :data:`_CLOSE`.

    Stricter than :func:`_similarity`: consonant skeletons alone do not count.
    """
    a, b = normalise(surface), normalise(name)
    if not a or not b:
        return False
    if set(translit_keys(a)) & set(translit_keys(b)):
        return True
    sa, sb = strip_generic(a) or a, strip_generic(b) or b  # "Kent" and "Kent County"
    return max(fuzz.ratio(a, b), fuzz.ratio(sa, sb)) >= 100 * _CLOSE


def _same_name(surface: str, name: str) -> bool:
    """Equal once normalised, or sharing a transliteration key."""
    a, b = normalise(surface), normalise(name)
    return bool(a) and (a == b or bool(set(translit_keys(a)) & set(translit_keys(b))))


def _reached(gaz: Any, name: str, p: Place, memo: dict[tuple[str, str], bool]) -> bool:
    """Whether ``p`` is among the close-stage candidates of ``name`` (cached per document)."""
    key = (name, p.id)
    if key not in memo:
        memo[key] = any(
            c.id == p.id and c.score >= _CLOSE_STAGE for c in gaz.candidates(name, limit=10)
        )
    return memo[key]


def _kind_cues(cues: tuple[str, ...]) -> tuple[str, ...]:
    """Return the cues that can change what a name resolves to (not prepositions)."""
    return tuple(
        c for c in cues if c not in R.PLACE_PREPOSITIONS and not c.endswith(" of") and c != "fuzzy"
    )


def _focus(places: Sequence[Place | None], country: str | None) -> list[str]:
    """Countries of the document, most mentioned first."""
    c: Counter[str] = Counter()
    for p in places:
        if p is not None and p.country and p.kind != PlaceKind.BORDER:
            c[p.country] += 2 if p.kind != PlaceKind.COUNTRY else 1
    order = [cc for cc, _ in c.most_common()]
    if country:
        order = [country, *[cc for cc in order if cc != country]]
    return order


def _resolve_border(
    gaz: Any, f: _Found, focus: list[str], places: Sequence[Place | None]
) -> Place | None:
    """Return the border line a border phrase means.

    Two countries named: their border. One named: its border with the document's
    main other country. None named: the main country's border with the second, or,
    when the text names one country only, that country's border nearest to the
    places the text mentions.
    """
    named = list(f.countries)
    if len(named) >= 2:
        return gaz.border(named[0], named[1])
    if len(named) == 1:
        for cc in focus:
            if cc != named[0]:
                b = gaz.border(named[0], cc)
                if b is not None:
                    return b
        return _nearest_border(gaz, named[0], places)
    if not focus:
        return None
    home = focus[0]
    for cc in focus[1:]:
        b = gaz.border(home, cc)
        if b is not None:
            return b
    return _nearest_border(gaz, home, places)


def _nearest_border(gaz: Any, country: str, places: Sequence[Place | None]) -> Place | None:
    """Return the country's border line closest to the text's settlements there."""
    import shapely

    pts = [
        shapely.Point(p.lon, p.lat)
        for p in places
        if p is not None and p.country == country and p.kind == PlaceKind.SETTLEMENT
    ]
    borders = gaz.borders_of(country)
    if not borders:
        return None
    if not pts:
        return None
    where = shapely.MultiPoint(pts)
    return min(borders, key=lambda b: (b.shape.distance(where), b.id))


def geoparse_record(
    record_or_article: Article | Mapping[str, Any],
    gaz: Any,
    *,
    nlp: Any = None,
    country: str | None = None,
) -> dict[str, Any]:
    """Geoparse one article into the ``frontline geoparse`` JSON shape.

    Parameters
    ----------
    record_or_article : Article or mapping
        An :class:`~geo.model.Article`, or a mapping with ``"id"`` and ``"text"``.
    gaz : gazetteer.Gazetteer
        The place index.
    nlp : spacy.Language, optional
        Optional NER pipeline.
    country : str, optional
        ISO2 focus country.

    Returns
    -------
    dict
        ``{"id": ..., "mentions": [{"start", "end", "text", "name", "id", "lat",
        "lon", "kind", "country", "admin1", "score"}, ...]}``; the place fields
        are ``None`` for mentions that could not be resolved.

    Raises
    ------
    InputError
        If a mapping lacks ``"text"`` or it is not a string.
    """
    if isinstance(record_or_article, Article):
        rid, text = record_or_article.id, record_or_article.text
    elif isinstance(record_or_article, Mapping):
        text = record_or_article.get("text")
        rid = record_or_article.get("id")
        if not isinstance(text, str):
            raise InputError(
                f"record {rid!r}: needs a string field 'text' (one JSON object per line "
                "with 'id' and 'text')"
            )
    else:
        raise InputError(
            "geoparse_record() needs an Article or a mapping, "
            f"got {type(record_or_article).__name__}"
        )
    mentions = []
    for m in geoparse(text, gaz, nlp=nlp, country=country):
        p = m.place
        mentions.append(
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "name": p.name if p else None,
                "id": p.id if p else None,
                "lat": round(p.lat, 5) if p else None,
                "lon": round(p.lon, 5) if p else None,
                "kind": p.kind.value if p else None,
                "country": (p.country or None) if p else None,
                "admin1": (p.admin1 or None) if p else None,
                "score": round(float(p.score), 3) if p else None,
            }
        )
    return {"id": rid, "mentions": mentions}
