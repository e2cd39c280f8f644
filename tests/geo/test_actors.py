"""Actors: demonyms, possessives, units, groups, countries, placeholders resolved by context."""

from __future__ import annotations

import pytest

from geo.actors import Actor, actor_name, country_index, find_actors, resolve_actor


def sides(sentence: str) -> list[tuple[str, str]]:
    return [(a.text, a.side) for a in find_actors(sentence)]


@pytest.mark.parametrize(
    ("sentence", "text", "side"),
    [
        ("Ukrainian soldiers dug trenches along the river.", "Ukrainian soldiers", "UA"),
        ("Russian personnel left the depot at dawn.", "Russian personnel", "RU"),
        ("Georgian troops guarded the pass.", "Georgian troops", "GE"),
        ("Syrian forces shelled the outskirts.", "Syrian forces", "SY"),
        ("Putin's forces dug in around the bridge.", "Putin's forces", "RU"),
        ("Moscow's troops regrouped overnight.", "Moscow's troops", "RU"),
        ("Kyiv's forces crossed the river.", "Kyiv's forces", "UA"),
        ("The Kremlin announced new conscription.", "The Kremlin", "RU"),
        ("Wagner fighters entered the suburb.", "Wagner fighters", "RU"),
    ],
)
def test_named_actor_and_side(sentence: str, text: str, side: str) -> None:
    assert (text, side) in sides(sentence)


def test_acled_style_names() -> None:
    found = find_actors("Ukrainian troops pushed the Russians out of the woods.")
    assert [a.name for a in found] == ["Military Forces of Ukraine", "Military Forces of Russia"]
    assert actor_name("RU", kind="government") == "Government of Russia"
    assert actor_name("") == "Unidentified Armed Group"


def test_unit_takes_the_side_named_in_its_phrase() -> None:
    found = find_actors("The 58th Battalion of Ukraine's Territorial Defence Forces held the hill.")
    units = [a for a in found if a.kind == "unit"]
    assert units and all(a.side == "UA" for a in units)
    assert any("58th Battalion" in a.text for a in units)


def test_unit_without_a_country_has_no_side_yet() -> None:
    found = find_actors("The 14th Brigade moved north.")
    assert [(a.kind, a.side) for a in found] == [("unit", "")]


def test_country_as_subject_but_not_after_a_preposition() -> None:
    assert sides("Russia moved more artillery toward the coast.") == [("Russia", "RU")]
    assert sides("The convoy drove from Russia overnight.") == []


def test_backed_separatists_take_the_sponsor_side() -> None:
    found = find_actors("Russian-backed separatists fired at the checkpoint.")
    assert [(a.kind, a.side) for a in found] == [("nonstate", "RU")]
    assert found[0].name == "Separatists (Russia-backed)"


def test_invaders_and_defenders_are_resolved_from_context() -> None:
    raw = find_actors("The occupiers abandoned the school while the defenders waited.")
    assert [a.kind for a in raw] == ["invader", "defender"]
    done = [resolve_actor(a, host="UA", foreign="RU") for a in raw]
    assert [a.side for a in done] == ["RU", "UA"]


def test_those_defending_a_country() -> None:
    found = find_actors("Those defending Ukraine repaired the bridge.")
    assert [(a.kind, a.side) for a in found] == [("defender", "UA")]


def test_pronoun_takes_the_previous_actor() -> None:
    previous = find_actors("Ukrainian troops crossed the field.")[0]
    pronoun = find_actors("They then entered the village.")[0]
    assert pronoun.kind == "pronoun" and not pronoun.resolved
    resolved = resolve_actor(pronoun, previous=previous)
    assert (resolved.side, resolved.name) == ("UA", "Military Forces of Ukraine")


def test_offsets_are_shifted() -> None:
    sentence = "Russian troops waited."
    actor = find_actors(sentence, offset=100)[0]
    assert (actor.start, actor.end) == (100, 100 + len("Russian troops"))


def test_equipment_is_an_owner_not_a_force() -> None:
    found = find_actors("A burnt Ukrainian tank was found in the field.")
    assert [(a.kind, a.side) for a in found] == [("equipment", "UA")]


def test_weapons_name_their_user() -> None:
    found = find_actors("Russian cruise missiles hit the power plant.")
    assert [(a.kind, a.side, a.name) for a in found] == [
        ("weapon", "RU", "Military Forces of Russia")
    ]


def test_ministry_is_a_government_actor_and_its_units_are_its_forces() -> None:
    found = find_actors("The Russian Defence Ministry said its units held the line.")
    assert [(a.kind, a.side) for a in found] == [("government", "RU"), ("pronoun", "")]
    units = resolve_actor(found[1], previous=found[0])
    assert (units.side, units.name) == ("RU", "Military Forces of Russia")


def test_gazetteer_demonyms_are_used_first() -> None:
    class Gaz:
        def country_of_demonym(self, word: str) -> str | None:
            return "AQ" if word == "Glacian" else None

    found = find_actors("Glacian troops held the ridge.", gaz=Gaz())
    assert [(a.text, a.side) for a in found] == [("Glacian troops", "AQ")]


def test_country_index_has_numeric_codes_and_demonyms() -> None:
    index = country_index()
    assert index.numeric["UA"] == 804
    assert index.code("Ukrainians") == "UA"
    assert index.code("Iraqi") == "IQ"


def test_actor_is_frozen() -> None:
    actor = Actor("x", "UA", "x", 0, 1)
    with pytest.raises(AttributeError):
        actor.side = "RU"  # type: ignore[misc]


def test_real_gazetteer_demonyms(gaz) -> None:
    found = find_actors("Belarusian troops and Moldovan police met Polish soldiers.", gaz=gaz)
    assert [a.side for a in found] == ["BY", "MD", "PL"]
    assert found[1].name == "Police Forces of Moldova"


def test_unaffiliated_militants_are_an_unidentified_group() -> None:
    (actor,) = find_actors("Militants fired rockets at the town.")
    assert (actor.kind, actor.side, actor.name) == ("nonstate", "", "Unidentified Armed Group")


def test_country_acronyms_as_adjectives() -> None:
    assert sides("U.S. troops left the base.") == [("U.S. troops", "US")]
    # lowercase "us" is a pronoun: the troops are not American (their side comes later)
    assert "US" not in {side for _, side in sides("Tell us troops are coming.")}


def test_forces_named_without_a_side_take_the_last_side_named() -> None:
    (bare,) = find_actors("From there armoured columns drove north-east.")
    assert (bare.text, bare.side, bare.kind) == ("armoured columns", "", "pronoun")
    previous = find_actors("Ukrainian troops entered the town.")[0]
    assert resolve_actor(bare, previous=previous).side == "UA"


@pytest.mark.parametrize(
    ("actor", "side"),
    [
        ("Wagner Group", "RU"),
        ("Kadyrovtsy", "RU"),
        ("Militia of the Luhansk People's Republic", "RU"),
        ("Rosgvardia", "RU"),
        ("Military Forces of Ukraine", "UA"),
        ("Separatists (Russia-backed)", "RU"),
        ("Unidentified Armed Group", ""),
    ],
)
def test_side_code_of_table_actors(actor: str, side: str) -> None:
    from geo.actors import side_code

    assert side_code(actor) == side


def test_proxy_and_irregular_formations_fight_for_their_sponsor() -> None:
    from maps.style import side_of

    sentence = "Wagner mercenaries and LNR militia stormed the hamlet, backed by Rosgvardia."
    assert [(a.side, a.kind) for a in find_actors(sentence)] == [
        ("RU", "group"),
        ("RU", "group"),
        ("RU", "group"),
    ]
    assert side_of("Wagner Group")[0] == "RU"  # the map colours it as its sponsor


def test_a_battalion_named_after_a_country_keeps_its_affiliation() -> None:
    sentence = "The DPR “Chile” and “Norway” Battalions held the crossroads."
    actors = find_actors(sentence)
    assert [(a.text, a.side) for a in actors][-1] == ("“Chile” and “Norway” Battalions", "RU")
    assert {a.side for a in actors} == {"RU"}  # neither Chile nor Norway becomes a side
    unaffiliated = find_actors("The Kenya Battalion dug in on the ridge.")
    assert [(a.kind, a.side) for a in unaffiliated] == [("unit", "")]  # side from context


@pytest.mark.parametrize(
    ("sentence", "text", "side"),
    [
        ("Russian occupation officials closed the schools.", "Russian occupation officials", "RU"),
        (
            "The Russian-appointed occupation head left town.",
            "Russian-appointed occupation head",
            "RU",
        ),
        ("The city's occupation administration met on Monday.", "occupation administration", ""),
    ],
)
def test_an_occupations_civil_officials_are_the_occupiers(sentence, text, side) -> None:
    found = [a for a in find_actors(sentence) if a.text == text]
    assert [(a.side, a.kind) for a in found] == [(side, "administration")]
    resolved = resolve_actor(found[0], host="UA", foreign="RU")
    assert resolved.side == "RU"
