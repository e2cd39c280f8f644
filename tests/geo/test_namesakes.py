"""Villages of one name told apart by the report's geography; names that are no places.

The sentences are written for these tests; every place comes from the real gazetteer.
"""

from __future__ import annotations

import pytest

from gazetteer.distance import great_circle_km
from gazetteer.model import PlaceKind
from geo.recognize import find_spans
from geo.resolve import geoparse, resolve_spans
from geo.vetting import NEAR_PREFIX, WITHIN_PREFIX


def _all(text, gaz, surface):
    return [m for m in geoparse(text, gaz) if m.text == surface]


def _one(text, gaz, surface):
    found = _all(text, gaz, surface)
    assert found, f"{surface!r} not found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "oblast"),
    [
        ("Artillery hit Pavlivka, Donetsk Oblast, at night.", "Pavlivka", "Donetsk"),
        ("Artillery hit Pavlivka, Kharkiv Oblast, at night.", "Pavlivka", "Kharkiv"),
        ("Drones struck Vesele (northern Kharkiv Oblast) twice.", "Vesele", "Kharkiv"),
        (
            "Troops held out near Kamianka and Vesele in Kharkiv Oblast on Friday.",
            "Kamianka",
            "Kharkiv",
        ),
    ],
)
def test_a_qualifying_oblast_restricts_the_village(gaz, text, surface, oblast):
    m = _one(text, gaz, surface)
    assert m.place is not None and m.place.kind is PlaceKind.SETTLEMENT
    assert m.place.admin1 == oblast


def test_the_village_among_its_neighbours_wins(gaz):
    text = (
        "Fighting went on near Avdiivka, Krasnohorivka, Marinka and Vesele. "
        "In the south, guns fired on Vesele near Melitopol and Tokmak."
    )
    first, second = _all(text, gaz, "Vesele")
    avdiivka = _one(text, gaz, "Avdiivka").place
    tokmak = _one(text, gaz, "Tokmak").place
    assert great_circle_km(first.place.lat, first.place.lon, avdiivka.lat, avdiivka.lon) < 40
    assert great_circle_km(second.place.lat, second.place.lon, tokmak.lat, tokmak.lon) < 60


def test_a_town_is_not_moved_to_a_village_of_its_name_by_one_neighbour(gaz):
    text = (
        "Ukrainian forces advanced on Lyman from Sviatohirsk and Yampil. "
        "The retreat from Lyman recalled the one from Balakliia, Kharkiv Oblast."
    )
    places = {m.place.id for m in _all(text, gaz, "Lyman")}
    assert len(places) == 1
    lyman = _one(text, gaz, "Lyman").place
    assert lyman.admin1 == "Donetsk" and lyman.population > 10_000


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of the Kupiansk Battalion and the Wagner Group moved south. "
        "Wagner fighters then shelled Bakhmut and Soledar.",
        "PMC Wagner recruited in prisons. Wagner later stormed Soledar near Bakhmut.",
    ],
)
def test_a_name_the_report_gives_an_organisation_is_no_place(gaz, text):
    assert not _all(text, gaz, "Wagner")
    assert _one(text, gaz, "Soledar").place is not None


def test_a_name_alone_in_quotes_is_no_place(gaz):
    text = "The “Kakhovka” channel said guns fired on Beryslav and Kherson."
    assert not _all(text, gaz, "Kakhovka")
    assert _one(text, gaz, "Beryslav").place is not None
    # a possessive is no closing quote
    assert _all("Shelling hit ‘Kherson’s outskirts near Beryslav.", gaz, "Kherson")


@pytest.mark.parametrize(
    ("text", "expect_oblast"),
    [
        ("Officials of the Donetsk People’s Republic met in Moscow.", "Donetsk"),
        ("The Luhansk People's Republic militia shelled Sievierodonetsk.", "Luhansk"),
    ],
)
def test_a_peoples_republic_is_its_oblast(gaz, text, expect_oblast):
    m = next(m for m in geoparse(text, gaz) if m.text.startswith(expect_oblast))
    assert m.place.kind is PlaceKind.ADMIN1 and m.place.admin1 == expect_oblast


@pytest.mark.parametrize(
    ("text", "name", "oblast"),
    [
        ("They moved the capital of occupied Zaporizhzhia to Melitopol.", "Zaporizhzhia", True),
        ("The administrative capital for Russian-occupied Kherson is Henichesk.", "Kherson", True),
        ("Shelling hit the centre of Kherson at night.", "Kherson", False),
        ("The regional capital Kherson lost power at night.", "Kherson", False),
    ],
)
def test_the_place_a_capital_serves_is_its_oblast(gaz, text, name, oblast):
    m = next(m for m in geoparse(text, gaz) if m.text == name)
    assert (m.place.kind is PlaceKind.ADMIN1) is oblast and m.place.admin1 == name


def test_a_stream_without_a_record_is_placed_at_the_village_beside_it(gaz):
    text = "Boats crossed the Kyslenka River near Kardashynka at night."
    m = _one(text, gaz, "Kyslenka River")
    town = _one(text, gaz, "Kardashynka").place
    assert m.place is not None and m.place.id == f"{NEAR_PREFIX}river:{town.id}"
    assert m.place.kind is PlaceKind.FEATURE and (m.place.lat, m.place.lon) == (town.lat, town.lon)


def test_a_stream_with_only_an_oblast_lies_within_it(gaz):
    text = "Patrols closed the Kyslenka River to boats in occupied Kherson Oblast."
    m = _one(text, gaz, "Kyslenka River")
    assert m.place is not None and m.place.id.startswith(WITHIN_PREFIX)
    assert m.place.kind is PlaceKind.REGION and m.place.admin1 == "Kherson"


def test_without_the_text_spans_resolve_as_before(gaz):
    text = "Artillery hit Pavlivka, Kharkiv Oblast, at night."
    spans = find_spans(text, gaz)
    plain = {m.text: m.place for m in resolve_spans(spans, gaz)}
    read = {m.text: m.place for m in resolve_spans(spans, gaz, text=text)}
    assert read["Pavlivka"].admin1 == "Kharkiv"
    assert plain["Pavlivka"] is not None


def test_a_name_before_city_is_the_city_not_its_oblast(gaz):
    text = "Missiles struck Zaporizhia City, Ochakiv and Nikopol overnight."
    m = next(m for m in geoparse(text, gaz) if m.text.startswith("Zaporizhia"))
    assert m.place.kind is PlaceKind.SETTLEMENT and m.place.admin1 == "Zaporizhzhia"


def test_a_city_reached_by_another_name_yields_to_the_village_that_bears_it(gaz):
    """A Ukrainian village's name that is also a city abroad's other name is the village."""
    text = (
        "Artillery hit Kupiansk and Izium. Ukrainian troops entered Olhyne and Knyzivka, "
        "and Russian units left Vysokopillia."
    )
    p = next(m.place for m in geoparse(text, gaz) if m.text == "Olhyne")
    assert p is not None and p.country == "UA"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Officials in Rostov and Belgorod reported new volunteers.", "Rostov", "RU"),
        ("Units massed near Mogilev, Gomel and Brest in Belarus.", "Mogilev", "BY"),
    ],
)
def test_a_city_named_by_a_short_or_foreign_form_stays(gaz, text, name, country):
    p = next(m.place for m in geoparse(text, gaz) if m.text == name)
    assert p is not None and p.country == country and p.population >= 100_000


def test_a_city_far_off_a_stated_distance_yields_to_its_village_namesake(gaz):
    text = "Russian forces attacked Makiivka (23km northwest of Kreminna) and Bilohorivka."
    got = {m.text: m.place for m in geoparse(text, gaz) if m.place is not None}
    village, ref = got["Makiivka"], got["Kreminna"]
    assert village.population < 100_000
    assert abs(great_circle_km(village.lat, village.lon, ref.lat, ref.lon) - 23) < 30


def test_a_codifier_village_is_not_outweighed_by_a_far_counted_namesake(gaz):
    text = (
        "Ukrainian forces repelled assaults southwest of Avdiivka near Vodyane, Pobieda, "
        "and Marinka."
    )
    got = {m.text: m.place for m in geoparse(text, gaz) if m.place is not None}
    v, ref = got["Vodyane"], got["Avdiivka"]
    assert great_circle_km(v.lat, v.lon, ref.lat, ref.lon) < 60


def _bearing_km(ref, p) -> tuple[float, float]:
    from geo.relative import bearing_between

    return (
        bearing_between((ref.lat, ref.lon), (p.lat, p.lon)),
        float(great_circle_km(ref.lat, ref.lon, p.lat, p.lon)),
    )


@pytest.mark.parametrize(("word", "bearing"), [("southwest", 225.0), ("southeast", 135.0)])
def test_the_stated_side_of_the_reference_tells_namesakes_apart(gaz, word, bearing):
    text = f"Shelling hit Blahodatne (about 50 km {word} of Donetsk) on Sunday."
    village, ref = _one(text, gaz, "Blahodatne").place, _one(text, gaz, "Donetsk").place
    az, km = _bearing_km(ref, village)
    assert abs((az - bearing + 180) % 360 - 180) <= 45
    assert km == pytest.approx(50, abs=15)


def test_a_list_shares_the_reference_stated_after_it(gaz):
    text = (
        "Shelling hit Novoselivka and Blahodatne, both about 45 km southwest of Donetsk, "
        "on Sunday, the army said."
    )
    village, ref = _one(text, gaz, "Blahodatne").place, _one(text, gaz, "Donetsk").place
    az, km = _bearing_km(ref, village)
    assert abs((az - 225 + 180) % 360 - 180) <= 45
    assert km == pytest.approx(45, abs=15)


def test_a_populous_city_named_bare_is_not_a_village_that_once_bore_its_name(gaz):
    text = (
        "Russian forces shelled Siversk, Raihorodok, Sloviansk and Kramatorsk on Monday. "
        "Russian forces also fired missiles at a school and a market in Mykolaiv city. "
        "Fighting went on near Bakhmut and Soledar."
    )
    city = _one(text, gaz, "Mykolaiv").place
    assert city is not None and city.population >= 100_000
    assert city.admin1 == "Mykolaiv"


@pytest.mark.parametrize(
    "text",
    [
        "Drone footage showed Ukrainian troops entering Makiivka, about 23km southwest of Svatove.",
        "Artillery fire near Makiivka, Luhansk Oblast, wounded several soldiers on Friday.",
    ],
)
def test_a_city_outside_the_stated_unit_or_distance_yields_to_a_village(gaz, text):
    village = _one(text, gaz, "Makiivka").place
    assert village is not None and village.population < 100_000
    assert village.admin1 == "Luhansk"


def test_a_city_inside_the_stated_unit_stays_the_city(gaz):
    text = "A strike on a barracks in Makiivka, Donetsk Oblast, wounded dozens on Friday."
    city = _one(text, gaz, "Makiivka").place
    assert city is not None and city.population >= 100_000


def test_respective_distances_after_a_list_go_to_its_members_in_order(gaz):
    text = (
        "Ukrainian troops held off attacks on Novoselivske and Makiivka, about 19km "
        "northwest and 21km southwest of Svatove, respectively, on Thursday."
    )
    village = _one(text, gaz, "Makiivka").place
    assert village is not None and village.population < 100_000
    assert village.admin1 == "Luhansk"


def test_a_unit_after_a_list_does_not_move_a_city_named_first(gaz):
    text = "Drones struck Nikopol and Bashtanka Raion in Mykolaiv Oblast overnight."
    city = _one(text, gaz, "Nikopol").place
    assert city is not None and city.population >= 100_000


@pytest.mark.parametrize(
    "text",
    [
        "Shelling was reported in Zaitseve and Kodema, some 9 and 13 km southeast of "
        "Bakhmut, respectively, on Tuesday.",
        "Assaults on Kodema, Vershyna and Zaitseve (all within 15km of Bakhmut) failed.",
    ],
)
def test_a_shared_bound_or_respective_figures_keep_a_village_by_its_reference(gaz, text):
    village, ref = _one(text, gaz, "Zaitseve").place, _one(text, gaz, "Bakhmut").place
    assert great_circle_km(ref.lat, ref.lon, village.lat, village.lon) < 16
