"""Verification status and who made the claim."""

from __future__ import annotations

from geo.attribution import attribute, speaker_side, titles_in
from geo.model import Verification

PARTIES = {"UA", "RU"}


def test_could_not_verify_makes_a_claim_by_the_party_quoted_nearby() -> None:
    result = attribute(
        "A column of Ukrainian tanks entered the town.",
        context=[
            "Ukraine's defence ministry said the column met no resistance.",
            "The agency could not independently verify the report.",
        ],
        parties=PARTIES,
    )
    assert result.verification is Verification.CLAIMED
    assert result.claimed_by == "Ukrainian Ministry of Defence"


def test_party_statement_is_a_claim() -> None:
    result = attribute(
        "Russian forces took the hill, the Russian Defence Ministry said on Sunday.",
        parties=PARTIES,
    )
    assert (result.verification, result.claimed_by) == (
        Verification.CLAIMED,
        "Russian Ministry of Defence",
    )


def test_according_to_a_party() -> None:
    result = attribute(
        "According to the Ukrainian General Staff, the attack failed.", parties=PARTIES
    )
    assert result.verification is Verification.CLAIMED
    assert result.claimed_by == "Ukrainian General Staff"


def test_third_party_confirmation() -> None:
    result = attribute(
        "Pentagon officials confirmed on Thursday that the bridge was destroyed.",
        parties={"UA", "RU"},
    )
    assert result.verification is Verification.CONFIRMED
    assert "Pentagon" in result.claimed_by


def test_party_confirming_its_own_gain_is_still_a_claim() -> None:
    result = attribute(
        "Ukrainian officials confirmed that their troops had entered the town.",
        parties=PARTIES,
        agent_side="UA",
    )
    assert result.verification is Verification.CLAIMED


def test_party_confirming_the_enemy_gain_is_a_confirmation() -> None:
    result = attribute(
        "Ukrainian officials confirmed that Russian troops had entered the town.",
        parties=PARTIES,
        agent_side="RU",
    )
    assert result.verification is Verification.CONFIRMED


def test_analyst_assessment() -> None:
    result = attribute("ISW assesses that the northern group has been withdrawn.")
    assert (result.verification, result.claimed_by) == (Verification.ASSESSED, "ISW")


def test_neutral_source_statement_is_reported() -> None:
    result = attribute("Troops crossed the river at dawn, Reuters reported.", parties=PARTIES)
    assert result.verification is Verification.REPORTED


def test_no_cue_is_reported_without_a_claimant() -> None:
    result = attribute("Troops crossed the river at dawn.")
    assert (result.verification, result.claimed_by) == (Verification.REPORTED, "")


def test_governor_title_is_normalised_and_sided_with_a_gazetteer() -> None:
    class Gaz:
        def resolve(self, name: str, **_: object) -> object:
            class P:
                country = "UA"

            return P() if name == "Zarichne" else None

    result = attribute(
        "Two villages were freed, Zarichne regional governor Ivan Petrenko said.",
        parties=PARTIES,
        gaz=Gaz(),
    )
    assert (result.verification, result.claimed_by) == (
        Verification.CLAIMED,
        "Zarichne regional governor",
    )


def test_speaker_side() -> None:
    assert speaker_side("the Kremlin") == "RU"
    assert speaker_side("Ukraine's defence ministry") == "UA"
    assert speaker_side("the Associated Press") == ""


def test_people_introduced_with_a_title_keep_it() -> None:
    titles = titles_in("Earlier, Zarichne regional governor Ivan Petrenko visited the front.")
    assert titles["Petrenko"] == "Zarichne regional governor"

    class Gaz:
        def resolve(self, name: str, **_: object) -> object:
            class P:
                country = "UA"

            return P() if name == "Zarichne" else None

    result = attribute(
        "According to Petrenko, the enemy left two villages.",
        parties=PARTIES,
        titles=titles,
        gaz=Gaz(),
    )
    assert (result.verification, result.claimed_by) == (
        Verification.CLAIMED,
        "Zarichne regional governor",
    )


def test_hedged_sentence_is_reported_unless_a_party_speaks_in_it() -> None:
    hedged = attribute(
        "Russian troops reportedly left the airfield.",
        context=["The Ukrainian General Staff said the airfield was empty."],
        parties=PARTIES,
    )
    assert (hedged.verification, hedged.claimed_by) == (Verification.REPORTED, "")
    party = attribute(
        "The Ukrainian General Staff said Russian troops reportedly left the airfield.",
        parties=PARTIES,
    )
    assert (party.verification, party.claimed_by) == (
        Verification.CLAIMED,
        "Ukrainian General Staff",
    )
    plain = attribute("Russian troops left the airfield.", context=["They apparently fled."])
    assert plain.verification is Verification.REPORTED


def test_us_pronoun_is_not_the_united_states() -> None:
    assert speaker_side("U.S. officials") == "US"
    result = attribute("The soldiers told us the village was empty.", parties={"UA", "RU"})
    assert result.claimed_by != "us"


def test_the_addressee_of_told_is_not_the_speaker() -> None:
    found = attribute(
        "The defence minister told President Ivan Petrenko on Sunday that the port was taken.",
        parties={"UA", "RU"},
    )
    assert "Petrenko" not in found.claimed_by


def test_a_city_council_and_an_operational_command_are_parties(gaz) -> None:
    council = attribute(
        "The Kupiansk City Council reported that troops repelled an assault on a farm.",
        parties=PARTIES,
        gaz=gaz,
    )
    assert council.verification is Verification.CLAIMED
    command = attribute(
        "Ukraine's Eastern Operational Command stated that troops struck a depot.",
        parties=PARTIES,
        gaz=gaz,
    )
    assert command.verification is Verification.CLAIMED


def test_as_the_analyst_assessed_does_not_source_the_claim() -> None:
    result = attribute(
        "Ukrainian officials confirmed on Monday that their troops retook the hamlet, "
        "as the think tank assessed on Sunday.",
        parties=PARTIES,
        agent_side="UA",
    )
    assert result.verification is Verification.CLAIMED


def test_a_general_titled_after_his_office_speaks_for_its_side() -> None:
    text = (
        "Head of the Operations Department of the Russian General Staff, Colonel General "
        "Ivan Petrov said that the assault went on. Later Petrov reported that troops "
        "took the ridge."
    )
    titles = titles_in(text)
    assert speaker_side(titles["Petrov"]) == "RU"
    result = attribute(
        "General Ivan Petrov reported that troops took the ridge.", titles=titles, parties=PARTIES
    )
    assert result.verification is Verification.CLAIMED


def test_milbloggers_who_agree_or_amplify_make_claims() -> None:
    agreed = attribute(
        "Russian milbloggers largely agreed that fighting persisted near the dam.",
        parties=PARTIES,
    )
    assert (agreed.verification, agreed.claimed_by) == (
        Verification.CLAIMED,
        "Russian milbloggers",
    )
    amplified = attribute(
        "Social media users amplified claims that troops left the village.", parties=PARTIES
    )
    assert amplified.verification is Verification.CLAIMED


def test_a_neighbours_doubt_about_its_own_claim_does_not_reach_the_report() -> None:
    result = attribute(
        "Russian forces continued offensive operations near the town on Monday.",
        context=[
            "Russian sources claimed that Russian forces took a hamlet, although the "
            "think tank cannot independently verify that claim."
        ],
        parties=PARTIES,
    )
    assert result.verification is Verification.REPORTED


def test_a_hedge_on_another_predicate_does_not_make_an_assessment() -> None:
    s = "Russian forces conducted assaults near the dam and are likely attempting to gain ground."
    assert attribute(s, parties=PARTIES, hedged=False).verification is Verification.REPORTED
    assert attribute(s, parties=PARTIES).verification is Verification.ASSESSED


def test_a_spokesperson_of_a_named_command_and_an_appositive_general() -> None:
    text = "Ukrainian Southern Group of Forces spokesperson Ivan Petrenko said that troops held."
    titles = titles_in(text)
    assert speaker_side(titles["Petrenko"]) == "UA"
    assert attribute(text, parties=PARTIES, titles=titles).verification is Verification.CLAIMED
    appositive = (
        "Head of the Operations Department of the Russian General Staff, Colonel General "
        "Ivan Petrov, reported that troops took the ridge."
    )
    result = attribute(appositive, parties=PARTIES, titles=titles_in(appositive))
    assert result.verification is Verification.CLAIMED
    inverted = attribute("Troops entered Nova Kakhovka, said Ivan Petrov.", parties=PARTIES)
    assert inverted.claimed_by == "Ivan Petrov"


def test_an_opening_conjunction_or_a_demonstrative_is_no_speaker() -> None:
    opened = attribute(
        "Despite claims made by officials that the town fell, videos show fighting there.",
        parties=PARTIES,
    )
    assert opened.claimed_by != "Despite"
    these = attribute(
        "Reports emerged that troops had reached the town, but officials refuted these claims.",
        parties=PARTIES,
    )
    assert these.claimed_by != "these"
    # a demonym still names its side's speaker
    chinese = attribute("Chinese officials claimed that the talks went well.", parties=PARTIES)
    assert chinese.claimed_by == "Chinese officials"
