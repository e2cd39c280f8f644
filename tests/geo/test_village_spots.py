"""Villages known only by their hromada stand where the corpus's reports place them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gazetteer.distance import great_circle_km
from gazetteer.index_katottg import ID_PREFIX
from geo.pipeline import Pipeline
from geo.relative import destination, spot_note, stated_spot
from geo.village_spots import place_villages

#: Each report its own article, a day apart.
NEAREST = "Russian forces attacked Pavlivka (2km southwest of Vuhledar) on October 30."
UNPLACED = (
    "Russian sources claimed that Russian forces captured Pavlivka, Donetsk Oblast, on November 1."
)
FARTHER = "Russian troops also attacked Pavlivka (45km southwest of Donetsk City) on November 2."


def _corpus(gaz, tmp_path, *texts: str):
    for n, text in enumerate(texts):
        front = f"---\ntitle: report {n}\nsource: Desk\npublished: 2022-11-0{n + 3}\n---\n"
        (tmp_path / f"r{n}.md").write_text(front + text + "\n", "utf-8")
    table = Pipeline(gaz).run([str(tmp_path)]).events
    return table[table["location"] == "Pavlivka"]


def test_every_report_of_a_village_takes_the_spot_of_the_report_placing_it_nearest(gaz, tmp_path):
    rows = _corpus(gaz, tmp_path, NEAREST, UNPLACED, FARTHER)
    assert len(rows) == 3 and rows["place_id"].str.startswith(ID_PREFIX).all()
    vuhledar = gaz.get("gn:690823")
    lat, lon = destination(vuhledar.lat, vuhledar.lon, 225.0, 2.0)
    for row in rows.itertuples():
        assert great_circle_km(row.latitude, row.longitude, lat, lon) < 1.0, row.notes
    centre = gaz.get(rows["place_id"].iloc[0])
    assert great_circle_km(centre.lat, centre.lon, lat, lon) > 8  # the move is real
    notes = sorted(rows["notes"])
    assert notes == [
        "Russia captured Pavlivka (2 km from Vuhledar, as a report places it)",
        "Russia fought at Pavlivka (2 km from Vuhledar, as a report places it)",
        "Russia fought at Pavlivka (2 km from Vuhledar, as the report places it)",
    ]


def test_a_village_no_report_places_stays_at_its_hromada_centre(gaz, tmp_path):
    (row,) = _corpus(gaz, tmp_path, UNPLACED).itertuples()
    centre = gaz.get(row.place_id)
    assert (row.latitude, row.longitude) == pytest.approx((centre.lat, centre.lon))
    assert row.notes == "Russia captured Pavlivka (its hromada's centre)"


def test_ground_measured_off_a_village_keeps_its_point(gaz):
    from geo.model import Article

    pipeline = Pipeline(gaz)
    placed = pipeline.process(Article("a", NEAREST, source="Desk")).events[0]
    other = pipeline.process(Article("b", FARTHER, source="Desk")).events[0]
    # the same report read as ground 45 km off another place: nothing of the village's
    measured = replace(other, origin_place_id="gn:709717")
    kept, still = place_villages([placed, measured])
    assert still == measured
    # the village keeps its own stated spot, now a place's (2 km from its reference)
    assert replace(kept, geo_precision=placed.geo_precision) == placed
    # read as the village itself, the same report moves to the nearer spot
    assert place_villages([placed, other])[1].latitude == placed.latitude != other.latitude


def test_a_spot_note_reads_back_its_distance_and_reference():
    assert stated_spot(f"Ukraine held Lisne {spot_note(12.5, 'Izium')}") == (12.5, "Izium")
    assert stated_spot(f"Ukraine held Lisne {spot_note(12.5, 'Izium', own=False)}") is None
    assert stated_spot("Ukraine held Lisne (its hromada's centre)") is None
    assert stated_spot("Ukraine held ground near Lisne") is None


def test_a_village_placed_close_to_its_reference_is_a_place_and_its_capture_a_change(gaz, tmp_path):
    from geo.control import model_inputs
    from geo.export import events_from_frame
    from geo.model import GeoPrecision
    from maps.style import side_of

    rows = _corpus(gaz, tmp_path, NEAREST, UNPLACED)
    # 2 km from Vuhledar: a compass word misses by under a kilometre, the village's size
    assert set(rows["geo_precision"]) == {GeoPrecision.PLACE.value}
    claims = model_inputs(events_from_frame(rows), lambda a: side_of(a)[0], None).claims
    captures = [c for c in claims if c.action == "capture"]
    assert captures and all(c.exact and c.place_id == rows["place_id"].iloc[0] for c in captures)


def test_a_village_placed_far_from_its_reference_or_ground_near_it_stays_approximate(gaz, tmp_path):
    from geo.model import GeoPrecision

    far = _corpus(gaz, tmp_path, FARTHER, UNPLACED)
    assert set(far["geo_precision"]) == {GeoPrecision.NEAR.value}  # 45 km: km off
    near = "Ukrainian forces repelled Russian attacks near Pavlivka on October 31."
    rows = _corpus(gaz, tmp_path, NEAREST, near)
    ground = rows[rows["notes"].str.contains("near Pavlivka")]
    assert len(ground) == 1 and ground["geo_precision"].iloc[0] == GeoPrecision.NEAR.value


def test_a_withdrawal_toward_a_placed_village_stays_near_it_an_advance_into_it_is_on_it(
    gaz, tmp_path
):
    from geo.model import GeoPrecision

    went = "Ukrainian forces withdrew toward Pavlivka, Donetsk Oblast, on October 31."
    came = "Russian forces advanced into Pavlivka, Donetsk Oblast, on November 1."
    rows = _corpus(gaz, tmp_path, NEAREST, went, came)
    by_action = dict(zip(rows["action"], rows["geo_precision"], strict=True))
    assert by_action["withdraw"] == GeoPrecision.NEAR.value
    assert by_action["advance"] == GeoPrecision.PLACE.value
    # both stand at the spot the nearest report gives, 2 km from Vuhledar
    assert rows["latitude"].nunique() == 1
