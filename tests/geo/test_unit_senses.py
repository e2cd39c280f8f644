"""Bare oblast names in lists, pairs and before an administration; loose readings far away."""

from __future__ import annotations

import pytest

from gazetteer.model import PlaceKind
from geo.resolve import geoparse


def _places(text, gaz):
    return [(m.text, m.place) for m in geoparse(text, gaz)]


def _kind(text, gaz, name):
    return next(p.kind for t, p in _places(text, gaz) if t == name and p is not None)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Officials called the vote in Kherson, Zaporizhia, Donetsk, and Luhansk a sham.",
            ("Kherson", "Donetsk", "Luhansk"),
        ),
        ("Fires burned all week along the Kherson-Mykolaiv border.", ("Kherson", "Mykolaiv")),
        ("New recruits were sent to the Kherson and Kharkiv Oblast frontlines.", ("Kherson",)),
        ("The Kherson Occupation Administration announced a curfew on Monday.", ("Kherson",)),
    ],
)
def test_bare_oblast_names_read_as_oblasts(gaz, text, names):
    for name in names:
        assert _kind(text, gaz, name) is PlaceKind.ADMIN1, name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Drones struck the cities of Kherson, Zaporizhia and Mykolaiv overnight.", "Kherson"),
        ("Rockets hit Kharkiv and Kharkiv Oblast again on Tuesday.", "Kharkiv"),
        ("Letters came from Moscow, Tver Oblast, Tyumen, and Kursk Oblast.", "Tyumen"),
    ],
)
def test_cities_stay_cities(gaz, text, name):
    assert _kind(text, gaz, name) is PlaceKind.SETTLEMENT


def test_a_city_before_oblasts_is_no_raion(gaz):
    text = "The pocket between Izyum and Donetsk and Luhansk oblasts held for weeks."
    assert _kind(text, gaz, "Izyum") is PlaceKind.SETTLEMENT


def test_a_stated_oblast_without_the_village_abstains(gaz):
    """A village named in an oblast that holds none of its namesakes is left unresolved."""
    got = dict(_places("Troops entered Svatove and Kreminna in Volyn Oblast.", gaz))
    assert got["Kreminna"] is None and got["Svatove"] is None
    got = dict(_places("Troops entered Svatove and Kreminna in Luhansk Oblast.", gaz))
    assert got["Kreminna"] is not None and got["Kreminna"].admin1 == "Luhansk"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Footage posted to Twitter showed shelling of Bakhmut, Soledar and Siversk.", "Twitter"),
        ("Wagner fighters stormed Bakhmut. Wagner units shelled Soledar and Siversk.", "Wagner"),
        ("The local outlet Fontanka reported strikes on Kharkiv and Izyum.", "Fontanka"),
        ("Sailors from Petropavlovsk-Kamchatka were sent to Kherson and Melitopol.", "Kamchatka"),
    ],
)
def test_no_wild_guess_for_a_word(gaz, text, word):
    got = {t: p for t, p in _places(text, gaz) if p is not None}
    assert word not in got
    assert len(got) >= 2  # the places of the sentence are still resolved
