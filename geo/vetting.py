"""Vetting resolved places against the report: no wild guesses, features placed where named.

After joint resolution (:func:`geo.resolve.resolve_spans`) each place mention is checked
against the report's other places (its *anchors*: the settlements and units resolved from
names matched exactly):

* a loosely matched name (a misspelling reading) that lands far from every anchor and
  outside their countries is a guess: the resolver abstains;
* a feature head ("bridge", "air base", "river", "island") contradicts a country, and a
  built feature's record must share the name's specific words ("Kherson City
  International Airport" is not Grant County International Airport);
* a feature named after a settlement ("Kakhovka dam", "Darivka bridge", "Zherebets
  river" when no river record exists) is placed by its own record when there is one
  (airports), else at that settlement, as a feature with precision "near"
  (:data:`NEAR_PREFIX` ids), keeping its kind;
* a river is placed at its stretch nearest the places named around it; a stream the
  index lacks ("the Kinka River in Oleshky") at the settlement named beside it, precision
  "near";
* with the report's text, villages of one name are told apart by the places named
  around them (:mod:`geo.namesakes`), and names in quotes or of an organisation are no
  place mentions (:mod:`geo.senses`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import shapely
import shapely.ops
from rapidfuzz import fuzz

from gazetteer.distance import great_circle_km
from gazetteer.model import Place, PlaceKind
from gazetteer.names import normalise, translit_keys
from gazetteer.protocol import GazetteerLike
from gazetteer.ranking import FEATURE_WORDS
from geo import recognize_rules as R
from geo.namesakes import choose_namesakes, place_unknown
from geo.senses import not_places
from geo.spans import RecognisedSpan
from geo.unit_senses import units_in_lists

__all__ = [
    "INSTITUTION_HEADS",
    "NEAR_PREFIX",
    "WITHIN_PREFIX",
    "Anchors",
    "anchors_of",
    "vet",
]

#: Id prefix of a feature placed at the settlement it is named after (precision "near").
NEAR_PREFIX = "near:"
#: Id prefix of a stream placed only within the admin-1 unit its sentence names.
WITHIN_PREFIX = "within:"
#: An anchor farther than this from a loose reading leaves it unsupported.
FAR_KM = 400.0
#: A loose reading of the surface this far from every other place of the report is a guess.
LOOSE_FAR_KM = 100.0
#: A loose reading this far from every settlement its sentence names is a guess.
SENTENCE_FAR_KM = 150.0
#: A settlement that names a feature must lie this close to the report's places.
NAMESAKE_KM = 150.0
#: A feature's own record must lie this close to the settlement it is named after.
OWN_RECORD_KM = 30.0
#: Towns this small, far from a report's places and abroad, are words it merely spells.
STRAY_POPULATION = 100_000
#: Other places a report names for a repeated foreign word to count as stray without itself.
STRAY_OTHERS = 8
#: Half the length of a river stretch, in degrees along the line.
STRETCH_DEG = 0.25
#: Characters around a river mention whose places say which stretch is meant.
STRETCH_WINDOW = 400
#: Natural heads that a feature named after a village may carry ("Kashlahach river").
_NAMESAKE_NATURAL = frozenset({"river", "creek", "lake", "reservoir"})
#: Heads of streams too small for any source: placed at the settlement named beside them.
_STREAM_HEADS = frozenset({"river", "creek"})
_CITY_AFTER = re.compile(r"[ -]City\b")
#: An item of a list of unit names: "eastern Zaporizhia", "Dnipropetrovsk (including Kryvyi Rih)".
_UNIT_ITEM = (
    r"(?:(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Cc]entral|[Oo]ccupied)[a-z-]*\s+)?"
    r"([A-Z][\w’'-]*(?: (?!(?:Oblast|Raion|Krai|Region|City)\b)[A-Z][\w’'-]*)?)"
    r"(?: \([^()]*\))?"
)
#: A unit word a town's name shares with the names after it, or a border: "-Luhansk Oblast
#: border", " and Kakhovka raions", ", and eastern Zaporizhia oblasts", " and Kharkiv Oblast
#: frontlines", " and Luhansk People's Republics", " border" (not "Tyumen, Tyumen Oblast":
#: a qualifier).
_UNIT_AFTER = re.compile(
    r"-(?:[A-Z][\w’'-]*\s?){1,2}?\s?(?P<hyphen>[Oo]blasts?|[Rr]aions?)\b"
    r"|(?: \([^()]*\))?(?P<items>(?:(?:,? and |, |,? or )" + _UNIT_ITEM + r")+)[\"”’]?"
    r" (?P<list>[Oo]blasts?|[Rr]aions?|People[’']s Republics?)\b"
    r"| (?P<bare>[Oo]blasts|[Rr]aions|border|People[’']s Republics?)\b"
)
#: A list item before a name worded with its own unit: "Kemerovo Oblast, ".
_WORDED_BEFORE = re.compile(r"\b(?:[Oo]blast|[Rr]aion|[Kk]rai|[Rr]egion|[Rr]epublic), $")
_ITEM_RE = re.compile(r"(?:,? and |, |,? or )" + _UNIT_ITEM)
#: A compass adjective right before a name: "western Kherson", "in southern Donetsk".
_COMPASS_BEFORE = re.compile(r"\b(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:ern|western|eastern)? $")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
#: Heads of things built, beyond the recogniser's building and street heads.
_BUILT = R.BUILT_HEADS | (R.FEATURE_HEADS - R.NATURAL_HEADS) | {"plant", "port", "airfield"}
#: Heads that name institutions as often as buildings ("Ukrainian Resistance Center",
#: "Orthodox Church"): without a place among its words, such a name is no place mention.
INSTITUTION_HEADS = frozenset({"center", "centre", "church"})
#: Generic words of feature names, left out when their specific words are compared.
_GENERIC = FEATURE_WORDS | R.FEATURE_HEADS | {"estuary", "lyman", "spit", "lagoon", "of"}
#: Feature heads: the recogniser's, and those read after a name ("Zaporizhzhia NPP").
_HEADS = R.FEATURE_HEADS | {"plant", "port", "airfield"}
#: Heads an airport's own record answers to.
_AIR_HEADS = ("airport", "airfield", "air base")
_SETTLEMENT_CUES = frozenset({"village", "town", "city", "settlement", "hamlet", "suburb"})
_POINT_KINDS = (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2)
#: Candidate score reached only by exact, normalised or transliteration keys.
_CLOSE_STAGE = 0.7


@dataclass(frozen=True)
class Anchors:
    """The report's places resolved from exactly matched names.

    Attributes
    ----------
    lat, lon : numpy.ndarray
        Their points.
    countries : frozenset of str
        Their countries.
    """

    lat: np.ndarray
    lon: np.ndarray
    countries: frozenset[str]
    #: Each anchor's place id and (for points) country, for :meth:`far_from_others`.
    ids: tuple[str, ...] = ()
    point_countries: tuple[str, ...] = ()

    def far(self, p: Place) -> bool:
        """Whether ``p`` lies outside the anchors' countries and far from every anchor."""
        if not len(self.lat) or (p.country and p.country in self.countries):
            return False
        return bool(np.min(great_circle_km(p.lat, p.lon, self.lat, self.lon)) > FAR_KM)

    def far_from_others(self, p: Place) -> tuple[bool, int]:
        """Whether ``p`` is far (as :meth:`far`) from the anchors that are not ``p`` itself.

        A word the report repeats ("Wagner") anchors itself abroad; its own mentions say
        nothing of where the report is. Returns the verdict and how many others there are.
        """
        keep = np.asarray(self.ids, dtype=object) != p.id
        others = int(keep.sum())
        if not others:
            return False, 0
        if p.country and (np.asarray(self.point_countries, dtype=object)[keep] == p.country).any():
            return False, others
        d = great_circle_km(p.lat, p.lon, self.lat[keep], self.lon[keep])
        return bool(np.min(d) > FAR_KM), others

    def near(self, p: Place, km: float) -> bool:
        """Whether ``p`` lies within ``km`` of an anchor (always true without anchors)."""
        if not len(self.lat):
            return True
        return bool(np.min(great_circle_km(p.lat, p.lon, self.lat, self.lon)) <= km)


def anchors_of(found: Sequence[RecognisedSpan], places: Sequence[Place | None]) -> Anchors:
    """Return the anchors: settlements and units of exactly matched names without a head.

    Parameters
    ----------
    found : sequence of RecognisedSpan
        The report's spans.
    places : sequence of Place or None
        Their places, in the same order.

    Returns
    -------
    Anchors
    """
    pts = [
        p
        for f, p in zip(found, places, strict=True)
        if p is not None
        and f.kind == "place"
        and not f.fuzzy
        and not _head(f)
        and p.kind in (*_POINT_KINDS, PlaceKind.ADMIN1)
    ]
    return Anchors(
        np.array([p.lat for p in pts]),
        np.array([p.lon for p in pts]),
        frozenset(p.country for p in pts if p.kind in _POINT_KINDS and p.country),
        tuple(p.id for p in pts),
        tuple(p.country if p.kind in _POINT_KINDS else "" for p in pts),
    )


def vet(
    gaz: GazetteerLike,
    found: list[RecognisedSpan],
    places: list[Place | None],
    *,
    text: str = "",
) -> set[int]:
    """Vet every place mention in place (see the module docstring).

    Parameters
    ----------
    gaz : GazetteerLike
        The place index.
    found : list of RecognisedSpan
        The report's spans.
    places : list of Place or None
        Their places, changed in place.
    text : str, optional
        The report's text: with it, villages of one name are told apart by the places
        named around them (:func:`geo.namesakes.choose_namesakes`), and names in quotes
        or of an organisation are no place mentions (:func:`geo.senses.not_places`).

    Returns
    -------
    set of int
        Indices of spans that turn out to be no place mention at all: names recognised
        only by a loose match whose reading is a guess, names in quotes, organisations.
    """
    drop = not_places(text, found, places) if text else set()
    for k, f in enumerate(found):
        p = places[k]
        if p is not None and p.kind is PlaceKind.ADMIN1 and _CITY_AFTER.match(text, f.end):
            # "Zaporizhia City", "Kharkiv City": the city, not the oblast of its name
            places[k] = gaz.resolve(f.name, kinds=[PlaceKind.SETTLEMENT], country=p.country) or p
        elif (
            p is not None
            and p.kind is PlaceKind.SETTLEMENT
            and _CITY_AFTER.match(text, f.end)
            and not set(translit_keys(normalise(f.name))) & set(translit_keys(normalise(p.name)))
        ):
            # "Mykolaiv City" is the city of that name, not a village of another name the
            # report's other places drew it to (Mykolaivka)
            q = gaz.resolve(f.name, kinds=[PlaceKind.SETTLEMENT], country=p.country)
            places[k] = q if q is not None and q.population > p.population else p
        elif p is not None and p.kind is PlaceKind.SETTLEMENT and f.kind == "place":
            places[k] = _unit_after(gaz, text, f, p) or _part_of_unit(gaz, text, f, p) or p
    units_in_lists(gaz, text, found, places)
    todo = [
        k
        for k, (f, p) in enumerate(zip(found, places, strict=True))
        if k not in drop
        and f.kind == "place"
        and not f.fuzzy
        and not _head(f)
        and p is not None
        and p.kind is PlaceKind.SETTLEMENT
    ]
    choose_namesakes(gaz, text, found, places, todo=todo)
    # a name the index lacks, that its report measures off a placed town
    unknown = [
        k
        for k, (f, p) in enumerate(zip(found, places, strict=True))
        if k not in drop and p is None and "unknown" in f.cues
    ]
    place_unknown(gaz, text, found, places, unknown)
    anchors = anchors_of(found, places)
    for k, f in enumerate(found):
        if f.kind != "place" or k in drop:
            continue
        p, head = places[k], _head(f)
        if "person" in f.cues or (p is not None and _stray(f, p, head, anchors)):
            drop.add(k)  # "President Vladimir Putin"; "Wagner forces" in a report on Ukraine
            continue
        if p is not None and (
            _guess(gaz, f, p, head, anchors, text) or _off_sentence(k, found, places, text)
        ):
            p = None
            if f.fuzzy and not head and not set(f.cues) & _SETTLEMENT_CUES:
                drop.add(k)
                continue
        if head and (p is None or (head in _BUILT and p.kind in _POINT_KINDS)):
            around = _context_around(k, found, places, text)
            p = _named_after(gaz, f, head, p, anchors, around) or (None if head in _BUILT else p)
        if p is None and head in _STREAM_HEADS:
            p = _beside(k, head, found, places, text)
        if p is not None and p.kind is PlaceKind.FEATURE and _is_line(p):
            p = _stretch(p, k, found, places)
        places[k] = p
    return drop


def _unit_after(gaz: GazetteerLike, text: str, f: RecognisedSpan, p: Place) -> Place | None:
    """Return the unit a town's name stands for before a unit word it shares with others.

    "the Kharkiv-Luhansk Oblast border", "the Kharkiv border", "Beryslav and Kakhovka
    raions": the oblast or raion of that name (in the town's country), when the index has
    one that bears the name.
    """
    m = _UNIT_AFTER.match(text, f.end)
    if m is None:
        return None
    word = (m.group("hyphen") or m.group("list") or m.group("bare")).lower()
    if m.group("list") and word == "raion":
        # "Nikopol and Bashtanka Raion": raions bear their centres' names, and one raion
        # word after a list names the last item's raion only (a list of raions says
        # "raions"); oblasts are named bare often enough for one word to cover the list
        return None
    if m.group("list") and word == "oblast":
        # one unit word after a list: "Kherson and Kharkiv Oblast frontlines" names two
        # oblasts, not "Kharkiv, Kharkiv Oblast" (a qualifier) or "Kharkiv and Kharkiv
        # Oblast" (the city, then its oblast)
        # "A, B, and C, Luhansk Oblast": the unit qualifies the list; "Kemerovo Oblast,
        # Tyumen, and Lipetsk Oblast": a list that words its units names Tyumen a city
        last = list(_ITEM_RE.finditer(m.group("items")))[-1]
        joined = re.search(r"\b(?:and|or)\b", last.group(0))
        if (
            not joined
            or normalise(last.group(1)) == normalise(f.name)
            or _WORDED_BEFORE.search(text, max(0, f.start - 40), f.start)
        ):
            return None
    kind = PlaceKind.ADMIN2 if word.startswith(("raion", "district")) else PlaceKind.ADMIN1
    q = gaz.resolve(f.name, kinds=[kind], country=p.country)
    ok = q is not None and q.kind is kind and q.country == p.country and _same(gaz, f.name, q)
    return q if ok else None


def _part_of_unit(gaz: GazetteerLike, text: str, f: RecognisedSpan, p: Place) -> Place | None:
    """Return the oblast a city's name stands for after a compass word: "western Kherson".

    A part of a city is written with its word ("northern Kharkiv City", "central Dnipro":
    no compass word); a compass word
    before the bare name of a city that shares it with its admin-1 unit names the unit's
    part, unless a settlement cue says the city is meant.
    """
    if (
        not _COMPASS_BEFORE.search(text, max(0, f.start - 20), f.start)
        or _CITY_AFTER.match(text, f.end)
        or set(f.cues) & _SETTLEMENT_CUES
    ):
        return None
    q = gaz.resolve(f.name, kinds=[PlaceKind.ADMIN1], country=p.country)
    ok = q is not None and q.country == p.country and _same(gaz, f.name, q)
    return q if ok else None


def _head(f: RecognisedSpan) -> str:
    """Return the feature head among the span's cues ("river", "bridge"), or ``""``."""
    return next((c for c in f.cues if c in _HEADS), "")


def _stray(f: RecognisedSpan, p: Place, head: str, anchors: Anchors) -> bool:
    """Whether ``p`` is a small foreign town that a word of the report merely spells.

    A settlement of under :data:`STRAY_POPULATION` people, outside the countries of the
    report's places and far from all of them (three or more; in a report naming
    :data:`STRAY_OTHERS` other places, its own mentions apart: a repeated word anchors
    nothing there), named without a cue word: "Wagner", "Tank" in a report on Ukraine.
    """
    return (
        p.kind is PlaceKind.SETTLEMENT
        and not head
        and not set(f.cues) & _SETTLEMENT_CUES
        and p.population < STRAY_POPULATION
        and _far_from_three(anchors, p)
    )


def _far_from_three(anchors: Anchors, p: Place) -> bool:
    if len(anchors.lat) >= 3 and anchors.far(p):
        return True
    if len(anchors.lat) <= STRAY_OTHERS:
        return False  # too few places for a repeated word to be judged without itself
    # a report with a geography of its own: a word it repeats anchors nothing ("Wagner")
    far, others = anchors.far_from_others(p)
    return far and others >= STRAY_OTHERS


def _off_sentence(
    k: int, found: Sequence[RecognisedSpan], places: Sequence[Place | None], text: str
) -> bool:
    """Whether loose reading ``k`` lies far from every place its own sentence names exactly.

    "near Krasna Hora, Pidhorodne and Kishchiivka": a misspelling read as a town
    :data:`SENTENCE_FAR_KM` away from the two or more settlements named with it is a guess.
    """
    f, p = found[k], places[k]
    if not f.fuzzy or p is None or p.kind not in _POINT_KINDS or not text:
        return False
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, f.start)), default=0)
    m = _SENTENCE_END.search(text, f.end)
    hi = m.start() if m else len(text)
    pts = [
        q
        for j, (g, q) in enumerate(zip(found, places, strict=True))
        if j != k
        and lo <= g.start < hi
        and g.kind == "place"
        and not g.fuzzy
        and q is not None
        and q.kind in _POINT_KINDS
    ]
    if len(pts) < 2:
        return False
    d = great_circle_km(
        p.lat, p.lon, np.array([q.lat for q in pts]), np.array([q.lon for q in pts])
    )
    return bool(np.min(d) > SENTENCE_FAR_KM)


def _guess(
    gaz: GazetteerLike, f: RecognisedSpan, p: Place, head: str, anchors: Anchors, text: str = ""
) -> bool:
    """Whether ``p`` is a wild guess for ``f``: loose and far, or of a contradicting kind."""
    if f.fuzzy and p.kind is not PlaceKind.COUNTRY and anchors.far(p):
        return True
    if f.fuzzy and _loose_and_far(f, p, anchors, text):
        return True
    if not head:
        return False
    if p.kind in (PlaceKind.COUNTRY, PlaceKind.CONTINENT):
        return True  # "Russian Kant Air Base" is no country
    if p.kind is PlaceKind.FEATURE and not _same(gaz, f.text, p):
        # a feature's record must carry the name's own words ("Balka Zhuravka River" is
        # not the Zherebets); one spelt otherwise must lie in the report
        if not _specific_alike(f.text, p.name):
            return True
        return _specific(f.text) != _specific(p.name) and anchors.far(p)
    return False


def _loose_and_far(f: RecognisedSpan, p: Place, anchors: Anchors, text: str) -> bool:
    """Whether a loose reading lands :data:`LOOSE_FAR_KM` from every other place of the report.

    Only a reading of the surface itself: a spelling the noise model read as a town's
    damaged name (the span then carries the town's own name) has its evidence in the
    corruption, not in the report's geography. "posted to Twitter" is no village
    hundreds of kilometres from the front the report is about, whatever its country.
    A city of :data:`STRAY_POPULATION` people, or a town whose region the text names right
    after it ("Feodosiia, Crimea"), is a misspelling the report may well mean.
    """
    if (
        p.kind not in _POINT_KINDS
        or normalise(f.name) != normalise(f.text)
        or p.population >= STRAY_POPULATION
        or _region_after(text, f, p)
    ):
        return False
    keep = np.asarray(anchors.ids, dtype=object) != p.id
    if keep.sum() < 2:
        return False
    d = great_circle_km(p.lat, p.lon, anchors.lat[keep], anchors.lon[keep])
    return bool(np.min(d) > LOOSE_FAR_KM)


def _region_after(text: str, f: RecognisedSpan, p: Place) -> bool:
    """Whether the words right after ``f`` name ``p``'s admin-1 unit ("X, Bryansk Oblast")."""
    words = normalise(p.admin1 or "").split()
    if not text or not words:
        return False
    after = normalise(text[f.end : f.end + 40]).split()
    return words[0] in after[:4]


def _specific(name: str) -> str:
    words = [w for w in normalise(name).split() if w not in _GENERIC]
    return " ".join(words)


def _specific_alike(a: str, b: str) -> bool:
    """Whether two feature names share their specific words ("Kherson" of "Kherson Airport")."""
    sa, sb = _specific(a), _specific(b)
    if not sa or not sb:
        return False
    if sa in sb or sb in sa or set(translit_keys(sa)) & set(translit_keys(sb)):
        return True
    return fuzz.ratio(sa, sb) >= 80


def _windows(f: RecognisedSpan) -> list[str]:
    """Return the name's runs of specific words, longest first ("Darivka" of "Darivka Bridge")."""
    words = [w for w in f.text.split() if normalise(w) not in FEATURE_WORDS]
    if not words:
        return []
    out = []
    for size in range(len(words), 0, -1):
        for a in range(len(words) - size + 1):
            out.append(" ".join(words[a : a + size]))
    return out[:10]


def _named_near(
    k: int, found: Sequence[RecognisedSpan], places: Sequence[Place | None], text: str
) -> list[tuple[int, Place, bool, int]]:
    """Return the settlements and admin-1 units named near mention ``k``, itself included.

    Those within :data:`STRETCH_WINDOW` characters of it, in text order, each as (index,
    place, whether in ``k``'s sentence, distance in characters).
    """
    at = found[k].start
    out = []
    for j, (g, q) in enumerate(zip(found, places, strict=True)):
        if q is None or g.kind != "place" or q.kind not in (PlaceKind.SETTLEMENT, PlaceKind.ADMIN1):
            continue
        lo, hi = min(at, g.start), max(at, g.start)
        if hi - lo <= STRETCH_WINDOW:
            out.append((j, q, not text or _SENTENCE_END.search(text, lo, hi) is None, hi - lo))
    return out


def _context_around(
    k: int, found: Sequence[RecognisedSpan], places: Sequence[Place | None], text: str
) -> list[Place]:
    """Return the settlements and admin-1 units named around mention ``k``.

    Those of its sentence, else those within :data:`STRETCH_WINDOW` characters of it.
    """
    named = [(q, same) for j, q, same, _ in _named_near(k, found, places, text) if j != k]
    return [q for q, same in named if same] or [q for q, _ in named]


def _nearest_namesake(
    gaz: GazetteerLike, f: RecognisedSpan, around: Sequence[Place]
) -> Place | None:
    """Return the settlement a feature is named after, by the places named around it.

    Of the settlements bearing one of the name's word runs (or the town an adjective is
    made from, :func:`_town_forms`): the nearest of the towns named around it, within
    :data:`NAMESAKE_KM` of one; with none, the first inside an oblast named around it.
    "The Antonivsky Bridge east of Kherson City", "the Antonivsky Bridge in Kherson
    Oblast": of the many Antonivkas, the one by Kherson.
    """
    towns = [q for q in around if q.kind is PlaceKind.SETTLEMENT]
    units = {q.admin1 for q in around if q.kind is PlaceKind.ADMIN1 and q.admin1}
    if not towns and not units:
        return None
    for w in _windows(f):
        pool = [
            c
            for form in (w, *_town_forms(w))
            for c in gaz.candidates(form, limit=10)
            if c.kind is PlaceKind.SETTLEMENT and c.score >= _CLOSE_STAGE
        ]
        if not pool:
            continue
        if towns:
            lat = np.array([t.lat for t in towns])
            lon = np.array([t.lon for t in towns])
            km = [float(np.min(great_circle_km(c.lat, c.lon, lat, lon))) for c in pool]
            best = int(np.argmin(km))
            return pool[best] if km[best] <= NAMESAKE_KM else None
        return next((c for c in pool if c.admin1 in units), None)
    return None


#: Endings of a Ukrainian or Russian adjective made from a town's name ("Antonivskyi",
#: "Kramatorskyi", "Kharkivska").
_ADJECTIVE_END = re.compile(r"(?i)s['’ʼ]?k(?:yi|yy|iy|ii|y|i|a|e|oho|oye|aya|oe)$")


def _town_forms(word: str) -> tuple[str, ...]:
    """Return the town names an adjective may be made from.

    "Antonivskyi" gives "Antonivka", "Antoniv" and "Antonivsk": the bridge at Antonivka,
    the Kharkiv (Kharkivskyi) district, the Kramatorsk (Kramatorskyi) district.
    """
    m = _ADJECTIVE_END.search(word)
    if m is None or m.start() < 3:
        return ()
    stem = word[: m.start()]
    return (f"{stem}ka", stem, f"{stem}sk")


def _named_after(
    gaz: GazetteerLike,
    f: RecognisedSpan,
    head: str,
    p: Place | None,
    anchors: Anchors,
    around: Sequence[Place] = (),
) -> Place | None:
    """Return the feature named after a report's settlement: its record, else near it.

    The settlement is the namesake nearest the towns named ``around`` the feature (its
    sentence's), else the resolver's choice when the report's places do not rule it out.
    """
    if head in R.NATURAL_HEADS and head not in _NAMESAKE_NATURAL:
        return None  # an island or a sea is not at the town it shares a name with
    if head not in _AIR_HEADS and head != "base":
        # a record that bears the whole name ("Kakhovka dam": the dam at Nova Kakhovka),
        # wherever it stands: a plant or a dam is often not in the town it is named after
        named = f.text if head in normalise(f.text).split() else f"{f.text} {head}"
        own = gaz.resolve(named)
        if own is not None and own.kind is PlaceKind.FEATURE and _same(gaz, named, own):
            return own
    town = _nearest_namesake(gaz, f, around)
    if town is None and p is not None and p.kind in _POINT_KINDS and not anchors.far(p):
        # the town must bear one of the name's word runs ("Soldatskyi Beach" is not at
        # Bolshoye Soldatskoye)
        town = p if any(_same(gaz, w, p) for w in _windows(f)) else None
    if town is None and len(anchors.lat):  # with no place in the report, no town to lean on
        for w in _windows(f):
            q = gaz.resolve(w)
            if (
                q is not None
                and q.kind in _POINT_KINDS
                and _same(gaz, w, q)
                and anchors.near(q, NAMESAKE_KM)
            ):
                town = q
                break
    if town is None:
        return None
    if head in ("airport", "airfield", "base"):
        for h in _AIR_HEADS:
            own = gaz.resolve(f"{town.name} {h}")
            if (
                own is not None
                and own.kind is PlaceKind.FEATURE
                and great_circle_km(own.lat, own.lon, town.lat, town.lon) <= OWN_RECORD_KM
            ):
                return own
    return _feature_at(f.text, head, town, 0.9)


def _beside(
    k: int, head: str, found: Sequence[RecognisedSpan], places: Sequence[Place | None], text: str
) -> Place | None:
    """Return a stream the index lacks at the settlement named beside it (precision "near").

    "The Kinka River in Oleshky", "the Konka River near Kardashynka": a river too small
    for any source is placed at the settlement named nearest it, in its sentence first,
    else within :data:`STRETCH_WINDOW` characters; when the sentence names an admin-1 unit,
    the settlement must lie in it, and without one the stream is placed within that unit
    (as a region: :data:`WITHIN_PREFIX` ids).
    """
    f = found[k]
    named = _named_near(k, found, places, text)
    near = [
        (not same, dist, j)
        for j, q, same, dist in named
        if j != k and q.kind is PlaceKind.SETTLEMENT
    ]
    units = [q for _, q, same, _ in named if q.kind is PlaceKind.ADMIN1 and same]
    # the settlement named nearest, in the sentence first
    for _, _, j in sorted(near):
        town = places[j]
        if town is None or (units and all(town.admin1 != u.admin1 for u in units)):
            continue
        return _feature_at(f.text, head, town, 0.8)
    if len(units) == 1:  # no settlement beside it: somewhere in the unit its sentence names
        u = units[0]
        return replace(
            u,
            id=f"{WITHIN_PREFIX}{head}:{u.id}",
            name=f.text,
            kind=PlaceKind.REGION,
            score=round(u.score * 0.6, 4),
            alternatives=(),
        )
    return None


def _same(gaz: GazetteerLike, surface: str, q: Place) -> bool:
    """Whether ``q`` bears ``surface`` as one of its names (exact, normalised or transliterated)."""
    return any(c.id == q.id and c.score >= _CLOSE_STAGE for c in gaz.candidates(surface, limit=10))


def _is_line(p: Place) -> bool:
    return p.geometry is not None and p.geometry.geom_type == "LineString"


def _stretch(
    p: Place, k: int, found: Sequence[RecognisedSpan], places: Sequence[Place | None]
) -> Place:
    """Return the river's stretch nearest the settlements named around mention ``k``.

    The places within :data:`STRETCH_WINDOW` characters come first; without any, every
    settlement of the report. The point is the river's nearest to them, the geometry
    the line :data:`STRETCH_DEG` either side of it.
    """
    at = found[k].start
    near = [
        q
        for f, q in zip(found, places, strict=True)
        if q is not None and q.kind in _POINT_KINDS and abs(f.start - at) <= STRETCH_WINDOW
    ]
    if not near:
        near = [q for q in places if q is not None and q.kind in _POINT_KINDS]
    if not near:
        return p
    line = p.geometry
    where = shapely.MultiPoint([(q.lon, q.lat) for q in near])
    d = float(shapely.line_locate_point(line, shapely.shortest_line(line, where).interpolate(0.0)))
    pt = shapely.line_interpolate_point(line, d)
    part = shapely.ops.substring(line, max(0.0, d - STRETCH_DEG), min(line.length, d + STRETCH_DEG))
    return replace(p, lat=round(pt.y, 5), lon=round(pt.x, 5), geometry=part)


def _feature_at(text: str, head: str, town: Place, weight: float) -> Place:
    """Place a feature with no record of its own at the town it is named after or beside."""
    named = text if head in normalise(text).split() else f"{text} {head}"
    return Place(
        id=f"{NEAR_PREFIX}{head}:{town.id}",
        name=named,
        kind=PlaceKind.FEATURE,
        lat=town.lat,
        lon=town.lon,
        country=town.country,
        admin1=town.admin1,
        score=round(town.score * weight, 4),
    )
