"""Rivers, seas and straits in running text, and Russian and Belarusian first-level units.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from gazetteer.model import PlaceKind
from geo.resolve import geoparse


def _by_text(text, gaz):
    return {m.text: m for m in geoparse(text, gaz)}


def test_river_named_with_its_head_is_the_river_not_the_city(gaz):
    found = _by_text("A ferry crossed the Dnipro River at dusk; later it reached Dnipro.", gaz)
    river, city = found["Dnipro River"].place, found["Dnipro"].place
    assert river is not None and river.kind is PlaceKind.FEATURE
    assert river.id == "feature:dnipro-river"
    assert river.geometry is not None and river.geometry.geom_type == "LineString"
    assert city is not None and city.kind is PlaceKind.SETTLEMENT


@pytest.mark.parametrize(
    ("text", "surface", "feature"),
    [
        ("Boats patrolled the Inhulets River overnight.", "Inhulets River", "inhulets-river"),
        ("Engineers bridged the Oskil River twice.", "Oskil River", "oskil-river"),
        (
            "Troops dug in along the Siverskyi Donets River.",
            "Siverskyi Donets River",
            "siverskyi-donets-river",
        ),
        ("Drones flew low over the Black Sea.", "Black Sea", "black-sea"),
        ("A tanker left port on the Sea of Azov.", "Sea of Azov", "sea-of-azov"),
        ("Traffic resumed through the Kerch Strait.", "Kerch Strait", "kerch-strait"),
    ],
)
def test_water_features_resolve_to_their_feature(gaz, text, surface, feature):
    found = _by_text(text, gaz)
    assert surface in found, list(found)
    place = found[surface].place
    assert place is not None and place.id == f"feature:{feature}", place


def test_sea_polygon_holds_its_point_and_not_the_land(gaz):
    place = gaz.resolve("Black Sea")
    assert place is not None and place.kind is PlaceKind.FEATURE
    assert place.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert 40.9 < place.lat < 47.0 and 27.0 < place.lon < 42.0


@pytest.mark.parametrize(
    ("text", "cc"),
    [
        ("Air defences were active over Bryansk Oblast.", "RU"),
        ("Conscripts were gathered in Tver Oblast.", "RU"),
        ("Columns moved through Krasnodar Krai.", "RU"),
        ("Exercises took place in Vitebsk Oblast.", "BY"),
    ],
)
def test_first_level_units_of_russia_and_belarus_by_english_name(gaz, text, cc):
    (m,) = [m for m in geoparse(text, gaz) if m.place is not None]
    assert m.place.kind is PlaceKind.ADMIN1 and m.place.country == cc, m.place
