"""Features named in running text, rivers read from their article, and no wild guesses.

The sentences are written for these tests; every place comes from the real gazetteer.
"""

from __future__ import annotations

import pytest

from gazetteer.distance import great_circle_km
from gazetteer.model import PlaceKind
from geo.relative import locate
from geo.resolve import geoparse
from geo.vetting import NEAR_PREFIX


def _by_text(text, gaz):
    return {m.text: m for m in geoparse(text, gaz)}


@pytest.mark.parametrize(
    "text",
    [
        "Engineers moved boats across the Dnipro near Nova Kakhovka and Kherson.",
        "Civilians fled to the left bank of the Dnipro after shelling in Kherson.",
        "Patrols watched the east bank of the Dnipro from Nikopol.",
        "Ukrainian troops crossed the Inhulets and Dnipro rivers near Snihurivka.",
    ],
)
def test_the_dnipro_after_the_article_is_the_river(gaz, text):
    m = _by_text(text, gaz)["Dnipro"]
    assert m.place is not None and m.place.id == "feature:dnipro-river"


def test_bare_city_names_stay_cities(gaz):
    found = _by_text("Missiles hit Dnipro and Zaporizhzhia on Monday.", gaz)
    assert found["Dnipro"].place.kind is PlaceKind.SETTLEMENT


def test_river_is_placed_at_the_stretch_by_the_places_named_with_it(gaz):
    south = _by_text("Boats crossed the Dnipro River near Kherson and Oleshky.", gaz)
    north = _by_text("Boats crossed the Dnipro River near Cherkasy and Kaniv.", gaz)
    a, b = south["Dnipro River"].place, north["Dnipro River"].place
    kherson, cherkasy = south["Kherson"].place, north["Cherkasy"].place
    assert great_circle_km(a.lat, a.lon, kherson.lat, kherson.lon) < 30
    assert great_circle_km(b.lat, b.lon, cherkasy.lat, cherkasy.lon) < 30
    assert a.geometry.geom_type == "LineString" and a.geometry.length < 1.0


@pytest.mark.parametrize(
    ("text", "surface", "feature"),
    [
        ("A cat was rescued on Snake Island at dawn.", "Snake Island", "snake-island"),
        ("Boats landed on the Kinburn Spit overnight.", "Kinburn Spit", "kinburn-spit"),
        (
            "Shelling hit Velykyi Potomkin Island again.",
            "Velykyi Potomkin Island",
            "velykyi-potomkin-island",
        ),
        ("Tankers waited in the Caspian Sea.", "Caspian Sea", "caspian-sea"),
        (
            "The level of the Pechenihy Reservoir fell.",
            "Pechenihy Reservoir",
            "pechenihy-reservoir",
        ),
        ("Fighting went on along the Zherebets River.", "Zherebets River", "zherebets-river"),
    ],
)
def test_islands_reservoirs_and_more_rivers_resolve(gaz, text, surface, feature):
    m = _by_text(text, gaz)[surface]
    assert m.place is not None and m.place.id == f"feature:{feature}"


def test_feature_named_after_a_town_is_near_it_and_keeps_its_kind(gaz):
    found = _by_text("Ukrainian strikes hit the Darivka Bridge near Kherson and Snihurivka.", gaz)
    bridge = found["Darivka Bridge"].place
    assert bridge is not None and bridge.kind is PlaceKind.FEATURE
    assert bridge.id.startswith(f"{NEAR_PREFIX}bridge:")
    town = found["Kherson"].place
    assert great_circle_km(bridge.lat, bridge.lon, town.lat, town.lon) < 40
    sentence = "Ukrainian strikes hit the Darivka Bridge near Kherson and Snihurivka."
    where = locate(sentence, found["Darivka Bridge"], mentions=list(found.values()))
    assert where.precision.name == "NEAR"


@pytest.mark.parametrize(
    "text",
    [
        "Repairs stalled on the Antonivskyi Bridge by Kherson, where a ferry now runs.",
        "Repairs stalled on the Antonivskyi Bridge in Kherson Oblast.",
    ],
)
def test_a_feature_named_with_its_towns_adjective_is_at_the_namesake_by_its_places(gaz, text):
    # "Antonivskyi" is the adjective of Antonivka; of the many Antonivkas (and the
    # Antonivske in Dnipropetrovsk Oblast that spells closest), the one by Kherson
    bridge = _by_text(text, gaz)["Antonivskyi Bridge"].place
    assert bridge is not None and bridge.id.startswith(f"{NEAR_PREFIX}bridge:")
    assert bridge.admin1 == "Kherson"
    assert great_circle_km(bridge.lat, bridge.lon, 46.64, 32.62) < 60


def test_power_plant_after_a_town_name_is_a_feature(gaz):
    text = "Shelling hit the Kurakhove Power Plant near Marinka and Vuhledar."
    found = _by_text(text, gaz)
    plant = next(m.place for t, m in found.items() if t.startswith("Kurakhove"))
    assert plant is not None and plant.kind is PlaceKind.FEATURE
    assert plant.id.startswith(f"{NEAR_PREFIX}plant:")


@pytest.mark.parametrize("form", ["Nuclear Power Plant", "NPP"])
def test_a_plant_with_its_own_record_is_not_in_the_town_it_is_named_after(gaz, form):
    text = f"Shelling hit the Zaporizhzhia {form} again, officials in Nikopol said."
    found = _by_text(text, gaz)
    plant = next(m.place for t, m in found.items() if t.startswith("Zaporizhzhia"))
    assert plant is not None and plant.kind is PlaceKind.FEATURE
    city = gaz.resolve("Zaporizhzhia")
    assert great_circle_km(plant.lat, plant.lon, city.lat, city.lon) > 50


def test_a_loose_airport_match_abroad_is_no_answer(gaz):
    text = "Russian forces shelled Chornobaivka and the Kherson City International Airport."
    airport = _by_text(text, gaz)["Kherson City International Airport"].place
    assert airport is not None and airport.country == "UA"


def test_list_of_units_names_the_units(gaz):
    text = "Conscripts will not serve in Luhansk, Donetsk, Kherson, or Zaporizhia oblasts."
    found = _by_text(text, gaz)
    assert {found[n].place.kind for n in ("Luhansk", "Donetsk", "Kherson")} == {PlaceKind.ADMIN1}


def test_names_of_people_and_small_towns_abroad_are_no_places(gaz):
    text = (
        "President Vladimir Putin praised Wagner fighters near Bakhmut, Soledar, Siversk "
        "and Kreminna."
    )
    found = _by_text(text, gaz)
    assert "Vladimir" not in found and "Wagner" not in found
    assert found["Bakhmut"].place is not None


def test_village_namesake_beside_its_neighbours(gaz):
    text = "Russian forces attacked Krasnohorivka, Vesele, and Marinka west of Donetsk City."
    vesele = _by_text(text, gaz)["Vesele"].place
    assert vesele is not None and vesele.admin1 == "Donetsk"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Shelling went on along the Kharkiv-Luhansk Oblast border near Kupiansk.",
            "Kharkiv",
            "admin1",
        ),
        ("Depots burned in Beryslav and Kakhovka raions east of Kherson.", "Beryslav", "admin2"),
        ("Depots burned in Beryslav and Kakhovka raions east of Kherson.", "Kakhovka", "admin2"),
        ("Mobilized men from Tyumen, Tyumen Oblast, were sent to Svatove.", "Tyumen", "settlement"),
    ],
)
def test_a_town_name_before_a_shared_unit_word_is_the_unit(gaz, text, name, kind):
    """The oblast or raion of a name that shares its unit word; a qualified town stays a town."""
    place = {m.text: m.place for m in geoparse(text, gaz)}[name]
    assert place is not None and place.kind.value == kind


def test_a_name_before_city_is_the_city_not_a_village_drawn_by_the_others(gaz):
    text = "Shelling hit Kramatorsk, Sloviansk and Druzhkivka, and missiles struck Mykolaiv City."
    place = {m.text: m.place for m in geoparse(text, gaz)}["Mykolaiv"]
    assert place is not None and place.population >= 100_000


def test_a_compass_word_before_a_city_name_names_its_oblast(gaz):
    text = "Fighting went on in western Kherson near Snihurivka; shells hit central Kherson."
    got = [m for m in geoparse(text, gaz) if m.text == "Kherson"]
    assert [m.place.kind for m in got] == [PlaceKind.ADMIN1, PlaceKind.SETTLEMENT]
    assert got[0].place.admin1 == got[1].place.admin1


def test_names_before_peoples_republics_are_the_units(gaz):
    text = "Officials of the Donetsk and Luhansk People’s Republics met in Melitopol."
    got = {m.text: m.place for m in geoparse(text, gaz) if m.place is not None}
    assert got["Donetsk"].kind is PlaceKind.ADMIN1
    assert got["Luhansk"].kind is PlaceKind.ADMIN1
    assert got["Melitopol"].kind is PlaceKind.SETTLEMENT
