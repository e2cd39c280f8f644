"""Where an action happened, read with the real gazetteer (issue 12, item 4).

Our own sentences in the style of daily reports: reference points that only locate
other places, oblasts that only qualify a name, rivers that bound an area, villages
held to the distance the report gives, and a second reported clause.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model import Article, Event
from geo.pipeline import Pipeline
from geo.relative import distance_km

PUBLISHED = dt.date(2022, 9, 20)


@pytest.fixture(scope="module")
def pipeline(gaz) -> Pipeline:
    return Pipeline(gaz)


def events(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article("report.md", text, source="Daily report", published=PUBLISHED)
    return list(pipeline.process(article).events)


def test_reference_points_before_in_are_not_where_it_happened(pipeline) -> None:
    text = (
        "Ukrainian forces repelled Russian attacks southwest of Bakhmut and Soledar in "
        "Kurdyumivka and Zaitseve."
    )
    found = {e.location for e in events(pipeline, text)}
    assert found and not found & {"Bakhmut", "Soledar"}
    # without places after "in", the reference point gives an event near it
    near = events(pipeline, "Ukrainian forces repelled Russian attacks southwest of Bakhmut.")
    assert [e.location for e in near] == ["Bakhmut"]


def test_an_oblast_after_an_unknown_name_only_qualifies_it(pipeline) -> None:
    text = "Ukrainian forces repelled a Russian assault toward Qwertivka, Kherson Oblast."
    assert not [e for e in events(pipeline, text) if e.place_id.startswith("admin1:")]
    both = "Ukrainian forces struck Russian positions in Kherson and Zaporizhzhia Oblasts."
    assert len([e for e in events(pipeline, both) if e.place_id.startswith("admin1:")]) == 2


def test_a_distance_after_an_unknown_name_locates_it_not_the_action(pipeline) -> None:
    text = (
        "Ukrainian forces struck Russian positions in Qwertivka, about 15km southeast of "
        "Nova Kakhovka."
    )
    assert not [e for e in events(pipeline, text) if e.location == "Nova Kakhovka"]


def test_a_river_named_as_a_boundary_is_no_place(pipeline) -> None:
    text = "Ukrainian forces struck Russian rear areas south of the Dnipro River."
    assert not [e for e in events(pipeline, text) if "Dnipro" in e.location]


def test_a_second_reported_clause_keeps_its_places(pipeline) -> None:
    text = (
        "The General Staff reported that Ukrainian forces repelled a Russian assault toward "
        "Qwertivka, and that Russian forces in northern Kherson Oblast are regrouping."
    )
    assert not [e for e in events(pipeline, text) if e.action == "hold"]


def test_a_village_is_placed_at_the_distance_the_report_gives(pipeline, gaz) -> None:
    izium = gaz.resolve("Izium", country="UA")
    found = events(pipeline, "Russian forces shelled Kamianka (10km northwest of Izium).")
    (strike,) = [e for e in found if e.action == "strike"]
    assert distance_km((izium.lat, izium.lon), (strike.latitude, strike.longitude)) < 40


def test_between_two_towns_is_one_event_between_them(pipeline, gaz) -> None:
    found = events(pipeline, "Russian forces shelled positions between Siversk and Lysychansk.")
    (strike,) = [e for e in found if e.action == "strike"]
    a, b = gaz.resolve("Siversk", country="UA"), gaz.resolve("Lysychansk", country="UA")
    mid = ((a.lat + b.lat) / 2, (a.lon + b.lon) / 2)
    assert distance_km(mid, (strike.latitude, strike.longitude)) < 1
    # the places after "in the areas of" are where it happened, not the two towns
    text = (
        "Russian forces shelled positions between Siversk and Lysychansk in the areas of "
        "Bilohorivka and Verkhnokamianske."
    )
    assert not {e.location for e in events(pipeline, text)} & {"Siversk", "Lysychansk"}


def test_where_a_strike_came_from_is_not_its_target(pipeline) -> None:
    text = "Russian forces struck Ukrainian positions with drones launched from Crimea."
    assert not [e for e in events(pipeline, text) if e.action == "strike"]
    text = "Russian forces shelled Nikopol from positions in Enerhodar."
    assert [e.location for e in events(pipeline, text) if e.action == "strike"] == ["Nikopol"]


def test_every_raion_of_a_list_of_raions_is_a_place(pipeline) -> None:
    text = (
        "Ukrainian forces struck Russian depots in Bashtanskyi, Beryslavskyi, and Khersonskyi "
        "Raions on Monday."
    )
    found = {e.place_id for e in events(pipeline, text) if e.action == "strike"}
    assert len(found) == 3 and all(p.startswith("admin2:") for p in found)
