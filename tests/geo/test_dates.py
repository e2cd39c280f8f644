from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dates import EARLIEST, DateSpan, date_for_sentence, find_dates
from geo.ingest import read_article
from geo.model import TimePrecision
from geo.text import split_sentences

PUB = dt.date(2022, 5, 17)  # a Tuesday
D = dt.date
DAY, WEEK, MONTH, BEFORE = (
    TimePrecision.DAY,
    TimePrecision.WEEK,
    TimePrecision.MONTH,
    TimePrecision.BEFORE_PUBLICATION,
)


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        ("Sappers cleared the road on Sunday.", D(2022, 5, 15), D(2022, 5, 15), DAY),
        ("The depot burned on Monday night.", D(2022, 5, 16), D(2022, 5, 16), DAY),
        ("On Tuesday the ferry resumed service.", D(2022, 5, 17), D(2022, 5, 17), DAY),
        ("Last Tuesday the ferry stopped.", D(2022, 5, 10), D(2022, 5, 10), DAY),
        ("Wednesday's convoy was delayed.", D(2022, 5, 11), D(2022, 5, 11), DAY),
        ("The bridge was hit yesterday.", D(2022, 5, 16), D(2022, 5, 16), DAY),
        ("Power returned today.", D(2022, 5, 17), D(2022, 5, 17), DAY),
        ("The dam was breached last week.", D(2022, 5, 9), D(2022, 5, 15), WEEK),
        ("Trains ran earlier this week.", D(2022, 5, 16), D(2022, 5, 17), WEEK),
        ("Shops reopened over the weekend.", D(2022, 5, 14), D(2022, 5, 15), WEEK),
        ("The unit withdrew in March.", D(2022, 3, 1), D(2022, 3, 31), MONTH),
        ("The unit withdrew in May.", D(2022, 5, 1), D(2022, 5, 17), MONTH),
        ("The unit withdrew in June.", D(2021, 6, 1), D(2021, 6, 30), MONTH),
        ("Crews worked in early April.", D(2022, 4, 1), D(2022, 4, 10), MONTH),
        ("Talks stalled in late February.", D(2022, 2, 21), D(2022, 2, 28), MONTH),
        ("The town has been occupied since March.", D(2022, 3, 1), D(2022, 5, 17), MONTH),
        ("Roads were mined earlier this month.", D(2022, 5, 1), D(2022, 5, 17), MONTH),
        ("The port was blockaded last month.", D(2022, 4, 1), D(2022, 4, 30), MONTH),
        ("The road has been closed since Saturday.", D(2022, 5, 14), D(2022, 5, 17), WEEK),
        ("The road has been closed since 2 April.", D(2022, 4, 2), D(2022, 5, 17), MONTH),
        ("The road has been closed since 2014.", D(2014, 1, 1), D(2022, 5, 17), MONTH),
        ("Prices doubled this year.", D(2022, 1, 1), D(2022, 5, 17), MONTH),
        ("The base was built in 2014.", D(2014, 1, 1), D(2014, 12, 31), MONTH),
        ("The siege began on 1 April.", D(2022, 4, 1), D(2022, 4, 1), DAY),
        ("Gunfire was heard on May 12.", D(2022, 5, 12), D(2022, 5, 12), DAY),
        ("Gunfire was heard on May 12-13.", D(2022, 5, 12), D(2022, 5, 13), WEEK),
        ("Gunfire was heard between May 12 and 13.", D(2022, 5, 12), D(2022, 5, 13), WEEK),
        ("Gunfire was heard on May 12 and 13.", D(2022, 5, 12), D(2022, 5, 13), WEEK),
        ("Gunfire between April 30 and May 2 stopped.", D(2022, 4, 30), D(2022, 5, 2), WEEK),
        ("On May 12 and 40 people fled.", D(2022, 5, 12), D(2022, 5, 12), DAY),
        ("Gunfire was heard on Friday, 13 May.", D(2022, 5, 13), D(2022, 5, 13), DAY),
        ("The order was signed on 15 May 2022.", D(2022, 5, 15), D(2022, 5, 15), DAY),
        ("The order was signed on 3 December 2021.", D(2021, 12, 3), D(2021, 12, 3), DAY),
        ("The order was signed on the 2nd of May.", D(2022, 5, 2), D(2022, 5, 2), DAY),
        ("The log entry reads 2022-04-30.", D(2022, 4, 30), D(2022, 4, 30), DAY),
        ("The pontoon sank two days ago.", D(2022, 5, 15), D(2022, 5, 15), DAY),
        ("The pontoon sank three weeks ago.", D(2022, 4, 23), D(2022, 4, 29), WEEK),
        ("The pontoon sank a few weeks ago.", D(2022, 4, 19), D(2022, 5, 3), MONTH),
        ("Drones flew in recent days.", D(2022, 5, 10), D(2022, 5, 17), WEEK),
        ("Drones flew over the past two weeks.", D(2022, 5, 3), D(2022, 5, 17), MONTH),
        ("Drones flew in the last few days.", D(2022, 5, 13), D(2022, 5, 17), WEEK),
        ("The log entry reads 12/31/2021.", D(2021, 12, 31), D(2021, 12, 31), DAY),
        ("The pontoon sank two months ago.", D(2022, 3, 1), D(2022, 3, 31), MONTH),
    ],
)
def test_date_for_sentence(sentence: str, start: D, end: D, precision: TimePrecision) -> None:
    span = date_for_sentence(sentence, PUB)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert sentence[span.offset_start : span.offset_end] == span.text
    assert span.text


@pytest.mark.parametrize(
    "sentence",
    [
        "We may now see a second wave, and we will sat tight.",
        "Protesters march on the square; the may tree blooms.",
        "After weeks of fighting the garrison surrendered.",
        "The brigade had previously held the ridge.",
        "After withdrawing from the hills, the unit regrouped.",
        "He fired 2014 rounds.",
        "The mayor, a March native, resigned.",
    ],
)
def test_not_dates_give_before_publication(sentence: str) -> None:
    span = date_for_sentence(sentence, PUB)
    assert (span.start, span.end, span.precision, span.text) == (None, PUB, BEFORE, "")
    assert find_dates(sentence, PUB) == []


def test_find_dates_lists_every_expression_with_offsets() -> None:
    sentence = "Shelling on Sunday and again on Monday followed a lull since March."
    spans = find_dates(sentence, PUB, offset=100)
    assert [s.text for s in spans] == ["on Sunday", "on Monday", "since March"]
    assert [s.start for s in spans] == [D(2022, 5, 15), D(2022, 5, 16), D(2022, 3, 1)]
    for span in spans:
        assert sentence[span.offset_start - 100 : span.offset_end - 100] == span.text


def test_most_specific_date_wins() -> None:
    span = date_for_sentence("Held since March, the village fell on Saturday.", PUB)
    assert span.start == D(2022, 5, 14)


def test_reporting_date_yields_to_event_date() -> None:
    span = date_for_sentence("Officials said on Monday that the unit left in March.", PUB)
    assert (span.start, span.end) == (D(2022, 3, 1), D(2022, 3, 31))
    # the reporting date is used when it is the only one
    span = date_for_sentence("Officials confirmed on Monday that the unit left.", PUB)
    assert span.start == D(2022, 5, 16)


def test_future_dates_are_not_event_dates() -> None:
    assert find_dates("Talks are set for 20 May.", PUB)[0].start == D(2022, 5, 20)
    span = date_for_sentence("Talks are set for 20 May.", PUB)
    assert (span.start, span.precision) == (None, BEFORE)


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("The file says 2022-02-30 and 30 February.", PUB) == []


def test_weekday_on_publication_day() -> None:
    sunday = D(2022, 5, 15)
    assert date_for_sentence("It happened on Sunday.", sunday).start == sunday
    assert date_for_sentence("It happened last Sunday.", sunday).start == D(2022, 5, 8)


def test_no_publication_date_is_undated_never_today() -> None:
    span = date_for_sentence("The bridge fell on Sunday, a week ago.", None)
    assert (span.start, span.end, span.precision) == (None, None, BEFORE)
    # a date that carries its own year needs no publication date
    span = date_for_sentence("The bridge fell on 15 May 2022.", None)
    assert span.start == D(2022, 5, 15)
    unresolved = find_dates("The bridge fell on Sunday.", None)
    assert [(s.text, s.start, s.end) for s in unresolved] == [("on Sunday", None, None)]


def test_datetime_publication_is_accepted() -> None:
    span = date_for_sentence("It fell on Sunday.", dt.datetime(2022, 5, 17, 23, 59))
    assert (span.start, span.end) == (D(2022, 5, 15), D(2022, 5, 15))


def test_event_date() -> None:
    assert date_for_sentence("It fell on Sunday.", PUB).event_date == D(2022, 5, 15)
    assert date_for_sentence("It fell last week.", PUB).event_date == D(2022, 5, 12)
    assert date_for_sentence("It fell at some point.", PUB).event_date is None
    span = DateSpan(D(2022, 3, 1), D(2022, 3, 31), MONTH, "in March", 0, 8)
    assert span.event_date == D(2022, 3, 16)


_WORDS = st.sampled_from(
    [
        "on",
        "Sunday",
        "last",
        "week",
        "in",
        "May",
        "March",
        "since",
        "2014",
        "15",
        "ago",
        "three",
        "weeks",
        "a few",
        "yesterday",
        "today",
        "we",
        "may",
        "now",
        "the",
        "of",
        "2022-02-30",
        "1/2/2022",
        "999",
        "years",
        "early",
        "mid-",
        "weekend",
        "this",
        "month",
        ",",
        ".",
        "31",
        "February",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.lists(_WORDS, max_size=12).map(" ".join), st.text(max_size=80)),
    st.one_of(st.dates(min_value=D(1950, 1, 1), max_value=D(2060, 12, 31)), st.dates()),
)
def test_property_no_crash_deterministic_and_bounded(sentence: str, published: D) -> None:
    span = date_for_sentence(sentence, published)
    assert date_for_sentence(sentence, published) == span
    assert span.end is not None
    assert span.end <= published
    if span.start is not None:
        assert EARLIEST <= span.start <= span.end
    else:
        assert span.precision == BEFORE
    for found in find_dates(sentence, published):
        assert sentence[found.offset_start : found.offset_end] == found.text
        if found.start is not None:
            assert EARLIEST <= found.start <= found.end


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.lists(_WORDS, max_size=12).map(" ".join), st.text(max_size=120)))
def test_property_undated_without_publication(sentence: str) -> None:
    span = date_for_sentence(sentence, None)
    if span.start is None:
        assert (span.end, span.precision) == (None, BEFORE)
    else:  # only a date that names its own year can be resolved
        assert str(span.start.year) in sentence


SEEDS = Path(__file__).resolve().parents[2] / "../shared/seeds"


def test_seed_articles_dates() -> None:
    """Every exact event date the seed answers list is found; nothing lands after publication."""
    expected = yaml.safe_load((SEEDS / "expected.yaml").read_text("utf-8"))["articles"]
    for name, answers in expected.items():
        published = answers["published"]
        article = read_article(SEEDS / name, published=published)
        spans = [
            date_for_sentence(article.text[a:b], published, offset=a)
            for a, b in split_sentences(article.text)
        ]
        for span in spans:
            assert span.end is not None and span.end <= published
            assert article.text[span.offset_start : span.offset_end] == span.text
        day_dates = {s.start for s in spans if s.precision is DAY}
        exact = {e["date"] for e in answers["events"] if isinstance(e["date"], dt.date)}
        assert exact <= day_dates, name


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        ("Sirens sounded for much of April.", D(2022, 4, 1), D(2022, 4, 30), MONTH),
        ("Convoys stalled for most of February.", D(2022, 2, 1), D(2022, 2, 28), MONTH),
        ("The port has been blockaded since the first days of April.", D(2022, 4, 1), PUB, MONTH),
        ("The port has been blockaded since early April.", D(2022, 4, 1), PUB, MONTH),
        ("Crews repaired lines in the last days of April.", D(2022, 4, 21), D(2022, 4, 30), MONTH),
        ("Two days after 3 May, the bridge fell.", D(2022, 5, 5), D(2022, 5, 5), DAY),
        ("A day before 12 May, the depot burned.", D(2022, 5, 11), D(2022, 5, 11), DAY),
        ("The depot had burned three days earlier.", D(2022, 5, 14), D(2022, 5, 14), DAY),
        ("Troops were to leave the town by Sunday.", D(2022, 5, 9), D(2022, 5, 15), WEEK),
        ("Drone strikes rose over the past week.", D(2022, 5, 10), PUB, WEEK),
    ],
)
def test_periods_and_offsets(sentence, start, end, precision):
    span = date_for_sentence(sentence, PUB)
    assert (span.start, span.end, span.precision) == (start, end, precision), span.text


@pytest.mark.parametrize(
    "sentence",
    [
        "A day after the governor announced an evacuation, the shelling resumed.",
        "Two days before the ceasefire talks, a depot burned.",
        "Three days later the garrison surrendered.",
    ],
)
def test_offsets_from_an_event_are_not_dated(sentence):
    span = date_for_sentence(sentence, PUB)
    assert span.precision == BEFORE and span.start is None and span.end == PUB


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Troops took the town in summer 2021.", D(2021, 6, 1), D(2021, 8, 31)),
        ("Troops took the town in the summer of 2021.", D(2021, 6, 1), D(2021, 8, 31)),
        ("Troops fought for the town in spring–summer 2021.", D(2021, 3, 1), D(2021, 8, 31)),
        ("Troops took the town in late autumn 2021.", D(2021, 11, 1), D(2021, 11, 30)),
        ("Troops held the town in winter 2022.", D(2021, 12, 1), D(2022, 2, 28)),
        # a season that runs into publication ends there
        ("Troops held the town in spring 2022.", D(2022, 3, 1), PUB),
    ],
)
def test_a_season_and_year_are_their_months(text: str, start: D, end: D) -> None:
    (span,) = find_dates(text, PUB)
    assert (span.start, span.end, span.precision) == (start, end, TimePrecision.MONTH)


def test_a_bare_season_is_no_date() -> None:
    assert find_dates("Troops may fall back in winter.", PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "Shelling reached a level unseen since March.",
        "It was the heaviest shelling of the city since March.",
        "Troops entered the town for the first time since March 2014.",
    ],
)
def test_since_as_a_yardstick_dates_nothing(text: str) -> None:
    assert find_dates(text, PUB) == []
    assert [s.text for s in find_dates("Shelling has continued since March.", PUB)] == [
        "since March"
    ]
