"""Resolution: placing the spans recognition found.

Place names are resolved jointly through ``gaz.resolve_all`` (shared country focus
and coherence) and vetted against their surface (:func:`_fits`); a "region" cue picks
the widest area of that name; streets and buildings the index does not know are put
in the document's main town; demonyms resolve to their country, and border phrases
to the border line between the named country and the document's focus.

Examples
--------
>>> from gazetteer import Gazetteer                      # doctest: +SKIP
>>> gaz = Gazetteer.load()                               # doctest: +SKIP
>>> [m.place.name for m in geoparse("Shelling hit Kharkiv.", gaz)]  # doctest: +SKIP
['Kharkiv']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz

from gazetteer.model import Place, PlaceKind
from gazetteer.names import normalise, same_name, strip_generic
from gazetteer.protocol import GazetteerLike
from gazetteer.resolver import options as gaz_options
from geo import recognize_rules as R
from geo.lookup import PlaceLookup
from geo.model import Mention
from geo.recognize import RecognizerOptions, find_spans
from geo.spans import RecognisedSpan
from geo.vetting import INSTITUTION_HEADS, vet

__all__ = ["geoparse", "resolve_spans"]

_AREA_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.REGION})
_CLOSE = 0.8  # spelling similarity at which a place's name matches the surface
_CLOSE_STAGE = 0.7  # candidate score reached only by exact, normalised or transliteration keys
#: A list of names up to a word for first-level units after it: ", Donetsk and Luhansk Oblasts".
_OBLASTS_AFTER = re.compile(
    r"(?:(?:,? and |, |,? or )[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?)* (?:[Oo]blasts?|[Rr]egions)\b"
)
_DOMINANT_SHARE = 0.25  # share of a report's settlement mentions that makes its main town


def geoparse(
    text: str,
    gaz: GazetteerLike,
    *,
    nlp: Any = None,
    country: str | None = None,
    options: RecognizerOptions | None = None,
    lookup: PlaceLookup | None = None,
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
        Optional NER pipeline (see :func:`geo.recognize.recognize`).
    country : str, optional
        ISO2 code of the country the text is about, when known.
    options : RecognizerOptions, optional
        Recogniser thresholds.
    lookup : PlaceLookup, optional
        Look-up caches around ``gaz`` shared across texts (a
        :class:`~geo.pipeline.Pipeline` keeps one); a fresh one for this call by
        default.

    Returns
    -------
    list of Mention
        Every recognised mention in text order; ``place`` is ``None`` for those
        that could not be resolved (kept so they can be reported).

    Raises
    ------
    InputError
        If ``text`` is not a string.
    ValueError
        If ``lookup`` wraps another gazetteer than ``gaz``.
    """
    found = find_spans(text, gaz, nlp=nlp, options=options, lookup=lookup)
    return resolve_spans(found, gaz, country=country, text=text)


def resolve_spans(
    spans: Sequence[RecognisedSpan],
    gaz: GazetteerLike,
    *,
    country: str | None = None,
    text: str = "",
) -> list[Mention]:
    """Place recognised spans: places jointly, then demonyms, then border phrases.

    Parameters
    ----------
    spans : sequence of RecognisedSpan
        The spans of one text, in text order (:func:`geo.recognize.find_spans`).
    gaz : gazetteer.Gazetteer
        The place index.
    country : str, optional
        ISO2 code of the country the text is about, when known.
    text : str, optional
        The text the spans were found in; with it, villages of one name are told apart
        by the places named around them and names in quotes or of organisations are
        left out (:func:`geo.vetting.vet`).

    Returns
    -------
    list of Mention
        One per distinct span, in the same order; ``place`` is ``None`` for those that
        could not be resolved. A span recognised only by a loose match whose reading is a
        guess (:func:`geo.vetting.vet`) is left out, and so is an institution's name
        ("Resistance Center", "Orthodox Church") with no place among its words.
        Streets and buildings placed in the document's main town get the extra cue
        ``"locality"``.
    """
    found = _distinct(spans)
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
                cues = found[k].cues
                if _OBLASTS_AFTER.match(text, found[k].end):
                    # "between Izyum and Donetsk and Luhansk Oblasts": no raion of Izyum
                    cues = tuple(c for c in cues if c != "region")
                got[n] = gaz.resolve(found[k].name, cues=cues, country=country)
        by_key = dict(zip(first, got, strict=True))
        res = [by_key[key] for key in keys]
        memo: dict[tuple[str, str], bool] = {}
        for k, p in zip(idx, res, strict=True):
            if p is not None and not found[k].fuzzy and not _fits(gaz, found[k], p, memo):
                p = None  # a poor match for the whole name ("Perm Oblast"): try its short form
            if p is None and found[k].fallback:
                p = gaz.resolve(found[k].fallback, cues=found[k].cues, country=country)
            if p is None and found[k].fuzzy:
                continue
            if p is not None and not _fits(gaz, found[k], p, memo):
                p = None  # a poor match for the surface: report it unresolved
            if (
                p is not None
                and "unknown" in found[k].cues
                and not _spelt_alike(found[k].text, p.name)
            ):
                p = None  # a name the index lacks: only a close spelling of a known one
            if p is not None and "region" in found[k].cues and p.kind in _AREA_KINDS:
                p = _widest_area(found[k].name, p)
            places[k] = p
    drop = vet(gaz, found, places, text=text)
    _place_built_features(gaz, found, places)
    drop.update(
        k
        for k, f in enumerate(found)
        if places[k] is None and f.kind == "place" and set(f.cues) & INSTITUTION_HEADS
    )
    for k, f in enumerate(found):
        if f.kind == "demonym":
            places[k] = gaz.place_of_demonym(f.text) or gaz.country(f.countries[0])
    focus = _focus(places, country)
    for k, f in enumerate(found):
        if f.kind == "border":
            places[k] = _resolve_border(gaz, f, focus, places)
    return [
        Mention(f.start, f.end, f.text, f.cues, p)
        for k, (f, p) in enumerate(zip(found, places, strict=True))
        if k not in drop
    ]


def _distinct(spans: Sequence[RecognisedSpan]) -> list[RecognisedSpan]:
    """One span per character range, its cues merged ("Black Sea" found twice is one)."""
    out: list[RecognisedSpan] = []
    at: dict[tuple[int, int, str], int] = {}
    for f in spans:
        key = (f.start, f.end, f.kind)
        k = at.get(key)
        if k is None:
            at[key] = len(out)
            out.append(f)
        else:
            out[k] = replace(out[k], cues=tuple(dict.fromkeys((*out[k].cues, *f.cues))))
    return out


def _place_built_features(
    gaz: GazetteerLike, found: list[RecognisedSpan], places: list[Place | None]
) -> None:
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
        and not (set(f.cues) & INSTITUTION_HEADS and _national(gaz, f.text))
    ]
    if not todo:
        return
    town = gaz.main_locality([p for p in places if p is not None])
    if town is None or not _dominant(town, places):
        return
    near = replace(town, score=round(gaz_options.backoff_score * town.score, 4), alternatives=())
    for k in todo:
        f = found[k]
        found[k] = replace(f, cues=(*f.cues, "locality"))
        places[k] = near


def _national(gaz: GazetteerLike, name: str) -> bool:
    """Whether ``name`` opens with a nation's adjective: "Ukrainian Resistance Center".

    Such a centre or church is a nation's institution, not a building of the report's town.
    """
    first = name.split()[0] if name.split() else ""
    return bool(first) and gaz.place_of_demonym(first) is not None


def _dominant(town: Place, places: Sequence[Place | None]) -> bool:
    """Whether ``town`` is what the report is about: a quarter of its settlement mentions.

    A daily report naming forty towns is about none of them: an unknown bridge or church
    in it is not in its most named town.
    """
    towns = [p for p in places if p is not None and p.kind is town.kind]
    return bool(towns) and sum(p.id == town.id for p in towns) >= _DOMINANT_SHARE * len(towns)


def _fits(
    gaz: GazetteerLike, f: RecognisedSpan, p: Place, memo: dict[tuple[str, str], bool]
) -> bool:
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
        return any(same_name(w, p.name) for w in _word_windows(f.text))
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
    if same_name(a, b):
        return True
    sa, sb = strip_generic(a) or a, strip_generic(b) or b  # "Kent" and "Kent County"
    return max(fuzz.ratio(a, b), fuzz.ratio(sa, sb)) >= 100 * _CLOSE


def _reached(gaz: GazetteerLike, name: str, p: Place, memo: dict[tuple[str, str], bool]) -> bool:
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
    gaz: GazetteerLike, f: RecognisedSpan, focus: list[str], places: Sequence[Place | None]
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


def _nearest_border(
    gaz: GazetteerLike, country: str, places: Sequence[Place | None]
) -> Place | None:
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
