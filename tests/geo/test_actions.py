"""Actions: tense and voice variants, agents and patients, hypotheticals, ACLED types."""

from __future__ import annotations

import pytest

from geo.actions import ACLED_TYPES, acled_types, agent_and_patient, find_actions
from geo.actors import find_actors
from geo.model import ACTIONS


def actions(sentence: str) -> list[str]:
    return [a.action for a in find_actions(sentence)]


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("Russian troops captured the grain terminal.", "capture"),
        ("Separatists seized the town hall on Friday.", "capture"),
        ("The village fell to Russian forces.", "capture"),
        ("The port came under the control of the rebels.", "capture"),
        ("Ukrainian forces retook the railway station.", "liberate"),
        ("Ukrainian units regained control of the dam.", "liberate"),
        ("The army liberated two hamlets.", "liberate"),
        ("Russian forces retreated from the river bank.", "withdraw"),
        ("The garrison pulled out of the airfield overnight.", "withdraw"),
        ("Russian troops were driven back from the ridge.", "withdraw"),
        ("Ukrainian troops drove the Russians back toward the forest.", "advance"),
        ("The brigade advanced along the highway.", "advance"),
        ("Russian forces continued to make progress near the mine.", "advance"),
        ("Russian forces still occupy the plant.", "hold"),
        ("The town remains under Russian control.", "hold"),
        ("Artillery shelled the market square.", "strike"),
        ("A missile strike hit the depot.", "strike"),
        ("Troops clashed near the bridge.", "clash"),
        ("Ukrainian soldiers reached the state border.", "reach"),
        ("A Russian helicopter was shot down over the lake.", "loss"),
        ("The government applied for NATO membership.", "strategic"),
    ],
)
def test_action_patterns(sentence: str, action: str) -> None:
    assert action in actions(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The army could capture the bridge within days.",
        "Commanders planned to seize the harbour.",
        "They promised to liberate the province.",
        "The brigade did not advance past the ford.",
        "The agency could not be reached for comment.",
        "Leaders reached an agreement on grain exports.",
        "The mayor held talks with the governor.",
    ],
)
def test_hypothetical_negated_or_non_military_uses_are_ignored(sentence: str) -> None:
    territorial = {"capture", "liberate", "advance", "reach", "hold", "withdraw"}
    assert territorial.isdisjoint(actions(sentence))


def test_adjectival_participle_is_not_an_event() -> None:
    assert "strike" not in actions("Volunteers arrived in the bombed town.")


def test_noun_forms_count_only_without_a_verb_action() -> None:
    assert actions("Russian troops captured the town after days of fighting.") == ["capture"]
    assert actions("Heavy fighting continued near the plant.") == ["clash"]


def test_passive_agent_is_after_by() -> None:
    sentence = "The depot was captured by Ukrainian paratroopers."
    match = find_actions(sentence)[0]
    assert match.passive and match.agent == "after"
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert agent is not None and agent.side == "UA"


def test_push_back_agent_and_patient() -> None:
    sentence = "Ukrainian troops drove the Russians back from the canal."
    match = find_actions(sentence)[0]
    agent, patient = agent_and_patient(match, find_actors(sentence), sentence)
    assert (match.action, agent.side, patient.side) == ("advance", "UA", "RU")


def test_leading_participle_takes_the_main_subject() -> None:
    sentence = "After pulling out of the northern suburbs, Russia regrouped its forces."
    match = find_actions(sentence)[0]
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert match.action == "withdraw" and agent.side == "RU"


def test_trailing_participle_shares_the_previous_agent() -> None:
    sentence = "Ukrainian units pushed enemy troops back from the lake, retaking three villages."
    found = find_actions(sentence)
    actors = find_actors(sentence)
    first, _ = agent_and_patient(found[0], actors, sentence)
    second, _ = agent_and_patient(found[1], actors, sentence, previous=first)
    assert [a.action for a in found] == ["advance", "liberate"]
    assert second is first


def test_loss_belongs_to_the_owner_of_the_equipment() -> None:
    sentence = "Villagers photographed a Russian tank destroyed by the roadside."
    match = find_actions(sentence)[0]
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert match.action == "loss" and agent.side == "RU"


def test_destroyed_houses_are_not_a_military_loss() -> None:
    assert "loss" not in actions("Shelling destroyed houses on the main street.")


def test_acled_mapping_covers_every_action() -> None:
    assert set(ACLED_TYPES) == set(ACTIONS)
    assert acled_types("capture", agent_kind="nonstate") == (
        "Battles",
        "Non-state actor overtakes territory",
    )
    assert acled_types("liberate", agent_side="UA", territory="UA") == (
        "Battles",
        "Government regains territory",
    )
    assert acled_types("capture", agent_side="RU", territory="UA") == ("Battles", "Armed clash")
    assert acled_types("strike", air=True) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_types("withdraw")[0] == "Strategic developments"
    with pytest.raises(ValueError, match="unknown action"):
        acled_types("dance")


def test_offsets_point_at_the_phrase() -> None:
    sentence = "Troops shelled the bridge."
    match = find_actions(sentence, offset=40)[0]
    assert sentence[match.start - 40 : match.end - 40] == "shelled"


def test_a_prospect_of_fighting_is_not_fighting() -> None:
    assert actions("The town is likely to see a long and bloody battle.") == []
    assert actions("Officials warned of an imminent offensive in the east.") == []


def test_forces_is_a_noun_not_a_push() -> None:
    sentence = "Russian forces have been pushed back toward the river."
    assert actions(sentence) == ["withdraw"]
    match = find_actions(sentence)[0]
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert agent.side == "RU"


def test_aircraft_can_strike() -> None:
    sentence = "Israeli aircraft struck a depot overnight."
    match = find_actions(sentence)[0]
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert (match.action, agent.side) == ("strike", "IL")
