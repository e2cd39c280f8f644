"""Damaged and transliterated names in short war reports, with the real gazetteer.

The sentences are invented for these tests; none comes from an article.
"""

from __future__ import annotations

import math

import pytest

from geo.cli import geoparse_record


def _km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _mention(gaz, text, surface):
    out = geoparse_record({"id": "t", "text": text}, gaz)
    s = text.index(surface)
    hits = [m for m in out["mentions"] if m["start"] < s + len(surface) and s < m["end"]]
    return hits[0] if hits else None


def _point(gaz, name):
    p = gaz.resolve(name, country="UA")
    assert p is not None and p.country == "UA"
    return (p.lat, p.lon)


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        ("Russian troops claimed to have taken Kupyansk.", "Kupyansk", "Kupiansk"),
        ("The brigade said it had taken Lyman.", "Lyman", "Lyman"),
        ("Artillery shelled Nikopol overnight.", "Nikopol", "Nikopol"),
        ("Fighting raged between Siversk and Soledar.", "Siversk", "Siversk"),
    ],
)
def test_a_lone_place_after_a_war_verb_or_preposition_is_found(gaz, text, surface, place):
    m = _mention(gaz, text, surface)
    assert m is not None, text
    assert _km((m["lat"], m["lon"]), _point(gaz, place)) < 10


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        ("Artillery shelled Kremenchuh overnight.", "Kremenchuh", "Kremenchuk"),  # k/h
        ("Troops entered Pawlohrad at dawn.", "Pawlohrad", "Pavlohrad"),  # v/w
        ("Explosions were heard outside Melitopor.", "Melitopor", "Melitopol"),  # l/r
        ("Heavy fighting continued near Lysychanskiy.", "Lysychanskiy", "Lysychansk"),  # -sk
        ("Shells fell on houses in Шостка yesterday.", "Шостка", "Shostka"),  # Cyrillic
        ("Drones hit Konotopp again.", "Konotopp", "Konotop"),  # doubled letter
        ("Units advanced towards Энергодар.", "Энергодар", "Enerhodar"),  # Russian Cyrillic
    ],
)
def test_a_damaged_name_in_a_one_sentence_report_is_found_and_placed(gaz, text, surface, place):
    m = _mention(gaz, text, surface)
    assert m is not None, text
    assert m["country"] == "UA"
    assert _km((m["lat"], m["lon"]), _point(gaz, place)) < 10


def test_a_damaged_name_next_to_a_real_neighbour_is_placed_near_it(gaz):
    text = "Missiles struck Poltava and Myrhorot on Friday."
    m = _mention(gaz, text, "Myrhorot")
    assert m is not None
    assert _km((m["lat"], m["lon"]), _point(gaz, "Myrhorod")) < 10


@pytest.mark.parametrize(
    "text",
    [
        "She spent the Easter weekend with her family.",
        "Customers stayed away from Walmart after the warning.",
        "Councillor Cawley said the decision would stand.",
        "The board met in Session 4 to discuss the budget.",
    ],
)
def test_english_words_and_surnames_are_not_read_as_damaged_towns(gaz, text):
    out = geoparse_record({"id": "t", "text": text}, gaz)
    assert [m for m in out["mentions"] if m["country"] in ("UA", "RU", "BY")] == []


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        # the neighbour is a small town: its country and position still count
        ("Shells fell near Bolhrad and Renii on Sunday.", "Renii", "Reni"),
        ("Shells fell near Tulcchyn and Ladyzhyn on Sunday.", "Tulcchyn", "Tulchyn"),
    ],
)
def test_a_damaged_name_beside_a_small_town_is_placed(gaz, text, surface, place):
    m = _mention(gaz, text, surface)
    assert m is not None, text
    assert _km((m["lat"], m["lon"]), _point(gaz, place)) < 10


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        ("Drones struck Ivano-Frankhivsk before dawn.", "Ivano-Frankhivsk", "Ivano-Frankivsk"),
        ("The army pushed on towards Novoazovs'kh.", "Novoazovs'kh", "Novoazovsk"),
    ],
)
def test_hyphenated_and_apostrophised_damaged_names_are_read_whole(gaz, text, surface, place):
    m = _mention(gaz, text, surface)
    assert m is not None, text
    assert (m["start"], m["end"]) == (text.index(surface), text.index(surface) + len(surface))
    assert _km((m["lat"], m["lon"]), _point(gaz, place)) < 10


@pytest.mark.parametrize(
    ("text", "near"),
    [
        (
            "Shelling hit Donetsk City and Avdiivka. Clashes went on in Optyne, a source said.",
            "Donetsk",
        ),
        (
            "Assaults on Bakhmut and Soledar went on. Clashes went on in Optyne, a source said.",
            "Bakhmut",
        ),
    ],
)
def test_a_swapped_letter_is_read_as_the_name_it_damages_least(gaz, text, near):
    # "Optyne" shares a consonant skeleton with a bigger town south of Donetsk
    # (Avdotyine) but is a swap away from Opytne, a name two villages bear: the one
    # near the text's other places is meant.
    m = _mention(gaz, text, "Optyne")
    assert m is not None
    assert m["name"] == gaz.resolve("Opytne", country="UA").name
    other = "Bakhmut" if near == "Donetsk" else "Donetsk"
    here = (m["lat"], m["lon"])
    assert _km(here, _point(gaz, near)) < 25 < _km(here, _point(gaz, other))
