"""A village the index lacks stands where its report states it lies ("X (18km northwest of Y)")."""

from __future__ import annotations

import pytest

from gazetteer.distance import great_circle_km
from geo.model import Article, GeoPrecision
from geo.namesakes import SPOT_PREFIX
from geo.pipeline import Pipeline
from geo.relative import approximate, destination

# The index's only Nevske is in Crimea, 400 km from Kreminna: the village meant is one the
# index lacks.
PLACED = "Ukrainian forces repelled Russian assaults near Nevske (18km northwest of Kreminna)."


@pytest.fixture(scope="module")
def pipeline(gaz) -> Pipeline:
    return Pipeline(gaz)


def _events(pipeline: Pipeline, text: str):
    return list(pipeline.process(Article("report.md", text, source="Desk")).events)


def test_a_village_the_index_lacks_stands_at_the_spot_its_report_states(gaz, pipeline):
    (event,) = _events(pipeline, PLACED)
    assert event.location == "Nevske" and event.action == "hold"
    assert event.place_id.startswith(SPOT_PREFIX) and approximate(event.place_id)
    kreminna = gaz.get("gn:704138")
    lat, lon = destination(kreminna.lat, kreminna.lon, 315.0, 18.0)
    assert great_circle_km(event.latitude, event.longitude, lat, lon) < 1.0
    # rounded figures put it within a few km: approximate, and said so
    assert event.geo_precision is GeoPrecision.NEAR
    assert event.notes.endswith("(18 km from Kreminna, as the report places it)")


def test_without_a_compass_word_or_a_distance_no_spot_is_made(pipeline):
    for text in (
        "Ukrainian forces repelled Russian assaults near Nevske (18km from Kreminna).",
        "Ukrainian forces repelled Russian assaults near Nevske (northwest of Kreminna).",
    ):
        assert not any(e.place_id.startswith(SPOT_PREFIX) for e in _events(pipeline, text)), text


def test_reports_of_one_spot_are_one_place_and_close_to_its_town_a_place(gaz, tmp_path):
    texts = [
        "Russian forces attacked Dvorichchia (2km west of Soledar) on January 17.",
        "Russian sources claimed that Russian forces captured Dvorichchia (2km west of Soledar).",
    ]
    for n, text in enumerate(texts):
        front = f"---\ntitle: report {n}\nsource: Desk\npublished: 2023-01-1{n + 7}\n---\n"
        (tmp_path / f"r{n}.md").write_text(front + text + "\n", "utf-8")
    table = Pipeline(gaz).run([str(tmp_path)]).events
    rows = table[table["location"] == "Dvorichchia"]
    assert len(rows) == 2 and rows["place_id"].nunique() == 1
    assert rows["place_id"].iloc[0].startswith(SPOT_PREFIX)
    # 2 km from its town: as good as a point of the village's own
    assert set(rows["geo_precision"]) == {GeoPrecision.PLACE.value}


def test_approximate_points_are_the_codifiers_and_the_reports():
    assert approximate("katottg:UA14040050090051025")
    assert approximate(f"{SPOT_PREFIX}nevske:gn:704138")
    assert not approximate("gn:706483") and not approximate("near:bridge:gn:706483")


def test_a_name_the_index_has_no_namesake_for_stands_at_its_stated_spot(gaz, pipeline):
    # An invented village: no place anywhere bears its name or one spelt like it.
    (event,) = _events(pipeline, "Russian forces captured Verbozorivka (12km east of Kupiansk).")
    assert (event.action, event.location) == ("capture", "Verbozorivka")
    assert event.place_id.startswith(SPOT_PREFIX)
    kupiansk = gaz.get("gn:703656")
    lat, lon = destination(kupiansk.lat, kupiansk.lon, 90.0, 12.0)
    assert great_circle_km(event.latitude, event.longitude, lat, lon) < 1.0


def test_a_name_the_index_lacks_in_a_place_context_is_reported_unresolved(pipeline):
    for text in (
        "Russian forces shelled the village of Verbozorivka.",
        "Russian forces captured the village of Verbozorivka in Luhansk Oblast.",
        "Fighting continued near Verbozorivka (12km east).",  # no town to measure off
    ):
        result = pipeline.process(Article("report.md", text, source="Desk"))
        assert [m.place for m in result.mentions if m.text == "Verbozorivka"] == [None], text
        assert not result.events, text
    # A capitalised word with no place context is no mention at all.
    result = pipeline.process(Article("r.md", "Verbozorivka said the talks failed.", source="D"))
    assert all(m.text != "Verbozorivka" for m in result.mentions)
