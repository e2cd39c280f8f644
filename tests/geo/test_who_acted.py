"""Who changed a place's hands: a group's own formation, the side a noun names, people moved."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model import Article
from geo.pipeline import Pipeline

PUBLISHED = dt.date(2022, 8, 20)
DNR = "Militia of the Donetsk People's Republic"


@pytest.fixture(scope="module")
def pipeline(gaz) -> Pipeline:
    return Pipeline(gaz)


def _events(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    article = Article("report.md", text, source="Daily report", published=PUBLISHED)
    return {(e.action, e.actor1, e.location) for e in pipeline.process(article).events}


@pytest.mark.parametrize(
    "text",
    [
        "The DNR Territorial Defense claimed that its troops took control of Soledar, "
        "northeast of Bakhmut.",
        "The Donetsk People's Republic (DNR) Territorial Defense claimed that troops took "
        "control of Soledar, northeast of Bakhmut.",
    ],
)
def test_a_groups_own_territorial_defense_acts_for_the_group(pipeline, text) -> None:
    assert _events(pipeline, text) == {("capture", DNR, "Soledar")}


def test_the_host_countrys_territorial_defense_is_still_the_hosts(pipeline) -> None:
    text = (
        "Russian forces shelled Soledar, and Territorial Defense units repelled an assault "
        "on Bakhmut."
    )
    assert ("hold", "Military Forces of Ukraine", "Bakhmut") in _events(pipeline, text)


def test_the_side_named_on_a_withdrawal_noun_is_the_one_that_withdrew(pipeline) -> None:
    text = "Russian troops took Soledar only after a controlled Ukrainian withdrawal from the town."
    events = _events(pipeline, text)
    assert ("capture", "Military Forces of Russia", "Soledar") in events
    assert ("withdraw", "Military Forces of Russia", "Soledar") not in events
    assert ("withdraw", "Military Forces of Ukraine", "Soledar") in events


def test_a_withdrawal_noun_without_an_actor_in_the_sentence_makes_no_event(pipeline) -> None:
    # a change of hands named by its noun alone is most often discussed, not reported
    text = "Many observers said that a Ukrainian withdrawal from Soledar would be costly."
    assert not {a for a, _, _ in _events(pipeline, text)} & {"withdraw", "capture"}


def test_people_taken_to_a_city_take_no_city(pipeline) -> None:
    text = "Officials reported that Russian forces are taking Ukrainian children to Rostov-on-Don."
    assert not {a for a, _, _ in _events(pipeline, text)} & {"capture", "liberate", "hold"}


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled Soledar and other liberated settlements north of Bakhmut.",
        "Russian forces shelled several liberated villages near Soledar.",
    ],
)
def test_a_participle_describing_places_changes_no_hands(pipeline, text) -> None:
    events = _events(pipeline, text)
    assert ("strike", "Military Forces of Russia", "Soledar") in events
    assert not {a for a, _, _ in events} & {"capture", "liberate"}


def test_the_side_driven_out_is_not_the_one_that_goes_on_to_act(pipeline) -> None:
    text = (
        "Ukrainian troops pushed Russian units out of positions near Bakhmut and "
        "established control of Soledar."
    )
    events = _events(pipeline, text)
    assert ("liberate", "Military Forces of Ukraine", "Soledar") in events
    assert not any(a == "capture" for a, _, _ in events)


def test_a_clause_inside_a_who_clause_keeps_its_own_subject(pipeline) -> None:
    # "men who served in X until Ukrainian forces liberated it": the liberators are the
    # subject of their own clause, not the men the relative pronoun refers back to
    text = (
        "Russian soldiers who served in Soledar before Ukrainian forces liberated the town "
        "complained on August 18 about their equipment."
    )
    events = _events(pipeline, text)
    assert ("liberate", "Military Forces of Ukraine", "Soledar") in events
    assert not {e for e in events if e[0] == "capture"}


def test_a_who_clause_without_a_subject_of_its_own_takes_the_noun_before_it(pipeline) -> None:
    text = "Russian troops who captured Soledar on August 17 are now attacking Bakhmut."
    assert ("capture", "Military Forces of Russia", "Soledar") in _events(pipeline, text)
