"""Loose matching: capitalised words the gazetteer does not know, read as misspellings.

Machine translation and hurried reporting garble names ("Kupyanks", "Velyka Rohon").
An unknown word is tried against the resolver's loose stages and kept only when the
context says "place" or the match is a prominent place of the document's countries,
and its spelling is close to the place's name. In a place context ("shelled X",
"near X") a town of some size whose name the word damages in the ways the noise model
knows (:mod:`gazetteer.noise`: transliteration from Cyrillic) is kept even when the text
names no country. Without a place context, a word that spells a settlement's name in
another romanisation is kept when that settlement lies beside the text's other places; so
is a slip of its name (a letter dropped or swapped) when the word is listed with places.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from gazetteer.distance import great_circle_km
from gazetteer.model import Place, PlaceKind
from gazetteer.names import normalise, same_name, skeleton
from gazetteer.noise import CYRILLIC_COUNTRIES, MIN_POPULATION, noise_keys, noise_similarity
from geo import recognize_rules as R
from geo.cues import cues_before, document_countries, is_strong
from geo.lookup import PlaceLookup
from geo.people import ends_double_barrelled_name
from geo.spans import RecognisedSpan, overlaps_any, within_any
from geo.tokens import Document

if TYPE_CHECKING:
    from geo.recognize import RecognizerOptions

__all__ = ["fuzzy_matches"]

#: Kinds of place whose country and position a damaged name is weighed against.
_SETTLED_KINDS = frozenset({PlaceKind.SETTLEMENT, PlaceKind.ADMIN1, PlaceKind.ADMIN2})
#: Noise similarity at which a spelling whose noise key differs still counts.
_NOISE_ALONE = 0.9
#: Noise similarities this close are a tie, decided by the text's other places.
_NOISE_STEP = 0.03
#: How much closer (plain edit ratio) another place's name must be to replace a loose
#: match's (see :func:`_closer_spelling`).
_CLOSER = 0.1
#: Plain edit ratio of a spelling a slip from a name (a swap or a dropped letter).
_SLIP = 0.8
#: The same, for a word read as a village only because it is listed with places.
_LISTED_SLIP = 0.85
#: Distance (km) within which a candidate is near the text's other places.
_NEAR_KM = 150.0
_FAR_KM = 20_000.0

#: What may join the words of one name: a space, or a hyphen ("Ivano-Frankivsk").
_JOINS = (" ", "-")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")

#: Words before a name that make a damaged spelling of a town worth reading as one
#: ("between X and Y"); "at" is left out ("at Google").
_PLACE_WORDS = R.PLACE_PREPOSITIONS - {"at"}


def fuzzy_matches(
    doc: Document,
    lk: PlaceLookup,
    opts: RecognizerOptions,
    unknown: list[int],
    found: list[RecognisedSpan],
) -> tuple[list[RecognisedSpan], set[tuple[int, int]]]:
    """Unknown capitalised words matched loosely (misspellings, transliterations).

    Parameters
    ----------
    doc : Document
        The document, its person evidence collected.
    lk : PlaceLookup
        The look-up caches.
    opts : RecognizerOptions
        The fuzzy thresholds.
    unknown : list of int
        Indices of capitalised tokens the exact scan did not match.
    found : list of RecognisedSpan
        The spans found so far.

    Returns
    -------
    list of RecognisedSpan
        The new mentions (cue ``"fuzzy"``).
    set of (int, int)
        The spans of found mentions they replace (a known word inside a longer
        garbled name: "the village of Velyka Rohon").
    """
    toks, text = doc.toks, doc.text
    taken = [(f.start, f.end) for f in found]
    focus = document_countries(lk, found)
    context = _context_places(lk, found)
    starts = {t.start: k for k, t in enumerate(toks)}
    place_ends = sorted(f.end for f in found if f.kind == "place")
    place_starts = sorted(f.start for f in found if f.kind == "place")
    out: list[RecognisedSpan] = []
    replaced: set[tuple[int, int]] = set()
    done: set[int] = set()
    # a known word followed by more capitalised words, in a clear place context
    longer = []
    for f in found:
        k = starts.get(f.start)
        if (
            f.kind == "place"
            and k is not None
            and is_strong(f.cues)
            and f.lone
            and k + 1 < len(toks)
            and toks[k + 1].cap
            and text[f.end : toks[k + 1].start] in _JOINS
        ):
            longer.append(k)
    for i in [*longer, *unknown]:
        if i in done:
            continue
        t = toks[i]
        if t.upper or len(t.text) < opts.fuzzy_min_len or not _wordlike(t.text):
            continue
        low = t.text.lower()
        if (
            low in R.common_words()
            or low in R.PERSON_TITLES
            or low in R.given_names()
            or low in doc.lower_words
            or t.text in doc.person_words
            or ends_double_barrelled_name(doc, i)
        ):
            continue
        # the capitalised run starting here (up to 3 words)
        j = i
        while (
            j + 1 < len(toks)
            and j - i < 2
            and toks[j + 1].cap
            and not toks[j].poss
            and text[toks[j].end : toks[j + 1].start] in _JOINS
            and toks[j + 1].text.lower() not in R.common_words()
            # "Zapoirzhia Oblast": the unit word says what the garbled name is, an area
            and toks[j + 1].text.lower() not in R.PROPER_SUFFIXES
        ):
            j += 1
        is_longer = i in longer
        if is_longer and j == i:
            continue
        cues = list(cues_before(doc, i))
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        region_next = (
            nxt is not None
            and not toks[j].poss
            and text[toks[j].end : nxt.start] == " "
            and nxt.text.lower() in (R.SPAN_CUES | R.PROPER_SUFFIXES)
        )
        if region_next:
            cues.append("region")
        strong = is_strong(cues)
        if t.weak and not strong:
            continue
        run_s, run_e = t.start, toks[j].end
        others = (
            [sp for sp in taken if not (run_s <= sp[0] and sp[1] <= run_e)] if is_longer else taken
        )
        if within_any(doc.person_spans, t.start, toks[j].end) or overlaps_any(
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
            listed = _listed_with_places(text, s, e, place_ends, place_starts)
            top, named = _loose(lk, opts, surface, tuple(cues), focus, strong, context, listed)
            if top is None:
                continue
            if region_next and k == j and nxt is not None and not nxt.cap:
                full_e = nxt.end
                out.append(
                    RecognisedSpan(s, full_e, text[s:full_e], named, (*cues, "fuzzy"), fuzzy=True)
                )
            else:
                out.append(RecognisedSpan(s, e, surface, named, (*cues, "fuzzy"), fuzzy=True))
            if is_longer:
                replaced.update(sp for sp in taken if s <= sp[0] and sp[1] <= e)
            done.update(range(i, k + 1))
            taken.append((s, e))
            break
    return out, replaced


def _loose(
    lk: PlaceLookup,
    opts: RecognizerOptions,
    surface: str,
    cues: tuple[str, ...],
    focus: list[str],
    strong: bool,
    context: Sequence[Place] = (),
    listed: bool = False,
) -> tuple[Place | None, str]:
    """Return the resolver's best loose match for ``surface`` if the evidence suffices.

    In a place context: a close spelling of a place in one of the document's
    countries, or of a prominent place, or a damaged spelling (by the noise model) of
    a town of :data:`~gazetteer.noise.MIN_POPULATION` people or more whose name is
    transliterated from Cyrillic. Without one: only a prominent place of one of the
    document's two main countries whose spelling is very close.

    Returns the place and the name the span is to be resolved by: the surface (the
    resolver then weighs it with the document's other places), or for a damaged
    spelling of a town the town's own name (it may be one of the resolver's
    alternatives, not its first choice: an old or foreign name of another place can
    spell the damaged form).
    """
    best: Place | None = None
    named = surface
    placed = strong or any(c in _PLACE_WORDS for c in cues)
    noisy: list[Place] = []
    # the document's countries first, then anywhere: "Russian troops took X" names the
    # attacker's country, not X's
    for cc in [*focus[:2], None]:
        top = lk.resolve(surface, cues, cc)
        if top is None:
            continue
        score = float(top.score)
        prominent = top.kind in R.BIG_KINDS or top.population >= opts.big_population
        sim = _similarity(surface, top.name)
        beyond = cc is None and bool(focus)  # looked up outside the document's countries
        ok = (
            not beyond
            and strong
            and score >= opts.fuzzy_min_cued
            and sim >= opts.fuzzy_min_similarity
            and (top.country in focus or prominent)
        ) or (
            not beyond
            and top.country in focus[:2]
            and prominent
            and score >= opts.fuzzy_min_focus
            and sim >= opts.fuzzy_min_similarity_alone
        )
        if not ok and not beyond and top.country in focus[:2]:
            # a village the report's other places stand around, spelt in another
            # romanisation ("Prudyanka" beside Derhachi): read as that village
            pool = [top, *top.alternatives, *(lk.candidates(surface) if listed else ())]
            near, spelt = _romanised_neighbour(surface, pool, context, opts, slip=listed)
            if near is not None and best is None:
                # a slip is read by the village's own name: the resolver might read the
                # damaged spelling as another place's
                best, named = near, (surface if spelt else near.name)
                continue
        if ok and (best is None or score > best.score):
            best, named = top, surface
            closer = _closer_spelling(surface, top, opts.fuzzy_min_similarity) if placed else None
            if closer is not None:
                # in a place context, the word damages another place's name less: it is
                # read as that name (the resolver then picks among its namesakes by context)
                named = closer.name
        if not ok and placed:
            noisy += [top, *top.alternatives]
    if best is None and placed:
        # the countries of the places the text names plainly (a small town counts
        # too) are where a damaged name is looked for as well, those the noise
        # model is a model of
        for cc in dict.fromkeys(
            p.country
            for p in context
            if p.country in CYRILLIC_COUNTRIES and p.country not in focus[:2]
        ):
            top = lk.resolve(surface, cues, cc)
            if top is not None:
                noisy += [top, *top.alternatives]
        town = _damaged_town(opts, surface, noisy, context)
        if town is not None:
            best, named = town, town.name
    return best, named


def _closer_spelling(surface: str, top: Place, least: float) -> Place | None:
    """Return the alternative of ``top`` whose name ``surface`` clearly damages less.

    A loose match whose plain spelling is far from the word (below ``least``: it matched
    on a shared consonant skeleton or key, "Optyne": Avdotyine) is not the reading when a
    place of the same country and kind is spelt a slip away (Opytne): plain edit ratio
    :data:`_SLIP` or more, and :data:`_CLOSER` above ``top``'s.
    """
    word = normalise(surface)
    if not word:
        return None
    own = fuzz.ratio(word, normalise(top.name)) / 100.0
    if own >= least:
        return None
    floor = max(_SLIP, own + _CLOSER)
    close = [
        (sim, p)
        for p in top.alternatives
        if p.country == top.country
        and p.kind == top.kind
        and (sim := fuzz.ratio(word, normalise(p.name)) / 100.0) >= floor
    ]
    # the closest spelling; of equal ones, the resolver's likelier (alternatives are ranked)
    return max(close, key=lambda c: c[0])[1] if close else None


def _romanised_neighbour(
    surface: str,
    places: Sequence[Place],
    context: Sequence[Place],
    opts: RecognizerOptions,
    *,
    slip: bool = False,
) -> tuple[Place | None, bool]:
    """Return the settlement of ``places`` that lies beside the text's places.

    The settlement's name must be ``surface`` up to romanisation (with ``slip``, for a
    word listed with places: or a slip away, :data:`_LISTED_SLIP`), and it must lie within
    ``opts.neighbour_km`` of one of the ``context`` settlements; of several, the closest
    spelling. Also returns whether its name is ``surface`` up to romanisation.
    """
    word = normalise(surface)
    around = [c for c in context if c.kind is PlaceKind.SETTLEMENT]
    if not word or not around:
        return None, False
    best: tuple[bool, float] = (False, 0.0)
    out = None
    for p in places:
        if p.kind is not PlaceKind.SETTLEMENT:
            continue
        same = same_name(word, p.name)
        ratio = fuzz.ratio(word, normalise(p.name)) / 100.0
        if not (same or (slip and ratio >= _LISTED_SLIP)):
            continue
        if not any(
            great_circle_km(p.lat, p.lon, c.lat, c.lon) <= opts.neighbour_km for c in around
        ):
            continue
        if out is None or (same, ratio) > best:
            best, out = (same, ratio), p
    return out, best[0]


def _listed_with_places(
    text: str, start: int, end: int, ends: list[int], starts: list[int]
) -> bool:
    """Whether ``text[start:end]`` is an item of a list of places.

    The item before or after it is a place found already (``ends`` and ``starts``: the
    found places' offsets, sorted): "Pytomnk" of "Prudianka, Dementiivka, and Pytomnk".
    Only the nearest place on either side can be the list's next item.
    """
    k = bisect.bisect_right(ends, start) - 1
    if k >= 0 and R.LIST_GAP.fullmatch(text, ends[k], start):
        return True
    k = bisect.bisect_left(starts, end)
    return k < len(starts) and bool(R.LIST_GAP.fullmatch(text, end, starts[k]))


def _wordlike(word: str) -> bool:
    """Whether ``word`` is letters, apostrophes inside allowed ("Novoazovs'k")."""
    return word[:1].isalpha() and word.translate(_APOSTROPHES).isalpha()


def _context_places(lk: PlaceLookup, found: list[RecognisedSpan]) -> list[Place]:
    """Return the places of the spans matched exactly so far, each placed on its own."""
    out = []
    for f in found:
        if f.kind == "place" and not f.fuzzy:
            top = lk.top(f.name)
            if top is not None and top.kind in _SETTLED_KINDS:
                out.append(top)
    return out


def _damaged_town(
    opts: RecognizerOptions, surface: str, places: list[Place], context: Sequence[Place] = ()
) -> Place | None:
    """Return the place of ``places`` that ``surface`` is likeliest a damaged spelling of.

    By the noise model, of a town of some size whose name comes from Cyrillic: the
    closest spelling (noise-weighted edits) wins; of spellings about as close, the one
    in a country of the text's other places, then the one nearest them.
    """
    best: tuple[float, float, float] | None = None
    out = None
    seen = set()
    for p in places:
        if p.id in seen:
            continue
        seen.add(p.id)
        if not (
            p.country in CYRILLIC_COUNTRIES
            and (p.kind in R.BIG_KINDS or p.population >= MIN_POPULATION)
            and p.score >= opts.fuzzy_min_noisy
        ):
            continue
        sim = noise_similarity(surface, p.name)
        if sim < opts.fuzzy_min_noise_similarity:
            continue
        if sim < _NOISE_ALONE and not set(noise_keys(surface)) & set(noise_keys(p.name)):
            continue  # keys apart: only a very close spelling
        home = any(q.country == p.country for q in context)
        km = min(
            (great_circle_km(p.lat, p.lon, q.lat, q.lon) for q in context if q.id != p.id),
            default=_FAR_KM,
        )
        # spellings a slip apart are told apart by the text's other places
        key = (round(sim / _NOISE_STEP), float(home) + float(km < _NEAR_KM), -km)
        if best is None or key > best:
            best, out = key, p
    return out


def _similarity(surface: str, name: str) -> float:
    """Score spelling closeness in 0..1.

    1 when the transliteration keys or (for words of five letters or more) the
    consonant skeletons agree, else the normalised edit ratio.
    """
    a, b = normalise(surface), normalise(name)
    if not a or not b:
        return 0.0
    if same_name(a, b):
        return 1.0
    ka, kb = skeleton(a), skeleton(b)
    if len(a.replace(" ", "")) >= 5 and len(ka) >= 3 and ka == kb:
        return 1.0
    return fuzz.ratio(a, b) / 100.0
