"""Actions: tense and voice variants, agents and patients, hypotheticals, ACLED types."""

from __future__ import annotations

import pytest

from geo.actions import ACLED_TYPES, acled_types, find_actions
from geo.actors import find_actors
from geo.agents import agent_and_patient
from geo.clauses import relative_clause
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
        ("Gunners kept firing rockets from launchers on the hamlets.", "strike"),
        ("Aircraft dropped incendiary munitions on the farm.", "strike"),
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
        "Gunners shelled hamlets on the east (left) bank of the river.",
        "Strikes hit depots on the left bank and the left flank.",
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


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukrainian forces avenged Russian drone attacks on the port by striking a depot.",
        "A reporter said that Ukrainian troops answered Russian shelling by shelling a base.",
    ],
)
def test_a_means_by_gerund_takes_the_clause_subject(sentence) -> None:
    # the side named in the main verb's object is not the one doing the means
    match = next(m for m in find_actions(sentence) if sentence[m.start - 3 : m.start] == "by ")
    agent, patient = agent_and_patient(match, find_actors(sentence), sentence)
    assert (match.action, agent.side, patient.side) == ("strike", "UA", "RU")


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


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("Ukrainian troops entered the town on Saturday.", "advance"),
        ("Ukrainian troops have broken into the district centre.", "advance"),
        ("Marines were pressing from the river toward the hills.", "advance"),
        ("The brigade took back the bridge over the canal.", "liberate"),
        ("The village was fully cleared of Russian troops.", "liberate"),
        ("Russian soldiers left the village on Tuesday.", "withdraw"),
        ("The army was pulling its forces out of the valley.", "withdraw"),
    ],
)
def test_entries_retakings_and_departures(sentence: str, action: str) -> None:
    assert action in actions(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials called it a regrouping rather than a real withdrawal.",
        "From there the enemy could try to push south and meet units advancing from the east.",
        "The departing troops had left mines in the fields.",
        "The retreating columns clogged the only road.",
    ],
)
def test_contrasts_clause_modals_and_descriptions_are_not_events(sentence: str) -> None:
    territorial = {"capture", "liberate", "advance", "reach", "hold", "withdraw"}
    assert territorial.isdisjoint(actions(sentence))


@pytest.mark.parametrize(
    ("sentence", "withdrawal"),
    [
        ("The battalion abandoned the hamlet before dawn.", True),
        ("The garrison had abandoned its positions on the ridge.", True),
        ("Commanders abandoned their original plans for the spring.", False),
        ("Officers abandoned wounded conscripts in the hamlet.", False),
        ("The assault groups are abandoning frontal attacks on the town.", False),
        ("Looting rose as the number of houses abandoned by evacuees grew.", False),
        ("Crews abandoned damaged vehicles on the road.", False),
    ],
)
def test_abandoning_is_a_withdrawal_only_from_ground(sentence: str, withdrawal: bool) -> None:
    assert ("withdraw" in actions(sentence)) is withdrawal


@pytest.mark.parametrize(
    ("sentence", "withdrawal"),
    [
        ("Strikes hit the grid, leaving much of the capital without water.", False),
        ("The shelling left thousands of residents without heating.", False),
        ("The garrison left the town without a fight.", True),
        ("The garrison left the town without firing a shot.", True),
    ],
)
def test_leaving_a_place_without_something_is_no_departure(sentence: str, withdrawal: bool) -> None:
    assert ("withdraw" in actions(sentence)) is withdrawal


def test_cleared_of_an_enemy_names_the_patient_not_the_agent() -> None:
    sentence = "The village had been fully cleared of Russian troops by noon."
    (match,) = find_actions(sentence)
    assert match.agent == "against"
    _, patient = agent_and_patient(match, find_actors(sentence), sentence)
    assert patient is not None and patient.side == "RU"


def test_reduced_passive_takes_the_agent_after_by() -> None:
    sentence = "The prisoners were moved to a camp in territory held by Russian forces."
    match = next(a for a in find_actions(sentence) if a.action == "hold")
    assert match.agent == "after" and match.passive
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert agent is not None and agent.side == "RU"


def test_main_verb_after_a_who_clause_takes_the_head_noun_as_agent() -> None:
    sentence = "Ukrainian troops who drove Russian forces away from the city have reached the line."
    found = find_actions(sentence)
    assert [a.action for a in found] == ["advance", "reach"]
    drove, reached = found
    assert relative_clause(sentence, drove, found).inside
    clause = relative_clause(sentence, reached, found)
    assert clause is not None and not clause.inside
    agent, _ = agent_and_patient(reached, find_actors(sentence), sentence, clause=clause)
    assert agent is not None and agent.side == "UA"


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        # the antecedent is the noun before "who", not the actor of the clause before it
        ("Russian police said they are hunting the gunmen who attacked a mayor.", None),
        ("Ukrainian officials stated that they seek the men who attacked a depot.", None),
        ("Russian forces, who attacked the depot on Monday, withdrew.", "RU"),
        ("It was Russian troops in the valley who attacked the depot.", "RU"),
    ],
)
def test_a_who_clause_takes_its_antecedent_only(sentence, side) -> None:
    found = find_actions(sentence)
    attacked = next(a for a in found if a.text == "attacked")
    clause = relative_clause(sentence, attacked, found)
    agent, _ = agent_and_patient(attacked, find_actors(sentence), sentence, clause=clause)
    assert (agent.side if agent is not None else None) == side


def test_object_relative_clause_has_its_own_subject() -> None:
    sentence = "Ukrainian units moved into the port, which Russian marines had seized in March."
    found = find_actions(sentence)
    seized = next(a for a in found if a.action == "capture")
    clause = relative_clause(sentence, seized, found)
    assert clause is not None and clause.inside and clause.object_gap
    agent, _ = agent_and_patient(seized, find_actors(sentence), sentence, clause=clause)
    assert agent is not None and agent.side == "RU"


def test_that_after_a_verb_of_saying_is_not_a_relative_clause() -> None:
    sentence = "The ministry claimed on Friday that its troops had taken full control of the port."
    found = find_actions(sentence)
    assert relative_clause(sentence, found[0], found) is None


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("Fighting continued on Monday around the airfield.", "clash"),
        ("Shelling of the port intensified over the weekend.", "strike"),
        ("Russian cruise missiles hit the centre of the city.", "strike"),
        ("The port has been cut off by Russian troops since March.", "clash"),
        ("The twin city remains in Ukrainian hands.", "hold"),
        ("Ukrainian forces have driven Russian troops out of the suburb.", "advance"),
    ],
)
def test_noun_subjects_missile_hits_sieges_and_control(sentence: str, action: str) -> None:
    assert action in actions(sentence)


def test_a_threat_of_encirclement_is_not_an_encirclement() -> None:
    assert actions("The troops left because they were at risk of being surrounded.") == ["withdraw"]


def test_that_after_telling_someone_is_reported_speech() -> None:
    sentence = "The minister told President Ivan Petrenko on Sunday that his troops took the port."
    found = find_actions(sentence)
    assert relative_clause(sentence, found[0], found) is None


def test_a_side_leads_its_unnamed_allies() -> None:
    sentence = "Russian troops and their separatist allies had taken the town."
    match = find_actions(sentence)[0]
    agent, _ = agent_and_patient(match, find_actors(sentence), sentence)
    assert agent is not None and agent.side == "RU"


@pytest.mark.parametrize(
    "sentence",
    [
        "The capture opens the way for Ukrainian troops to advance east into the province.",
        "The government had spent the summer announcing an offensive in the south.",
    ],
)
def test_purposes_and_announced_offensives_are_not_events(sentence: str) -> None:
    assert "advance" not in actions(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The garrison was forced to withdraw from the island.",
        "Russian units continued to advance along the river.",
    ],
)
def test_factual_infinitives_still_count(sentence: str) -> None:
    assert {"advance", "withdraw"} & set(actions(sentence))


def test_shells_falling_on_a_town_do_not_capture_it() -> None:
    assert "capture" not in actions("Shells fell on the town overnight.")
    assert "capture" in actions("The town fell on Sunday after a long siege.")


@pytest.mark.parametrize(
    "sentence",
    [
        "A photograph showed troops holding the national flag.",
        "Analysts expect the troops freed up by the truce to be sent north.",
    ],
)
def test_holding_a_flag_or_freeing_up_troops_is_not_territorial(sentence: str) -> None:
    assert {"hold", "liberate", "capture"}.isdisjoint(actions(sentence))


def test_troops_ordered_to_leave_withdraw_but_orders_to_attack_are_plans() -> None:
    assert "withdraw" in actions("A day earlier the garrison was ordered to leave the town.")
    assert "advance" not in actions("The general ordered his men to advance on the ridge.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The enemy unsuccessfully attempted to advance towards the village.", ["hold"]),
        ("The enemy attempted to advance towards the village.", ["clash"]),
        ("Their units conducted a failed reconnaissance-in-force attempt near the farm.", ["hold"]),
        ("Their units conducted a reconnaissance-in-force attempt near the farm.", ["clash"]),
        ("The brigade continued offensive operations around the town.", ["clash"]),
        ("The battalion attempted a limited ground offensive north of the city.", ["clash"]),
        ("Defenders thwarted two assaults on the hamlet.", ["hold"]),
        ("The garrison pushed back the attackers near the bridge.", ["hold"]),
        ("Artillery continued to fire on the settlements along the road.", ["strike"]),
        ("Both sides continued to fight around the station.", ["clash"]),
        ("The army destroyed two sabotage groups near the lake.", ["clash"]),
        ("The unit improved its tactical positions near the ridge.", ["advance"]),
    ],
)
def test_report_forms_of_combat(sentence: str, expected: list[str]) -> None:
    assert actions(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Sector summary (enemy objective: encircle the garrison and capture the town).",
        "Reporters focused on the progress of the counteroffensive in the south.",
        "This strike may indicate that the depot was full.",
        "The loss of control over the river would isolate the city.",
        "The troops made efforts to cross the river and enter the town.",
    ],
)
def test_plans_topics_and_back_references_are_not_new_actions(sentence: str) -> None:
    assert {"capture", "advance", "strike", "hold"}.isdisjoint(actions(sentence))


def test_surrounding_settlements_are_no_encirclement() -> None:
    assert actions("Guns shelled the town and surrounding settlements.") == ["strike"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Guns continued to shell the villages east of the river.", ["strike"]),
        ("Both armies conducted artillery duels around the hamlet.", ["strike"]),
        ("Missile units destroyed a supply point in the town.", ["strike"]),
        ("The enemy attempted to advance to the farm but retreated after heavy losses.", ["hold"]),
        ("The enemy conducted limited and unsuccessful ground assaults near the farm.", ["hold"]),
    ],
)
def test_more_report_forms(sentence: str, expected: list[str]) -> None:
    assert actions(sentence)[:1] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Units in the north are focusing on regaining lost positions.",
        "Guns fired to support attempts to advance north.",
        "Engineers cleared mines to expand their control of the area.",
        "Offensive operations in the north are extremely unlikely.",
        "Guns fired from positions in occupied territory.",
    ],
)
def test_aims_nouns_and_adjectives_are_not_actions(sentence: str) -> None:
    assert {"capture", "liberate", "advance", "hold", "clash"}.isdisjoint(actions(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The artillery continued to target enemy ground lines of communication.", "strike"),
        ("The brigade continued routine fire west of the river.", "strike"),
        ("The enemy is increasing artillery pressure on the town.", "strike"),
        ("Their scouts probed enemy positions at night.", "clash"),
        ("Witnesses said that fighting persisted around the station.", "clash"),
    ],
)
def test_targeting_fire_and_probing(sentence: str, expected: str) -> None:
    assert actions(sentence) == [expected]


def test_targeting_talks_or_a_fire_is_no_strike() -> None:
    assert actions("The fire at the depot burned for hours.") == []
    assert "strike" not in actions("The ministry targeted the talks with a campaign of leaks.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Footage shows Ukrainian troops in the village square.", "advance"),
        ("The brigade continued to expand its zone of control near the farm.", "advance"),
        ("A blogger said the army stabilized the frontline around the hamlet.", "hold"),
        ("The ministry claimed to strike a troop concentration near the lake.", "strike"),
        ("The artillery continued the interdiction campaign in the south.", "strike"),
        ("Observers said the army captured the eastern part of the town.", "capture"),
    ],
)
def test_seen_held_and_widened_ground(sentence: str, expected: str) -> None:
    assert actions(sentence) == [expected]


def test_taking_part_is_not_taking_ground() -> None:
    assert "capture" not in actions("The minister took part in the talks.")


def test_offensive_operations_are_fighting_and_occupied_as_adjective_is_no_hold() -> None:
    assert actions("Ongoing offensive operations around the town drive a wedge.") == ["clash"]
    assert actions("Officers are searching occupied Horlivka for deserters.") == []
    assert actions("The army occupied Horlivka in the spring.") == ["hold"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The persistence of Ukrainian strikes on the bridges shows intent.",
        "Ferries are vulnerable to Ukrainian strikes.",
        "Reports of a Russian attempt to advance toward the ridge confirm the map.",
        "Guards were sent to block conscripts from retreating from the bridgehead.",
        "Brigades are participating in efforts to advance on the city.",
    ],
)
def test_topics_prevented_actions_and_purposes_are_no_actions(sentence: str) -> None:
    assert actions(sentence) == []


def test_a_strike_noun_as_subject_or_object_of_a_verb_is_an_action() -> None:
    assert actions("Russian forces conducted strikes on the depot.") == ["strike"]
    assert actions("Ukrainian strikes hit the depot.") == ["strike"]


def test_a_strike_noun_and_its_verb_are_one_phrase() -> None:
    found = find_actions("Ukrainian strikes targeted depots near the river.")
    assert [(a.action, a.text) for a in found] == [("strike", "strikes targeted")]


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("Ukrainian forces likely consolidated positions near the ridge.", "hold"),
        ("Ukrainian forces are completing the liberation of the right bank.", "liberate"),
        ("Russian forces have defeated Ukrainian forces in the hamlet.", "clash"),
    ],
)
def test_consolidation_completed_liberation_and_defeat(sentence: str, action: str) -> None:
    assert actions(sentence) == [action]


def test_a_sporting_defeat_is_no_clash() -> None:
    assert actions("The team defeated the champions.") == []


def test_reported_speech_inside_a_which_clause_has_its_own_subject() -> None:
    s = "Crews hid from shelling, which indicates that Russian troops are targeting positions."
    acts = find_actions(s)
    target = next(a for a in acts if a.text.startswith("target"))
    assert relative_clause(s, target, acts) is None


def test_stopped_advances_are_held_and_a_mobilization_reserve_is_no_development() -> None:
    assert actions("Airborne units stopped two Ukrainian advances onto the hamlet.") == ["hold"]
    assert actions("Elements of the mobilization reserve are active near the town.") == []
    assert actions("Russia announced a partial mobilization.") == ["strategic"]


def test_expanding_gains_and_hitting_a_depot() -> None:
    assert actions("Ukrainian forces have been expanding their successes near the ridge.") == [
        "advance"
    ]
    assert actions("Ukrainian troops hit an ammunition depot near the ferry.") == ["strike"]
    assert actions("The car hit a tree.") == []


def test_a_participle_right_after_its_actor_takes_that_actor() -> None:
    s = "Gunners filmed Russian shelling on Ukrainian units advancing near the farm."
    acts = find_actions(s)
    advance = next(a for a in acts if a.action == "advance")
    agent, _ = agent_and_patient(advance, find_actors(s), s)
    assert agent is not None and agent.side == "UA"


def test_a_convoy_moving_toward_a_town_is_a_transfer() -> None:
    assert actions("Footage showed a military convoy moving towards the town.") == []
    assert actions("Russian troops moved towards the town.") == ["advance"]


def test_a_development_announced_for_later_or_discussed_is_none() -> None:
    assert actions("Member states of NATO reportedly will send tanks next spring.") == []
    assert actions("Analysts say Moscow uses the discussion of negotiations as a ploy.") == []
    assert actions("The EU imposed new sanctions on Russia.") == ["strategic"]


def test_a_missile_that_fell_onto_a_building_and_drone_attacks() -> None:
    assert actions("An air defense missile fell onto the building.") == []
    assert actions("The city fell on Tuesday.") == ["capture"]
    found = find_actions("Russian forces deployed Shahed drones in attacks on the oblasts.")
    assert [(a.action, a.air) for a in found] == [("strike", True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The occupation office held recruiting events at a library in the town.",
        "A school near the depot is still holding classes for village children.",
        "The council will hold public meetings in the district next week.",
        "Prosecutors vowed to hold the commanders accountable.",
    ],
)
def test_holding_a_gathering_or_a_duty_is_no_hold_of_ground(sentence: str) -> None:
    assert "hold" not in actions(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian troops still hold the village school.",
        "Ukrainian units held the crossing for three days.",
        "The defenders are holding positions east of the canal.",
    ],
)
def test_holding_ground_is_still_a_hold(sentence: str) -> None:
    assert "hold" in actions(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Occupation officials are holding Ukrainian POWs at a colony near the town.",
        "The militia continues to hold about 150 local civilians in a basement.",
        "Guards held more than 40 deported children at a camp by the sea.",
        "The kidnappers still hold two Ukrainian journalists as hostages.",
    ],
)
def test_holding_people_captive_is_no_hold_of_ground(sentence: str) -> None:
    assert "hold" not in actions(sentence)


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Ukrainian strikes hit a Russian headquarters, and further strikes hit a depot.", "UA"),
        ("Russian shelling hit a Ukrainian school, and more shelling hit a market.", "RU"),
    ],
)
def test_further_strikes_are_the_same_sides(sentence, side) -> None:
    first, second = [m for m in find_actions(sentence) if m.action == "strike"][:2]
    actors = find_actors(sentence)
    before, _ = agent_and_patient(first, actors, sentence)
    agent, _ = agent_and_patient(second, actors, sentence, previous=before)
    assert before.side == agent.side == side


def test_targets_as_what_was_hit_is_no_strike_of_its_own() -> None:
    # "strikes against Ukrainian targets in the rear": the demonym names the side hit
    hit = "Russian forces conducted strikes against unspecified Ukrainian targets in the rear."
    assert [a.text for a in find_actions(hit)] == ["strikes"]
    assert actions("Russian aviation targets Ukrainian positions near the town.") == ["strike"]
    assert actions("The army targets depots in the rear every night.") == ["strike"]
