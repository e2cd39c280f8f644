"""Where exactly: turn a place mention and the words around it into a geometry.

================================  =======================================  ==============
wording                           geometry                                 geo_precision
================================  =======================================  ==============
"Kharkiv", "the village of X"     the place's point                        PLACE
"the eastern part of X",          the place's point ("part of X")          PLACE
"X's eastern districts"
"near/around/outside X",          the place's point                        NEAR
"X's environs", "X's northern
outskirts"
"(25 km) north of X"              a point 25 km (default 15) on that       NEAR
                                  bearing from X
"the border" (+ an anchor place)  the nearest point of the border line to  NEAR
"reached the border north of X"   the anchor (in the stated direction);
                                  an advance is an arrow anchor -> border
"the border" (no anchor)          the border line                          REGION
"from X to/toward Y"              a line X -> Y (an arrow), standing at Y  NEAR
                                  (a withdrawal's at X, the ground left)   (at X: PLACE)
"withdrew/retreated toward X"     X's point (where the force went)         NEAR
"between X and Y", "the X-Y road"  the midpoint of X and Y (one event)      NEAR
"the X-Y line", "the X-Y area"    each end at its own point (an event     NEAR
                                  each, as a coder codes both)
"the X region/oblast", Donbas     the admin-1 / region polygon             REGION
================================  =======================================  ==============

Distances are geodesic (``geopy.distance``); nothing here needs pyproj.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from gazetteer.distance import great_circle_km
from gazetteer.index_katottg import ID_PREFIX as APPROXIMATE_ID
from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike
from geo.model import GeoPrecision, Mention
from geo.namesakes import SPOT_PREFIX
from geo.vetting import NEAR_PREFIX

__all__ = [
    "COMPASS",
    "DEFAULT_OFFSET_KM",
    "HROMADA_CENTRE_NOTE",
    "SECTOR_CITY",
    "Location",
    "approximate",
    "bearing_between",
    "bearing_phrase",
    "destination",
    "distance_km",
    "find_border",
    "list_head",
    "locate",
    "nearest_border_point",
    "on_line",
    "spot_note",
    "stated_spot",
]

#: Compass words and their bearings in degrees.
COMPASS: dict[str, float] = {
    "north": 0.0,
    "north-east": 45.0,
    "northeast": 45.0,
    "east": 90.0,
    "south-east": 135.0,
    "southeast": 135.0,
    "south": 180.0,
    "south-west": 225.0,
    "southwest": 225.0,
    "west": 270.0,
    "north-west": 315.0,
    "northwest": 315.0,
}
#: Distance used for "north of X" when the text gives none.
DEFAULT_OFFSET_KM = 15.0

_UNITS_KM = {
    "km": 1.0,
    "kilometres": 1.0,
    "kilometers": 1.0,
    "kilometre": 1.0,
    "kilometer": 1.0,
    "miles": 1.609344,
    "mile": 1.609344,
    "mi": 1.609344,
}
_COMPASS_RE = r"(north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_BEARING_BEFORE = re.compile(
    rf"(?:(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:re|er)s?|miles?|mi)\s+)?"
    rf"{_COMPASS_RE}\s+of\s+(?:the\s+)?(?:(?:city|town|village|settlement|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: Words that name part of a place just before it ("the eastern part of X", "half of X"):
#: the event is in the place, not over the whole of it, and its summary says so.
_PART_BEFORE = re.compile(
    r"\b(?:parts?|half|halves|portions?|sections?|districts?|neighbou?rhoods?|quarters?)\s+of\s+"
    r"(?:the\s+)?(?:(?:city|town|village|settlement)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: The same after a place's possessive: "X's eastern districts".
_PART_AFTER = re.compile(
    r"['’]s\s+(?:(?:north|south|east|west)\w*\s+)?(?:parts?|half|portions?|sections?|"
    r"districts?|neighbou?rhoods?|quarters?)\b",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|close\s+to|outside|around|on\s+the\s+outskirts\s+of|outskirts\s+of|"
    r"(?:back|away)\s+from|"
    r"in\s+the\s+vicinity\s+of|in\s+the\s+area\s+of|not\s+far\s+from|just\s+(?:short\s+)?of|"
    r"approaches\s+to|within\s+(?:\w+\s+){0,2}(?:km|kilomet\w+|miles?)\s+of|"
    # "the closest Ukrainian position to X": X is where the position is measured from
    r"(?:closest|nearest)\s+(?:[\w’'-]+\s+){0,3}?to)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|settlement|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: Names (capitalised words, each with an optional parenthesis) joined into a list. A name
#: takes its capitalised words whole (possessive ``*+``): splitting a run of them into
#: several names matches the same text, and trying every split when the search fails at
#: a position costs time exponential in the run's length.
_LIST_TAIL = re.compile(
    r"(?:\s*(?:,|\band\b|\bor\b)?\s*(?:the\s+)?[A-Z][\w’'-]*+(?:\s+[A-Z][\w’'-]*+)*+"
    r"\s*(?:\([^()]*\))?\s*,?)*\s*(?:\band\s+|\bor\s+)?$"
)


def list_head(before: str) -> str:
    """Return the text before a place without the list of names that ends it.

    A cue before a list ("near A, B (5km east of C), and D") governs each of its names:
    what stands before D's list is what stands before D. The head keeps a space at its
    end, as the text before a name does; ``before`` comes back as it is when no name
    ends it.

    Parameters
    ----------
    before : str
        The sentence up to a place's name (capitals kept: they mark the names).

    Returns
    -------
    str

    Examples
    --------
    >>> list_head("Troops fought near Oakbury (5 km east of Elm), Greyford, and ")
    'Troops fought near '
    """
    tail = _LIST_TAIL.search(before)
    if tail is None or tail.start() == len(before):
        return before
    return before[: tail.start()].rstrip() + " "


_FROM_BEFORE = re.compile(
    # "in the direction of A to B": the axis from A to B, as "from A to B"
    r"\b(?:from|in\s+the\s+direction\s+of)\s+(?:the\s+)?(?:(?:city|town|village|region)\s+"
    r"(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: "withdrew to X", "retreated south toward X", "pulling back into X": where a force went,
#: not the ground it left. The word "to" follows the verb of leaving itself: in "tried to
#: advance to X but retreated", X is what the attack was aimed at.
GOAL_BEFORE = re.compile(
    r"\b(?:withdr[ae]w\w*|retreat\w*|f[ae]ll\w*\s+back|pull\w*\s+(?:back|out)|fle[de]\w*|"
    r"relocat\w*)\s+(?:[\w’'-]+,?\s+){0,8}?(?:to|toward|towards|into)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|settlement)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_TO_BETWEEN = re.compile(
    r"^[\s,]*(?:\w+\s+){0,3}?(?:to|toward|towards|into|in\s+the\s+direction\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|region|border)\s+(?:of\s+|with\s+)?)?$",
    re.IGNORECASE,
)
_AREA_KINDS = {PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION}
_BETWEEN_BEFORE = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:settlements?|villages?|towns?|cities)\s+of\s+)?$", re.IGNORECASE
)
_AND = re.compile(r"\s+(?:City\s+)?and\s+(?:the\s+)?(?:(?:settlement|village|town|city)\s+of\s+)?")
#: Cities this large name a sector of the front ("the Avdiivka-Donetsk City area"):
#: the fighting is at the smaller places of the line, not in them.
SECTOR_CITY = 100_000
#: "the X-Y road": one thing that runs between the towns it is named after.
_DASH = re.compile(r"(?:\s+City)?\s*[-–]\s*")
_ROAD_AFTER = re.compile(r"(?:\s+City)?\s+(?:highway|road|motorway)\b", re.IGNORECASE)
#: "the Svatove-Kreminna line", "the A-B-C lines", "the A-B area": a stretch of front
#: named after the places along it; fighting there is fighting near each of them.
_LINE_AFTER = re.compile(
    r"(?:(?:\s+City)?\s*[-–]\s*[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)*(?:\s+City)?\s+"
    r"(?:(?:front\s*)?lines?|frontlines?|front|ax[ie]s|areas?|sectors?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Location:
    """Where an event took place.

    Attributes
    ----------
    geometry : shapely geometry
        Point, LineString (a border stretch or an arrow) or Polygon (a region).
    latitude, longitude : float
        A representative point (the arrow's head, the offset point, ...).
    precision : GeoPrecision
        PLACE, NEAR or REGION.
    place : Place
        The place the location is named after.
    origin : Place or None
        Start of an arrow ("from X to Y") or the anchor of a border point.
    description : str
        Words for a summary: ``"north of Kharkiv"``, ``"the Ukraine-Russia border"``.
    """

    geometry: Any
    latitude: float
    longitude: float
    precision: GeoPrecision
    place: Place
    origin: Place | None = None
    description: str = ""


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """Point reached from (lat, lon) after ``km`` kilometres on ``bearing`` degrees.

    Parameters
    ----------
    lat, lon : float
        Start (WGS84 degrees).
    bearing : float
        Degrees clockwise from north.
    km : float
        Geodesic distance.

    Returns
    -------
    tuple of float
        ``(lat, lon)``.

    Examples
    --------
    >>> lat, lon = destination(50.0, 36.0, 0.0, 111.2)
    >>> round(lat, 1), round(lon, 1)
    (51.0, 36.0)
    """
    from geopy.distance import geodesic

    point = geodesic(kilometers=km).destination((lat, lon), bearing)
    return (point.latitude, point.longitude)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points.

    A sphere is close enough for the tens-of-km decisions made with it (same place,
    nearest border point, merging events).

    Examples
    --------
    >>> round(distance_km((50.0, 36.0), (51.0, 36.0)))
    111
    """
    return great_circle_km(a[0], a[1], b[0], b[1])


def _bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    x = math.sin(lon2 - lon1) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def bearing_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the initial bearing (degrees from north) from ``a`` to ``b`` (lat, lon).

    Examples
    --------
    >>> round(bearing_between((50.0, 36.0), (51.0, 36.0)))
    0
    """
    return _bearing(a, b)


def bearing_phrase(text_before: str) -> tuple[float, float | None, str] | None:
    """Read "(25 km) north of" at the end of the text before a place name.

    Parameters
    ----------
    text_before : str
        The sentence up to the place mention.

    Returns
    -------
    tuple or None
        ``(bearing, km or None, compass word)``; None when no such phrase ends the text.

    Examples
    --------
    >>> bearing_phrase("troops are 30 miles south-east of ")[0:2]
    (135.0, 48.28032)
    """
    m = _BEARING_BEFORE.search(text_before)
    if m is None:
        return None
    word = m.group(3).lower()
    if "-" not in word and len(word) > 5 and word not in COMPASS:
        word = word[:5] + "-" + word[5:]
    km = float(m.group("n")) * _UNITS_KM[m.group("unit").lower()] if m.group("n") else None
    return COMPASS[word], km, word


def nearest_border_point(
    anchor: Place, border: Place, *, direction: str | None = None, gaz: GazetteerLike | None = None
) -> tuple[float, float]:
    """Nearest point of a border line to an anchor place, optionally in a direction.

    Uses ``gaz.nearest_border_point`` when a gazetteer is given; otherwise the
    border's own geometry: among the line's vertices (densified) within 60° of the
    direction, the nearest one.

    Parameters
    ----------
    anchor : Place
        The place the sentence is anchored on.
    border : Place
        Kind BORDER, with a line geometry.
    direction : str, optional
        Compass word ("north", "north-east").
    gaz : Gazetteer, optional

    Returns
    -------
    tuple of float
        ``(lat, lon)``.
    """
    if gaz is not None and hasattr(gaz, "nearest_border_point"):
        lat, lon = gaz.nearest_border_point(anchor, border, direction=direction)
        return (float(lat), float(lon))
    import shapely

    line = border.shape
    coords = shapely.get_coordinates(shapely.segmentize(line, 0.02))
    if len(coords) == 0:
        return (border.lat, border.lon)
    origin = (anchor.lat, anchor.lon)
    best: tuple[float, float, float] | None = None
    for lon, lat in coords:
        if direction is not None:
            diff = abs((_bearing(origin, (lat, lon)) - COMPASS[direction] + 180.0) % 360.0 - 180.0)
            if diff > 60.0:
                continue
        d = distance_km(origin, (lat, lon))
        if best is None or d < best[0]:
            best = (d, lat, lon)
    if best is None:
        return nearest_border_point(anchor, border, gaz=None)
    return (best[1], best[2])


_BORDER_WITH = re.compile(
    r"\bborder\s+with\s+(?:the\s+)?(?P<a>[A-Z][\w-]+)|\b(?P<b>[A-Z][\w-]+)(?:'s|’s)?\s+border\b"
)


def find_border(
    text: str, anchor: Place | None, *, gaz: GazetteerLike, other: str = ""
) -> Place | None:
    """Find the border a sentence speaks of when no border mention was resolved.

    Parameters
    ----------
    text : str
        The sentence (or the part of it about the action); must contain "border".
    anchor : Place or None
        Place in the home country (its ``country`` is one side of the border).
    gaz : Gazetteer
        Supplies ``border(a, b)`` and demonyms.
    other : str
        ISO2 of the other country when the text names none (the other party).

    Returns
    -------
    Place or None
        Kind BORDER, or None when the two countries cannot be told.
    """
    if gaz is None or anchor is None or not anchor.country or not re.search(r"\bborder\b", text):
        return None
    from geo.actors import country_code

    named = ""
    for m in _BORDER_WITH.finditer(text):
        code = country_code(m.group("a") or m.group("b"), gaz=gaz)
        if code and code != anchor.country:
            named = code
            break
    second = named or other
    if not second or second == anchor.country:
        return None
    return gaz.border(anchor.country, second)


def _point(place: Place) -> Any:
    import shapely

    return shapely.Point(place.lon, place.lat)


def _arrow(origin: Place, dest: Place, action: str, *, near: object = False) -> Location:
    """Return the movement "from ``origin`` toward ``dest``", an arrow between them.

    A movement stands at its goal, but a withdrawal at the ground it left: "withdrew from
    X toward Y" is a report that X was given up (Y is where the force went); "fell back
    from X" (``near``: the words before X say so) leaves ground near X.
    """
    import shapely

    line = shapely.LineString([(origin.lon, origin.lat), (dest.lon, dest.lat)])
    where = f"from {origin.name} toward {dest.name}"
    if action == "withdraw":
        # a village known only by its hromada stands near its centre, as elsewhere
        exact = GeoPrecision.NEAR if near or approximate(origin.id) else GeoPrecision.PLACE
        return Location(line, origin.lat, origin.lon, exact, origin, origin, where)
    return Location(line, dest.lat, dest.lon, GeoPrecision.NEAR, dest, origin, where)


def _village_at(
    sentence: str, target: Mention, mentions: Sequence[Mention], offset: int
) -> Location:
    """Return where a village known only by its hromada (or by a report) stands.

    The spot the sentence states for it, else its hromada's centre (or its report's spot),
    said to be near.
    """
    place = target.place
    at = place.name if place.id.startswith(SPOT_PREFIX) else f"{place.name} {HROMADA_CENTRE_NOTE}"
    return _stated_spot_of(sentence, target, mentions, offset) or _at(place, GeoPrecision.NEAR, at)


def _at(place: Place, precision: GeoPrecision, description: str) -> Location:
    """Return a location at the place's own point."""
    return Location(_point(place), place.lat, place.lon, precision, place, description=description)


#: How a location ends when it is a village known only by its hromada, left at the
#: hromada's centre (the codifier gives no point of its own).
HROMADA_CENTRE_NOTE = "(its hromada's centre)"
_SPOT_NOTE = re.compile(
    r"\((?P<km>\d+(?:\.\d+)?) km from (?P<ref>[^()]+), as the report places it\)$"
)


def approximate(place_id: str) -> bool:
    """Whether a place's point is only approximately its own.

    A village known only by its hromada (the codifier's, at the hromada's centre) or one
    the index lacks, placed where a report states it lies (:data:`geo.namesakes.SPOT_PREFIX`).

    Examples
    --------
    >>> approximate("katottg:UA14040050090051025"), approximate("gn:706483")
    (True, False)
    """
    return place_id.startswith((APPROXIMATE_ID, SPOT_PREFIX))


def spot_note(km: float, reference: str, *, own: bool = True) -> str:
    """Return the words that end a location placed by a report's distance from a town.

    ``own``: the event's own report places it; else another report of the corpus does
    (see :func:`geo.village_spots.place_villages`).

    Examples
    --------
    >>> spot_note(12, "Izium")
    '(12 km from Izium, as the report places it)'
    >>> spot_note(12, "Izium", own=False)
    '(12 km from Izium, as a report places it)'
    """
    return f"({km:g} km from {reference}, as {'the' if own else 'a'} report places it)"


def stated_spot(note: str) -> tuple[float, str] | None:
    """Return the distance and reference of the spot a location's own report states.

    Read off the words the location ends with (:func:`spot_note`); ``None`` when they
    end otherwise (a hromada's centre, a place's own point, another report's spot).

    Examples
    --------
    >>> stated_spot("Ukraine held Lisne (12 km from Izium, as the report places it)")
    (12.0, 'Izium')
    """
    found = _SPOT_NOTE.search(note)
    return (float(found.group("km")), found.group("ref")) if found else None


def _stated_spot_of(
    sentence: str, target: Mention, mentions: Sequence[Mention], offset: int
) -> Location | None:
    """Place a village known only by its hromada where the report says it lies.

    "X (19km south of Y)", "X, about 12 km east of Y": the report's own distance and
    bearing from a placed town put X within a few km, where its hromada's centre may be
    tens of km off (on the other side of a front). The spot is still an estimate of X's
    own point from rounded figures, often some km off: precision "near", and no origin
    (it is X, not ground measured off Y). An upper bound only ("within 10km of Y") says
    no spot; nor does a reference that is itself only a hromada's centre.
    """
    import shapely

    from geo.geography import _stated_spot

    place = target.place
    stated = _stated_spot(sentence, target, mentions, offset)
    if place is None or stated is None or stated[2] is None or stated[3]:
        return None
    ref, km, bearing, _bound = stated
    if approximate(ref.id):
        return None
    lat, lon = destination(ref.lat, ref.lon, bearing, km)
    where = f"{place.name} {spot_note(km, ref.name)}"
    return Location(shapely.Point(lon, lat), lat, lon, GeoPrecision.NEAR, place, description=where)


def _pair(
    sentence: str, target: Mention, others: Sequence[Mention], offset: int
) -> tuple[Place, Place] | None:
    """Return the two settlements of "between X and Y" or "the X-Y road" the target is one of.

    Also "the X-Y line" where both are cities (:data:`SECTOR_CITY`): one sector.
    """
    towns = sorted(
        (m for m in [*others, target] if m.place.kind is PlaceKind.SETTLEMENT),
        key=lambda m: m.start,
    )
    for a, b in itertools.pairwise(towns):
        if target is not a and target is not b:
            continue
        if a.place.id == b.place.id:
            continue
        gap = sentence[a.end - offset : b.start - offset]
        between = _BETWEEN_BEFORE.search(sentence[: a.start - offset]) and _AND.fullmatch(gap)
        road = _DASH.fullmatch(gap) and (
            _ROAD_AFTER.match(sentence, b.end - offset)
            # "the Kherson-Mykolaiv frontline": two cities name a sector, not two fights
            or (
                _LINE_AFTER.match(sentence, b.end - offset)
                and min(a.place.population, b.place.population) >= SECTOR_CITY
            )
        )
        if between or road:
            return a.place, b.place
    return None


def on_line(sentence: str, target: Mention, offset: int = 0) -> bool:
    """Whether the target is one of the places of "the A-B line" or "the A-B-C area".

    Parameters
    ----------
    sentence : str
        The text the mention is in.
    target : Mention
        A mention of the text.
    offset : int
        The text's offset in the article (mentions carry article offsets).

    Returns
    -------
    bool
        True when a dash joins the name to another and "line", "front", "axis",
        "area" or "sector" follows the dashed names.

    Examples
    --------
    >>> s = "fighting on the Svatove-Kreminna line"
    >>> on_line(s, Mention(16, 23, "Svatove", (), None))
    True
    """
    start, end = target.start - offset, target.end - offset
    dashed = re.search(r"[-–]\s*$", sentence[max(0, start - 3) : start]) or re.match(
        r"(?:\s+City)?\s*[-–]", sentence[end:]
    )
    return bool(dashed) and _LINE_AFTER.match(sentence, end) is not None


def locate(
    sentence: str,
    target: Mention,
    *,
    mentions: Sequence[Mention] = (),
    anchor: Place | None = None,
    action: str = "",
    offset: int = 0,
    gaz: GazetteerLike | None = None,
) -> Location:
    """Turn one resolved mention and its wording into a :class:`Location`.

    Parameters
    ----------
    sentence : str
        The sentence containing the mention.
    target : Mention
        The mention the event is placed at (must carry a ``place``).
    mentions : sequence of Mention
        The sentence's other resolved mentions (for "from X to Y" and anchors).
    anchor : Place, optional
        Place to measure a border point from when the sentence names none
        (the paragraph's last place).
    action : str
        The event's action; an advance to a border becomes an arrow.
    offset : int
        The sentence's offset in the article (mentions carry article offsets).
    gaz : Gazetteer, optional
        For ``nearest_border_point``.

    Returns
    -------
    Location

    Raises
    ------
    ValueError
        When ``target`` has no place.
    """
    import shapely

    place = target.place
    if place is None:
        raise ValueError(f"mention {target.text!r} at {target.start} has no resolved place")
    start = target.start - offset
    before = sentence[:start]
    others = [m for m in mentions if m.place is not None and m is not target]
    settlements = [
        m for m in others if m.place.kind in {PlaceKind.SETTLEMENT, PlaceKind.FEATURE}
    ] or [m for m in others if m.place.kind in _AREA_KINDS]

    if "locality" in target.cues:  # a street or building placed in the report's town
        return _at(place, GeoPrecision.NEAR, f"{target.text}, {place.name}")
    if place.kind is PlaceKind.BORDER:
        anchor_mention = min(settlements, key=lambda m: abs(m.start - target.start), default=None)
        base = anchor_mention.place if anchor_mention is not None else anchor
        if base is None:
            return Location(
                place.shape,
                place.lat,
                place.lon,
                GeoPrecision.REGION,
                place,
                description=f"the {place.name}",
            )
        direction = None
        if anchor_mention is not None:
            phrase = bearing_phrase(sentence[: anchor_mention.start - offset])
            direction = phrase[2] if phrase else None
        lat, lon = nearest_border_point(base, place, direction=direction, gaz=gaz)
        where = f"the {place.name}" + (
            f" {direction} of {base.name}" if direction else f" near {base.name}"
        )
        if action == "advance":
            line = shapely.LineString([(base.lon, base.lat), (lon, lat)])
            return Location(
                line,
                lat,
                lon,
                GeoPrecision.NEAR,
                place,
                base,
                f"from {base.name} toward the {place.name}",
            )
        return Location(shapely.Point(lon, lat), lat, lon, GeoPrecision.NEAR, place, base, where)

    # "from X to Y": an arrow
    if _FROM_BEFORE.search(before):
        for other in sorted(others, key=lambda m: m.start):
            if other.start > target.end and _TO_BETWEEN.match(
                sentence[target.end - offset : other.start - offset]
            ):
                return _arrow(place, other.place, action, near=_NEAR_BEFORE.search(before))
    for other in others:
        if (
            other.end <= target.start
            and _FROM_BEFORE.search(sentence[: other.start - offset])
            and _TO_BETWEEN.match(sentence[other.end - offset : start])
        ):
            ahead = sentence[: other.start - offset]
            return _arrow(other.place, place, action, near=_NEAR_BEFORE.search(ahead))
    if action == "withdraw" and GOAL_BEFORE.search(list_head(before)):
        # "retreated toward X": the force went to X; what it left lies short of it
        at = (
            _village_at(sentence, target, mentions, offset)
            if approximate(place.id)
            else _at(place, GeoPrecision.NEAR, place.name)
        )
        return replace(at, precision=GeoPrecision.NEAR, description=f"toward {at.description}")

    pair = _pair(sentence, target, others, offset)
    if pair is not None and place.kind is PlaceKind.SETTLEMENT:
        a, b = pair
        mid_lat, mid_lon = (a.lat + b.lat) / 2, (a.lon + b.lon) / 2
        # one place for the pair, so the two names give one event
        return Location(
            shapely.Point(mid_lon, mid_lat),
            mid_lat,
            mid_lon,
            GeoPrecision.NEAR,
            a,
            b,
            f"between {a.name} and {b.name}",
        )
    if place.kind is PlaceKind.SETTLEMENT and on_line(sentence, target, offset):
        return _at(place, GeoPrecision.NEAR, f"near {place.name}, on the line it names")

    if place.kind in _AREA_KINDS:
        geometry = place.geometry if place.geometry is not None else _point(place)
        return Location(
            geometry, place.lat, place.lon, GeoPrecision.REGION, place, description=place.name
        )
    if place.kind in {PlaceKind.COUNTRY, PlaceKind.CONTINENT}:
        return Location(
            _point(place), place.lat, place.lon, GeoPrecision.REGION, place, description=place.name
        )
    phrase = bearing_phrase(before)
    if phrase is not None:
        bearing, km, word = phrase
        lat, lon = destination(place.lat, place.lon, bearing, km or DEFAULT_OFFSET_KM)
        return Location(
            shapely.Point(lon, lat),
            lat,
            lon,
            GeoPrecision.NEAR,
            place,
            place,
            f"{word} of {place.name}",
        )
    if _NEAR_BEFORE.search(list_head(before)) or re.match(
        r"(?:['’]s)?\s+(?:(?:north|south|east|west)\w*\s+)?"
        r"(?:area|region|outskirts|environs|suburbs)\b",
        sentence[target.end - offset :],
    ):
        spot = (
            _stated_spot_of(sentence, target, mentions, offset) if approximate(place.id) else None
        )
        if spot is not None:
            return replace(spot, description=f"near {spot.description}")
        return _at(place, GeoPrecision.NEAR, f"near {place.name}")
    if approximate(place.id):  # a village known only by its hromada, or by a report
        return _village_at(sentence, target, mentions, offset)
    if place.id.startswith(NEAR_PREFIX):  # a feature placed at the town it is named after
        return _at(place, GeoPrecision.NEAR, f"near {place.name}")
    if _PART_BEFORE.search(before) or _PART_AFTER.match(sentence[target.end - offset :]):
        # "the eastern part of X", "X's eastern districts": in X, not all of it
        return _at(place, GeoPrecision.PLACE, f"part of {place.name}")
    return _at(place, GeoPrecision.PLACE, place.name)
