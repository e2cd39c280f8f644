"""Names that spell a place but name a document, an office, a weapon or a person."""

from __future__ import annotations

import pytest

from gazetteer.distance import great_circle_km
from geo.resolve import geoparse


def _resolved(text, gaz):
    return {m.text: m.place for m in geoparse(text, gaz) if m.place is not None}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Shelling hit Bakhmut and Soledar. Both sides cited the Geneva Conventions.", "Geneva"),
        ("Shelling hit Bakhmut and Soledar while a Russian Osa air defense system burned.", "Osa"),
        ("Fighting went on near Lyman and Siversk, Deputy Minister Hanna Petrenko said.", "Hanna"),
        ("Fighting went on near Lyman and Siversk; the Wagner financier paid for it.", "Wagner"),
    ],
)
def test_a_word_around_a_name_says_it_is_no_place(gaz, text, word):
    got = _resolved(text, gaz)
    assert word not in got
    assert len(got) >= 2  # the real places of the sentence are still resolved


@pytest.mark.parametrize(
    "text",
    [
        "Fighting continued near Kherson and in Dibrova (5km southwest of Kreminna).",
        "Artillery hit Kherson, and Nevske, some 20km west of Kreminna, burned.",
    ],
)
def test_a_stated_distance_never_lands_far(gaz, text):
    """A village is placed within reach of the distance stated to its reference, or not at all."""
    ms = {m.text: m.place for m in geoparse(text, gaz)}
    ref = ms["Kreminna"]
    village = next(m.text for m in geoparse(text, gaz) if m.text in ("Dibrova", "Nevske"))
    p = ms[village]
    if village == "Dibrova":
        assert p is not None  # the namesake near the reference, though the other town is far
    assert p is None or great_circle_km(p.lat, p.lon, ref.lat, ref.lon) < 40


def test_a_weapon_named_with_its_describing_words_is_no_place(gaz):
    got = _resolved(
        "Russian forces shelled Bakhmut and Soledar with a Grad multiple launch rocket system.", gaz
    )
    assert "Grad" not in got
    assert {"Bakhmut", "Soledar"} <= set(got)


def test_a_surname_the_report_gives_a_person_is_no_place_where_it_stands_bare(gaz):
    text = (
        "Spokesman Dmitry Peskov commented on Bakhmut and Soledar. "
        "Reporters later quoted Peskov at length."
    )
    got = _resolved(text, gaz)
    assert "Peskov" not in got
    assert {"Bakhmut", "Soledar"} <= set(got)
