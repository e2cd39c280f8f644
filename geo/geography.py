"""Same-name villages chosen by the report's geography.

Ukraine has dozens of Novomykhailivkas and Hryhorivkas. The resolver ranks a name's
candidates by what it knows of the whole article; a daily report then places each one
beside others in the same sentence ("Nova Dmytrivka (25km southwest of Izyum)") or
paragraph. :func:`nearer_namesake` swaps a resolved village for one of its alternatives
when the chosen one lies far from every place the sentence or paragraph names and an
alternative of the same name lies among them. :func:`offset_namesake` holds a village to
the distance and bearing the report states for it ("X (11km northeast of Y)"): the
namesake at that spot, else the mention abstains.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from gazetteer.index_katottg import ID_PREFIX as APPROXIMATE_ID
from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike
from geo.model import Mention
from geo.relative import bearing_phrase, destination, distance_km

__all__ = ["FAR_KM", "NEAR_KM", "namesake_fits", "nearer_namesake", "offset_namesake"]

#: A place this close to a neighbour named with it fits the report's geography.
NEAR_KM = 60.0
#: A village this far from every neighbour named with it is a namesake elsewhere.
FAR_KM = 150.0
#: Two entries of one name this close are one village (a codifier entry sits at its
#: hromada's centre).
_SAME_KM = 20.0
#: Towns this large are meant by their name even where villages share it.
_TOWN = 50_000


def _distance(place: Place, references: Sequence[Place]) -> float:
    return min(distance_km((place.lat, place.lon), (r.lat, r.lon)) for r in references)


def nearer_namesake(
    mention: Mention, references: Sequence[Place], *, near_km: float = NEAR_KM
) -> Mention:
    """Return the mention placed on the namesake that fits its neighbours, if one does.

    Parameters
    ----------
    mention : Mention
        A resolved mention.
    references : sequence of Place
        The places named with it (the sentence's, else the paragraph's).
    near_km : float
        How close to a neighbour a namesake must be to be taken, and how far from
        every neighbour the resolver's choice must be to be given up.

    Returns
    -------
    Mention
        Unchanged unless the resolver's village lies farther than ``near_km`` from
        every reference and an alternative of the same kind lies within ``near_km``
        of one (the nearest such alternative is taken).

    Examples
    --------
    >>> far = Place("t:1", "Lisne", PlaceKind.SETTLEMENT, 45.0, 34.0, "UA")
    >>> near = Place("t:2", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.9, "UA")
    >>> m = Mention(0, 5, "Lisne", (), replace(far, alternatives=(near,)))
    >>> town = Place("t:3", "Bakhmut", PlaceKind.SETTLEMENT, 48.59, 38.0, "UA")
    >>> nearer_namesake(m, [town]).place.id
    't:2'
    """
    place = mention.place
    if place is None or place.kind is not PlaceKind.SETTLEMENT or not place.alternatives:
        return mention
    refs = [r for r in references if r.id != place.id and r.name != place.name]
    if not refs or _distance(place, refs) <= near_km:
        return mention
    # only a namesake: an alternative of another name is another place, not this one
    options = [
        a
        for a in place.alternatives
        if a.kind is PlaceKind.SETTLEMENT
        and _fold(a.name) in {_fold(place.name), _fold(mention.text)}
        and _distance(a, refs) <= near_km
    ]
    if not options:
        return mention
    best = min(options, key=lambda a: _distance(a, refs))
    return replace(mention, place=replace(best, score=place.score, alternatives=(place,)))


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalpha())


def namesake_fits(
    mention: Mention,
    references: Sequence[Place],
    *,
    near_km: float = NEAR_KM,
    far_km: float = FAR_KM,
) -> bool:
    """Whether a village's place can stand, given the places named with it.

    A mention abstains (the report does not say which village it means) when two
    villages of its name both lie among its neighbours, or when its village lies
    farther than ``far_km`` from every neighbour and no namesake lies among them.

    Parameters
    ----------
    mention : Mention
        A resolved mention (after :func:`nearer_namesake`).
    references : sequence of Place
        The places named with it (the sentence's, else the paragraph's).
    near_km, far_km : float
        Among the neighbours; far from all of them.

    Returns
    -------
    bool
        False when the mention should abstain.

    Examples
    --------
    >>> a = Place("t:1", "Lisne", PlaceKind.SETTLEMENT, 48.60, 37.90, "UA")
    >>> b = Place("t:2", "Lisne", PlaceKind.SETTLEMENT, 48.45, 38.22, "UA")
    >>> town = Place("t:3", "Dubovets", PlaceKind.SETTLEMENT, 48.59, 38.0, "UA")
    >>> namesake_fits(Mention(0, 5, "Lisne", (), replace(a, alternatives=(b,))), [town])
    False
    """
    place = mention.place
    if place is None or place.kind is not PlaceKind.SETTLEMENT or place.population >= _TOWN:
        return True
    # a place abroad ("Moscow said") is a speaker or a capital, not the village's neighbour
    refs = [
        r
        for r in references
        if r.id != place.id and _fold(r.name) != _fold(place.name) and r.country == place.country
    ]
    twins = [
        a
        for a in place.alternatives
        if a.kind is PlaceKind.SETTLEMENT
        and _fold(a.name) == _fold(place.name)
        and _distance(a, [place]) > _SAME_KM  # a second entry of one village is no twin
    ]
    if not refs or not twins:
        return True
    near = sorted(d for d in (_distance(c, refs) for c in (place, *twins)) if d <= near_km)
    if len(near) >= 2 and near[1] - near[0] < _SAME_KM:
        return False  # two villages of the name as near the neighbours: the text does not say
    return bool(near) or _distance(place, refs) <= far_km


#: What may stand between a village and the distance stated for it: "X (about 11km",
#: "X, some 20 km", "X—30 miles".
_OFFSET_GAP = re.compile(
    r"\s*(?:\(|,|—|–|-\s)\s*(?:(?P<bound>within|less\s+than|under|up\s+to|no\s+more\s+than)\s+|"
    r"(?:about|approximately|approx\.|roughly|some|around|nearly|almost|just|over|"
    r"more\s+than|~)\s*)?(?=\d)"
)
#: How far (km) from the spot a report states a village may lie: reports round their
#: distances and give eight compass points (45 degrees off is 0.77 of the distance
#: away), and a codifier entry sits at its hromada's centre.
_OFFSET_SLACK_KM, _OFFSET_SHARE, _HROMADA_KM = 10.0, 0.6, 25.0
#: Candidates of a name this good are spellings of it (exact, normalised, transliterated).
_SPELLING_SCORE = 0.9


def _spelt_as(place: Place, text: str) -> bool:
    """Whether a place's name is a spelling of the text (not a former name or a namesake)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(_fold(place.name), _fold(text)) >= 80


def _stated_spot(
    text: str, mention: Mention, mentions: Sequence[Mention]
) -> tuple[Place, float, float | None, bool] | None:
    """Read "X (11km northeast of Y)" after a mention: (Y, km, bearing, upper bound only)."""
    nxt = next((m for m in mentions if m.start >= mention.end and m.place is not None), None)
    if nxt is None or nxt.start - mention.end > 60:
        return None
    between = text[mention.end : nxt.start]
    gap = _OFFSET_GAP.match(between)
    phrase = bearing_phrase(between) if gap else None
    if phrase is None or phrase[1] is None or "(" in between[gap.end() :]:
        return None
    if nxt.place.kind not in {PlaceKind.SETTLEMENT, PlaceKind.FEATURE}:
        return None
    bearing, km, _word = phrase
    return nxt.place, km, bearing, bool(gap.group("bound"))


def _misfit_km(place: Place, spot: tuple[float, float], km: float, bound: bool) -> float:
    """How many km a place lies beyond where the stated distance allows (<= 0: it fits)."""
    slack = max(_OFFSET_SLACK_KM, _OFFSET_SHARE * km)
    if place.id.startswith(APPROXIMATE_ID):
        slack += _HROMADA_KM
    if bound:  # "within 10km of Y": anywhere up to that distance
        return distance_km((place.lat, place.lon), spot) - km - slack
    return distance_km((place.lat, place.lon), spot) - slack


def offset_namesake(
    text: str, mention: Mention, mentions: Sequence[Mention], *, gaz: GazetteerLike | None
) -> Mention | None:
    """Hold a village to the distance and bearing the report gives for it.

    "Lisne (12km east of Dubovets)" says where the village lies: the resolved place
    must lie near that spot. When it does not, the namesake (a place of that spelling
    or former name) that does is taken; when none does, the gazetteer lacks the village
    and the mention abstains (a codifier entry, whose point is only its hromada's, stays).

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A resolved mention.
    mentions : sequence of Mention
        The sentence's resolved mentions, in text order (the reference place among them).
    gaz : Gazetteer or None
        The namesakes of the name; without it only the resolved place is checked.

    Returns
    -------
    Mention or None
        The mention, possibly moved to a namesake; None when no namesake fits.

    Examples
    --------
    >>> town = Place("t:1", "Bakhmut", PlaceKind.SETTLEMENT, 48.594, 37.999, "UA")
    >>> far = Place("t:2", "Lisne", PlaceKind.SETTLEMENT, 47.88, 38.48, "UA")
    >>> text = "near Lisne (11km northeast of Bakhmut)"
    >>> ms = [Mention(5, 10, "Lisne", (), far), Mention(30, 37, "Bakhmut", (), town)]
    >>> offset_namesake(text, ms[0], ms, gaz=None) is None
    True
    """
    place = mention.place
    if place is None or place.kind is not PlaceKind.SETTLEMENT:
        return mention
    if place.population >= _TOWN and _spelt_as(place, mention.text):
        return mention  # a town named by its own name is that town
    stated = _stated_spot(text, mention, mentions)
    if stated is None:
        return mention
    ref, km, bearing, bound = stated
    spot = (ref.lat, ref.lon) if bound else destination(ref.lat, ref.lon, bearing, km)
    if _misfit_km(place, spot, km, bound) <= 0:
        return mention
    # a codifier entry's point is only its hromada's: it may be the village all the same
    keep = place.id.startswith(APPROXIMATE_ID)
    names = {_fold(place.name), _fold(mention.text)}
    pool = [a for a in place.alternatives if _fold(a.name) in names]
    if gaz is not None:
        pool += [
            c
            for c in gaz.candidates(mention.text, limit=60)
            if c.score >= _SPELLING_SCORE  # its spellings and former names
        ]
    fits = [
        (_misfit_km(c, spot, km, bound), c.id, c)
        for c in pool
        if c.kind is PlaceKind.SETTLEMENT and c.id != place.id
    ]
    fits = [f for f in fits if f[0] <= 0]
    if not fits:
        return mention if keep else None
    best = min(fits, key=lambda f: f[:2])[2]
    return replace(mention, place=replace(best, score=place.score, alternatives=(place,)))
