"""Holdings that are none: an occupation's civil officials, control points struck in a town,
fire control over a town, a fight for its control, occupied territories in general."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model import Article, Event
from geo.pipeline import Pipeline

PUBLISHED = dt.date(2022, 11, 20)


@pytest.fixture(scope="module")
def pipeline(gaz) -> Pipeline:
    return Pipeline(gaz)


def _events(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    article = Article("report.md", text, source="Daily report", published=PUBLISHED)
    found: list[Event] = list(pipeline.process(article).events)
    return {(e.action, e.actor1, e.location) for e in found}


def _actions(pipeline: Pipeline, text: str) -> set[str]:
    return {action for action, _, _ in _events(pipeline, text)}


def test_what_occupation_officials_seize_lies_in_ground_they_hold(pipeline) -> None:
    text = (
        "The Ukrainian General Staff reported that Russian occupation officials seized "
        "all Ukrainian history books in Melitopol, Zaporizhia Oblast."
    )
    assert _events(pipeline, text) == {("hold", "Military Forces of Russia", "Melitopol")}


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian officials said that occupation authorities fled from Nova Kakhovka.",
        "The Russian occupation administration evacuated residents from Oleshky.",
    ],
)
def test_officials_leaving_a_town_is_no_withdrawal(pipeline, text) -> None:
    assert not _actions(pipeline, text) & {"withdraw", "advance", "reach"}


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces targeted control points of a Russian airborne division in Nova Kakhovka.",
        "Ukrainian forces struck a Russian drone control centre in Nova Kakhovka.",
        "Ukrainian forces targeted Russian command and control elements in Nova Kakhovka.",
        "Ukrainian units use the hills west of the river to exert fire control over Nova Kakhovka.",
        "Russian troops were still fighting for control of Nova Kakhovka on Sunday.",
    ],
)
def test_control_points_fire_control_and_a_fight_for_control_are_no_holding(pipeline, text) -> None:
    assert "hold" not in _actions(pipeline, text)


def test_control_of_a_town_is_still_a_holding(pipeline) -> None:
    text = "Ukrainian forces retain control of Nova Kakhovka."
    assert ("hold", "Military Forces of Ukraine", "Nova Kakhovka") in _events(pipeline, text)


def test_occupied_territories_in_general_say_nothing_of_the_town_named_beside(pipeline) -> None:
    text = (
        "The head of Nikopol said that Russian occupation forces search the phones of young "
        "men in other occupied territories."
    )
    assert "hold" not in _actions(pipeline, text)
    held = "Residents said that Russian troops occupied Melitopol within days."
    assert ("hold", "Military Forces of Russia", "Melitopol") in _events(pipeline, held)


def test_troops_left_dead_by_a_strike_are_no_withdrawal(pipeline) -> None:
    text = (
        "A Ukrainian strike on Nova Kakhovka killed 20 Russian soldiers and left more than "
        "50 troops buried in a basement."
    )
    assert "withdraw" not in _actions(pipeline, text)


def test_part_of_a_town_is_the_town_and_its_summary_says_part(pipeline) -> None:
    article = Article(
        "report.md",
        "Russian forces captured the eastern part of Bakhmut on Tuesday.",
        source="Daily report",
        published=PUBLISHED,
    )
    (event,) = [e for e in pipeline.process(article).events if e.action == "capture"]
    assert event.location == "Bakhmut" and int(event.geo_precision) == 1
    assert event.notes == "Russia captured part of Bakhmut"


def test_a_towns_environs_are_only_near_it(pipeline) -> None:
    article = Article(
        "report.md",
        "Ukrainian forces dug in across Lyman’s environs, a Russian source said.",
        source="Daily report",
        published=PUBLISHED,
    )
    events = [e for e in pipeline.process(article).events if e.location == "Lyman"]
    assert events and all(int(e.geo_precision) == 2 for e in events)
