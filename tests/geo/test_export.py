"""The event table, its schema and its files: round trips, byte identity, atomic writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path

import pandas as pd
import pytest
import shapely

from gazetteer.exc import InputError
from gazetteer.model import Place, PlaceKind
from geo.export import (
    COLUMNS,
    events_from_frame,
    events_to_frame,
    read_events,
    write_event_tables,
    write_events,
    write_unresolved,
)
from geo.model import Article, Event, GeoPrecision, Mention, TimePrecision, Verification
from geo.schema import EVENT_COLUMNS, REQUIRED_COLUMNS, day_number, iso_date
from geo.timeline import SourceRef, merge_events

SUFFIXES = [".geojson", ".csv", ".parquet"]


def make(event_id: str, **fields) -> Event:
    base = dict(
        event_id=event_id,
        event_date=dt.date(2022, 5, 14),
        date_start=dt.date(2022, 5, 14),
        date_end=dt.date(2022, 5, 14),
        time_precision=TimePrecision.DAY,
        event_type="Battles",
        sub_event_type="Armed clash",
        action="capture",
        actor1="Military Forces of Russia",
        actor2="",
        location="Prymorsk",
        admin1="Southern",
        country="Ukraine",
        iso="804",
        latitude=47.0123456789,
        longitude=37.5,
        geometry=shapely.Point(37.5, 47.0123456789),
        source="Courier",
        source_url="https://example.invalid/a",
        published_at=dt.date(2022, 5, 17),
        quote='Troops, "tired", took Prymorsk;\nthen rested.',
        quote_start=10,
        quote_end=52,
        verification=Verification.CLAIMED,
        claimed_by="Russian Ministry of Defence",
        confidence=0.81234,
        article_id="a.md",
        place_id="gn:22",
    )
    base.update(fields)
    return Event(**base)


def sample() -> list[Event]:
    arrow = shapely.LineString([(36.0, 50.0), (36.1, 50.4)])
    region = shapely.box(37.0, 47.0, 39.0, 49.0)
    return [
        make("b000000000000002"),
        make(
            "b000000000000003",
            source="Gazette",
            article_id="b.md",
            verification=Verification.CONFIRMED,
        ),  # merges with the first
        make(
            "a000000000000001",
            action="advance",
            event_date=None,
            date_start=None,
            date_end=dt.date(2022, 5, 17),
            time_precision=TimePrecision.BEFORE_PUBLICATION,
            latitude=50.4,
            longitude=36.1,
            geometry=arrow,
            geo_precision=GeoPrecision.NEAR,
            actor1="Military Forces of Ukraine",
            location="Russia-Ukraine border",
            place_id="border:RU-UA",
            origin_place_id="gn:20",
        ),
        make(
            "c000000000000004",
            action="strike",
            latitude=48.0,
            longitude=38.0,
            geometry=region,
            geo_precision=GeoPrecision.REGION,
            location="Stepova",
            place_id="region:stepova",
            undated=True,
            event_date=None,
            date_start=None,
            date_end=None,
            published_at=None,
            actor1="",
        ),
    ]


def test_frame_columns_types_and_order() -> None:
    gdf = events_to_frame(merge_events(sample()))
    assert tuple(gdf.columns) == COLUMNS
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf["event_id"]) == ["b000000000000002", "a000000000000001", "c000000000000004"]
    first = gdf.iloc[0]
    assert first["event_date"] == "2022-05-14" and first["sources_count"] == 2
    assert first["latitude"] == 47.012346 and first["confidence"] == pytest.approx(0.862)
    assert [s["source"] for s in json.loads(first["sources"])] == ["Courier", "Gazette"]
    assert gdf.iloc[1]["date_start"] is None and gdf.iloc[1]["time_precision"] == 4
    assert list(gdf.geometry.geom_type) == ["Point", "LineString", "Polygon"]


def test_plain_events_are_accepted_too() -> None:
    gdf = events_to_frame([make("x")])
    assert gdf.iloc[0]["sources_count"] == 1 and json.loads(gdf.iloc[0]["sources"])[0]["source"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    gdf = events_to_frame(merge_events(sample()))
    path = write_events(gdf, tmp_path / f"events{suffix}")
    back = read_events(path)
    assert tuple(back.columns) == COLUMNS
    pd.testing.assert_frame_equal(
        pd.DataFrame(back.drop(columns="geometry")), pd.DataFrame(gdf.drop(columns="geometry"))
    )
    assert back.geometry.geom_equals_exact(gdf.geometry, tolerance=1e-6).all()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_byte_identical_for_identical_input(tmp_path: Path, suffix: str) -> None:
    events = sample()
    one = write_events(events_to_frame(merge_events(events)), tmp_path / f"one{suffix}")
    two = write_events(events_to_frame(merge_events(events[::-1])), tmp_path / f"two{suffix}")
    assert one.read_bytes() == two.read_bytes()
    # a round trip through the file writes the same bytes again
    three = write_events(read_events(one), tmp_path / f"three{suffix}")
    assert three.read_bytes() == one.read_bytes()


def test_tables_written_together_are_those_written_alone_and_kept_when_unchanged(
    tmp_path: Path,
) -> None:
    gdf = events_to_frame(merge_events(sample()))
    paths = write_event_tables(gdf, [tmp_path / f"all{suffix}" for suffix in SUFFIXES])
    for path, suffix in zip(paths, SUFFIXES, strict=True):
        alone = write_events(gdf, tmp_path / f"alone{suffix}")
        assert path.read_bytes() == alone.read_bytes()
    # the same table again: no file is replaced (same inode, same time)
    before = [(p.stat().st_ino, p.stat().st_mtime_ns) for p in paths]
    write_event_tables(gdf, paths)
    assert [(p.stat().st_ino, p.stat().st_mtime_ns) for p in paths] == before
    # one event fewer: every file is written again
    write_event_tables(events_to_frame(merge_events(sample()[1:])), paths)
    after = [(p.stat().st_ino, p.stat().st_mtime_ns) for p in paths]
    assert all(a != b for a, b in zip(after, before, strict=True))
    with pytest.raises(InputError, match="txt"):
        write_event_tables(gdf, [tmp_path / "e.txt"])


def test_csv_uses_acled_names_and_wkt(tmp_path: Path) -> None:
    path = write_events(events_to_frame(sample()[:1]), tmp_path / "e.csv")
    header, row = path.read_text(encoding="utf-8").split("\n", 1)
    assert header.split(",")[:5] == [
        "event_id",
        "event_date",
        "date_start",
        "date_end",
        "time_precision",
    ]
    assert "POINT (37.5 47.012346)" in row


def test_geojson_is_plain_rfc7946(tmp_path: Path) -> None:
    path = write_events(events_to_frame(sample()), tmp_path / "e.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    coords = data["features"][0]["geometry"]["coordinates"]
    assert coords == [37.5, 47.012346]
    assert "geometry" not in data["features"][0]["properties"]


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "e.geojson"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(InputError):
        write_events(events_to_frame(sample()).drop(columns="notes"), path)
    assert path.read_text(encoding="utf-8") == "old"
    write_events(events_to_frame(sample()), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.geojson"]


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.xlsx"):
        write_events(events_to_frame(sample()), tmp_path / "e.xlsx")
    with pytest.raises(InputError, match="no such events file"):
        read_events(tmp_path / "missing.csv")


def test_garbage_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "e.geojson"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=str(path)):
        read_events(path)


def test_empty_table_round_trip(tmp_path: Path) -> None:
    gdf = events_to_frame([])
    for suffix in SUFFIXES:
        back = read_events(write_events(gdf, tmp_path / f"e{suffix}"))
        assert len(back) == 0 and tuple(back.columns) == COLUMNS


def test_write_unresolved(tmp_path: Path) -> None:
    text = "Troops reached Zmiivka Dolna. Then they rested in Kyiv."
    article = Article("a.md", text)
    kyiv = Place("gn:1", "Kyiv", PlaceKind.SETTLEMENT, 50.45, 30.52, "UA")
    mentions = [Mention(15, 28, "Zmiivka Dolna", ("village",)), Mention(50, 54, "Kyiv", (), kyiv)]
    path = write_unresolved({article: mentions}, tmp_path / "unresolved.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "article,start,end,text,cues,sentence"
    assert lines[1:] == ["a.md,15,28,Zmiivka Dolna,village,Troops reached Zmiivka Dolna."]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_failed_write_keeps_the_old_file_and_cleans_up(
    tmp_path: Path, monkeypatch, suffix
) -> None:
    path = tmp_path / f"e{suffix}"
    path.write_bytes(b"old")

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("geo.export.os.replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_events(events_to_frame(sample()), path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# -- the schema ---------------------------------------------------------------------------


def test_the_record_has_one_field_per_column_in_file_order() -> None:
    names = [f.name for f in dataclasses.fields(Event)]
    assert names == [c for c in COLUMNS if c != "sources"]
    assert tuple(c.name for c in EVENT_COLUMNS) == COLUMNS
    assert all(c.meaning for c in EVENT_COLUMNS)
    assert REQUIRED_COLUMNS == ("event_id", "action", "latitude", "longitude")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-15", "2022-05-15"),
        ("2022-05-15T23:30:00-05:00", "2022-05-15"),
        (dt.date(2022, 5, 15), "2022-05-15"),
        (dt.datetime(2022, 5, 15, 23, 59), "2022-05-15"),
        (pd.Timestamp("2022-05-15 01:00", tz="America/New_York"), "2022-05-15"),
        (None, None),
        (float("nan"), None),
        (pd.NaT, None),
        ("", None),
        ("not a date", None),
    ],
)
def test_iso_date_keeps_the_calendar_day(value, expected):
    assert iso_date(value) == expected


def test_day_number_counts_calendar_days():
    assert day_number("1970-01-02") == 1
    assert day_number("2022-03-01") - day_number("2022-02-28") == 1


# -- reading a table back into records ----------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_records_read_back_as_written(tmp_path: Path, suffix: str) -> None:
    merged = merge_events(sample())
    gdf = events_to_frame(merged)
    back = read_events(write_events(gdf, tmp_path / f"e{suffix}"))
    records = events_from_frame(back)
    assert records == events_from_frame(gdf)
    assert sorted(r.event.event_id for r in records) == sorted(m.event.event_id for m in merged)
    by_id = {m.event.event_id: m for m in merged}
    for r in records:  # the written table rounds coordinates and confidence, nothing else
        want = by_id[r.event.event_id]
        assert r.sources == want.sources
        assert r.event == dataclasses.replace(
            want.event,
            latitude=round(want.event.latitude, 6),
            longitude=round(want.event.longitude, 6),
            confidence=round(want.event.confidence, 3),
        )
    again = events_to_frame(records)
    pd.testing.assert_frame_equal(
        pd.DataFrame(again.drop(columns="geometry")), pd.DataFrame(back.drop(columns="geometry"))
    )
    assert again.geometry.geom_equals(back.geometry).all()


def test_a_frame_built_by_hand_needs_only_the_required_columns() -> None:
    frame = pd.DataFrame(
        [
            {"event_id": "a", "action": "hold", "latitude": 49.0, "longitude": 36.0},
            {
                "event_id": "b",
                "action": "strike",
                "latitude": None,
                "longitude": None,
                "geometry": shapely.LineString([(35, 48), (36, 49)]),
                "time_precision": "2",
                "sources": "https://example.org/a; Wire B",
                "undated": "true",
            },
        ]
    )
    a, b = events_from_frame(frame)
    assert a.event.time_precision is TimePrecision.DAY and a.event.event_date is None
    assert a.event.verification is Verification.REPORTED and a.event.confidence == 0.5
    assert a.event.geometry is None and a.sources == () and a.event.sources_count == 1
    assert b.event.time_precision is TimePrecision.WEEK and b.event.undated
    point = shapely.Point(b.event.longitude, b.event.latitude)
    assert point.distance(shapely.LineString([(35, 48), (36, 49)])) < 1e-9  # on the line
    assert [(s.source, s.source_url) for s in b.sources] == [
        ("", "https://example.org/a"),
        ("Wire B", ""),
    ]
    assert b.event.sources_count == 2
    assert all(isinstance(s, SourceRef) for s in b.sources)
    nowhere = events_from_frame(frame.drop(columns="geometry"))[1].event
    assert math.isnan(nowhere.latitude)


def test_equal_cells_of_other_types_read_as_their_own_values() -> None:
    # cells read once per distinct value: 1, 1.0 and True are equal in Python, not as text
    frame = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "action": ["hold"] * 4,
            "latitude": [49.0, float("nan"), 49.0, 49.0],
            "longitude": [36.0, 36.0, 36.0, 36.0],
            "location": pd.Series([1, 1.0, True, "1"], dtype=object),
            "time_precision": pd.Series([1, 1.0, "1", 1], dtype=object),
        }
    )
    got = [m.event for m in events_from_frame(frame)]
    assert [e.location for e in got] == ["1", "1.0", "True", "1"]
    assert all(e.time_precision is TimePrecision.DAY for e in got)
    assert math.isnan(got[1].latitude) and got[0].latitude == 49.0


def test_a_frame_without_a_required_column_or_with_a_bad_value_is_a_clear_error() -> None:
    frame = pd.DataFrame([{"event_id": "a", "latitude": 1.0, "longitude": 2.0}])
    with pytest.raises(InputError, match=r"missing column.*action"):
        events_from_frame(frame)
    with pytest.raises(InputError, match=r"'a'.*verification 'rumoured'"):
        events_from_frame(frame.assign(action="hold", verification="rumoured"))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_file_without_a_column_names_the_file_and_the_column(tmp_path: Path, suffix: str) -> None:
    gdf = events_to_frame(sample()[:1])
    path = tmp_path / f"e{suffix}"
    if suffix == ".parquet":
        gdf.drop(columns="quote").to_parquet(path)
    else:
        write_events(gdf, path)
        text = path.read_text(encoding="utf-8")
        if suffix == ".csv":
            header, row = text.split("\n", 1)
            path.write_text(header.replace(",quote,", ",words,") + "\n" + row, encoding="utf-8")
        else:
            path.write_text(text.replace('"quote":', '"words":'), encoding="utf-8")
    with pytest.raises(InputError, match=rf"e\{suffix}: missing column\(s\) quote;"):
        read_events(path)


def test_a_file_value_outside_its_vocabulary_names_the_file_and_the_event(tmp_path: Path) -> None:
    path = write_events(events_to_frame(sample()[:1]), tmp_path / "e.geojson")
    text = path.read_text(encoding="utf-8").replace('"claimed"', '"rumoured"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"e\.geojson: .*'b000000000000002'.*'rumoured'"):
        read_events(path)
