"""Toponym recognition: finding the spans of text that name places.

Recognition is driven by the gazetteer: capitalised token n-grams are looked up
longest first (:meth:`Gazetteer.is_known`), country adjectives and demonyms
through :meth:`Gazetteer.country_of_demonym`, border phrases ("the Russian
border", "the border with Russia") by pattern, and capitalised words the index
does not know (misspellings, machine-translation garble) through the resolver's
loose matching stages when the context says "place" ("the village of X", "in X")
or the document's countries agree (:mod:`geo.fuzzy`).  A word no stage knows still
names a place when the text makes it a settlement ("the village of X") or measures it
off another ("X (12km east of Y)"): it is kept (cue ``"unknown"``), to stand at the spot
its report states (:func:`geo.namesakes.place_unknown`) or be reported unresolved, never
read as a loosely spelt namesake elsewhere.  General negative evidence
removes people (:mod:`geo.people`: given names, titles, reporting verbs, surnames
seen earlier), organisations, months, weekdays and common words at a sentence
start.  spaCy NER is an optional extra signal, never the only recogniser.

The spans are placed by :mod:`geo.resolve`; gazetteer answers are remembered by a
:class:`~geo.lookup.PlaceLookup`.

Examples
--------
>>> from gazetteer import Gazetteer                      # doctest: +SKIP
>>> gaz = Gazetteer.load()                               # doctest: +SKIP
>>> [m.text for m in recognize("Shelling hit Kharkiv region.", gaz)]  # doctest: +SKIP
['Kharkiv region']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from gazetteer.exc import InputError
from gazetteer.model import PlaceKind
from gazetteer.names import normalise, same_name
from gazetteer.protocol import GazetteerLike
from geo import recognize_rules as R
from geo.cues import cues_before, document_countries, is_strong
from geo.fuzzy import fuzzy_matches
from geo.lookup import PlaceLookup
from geo.model import Mention
from geo.people import collect_person_evidence, ends_double_barrelled_name, is_prominent
from geo.relative import distance_km
from geo.spans import RecognisedSpan, overlaps_any, within_any
from geo.tokens import Document, Token, tokenise

__all__ = [
    "RecognizerOptions",
    "find_spans",
    "options",
    "recognize",
]


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
        Minimum spelling closeness (see :mod:`geo.fuzzy`) between the unknown
        word and the matched place's name, with and without a place context.
    fuzzy_min_noisy, fuzzy_min_noise_similarity : float
        Minimum candidate score and noise-model similarity
        (:func:`gazetteer.noise.noise_similarity`) for an unknown word in a place
        context read as a damaged spelling of a town, with no country to back it.
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
        that name (up to romanisation) lies this close to one of the document's other
        settlements; so is a word the index does not know that spells such a
        settlement's name in another romanisation.
    """

    max_tokens: int = 6
    fuzzy: bool = True
    fuzzy_min_cued: float = 0.7
    fuzzy_min_focus: float = 0.8
    fuzzy_min_len: int = 4
    fuzzy_min_similarity: float = 0.75
    fuzzy_min_similarity_alone: float = 0.9
    fuzzy_min_noisy: float = 0.5
    fuzzy_min_noise_similarity: float = 0.85
    demonyms: bool = True
    small_org_population: int = 100_000
    big_population: int = 100_000
    mid_population: int = 10_000
    neighbour_km: float = 50.0


#: Module-level defaults; pass ``options=RecognizerOptions(...)`` to override.
options = RecognizerOptions()


# ---------------------------------------------------------------- words that name no place


def _camel(w: str) -> bool:
    """Mixed-case short tokens such as "MPs", "MoD": abbreviations, not names."""
    inner = w[1:]
    return len(w) <= 5 and any(c.isupper() for c in inner) and any(c.islower() for c in inner)


def _contraction(w: str) -> bool:
    """Tell "I'm", "We're", "It'll": an English contraction, never a name."""
    low = w.lower().replace("’", "'")
    return "'" in low and low.rsplit("'", 1)[1] in ("m", "re", "ve", "ll", "d", "t", "s")


def _org_head(doc: Document, j: int) -> bool:
    """Token ``j`` heads "X of Y" with Y capitalised ("University of ...", "Bank of ...")."""
    toks, text = doc.toks, doc.text
    return (
        j + 2 < len(toks)
        and toks[j + 1].text == "of"
        and toks[j + 2].cap
        and text[toks[j].end : toks[j + 2].start] == " of "
    )


# ---------------------------------------------------------------- scanning


def _joinable(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    if gap in (" ", "-", "‑"):
        return True
    # "St. Louis", "Ft. Worth" (and in a capitals dateline "ST. LOUIS"): a short
    # abbreviation's full stop.
    return gap == ". " and len(a.text) <= 3 and a.cap and (not a.upper or b.upper)


def _scan(
    doc: Document, lk: PlaceLookup, opts: RecognizerOptions, maxn: int
) -> list[RecognisedSpan]:
    toks, text = doc.toks, doc.text
    n = len(toks)
    found: list[RecognisedSpan] = []
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
        extra, replaced = fuzzy_matches(doc, lk, opts, unknown, found)
        found = [f for f in found if (f.start, f.end) not in replaced] + extra
    found += _unknown_settlements(doc, unknown, found)
    return found


#: Words before a name that make it a settlement whatever the index knows of it.
_SETTLEMENT_WORDS = frozenset({"village", "town", "settlement", "hamlet"})
#: "X (12 km southeast of Y)", "X, 10km north of Y": a place measured off another.
_MEASURED_AFTER = re.compile(
    r"\s*[,(]\s*(?:(?:about|approximately|roughly|some|nearly|just)\s+)?\d+(?:\.\d+)?\s*"
    r"(?:km|kilomet\w*)\s+(?:(?:due|to\s+the)\s+)?(?:north|south|east|west)"
)


def _unknown_settlements(
    doc: Document, unknown: list[int], found: list[RecognisedSpan]
) -> list[RecognisedSpan]:
    """Names the index lacks that the text itself makes settlements, to report unresolved.

    "the village of X", "X (12 km southeast of Y)": a village too small for the index is
    still a place the article names; it is reported with the other unresolved names
    rather than dropped.
    """
    toks, text = doc.toks, doc.text
    taken = [(f.start, f.end) for f in found]
    out: list[RecognisedSpan] = []
    for i in unknown:
        t = toks[i]
        if t.upper or len(t.text) < 4 or not t.text.isalpha():
            continue
        j = i
        while j + 1 < len(toks) and _joinable(text, toks[j], toks[j + 1]) and toks[j + 1].cap:
            j += 1
        s, e = t.start, toks[j].end
        if i > 0 and toks[i - 1].cap and text[toks[i - 1].end : s] == " ":
            continue  # inside a longer run of capitals: not this name's start
        cues = cues_before(doc, i)
        if not (_SETTLEMENT_WORDS & set(cues) or _MEASURED_AFTER.match(text, e)):
            continue
        # last, as the costliest: not part of a name found already
        if overlaps_any(taken, s, e):
            continue
        out.append(RecognisedSpan(s, e, text[s:e], text[s:e], (*cues, "unknown")))
        taken.append((s, e))
    return out


def _demonym_at(
    doc: Document, lk: PlaceLookup, i: int, opts: RecognizerOptions
) -> RecognisedSpan | None:
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
        return RecognisedSpan(s, t.end, doc.text[s : t.end], cont, ("demonym",))
    surface = doc.text[s : t.end]
    return RecognisedSpan(s, t.end, surface, surface, ("demonym",), "demonym", (cc,))


def _accept(
    doc: Document, lk: PlaceLookup, opts: RecognizerOptions, i: int, j: int
) -> RecognisedSpan | None:
    """Apply negative evidence to a known name spanning tokens ``i..j``; add cues."""
    toks, text = doc.toks, doc.text
    first, last = toks[i], toks[j]
    s, e = first.start, last.end
    surface = text[s:e]
    single = i == j
    low = surface.lower()
    cues = list(cues_before(doc, i))
    abbr = _state_abbreviation(doc, lk, i, j)
    if abbr is not None:
        return abbr
    if not is_strong(cues) and _followed_by_its_unit(doc, lk, j, surface):
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
            if top is None or top.kind not in R.BIG_KINDS:
                return None
        if _camel(surface) or (len(surface) <= 2 and not first.upper) or _contraction(surface):
            return None
        if _org_head(doc, j) and not is_prominent(lk, surface):
            return None
        if low in R.DIRECTIONS:
            return None  # "the North", "in the East": a direction, not the town of that name
        if low in R.given_names() and not is_strong(cues):
            top = lk.top(surface)
            if top is None or top.kind not in (PlaceKind.COUNTRY, PlaceKind.ADMIN1):
                return None  # a lone given name: "Paul", "Julia"
        if surface in doc.person_words:
            return None
        if within_any(doc.person_spans, s, e):
            return None
        common = not first.upper and (low in R.common_words() or low in doc.lower_words)
        if common and (first.weak or not is_strong(cues)):
            return None
        if first.weak and not first.upper and len(surface) <= 3:
            return None
    elif within_any(doc.person_spans, s, e) and not is_strong(cues):
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
                top.kind not in R.BIG_KINDS and top.population <= opts.small_org_population
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
            return RecognisedSpan(s, nxt.end, full, full, tuple(cues), fallback=surface)
        if gap == " " and not nxt.cap and nl in R.SPAN_CUES:
            full = text[s : nxt.end]
            cues.append("region")
            return RecognisedSpan(s, nxt.end, full, surface, tuple(cues), fallback=surface)
        if gap in (" ", "-") and not nxt.cap and nl in R.HEAD_CUES:
            cues.append("area" if nl.startswith("area") else nl)
    return RecognisedSpan(
        s,
        e,
        surface,
        name,
        tuple(dict.fromkeys(cues)),
        fallback=fallback,
        lone=single,
        in_run=_in_run(doc, i, j),
    )


def _followed_by_its_unit(doc: Document, lk: PlaceLookup, j: int, surface: str) -> bool:
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
            if (
                p.kind is PlaceKind.SETTLEMENT
                and p.country == unit.country
                and (unit.kind is PlaceKind.COUNTRY or p.admin1 == unit.name)
            ):
                return True
    return False


def _state_abbreviation(doc: Document, lk: PlaceLookup, i: int, j: int) -> RecognisedSpan | None:
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
        return RecognisedSpan(first.start, end, surface, surface, ("state",))
    # not a name in the index ("Calif."): only right after a place and its comma
    place_end = doc.last_place[0]
    if place_end >= 0 and text[place_end : first.start].strip() == "," and lk.abbreviation(surface):
        return RecognisedSpan(first.start, end, surface, surface, ("state",))
    return None


def _whole_unit_name(lk: PlaceLookup, word: str) -> bool:
    """Whether ``word`` is the full name of a state, county or country (no abbreviation)."""
    units = (PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.COUNTRY)
    return any(
        p.kind in units and normalise(p.name) == normalise(word) for p in lk.candidates(word)
    )


def _in_run(doc: Document, i: int, j: int) -> bool:
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
    doc: Document, lk: PlaceLookup, found: list[RecognisedSpan], opts: RecognizerOptions
) -> list[RecognisedSpan]:
    """Drop lone words that are small places without support in the text.

    A one-word name that is not a country, region or large city must not sit
    inside a longer capitalised name ("Hurricane Karol", "Stoneman Douglas"),
    and needs a place cue ("in X", "village of X") or, for a mid-sized town, a
    country the document already talks about. No city ends a person's
    double-barrelled name ("Diaz-Balart").
    """
    focus = document_countries(lk, found)[:2]
    starts = {t.start: k for k, t in enumerate(doc.toks)}
    # "the Svatove-Kreminna line": a place after a hyphen that follows another place
    # names the other end of a line, not the second half of a double-barrelled name
    ends = {f.end for f in found if f.kind == "place"}
    ends |= {e + len(" City") for e in ends if doc.text.startswith(" City", e)}
    out: list[RecognisedSpan | None] = []
    unsupported: list[tuple[int, RecognisedSpan]] = []  # small places with nothing but neighbours
    for f in found:
        if f.kind == "place" and f.lone and not f.fuzzy:
            top = lk.top(f.name)
            if top is None:
                out.append(f)
                continue
            if top.kind not in R.BIG_KINDS and ends_double_barrelled_name(
                doc, starts.get(f.start, 0)
            ):
                continue
            big = top.kind in R.BIG_KINDS or top.population >= opts.big_population
            cued = is_strong(f.cues)
            if not big:
                paired = doc.text[f.start - 1 : f.start] == "-" and f.start - 1 in ends
                if f.in_run and not paired:
                    continue
                if not cued and (top.population < opts.mid_population or top.country not in focus):
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
            if len(near) and _has_neighbour(lk, f.name, near, opts.neighbour_km):
                out[k] = f
    return [f for f in out if f is not None]


def _settled_points(lk: PlaceLookup, found: list[RecognisedSpan]) -> np.ndarray:
    """Points (lat, lon rows) of the settlements and districts among the document's places."""
    pts = []
    for f in found:
        top = lk.top(f.name)
        if top is not None and top.kind in (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2):
            pts.append((top.lat, top.lon))
    return np.array(pts, dtype=float).reshape(-1, 2)


#: Kilometres per degree of latitude, rounded down: two points further apart in latitude
#: alone than ``km`` / this are surely more than ``km`` apart.
_KM_PER_DEGREE_LOW = 111.0


def _has_neighbour(lk: PlaceLookup, name: str, points: np.ndarray, km: float) -> bool:
    """Whether a settlement of this name lies within ``km`` of one of ``points``.

    The name counts as the same up to romanisation ("Krasnopillya", "Krasnopillia"): a
    village's namesakes are often indexed under one spelling only.
    """
    for p in lk.candidates(name):
        if p.kind is not PlaceKind.SETTLEMENT or not same_name(name, p.name):
            continue
        # the exact distance only for the points the latitude alone does not rule out
        close = points[np.abs(points[:, 0] - p.lat) * _KM_PER_DEGREE_LOW <= km]
        if any(distance_km((p.lat, p.lon), (lat, lon)) < km for lat, lon in close.tolist()):
            return True
    return False


# ---------------------------------------------------------------- borders


_BORDER_GAPS = (" ", "-", "–", "'s ", "’s ")


def _borders(doc: Document, lk: PlaceLookup) -> list[RecognisedSpan]:
    """Border phrases: "the border", "the Russian border", "the border with Russia"."""
    toks, text = doc.toks, doc.text
    out: list[RecognisedSpan] = []
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
            RecognisedSpan(
                s, e, text[s:e], text[s:e], cues, "border", tuple(dict.fromkeys(countries))
            )
        )
    return out


def _country_code(lk: PlaceLookup, t: Token) -> str | None:
    cc = lk.demonym(t.text)
    if cc:
        return cc
    if lk.is_known(t.text):
        top = lk.top(t.text)
        if top is not None and top.kind == PlaceKind.COUNTRY and top.score >= 0.99:
            return top.country
    return None


# ---------------------------------------------------------------- public API


def find_spans(
    text: str,
    gaz: GazetteerLike,
    *,
    nlp: Any = None,
    options: RecognizerOptions | None = None,
    lookup: PlaceLookup | None = None,
) -> list[RecognisedSpan]:
    """Find the spans of a text that name places, with what the resolver needs.

    Parameters
    ----------
    text : str
        Article text.
    gaz : gazetteer.Gazetteer
        The place index.
    nlp : spacy.Language, optional
        Optional NER pipeline (see :func:`recognize`).
    options : RecognizerOptions, optional
        Thresholds; the module's :data:`options` by default.
    lookup : PlaceLookup, optional
        Look-up caches around ``gaz`` to use and fill; a fresh one by default.

    Returns
    -------
    list of RecognisedSpan
        In text order (by start, longer first).

    Raises
    ------
    InputError
        If ``text`` is not a string.
    ValueError
        If ``lookup`` wraps another gazetteer than ``gaz``.
    """
    if not isinstance(text, str):
        raise InputError(f"recognize() needs the article text as str, got {type(text).__name__}")
    opts = options or globals()["options"]
    toks = tokenise(text)
    lower_words = {t.text for t in toks if t.text.islower()}
    doc = Document(text, toks, lower_words)
    lk = _lookup_for(gaz, lookup)
    collect_person_evidence(doc, lk)
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


def _lookup_for(gaz: GazetteerLike, lookup: PlaceLookup | None) -> PlaceLookup:
    """Return the caller's look-up caches for ``gaz`` (bounded), or fresh ones."""
    if lookup is None:
        return PlaceLookup(gaz)
    if lookup.gaz is not gaz:
        raise ValueError("lookup= wraps another gazetteer than the one given")
    lookup.bound()
    return lookup


def _feature_names(doc: Document, found: list[RecognisedSpan]) -> list[RecognisedSpan]:
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
        if b == k or within_any(doc.person_spans, toks[b].start, t.end):
            continue
        s, e = toks[b].start, t.end
        head_less = text[s : toks[k - 1].end]
        cues = (t.text.lower(),)
        out.append(RecognisedSpan(s, e, text[s:e], text[s:e], cues, fallback=head_less))
    return out


def _head_of_name(doc: Document, k: int) -> RecognisedSpan | None:
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
    return RecognisedSpan(
        s, end, text[s:end], text[s:end], (t.text.lower(),), fallback=text[nxt.start : end]
    )


def _outermost(found: list[RecognisedSpan]) -> list[RecognisedSpan]:
    """Drop mentions lying inside a longer one ("North" in "North American")."""
    # In (start, -end) order, every other span that holds a span comes before it: one
    # sweep with the furthest end seen so far (not a comparison of every pair).
    inside: set[tuple[int, int]] = set()
    furthest = -1
    for a, b in sorted({(f.start, f.end) for f in found}, key=lambda ab: (ab[0], -ab[1])):
        if furthest >= b:
            inside.add((a, b))
        furthest = max(furthest, b)
    return [f for f in found if (f.start, f.end) not in inside]


def _propagate(doc: Document, found: list[RecognisedSpan]) -> list[RecognisedSpan]:
    """One sense per document: repeat an accepted name wherever else it occurs.

    A name accepted once (with a cue, or as a close misspelling) is also a place
    where it stands at a sentence start or without a cue ("Kupyanks is ...").
    """
    have = {(f.start, f.end) for f in found}
    spans = sorted(have)
    by_surface: dict[str, RecognisedSpan] = {}
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
        if overlaps_any(spans, t.start, t.end) or within_any(doc.person_spans, t.start, t.end):
            continue
        cues = tuple(c for c in f.cues if c in ("fuzzy", "demonym"))
        extra.append(RecognisedSpan(t.start, t.end, t.text, f.name, cues, fuzzy=f.fuzzy))
    return found + extra if extra else found


def _ner_evidence(doc: Document, nlp: Any) -> None:
    sd = nlp(doc.text)
    for ent in sd.ents:
        span = (ent.start_char, ent.end_char)
        if ent.label_ == "PERSON":
            doc.person_spans.append(span)
            if " " in ent.text:
                doc.person_words.update(ent.text.split()[1:])
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            doc.ner_places.append(span)


def _ner_extra(doc: Document, lk: PlaceLookup, have: list[RecognisedSpan]) -> list[RecognisedSpan]:
    """Places NER found that the rules missed and the gazetteer knows."""
    out = []
    spans = [(f.start, f.end) for f in have]
    for s, e in doc.ner_places:
        surface = doc.text[s:e]
        if surface.lower().startswith("the "):
            s, surface = s + 4, surface[4:]
        if overlaps_any(spans, s, e) or not surface or surface in doc.person_words:
            continue
        if lk.is_known(surface):
            out.append(RecognisedSpan(s, e, surface, surface, ("ner",)))
    return out


def recognize(
    text: str,
    gaz: GazetteerLike,
    *,
    nlp: Any = None,
    options: RecognizerOptions | None = None,
    lookup: PlaceLookup | None = None,
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
    lookup : PlaceLookup, optional
        Look-up caches around ``gaz`` shared across texts (a
        :class:`~geo.pipeline.Pipeline` keeps one); a fresh one for this call by
        default.

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
    ValueError
        If ``lookup`` wraps another gazetteer than ``gaz``.

    Examples
    --------
    >>> [m.text for m in recognize("Troops left the village of Mala Rohan.", gaz)]  # doctest: +SKIP
    ['Mala Rohan']
    """
    found = find_spans(text, gaz, nlp=nlp, options=options, lookup=lookup)
    return [Mention(f.start, f.end, f.text, f.cues) for f in found]
