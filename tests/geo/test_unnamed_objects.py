"""A change of hands whose object goes unnamed is not about the places named before it."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model import Article, Event
from geo.pipeline import Pipeline

PUBLISHED = dt.date(2022, 10, 20)


@pytest.fixture(scope="module")
def pipeline(gaz) -> Pipeline:
    return Pipeline(gaz)


def _changes(pipeline: Pipeline, text: str) -> set[tuple[str, str]]:
    article = Article("report.md", text, source="Daily report", published=PUBLISHED)
    found: list[Event] = list(pipeline.process(article).events)
    return {(e.action, e.location) for e in found if e.action in {"capture", "liberate"}}


@pytest.mark.parametrize(
    "text",
    [
        "Reservists were central to the defence of Chernihiv and the recapture of other key towns.",
        "After holding Mykolaiv, Ukrainian forces liberated several villages in the south.",
        "Ukrainian troops who defended Sumy later retook dozens of settlements.",
    ],
)
def test_the_places_named_before_an_unnamed_object_are_not_taken(pipeline, text) -> None:
    assert _changes(pipeline, text) == set()


def test_a_named_object_is_still_taken(pipeline) -> None:
    text = "Ukrainian forces retook Vysokopillia and two villages near it."
    assert _changes(pipeline, text) == {("liberate", "Vysokopillya")}
    # villages taken near a place are ground gained there, not the place taken
    assert _changes(pipeline, "Ukrainian forces retook two villages near Vysokopillia.") == set()
    text = "Ukrainian forces defended Mykolaiv and liberated Snihurivka."
    assert _changes(pipeline, text) == {("liberate", "Snihurivka")}
