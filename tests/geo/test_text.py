from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.text import normalize_newlines, paragraph_spans, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_plain_sentences() -> None:
    text = "The convoy left at dawn. It reached the depot by noon! Was it shelled? No."
    assert sentences(text) == [
        "The convoy left at dawn.",
        "It reached the depot by noon!",
        "Was it shelled?",
        "No.",
    ]


def test_titles_and_initials_do_not_end_sentences() -> None:
    text = "Gen. Ivo Marsh met Mr. A. B. Carter and Lt. Col. Dana Reyes. They spoke briefly."
    assert sentences(text) == [
        "Gen. Ivo Marsh met Mr. A. B. Carter and Lt. Col. Dana Reyes.",
        "They spoke briefly.",
    ]


def test_dotted_acronyms() -> None:
    text = "U.S. officials confirmed the report. Aid from the U.K. arrived. The U.N. agreed."
    assert sentences(text) == [
        "U.S. officials confirmed the report.",
        "Aid from the U.K. arrived.",
        "The U.N. agreed.",
    ]
    text = "The shipment came from the U.S. The next one is due in June."
    assert sentences(text) == ["The shipment came from the U.S.", "The next one is due in June."]


def test_quotes_stay_with_their_sentence() -> None:
    text = 'She said: "We held the line." Officials agreed. \u201cRetreat!\u201d he shouted twice.'
    assert sentences(text) == [
        'She said: "We held the line."',
        "Officials agreed.",
        "\u201cRetreat!\u201d he shouted twice.",
    ]


def test_ellipses() -> None:
    text = "The line went quiet... Then the guns resumed. It was... almost normal."
    assert sentences(text) == [
        "The line went quiet...",
        "Then the guns resumed.",
        "It was... almost normal.",
    ]


def test_numbers_and_lowercase_continuations() -> None:
    text = "The front moved 2.5 km in No. 3 sector at 4 p.m. local time. Then it stopped."
    assert sentences(text) == [
        "The front moved 2.5 km in No. 3 sector at 4 p.m. local time.",
        "Then it stopped.",
    ]


def test_paragraphs_headings_and_wrapped_lines() -> None:
    text = (
        "# A headline without a stop\nBody text that is\nwrapped over lines.\n\n"
        "- first item\n- second item"
    )
    assert sentences(text) == [
        "# A headline without a stop",
        "Body text that is\nwrapped over lines.",
        "- first item",
        "- second item",
    ]
    assert len(paragraph_spans(text)) == 4


def test_right_to_left_and_emoji() -> None:
    hebrew = "\u05d4\u05db\u05d5\u05d7\u05d5\u05ea \u05e0\u05e1\u05d5\u05d2\u05d5."
    text = hebrew + " \U0001f680 Launch confirmed."
    assert sentences(text) == [
        hebrew,
        "\U0001f680 Launch confirmed.",
    ]


def test_normalize_newlines() -> None:
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'”US")), max_size=300) | st.text())
def test_spans_are_ordered_trimmed_and_cover_all_words(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        last = end
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert split_sentences(text) == spans
