"""Lists of places after an action: items, anchors, qualifiers, separators."""

from __future__ import annotations

import re

from gazetteer.model import Place, PlaceKind
from geo.lists import is_anchor, place_list
from geo.model import Mention

OBLAST = {"Northern Oblast", "Southern"}


def _mentions(text: str, names: list[str]) -> list[Mention]:
    out = []
    for name in names:
        m = re.search(rf"\b{re.escape(name)}\b", text)
        assert m is not None
        kind = PlaceKind.ADMIN1 if name in OBLAST else PlaceKind.SETTLEMENT
        place = Place(f"t:{name}", name, kind, 48.0, 37.0, "UA")
        out.append(Mention(m.start(), m.end(), name, (), place))
    return sorted(out, key=lambda m: m.start)


def _names(text: str, names: list[str]) -> list[str]:
    return [m.text for m in place_list(_mentions(text, names), text, lo=0)]


def test_parenthetical_reference_points_are_skipped() -> None:
    text = (
        "repelled assaults near Ozerne (12km south of Dubovets), Lisne (8km west of Dubovets), "
        "and Hai."
    )
    assert _names(text, ["Ozerne", "Dubovets", "Lisne", "Hai"]) == ["Ozerne", "Lisne", "Hai"]


def test_anchor_of_a_distance_before_the_list_is_not_an_item() -> None:
    text = "repelled assaults within 20km northeast of Dubovets near Ozerne, Lisne, and Hai."
    assert _names(text, ["Dubovets", "Ozerne", "Lisne", "Hai"]) == ["Ozerne", "Lisne", "Hai"]
    assert is_anchor(text, _mentions(text, ["Dubovets"])[0])


def test_appositive_distance_and_oblast_qualifier() -> None:
    text = "struck Ozerne, Northern Oblast, about 25km north of Dubovets, and Lisne."
    assert _names(text, ["Ozerne", "Northern Oblast", "Dubovets", "Lisne"]) == ["Ozerne", "Lisne"]


def test_repeated_preposition_and_unknown_names_keep_the_list_going() -> None:
    text = "assaults near Ozerne (5km east of Hai) and near Lisne, Kamyanka, and Dubovets."
    assert _names(text, ["Ozerne", "Hai", "Lisne", "Dubovets"]) == ["Ozerne", "Lisne", "Dubovets"]


def test_a_clause_or_a_name_ends_the_list() -> None:
    text = "shelled Ozerne, which lies on the road that runs to Lisne."
    assert _names(text, ["Ozerne", "Lisne"]) == ["Ozerne"]
    name = "struck the Ozerne Lisne Plant."
    assert _names(name, ["Ozerne", "Lisne"]) == ["Ozerne"]


def test_a_settlement_narrows_its_oblast() -> None:
    text = "made gains in northern Northern Oblast near Ozerne."
    assert _names(text, ["Northern Oblast", "Ozerne"]) == ["Ozerne"]


def test_oblast_line_names_no_place() -> None:
    text = "attacked along the Ozerne-Lisne Oblast border."
    assert _names(text, ["Ozerne", "Lisne"]) == []


def test_unknown_names_after_the_preposition_and_oblast_qualifiers_with_in() -> None:
    text = "repelled assaults within 30km of Hai near Kamyanka, Ozerne, and Lisne."
    assert _names(text, ["Hai", "Ozerne", "Lisne"]) == ["Ozerne", "Lisne"]
    text = "struck Ozerne in Northern Oblast and Lisne and Hai in Southern Oblast."
    names = ["Ozerne", "Northern Oblast", "Lisne", "Hai"]
    assert _names(text, names) == ["Ozerne", "Lisne", "Hai"]


def test_a_reference_point_joined_by_and_stays_an_item() -> None:
    text = "strikes west of Ozerne and in Northern Oblast."
    assert _names(text, ["Ozerne", "Northern Oblast"]) == ["Ozerne", "Northern Oblast"]


def test_a_parenthesis_of_members_adds_items() -> None:
    text = "struck depots in Ozerne, Lisne (including Hai), and Kamyanka (including Dubovets)."
    names = ["Ozerne", "Lisne", "Hai", "Kamyanka", "Dubovets"]
    assert _names(text, names) == names


def test_a_repeated_against_keeps_the_list_going() -> None:
    text = "shelling west of Ozerne, against Lisne and Hai, Northern Oblast, and against Kamyanka."
    names = ["Ozerne", "Lisne", "Hai", "Northern Oblast", "Kamyanka"]
    assert _names(text, names) == ["Ozerne", "Lisne", "Hai", "Kamyanka"]


def test_both_ends_of_a_hyphenated_line_are_items() -> None:
    text = "attacks near Ozerne-Lisne, Hai, and the Kamyanka-Dubovets area."
    names = ["Ozerne", "Lisne", "Hai", "Kamyanka", "Dubovets"]
    assert _names(text, names) == names


def test_a_semicolon_and_a_preposition_open_the_next_item() -> None:
    text = (
        "fighting persisted in three areas: east of Ozerne along the road from Lisne; "
        "near Hai and Kamyanka near the river; and near Dubovets."
    )
    names = ["Ozerne", "Lisne", "Hai", "Kamyanka", "Dubovets"]
    assert _names(text, names) == ["Ozerne", "Hai", "Kamyanka", "Dubovets"]


def test_an_oblast_after_a_city_only_says_where_it_lies() -> None:
    text = "struck Ozerne and Lisne City, Northern Oblast, and Hai."
    assert _names(text, ["Ozerne", "Lisne", "Northern Oblast", "Hai"]) == ["Ozerne", "Lisne", "Hai"]


def test_the_places_of_a_line_are_items_unless_a_compass_word_makes_it_a_landmark() -> None:
    on = "Troops fought along the Alpha-Beta-Gamma line in Northern Oblast."
    assert _names(on, ["Alpha", "Beta", "Gamma"]) == ["Alpha", "Beta", "Gamma"]
    north = "Troops repelled attacks north of the Alpha-Beta line near Delta and Epsilon."
    assert _names(north, ["Alpha", "Beta", "Delta", "Epsilon"]) == ["Delta", "Epsilon"]
    ms = _mentions(north, ["Alpha", "Beta"])
    assert [is_anchor(north, m) for m in ms] == [True, True]


def test_a_second_phrase_on_the_outskirts_is_an_item_a_bare_one_locates() -> None:
    text = "Troops repelled assaults near Alpha and on the eastern outskirts of Beta."
    assert _names(text, ["Alpha", "Beta"]) == ["Alpha", "Beta"]
    text = "Troops shelled the Alpha depot on the northern outskirts of Beta."
    assert _names(text, ["Alpha", "Beta"]) == ["Alpha"]


def test_an_oblast_with_a_compass_word_qualifies_its_item_and_the_list_goes_on() -> None:
    text = "took Ozerne and Lisne in northeastern Northern Oblast and Hai in Southern Oblast."
    names = ["Ozerne", "Lisne", "Northern Oblast", "Hai", "Southern"]
    assert _names(text, names) == ["Ozerne", "Lisne", "Hai"]
    plain = "took Ozerne in Northern Oblast and Hai in Southern Oblast."
    assert _names(plain, ["Ozerne", "Northern Oblast", "Hai", "Southern"]) == ["Ozerne", "Hai"]
