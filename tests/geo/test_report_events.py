"""Events from daily-report sentences, read with the real gazetteer (issue 12).

The sentences are our own, written in the style of daily situation reports: lists of
places with distances in parentheses, attempted and repelled assaults, oblasts named as
oblasts, milbloggers' claims and geolocated footage.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model import Article, Event, GeoPrecision, Verification
from geo.pipeline import Pipeline
from geo.relative import distance_km

PUBLISHED = dt.date(2022, 9, 20)


@pytest.fixture(scope="module")
def pipeline(gaz) -> Pipeline:
    return Pipeline(gaz)


def events(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article("report.md", text, source="Daily report", published=PUBLISHED)
    return list(pipeline.process(article).events)


def _side(event: Event) -> str:
    return "UA" if "Ukraine" in event.actor1 else "RU" if "Russia" in event.actor1 else ""


def test_a_list_of_places_gives_one_event_each_and_skips_the_reference_points(pipeline) -> None:
    text = (
        "Ukrainian troops repelled Russian assaults near Siversk (30km northeast of "
        "Kramatorsk), Lyman, and Kreminna."
    )
    found = events(pipeline, text)
    assert {e.location for e in found} == {"Siversk", "Lyman", "Kreminna"}
    assert {(e.action, _side(e)) for e in found} == {("hold", "UA")}


def test_attempted_assaults_are_clashes_by_the_attacker_failed_ones_holds(pipeline) -> None:
    text = "Russian troops attempted to advance towards Vuhledar and Siversk."
    found = events(pipeline, text)
    assert {e.location for e in found} == {"Vuhledar", "Siversk"}
    assert {(e.action, _side(e)) for e in found} == {("clash", "RU")}
    failed = events(pipeline, text.replace("attempted", "unsuccessfully attempted"))
    assert {e.location for e in failed} == {"Vuhledar", "Siversk"}
    assert {(e.action, _side(e)) for e in failed} == {("hold", "UA")}


def test_oblasts_named_as_oblasts_are_regions_not_their_capitals(pipeline) -> None:
    text = "Ukrainian forces continued to strike Russian positions in Kharkiv and Luhansk Oblasts."
    found = events(pipeline, text)
    assert found and all(e.place_id.startswith("admin1:") for e in found)
    assert all(e.geo_precision is GeoPrecision.REGION for e in found)
    assert {e.action for e in found} == {"strike"}


def test_an_oblast_line_is_not_the_state_border(pipeline, gaz) -> None:
    text = "Russian forces attacked northwest of Sloviansk along the Kharkiv-Donetsk Oblast border."
    found = events(pipeline, text)
    assert [e.place_id for e in found] == [gaz.resolve("Sloviansk", country="UA").id]


def test_undated_past_action_in_a_daily_report_covers_its_last_day(pipeline) -> None:
    found = events(pipeline, "Russian forces shelled Kupiansk and Izium.")
    assert len(found) == 2
    for event in found:
        assert (event.date_start, event.date_end) == (PUBLISHED - dt.timedelta(days=1), PUBLISHED)


def test_milblogger_claims_and_geolocated_footage(pipeline) -> None:
    (claim,) = events(
        pipeline, "A Russian milblogger claimed that Russian forces captured Soledar."
    )
    assert (claim.action, claim.verification) == ("capture", Verification.CLAIMED)
    assert "milblogger" in claim.claimed_by.lower()
    (seen,) = events(pipeline, "Geolocated footage shows that Ukrainian troops entered Lyman.")
    assert seen.verification is Verification.CONFIRMED
    (vague,) = events(
        pipeline, "Russian forces did not make confirmed gains near Bakhmut and shelled Soledar."
    )
    assert vague.verification is not Verification.CONFIRMED


def test_a_demonym_before_a_noun_strike_names_its_side(pipeline) -> None:
    (strike,) = events(
        pipeline, "Local residents reported a Ukrainian strike on a depot in Melitopol."
    )
    assert (strike.action, _side(strike)) == ("strike", "UA")


def test_topics_plans_and_back_references_make_no_event(pipeline) -> None:
    text = (
        "Russian milbloggers are focused on commentary about Ukrainian advances in Kharkiv Oblast. "
        "Main effort (Russian objective: capture Bakhmut and advance on Kramatorsk). "
        "This strike may indicate that the depot in Melitopol was full."
    )
    assert events(pipeline, text) == []


def test_nothing_is_dated_after_the_article(pipeline) -> None:
    text = (
        "Ukrainian forces liberated Kupiansk on September 10. Russian forces repelled an attack "
        "near Svatove. Ukrainian troops will attack Lyman on September 25."
    )
    found = events(pipeline, text)
    assert found
    assert all(e.date_start is None or e.date_start <= PUBLISHED for e in found)
    assert "Lyman" not in {e.location for e in found}


def test_fighting_between_both_sides_has_no_single_agent(pipeline) -> None:
    for text in (
        "Russian and Ukrainian forces continued offensive operations near Svatove.",
        "A Russian milblogger claimed that fighting between Ukrainian and Russian forces "
        "continued in the eastern outskirts of Bakhmut.",
    ):
        (event,) = events(pipeline, text)
        assert (event.action, _side(event)) == ("clash", "")


def test_a_second_finite_verb_after_an_attempt_is_its_own_event(pipeline) -> None:
    text = (
        "Russian troops attempted to advance towards Siversk (25km west of Lysychansk) and "
        "conducted an unsuccessful reconnaissance-in-force attempt near Bakhmut."
    )
    found = {(e.location, e.action, _side(e)) for e in events(pipeline, text)}
    assert found == {("Siversk", "clash", "RU"), ("Bakhmut", "hold", "UA")}


def test_adjectives_of_control_describe_and_prospects_are_no_events(pipeline) -> None:
    (strike,) = events(
        pipeline, "Ukrainian forces struck the Russian-controlled bridge in Kherson."
    )
    assert strike.action == "strike"
    text = (
        "Russian forces have been setting conditions for an offensive near Svatove. "
        "Officials called any attacks on Kerch a provocation."
    )
    assert events(pipeline, text) == []


def test_a_reference_point_in_parentheses_is_not_the_place_of_a_later_verb(pipeline) -> None:
    text = (
        "Wagner fighters entered the northern part of Zzyzxville (10 km south of Bakhmut) "
        "and cut off the road."
    )
    assert "Bakhmut" not in {e.location for e in events(pipeline, text)}


def test_the_object_of_a_preposition_is_not_the_agent_and_a_noun_strike_keeps_its_side(
    pipeline,
) -> None:
    text = (
        "Russian forces conducted artillery strikes against Ukrainian positions near Izium "
        "and fired on Kupiansk."
    )
    assert {_side(e) for e in events(pipeline, text)} == {"RU"}
    text = "Russian forces built a ferry at Kherson after Ukrainian strikes on Nova Kakhovka."
    strikes = [e for e in events(pipeline, text) if e.action == "strike"]
    assert strikes and {_side(e) for e in strikes} == {"UA"}


def test_a_same_name_village_is_the_one_beside_its_neighbours(pipeline, gaz) -> None:
    (strike,) = [
        e
        for e in events(pipeline, "Russian forces shelled Lozove and Davydiv Brid on Monday.")
        if e.location.startswith("Lozov")
    ]
    brid = gaz.resolve("Davydiv Brid", country="UA")
    from geo.relative import distance_km

    assert distance_km((strike.latitude, strike.longitude), (brid.lat, brid.lon)) < 60


def test_a_river_only_locates_the_places_of_an_action(pipeline) -> None:
    text = "Russian forces shelled the west bank of the Dnipro River, including Kherson City."
    assert [e.location for e in events(pipeline, text)] == ["Kherson"]
    text = "Russian forces withdrew to the east bank of the Dnipro River."
    assert [e for e in events(pipeline, text) if e.place_id.startswith("feature:")] == []


def test_shot_down_missiles_are_a_strike_by_their_owner(pipeline) -> None:
    text = "Ukrainian air defense shot down four Russian cruise missiles over Zaporizhia Oblast."
    found = events(pipeline, text)
    assert {(e.action, _side(e)) for e in found} == {("strike", "RU")}


def test_the_settlement_is_not_the_reference_point_in_parentheses(pipeline) -> None:
    text = (
        "Russian milbloggers claimed that Russian forces captured Soledar (10km northeast of "
        "Bakhmut) after Wagner fighters entered the settlement."
    )
    assert "Bakhmut" not in {e.location for e in events(pipeline, text)}


def test_a_later_clause_of_its_own_keeps_its_places(pipeline) -> None:
    text = (
        "Russian forces attempted a limited assault on the southern axis but are likely "
        "losing ground in Kherson Oblast."
    )
    assert events(pipeline, text) == []
    text = (
        "A milblogger claimed Ukrainian troops are grouping west of Svatove for future "
        "counteroffensive operations and lost their chance to launch an offensive near Lyman."
    )
    assert events(pipeline, text) == []


def test_oblasts_listed_with_parentheses_are_oblasts(pipeline) -> None:
    text = (
        "Russian forces struck infrastructure in Kharkiv, Dnipropetrovsk (including Kryvyi Rih), "
        "and Odesa oblasts."
    )
    places = {e.place_id for e in events(pipeline, text)}
    assert {"admin1:UA.07", "admin1:UA.04", "admin1:UA.17"} <= places


def test_a_later_strike_and_an_including_parenthesis_keep_their_places(pipeline) -> None:
    text = (
        "Russian forces continued routine shelling west of Orikhiv, against Nikopol and "
        "Marhanets, and struck infrastructure in Kharkiv Oblast (including Chuhuiv)."
    )
    found = {e.location for e in events(pipeline, text) if e.action == "strike"}
    assert {"Nikopol", "Marhanets"} <= found
    assert any(name.startswith("Chuhu") for name in found)


def test_footage_that_indicates_a_likely_capture_is_an_assessed_capture(pipeline) -> None:
    text = (
        "Geolocated footage published on September 19 indicates that Russian forces have "
        "likely captured the eastern part of Soledar (10km northeast of Bakhmut)."
    )
    found = events(pipeline, text)
    assert [(e.action, _side(e), e.location) for e in found] == [("capture", "RU", "Soledar")]


def test_missile_strikes_named_by_their_owner_and_an_advance_one_was_able_to_make(
    pipeline,
) -> None:
    text = (
        "Officials reported Russian missile strikes on Kramatorsk overnight. "
        "Ukrainian forces were able to advance to Lyman."
    )
    found = {(e.action, _side(e), e.location) for e in events(pipeline, text)}
    assert {("strike", "RU", "Kramatorsk"), ("advance", "UA", "Lyman")} <= found


def test_a_line_named_after_towns_is_an_event_at_each_of_them(pipeline, gaz) -> None:
    text = (
        "Russian forces continued limited counterattacks on the Svatove-Kreminna line "
        "in Luhansk Oblast."
    )
    found = events(pipeline, text)
    assert {(e.action, _side(e), e.place_id) for e in found} == {
        ("clash", "RU", gaz.resolve("Svatove", country="UA").id),
        ("clash", "RU", gaz.resolve("Kreminna", country="UA").id),
    }
    assert {e.geo_precision for e in found} == {GeoPrecision.NEAR}


def test_a_road_between_two_towns_is_one_event_between_them(pipeline, gaz) -> None:
    text = "Russian forces shelled positions along the Bakhmut-Lysychansk highway."
    (strike,) = events(pipeline, text)
    a, b = gaz.resolve("Bakhmut", country="UA"), gaz.resolve("Lysychansk", country="UA")
    mid = ((a.lat + b.lat) / 2, (a.lon + b.lon) / 2)
    assert distance_km(mid, (strike.latitude, strike.longitude)) < 1


def test_a_city_naming_a_sector_beside_a_town_is_not_the_place(pipeline, gaz) -> None:
    # the fighting is at the town; the city only names the sector, whichever comes first
    for text in (
        "Russian forces continued offensive operations in the Avdiivka-Donetsk City area.",
        "Russian troops kept up artillery fire along the Donetsk City-Avdiivka frontline.",
    ):
        found = events(pipeline, text)
        assert {e.place_id for e in found} == {gaz.resolve("Avdiivka", country="UA").id}, text


def test_the_places_of_a_line_north_of_which_a_list_lies_are_anchors(pipeline) -> None:
    text = (
        "Ukrainian forces repelled Russian attacks north of the Svatove-Kreminna line "
        "near Kuzemivka and Novoselivske."
    )
    places = {e.location for e in events(pipeline, text)}
    assert "Svatove" not in places and "Kreminna" not in places
    assert places


def test_a_line_named_after_oblast_centres_is_the_two_oblasts(pipeline, gaz) -> None:
    text = "Ukrainian troops fought positional battles along the Kherson-Mykolaiv frontline."
    found = events(pipeline, text)
    assert {e.place_id for e in found} == {
        gaz.resolve("Kherson Oblast", country="UA").id,
        gaz.resolve("Mykolaiv Oblast", country="UA").id,
    }


def test_a_raion_in_its_oblast_is_the_raion_only(pipeline, gaz) -> None:
    text = "Officials said Russian drones struck Nikopol and Bashtanka Raion in Mykolaiv Oblast."
    found = {e.location for e in events(pipeline, text)}
    assert found == {"Nikopol", "Bashtanka Raion"}


def test_one_action_told_by_two_phrases_and_the_owner_of_downed_missiles(pipeline) -> None:
    strikes = events(
        pipeline, "Ukrainian sources said that Ukrainian strikes targeted depots in Kherson Oblast."
    )
    assert {(e.action, _side(e)) for e in strikes} == {("strike", "UA")}
    repelled = events(
        pipeline,
        "Russian sources claimed that Russian units repelled Ukrainian forces during an "
        "attempted attack on Kupiansk.",
    )
    assert {(e.action, _side(e), e.location) for e in repelled} == {("hold", "RU", "Kupyansk")}
    downed = events(
        pipeline,
        "Ukrainian air defense systems shot down four Russian Kh-101 cruise missiles over "
        "Dnipropetrovsk Oblast.",
    )
    assert {(e.action, _side(e)) for e in downed} == {("strike", "RU")}


def test_the_withdrawal_of_named_troops_is_theirs(pipeline) -> None:
    text = "A milblogger noted the withdrawal of Russian troops from Balakliia."
    found = {(e.action, _side(e), e.location) for e in events(pipeline, text)}
    assert found == {("withdraw", "RU", "Balakliya")}


def test_fighting_that_continued_names_no_side(pipeline) -> None:
    text = (
        "Russian forces unsuccessfully attempted to advance to Kupyansk, while fighting "
        "continued in Balakliya."
    )
    found = {(e.action, _side(e), e.location) for e in events(pipeline, text)}
    assert ("clash", "", "Balakliya") in found
    assert not any(loc == "Balakliya" and side for _, side, loc in found)


def test_people_held_captive_in_a_town_give_no_holding_of_it(pipeline) -> None:
    found = events(
        pipeline,
        "Russian occupation forces are still holding Ukrainian POWs and deported civilians "
        "in Olenivka.",
    )
    assert [e for e in found if e.action == "hold"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops seized a school and several apartments in Melitopol.",
        "Russian forces seized the Nova Kakhovka hospital to treat their wounded.",
        "Ukrainian forces recaptured a brick factory on the northern outskirts of Vuhledar.",
        "Russian troops captured large amounts of Ukrainian equipment near Kupiansk.",
        "Russian forces seized a morgue in Tokmak to store their dead.",
    ],
)
def test_buildings_or_goods_seized_in_a_town_are_no_change_of_hands_of_it(
    pipeline, text: str
) -> None:
    assert [e for e in events(pipeline, text) if e.action in {"capture", "liberate"}] == []


def test_a_town_taken_beside_a_building_seized_in_another_is_still_a_capture(pipeline) -> None:
    found = events(
        pipeline, "Russian forces seized a hospital in Svatove and captured Kupiansk on Monday."
    )
    # the building says, at most, that its taker holds the town it stands in
    assert {(e.action, _side(e), e.location) for e in found} == {
        ("hold", "RU", "Svatove"),
        ("capture", "RU", "Kupyansk"),
    }


@pytest.mark.parametrize("verb", ["shot down", "struck down", "intercepted"])
def test_uavs_downed_near_a_town_are_a_strike_by_their_owner(pipeline, verb: str) -> None:
    found = events(pipeline, f"Russian forces {verb} two Ukrainian UAVs near Nova Kakhovka.")
    assert {(e.action, _side(e), e.location) for e in found} == {("strike", "UA", "Nova Kakhovka")}


def test_a_named_site_taken_in_a_town_is_a_change_of_hands(pipeline) -> None:
    # A site with a name of its own is ground fought over, not property seized in a town.
    found = events(pipeline, "Russian forces took control of the Illich steel plant in Mariupol.")
    assert ("capture", "RU", "Mariupol") in {(e.action, _side(e), e.location) for e in found}


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        ("Ukrainian forces expelled Russian troops from Borodianka.", "Borodianka", "liberate"),
        ("Ukrainian forces pushed Russian forces out of Makariv.", "Makariv", "liberate"),
        ("Russian forces drove Ukrainian defenders from Rubizhne.", "Rubizhne", "capture"),
        (
            "Ukrainian forces forced Russian troops to withdraw from Trostianets.",
            "Trostyanets",
            "liberate",
        ),
    ],
)
def test_the_enemy_driven_out_of_a_named_place_is_a_change_of_hands(
    pipeline, text, place, expected
) -> None:
    found = [e for e in events(pipeline, text) if e.location == place]
    assert [e.action for e in found] == [expected]
    assert _side(found[0]) == ("RU" if expected == "capture" else "UA")


def test_the_enemy_driven_from_positions_near_a_place_leaves_the_place_unchanged(pipeline) -> None:
    found = events(pipeline, "Ukrainian forces pushed Russian forces from positions near Makariv.")
    assert [(e.location, e.action) for e in found] == [("Makariv", "advance")]
    back = events(pipeline, "Ukrainian forces pushed Russian forces back from Makariv.")
    assert all(e.action not in {"capture", "liberate"} for e in back)


def test_each_name_after_a_plural_settlement_noun_is_a_place(pipeline) -> None:
    found = events(pipeline, "Ukrainian forces liberated the villages of Ternova and Verbivka.")
    assert {(e.location, e.action) for e in found} == {
        ("Ternova", "liberate"),
        ("Verbivka", "liberate"),
    }


@pytest.mark.parametrize("qualifier", ["", "surrounding "])
def test_the_settlements_of_a_list_after_a_place_are_each_taken(pipeline, qualifier) -> None:
    text = (
        f"Ukrainian forces liberated Balakliia and the {qualifier}settlements of Verbivka "
        "and Volokhiv Yar."
    )
    found = {(e.location, e.action) for e in events(pipeline, text)}
    assert {("Verbivka", "liberate"), ("Volokhiv Yar", "liberate")} <= found
    assert ("Balakliya", "liberate") in found


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces retook several villages near Izium.",
        "Ukrainian forces recaptured positions east of Izium.",
        "Russian forces captured four unspecified settlements near Izium.",
    ],
)
def test_ground_taken_around_a_place_is_an_advance_not_the_place_taken(pipeline, text) -> None:
    found = [e for e in events(pipeline, text) if e.location == "Izyum"]
    assert [e.action for e in found] == ["advance"]


def test_villages_taken_near_a_place_and_named_after_it_are_taken(pipeline) -> None:
    text = "Ukrainian forces liberated several villages near Izium, including Kamianka."
    found = {(e.action, e.location) for e in events(pipeline, text)}
    assert ("liberate", "Kamianka") in found


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Russian forces shelled Kharkiv. Izium remains occupied.", "RU"),
        ("Russian forces shelled Kharkiv. Izium has been occupied since April 1.", "RU"),
        ("Russian forces remain in control of Izium.", "RU"),
        ("Ukrainian troops are entrenched in Izium.", "UA"),
        ("Ukrainian defenders continue to hold out in Izium.", "UA"),
    ],
)
def test_a_holding_stated_without_a_verb_of_war_is_a_hold(pipeline, text, side) -> None:
    found = [e for e in events(pipeline, text) if e.location == "Izyum"]
    assert [(e.action, _side(e)) for e in found] == [("hold", side)]


def test_control_of_a_situation_or_of_part_of_a_place_is_no_hold(pipeline) -> None:
    for text in (
        "Russian forces are in control of the situation in Izium.",
        "Russian forces are in control of 75% of Izium.",
    ):
        assert all(e.action != "hold" for e in events(pipeline, text)), text


def test_a_town_after_a_far_place_of_its_paragraph_is_still_the_town(pipeline) -> None:
    # Kreminna (a town) has a hamlet namesake; the paragraph moves on from Sumy
    found = events(pipeline, "Russian forces shelled Sumy. Russian forces captured Kreminna.")
    assert ("capture", "Kreminna") in {(e.action, e.location) for e in found}
    kreminna = next(e for e in found if e.location == "Kreminna")
    assert distance_km((kreminna.latitude, kreminna.longitude), (49.05, 38.22)) < 5


def test_a_place_listed_with_far_villages_abstains_rather_than_jump_to_a_namesake(
    pipeline,
) -> None:
    found = events(
        pipeline, "Ukrainian forces captured Savyntsi, Rakivka, and Dovhalivka north of Izium."
    )
    savyntsi = next(e for e in found if e.location == "Savyntsi")
    assert all(
        distance_km((e.latitude, e.longitude), (savyntsi.latitude, savyntsi.longitude)) < 100
        for e in found
    )


def test_a_village_held_to_its_oblast_stands_however_far_its_paragraph_ranges(pipeline) -> None:
    text = (
        "Russian forces completed their withdrawal from Kyiv Oblast. Ukrainian forces "
        "recaptured Trostianets in Sumy Oblast."
    )
    found = {(e.action, e.location) for e in events(pipeline, text)}
    assert ("liberate", "Trostyanets") in found
    assert ("liberate", "Sumy") not in found  # not the oblast in the village's stead


def test_a_bombardment_that_goes_on_is_a_strike_one_that_may_come_is_none(pipeline) -> None:
    found = events(pipeline, "Russian forces continue to bombard Kharkiv.")
    assert [(e.action, _side(e), e.location) for e in found] == [("strike", "RU", "Kharkiv")]
    assert events(pipeline, "Russian forces may bombard Kharkiv.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The town of Izium was taken by Russian forces.",
        "Russian forces shelled Kharkiv. Izium came under Russian control.",
    ],
)
def test_a_taking_told_of_the_place_is_a_capture(pipeline, text) -> None:
    found = [e for e in events(pipeline, text) if e.location == "Izyum"]
    assert [(e.action, _side(e)) for e in found] == [("capture", "RU")]


def test_footage_taken_by_soldiers_takes_no_place(pipeline) -> None:
    text = (
        "Russian forces shelled Kharkiv. Footage taken by Ukrainian soldiers in Izium shows ruins."
    )
    assert all(e.action not in {"capture", "liberate"} for e in events(pipeline, text))


def test_a_foothold_in_a_place_is_an_advance(pipeline) -> None:
    found = [
        e
        for e in events(pipeline, "Russian forces gained a foothold in Izium.")
        if e.location == "Izyum"
    ]
    assert [(e.action, _side(e)) for e in found] == [("advance", "RU")]


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces control the approaches to Izium.",
        "Russian forces likely only control the southeastern outskirts of Izium.",
        "Russian forces control the highway from Izium to Kupiansk.",
    ],
)
def test_ground_around_a_place_held_is_no_hold_of_the_place(pipeline, text) -> None:
    assert all(e.action != "hold" for e in events(pipeline, text) if e.location == "Izyum")


def test_the_holding_a_taking_ended_is_no_holding_of_its_own(pipeline) -> None:
    text = (
        "The Russian defence ministry claimed that its forces had taken complete control of "
        "Izium, the last town of the area still held by Ukrainian troops."
    )
    found = {(e.action, _side(e)) for e in events(pipeline, text) if e.location == "Izyum"}
    assert found == {("capture", "RU")}
    # a rebuttal stands: "but Ukrainian forces still hold X"
    rebuttal = (
        "Russian sources claimed that Russian forces captured Izium, but Ukrainian forces "
        "still hold Izium."
    )
    found = {(e.action, _side(e)) for e in events(pipeline, rebuttal) if e.location == "Izyum"}
    assert ("hold", "UA") in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian forces completed their withdrawal to the eastern (left) bank of the Dnipro River.",
        "Russian forces withdrew from the west bank of the Dnipro River.",
    ],
)
def test_a_withdrawal_across_a_river_is_placed_at_the_stretch_the_paragraph_names(
    pipeline, sentence
) -> None:
    text = f"Ukrainian forces shelled Nova Kakhovka and Beryslav. {sentence}"
    found = [e for e in events(pipeline, text) if e.action == "withdraw"]
    assert [(e.place_id, _side(e)) for e in found] == [("admin1:UA.08", "RU")]
    # Alone it names no stretch: the river's own point lies far upstream.
    assert [e for e in events(pipeline, sentence) if e.action == "withdraw"] == []


def test_positions_on_a_river_bank_are_no_withdrawal_across_it(pipeline) -> None:
    text = (
        "Ukrainian forces shelled Nova Kakhovka. Russian forces are preparing fallback "
        "positions on the left (eastern) bank of the Dnipro River."
    )
    assert [e for e in events(pipeline, text) if e.action == "withdraw"] == []


def test_a_withdrawal_stands_at_the_ground_left_not_where_the_force_went(pipeline) -> None:
    (left,) = events(pipeline, "Russian troops withdrew from Rubizhne toward Kreminna.")
    assert (left.action, _side(left), left.location) == ("withdraw", "RU", "Rubizhne")
    assert left.geo_precision is GeoPrecision.PLACE
    (near,) = events(pipeline, "Russian troops are now retreating towards Kreminna.")
    assert (near.action, near.location) == ("withdraw", "Kreminna")
    assert near.geo_precision is GeoPrecision.NEAR
    # An advance stands at its goal, as before.
    (goal,) = events(pipeline, "Russian troops advanced from Popasna toward Bakhmut.")
    assert (goal.action, goal.location) == ("advance", "Bakhmut")


def test_a_village_the_index_lacks_in_its_oblast_gives_no_event_at_the_oblast(pipeline) -> None:
    # The index has a Nevske in Crimea only: "in Luhansk Oblast" leaves it unplaced.
    text = "Ukrainian forces liberated Nevske in Luhansk Oblast."
    article = Article("report.md", text, source="Daily report", published=PUBLISHED)
    result = pipeline.process(article)
    assert [m.place for m in result.mentions if m.text == "Nevske"] == [None]
    assert not any(e.place_id.startswith("admin1:") for e in result.events)
    # A village the index places there still gives its event.
    (found,) = events(pipeline, "Ukrainian forces liberated Dvorichna in Kharkiv Oblast.")
    assert (found.action, found.location) == ("liberate", "Dvorichna")
