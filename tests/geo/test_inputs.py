"""Inputs at scale: glob patterns, JSONL and Parquet with one article per line or row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geo.cli import main
from geo.export import read_events
from geo.ingest import IngestError, iter_articles, read_article
from geo.model import Article

ROWS = [
    {
        "id": "wire-1",
        "text": "Ukrainian forces recaptured Kupiansk on Saturday, the general staff said.",
        "title": "Kupiansk retaken",
        "published": dt.date(2022, 9, 10),
        "source": "Wire",
    },
    {"id": "wire-2", "text": "   ", "title": "Empty body", "published": dt.date(2022, 9, 11)},
    {
        "id": "wire-3",
        "text": "Russian troops withdrew from Lyman on Saturday, Moscow said.",
        "title": "Lyman",
        "published": None,
        "source": None,
    },
]


def write_parquet(path: Path, rows: list[dict]) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def test_parquet_rows_become_articles_and_a_bad_row_an_error(tmp_path):
    path = write_parquet(tmp_path / "feed.parquet", ROWS)
    items = list(iter_articles([path], published="2022-10-01"))
    assert [type(i) for i in items] == [Article, IngestError, Article]
    first, error, third = items
    assert (first.id, first.title, first.published, first.source) == (
        "wire-1",
        "Kupiansk retaken",
        dt.date(2022, 9, 10),
        "Wire",
    )
    assert first.path == str(path)
    assert error.path == f"{path}:2" and "text" in error.message
    assert third.published == dt.date(2022, 10, 1)  # the default fills a missing date


def test_parquet_with_string_dates_and_a_bad_date(tmp_path):
    rows = [
        {"id": "x", "text": "Shelling hit Kherson.", "published": "2022-11-20"},
        {"id": "y", "text": "Shelling hit Kharkiv.", "published": "last week"},
    ]
    items = list(iter_articles([write_parquet(tmp_path / "f.parquet", rows)]))
    assert items[0].published == dt.date(2022, 11, 20)
    assert isinstance(items[1], IngestError) and items[1].path.endswith("f.parquet:2")
    assert "published" in items[1].message


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"not parquet at all", "Parquet"), (None, "text")],
)
def test_unreadable_parquet_is_named(tmp_path, content, words):
    path = tmp_path / "bad.parquet"
    if content is None:
        write_parquet(path, [{"id": "a", "body": "no text column"}])
    else:
        path.write_bytes(content)
    (error,) = list(iter_articles([path]))
    assert isinstance(error, IngestError)
    assert error.path == str(path) and words in error.message


def test_read_article_refuses_a_parquet_file(tmp_path):
    path = write_parquet(tmp_path / "f.parquet", ROWS[:1])
    with pytest.raises(IngestError, match="iter_articles"):
        read_article(path)


def test_glob_pattern_reads_the_matching_files_in_order(tmp_path):
    for name in ("b.md", "a.md", "c.txt"):
        (tmp_path / name).write_text(f"Smoke rose over the harbour ({name}).\n", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.md").write_text("Ships left the port.\n", "utf-8")
    ids = [a.id for a in iter_articles([str(tmp_path / "*.md")])]
    assert ids == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    deep = [a.id for a in iter_articles([str(tmp_path / "**" / "*.md")])]
    assert str(tmp_path / "sub" / "d.md") in deep and len(deep) == 3


def test_glob_pattern_without_match_is_an_error(tmp_path):
    (error,) = list(iter_articles([str(tmp_path / "*.md")]))
    assert isinstance(error, IngestError) and "matches" in error.message


def test_folder_holds_parquet_and_jsonl_feeds(tmp_path):
    write_parquet(tmp_path / "a.parquet", ROWS[:1])
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Troops crossed the river."}) + "\n", "utf-8"
    )
    assert [a.id for a in iter_articles([tmp_path])] == ["wire-1", "j1"]


def test_extract_processes_the_good_rows_and_names_the_bad(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "n1",
                "text": "Ukrainian troops entered Izium on Saturday, officials said.",
                "published": "2022-09-12",
            }
        ),
        "{not json",
        json.dumps(
            {
                "id": "n3",
                "text": "Russian forces captured Soledar on Friday, Moscow said.",
                "published": "2023-01-14",
            }
        ),
    ]
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    table = write_parquet(tmp_path / "feed.parquet", ROWS)
    out = tmp_path / "events.csv"
    status = main(["extract", str(feed), str(table), "-o", str(out), "--no-cache"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{feed}:2" in err and f"{table}:2" in err
    events = read_events(out)
    assert {"n1", "n3", "wire-1", "wire-3"} <= set(events["article_id"])
