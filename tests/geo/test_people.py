"""People's names are no places: the evidence that marks a capitalised word as a name.

The sentences are written for these tests; the look-ups use the real gazetteer.
"""

from __future__ import annotations

import pytest

from geo.people import collect_person_evidence
from geo.recognize import _lookup_for, find_spans
from geo.tokens import Document, tokenise


def _person_words(text: str, gaz) -> set[str]:
    toks = tokenise(text)
    doc = Document(text, toks, {t.text for t in toks if t.text.islower()})
    collect_person_evidence(doc, _lookup_for(gaz, None))
    return doc.person_words


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        (
            "The occupation head of the region, Yevhen Bilytskyi, claimed that shells hit the dam.",
            "Bilytskyi",
        ),
        ("A deputy, Kyrylo Sumenko, wrote on Telegram that the bridge was shut.", "Sumenko"),
        (
            "The collaborator Evgeniy Kramatorov told a state channel that the mine was flooded.",
            "Kramatorov",
        ),
        ("Local official Yevheniy Lymanchuk said the convoy left at dawn.", "Lymanchuk"),
    ],
)
def test_an_unknown_first_name_before_a_surname_shaped_word_marks_a_person(gaz, text, surname):
    assert surname in _person_words(text, gaz)
    assert surname not in {f.text for f in find_spans(text, gaz)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Russian troops shelled Kostiantynivka and Novyi Buh on Monday.", "Buh"),
        ("Shells hit Velyka Novosilka again on Monday.", "Novosilka"),
    ],
)
def test_a_two_word_place_is_not_taken_for_a_person(gaz, text, name):
    assert name not in _person_words(text, gaz)
