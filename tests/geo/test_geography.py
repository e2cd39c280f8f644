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
