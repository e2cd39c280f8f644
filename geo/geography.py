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
from geo.relative import bearing_between, bearing_phrase, destination, distance_km

__all__ = [
    "FAR_KM",
    "NEAR_KM",
    "SPELLING_SCORE",
    "fold_name",
    "held_to_oblast",
    "namesake_fits",
    "nearer_namesake",
    "offset_namesake",
    "qualified_namesake",
    "spelt_alike",
]

#: Least rapidfuzz ratio of two folded names that are spellings of one name.
SPELLING_SCORE = 80.0
#: A place this close to a neighbour named with it fits the report's geography.
NEAR_KM = 60.0
#: A village this far from every neighbour named with it is a namesake elsewhere.
FAR_KM = 150.0
#: Two entries of one name this close are one village (a codifier entry sits at its
#: hromada's centre).
_SAME_KM = 20.0
#: Towns this large are meant by their name even where villages share it.
_TOWN = 50_000
#: Cities this large are never moved to a namesake the resolver did not consider.
_CITY = 100_000
#: A town this large is meant by its name, wherever its neighbours lie, when it is at
#: least :data:`_DOMINANT` times as large as every namesake (a town of 18,000 and a
#: hamlet of its name).
_PROMINENT = 10_000
_DOMINANT = 10


def _distance(place: Place, references: Sequence[Place]) -> float:
    return min(distance_km((place.lat, place.lon), (r.lat, r.lon)) for r in references)


def nearer_namesake(
    mention: Mention,
    references: Sequence[Place],
    *,
    near_km: float = NEAR_KM,
    gaz: GazetteerLike | None = None,
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
    gaz : Gazetteer, optional
        Every namesake of the name, beyond the resolver's few alternatives.

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
    pool = list(place.alternatives)
    if gaz is not None and place.population < _CITY:
        # a city is meant by its name: only the resolver's own doubts may move it
        pool += _namesakes(gaz, mention.text, [(r.lat, r.lon) for r in refs], near_km)
    options = [
        a
        for a in pool
        if a.kind is PlaceKind.SETTLEMENT
        and a.id != place.id
        and fold_name(a.name) in {fold_name(place.name), fold_name(mention.text)}
        and _distance(a, refs) <= near_km
    ]
    if not options:
        return mention
    best = min(options, key=lambda a: (_distance(a, refs), a.id))
    return replace(mention, place=replace(best, score=place.score, alternatives=(place,)))


def fold_name(name: str | None) -> str:
    """Return a place name in lower case with its letters only (to compare spellings)."""
    return "".join(ch for ch in str(name or "").lower() if ch.isalpha())


def spelt_alike(a: str, b: str) -> bool:
    """Whether two folded names (:func:`fold_name`) are spellings of one name.

    "Pisky" and "Pysky", "Mariinka" and "Marinka": close enough (rapidfuzz ratio at least
    :data:`SPELLING_SCORE`) to be one name written two ways, not two names.
    """
    from rapidfuzz import fuzz

    return bool(a) and bool(b) and fuzz.ratio(a, b) >= SPELLING_SCORE


def _namesakes(
    gaz: GazetteerLike, name: str, points: Sequence[tuple[float, float]], within_km: float
) -> list[Place]:
    """Return the settlements indexed under ``name`` within ``within_km`` of a point.

    Exactly, normalised or transliterated; read from the index rather than ranked
    candidates, so that a name with more entries than a candidate list holds (a hundred
    Petrivkas) gives all of them, in index order.
    """
    import numpy as np

    from gazetteer.distance import great_circle_km
    from gazetteer.index import KINDS
    from gazetteer.names import exact_key, normalise, translit_keys

    ix = getattr(gaz, "index", None)
    get = getattr(gaz, "get", None)  # the resolver's look-up by id; small test gazetteers lack it
    if ix is None or get is None or not points:
        return []
    norm = normalise(name)
    parts = [ix.lookup(0, exact_key(name)), ix.lookup(1, norm)]
    parts += [ix.lookup(2, key) for key in translit_keys(norm)] if norm else []
    rows = np.unique(np.concatenate(parts))
    rows = rows[np.asarray(ix.kind)[rows] == KINDS.index(PlaceKind.SETTLEMENT)]
    lat, lon = np.asarray(ix.lat)[rows], np.asarray(ix.lon)[rows]
    close = np.zeros(len(rows), dtype=bool)
    for plat, plon in points:  # only those near enough to matter are built as places
        close |= great_circle_km(plat, plon, lat, lon) <= within_km
    out = []
    for row in rows[close].tolist():
        try:
            out.append(get(ix.place_id(int(row))))
        except KeyError:
            continue
    return out


def _one_village(a: Place, b: Place) -> bool:
    """Whether two entries of one name are one village (not two namesakes).

    Entries of two sources within :data:`_SAME_KM` are one village (a codifier entry sits
    at its hromada's centre); two codifier entries are two villages wherever they lie.
    """
    both_codifier = a.id.startswith(APPROXIMATE_ID) and b.id.startswith(APPROXIMATE_ID)
    return not both_codifier and _distance(a, [b]) <= _SAME_KM


def namesake_fits(
    mention: Mention,
    references: Sequence[Place],
    *,
    near_km: float = NEAR_KM,
    far_km: float = FAR_KM,
    gaz: GazetteerLike | None = None,
    listed: bool = True,
) -> bool:
    """Whether a village's place can stand, given the places named with it.

    A mention abstains (the report does not say which village it means) when two
    villages of its name both lie among its neighbours, or when its village lies
    farther than ``far_km`` from every neighbour and no namesake lies among them,
    unless the neighbours are only the paragraph's (``listed`` false) and the place is
    a town far larger than any namesake: a paragraph may move on to another front, and
    a town of 18,000 is what its name means beside a hamlet of the same name.

    Parameters
    ----------
    mention : Mention
        A resolved mention (after :func:`nearer_namesake`).
    references : sequence of Place
        The places named with it (the sentence's, else the paragraph's).
    near_km, far_km : float
        Among the neighbours; far from all of them.
    gaz : Gazetteer, optional
        Every namesake of the name, beyond the resolver's few alternatives.
    listed : bool, default True
        The neighbours are named in the mention's own sentence (places listed together
        lie together), not only in its paragraph.

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
        if r.id != place.id
        and fold_name(r.name) != fold_name(place.name)
        and r.country == place.country
    ]
    if not refs:
        return True
    pool = list(place.alternatives)
    if gaz is not None:
        pool += _namesakes(gaz, mention.text, [(r.lat, r.lon) for r in refs], near_km)
    seen = {place.id}
    twins = []
    for a in pool:
        if a.id in seen or a.kind is not PlaceKind.SETTLEMENT:
            continue
        seen.add(a.id)
        if fold_name(a.name) == fold_name(place.name) and not _one_village(a, place):
            twins.append(a)
    if not twins:
        return True
    near = sorted(d for d in (_distance(c, refs) for c in (place, *twins)) if d <= near_km)
    if len(near) >= 2 and near[1] - near[0] < _SAME_KM:
        return False  # two villages of the name as near the neighbours: the text does not say
    if (
        not near
        and not listed
        and place.population >= _PROMINENT
        and all(t.population * _DOMINANT <= place.population for t in twins)
    ):
        return True  # far from the neighbours, but the town the name means, not a hamlet
    return bool(near) or _distance(place, refs) <= far_km


#: What may stand between a village and the distance stated for it: "X (about 11km",
#: "X, some 20 km", "X—30 miles".
_OFFSET_GAP = re.compile(
    r"\s*(?:\(|,|—|–|-\s)\s*(?:(?P<bound>within|less\s+than|under|up\s+to|no\s+more\s+than)\s+|"
    r"(?:about|approximately|approx\.|roughly|some|around|nearly|almost|just|over|"
    r"more\s+than|~)\s*)?(?=\d)"
)
#: How far a village may lie from where a report puts it: reports round their distances
#: (shares of the stated distance, give or take km) and give eight compass points
#: (degrees); a codifier entry sits at its hromada's centre (km).
_NEAR_SHARE, _FAR_SHARE, _OFFSET_SLACK_KM = 0.5, 1.5, 10.0
_BEARING_SLACK, _HROMADA_KM = 60.0, 25.0
#: Within this distance (km) of the reference a place's bearing says nothing: a town's
#: size, and distances measured from its edge.
_SIDE_KM = 5.0
#: Degrees off the stated bearing a place nearer than :data:`_OFFSET_SLACK_KM` may lie.
_NEAR_BEARING_SLACK = 120.0


def _spelt_as(place: Place, text: str) -> bool:
    """Whether a place's name is a spelling of the text (not a former name or a namesake)."""
    return spelt_alike(fold_name(place.name), fold_name(text))


def _stated_spot(
    text: str, mention: Mention, mentions: Sequence[Mention], offset: int = 0
) -> tuple[Place, float, float | None, bool] | None:
    """Read "X (11km northeast of Y)" after a mention: (Y, km, bearing, upper bound only).

    ``offset``: where ``text`` starts in the article (mentions carry article offsets).
    """
    nxt = next((m for m in mentions if m.start >= mention.end and m.place is not None), None)
    if nxt is None or nxt.start - mention.end > 60:
        return None
    between = text[mention.end - offset : nxt.start - offset]
    gap = _OFFSET_GAP.match(between)
    phrase = bearing_phrase(between) if gap else None
    if phrase is None or phrase[1] is None or "(" in between[gap.end() :]:
        return None
    if nxt.place.kind not in {PlaceKind.SETTLEMENT, PlaceKind.FEATURE}:
        return None
    bearing, km, _word = phrase
    return nxt.place, km, bearing, bool(gap.group("bound"))


def _fits_offset(place: Place, ref: Place, km: float, bearing: float, bound: bool) -> bool:
    """Whether a place can be the one a report puts ``km`` from ``ref`` on ``bearing``.

    Reports round distances and give eight compass points: the place lies between half
    and one and a half times the distance away (give or take :data:`_OFFSET_SLACK_KM`),
    within 60 degrees of the bearing (nearer than :data:`_OFFSET_SLACK_KM`, not on the far
    side of the reference; nearer than :data:`_SIDE_KM`, anywhere). A codifier entry sits
    at its hromada's centre: its distance is looser by :data:`_HROMADA_KM` and its bearing
    is not checked.
    """
    slack = _OFFSET_SLACK_KM
    approximate = place.id.startswith(APPROXIMATE_ID)
    if approximate:
        slack += _HROMADA_KM
    d = distance_km((ref.lat, ref.lon), (place.lat, place.lon))
    if bound:  # "within 10km of Y": anywhere up to that distance
        return d <= km + slack
    if not (_NEAR_SHARE * km - slack <= d <= _FAR_SHARE * km + slack):
        return False
    if approximate or d < _SIDE_KM:
        return True  # too close for a bearing to mean anything
    off = abs((bearing_between((ref.lat, ref.lon), (place.lat, place.lon)) - bearing + 180) % 360)
    # near the reference a rounded compass point and a distance from its edge turn the
    # bearing further: only the far side of it is another village
    return abs(off - 180) <= (_BEARING_SLACK if d >= _OFFSET_SLACK_KM else _NEAR_BEARING_SLACK)


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
    if _fits_offset(place, ref, km, bearing, bound):
        return mention
    # a codifier entry's point is only its hromada's: it may be the village all the same
    keep = place.id.startswith(APPROXIMATE_ID)
    names = {fold_name(place.name), fold_name(mention.text)}
    pool = [a for a in place.alternatives if fold_name(a.name) in names]
    if gaz is not None:
        # its spellings and former names, as far from the reference as any could fit
        reach = _FAR_SHARE * km + _OFFSET_SLACK_KM + _HROMADA_KM
        pool += _namesakes(gaz, mention.text, [(ref.lat, ref.lon)], reach)
    fits = [
        c
        for c in pool
        if c.kind is PlaceKind.SETTLEMENT
        and c.id != place.id
        and _fits_offset(c, ref, km, bearing, bound)
    ]
    if not fits:
        return mention if keep else None
    spot = (ref.lat, ref.lon) if bound else destination(ref.lat, ref.lon, bearing, km)
    best = min(fits, key=lambda c: (distance_km((c.lat, c.lon), spot), c.id))
    return replace(mention, place=replace(best, score=place.score, alternatives=(place,)))


#: What stands between a village (or the list it ends) and the oblast that qualifies it:
#: "X, Kharkiv Oblast", "X (northern Kherson Oblast", "X and Y in Kharkiv Oblast".
_QUALIFIER_GAP = re.compile(
    r"\s*(?:,|\(|,?\s+in)\s*(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|occupied|Russian-occupied)[a-z-]*\s+)?",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|\bnear\b|\([^()]*\))\s*)*")
#: How far (km) from an oblast's point its villages may lie (the largest oblasts' reach).
_OBLAST_REACH_KM = 300.0


def _qualifier(text: str, mention: Mention, mentions: Sequence[Mention]) -> Place | None:
    """Return the oblast named after a village or after the list it stands in, if any."""
    at = mention.end
    for m in (m for m in mentions if m.start >= mention.end and m.place is not None):
        gap = text[at : m.start]
        if m.place.kind is PlaceKind.ADMIN1 and _QUALIFIER_GAP.fullmatch(gap):
            return m.place
        if m.place.kind is not PlaceKind.SETTLEMENT or not _LIST_GAP.fullmatch(gap):
            return None
        at = m.end
    return None


def held_to_oblast(
    text: str, mention: Mention, mentions: Sequence[Mention], *, gaz: GazetteerLike | None
) -> bool:
    """Whether the report names the oblast of the only village of its name there.

    "X in Sumy Oblast", where Sumy Oblast has one X: such a village stands however far
    the other places of its paragraph lie, for the report says which namesake it means
    (see :func:`qualified_namesake`). Where the oblast has several, it does not.

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A resolved mention (after :func:`qualified_namesake`).
    mentions : sequence of Mention
        The sentence's resolved mentions, in text order.
    gaz : Gazetteer or None
        The namesakes of the name; without it no village is held to its oblast.

    Returns
    -------
    bool
    """
    place = mention.place
    if gaz is None or place is None or place.kind is not PlaceKind.SETTLEMENT:
        return False
    oblast = _qualifier(text, mention, mentions)
    if oblast is None or not _inside(place, oblast):
        return False
    return not any(
        c.id != place.id
        and fold_name(c.name) == fold_name(place.name)
        and not _one_village(c, place)
        for c in _namesakes_in(oblast, place, mention.text, gaz).values()
    )


def _namesakes_in(
    oblast: Place, place: Place, name: str, gaz: GazetteerLike | None
) -> dict[str, Place]:
    """Return the settlements of a place's name inside an oblast, by id.

    The resolver's alternatives of the same name and, with a gazetteer, every settlement
    indexed under the name as written near the oblast.
    """
    pool = [a for a in place.alternatives if fold_name(a.name) == fold_name(place.name)]
    if gaz is not None:
        pool += _namesakes(gaz, name, [(oblast.lat, oblast.lon)], _OBLAST_REACH_KM)
    return {c.id: c for c in pool if c.kind is PlaceKind.SETTLEMENT and _inside(c, oblast)}


def _inside(place: Place, area: Place) -> bool:
    import shapely

    if area.geometry is None:
        return place.admin1 == area.admin1
    return bool(shapely.dwithin(area.geometry, shapely.Point(place.lon, place.lat), 0.02))


def qualified_namesake(
    text: str,
    mention: Mention,
    mentions: Sequence[Mention],
    *,
    references: Sequence[Place] = (),
    gaz: GazetteerLike | None,
) -> Mention | None:
    """Hold a village to the oblast the report names with it ("X and Y in Kharkiv Oblast").

    Parameters
    ----------
    text : str
        The article's text.
    mention : Mention
        A resolved mention.
    mentions : sequence of Mention
        The sentence's resolved mentions, in text order.
    references : sequence of Place
        The places named with it, to choose among several namesakes in the oblast.
    gaz : Gazetteer or None
        The namesakes of the name; without it a village outside its oblast abstains.

    Returns
    -------
    Mention or None
        Unchanged when the village lies in the oblast (or none is named); moved to the
        namesake inside it (the one nearest the references when there are several);
        None when the gazetteer has no village of that name in the oblast, or several
        and nothing to choose by.
    """
    place = mention.place
    if place is None or place.kind is not PlaceKind.SETTLEMENT:
        return mention
    if place.population >= _TOWN and _spelt_as(place, mention.text):
        return mention
    oblast = _qualifier(text, mention, mentions)
    if oblast is None or _inside(place, oblast):
        return mention
    inside = _namesakes_in(oblast, place, mention.text, gaz)
    if not inside:
        return None
    refs = [r for r in references if r.id not in inside and _inside(r, oblast)]
    if len(inside) > 1 and not refs:
        return None
    best = min(inside.values(), key=lambda c: (_distance(c, refs) if refs else 0.0, c.id))
    return replace(mention, place=replace(best, score=place.score, alternatives=(place,)))
