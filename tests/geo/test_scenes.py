"""A sentence's scene: the article's two sides, and the places a sentence speaks of."""

from __future__ import annotations

from geo.actors import find_actors
from geo.model import Mention
from geo.scenes import Sentence, article_sides


def _mention(gaz, text: str, start: int, place_id: str) -> Mention:
    return Mention(start, start + len(text), text, (), gaz.get(place_id))


def test_the_host_is_the_country_of_most_front_places_the_foreign_side_the_most_named(gaz):
    text = "Belarusian and Russian troops shelled Kharkiv; Russian forces attacked Izium."
    actors = tuple(find_actors(text, gaz=gaz))
    sentence = Sentence(0, len(text), 0, actors, ())
    places = [
        _mention(gaz, "Kharkiv", text.index("Kharkiv"), "gn:706483"),
        _mention(gaz, "Izium", text.index("Izium"), "gn:707292"),
    ]
    assert article_sides(places, [sentence]) == ("UA", "RU")
    # Without places, the most named side is the host.
    assert article_sides([], [sentence])[0] == "RU"
    assert article_sides([], []) == ("", "")
