"""Events from articles: actor, action, place, date, sourcing, geometry, ids."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import shapely

from gazetteer.model import Place, PlaceKind
from geo.events import extract_events
from geo.model import Article, GeoPrecision, Mention, TimePrecision, Verification

PUBLISHED = dt.date(2022, 5, 17)  # a Tuesday

TOWN = Place("gn:20", "Dubovets", PlaceKind.SETTLEMENT, 50.0, 36.0, "UA", "Northern", 90000)
HAMLET = Place("gn:21", "Ozerne", PlaceKind.SETTLEMENT, 50.1, 36.4, "UA", "Northern", 300)
PORT = Place("gn:22", "Prymorsk", PlaceKind.SETTLEMENT, 47.0, 37.5, "UA", "Southern", 200000)
AREA = Place(
    "region:stepova",
    "Stepova",
    PlaceKind.REGION,
    48.0,
    38.0,
    "UA",
    geometry=shapely.box(37.0, 47.0, 39.0, 49.0),
)
BORDER = Place(
    "border:RU-UA",
    "Russia-Ukraine border",
    PlaceKind.BORDER,
    50.5,
    36.0,
    geometry=shapely.LineString([(34.0, 50.5), (36.0, 50.5), (38.0, 50.0)]),
)
UKRAINE = Place("country:UA", "Ukraine", PlaceKind.COUNTRY, 49.0, 32.0, "UA")
RUSSIA = Place("country:RU", "Russia", PlaceKind.COUNTRY, 61.0, 90.0, "RU")
NAMES = {
    "Dubovets": TOWN,
    "Ozerne": HAMLET,
    "Prymorsk": PORT,
    "Stepova": AREA,
    "Ukraine": UKRAINE,
    "Russia": RUSSIA,
    "Atlantis": None,
}


class SmallGazetteer:
    """Just what extract_events asks of a gazetteer, over the places above."""

    def country_of_demonym(self, word: str) -> str | None:
        return {"ukrainian": "UA", "russian": "RU"}.get(word.lower())

    def country(self, code: str) -> Place | None:
        return {"UA": UKRAINE, "RU": RUSSIA}.get(code)

    def border(self, a: str, b: str) -> Place | None:
        return BORDER if {a, b} == {"UA", "RU"} else None

    def nearest_border_point(self, place, border, *, direction=None):
        point = shapely.ops.nearest_points(border.geometry, shapely.Point(place.lon, place.lat))[0]
        return (point.y, point.x)

    def resolve(self, name: str, **_: object) -> Place | None:
        return NAMES.get(name)


def mentions(text: str) -> list[Mention]:
    out = []
    for name, place in NAMES.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            out.append(Mention(m.start(), m.end(), name, (), place))
    return sorted(out, key=lambda m: m.start)


def extract(text: str, *, published: dt.date | None = PUBLISHED, source: str = "Courier"):
    article = Article(
        "a.md", text, source=source, url="https://example.invalid/a", published=published
    )
    import shapely.ops  # noqa: F401  (used by the small gazetteer)

    return extract_events(article, mentions(text), gaz=SmallGazetteer())


def test_capture_with_day_date_and_place_point() -> None:
    (event,) = extract("On Saturday, Russian troops captured Prymorsk after a long siege.")
    assert (event.action, event.actor1) == ("capture", "Military Forces of Russia")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.event_date == dt.date(2022, 5, 14)
    assert event.time_precision is TimePrecision.DAY
    assert event.geometry.geom_type == "Point" and event.geo_precision is GeoPrecision.PLACE
    assert (event.location, event.country, event.iso) == ("Prymorsk", "Ukraine", "804")
    assert event.verification is Verification.REPORTED
    assert event.notes == "Russia captured Prymorsk"


def test_quote_and_offsets_point_into_the_article() -> None:
    text = "Fog lay over the fields.\n\nUkrainian troops retook Ozerne on Sunday."
    (event,) = extract(text)
    assert text[event.quote_start : event.quote_end] == event.quote
    assert event.quote == "Ukrainian troops retook Ozerne on Sunday."
    assert (event.event_type, event.sub_event_type) == ("Battles", "Government regains territory")


def test_reach_border_north_of_a_town_is_a_claim_when_unverified() -> None:
    text = (
        "Ukrainian soldiers reached the border north of Dubovets on Sunday, the Ukrainian "
        "defence ministry said. The agency could not independently verify the account. "
        "Russian troops were nowhere to be seen."
    )
    (event,) = extract(text)
    assert (event.action, event.actor1) == ("reach", "Military Forces of Ukraine")
    assert event.place_id == "border:RU-UA" and event.origin_place_id == "gn:20"
    assert (event.country, event.admin1) == ("Ukraine", "Northern")  # the side it was reached from
    assert event.geometry.geom_type == "Point" and event.geo_precision is GeoPrecision.NEAR
    assert BORDER.geometry.distance(event.geometry) < 1e-6
    assert event.verification is Verification.CLAIMED
    assert event.claimed_by == "Ukrainian Ministry of Defence"
    assert event.event_date == dt.date(2022, 5, 15)
    assert event.notes.startswith("Ukraine reached the Russia-Ukraine border")


def test_back_reference_to_the_paragraph_place_and_confirmation() -> None:
    text = (
        "Dubovets has seen heavy shelling for weeks. Foreign officials confirmed on Monday "
        "that Ukrainian forces had pushed the Russians back around the city."
    )
    events = [e for e in extract(text) if e.action == "advance"]
    assert len(events) == 1
    event = events[0]
    assert event.actor1 == "Military Forces of Ukraine"
    assert event.actor2 == "Military Forces of Russia"
    assert event.place_id == "gn:20" and event.geo_precision is GeoPrecision.NEAR
    assert event.verification is Verification.CONFIRMED
    assert event.event_date == dt.date(2022, 5, 16)


def test_vague_date_is_a_before_publication_interval() -> None:
    (event,) = extract("After withdrawing from Ozerne, Russia moved its units south.")
    assert (event.action, event.actor1, event.location) == (
        "withdraw",
        "Military Forces of Russia",
        "Ozerne",
    )
    assert event.date_start is None and event.date_end == PUBLISHED
    assert event.time_precision is TimePrecision.BEFORE_PUBLICATION
    assert not event.undated


def test_no_publication_date_means_undated_never_today() -> None:
    (event,) = extract("Russian troops captured Prymorsk on Saturday.", published=None)
    assert event.undated
    assert event.event_date is None and event.date_start is None and event.date_end is None


def test_region_reference_gives_the_polygon() -> None:
    text = (
        "The hardest fighting is in Stepova, analysts say. Russian forces made gains in "
        "parts of the region this week."
    )
    events = [e for e in extract(text) if e.action == "advance"]
    assert len(events) == 1
    assert events[0].geometry.geom_type == "Polygon"
    assert events[0].geo_precision is GeoPrecision.REGION


def test_place_without_action_and_action_without_place_give_nothing() -> None:
    assert extract("Dubovets is a quiet market town on the river.") == []
    assert extract("Russian troops captured a hill after a long siege.") == []


def test_unresolved_mentions_and_countries_are_not_locations() -> None:
    assert extract("Russian troops captured Atlantis.") == []
    assert extract("Ukraine captured the initiative in Russia.") == []


def test_hold_when_an_attack_was_stopped() -> None:
    text = "After stopping Russian troops from taking the capital, Prymorsk, Ukraine held on."
    events = extract(text)
    assert [(e.action, e.actor1, e.location) for e in events] == [
        ("hold", "Military Forces of Ukraine", "Prymorsk")
    ]


def test_invaders_resolve_to_the_foreign_side() -> None:
    text = "Russian troops shelled Dubovets on Monday. The invaders pulled out of Ozerne on Sunday."
    events = {e.action: e for e in extract(text)}
    assert events["withdraw"].actor1 == "Military Forces of Russia"


def test_loss_of_equipment() -> None:
    (event,) = extract(
        "Villagers photographed a burnt Russian tank destroyed near Ozerne on Monday."
    )
    assert (event.action, event.actor1) == ("loss", "Military Forces of Russia")
    assert event.geo_precision is GeoPrecision.NEAR


def test_strategic_development_is_placed_on_the_country() -> None:
    (event,) = extract("Ukraine signed a ceasefire proposal on Monday.")
    assert event.action == "strategic" and event.event_type == "Strategic developments"
    assert event.actor1 == "Government of Ukraine"
    assert event.geo_precision is GeoPrecision.REGION


def test_ids_are_stable_and_distinct() -> None:
    text = "Russian troops captured Prymorsk. Ukrainian troops retook Ozerne."
    first = [e.event_id for e in extract(text)]
    again = [e.event_id for e in extract(text)]
    other = [e.event_id for e in extract(text, source="Gazette")]
    assert first == again and len(set(first)) == 2
    assert set(first).isdisjoint(other)
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in first)


def test_confidence_rises_with_what_is_known() -> None:
    (sure,) = extract("On Sunday, Russian troops captured Prymorsk.")
    (vague,) = extract(
        "They say Russian forces captured the region.\n\nRussian troops advanced toward Stepova."
    )[-1:]
    assert 0.0 <= vague.confidence < sure.confidence <= 1.0


@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_empty_article(published) -> None:
    assert extract("", published=published) == []


def test_unverified_claim_in_the_next_paragraph_about_the_same_action() -> None:
    text = (
        "Ukrainian soldiers reached Ozerne on Sunday, the Ukrainian defence ministry said.\n\n"
        "The agency could not verify whether the soldiers reached the village.\n\n"
        "Russian troops shelled Prymorsk on Monday.\n\n"
        "Aid workers could not verify reports of casualties."
    )
    events = {e.action: e for e in extract(text)}
    assert events["reach"].verification is Verification.CLAIMED
    assert events["reach"].claimed_by == "Ukrainian Ministry of Defence"
    # a doubt about something else in the next paragraph does not touch the strike
    assert events["strike"].verification is Verification.REPORTED


def test_demonym_mentions_are_not_locations() -> None:
    text = "Ukrainian forces retook Ozerne and the Russian side lost ground."
    article = Article("a.md", text, published=PUBLISHED)
    start = text.index("Russian")
    # a recogniser may resolve the adjective to a look-alike village
    lookalike = Place("gn:99", "Rusyn", PlaceKind.SETTLEMENT, 45.0, 20.0, "RS")
    found = [*mentions(text), Mention(start, start + 7, "Russian", (), lookalike)]
    events = extract_events(article, found, gaz=SmallGazetteer())
    assert [e.location for e in events] == ["Ozerne"]


# -- with the real gazetteer ------------------------------------------------------------------


def resolved_mentions(gaz, text: str, names: list[str]) -> list[Mention]:
    out = []
    for name in names:
        start = text.index(name)
        out.append(Mention(start, start + len(name), name, (), gaz.resolve(name, country="UA")))
    return out


def test_real_gazetteer_border_north_of_a_city(gaz) -> None:
    text = (
        "Ukrainian paratroopers reached the border with Russia north of Sumy on Saturday, "
        "officials in Kyiv said."
    )
    article = Article("r.md", text, source="Courier", published=PUBLISHED)
    events = extract_events(article, resolved_mentions(gaz, text, ["Sumy"]), gaz=gaz)
    (event,) = [e for e in events if e.action == "reach"]
    border = gaz.border("UA", "RU")
    sumy = gaz.resolve("Sumy", country="UA")
    assert event.place_id == border.id and event.origin_place_id == sumy.id
    assert border.shape.distance(event.geometry) < 0.01
    assert event.latitude > sumy.lat  # north of the city
    from geo.relative import distance_km

    assert distance_km((sumy.lat, sumy.lon), (event.latitude, event.longitude)) < 120
    assert event.event_date == dt.date(2022, 5, 14)


def test_real_gazetteer_region_and_demonyms(gaz) -> None:
    text = "Belarusian units crossed into Ukraine and Russian forces shelled Chernihiv on Monday."
    article = Article("r.md", text, source="Courier", published=PUBLISHED)
    events = extract_events(
        article, resolved_mentions(gaz, text, ["Ukraine", "Chernihiv"]), gaz=gaz
    )
    strikes = [e for e in events if e.action == "strike"]
    assert [(e.actor1, e.location) for e in strikes] == [("Military Forces of Russia", "Chernihiv")]
    assert strikes[0].event_type == "Explosions/Remote violence"
    assert not [e for e in events if e.location == "Ukraine"]  # a country is not a front line


def test_real_gazetteer_region_is_its_polygon(gaz) -> None:
    text = "Russian forces shelled villages across the Kharkiv region on Monday."
    start = text.index("Kharkiv")
    region = gaz.resolve("Kharkiv", cues=("region",), country="UA")
    article = Article("r.md", text, source="Courier", published=PUBLISHED)
    (event,) = extract_events(
        article, [Mention(start, start + 7, "Kharkiv", ("region",), region)], gaz=gaz
    )
    assert event.action == "strike" and event.geo_precision is GeoPrecision.REGION
    assert event.geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert event.geometry.contains(
        shapely.Point(
            gaz.resolve("Kharkiv", country="UA").lon, gaz.resolve("Kharkiv", country="UA").lat
        )
    )


def test_pronoun_in_the_same_sentence_takes_the_actor_just_named() -> None:
    text = (
        "Russian troops shelled Prymorsk on Monday. Ukrainian units crossed the river on "
        "Sunday and they retook Ozerne."
    )
    events = {e.action: e for e in extract(text)}
    assert events["liberate"].actor1 == "Military Forces of Ukraine"


def test_withdrawal_toward_a_place_is_summarised_as_such() -> None:
    (event,) = extract("Russian troops fell back toward Ozerne on Sunday.")
    assert event.action == "withdraw"
    assert event.notes == "Russia withdrew toward Ozerne"


def _one(events, action: str):
    found = [e for e in events if e.action == action]
    assert len(found) == 1, [(e.action, e.location, e.actor1) for e in events]
    return found[0]


def test_relative_clause_event_is_placed_on_its_antecedent_as_background() -> None:
    text = (
        "Ukrainian units followed the columns into Ozerne, which Russian forces captured in "
        "early April and used as a base in the Stepova region."
    )
    events = extract(text)
    capture = _one(events, "capture")
    assert (capture.actor1, capture.location) == ("Military Forces of Russia", "Ozerne")
    assert (capture.date_start, capture.date_end) == (dt.date(2022, 4, 1), dt.date(2022, 4, 10))
    advance = _one(events, "advance")
    assert (advance.actor1, advance.location) == ("Military Forces of Ukraine", "Ozerne")
    assert capture.confidence < advance.confidence


def test_main_verb_after_a_who_clause_belongs_to_the_head_noun() -> None:
    text = "Ukrainian troops who drove Russian forces away from Dubovets have reached Ozerne."
    reach = _one(extract(text), "reach")
    assert (reach.actor1, reach.location) == ("Military Forces of Ukraine", "Ozerne")


def test_relative_clause_dates_its_own_verb_only() -> None:
    text = (
        "Ukrainian troops entered Ozerne, a village north of Dubovets that Russian forces had "
        "occupied since early March, on Sunday."
    )
    events = extract(text)
    entry = _one(events, "advance")
    assert (entry.location, entry.event_date) == ("Ozerne", dt.date(2022, 5, 15))
    hold = _one(events, "hold")
    assert (hold.actor1, hold.location) == ("Military Forces of Russia", "Ozerne")
    assert (hold.date_start, hold.event_date) == (dt.date(2022, 3, 1), dt.date(2022, 3, 1))
    assert hold.date_end == PUBLISHED
    assert hold.confidence < entry.confidence


def test_passive_verb_is_about_its_subject_not_an_appositive_place() -> None:
    text = (
        "Dubovets, a town in the Stepova region, north of Ozerne, had been held by Russian "
        "forces since late March."
    )
    hold = _one(extract(text), "hold")
    assert (hold.location, hold.actor1) == ("Dubovets", "Military Forces of Russia")
    assert hold.event_date == dt.date(2022, 3, 21)


def test_transitive_verb_without_object_after_it_takes_the_place_before() -> None:
    text = "Russia has a corridor through the parts of Stepova it already controls, to Prymorsk."
    hold = _one(extract(text), "hold")
    assert hold.location == "Stepova"


@pytest.mark.parametrize(
    ("text", "action", "side"),
    [
        ("Moscow said Russian troops had liberated Prymorsk on Friday.", "capture", "RU"),
        ("Ukrainian troops captured Prymorsk on Friday.", "liberate", "UA"),
        ("Ukrainian troops took back Prymorsk on Friday.", "liberate", "UA"),
        ("Prymorsk had been fully cleared of Russian troops by Friday.", "liberate", "UA"),
    ],
)
def test_retaking_own_ground_is_liberation_taking_the_other_sides_is_capture(
    text: str, action: str, side: str
) -> None:
    text = "Russian troops fought Ukrainian troops near Dubovets. " + text
    event = next(e for e in extract(text) if e.location == "Prymorsk")
    assert event.action == action
    assert event.actor1.endswith("Russia" if side == "RU" else "Ukraine")


def test_entering_a_town_is_liberation_only_when_the_article_speaks_of_retaking() -> None:
    entry = "Ukrainian soldiers entered Ozerne on Saturday, Russian officials said."
    assert _one(extract(entry), "advance").location == "Ozerne"
    retaken = "Ukrainian forces retook Dubovets last week. " + entry
    assert "Ozerne" in {e.location for e in extract(retaken) if e.action == "liberate"}


def test_control_events_name_the_other_side_in_a_two_party_war() -> None:
    text = "Ukrainian troops fought Russian units near Ozerne. Russian troops left Dubovets."
    withdraw = _one(extract(text), "withdraw")
    assert (withdraw.actor1, withdraw.actor2) == (
        "Military Forces of Russia",
        "Military Forces of Ukraine",
    )


def test_a_capital_that_speaks_is_not_an_event_place() -> None:
    capital = Place("gn:99", "Washington", PlaceKind.SETTLEMENT, 38.9, -77.0, "US", "", 700000)
    text = (
        "Russian troops pulled out of Dubovets on Monday. A spokesman said Washington regarded "
        "the move as a retreat of Russian troops."
    )
    found = mentions(text)
    at = text.index("Washington")
    found.append(Mention(at, at + len("Washington"), "Washington", (), capital))
    article = Article("a.md", text, source="Courier", published=PUBLISHED)
    events = extract_events(article, sorted(found, key=lambda m: m.start), gaz=SmallGazetteer())
    assert {e.location for e in events} == {"Dubovets"}


def test_the_town_refers_to_the_settlement_named_before_not_the_region_after() -> None:
    text = (
        "Ukrainian officials said on Sunday that Ozerne was quiet, a day after Russian troops "
        "withdrew from the town in the north of the Stepova region."
    )
    withdraw = _one(extract(text), "withdraw")
    assert withdraw.location == "Ozerne"


def test_the_city_without_a_settlement_nearby_is_the_articles_main_place() -> None:
    text = (
        "Dubovets was shelled again on Monday. Dubovets lost power.\n\n"
        "Officials said on Tuesday that Russian troops had pulled out of the city."
    )
    assert _one(extract(text), "withdraw").location == "Dubovets"


def test_real_gazetteer_places_far_from_the_war_get_no_front_line_event(gaz) -> None:
    from geo.pipeline import Pipeline

    text = (
        "Russian forces withdrew from Izium on Saturday, Ukrainian officials said. "
        "Russian forces also withdrew from Toronto and Lima on Saturday."
    )
    article = Article("a.md", text, source="Courier", published=PUBLISHED)
    events = extract_events(article, Pipeline(gaz).geoparse(text), gaz=gaz)
    countries = {e.country for e in events}
    assert countries == {"Ukraine"}, [(e.location, e.country) for e in events]


def test_driving_the_enemy_out_of_ones_own_town_is_a_liberation() -> None:
    text = "Ukrainian forces have driven Russian troops out of Dubovets, the mayor said on Monday."
    event = _one(extract(text), "liberate")
    assert (event.location, event.actor1) == ("Dubovets", "Military Forces of Ukraine")
    assert event.event_date == dt.date(2022, 5, 16)


def test_place_inside_the_action_phrase_is_its_target() -> None:
    text = "Shelling of Prymorsk intensified over the weekend, local officials said."
    event = _one(extract(text), "strike")
    assert event.location == "Prymorsk"
    assert (event.date_start, event.date_end) == (dt.date(2022, 5, 14), dt.date(2022, 5, 15))


@pytest.mark.parametrize(
    "sentence",
    ["Prymorsk fell on Sunday after weeks of street fighting.", "The fall of Prymorsk on Sunday"],
)
def test_a_fallen_town_is_captured_by_the_side_opposed_to_its_country(sentence: str) -> None:
    text = "Russian troops fought Ukrainian troops near Dubovets. " + sentence + " shocked many."
    event = _one(extract(text), "capture")
    assert (event.location, event.actor1) == ("Prymorsk", "Military Forces of Russia")
    assert event.actor2 == "Military Forces of Ukraine"
    assert event.event_date == dt.date(2022, 5, 15)


def test_a_claim_by_a_non_party_is_still_a_claim() -> None:
    text = "Local officials claimed on Sunday that Ukrainian troops had retaken Ozerne."
    event = _one(extract(text), "liberate")
    assert event.verification is Verification.CLAIMED
    assert event.claimed_by == "Local officials"


def test_held_phrases_name_their_side_and_the_adjacent_or_subject_place() -> None:
    text = "Ukrainian units advanced into Russian-held ground near the river, officials said."
    assert not [e for e in extract(text) if e.action == "hold"]
    held = _one(extract("Residents described life in Russian-held Prymorsk."), "hold")
    assert (held.location, held.actor1) == ("Prymorsk", "Military Forces of Russia")
    hands = _one(extract("Across the river, Ozerne remains in Ukrainian hands."), "hold")
    assert (hands.location, hands.actor1) == ("Ozerne", "Military Forces of Ukraine")


def test_a_second_that_clause_of_an_assessment_is_reported_speech() -> None:
    text = (
        "Analysts assessed that the front had moved and that Ukrainian units were now pressing "
        "from Dubovets toward Ozerne."
    )
    advance = _one(extract(text), "advance")
    assert advance.actor1 == "Military Forces of Ukraine"
    assert advance.geometry.geom_type == "LineString"  # an arrow from Dubovets to Ozerne
    assert advance.location == "Ozerne"


def test_the_headline_settlement_is_the_main_place() -> None:
    text = (
        "Dubovets and Ozerne were shelled again on Monday.\n\n"
        "Officials said on Tuesday that Russian troops had pulled out of the town."
    )
    article = Article(
        "a.md", text, title="Russians leave Ozerne", source="Courier", published=PUBLISHED
    )
    events = extract_events(article, mentions(text), gaz=SmallGazetteer())
    assert _one(events, "withdraw").location == "Ozerne"


def test_a_capital_struck_by_missiles_is_an_event_place() -> None:
    capital = Place("gn:98", "Kyiv", PlaceKind.SETTLEMENT, 50.45, 30.52, "UA", "Kyiv", 2900000)
    text = "Russian missiles struck Kyiv overnight, officials said."
    at = text.index("Kyiv")
    found = [Mention(at, at + 4, "Kyiv", (), capital)]
    article = Article("a.md", text, source="Courier", published=PUBLISHED)
    events = extract_events(article, found, gaz=SmallGazetteer())
    assert [(e.action, e.location) for e in events] == [("strike", "Kyiv")]


def test_a_strike_is_no_hold_even_with_a_purpose_of_taking_the_place() -> None:
    text = (
        "Russian troops struck Ozerne with artillery on Monday to set conditions for an "
        "assault to take control of the village."
    )
    assert [(e.action, e.location) for e in extract(text)] == [("strike", "Ozerne")]


def test_a_direction_named_after_a_town_is_no_control_claim_on_it() -> None:
    assert extract("Russian forces continued to hold positions in the Dubovets direction.") == []
    assert extract("Russian units defended their lines on the Dubovets-Ozerne axis.") == []
