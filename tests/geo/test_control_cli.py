"""``frontline control`` end to end: real extraction, the real gazetteer, the written file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def events_file(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("control")
    (root / "a.md").write_text(
        "---\npublished: 2022-10-01\nsource: Test Wire\n---\n\n"
        "Ukrainian forces recaptured Lyman on Saturday, the defence ministry said.\n\n"
        "Russian forces captured Popasna on Saturday, officials confirmed.\n",
        encoding="utf-8",
    )
    out = root / "events.geojson"
    done = run("extract", str(root / "a.md"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def test_control_writes_places_areas_and_front_byte_identically(events_file, tmp_path):
    first, second = tmp_path / "c1.geojson", tmp_path / "c2.geojson"
    for out in (first, second):
        done = run("control", str(events_file), "--date", "2022-10-02", "-o", str(out))
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    places = {
        f["properties"]["name"]: f["properties"]
        for f in doc["features"]
        if f["properties"]["kind"] == "place"
    }
    assert places["Lyman"]["side"] == "UA" and places["Popasna"]["side"] == "RU"
    assert places["Lyman"]["last_report"] == "2022-10-01"
    assert places["Lyman"]["evidence"] and places["Lyman"]["place_id"]
    areas = {
        f["properties"]["side"]: f["geometry"]["type"]
        for f in doc["features"]
        if f["properties"]["kind"] == "area"
    }
    assert set(areas) == {"RU", "UA"}
    assert set(areas.values()) <= {"Polygon", "MultiPolygon"}


def test_control_before_any_report_knows_nothing(events_file, tmp_path):
    out = tmp_path / "c.geojson"
    done = run("control", str(events_file), "--date", "2022-09-01", "-o", str(out))
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert "area" not in kinds and "front" not in kinds
    assert {f["properties"]["side"] for f in doc["features"]} == {""}


def test_a_baseline_map_seeds_the_places_inside_it(events_file, tmp_path):
    baseline = tmp_path / "start.geojson"
    # our own small map: a box in the east held by one side on a date
    baseline.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"side": "RU", "date": "2022-09-15"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [
                                    [37.0, 47.0],
                                    [40.5, 47.0],
                                    [40.5, 50.5],
                                    [37.0, 50.5],
                                    [37.0, 47.0],
                                ]
                            ],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "c.geojson"
    done = run(
        "control",
        str(events_file),
        "--date",
        "2022-10-02",
        "--baseline",
        str(baseline),
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    import shapely

    areas = {
        f["properties"]["side"]: shapely.geometry.shape(f["geometry"])
        for f in doc["features"]
        if f["properties"]["kind"] == "area"
    }
    assert areas["RU"].contains(shapely.Point(39.5, 48.0))  # seeded, far from the reports
    assert areas["UA"].contains(shapely.Point(30.5, 50.45))  # the rest of the country
    fronts = [f for f in doc["features"] if f["properties"]["kind"] == "front"]
    assert len(fronts) == 1 and fronts[0]["properties"]["inferred"] is True


def test_a_bad_baseline_is_named(events_file, tmp_path):
    bad = tmp_path / "broken.geojson"
    bad.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {}, "geometry": null}]}',
        encoding="utf-8",
    )
    done = run(
        "control", str(events_file), "--baseline", str(bad), "-o", str(tmp_path / "c.geojson")
    )
    assert done.returncode == 1
    assert "broken.geojson" in done.stderr and "side" in done.stderr
    assert not (tmp_path / "c.geojson").exists()


def test_control_without_the_place_index_fails_clearly_not_differently(events_file, tmp_path):
    # Without the index the areas would come from the reported places alone: a
    # different file from the same events. The command says so instead.
    import os

    env = {**os.environ, "FRONTLINE_CACHE": str(tmp_path / "empty-cache")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo.cli",
            "control",
            str(events_file),
            "--date",
            "2022-10-02",
            "-o",
            str(tmp_path / "c.geojson"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode != 0
    assert "gazetteer build" in done.stderr
    assert not (tmp_path / "c.geojson").exists()
