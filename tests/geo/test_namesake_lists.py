"""Villages listed together in one sentence resolve together.

The sentences are written for these tests; every place comes from the real gazetteer.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from gazetteer.distance import great_circle_km
from gazetteer.model import PlaceKind
from geo.namesake_lists import gather
from geo.resolve import geoparse


def _spread_km(places):
    return max(
        great_circle_km(a.lat, a.lon, b.lat, b.lon) for a, b in itertools.combinations(places, 2)
    )


def _villages(text, gaz):
    return [
        m.place
        for m in geoparse(text, gaz)
        if m.place is not None and m.place.kind is PlaceKind.SETTLEMENT
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attempted ground assaults towards Andriivka, Shyroke, and Oleksandrivka.",
        "Shelling was reported near Kamianka, Vesele and Novoselivka on Tuesday.",
        "Ukrainian forces struck positions near Pavlivka, Vodiane and Novomykhailivka.",
    ],
)
def test_a_list_of_villages_with_namesakes_lands_in_one_stretch(gaz, text):
    places = _villages(text, gaz)
    assert len(places) == 3
    assert _spread_km(places) < 60


def test_a_town_named_in_the_list_keeps_its_place_and_anchors_it(gaz):
    text = "Russian forces shelled Ivanivka, Kostiantynivka and Mykolaivka overnight."
    found = [m for m in geoparse(text, gaz) if m.place is not None]
    town = next(m.place for m in found if m.text == "Kostiantynivka")
    assert town.admin1 == "Donetsk" and town.population > 50_000
    places = [m.place for m in found if m.place.kind is PlaceKind.SETTLEMENT]
    assert _spread_km(places) < 60


def test_an_oblast_named_with_a_village_outweighs_the_list(gaz):
    text = "Russian forces attacked Andriivka, Shyroke, and Oleksandrivka, Donetsk Oblast."
    last = next(m for m in geoparse(text, gaz) if m.text == "Oleksandrivka").place
    assert last is not None and last.admin1 == "Donetsk"


def test_gather_picks_the_combination_within_reach():
    near = (np.array([47.0, 50.0]), np.array([37.0, 30.0]), np.array([0.1, 0.9]))
    other = (np.array([55.0, 47.1]), np.array([40.0, 37.1]), np.array([0.9, 0.1]))
    assert gather([near, other], reach_km=25.0) == [0, 1]


def test_gather_gives_nothing_when_no_point_has_every_member_within_reach():
    a = (np.array([47.0]), np.array([37.0]), np.array([0.5]))
    b = (np.array([50.0]), np.array([30.0]), np.array([0.5]))
    assert gather([a, b], reach_km=25.0) is None


def test_gather_prefers_the_more_prominent_of_two_tight_combinations():
    a = (np.array([47.0, 50.0]), np.array([37.0, 30.0]), np.array([0.1, 0.6]))
    b = (np.array([47.1, 50.1]), np.array([37.1, 30.1]), np.array([0.1, 0.6]))
    assert gather([a, b], reach_km=25.0) == [1, 1]


def test_a_name_named_twice_is_one_member_and_a_stated_distance_holds(gaz):
    # the second "Pavlivka" backs no list of its own with its namesake; the stated
    # distance keeps both mentions, and the list with them, in Donetsk Oblast
    text = (
        "Russian forces said they took Pavlivka (45km southwest of Donetsk City) "
        "after fights near Pavlivka and Mykilske."
    )
    found = [m for m in geoparse(text, gaz) if m.text in ("Pavlivka", "Mykilske")]
    assert len(found) == 3
    assert all(m.place is not None and m.place.admin1 == "Donetsk" for m in found)
