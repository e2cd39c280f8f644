"""Villages of one name told apart by the report's geography: :func:`choose_namesakes`.

Ukraine has a hundred and fifty villages called Kamianka. The resolver ranks a report's
mentions jointly, one place per name, by the report as a whole; a daily report names
each village beside the towns of its own stretch of front, and may name two villages of
one name on two fronts. So each settlement mention is checked on its own:

* a *qualifier*, an admin-1 unit or country named with it ("Pavlivka, Donetsk Oblast",
  "Kalynivka (northwestern Kherson Oblast)", "near Orlianka and Masiutivka in Kharkiv
  Oblast"), restricts it to the namesakes inside that unit;
* otherwise its *neighbours*, the places named in the same sentence and around it,
  decide: a namesake among them wins over one chosen far from them. A neighbour weighs
  less the more namesakes its own name has (a Kamianka lies near almost anything), and a
  reference place right after the name ("Kamianka (8km northeast of Avdiivka)", "Terny
  northeast of Lyman") weighs most: the namesake whose distance to it agrees with the
  stated one, else lies within a few kilometres, wins; when the index has no namesake
  within reach of a stated distance, the village is one the index lacks: it stands at
  the spot the distance and compass word give (:meth:`_Report.spot_place`, a
  :data:`SPOT_PREFIX` id), or, with no compass word, is left unresolved rather than put
  hundreds of kilometres away; so does a name the index has no place for at all
  (:func:`place_unknown`);
* a populous city is named on its own, unless a distance stated right after its name
  misses it by far ("Makiivka (23km northwest of Kreminna)"): then its village namesakes
  are weighed as for any village;
* a populous city reached only through an old or alternate name ("Oleksandrivka" was
  once a city's name) yields to the villages that bear the name as their own.

Two passes, so that a neighbour moved in the first lends its new place in the second. In
the first, a village named in the same sentence that is itself still to be placed ("towards
A, B and C", each with namesakes in several oblasts) lends the namesake nearest to each
point weighed rather than the resolver's first guess: the list's members pull together.
A sentence's list of three or more such names is also gathered as a whole
(:func:`geo.namesake_lists.gather`): the most prominent combination of namesakes that all
lie within :data:`LIST_KM` of one point is backed by :data:`LIST`; a town named by its own
name anchors the list at its place, and an oblast named with a village still restricts it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import shapely

from gazetteer.distance import great_circle_km
from gazetteer.index import KINDS
from gazetteer.model import Place, PlaceKind
from gazetteer.names import exact_key, normalise, translit_keys
from gazetteer.protocol import GazetteerLike
from geo import recognize_rules as R
from geo.namesake_lists import gather
from geo.spans import RecognisedSpan

__all__ = ["SPOT_PREFIX", "choose_namesakes", "place_unknown", "qualifier_of"]

#: Id prefix of a village the index lacks, placed where its report states it lies.
SPOT_PREFIX = "spot:"

#: A town this populous is named on its own; its namesakes are not meant.
VILLAGE_POPULATION = 100_000
#: Characters around a mention whose places count as neighbours beside its sentence's.
WINDOW = 300
#: A city this far from every place named around its mention is not the one meant.
FAR_KM = 300.0
#: Distance scale (km) of a neighbour's support.
SCALE_KM = 50.0
#: How much more a namesake must score at a mention to leave the report's sense of a name.
SWITCH = 0.8
#: A place this populous, chosen by the resolver, anchors a list rather than follows it.
TOWN = 10_000
#: Reach (km) of a list's members from each other, and the weight of a whole list within it.
LIST_KM, LIST = 25.0, 1.0
#: Weight of a qualified mention in the report's sense of a name, and of the resolver's choice.
QUALIFIED, KEEP = 3.0, 0.3
_SETTLEMENT = KINDS.index(PlaceKind.SETTLEMENT)
_POINTS = (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2, PlaceKind.FEATURE)
_UNITS = (PlaceKind.ADMIN1, PlaceKind.COUNTRY)
#: Places a distance can be stated from (a river's point is no reference).
_REFERENCE_KINDS = (PlaceKind.SETTLEMENT, PlaceKind.ADMIN2)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
#: What may stand between a name and its unit: "X, Y Oblast", "X (northwestern Y Oblast".
_QUALIFIER_GAP = re.compile(
    r"\s*(?:,|\(|,?\s+in)\s*(?:the\s+)?"
    r"(?:(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Cc]entral|[Oo]ccupied|Russian-occupied)[a-z-]*\s+)?"
)
#: What may stand between names of a list that a unit after it qualifies.
_LIST_GAP = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|\bnear\b|\([^()]*\))\s*)*")
#: The same, strictly a list: no "near" (a reference's "northwest of X near Y, Z in ...").
_STRICT_LIST_GAP = re.compile(r"(?:\s*(?:,|\band\b|\bor\b)\s*)*")
#: A parenthesis right after a name, up to a place in it: "(12km south of ", or a bare
#: direction: " northeast of ", ", 5km west of ".
_REFERENCE_GAP = re.compile(
    r"\s*\([^()]*?\bof\s+(?:the\s+)?|,?\s+(?:(?:approximately|about|some|roughly)\s+)?(?:\d+\s?km\s+)?"
    r"(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)[a-z-]*\s+of\s+(?:the\s+)?"
)
_DIR = r"(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)[a-z-]*"
_KM = r"\d+(?:\.\d+)?\s?(?:km|kilomet(?:er|re)s?)"
_ABOUT = r"(?:(?:approximately|about|some|roughly|around)\s+)?"
#: An upper bound states no distance, only nearness: "all within 15km of".
_WITHIN = re.compile(r"\b(?:within|less\s+than|under|up\s+to)\b")
#: After the last name of a list, its shared reference: ", both about 45 km southwest of ",
#: " (all within 15km southeast of ".
_SHARED_REFERENCE_GAP = re.compile(
    rf"(?:,\s*|\s*\()(?:both|all|each)\s+{_ABOUT}(?:(?:within|less\s+than|up\s+to)\s+{_ABOUT})?"
    rf"(?:{_KM}\s+(?:{_DIR}\s+)?|{_DIR}\s+)of\s+(?:the\s+)?"
)
_FIGURE_TEXT = rf"\d+(?:\.\d+)?(?:\s?(?:km|kilomet(?:er|re)s?))?(?:\s+{_DIR})?"
#: One figure of a "respectively" list: "19km northwest", or a bare number ("9 and 13
#: kilometers southeast of": the last figure's unit and direction apply to all).
_FIGURE = re.compile(rf"(\d+(?:\.\d+)?)(?:\s?(?:km|kilomet(?:er|re)s?))?(?:\s+({_DIR}))?")
#: After a list, one figure per member: ", 19km northwest and 21km southwest of ".
_RESPECTIVE_GAP = re.compile(
    rf",\s*{_ABOUT}{_FIGURE_TEXT}(?:\s*,\s*(?:and\s+)?{_FIGURE_TEXT}|\s+and\s+{_FIGURE_TEXT})+"
    rf"(?<=[a-z])\s+of\s+(?:the\s+)?"
)
_RESPECTIVELY = re.compile(r"(?:\s+[A-Z][\w-]*)?,?\s+respectively\b")
_STATED_KM = re.compile(r"(\d+(?:\.\d+)?)\s?(?:km|kilomet)")
#: Distance (km) taken for "X northeast of Y" when no number is given, and the scale of
#: the agreement with a stated distance.
NEAR_KM, STATED_SCALE_KM = 10.0, 15.0
#: A namesake this much farther from its reference than stated is not the one meant.
STATED_SLACK_KM = 60.0
#: Degrees a namesake may lie off the stated compass bearing (a rounded eight-point word).
BEARING_SLACK = 30.0
_COMPASS = re.compile(r"\b(?:north|south)?-?(?:east|west)\b|\b(?:north|south)\b", re.IGNORECASE)
#: Compass words, without hyphens, as bearings (degrees from north).
COMPASS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}


def place_unknown(
    gaz: GazetteerLike,
    text: str,
    found: Sequence[RecognisedSpan],
    places: list[Place | None],
    todo: Sequence[int],
) -> None:
    """Put the villages the index lacks where their report states they lie, in place.

    "Mayorsk (20km south of Bakhmut)", a name the index has no place for: the report's
    distance and compass word from a placed town put it at a spot (see
    :meth:`_Report.spot_place`); without them it stays unresolved.

    Parameters
    ----------
    gaz : Gazetteer
    text : str
        The document.
    found : sequence of RecognisedSpan
        Its mentions.
    places : list of Place or None
        Their places so far; updated in place.
    todo : sequence of int
        The unresolved mentions to try.
    """
    if not todo or not text:
        return
    report = _Report(gaz, text, found, places)
    for k in todo:
        places[k] = report.spot_place(k)


def choose_namesakes(
    gaz: GazetteerLike,
    text: str,
    found: Sequence[RecognisedSpan],
    places: list[Place | None],
    *,
    todo: Sequence[int],
) -> None:
    """Move settlement mentions to the namesake the report's geography points to.

    Each candidate namesake of a name scores, at each mention, the support of the places
    named around it plus its prominence. The report's sense of the name is the namesake
    best supported over all its mentions (qualified ones count :data:`QUALIFIED` times
    more, the resolver's choice gets :data:`KEEP`); a mention leaves it for another
    namesake only inside its qualifier or when that one scores :data:`SWITCH` more there.

    Parameters
    ----------
    gaz : GazetteerLike
        The place index.
    text : str
        The report's text (the spans' offsets index it).
    found : sequence of RecognisedSpan
        The report's spans, in text order.
    places : list of Place or None
        Their places, changed in place.
    todo : sequence of int
        Indices of the mentions that may move (settlements named exactly, no feature
        head).
    """
    if not todo or not text:
        return
    report = _Report(gaz, text, found, places)
    by_name: dict[str, list[int]] = {}
    for k in todo:
        p = places[k]
        if (
            p is not None
            and p.kind is PlaceKind.SETTLEMENT
            and (p.population < VILLAGE_POPULATION or not _own_name(found[k].name, p.name))
        ):
            by_name.setdefault(normalise(found[k].name), []).append(k)
        elif (
            p is not None
            and p.kind is PlaceKind.SETTLEMENT
            and (report.misses_stated(k, p) or report.outside_qualifier(k, p))
        ):
            # "Makiivka (23km northwest of Kreminna)", "Makiivka, Luhansk Oblast": a city
            # that far off the stated distance, or outside the unit named with it, is not
            # meant; its village namesakes are weighed apart from the city
            by_name.setdefault(f"{normalise(found[k].name)} (stated)", []).append(k)
    # first pass: a village named beside others in its sentence, itself still to be
    # placed, backs each point by its namesake nearest to it (the list's members pull
    # together whatever the resolver chose); second pass: by the place it was moved to
    report.listed = {k for name, ks in by_name.items() if not name.endswith("(stated)") for k in ks}
    # a town chosen already stays the list's anchor: it lends its own place
    report.loose = {k for k in report.listed if not _town(found[k].name, places[k])}
    for _ in range(2):
        for ks in by_name.values():
            report.settle(ks)
        report.loose = set()


def _own_name(surface: str, name: str) -> bool:
    """Whether ``name`` is ``surface`` itself, however transliterated ("Mykolaiv", "Mykolayiv").

    Old names, and names in other languages spelt otherwise, are not: "Oleksandrivka" is
    not Donetsk's own name, nor "Oleksandrivskyi"'s.
    """
    a, b = normalise(surface), normalise(name).removesuffix(" city")
    return bool(a) and (a == b or bool(set(translit_keys(a)) & set(translit_keys(b))))


def _inside(ix: object, qual: Place, rows: np.ndarray) -> np.ndarray:
    """Which index ``rows`` lie inside the country or admin-1 unit ``qual``."""
    code = ix.row_of(qual.id)
    if qual.kind is PlaceKind.COUNTRY:
        return np.asarray(ix.cc)[rows] == ix.cc[code]
    return np.asarray(ix.a1)[rows] == ix.a1[code]


def _town(surface: str, p: Place) -> bool:
    """Whether ``p`` is a town of :data:`TOWN` people named by its own name (a list's anchor)."""
    return p.population >= TOWN and _own_name(surface, p.name)


def _prominence(ix: object, p: Place) -> float:
    """Return the prominence the index gives place ``p`` (0 when it is not a row of it)."""
    try:
        return float(ix.prom[ix.row_of(p.id)])
    except KeyError:
        return 0.0


def _short_form(surface: str, name: str) -> bool:
    """Whether ``surface`` is a run of ``name``'s words ("Rostov" of Rostov-on-Don)."""
    a, words = normalise(surface), normalise(name).split()
    return any(
        " ".join(words[i:j]) == a for i in range(len(words)) for j in range(i + 1, len(words) + 1)
    )


def qualifier_of(
    text: str,
    found: Sequence[RecognisedSpan],
    places: Sequence[Place | None],
    k: int,
    *,
    strict: bool = False,
) -> Place | None:
    """Return the admin-1 unit or country that qualifies mention ``k``, if the text names one.

    The unit follows the name, or the list the name stands in, after a comma, an opening
    parenthesis or "in", maybe with a direction word: "Ochakiv, Mykolaiv Oblast",
    "Kalynivka (northwestern Kherson Oblast)", "near Masiutivka and Orlianka in Kharkiv
    Oblast".

    Parameters
    ----------
    text : str
        The report's text.
    found : sequence of RecognisedSpan
        Its spans, in text order.
    places : sequence of Place or None
        Their places.
    k : int
        The mention.
    strict : bool, optional
        Only a unit written with its unit word ("Luhansk Oblast", not a bare "Zaporizhia"
        that may be a city of the list), after a plain list (no "near").

    Returns
    -------
    Place or None
    """
    at = found[k].end
    between = _STRICT_LIST_GAP if strict else _LIST_GAP
    for j in range(k + 1, min(k + 12, len(found))):
        g, q = found[j], places[j]
        gap = text[at : g.start]
        if (
            q is not None
            and q.kind in _UNITS
            and _QUALIFIER_GAP.fullmatch(gap)
            and (not strict or _unit_worded(g))
        ):
            return q
        if g.kind != "place" or not between.fullmatch(gap):
            return None
        at = g.end
    return None


def _unit_worded(g: RecognisedSpan) -> bool:
    """Whether a unit's span is written with its unit word: "Luhansk Oblast", "Tver Region"."""
    words = g.text.lower().split()
    return "region" in g.cues or bool(words and words[-1] in R.SPAN_CUES)


class _Report:
    """One report's spans, places, sentences and the namesakes of its names."""

    def __init__(
        self,
        gaz: GazetteerLike,
        text: str,
        found: Sequence[RecognisedSpan],
        places: list[Place | None],
    ) -> None:
        self.gaz, self.text, self.found, self.places = gaz, text, found, places
        self.ends = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
        self.starts = [g.start for g in found]
        self.rows_of: dict[str, np.ndarray] = {}
        self.made: dict[str, dict[str, Place]] = {}
        self._countries: set[str] | None = None
        #: Names first read as a city's other name, with the countries their villages may be in.
        self.aliases: dict[str, set[str]] = {}
        #: Each mention's reference: (index, stated km, stated bearing), see :meth:`references`.
        self._refs: dict[int, tuple[int, float | None, float | None] | None] = {}
        #: Which namesakes being weighed stand at their own point (see :meth:`settle`).
        self.sited: np.ndarray | None = None
        #: Mentions still to be placed: a neighbour among them lends its nearest namesake.
        self.loose: set[int] = set()
        #: Village mentions whose name has namesakes to choose from (list members).
        self.listed: set[int] = set()
        self._spots: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        #: Where a sentence's list puts each of its members (None: nowhere).
        self._picks: dict[int, tuple[float, float] | None] = {}

    def countries(self) -> set[str]:
        """Countries of the report's places: those named twice or more, and the most named."""
        if self._countries is None:
            n = Counter(
                p.country
                for p in self.places
                if p is not None and p.country and p.kind in (*_POINTS, PlaceKind.ADMIN1)
            )
            top = n.most_common(1)
            self._countries = {cc for cc, c in n.items() if c >= 2} | {cc for cc, _ in top}
        return self._countries

    def prefer_exact(self, name: str, rows: np.ndarray) -> np.ndarray:
        """Drop namesakes abroad that bear ``name`` only as another of their names.

        Only when the report's main country has places that bear it as their own ("Olhyne"
        on the Kherson front is no Ol'gino); a short form ("Rostov" of Rostov-on-Don) stays.
        """
        if self.main_country() is None or not len(rows):
            return rows
        ix, key = self.gaz.index, normalise(name)
        home = self.at_home(rows)
        exact = np.array([normalise(ix.name(int(r))) == key for r in rows], dtype=bool)
        if not (exact & home).any():
            return rows
        short = np.array([_short_form(name, ix.name(int(r))) for r in rows], dtype=bool)
        return rows[home | exact | short]

    def main_country(self) -> str | None:
        """Return the country most of the report's places lie in."""
        n = Counter(
            p.country for p in self.places if p is not None and p.country and p.kind in _POINTS
        )
        top = n.most_common(1)
        return top[0][0] if top else None

    def at_home(self, rows: np.ndarray) -> np.ndarray:
        """Which index ``rows`` lie in the report's main country (none when it has none)."""
        top = self.main_country()
        cc, countries = np.asarray(self.gaz.index.cc), self.gaz.index.countries
        return np.array([countries[cc[r]] == top for r in rows], dtype=bool)

    def far_from_neighbours(self, k: int, p: Place) -> bool:
        """Whether ``p`` lies :data:`FAR_KM` from every place named near mention ``k``."""
        at = self.found[k].start
        pts = [
            q
            for j, (g, q) in enumerate(zip(self.found, self.places, strict=True))
            if j != k and q is not None and q.kind in _POINTS and abs(g.start - at) <= WINDOW
        ]
        if not pts:
            return False
        lat, lon = np.array([q.lat for q in pts]), np.array([q.lon for q in pts])
        return bool(np.min(great_circle_km(p.lat, p.lon, lat, lon)) > FAR_KM)

    def namesakes(self, name: str) -> np.ndarray:
        """Settlement rows whose name is ``name`` exactly, normalised or transliterated."""
        rows = self.rows_of.get(name)
        if rows is None:
            ix = self.gaz.index
            norm = normalise(name)
            parts = [ix.lookup(0, exact_key(name)), ix.lookup(1, norm)]
            parts += [ix.lookup(2, key) for key in translit_keys(norm)] if norm else []
            rows = np.unique(np.concatenate(parts))
            rows = rows[np.asarray(ix.kind)[rows] == _SETTLEMENT]
            self.rows_of[name] = rows
        return rows

    def settle(self, ks: list[int]) -> None:
        """Place the mentions ``ks`` of one name (see :func:`choose_namesakes`)."""
        name = self.found[ks[0]].name
        rows = self.namesakes(name)
        ix = self.gaz.index
        rows = self.prefer_exact(name, rows)
        own = np.array([_own_name(name, ix.name(int(r))) for r in rows], dtype=bool)
        alias = [
            k
            for k in ks
            if (p := self.places[k]) is not None
            and p.population >= VILLAGE_POPULATION
            and not _own_name(name, p.name)
            and not _short_form(name, p.name)
        ]
        if alias or name in self.aliases:
            # a city's old name yields to the villages that bear it in the city's country,
            # or anywhere in the report's countries when the city lies far from the places
            # named around it ("Chkalove" is no Orenburg on the Dnipro front; "Mogilev" among
            # Belarusian towns stays Mahilyow); the second pass does not bring the city back
            where = self.aliases.setdefault(name, set())
            for k in alias:
                city = self.places[k]
                where.add(city.country)
                if self.far_from_neighbours(k, city):
                    where.update(self.countries())
            cc = np.asarray(ix.cc)
            own &= np.array([ix.countries[cc[r]] in where for r in rows], dtype=bool)
            if not own.any():
                return
            exact = own & np.array([normalise(ix.name(int(r))) == normalise(name) for r in rows])
            rows = rows[exact] if exact.any() else rows[own]  # "Olhyne" before "Ol'gino"
        else:
            # a city reached only by another of its names is no namesake of a town named
            # by its own ("Svatove" is not Shantou, once "Swatow"); "Rostov" still is
            # Rostov-on-Don's short form
            small = np.asarray(ix.pop)[rows] < VILLAGE_POPULATION
            short = np.array([_short_form(name, ix.name(int(r))) for r in rows], dtype=bool)
            # nor is a village that bears a populous city's own name only as another of
            # its names ("Mykolaiv" named bare is the city, not a village once called so)
            keep = own | short if (own & ~small).any() else own | small | short
            rows = rows[keep] if keep.any() else rows
        if not len(rows):
            return
        lat, lon = np.asarray(ix.lat)[rows], np.asarray(ix.lon)[rows]
        for k in ks:  # no namesake within reach of a stated distance: not in the index
            off = self.stated_offset(k, lat, lon)
            if (off is not None and off.min() > STATED_SLACK_KM) or self.outside_stated(k, rows):
                self.places[k] = self.spot_place(k)
        ks = [k for k in ks if (p := self.places[k]) is not None and not _is_spot(p)]
        offs = [o for k in ks if (o := self.stated_offset(k, lat, lon)) is not None]
        if ks and len(offs) == len(ks):
            # a namesake that far off every stated distance is not meant, however prominent
            near = np.min(offs, axis=0) <= STATED_SLACK_KM
            if near.any() and not near.all():
                rows, lat, lon = rows[near], lat[near], lon[near]
        if not ks or (len(rows) < 2 and self.places[ks[0]].id == ix.place_id(int(rows[0]))):
            return
        prior = np.asarray(ix.prom)[rows].astype(float)
        # a village without a census figure (the codifier's) is no less likely meant than
        # the least of its counted namesakes: the places named around it decide
        counted = np.asarray(ix.pop)[rows] > 0
        if counted.any() and not counted.all():
            prior = np.where(counted, prior, max(prior[~counted].max(), prior[counted].min()))
        # the codifier's villages stand at their hromada's centre: no side to judge them by
        self.sited = counted
        score = {k: self.support(k, lat, lon) + prior for k in ks}
        allowed: dict[int, np.ndarray] = {}
        # the prior and the resolver's choice count once, each mention's support once
        doc = prior - len(ks) * prior
        picked = {p.id for k in ks if (p := self.places[k]) is not None}
        doc += KEEP * np.isin(rows, [ix.row_of(i) for i in picked]) / max(1, len(picked))
        for k in ks:
            doc += score[k]
            qual = qualifier_of(self.text, self.found, self.places, k)
            if qual is not None:
                inside = _inside(ix, qual, rows)
                if inside.any():  # none there: a village the index lacks
                    allowed[k] = inside
                    doc += QUALIFIED * inside
        sense = int(np.argmax(doc))
        for k in ks:
            sc = score[k]
            if k in allowed:
                b = int(np.argmax(np.where(allowed[k], sc, -np.inf)))
            else:
                b = int(np.argmax(sc))
                if sc[b] - sc[sense] < SWITCH:
                    b = sense
            self.move(k, name, ix.place_id(int(rows[b])))

    def move(self, k: int, name: str, place_id: str) -> None:
        """Put mention ``k`` at the place ``place_id`` (one of the namesakes of ``name``)."""
        p = self.places[k]
        if p is None or p.id == place_id:
            return
        by_id = self.made.get(name)
        if by_id is None:
            n = len(self.namesakes(name)) + 20
            by_id = self.made[name] = {c.id: c for c in self.gaz.candidates(name, limit=n)}
        new = by_id.get(place_id)
        if new is not None:
            self.places[k] = replace(new, score=p.score, alternatives=(p, *p.alternatives[:3]))

    def support(self, k: int, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """How strongly the places named around mention ``k`` back each point given.

        The places of its sentence; when the sentence names no other settlement, those
        within :data:`WINDOW` characters, at half weight.
        """
        found, places, text = self.found, self.places, self.text
        f = found[k]
        s = bisect.bisect_right(self.ends, f.start) - 1
        lo = self.ends[s]
        hi = self.ends[s + 1] if s + 1 < len(self.ends) else len(text)
        own = normalise(f.name)
        refs = dict(self.references(k))
        inner, outer = np.zeros(len(lat)), np.zeros(len(lat))
        for j, km in refs.items():
            off = self._offset(j, km, lat, lon, self._reference(k)[2])
            if off is not None:
                inner += 3.0 * np.exp(-off / STATED_SCALE_KM)
        points_inside = False
        first = bisect.bisect_left(self.starts, min(lo, f.start - WINDOW))
        last = bisect.bisect_right(self.starts, max(hi, f.start + WINDOW))
        for j in range(first, last):
            g, q = found[j], places[j]
            if j == k or j in refs or q is None or g.kind != "place" or normalise(g.name) == own:
                continue
            inside = lo <= g.start < hi
            if not inside and abs(g.start - f.start) > WINDOW:
                continue
            if q.kind in _POINTS:
                n = 1
                if q.kind is PlaceKind.SETTLEMENT and q.population < VILLAGE_POPULATION:
                    n = max(1, len(self.namesakes(g.name)))  # a city named bare is that city
                w = 1.0 / np.sqrt(n)
                if inside and j in self.loose and n > 1:
                    d = self._nearest_spot(j, lat, lon)
                else:
                    d = great_circle_km(q.lat, q.lon, lat, lon)
                add = w * np.exp(-d / SCALE_KM)
                if inside:
                    inner += add
                    points_inside = True
                else:
                    outer += 0.5 * add
            elif inside and q.kind is PlaceKind.ADMIN1 and q.geometry is not None:
                inner += 0.5 * shapely.dwithin(q.shape, shapely.points(lon, lat), 0.05)
        pick = self.list_pick(k, lo, hi)
        if pick is not None:
            # villages listed together lie together: the namesake of the list's
            # tightest combination is backed (see :func:`geo.namesake_lists.gather`)
            inner += LIST * (great_circle_km(pick[0], pick[1], lat, lon) < 1.0)
        return inner if points_inside else inner + outer

    def list_pick(self, k: int, lo: int, hi: int) -> tuple[float, float] | None:
        """Return where the list of mention ``k``'s sentence (``lo:hi``) puts it, if it does.

        The list is the sentence's settlements whose names have namesakes (three or
        more of them); a town named by its own name stands at its place.
        """
        if k not in self.listed or self.places[k] is None:
            return None
        if k not in self._picks:
            mentions = [
                j
                for j in range(bisect.bisect_left(self.starts, lo), len(self.found))
                if self.found[j].start < hi and j in self.listed and self.places[j] is not None
            ]
            self._picks.update(dict.fromkeys(mentions))
            # one member per name: a name named twice is no second village backing the first
            first: dict[str, int] = {}
            for j in mentions:
                first.setdefault(normalise(self.found[j].name), j)
            members = list(first.values())
            if len(members) >= 3:
                spots = [self._spots_of(j) for j in members]
                chosen = gather(spots, reach_km=LIST_KM)
                if chosen is not None:
                    at = {
                        normalise(self.found[j].name): (float(s_lat[b]), float(s_lon[b]))
                        for j, (s_lat, s_lon, _), b in zip(members, spots, chosen, strict=True)
                    }
                    for j in mentions:
                        self._picks[j] = at[normalise(self.found[j].name)]
        return self._picks.get(k)

    def _nearest_spot(self, j: int, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Distance from each point to the nearest place mention ``j`` may yet be moved to."""
        s_lat, s_lon, _ = self._spots_of(j)
        d = great_circle_km(lat[:, None], lon[:, None], s_lat[None, :], s_lon[None, :])
        return d.min(axis=1)

    def _spots_of(self, j: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the places mention ``j`` may yet be moved to, with their prominence.

        Its namesakes in the report's main country (inside its qualifier, when it has
        one), and the place it has now (with :data:`KEEP` more); a town named by its
        own name only that place.
        """
        spots = self._spots.get(j)
        if spots is None:
            ix, q = self.gaz.index, self.places[j]
            rows = self.namesakes(self.found[j].name)
            if _town(self.found[j].name, q):
                rows = rows[:0]
            home = self.at_home(rows)
            if home.any():
                rows = rows[home]
            qual = qualifier_of(self.text, self.found, self.places, j)
            if qual is not None and qual.kind is PlaceKind.ADMIN1:
                try:
                    inside = _inside(ix, qual, rows)
                except KeyError:
                    inside = np.zeros(len(rows), dtype=bool)
                rows = rows[inside]
            # a distance stated to a reference is the name's own evidence: only the
            # namesakes that fit it may join a list
            off = self.stated_offset(j, np.asarray(ix.lat)[rows], np.asarray(ix.lon)[rows])
            if off is not None:
                rows = rows[off <= STATED_SLACK_KM]
            spots = (
                np.append(np.asarray(ix.lat)[rows], q.lat),
                np.append(np.asarray(ix.lon)[rows], q.lon),
                np.append(np.asarray(ix.prom)[rows].astype(float), KEEP + _prominence(ix, q)),
            )
            self._spots[j] = spots
        return spots

    def references(self, k: int) -> list[tuple[int, float | None]]:
        """Return the reference place of mention ``k`` with the distance stated to it, if any.

        The settlement right after it: "X (8km northeast of Y)", "X, 8km northeast of Y",
        "X northeast of Y"; or after the list it ends: "X and Y, both about 20 km south of
        W", "X and Y, 19km northwest and 21km southwest of W, respectively".
        """
        ref = self._reference(k)
        return [(ref[0], ref[1])] if ref is not None else []

    def _reference(self, k: int) -> tuple[int, float | None, float | None] | None:
        """Return the reference of mention ``k``: (its index, stated km, stated bearing)."""
        if k in self._refs:
            return self._refs[k]
        found, out = self.found, None
        if k + 1 < len(found):
            gap = self.text[found[k].end : found[k + 1].start]
            q = self.places[k + 1]
            if _REFERENCE_GAP.fullmatch(gap) and q is not None and q.kind in _REFERENCE_KINDS:
                # "(within 15km of Y)" bounds the distance: near Y, at no stated distance
                out = (k + 1, None if _WITHIN.search(gap) else _stated(gap), _compass(gap))
        j = k + 1
        while out is None and j < len(found) and found[j].kind == "place":
            gap = self.text[found[j - 1].end : found[j].start]
            q = self.places[j]
            if _SHARED_REFERENCE_GAP.fullmatch(gap) or _RESPECTIVE_GAP.fullmatch(gap):
                if q is not None and q.kind in _REFERENCE_KINDS:
                    out = self._shared(k, j, gap)
                break
            if not _STRICT_LIST_GAP.fullmatch(gap) or not gap.strip(" "):
                break
            j += 1
        self._refs[k] = out
        return out

    def _shared(self, k: int, j: int, gap: str) -> tuple[int, float | None, float | None] | None:
        """Return the share of a list's reference ``j`` that falls to its member ``k``."""
        if _SHARED_REFERENCE_GAP.fullmatch(gap):
            return (j, None if _WITHIN.search(gap) else _stated(gap), _compass(gap))
        # "X and Y, 19km northwest and 21km southwest of W, respectively": the i-th figure
        if not _RESPECTIVELY.match(self.text, self.found[j].end):
            return None
        first = k
        while (
            first > 0
            and _STRICT_LIST_GAP.fullmatch(
                gap_before := self.text[self.found[first - 1].end : self.found[first].start]
            )
            and gap_before.strip(" ")
            and self.found[first - 1].kind == "place"
        ):
            first -= 1
        figures = _FIGURE.findall(gap)
        if len(figures) != j - first:
            return None
        km, word = figures[k - first]
        return (j, float(km), _compass(word or figures[-1][1]))

    def spot_place(self, k: int) -> Place | None:
        """Return the village the index lacks at the spot its report states, if it states one.

        "Nevske (18km northwest of Kreminna)" with no Nevske near Kreminna in the index:
        the report's distance and compass word from a placed town put the village within
        two fifths of that distance. The place has no census figure and an id of
        :data:`SPOT_PREFIX`, the name and the town: every report of the village placed off
        that town is one place. ``None`` without a distance and a compass word, or off a
        town that is itself only approximately placed.
        """
        from geo.relative import approximate, destination

        ref = self._reference(k)
        if ref is None or ref[1] is None or ref[2] is None:
            return None
        q = self.places[ref[0]]
        if q is None or q.kind is not PlaceKind.SETTLEMENT or approximate(q.id):
            return None
        lat, lon = destination(q.lat, q.lon, ref[2], ref[1])
        name = self.found[k].name
        return Place(
            id=f"{SPOT_PREFIX}{normalise(name)}:{q.id}",
            name=name,
            kind=PlaceKind.SETTLEMENT,
            lat=round(lat, 5),
            lon=round(lon, 5),
            country=q.country,
            admin1=q.admin1,
            score=q.score,
        )

    def outside_stated(self, k: int, rows: np.ndarray) -> bool:
        """Whether no namesake of mention ``k`` lies in the admin-1 unit its text states.

        "Nevske in Luhansk Oblast" with only a Crimean Nevske in the index: the village
        meant is one the index lacks, and its namesake elsewhere would be a wild guess.
        """
        qual = qualifier_of(self.text, self.found, self.places, k, strict=True)
        p = self.places[k]
        if qual is None or qual.kind is not PlaceKind.ADMIN1 or p is None:
            return False
        if self.stated_offset(k, np.array([p.lat]), np.array([p.lon])) is not None:
            return False  # a distance is stated: it judges the namesake (the unit may be a slip)
        if qual.country != p.country:
            return False  # another country's unit is no contradiction the index can judge
        ix = self.gaz.index
        try:
            code = ix.row_of(qual.id)
        except KeyError:
            return False
        return not bool((np.asarray(ix.a1)[rows] == ix.a1[code]).any())

    def outside_qualifier(self, k: int, p: Place) -> bool:
        """Whether the admin-1 unit right after mention ``k`` ("X, Luhansk Oblast") lacks ``p``.

        Only a unit that follows the name itself: one after a list ("Nikopol and Y in Z
        Oblast") may qualify its last name alone.
        """
        if k + 1 >= len(self.found):
            return False
        g, qual = self.found[k + 1], self.places[k + 1]
        gap = self.text[self.found[k].end : g.start]
        if (
            qual is None
            or qual.kind is not PlaceKind.ADMIN1
            or qual.country != p.country
            or not _QUALIFIER_GAP.fullmatch(gap)
            or not _unit_worded(g)
        ):
            return False
        ix = self.gaz.index
        try:
            return ix.a1[ix.row_of(qual.id)] != ix.a1[ix.row_of(p.id)]
        except KeyError:
            return False

    def misses_stated(self, k: int, p: Place) -> bool:
        """Whether ``p`` lies :data:`STATED_SLACK_KM` off the distance stated for mention ``k``."""
        off = self.stated_offset(k, np.array([p.lat]), np.array([p.lon]))
        return off is not None and float(off[0]) > STATED_SLACK_KM

    def stated_offset(self, k: int, lat: np.ndarray, lon: np.ndarray) -> np.ndarray | None:
        """How far each point misses the distance the text states to the reference of ``k``."""
        for j, km in self.references(k):
            if km is not None:
                return self._offset(j, km, lat, lon)
        return None

    def _offset(
        self,
        j: int,
        km: float | None,
        lat: np.ndarray,
        lon: np.ndarray,
        bearing: float | None = None,
    ) -> np.ndarray | None:
        """Miss of each point from ``km`` (or from :data:`NEAR_KM` within it) to reference ``j``.

        With the stated ``bearing`` (degrees), a point off that side of the reference by
        more than :data:`BEARING_SLACK` misses by the arc beyond it as well: a village 50 km
        southeast of a town is not the one "about 45 km southwest" of it.
        """
        q = self.places[j]
        if q is None:
            return None
        d = great_circle_km(q.lat, q.lon, lat, lon)
        miss = np.maximum(0.0, d - NEAR_KM) if km is None else np.abs(d - km)
        if bearing is not None and km is not None:
            az = np.degrees(
                np.arctan2((lon - q.lon) * np.cos(np.radians((lat + q.lat) / 2)), lat - q.lat)
            )
            turn = np.abs((az - bearing + 180.0) % 360.0 - 180.0)
            off_side = d * np.radians(np.maximum(0.0, turn - BEARING_SLACK))
            if self.sited is not None and self.sited.shape == off_side.shape:
                off_side = np.where(self.sited, off_side, 0.0)
            miss = miss + off_side
        return miss


def _compass(text: str) -> float | None:
    """Return the bearing of the first compass word of ``text`` ("southwest": 225), if any."""
    m = _COMPASS.search(text)
    return COMPASS.get(m.group(0).lower().replace("-", "")) if m else None


def _stated(gap: str) -> float | None:
    m = _STATED_KM.search(gap)
    return float(m.group(1)) if m else None


def _is_spot(p: Place) -> bool:
    """Whether a place is a village the index lacks, placed by its report (:data:`SPOT_PREFIX`)."""
    return p.id.startswith(SPOT_PREFIX)
