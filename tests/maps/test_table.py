from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString

from gazetteer.exc import InputError
from maps.table import load_events, map_events


@pytest.mark.parametrize("suffix", [".geojson", ".parquet", ".csv"])
def test_load_events_reads_every_extract_format(tmp_path, events, suffix):
    path = tmp_path / f"events{suffix}"
    if suffix == ".geojson":
        events.to_file(path, driver="GeoJSON")
    elif suffix == ".parquet":
        events.to_parquet(path)
    else:
        frame = pd.DataFrame(events.drop(columns="geometry"))
        frame["geometry"] = events.geometry.to_wkt()
        frame.to_csv(path, index=False)
    got = map_events(load_events(path))
    want = map_events(load_events(events))
    assert [e.event_id for e in got] == [e.event_id for e in want]
    assert [e.day for e in got] == [e.day for e in want]
    lines = [e for e in got if e.geometry is not None and e.geometry.geom_type == "LineString"]
    assert lines, "LineString geometries survive the round trip"


def test_missing_column_names_the_file(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"event_id": ["a"], "latitude": [1.0]}).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"bad\.csv.*action"):
        load_events(path)


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="frontline extract"):
        load_events(tmp_path / "nope.geojson")


def test_rows_without_coordinates_are_not_mapped_and_undated_rows_go_last():
    frame = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "action": ["capture", "hold", "strike", "advance"],
            "latitude": [49.0, None, 48.0, 47.0],
            "longitude": [36.0, None, 35.0, 34.0],
            "event_date": ["2022-03-02", "2022-03-01", None, "2022-03-01"],
            "date_start": [None, None, None, None],
            "date_end": [None, None, None, None],
            "published_at": [None, None, None, None],
            "undated": [False, False, True, False],
        }
    )
    got = map_events(frame)
    assert [e.event_id for e in got] == ["d", "a", "c"]
    assert got[-1].day is None and got[-1].date_label == "date unknown"


def test_interval_dates_read_as_an_interval():
    frame = gpd.GeoDataFrame(
        {
            "event_id": ["w"],
            "action": ["withdraw"],
            "latitude": [49.0],
            "longitude": [36.0],
            "event_date": [None],
            "date_start": ["2022-03-01"],
            "date_end": ["2022-03-07"],
            "time_precision": [2],
        },
        geometry=[LineString([(35, 48), (36, 49)])],
    )
    (e,) = map_events(frame)
    assert e.day == "2022-03-07"
    assert e.date_label == "between 2022-03-01 and 2022-03-07 (week)"
    assert e.geometry.geom_type == "LineString"


@pytest.mark.parametrize(
    "sources",
    [
        '[{"source": "Wire A", "source_url": "https://example.org/a"},'
        ' {"article_id": "articles/b.md", "source": "", "source_url": ""}]',
        [
            {"source": "Wire A", "source_url": "https://example.org/a"},
            {"article_id": "articles/b.md"},
        ],
        "https://example.org/a; b.md",
    ],
)
def test_sources_are_read_from_lists_json_and_joined_strings(sources):
    frame = pd.DataFrame(
        [{"event_id": "x", "action": "hold", "latitude": 1.0, "longitude": 2.0, "sources": sources}]
    )
    (e,) = map_events(frame)
    labels = [label for label, _ in e.sources]
    urls = [url for _, url in e.sources]
    assert len(e.sources) == 2
    assert labels[1] == "b.md"
    assert urls[0] == "https://example.org/a" and urls[1] == ""
