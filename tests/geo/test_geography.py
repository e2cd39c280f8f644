"""Same-name villages chosen by their neighbours."""

from __future__ import annotations

from dataclasses import replace

from gazetteer.model import Place, PlaceKind
from geo.geography import nearer_namesake
from geo.model import Mention

FAR = Place("t:1", "Lisne", PlaceKind.SETTLEMENT, 45.0, 34.0, "UA")
NEAR = Place("t:2", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.9, "UA")
TOWN = Place("t:3", "Dubovets", PlaceKind.SETTLEMENT, 48.59, 38.0, "UA")


def _mention(place: Place) -> Mention:
    return Mention(0, 5, "Lisne", (), place)


def test_far_choice_gives_way_to_the_namesake_among_the_neighbours() -> None:
    chosen = nearer_namesake(_mention(replace(FAR, alternatives=(NEAR,))), [TOWN])
    assert chosen.place.id == "t:2" and chosen.place.alternatives[0].id == "t:1"


def test_a_choice_near_the_neighbours_or_without_neighbours_stays() -> None:
    assert nearer_namesake(_mention(replace(NEAR, alternatives=(FAR,))), [TOWN]).place.id == "t:2"
    assert nearer_namesake(_mention(replace(FAR, alternatives=(NEAR,))), []).place.id == "t:1"
    lonely = replace(FAR, alternatives=(replace(NEAR, lat=40.0),))
    assert nearer_namesake(_mention(lonely), [TOWN]).place.id == "t:1"


def test_a_village_abstains_when_two_namesakes_fit_or_it_lies_far_from_all() -> None:
    from geo.geography import namesake_fits

    twin = replace(NEAR, id="t:4", lat=48.75, lon=38.15)  # another Lisne 20 km away
    assert not namesake_fits(_mention(replace(NEAR, alternatives=(twin,))), [TOWN])
    assert namesake_fits(_mention(replace(NEAR, alternatives=(FAR,))), [TOWN])
    stray = replace(FAR, alternatives=(replace(NEAR, lat=40.0),))
    assert not namesake_fits(_mention(stray), [TOWN])
    assert namesake_fits(_mention(NEAR), [TOWN])  # no namesake: nothing to doubt


def test_an_alternative_of_another_name_is_never_taken_for_a_namesake() -> None:
    other = replace(NEAR, id="t:5", name="Ozerne")  # near the neighbours, but another village
    assert nearer_namesake(_mention(replace(FAR, alternatives=(other,))), [TOWN]).place.id == "t:1"


def _stated(gaz, text: str, names: list[str]) -> list[Mention]:
    out = []
    for name in names:
        start = text.index(name)
        out.append(Mention(start, start + len(name), name, (), gaz.resolve(name, country="UA")))
    return out


def test_a_village_moves_to_the_namesake_at_the_stated_distance(gaz) -> None:
    from geo.geography import offset_namesake
    from geo.relative import distance_km

    text = "Artillery hit Kamianka (10 km northwest of Izium) at dawn."
    village, town = _stated(gaz, text, ["Kamianka", "Izium"])
    here = (town.place.lat, town.place.lon)
    assert distance_km((village.place.lat, village.place.lon), here) > 100  # the resolver's pick
    moved = offset_namesake(text, village, [village, town], gaz=gaz)
    assert moved is not None and moved.place.id != village.place.id
    assert "kamianka" in moved.place.name.lower().replace("y", "i")
    assert distance_km((moved.place.lat, moved.place.lon), here) < 40


def test_a_village_with_no_namesake_at_the_stated_spot_abstains(gaz) -> None:
    from geo.geography import offset_namesake

    # a name whose every entry lies far from a spot out at sea south of Odesa
    text = "Patrols were seen near Kamianka (30 km south of Odesa) on Monday."
    village, town = _stated(gaz, text, ["Kamianka", "Odesa"])
    assert offset_namesake(text, village, [village, town], gaz=gaz) is None
    # without a stated distance the mention stands
    bare = "Patrols were seen near Kamianka and Odesa on Monday."
    v2, t2 = _stated(gaz, bare, ["Kamianka", "Odesa"])
    assert offset_namesake(bare, v2, [v2, t2], gaz=gaz) == v2


def test_two_codifier_villages_of_one_name_in_one_hromada_are_twins() -> None:
    from geo.geography import namesake_fits

    a = Place("katottg:UA1", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.9, "UA")
    b = Place("katottg:UA2", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.9, "UA")  # same centre
    assert not namesake_fits(_mention(replace(a, alternatives=(b,))), [TOWN])
    # a GeoNames entry beside a codifier entry of the same name is one village
    gn = replace(b, id="gn:9")
    assert namesake_fits(_mention(replace(a, alternatives=(gn,))), [TOWN])


def test_a_village_on_the_wrong_side_of_its_reference_does_not_fit() -> None:
    from geo.geography import offset_namesake

    ref = Place("t:7", "Dubovets", PlaceKind.SETTLEMENT, 48.6, 38.0, "UA")
    west = Place("t:8", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.7, "UA")  # 22 km west
    for words, fits in (("22km west of", True), ("22km east of", False), ("90km west of", False)):
        text = f"Lisne ({words} Dubovets)"
        ms = [
            Mention(0, 5, "Lisne", (), west),
            Mention(text.index("Dub"), len(text) - 1, "Dubovets", (), ref),
        ]
        assert (offset_namesake(text, ms[0], ms, gaz=None) is not None) is fits, words


def test_near_its_reference_a_village_only_on_the_far_side_of_it_does_not_fit() -> None:
    from geo.geography import offset_namesake

    ref = Place("t:7", "Dubovets", PlaceKind.SETTLEMENT, 48.6, 38.0, "UA")
    south = Place("t:9", "Lisne", PlaceKind.SETTLEMENT, 48.52, 38.0, "UA")  # 9 km south
    beside = Place("t:10", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.97, "UA")  # 2 km west
    cases = (
        (south, "5km south of", True),
        (south, "5km east of", True),  # a compass point rounded near a town: still its side
        (south, "5km north of", False),  # the far side: another Lisne
        (beside, "5km east of", True),  # beside the town a bearing means nothing
    )
    for place, words, fits in cases:
        text = f"Lisne ({words} Dubovets)"
        ms = [
            Mention(0, 5, "Lisne", (), place),
            Mention(text.index("Dub"), len(text) - 1, "Dubovets", (), ref),
        ]
        assert (offset_namesake(text, ms[0], ms, gaz=None) is not None) is fits, words


def test_a_village_is_held_to_the_oblast_named_with_it(gaz) -> None:
    from geo.geography import qualified_namesake
    from geo.relative import distance_km

    text = "Patrols were seen near Kamianka and Izium in Kharkiv Oblast."
    village, town, oblast = _stated(gaz, text, ["Kamianka", "Izium", "Kharkiv Oblast"])
    ms = [village, town, oblast]
    assert village.place.admin1 != "Kharkiv"  # the resolver's pick lies elsewhere
    moved = qualified_namesake(text, village, ms, references=[town.place], gaz=gaz)
    assert moved is not None and moved.place.admin1 == "Kharkiv"
    assert distance_km((moved.place.lat, moved.place.lon), (town.place.lat, town.place.lon)) < 40
    # several namesakes in the oblast and nothing to choose by: the report does not say
    assert qualified_namesake(text, village, ms, references=[], gaz=gaz) is None
    # no oblast named: the mention stands
    bare = "Patrols were seen near Kamianka."
    (alone,) = _stated(gaz, bare, ["Kamianka"])
    assert qualified_namesake(bare, alone, [alone], gaz=gaz) == alone
