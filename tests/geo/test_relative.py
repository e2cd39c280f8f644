"""Relative locations: offsets, borders, arrows, regions."""

from __future__ import annotations

import re

import pytest
import shapely

from gazetteer.model import Place, PlaceKind
from geo.model import GeoPrecision, Mention
from geo.relative import (
    bearing_phrase,
    destination,
    distance_km,
    find_border,
    locate,
    nearest_border_point,
    on_line,
)

TOWN = Place("gn:10", "Dubovets", PlaceKind.SETTLEMENT, 50.0, 36.0, "UA", "Northern", 90000)
HAMLET = Place("gn:11", "Ozerne", PlaceKind.SETTLEMENT, 49.5, 37.0, "UA", "Northern", 300)
AREA = Place(
    "admin1:UA.99",
    "Stepova Oblast",
    PlaceKind.ADMIN1,
    48.0,
    38.0,
    "UA",
    geometry=shapely.box(37.0, 47.0, 39.0, 49.0),
)
# a border running west-east at about 50.5 N, with a bend
BORDER = Place(
    "border:RU-UA",
    "Russia-Ukraine border",
    PlaceKind.BORDER,
    50.5,
    36.0,
    geometry=shapely.LineString([(34.0, 50.5), (36.0, 50.5), (38.0, 50.0)]),
)
PLACES = {"Dubovets": TOWN, "Ozerne": HAMLET, "Stepova Oblast": AREA, "the border": BORDER}


def mentions(sentence: str) -> list[Mention]:
    out = []
    for name, place in PLACES.items():
        for m in re.finditer(re.escape(name), sentence):
            out.append(Mention(m.start(), m.end(), name, (), place))
    return sorted(out, key=lambda m: m.start)


def where(sentence: str, name: str, **kwargs):
    found = mentions(sentence)
    target = next(m for m in found if m.text == name)
    return locate(sentence, target, mentions=found, **kwargs)


def test_named_place_is_its_point() -> None:
    loc = where("Troops entered Dubovets.", "Dubovets")
    assert loc.precision is GeoPrecision.PLACE
    assert loc.geometry.equals(shapely.Point(36.0, 50.0))


@pytest.mark.parametrize(
    "phrase",
    ["near", "close to", "around", "on the outskirts of", "the closest Ukrainian position to"],
)
def test_near_words_keep_the_point_with_near_precision(phrase: str) -> None:
    loc = where(f"Fighting went on {phrase} Dubovets.", "Dubovets")
    assert loc.precision is GeoPrecision.NEAR
    assert (loc.latitude, loc.longitude) == (50.0, 36.0)


def test_a_withdrawal_from_x_toward_y_stands_at_x_an_advance_at_y() -> None:
    sentence = "Troops withdrew from Dubovets toward Ozerne."
    for name in ("Dubovets", "Ozerne"):
        left = where(sentence, name, action="withdraw")
        assert (left.place, left.precision) == (TOWN, GeoPrecision.PLACE)
        assert left.geometry.geom_type == "LineString"
        assert left.description == "from Dubovets toward Ozerne"
        goal = where(sentence, name, action="advance")
        assert (goal.place, goal.precision) == (HAMLET, GeoPrecision.NEAR)
    went = where("Troops fell back toward Dubovets.", "Dubovets", action="withdraw")
    assert (went.precision, went.description) == (GeoPrecision.NEAR, "toward Dubovets")
    # "fell back from X" leaves ground near X, toward Y or not
    for sentence in ("Troops fell back from Dubovets.", "Troops fell back from Dubovets to Ozerne"):
        assert where(sentence, "Dubovets", action="withdraw").precision is GeoPrecision.NEAR


@pytest.mark.parametrize(
    ("sentence", "precision", "description"),
    [
        ("Troops took Dubovets's outskirts.", GeoPrecision.NEAR, "near Dubovets"),
        ("Troops took Dubovets's northern outskirts.", GeoPrecision.NEAR, "near Dubovets"),
        ("Troops took Dubovets’s eastern districts.", GeoPrecision.PLACE, "part of Dubovets"),
        ("Troops took the eastern districts of Dubovets.", GeoPrecision.PLACE, "part of Dubovets"),
        ("Troops took Dubovets's station.", GeoPrecision.PLACE, "Dubovets"),
    ],
)
def test_a_part_named_after_a_possessive_is_part_of_the_place_or_near_it(
    sentence, precision, description
) -> None:
    loc = where(sentence, "Dubovets")
    assert (loc.precision, loc.description) == (precision, description)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Fighting went on near Ozerne and Dubovets.", GeoPrecision.NEAR),
        (
            "Fighting went on around Ozerne (12 km west of Lypove), Kamianka, and Dubovets.",
            GeoPrecision.NEAR,
        ),
        ("Fighting went on near Ozerne and in Dubovets.", GeoPrecision.PLACE),
        ("Troops fought near Ozerne, then entered Dubovets.", GeoPrecision.PLACE),
    ],
)
def test_a_near_word_before_a_list_of_places_puts_each_near(sentence, expected) -> None:
    assert where(sentence, "Dubovets").precision is expected


def test_a_street_placed_in_its_town_is_near_the_town() -> None:
    sentence = "Shells hit Lypova Street in Dubovets."
    street = Mention(11, 24, "Lypova Street", ("street", "locality"), TOWN)
    loc = locate(sentence, street, mentions=[street, *mentions(sentence)])
    assert loc.precision is GeoPrecision.NEAR
    assert loc.geometry.equals(shapely.Point(36.0, 50.0))
    assert loc.description == "Lypova Street, Dubovets"


def test_compass_offset_default_distance() -> None:
    loc = where("Shelling was heard north of Dubovets.", "Dubovets")
    assert loc.precision is GeoPrecision.NEAR
    assert loc.latitude > TOWN.lat
    assert 10 <= distance_km((50.0, 36.0), (loc.latitude, loc.longitude)) <= 25
    assert loc.longitude == pytest.approx(36.0, abs=1e-6)


def test_compass_offset_stated_distance() -> None:
    loc = where("The unit dug in 30 km south-east of Dubovets.", "Dubovets")
    assert distance_km((50.0, 36.0), (loc.latitude, loc.longitude)) == pytest.approx(30, abs=0.1)
    assert loc.latitude < 50.0 and loc.longitude > 36.0
    assert loc.description == "south-east of Dubovets"


def test_border_point_in_the_stated_direction() -> None:
    loc = where("Soldiers reached the border north of Dubovets.", "the border")
    assert loc.geometry.geom_type == "Point" and loc.precision is GeoPrecision.NEAR
    # on the line, north of the town (within 60 degrees of north), not the far western part
    assert BORDER.geometry.distance(loc.geometry) < 1e-6
    assert loc.latitude > 50.3 and abs(loc.longitude - 36.0) < 0.6
    assert loc.origin == TOWN


def test_border_point_uses_the_paragraph_anchor() -> None:
    loc = where("Soldiers reached the border.", "the border", anchor=HAMLET)
    # nearest point of the line to (49.5, 37.0) lies on the bent eastern stretch
    assert loc.precision is GeoPrecision.NEAR
    assert 36.5 < loc.longitude < 38.0
    assert loc.origin == HAMLET


def test_border_without_anchor_is_the_whole_line() -> None:
    loc = where("Soldiers reached the border.", "the border")
    assert loc.geometry.geom_type == "LineString" and loc.precision is GeoPrecision.REGION


def test_advance_to_the_border_is_an_arrow() -> None:
    loc = where("Troops pushed from Dubovets to the border.", "the border", action="advance")
    assert loc.geometry.geom_type == "LineString"
    start, end = list(loc.geometry.coords)
    assert start == (36.0, 50.0)
    assert BORDER.geometry.distance(shapely.Point(end)) < 1e-6


def test_from_to_is_an_arrow() -> None:
    loc = where("The column moved from Dubovets toward Ozerne.", "Dubovets")
    assert loc.geometry.geom_type == "LineString"
    assert list(loc.geometry.coords) == [(36.0, 50.0), (37.0, 49.5)]
    assert (loc.place, loc.origin) == (HAMLET, TOWN)


def test_region_is_its_polygon() -> None:
    loc = where("Shelling continued across Stepova Oblast.", "Stepova Oblast")
    assert loc.geometry.geom_type == "Polygon" and loc.precision is GeoPrecision.REGION


def test_unresolved_target_is_an_error() -> None:
    with pytest.raises(ValueError, match="no resolved place"):
        locate("Somewhere.", Mention(0, 9, "Somewhere"))


def test_bearing_phrase_and_destination() -> None:
    bearing, km, word = bearing_phrase("some 12 miles north-west of ")
    assert (bearing, word) == (315.0, "north-west") and km == pytest.approx(19.31, abs=0.01)
    assert bearing_phrase("in the north of the country and ") is None
    lat, lon = destination(0.0, 0.0, 90.0, 111.32)
    assert lat == pytest.approx(0.0, abs=1e-6) and lon == pytest.approx(1.0, abs=0.01)


def test_nearest_border_point_prefers_the_gazetteer() -> None:
    class Gaz:
        def nearest_border_point(self, place, border, *, direction=None):
            return (1.0, 2.0) if direction == "east" else (3.0, 4.0)

    assert nearest_border_point(TOWN, BORDER, direction="east", gaz=Gaz()) == (1.0, 2.0)


def test_find_border_from_the_named_country() -> None:
    class Gaz:
        def country_of_demonym(self, word: str) -> str | None:
            return None

        def border(self, a: str, b: str) -> Place | None:
            return BORDER if {a, b} == {"UA", "RU"} else None

    assert find_border("They reached the border with Russia.", TOWN, gaz=Gaz()) == BORDER
    assert find_border("They reached the border.", TOWN, gaz=Gaz(), other="RU") == BORDER
    assert find_border("They reached the border.", TOWN, gaz=Gaz()) is None
    assert find_border("They reached the river.", TOWN, gaz=Gaz(), other="RU") is None


def test_real_border_point_follows_the_stated_direction(gaz) -> None:
    city = gaz.resolve("Kharkiv", country="UA")
    border = gaz.border("UA", "RU")
    north = nearest_border_point(city, border, direction="north", gaz=gaz)
    east = nearest_border_point(city, border, direction="east", gaz=gaz)
    for lat, lon in (north, east):
        assert border.shape.distance(shapely.Point(lon, lat)) < 0.01
    assert north[0] > city.lat
    assert east[1] > city.lon
    assert north != east


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("fighting on the Alpha-Beta line", "Alpha", True),
        ("fighting on the Alpha-Beta line", "Beta", True),
        ("fighting in the Alpha - Beta - Gamma areas", "Beta", True),
        ("fighting near the Alpha-Beta road", "Alpha", False),
        ("fighting in the Beta area", "Beta", False),
        ("fighting near Alpha and Beta", "Beta", False),
    ],
)
def test_a_place_on_a_line_named_after_places(text: str, name: str, expected: bool) -> None:
    i = text.index(name)
    assert on_line(text, Mention(i, i + len(name), name, (), None)) is expected


def test_each_place_of_a_line_stays_at_its_own_point_but_a_road_is_between() -> None:
    a = Place("t:a", "Alpha", PlaceKind.SETTLEMENT, 48.0, 37.0, "UA", population=5_000)
    b = Place("t:b", "Beta", PlaceKind.SETTLEMENT, 48.2, 37.4, "UA", population=5_000)
    for tail, between in (("line", False), ("road", True)):
        s = f"Troops fought along the Alpha-Beta {tail}."
        ma = Mention(s.index("Alpha"), s.index("Alpha") + 5, "Alpha", (), a)
        mb = Mention(s.index("Beta"), s.index("Beta") + 4, "Beta", (), b)
        loc = locate(s, mb, mentions=[ma, mb])
        assert loc.precision is GeoPrecision.NEAR
        spot = (round(loc.latitude, 6), round(loc.longitude, 6))
        assert spot == ((48.1, 37.2) if between else (48.2, 37.4)), tail


def test_in_the_direction_of_one_place_to_another_is_an_arrow_to_the_second() -> None:
    a = Place("t:a", "Alpha", PlaceKind.SETTLEMENT, 48.0, 37.0, "UA")
    b = Place("t:b", "Beta", PlaceKind.SETTLEMENT, 48.2, 37.4, "UA")
    s = "Troops probed in the direction of Alpha to Beta."
    ma = Mention(s.index("Alpha"), s.index("Alpha") + 5, "Alpha", (), a)
    mb = Mention(s.index("Beta"), s.index("Beta") + 4, "Beta", (), b)
    for target in (ma, mb):
        loc = locate(s, target, mentions=[ma, mb])
        assert (loc.place.id, loc.origin.id if loc.origin else None) == ("t:b", "t:a")
        assert loc.geometry.geom_type == "LineString"


# a village the codifier knows only by its hromada, whose centre lies 30 km from it
CODIFIER_VILLAGE = Place(
    "katottg:UA99000000000000001", "Lisovyi Hai", PlaceKind.SETTLEMENT, 49.9, 36.4, "UA"
)


def _village_and_town(sentence: str) -> tuple[Mention, list[Mention]]:
    v = sentence.index("Lisovyi Hai")
    t = sentence.index("Dubovets")
    village = Mention(v, v + len("Lisovyi Hai"), "Lisovyi Hai", (), CODIFIER_VILLAGE)
    town = Mention(t, t + len("Dubovets"), "Dubovets", (), TOWN)
    return village, [village, town]


def test_a_codifier_village_is_placed_where_the_report_says_it_lies() -> None:
    sentence = "Troops took Lisovyi Hai (about 12km south of Dubovets) on Monday."
    village, mentions = _village_and_town(sentence)
    loc = locate(sentence, village, mentions=mentions)
    # still an estimate of the village's own point from rounded figures
    assert loc.precision is GeoPrecision.NEAR
    assert loc.place is CODIFIER_VILLAGE and loc.origin is None
    # 12 km due south of the town, not at the hromada's centre 40 km away
    assert distance_km((loc.latitude, loc.longitude), (TOWN.lat, TOWN.lon)) == pytest.approx(
        12.0, abs=0.5
    )
    assert loc.latitude < TOWN.lat
    assert distance_km((loc.latitude, loc.longitude), (49.9, 36.4)) > 20


def test_a_codifier_village_named_as_near_the_action_is_placed_at_its_stated_spot() -> None:
    sentence = "Fighting went on near Lisovyi Hai (12km south of Dubovets) on Monday."
    village, mentions = _village_and_town(sentence)
    loc = locate(sentence, village, mentions=mentions)
    assert loc.precision is GeoPrecision.NEAR and loc.origin is None
    assert distance_km((loc.latitude, loc.longitude), (TOWN.lat, TOWN.lon)) < 13


def test_a_codifier_village_without_a_spot_stays_at_its_hromada_centre() -> None:
    for sentence in (
        "Troops took Lisovyi Hai (within 12km of Dubovets) on Monday.",
        "Troops took Lisovyi Hai and Dubovets on Monday.",
    ):
        village, mentions = _village_and_town(sentence)
        loc = locate(sentence, village, mentions=mentions)
        assert loc.precision is GeoPrecision.NEAR and loc.origin is None
        assert (loc.latitude, loc.longitude) == (49.9, 36.4)
