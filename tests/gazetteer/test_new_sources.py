"""Airports (``airportsdata``) and every Ukrainian settlement (KATOTTG) on the real index."""

from __future__ import annotations

import pytest

from gazetteer import PlaceKind
from gazetteer.names import romanise_uk

#: A village of Lviv oblast that only the KATOTTG codifier lists (our own example).
KATOTTG_VILLAGE = "Kotovane"
KATOTTG_OBLAST = "Lviv"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Згорани", "Zghorany"),  # зг is zgh, not zh
        ("Ємільчине", "Yemilchyne"),  # word-initial є
        ("Поляна Їжакова", "Poliana Yizhakova"),  # я inside, ї at a word's start
        ("Йосипівка", "Yosypivka"),
        ("Шевченкове", "Shevchenkove"),
        ("Щорс", "Shchors"),
        ("Кам'янське", "Kamianske"),  # apostrophe and soft sign dropped
        ("Жуків", "Zhukiv"),
        ("Old Town", "Old Town"),  # Latin text is left alone
    ],
)
def test_romanise_uk_follows_the_2010_national_system(cyrillic: str, latin: str) -> None:
    assert romanise_uk(cyrillic) == latin


@pytest.mark.parametrize("surface", ["Saky air base", "Saki Air Base", "UKFI"])
def test_an_air_base_resolves_by_name_and_by_icao_code(gaz, surface: str) -> None:
    place = gaz.resolve(surface)
    assert place is not None
    assert place.id == "icao:UKFI"
    assert place.kind is PlaceKind.FEATURE
    assert abs(place.lat - 45.09) < 0.05 and abs(place.lon - 33.6) < 0.05


def test_an_airport_named_after_a_town_is_the_airport_not_the_town(gaz) -> None:
    place = gaz.resolve("Hostomel airfield")
    assert place is not None and place.id == "icao:UKKM"


def test_a_katottg_only_village_resolves_in_ukraine_with_its_oblast(gaz) -> None:
    place = gaz.resolve(KATOTTG_VILLAGE, country="UA")
    assert place is not None
    assert place.id.startswith("katottg:")
    assert place.country == "UA"
    assert place.admin1 == KATOTTG_OBLAST
    assert 44.0 < place.lat < 52.5 and 22.0 < place.lon < 40.5
