"""Holdings that are none: an occupation's civil officials, control points struck in a town."""

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
    assert not {e for e in _events(pipeline, text) if e[0] in {"withdraw", "advance", "reach"}}


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces targeted control points of a Russian airborne division in Nova Kakhovka.",
        "Ukrainian forces struck a Russian drone control centre in Nova Kakhovka.",
        "Ukrainian forces targeted Russian command and control elements in Nova Kakhovka.",
    ],
)
def test_a_control_point_struck_in_a_town_is_no_holding_of_it(pipeline, text) -> None:
    assert not {e for e in _events(pipeline, text) if e[0] == "hold"}


def test_control_of_a_town_is_still_a_holding(pipeline) -> None:
    text = "Ukrainian forces retain control of Nova Kakhovka."
    assert ("hold", "Military Forces of Ukraine", "Nova Kakhovka") in _events(pipeline, text)
