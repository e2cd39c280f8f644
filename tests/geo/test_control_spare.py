"""A taking that nearby changes corroborate is an offensive, not an isolated namesake."""

from __future__ import annotations

import pytest
from control_rows import coordinates, events_of, liberation, located

from geo.control import ControlMap
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
#: Russian-held ground around the city, and Ukrainian-held ground far from it.
HELD_RU = ["Oleshky", "Hola Prystan", "Nova Kakhovka", "Skadovsk"]
HELD_UA = ["Kharkiv", "Izium", "Kramatorsk", "Sloviansk"]
VILLAGES = ["Chornobaivka", "Bilozerka", "Kyselivka"]


@pytest.fixture(scope="module")
def places(gaz):
    """Name -> (lon, lat), from the gazetteer."""
    return coordinates(gaz, ["Kherson", "Beryslav", *HELD_RU, *HELD_UA, *VILLAGES])


def _map(places, rows) -> ControlMap:
    return ControlMap.build(events_of(located(places, rows)))


# Months of reports of Russian holding around the city, and of Ukrainian holding far
# away; then the city's liberation is confirmed.
GROUND = [
    (f"{side}{j}d{k}", f"2022-{8 + k // 3:02d}-{1 + 10 * (k % 3):02d}", "hold", a1, a2, name)
    for side, a1, a2, names in (("r", RU, UA, HELD_RU), ("u", UA, RU, HELD_UA))
    for j, name in enumerate(names)
    for k in range(9)
]
# The villages around it are reported liberated in the same days by other reports.
LIB, *AROUND = liberation("Kherson", VILLAGES, UA, RU)


def _claim(cm: ControlMap, event_id: str):
    return next(c for c in cm.claims if c.event_id == event_id)


def test_a_corroborated_liberation_keeps_its_strength_in_the_other_side_s_ground(places):
    cm = _map(places, [*GROUND, LIB, *AROUND])
    lib = _claim(cm, "lib")
    assert lib.support >= 2
    assert "lib" not in cm.discounted
    assert lib.strength > 0.5


def test_a_lone_liberation_there_is_still_discounted(places):
    cm = _map(places, [*GROUND, LIB])
    assert "lib" in cm.discounted
    assert _claim(cm, "lib").strength < 0.1
    # A lone taking of a place far from the villages' offensive is discounted too.
    far = ("far", "2022-11-10", "liberate", UA, RU, "Beryslav", "confirmed", "Took Beryslav.")
    cm = _map(places, [*GROUND, LIB, *AROUND, far])
    assert "far" in cm.discounted
    assert "lib" not in cm.discounted
    kherson = next(p.site for p in cm.places if p.label == "Kherson")
    assert cm.model.state_on(day_number("2022-12-01"))[0][kherson] == "UA"
