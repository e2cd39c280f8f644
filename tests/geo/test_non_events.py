"""Clauses that name fighting and report none: talk, background, commentary, force generation.

Each rule is checked both ways: the clause it reads as no event, and a close sentence that
still reports one, through the real gazetteer and :func:`geo.events.extract_events`.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geo.events import extract_events
from geo.factuality import factuality
from geo.model import Article, Mention

PUBLISHED = dt.date(2022, 9, 14)
PLACES = ("Kupiansk", "Lyman", "Bakhmut", "Izium", "Kreminna", "Siversk", "Balakliia")


def events_of(gaz, text: str):
    mentions = [
        Mention(m.start(), m.end(), name, (), gaz.resolve(name, country="UA"))
        for name in PLACES
        for m in re.finditer(name, text)
    ]
    article = Article("r.md", text, source="Courier", published=PUBLISHED)
    return extract_events(article, sorted(mentions, key=lambda m: m.start), gaz=gaz)


def reading(sentence: str, cue: str) -> str:
    start = sentence.index(cue)
    return factuality(sentence, start, start + len(cue)).reading


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # topic: the thing talked about
        ("The governor published a map of all partisan attacks near Lyman.", "attacks", "topic"),
        ("Officers kept silence about the recent offensive near Izium.", "offensive", "topic"),
        (
            "Bloggers compared the two counteroffensives of the summer.",
            "counteroffensives",
            "topic",
        ),
        ("Sources talked regarding the continued shelling of Siversk.", "shelling", "topic"),
        ("The unit advanced about 3km east of Siversk.", "advanced", "fact"),
        # background: a known happening taken as a time reference
        ("Morale fell after the withdrawal from Lyman.", "withdrawal", "background"),
        ("Supplies dwindled following its capture by the brigade.", "capture", "background"),
        ("Losses mounted since the counteroffensive near Izium.", "counteroffensive", "background"),
        ("Reports will pause until Ukrainian forces resume attacks.", "attacks", "background"),
        ("The battalion withdrew after heavy attacks near Siversk.", "attacks", "fact"),
        ("Smoke rose after Russian forces shelled Siversk.", "shelled", "fact"),
        # commentary: an action as the subject of an analyst's inference
        (
            "The continued shelling of Siversk indicates that a push is near.",
            "shelling",
            "commentary",
        ),
        ("The shelling of Siversk continued on Monday.", "shelling", "fact"),
        # force generation: mobilisation as a process; the decision is a development
        (
            "Officials continued to mobilize men in the occupied areas.",
            "mobilize",
            "force generation",
        ),
        ("The Kremlin announced a partial mobilization.", "mobilization", "fact"),
        # purposes and capacities, prevented advances, challenged claims
        ("Troops restrained Ukrainian advances toward the border.", "advances", "modal"),
        ("Shelling degraded the garrison's ability to hold the town.", "hold", "modal"),
        ("Russian forces set conditions for a withdrawal from the town.", "withdrawal", "modal"),
        (
            "Officials challenged the commander's claims that his men took the town.",
            "took",
            "denied",
        ),
    ],
)
def test_reading_of_a_clause(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The regional council posted a map of the partisan attacks near Kreminna.",
        "Commanders were replaced after the successful counteroffensive in Lyman.",
        "The continued targeting of positions near Bakhmut suggests that a new push is coming.",
        "Residents of Izium continue to flee to avoid mobilization.",
        "Commentators doubt the garrison's ability to hold Kreminna.",
    ],
)
def test_talk_and_background_make_no_event(gaz, text) -> None:
    assert events_of(gaz, text) == []


def test_a_purpose_does_not_reach_a_coordinated_strike(gaz) -> None:
    text = "Russian forces set conditions for an assault on Siversk and shelled Bakhmut."
    assert [(e.action, e.location) for e in events_of(gaz, text)] == [("strike", "Bakhmut")]


def test_an_indefinite_attempt_before_a_withdrawal_stays_news(gaz) -> None:
    text = "Russian forces withdrew after repeated attacks near Siversk on Monday."
    assert "Siversk" in {e.location for e in events_of(gaz, text)}


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        (
            "Young men keep fleeing the country to avoid mobilization.",
            "fleeing",
            "force generation",
        ),
        ("The garrison fled the town under fire.", "fled", "fact"),
        (
            "Signs of a collapse would include: abandoned tanks and retreating units.",
            "retreating",
            "modal",
        ),
        (
            "Officials repeated the false narrative that the army is fighting NATO.",
            "NATO",
            "denied",
        ),
        (
            "Troops are attempting to conduct a slow and controlled withdrawal.",
            "withdrawal",
            "modal",
        ),
    ],
)
def test_reading_of_flight_lists_and_narratives(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("The mobilized regiment fled the town under fire.", "fled", "fact"),
        (
            "Officials spread the narrative that only their unit captured the town.",
            "captured",
            "topic",
        ),
        ("Sources are falsifying reports of advances near the town.", "advances", "denied"),
        ("The staff considers holding the town a priority.", "holding", "modal"),
    ],
)
def test_reading_of_narratives_and_intentions(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


def test_an_attempt_does_not_reach_a_coordinated_strike(gaz) -> None:
    text = "Russian forces attempted to advance near Siversk and continued shelling Bakhmut."
    assert ("strike", "Bakhmut") in {(e.action, e.location) for e in events_of(gaz, text)}


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        (
            "An aide said that the strikes on the bridge have made it unusable.",
            "strikes",
            "commentary",
        ),
        (
            "Recent raids on the depots are likely degrading the army's supply.",
            "raids",
            "commentary",
        ),
        ("An aide said that the strikes on the bridge began at dawn.", "strikes", "fact"),
    ],
)
def test_an_outcome_of_earlier_actions_is_commentary(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("An aide said that the raids have rendered the bridge useless.", "raids", "commentary"),
        ("Residents fear the planned Russian withdrawal from the city.", "withdrawal", "modal"),
        ("Officials warned of the danger of shelling in the city.", "shelling", "modal"),
        ("Hardliners demand that the army capture the port.", "capture", "modal"),
        ("Officials mobilized 500 workers in the occupied town.", "mobilized", "force generation"),
        ("The brigade completed the withdrawal from the city.", "withdrawal", "fact"),
    ],
)
def test_reading_of_plans_dangers_and_demands(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # an analyst's reading of the ground is talk, not a report of holding it
        ("Analysts' assessment of Russian control of Kreminna differs.", "control", "topic"),
        (
            "The footage is consistent with the ministry's control of terrain map.",
            "control",
            "topic",
        ),
        ("Russian forces kept control of Kreminna.", "control", "fact"),
        ("Russian forces captured Lyman, consistent with earlier footage.", "captured", "fact"),
    ],
)
def test_an_assessment_of_the_ground_is_talk(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


#: A sentence naming both sides: a place that "falls" goes to the side its country is not.
BOTH_SIDES = "Russian forces shelled Kupiansk. "


@pytest.mark.parametrize(
    "text",
    [
        "A Ukrainian official said that Ukrainian forces are waiting for the fall of Lyman "
        "before starting operations further east.",
        "Russian milbloggers wrote that the fall of Bakhmut would open the road to Siversk.",
        "Occupation officials said that the fall of Izium to Ukrainian troops is imminent.",
    ],
)
def test_a_change_of_hands_named_as_a_prospect_makes_no_event(gaz, text) -> None:
    events = events_of(gaz, BOTH_SIDES + text)
    assert [(e.action, e.location) for e in events] == [("strike", "Kupyansk")]


def test_a_change_of_hands_named_as_news_is_still_an_event(gaz) -> None:
    events = events_of(gaz, BOTH_SIDES + "Russian troops completed the capture of Siversk.")
    taken = [(e.action, e.actor1, e.location) for e in events if e.action != "strike"]
    assert taken == [("capture", "Military Forces of Russia", "Siversk")]


def test_the_fall_of_a_place_to_a_side_names_the_side_that_took_it(gaz) -> None:
    text = BOTH_SIDES + "The fall of Lyman to Ukrainian forces on September 12 angered bloggers."
    taken = [(e.action, e.actor1, e.location) for e in events_of(gaz, text) if e.action != "strike"]
    assert taken == [("liberate", "Military Forces of Ukraine", "Lyman")]


def test_what_a_success_enables_is_no_event_of_its_own(gaz) -> None:
    text = BOTH_SIDES + (
        "Ukrainian forces broke through near Balakliia, enabling them to more quickly advance "
        "on and surround Russian strongpoints such as Izium."
    )
    assert [e.location for e in events_of(gaz, text) if e.location == "Izyum"] == []


def test_an_advance_that_goes_on_more_quickly_is_still_an_event(gaz) -> None:
    text = BOTH_SIDES + "Ukrainian forces continued to more quickly advance on Izium."
    taken = [(e.action, e.location) for e in events_of(gaz, text) if e.action != "strike"]
    assert taken == [("advance", "Izyum")]
