"""The store of the event tables' encoded rows: same bytes, damaged files, concurrent builds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import shapely

from geo.export import events_to_frame, write_event_tables
from geo.export_rows import RowStore, row_keys
from geo.model import Event, TimePrecision, Verification
from geo.schema import COLUMNS
from geo.timeline import merge_events

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("geojson", "csv")


def events(n: int, *, shift: float = 0.0, prefix: str = "e") -> list[Event]:
    """``n`` invented events: points, lines and areas; quotes with commas, quotes, breaks."""
    out = []
    for i in range(n):
        lon, lat = 30.0 + i * 0.37 + shift, 47.0 + (i % 7) * 0.21 + shift
        shape = [
            shapely.Point(lon, lat),
            shapely.LineString([(lon, lat), (lon + 0.5, lat + 0.25)]),
            shapely.Polygon([(lon, lat), (lon + 1, lat), (lon + 1, lat + 1), (lon, lat)]),
        ][i % 3]
        day = dt.date(2022, 3, 1) + dt.timedelta(days=i % 40)
        out.append(
            Event(
                event_id=f"{prefix}{i:015d}",
                event_date=day,
                date_start=day,
                date_end=day,
                time_precision=TimePrecision.DAY,
                event_type="Battles",
                sub_event_type="Armed clash",
                action=("capture", "withdrawal", "holding")[i % 3],
                actor1="Military Forces of Russia",
                actor2="Military Forces of Ukraine" if i % 2 else "",
                location=f"Place {i} ü",
                admin1="Southern",
                country="Ukraine",
                iso="804",
                latitude=lat,
                longitude=lon,
                geometry=shape,
                source="Courier",
                source_url=f"https://example.invalid/{i}",
                published_at=day,
                quote=f'Troops, "tired", moved {i} km;\nthen rested.',
                quote_start=i,
                quote_end=i + 40,
                verification=Verification.CLAIMED,
                claimed_by="Ministry",
                confidence=0.5 + (i % 10) / 23,
                article_id=f"a{i % 5}",
                place_id=f"test:{i}",
            )
        )
    return out


def write(tmp_path: Path, name: str, items: list[Event], store: RowStore | None) -> list[bytes]:
    frame = events_to_frame(merge_events(items))
    paths = [tmp_path / f"{name}.geojson", tmp_path / f"{name}.csv", tmp_path / f"{name}.parquet"]
    write_event_tables(frame, paths, rows=store)
    return [p.read_bytes() for p in paths]


def test_tables_from_stored_rows_are_the_bytes_of_encoding_every_row(tmp_path):
    store = RowStore(tmp_path / "tables")
    before, after = events(40), events(40) + events(3, shift=5.0, prefix="n")
    # a changed event too: the same id with another quote is another row
    after[5] = dataclasses.replace(after[5], quote="Another account")
    assert write(tmp_path, "a", before, store) == write(tmp_path, "plain-a", before, None)
    assert store.stats.encoded == 2 * 40 and store.stats.found == 0  # per table type
    for kind in KINDS:
        assert store.path(kind).is_file()
    fresh = write(tmp_path, "b", after, store)
    assert fresh == write(tmp_path, "plain-b", after, None)
    assert store.stats.encoded == 2 * (40 + 4) and store.stats.found == 2 * 39
    # the store now holds the rows of the last table only
    again = RowStore(tmp_path / "tables")
    assert write(tmp_path, "c", after, again) == fresh
    assert again.stats.encoded == 0 and again.stats.found == 2 * 43


def test_an_empty_table_and_equal_rows(tmp_path):
    store = RowStore(tmp_path / "tables")
    assert write(tmp_path, "e", [], store) == write(tmp_path, "plain-e", [], None)
    twins = [events(1)[0], dataclasses.replace(events(1)[0], event_id="f" + "0" * 15)]
    assert write(tmp_path, "t", twins, store) == write(tmp_path, "plain-t", twins, None)


def test_keys_follow_every_value_and_the_exact_geometry():
    frame = events_to_frame(merge_events(events(6)))
    rows = frame.to_dict("records")
    keys = row_keys(rows, COLUMNS)
    assert len(set(keys)) == 6 and keys == row_keys(rows, COLUMNS)
    moved = [dict(rows[0], geometry=shapely.Point(30.0, 47.0000001))]
    renamed = [dict(rows[0], location="Elsewhere")]
    flag = [dict(rows[0], undated=not rows[0]["undated"])]
    for other in (moved, renamed, flag):
        assert row_keys(other, COLUMNS)[0] != keys[0]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:200] + bytes([b[200] ^ 0xFF]) + b[201:], id="flipped-byte"),
        pytest.param(lambda b: b"not parquet at all", id="garbage"),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
def test_a_damaged_store_is_deleted_and_its_rows_encoded_again(tmp_path, damage):
    store = RowStore(tmp_path / "tables")
    items = events(30)
    expected = write(tmp_path, "a", items, store)
    for kind in KINDS:
        path = store.path(kind)
        path.write_bytes(damage(path.read_bytes()))
    again = RowStore(tmp_path / "tables")
    assert write(tmp_path, "b", items, again) == expected
    assert again.stats.corrupt == 2 and again.stats.found == 0 and again.stats.encoded == 60
    # rewritten whole: the next build finds every row
    last = RowStore(tmp_path / "tables")
    assert write(tmp_path, "c", items, last) == expected and last.stats.found == 60


def test_a_store_of_another_shape_is_not_trusted(tmp_path):
    import pyarrow as pa

    from geo.cache_pack import write_atomically

    store = RowStore(tmp_path / "tables")
    items = events(10)
    expected = write(tmp_path, "a", items, store)
    keys = pa.array([b"short"], pa.binary())
    write_atomically(pa.table({"key": keys, "text": ["x"]}), store.path("csv"))
    write_atomically(pa.table({"key": keys}), store.path("geojson"))
    again = RowStore(tmp_path / "tables")
    assert write(tmp_path, "b", items, again) == expected and again.stats.corrupt == 2


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[3])
    from pathlib import Path
    from test_export_rows import events, write
    from geo.export_rows import RowStore

    folder, shift = Path(sys.argv[1]), float(sys.argv[2])
    for round in range(6):
        items = events(25 + round, shift=shift, prefix=sys.argv[2][-1])
        got = write(folder, f"w{shift}-{round}", items, RowStore(folder / "tables"))
        assert got == write(folder, f"p{shift}-{round}", items, None), round
    print("ok")
    """
)


@pytest.mark.slow
def test_two_concurrent_builds_share_one_store(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), shift, str(Path(__file__).parent)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for shift in ("0.0", "0.5")
    ]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert not list((tmp_path / "tables").glob(".tmp-*"))
    store = RowStore(tmp_path / "tables")
    items = events(30, shift=0.5, prefix="5")
    assert write(tmp_path, "last", items, store) == write(tmp_path, "plain", items, None)
    assert store.stats.corrupt == 0
