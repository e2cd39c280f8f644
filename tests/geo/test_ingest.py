from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

from gazetteer.exc import InputError
from geo.ingest import (
    IngestError,
    collect_articles,
    extract_html,
    iter_articles,
    parse_published,
    read_article,
)
from geo.model import Article

HAS_TRAFILATURA = importlib.util.find_spec("trafilatura") is not None

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Courier | Bridge repaired after flood</title>
<meta property="og:title" content="Bridge repaired after flood">
<meta property="article:published_time" content="2022-05-16T08:30:00+00:00">
<script>window.tracking = "Menu item that must not appear";</script>
<style>.x { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World section link</a></nav>
<header><p>The Riverside Courier banner</p></header>
<article>
<h1>Bridge repaired after flood</h1>
<p>Crews finished repairing the rail bridge across the valley on Saturday, the regional
transport office said in a statement published late in the evening.</p>
<p>Freight trains are expected to use the crossing again within days, and officials
said passenger services would follow once inspections are complete &amp; signed off.</p>
<p>Residents in the two villages nearest the bridge had been cut off for most of the
spring, relying on a temporary ferry that carried food and medicine.</p>
</article>
<aside>Read more: unrelated sidebar story</aside>
<footer>Copyright footer text</footer>
</body></html>
"""

ENGINES = [
    "stdlib",
    pytest.param(
        "trafilatura",
        marks=pytest.mark.skipif(not HAS_TRAFILATURA, reason="trafilatura not installed"),
    ),
]


def test_markdown_front_matter_and_newlines(article_dir: Path) -> None:
    art = read_article(article_dir / "good.md")
    assert art.id == str(article_dir / "good.md")
    assert art.title == "Ferry crossing reopens"
    assert art.source == "The Riverside Courier"
    assert art.url == "https://example.invalid/ferry"
    assert art.published == dt.date(2022, 5, 17)
    assert "\r" not in art.text
    assert art.text.startswith("The ferry crossing")
    assert art.warnings == ()


def test_front_matter_wins_over_defaults(article_dir: Path) -> None:
    art = read_article(article_dir / "good.md", published="2020-01-01", source="Other")
    assert art.published == dt.date(2022, 5, 17)
    assert art.source == "The Riverside Courier"


def test_defaults_fill_missing_metadata(article_dir: Path) -> None:
    path = article_dir / "sub" / "plain.txt"
    art = read_article(path, published=dt.date(2022, 5, 17), source="Wire")
    assert (art.published, art.source, art.warnings) == (dt.date(2022, 5, 17), "Wire", ())


def test_missing_date_is_a_warning_naming_the_file(article_dir: Path) -> None:
    path = article_dir / "sub" / "plain.txt"
    art = read_article(path)
    assert art.published is None
    assert len(art.warnings) == 1
    assert str(path) in art.warnings[0]
    assert "published: YYYY-MM-DD" in art.warnings[0]
    assert "--published" in art.warnings[0]


def test_unknown_front_matter_field_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\npublished: 2022-05-17\nauthor: Someone\n---\nText here.\n", "utf-8")
    art = read_article(path)
    assert art.text == "Text here.\n"
    assert any("author" in w and str(path) in w for w in art.warnings)


def test_date_alias_and_timestamp(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ndate: 2022-05-17T09:00:00Z\n---\nText.\n", "utf-8")
    assert read_article(path).published == dt.date(2022, 5, 17)


def test_offsets_refer_to_article_text(tmp_path: Path) -> None:
    body = "First line.\r\nSecond line with a name.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(body.encode("utf-8"))
    art = read_article(path, published="2022-05-17")
    start = art.text.index("name")
    assert art.text[start : start + 4] == "name"
    assert art.text == "First line.\nSecond line with a name.\n"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", ["empty"]),
        ("blank.md", ["empty"]),
        ("binary.txt", ["binary"]),
        ("unclosed_front_matter.md", ["not closed", "---"]),
        ("impossible_date.md", ["2022-02-30", "YYYY-MM-DD"]),
        ("relative_date.md", ["yesterday", "YYYY-MM-DD"]),
        ("front_matter_only.md", ["no article text"]),
    ],
)
def test_bad_inputs_give_clear_errors(bad_file, name: str, words: list[str]) -> None:
    path = bad_file(name)
    with pytest.raises(IngestError) as info:
        read_article(path)
    err = info.value
    assert isinstance(err, InputError)
    assert isinstance(err, ValueError)
    assert err.path.startswith(str(path))
    assert err.hint
    for word in words:
        assert word in str(err)


def test_ingest_error_round_trips_through_pickle() -> None:
    import pickle

    err = IngestError("a.md", "file is empty", "put text in it")
    assert pickle.loads(pickle.dumps(err)) == err
    assert str(err) == "a.md: file is empty (put text in it)"


def test_broken_yaml_names_the_line(bad_file) -> None:
    path = bad_file("broken_yaml.md")
    with pytest.raises(IngestError) as info:
        read_article(path)
    # the problem is on line 2 of the file (the first front matter line)
    assert info.value.path == f"{path}:2"
    assert "YAML" in info.value.message


def test_cp1252_is_decoded_with_a_warning(article_dir: Path) -> None:
    art = read_article(article_dir / "cp1252.txt", published="2022-05-17")
    assert art.text == "Caf\u00e9 owners said \u201cenough\u201d on Monday.\n"
    assert any("cp1252" in w and "UTF-8" in w for w in art.warnings)


def test_utf16_with_bom_and_scripts_pass_through(article_dir: Path) -> None:
    art = read_article(article_dir / "utf16.txt", published="2022-05-17")
    assert art.text == "Mixed scripts: \u05e9\u05dc\u05d5\u05dd and \U0001f680.\n"
    assert art.warnings == ()


def test_too_large_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, "utf-8")
    with pytest.raises(IngestError) as info:
        read_article(path, max_bytes=1000)
    msg = str(info.value)
    assert "too large (5,000 bytes; the limit is 1,000 bytes)" in msg
    assert read_article(path, max_bytes=10_000).text.startswith("word")


def test_folder_is_recursive_sorted_and_keeps_going(article_dir: Path) -> None:
    items = list(iter_articles([article_dir]))
    ids = [i.id if isinstance(i, Article) else i.path for i in items]
    assert ids == sorted(ids, key=lambda p: Path(p).relative_to(article_dir).as_posix())
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert {Path(a.id).name for a in articles} == {
        "good.md",
        "plain.txt",
        "cp1252.txt",
        "utf16.txt",
    }
    assert len(errors) == 8
    assert all(str(article_dir) in e.path for e in errors)
    # deterministic
    again = [i.id if isinstance(i, Article) else i.path for i in iter_articles([article_dir])]
    assert again == ids


def test_collect_report_summarises(article_dir: Path) -> None:
    articles, report = collect_articles([str(article_dir)], published="2022-05-17")
    assert len(articles) == 4
    assert report.ok == tuple(a.id for a in articles)
    assert len(report.failed) == 8
    ignored = dict(report.ignored)
    assert str(article_dir / "notes.png") in ignored
    assert str(article_dir / ".hidden.md") in ignored
    assert report.exit_status == 1
    summary = report.summary()
    assert summary.startswith("4 articles read, 8 failed, 2 ignored")
    assert "cp1252" in summary


def test_missing_file_is_an_error_value(tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("Text.", "utf-8")
    missing = [tmp_path / "nope.md", tmp_path / "nope.jsonl"]
    items = list(iter_articles([*missing, good], published="2022-05-17"))
    assert [type(i) for i in items] == [IngestError, IngestError, Article]
    assert all("no such file" in i.message for i in items[:2])


def test_bad_options_are_usage_errors_raised_at_once() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        iter_articles([], published="17/05/2022")
    with pytest.raises(InputError, match="max_bytes"):
        iter_articles([], max_bytes=0)


def test_parse_published() -> None:
    assert parse_published("2022-05-17") == dt.date(2022, 5, 17)
    assert parse_published(dt.datetime(2022, 5, 17, 10)) == dt.date(2022, 5, 17)
    assert parse_published(None) is None
    for bad in ("2022-02-30", "yesterday", "May 2022"):
        with pytest.raises(InputError):
            parse_published(bad)


def test_jsonl_lines_are_independent(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Grain left the port.", "published": "2022-05-10"}),
        "",
        "{not json",
        json.dumps({"id": "a2", "text": "Roads\r\nreopened.", "source": "Wire"}),
        json.dumps({"id": "a3", "text": ""}),
        json.dumps({"id": "a4", "text": "Bad date.", "published": "2022-13-01"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(iter_articles([path], published="2022-05-17"))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "IngestError",
        "Article",
        "IngestError",
        "IngestError",
    ]
    a1, err, a2, empty, bad_date = items
    assert (a1.id, a1.published, a1.path) == ("a1", dt.date(2022, 5, 10), str(path))
    assert err.path == f"{path}:3"
    assert (a2.text, a2.source, a2.published) == ("Roads\nreopened.", "Wire", dt.date(2022, 5, 17))
    assert empty.path == f"{path}:5"
    assert "2022-13-01" in str(bad_date)


def test_read_article_refuses_folders_and_jsonl(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="iter_articles"):
        read_article(tmp_path)
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "1", "text": "t"}\n', "utf-8")
    with pytest.raises(IngestError, match="iter_articles"):
        read_article(path)


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected_id", "expected_text"),
    [
        (b"Plain text from a pipe.\n", "-", "Plain text from a pipe.\n"),
        (b'{"id": "p1", "text": "From JSONL."}\n', "p1", "From JSONL."),
        (b"<!doctype html><html><body><p>From a page.</p></body></html>", "-", "From a page."),
    ],
)
def test_stdin(monkeypatch, data: bytes, expected_id: str, expected_text: str) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    (art,) = list(iter_articles(["-"], published="2022-05-17"))
    assert isinstance(art, Article)
    assert (art.id, art.text) == (expected_id, expected_text)


@pytest.mark.parametrize("engine", ENGINES)
def test_html_main_text(engine: str) -> None:
    page = extract_html(PAGE, engine=engine)
    assert page.title == "Bridge repaired after flood"
    assert page.published == "2022-05-16T08:30:00+00:00"
    assert page.language == "en"
    assert "Crews finished repairing the rail bridge" in page.text
    assert "signed off" in page.text and "&amp;" not in page.text
    assert "relying on a temporary ferry" in page.text
    for junk in ("Menu item", "World section", "banner", "sidebar", "Copyright", "color: red"):
        assert junk not in page.text
    assert "\n\n" in page.text  # paragraphs stay separate blocks


def test_html_file_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, "utf-8")
    art = read_article(path)
    assert art.title == "Bridge repaired after flood"
    assert art.published == dt.date(2022, 5, 16)
    assert "rail bridge" in art.text
    assert art.warnings == ()


def test_html_time_element_and_title_fallback() -> None:
    html = (
        "<html><head><title>Plain title</title></head><body><main>"
        '<time datetime="2022-05-01">1 May</time><p>One paragraph of text.</p></main></body></html>'
    )
    page = extract_html(html, engine="stdlib")
    assert (page.title, page.published) == ("Plain title", "2022-05-01")
    assert "One paragraph of text." in page.text


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body><div> </div></body></html>")
    with pytest.raises(IngestError, match="no main text"):
        read_article(path)


NESTED_HEADER_PAGE = """<html><body>
<div id="menu-top"><a href="/">Front page link</a></div>
<div class="page-with-sidebar"><div class="content">
<article><header><h1>Levee breached below the weir</h1></header>
<p>Floodwater spread across the lower fields after the levee below the weir gave way
during the night, the water authority said on Thursday morning.</p>
<p>Farmers moved livestock to the ridge while crews tried to close the gap with sandbags
brought in by lorry from the depot.</p></article>
<div class="share-tools">Share this on every network</div>
<div class="footer-links">Contact the newsroom</div>
</div></div></body></html>"""


@pytest.mark.parametrize("engine", ENGINES)
def test_html_blocks_stay_separate_and_furniture_goes(engine: str) -> None:
    page = extract_html(NESTED_HEADER_PAGE, engine=engine)
    blocks = page.text.split("\n\n")
    assert blocks[0] == "Levee breached below the weir"
    assert blocks[1].startswith("Floodwater spread") and blocks[1].endswith("Thursday morning.")
    assert blocks[2].startswith("Farmers moved livestock")
    for junk in ("Front page link", "Share this", "Contact the newsroom"):
        assert junk not in page.text


def test_stdlib_drops_furniture_by_class_without_article_element() -> None:
    html = (
        '<html><body class="layout-with-sidebar"><div class="menu-main">Sections index</div>'
        "<div><h1>Grain silo hit</h1><p>A grain silo on the edge of the port was hit.</p></div>"
        '<div id="comments">Reader comment text</div><div class="related-stories">Other story</div>'
        "</body></html>"
    )
    page = extract_html(html, engine="stdlib")
    assert page.text == "Grain silo hit\n\nA grain silo on the edge of the port was hit."


def test_a_folder_s_readme_and_licence_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our dispatches\n\nHow to add one.\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Some licence text.\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(
        "---\npublished: 2022-05-01\n---\n\nTroops advanced.\n", encoding="utf-8"
    )
    articles, report = collect_articles([tmp_path])
    assert [Path(a.path).name for a in articles] == ["story.md"]
    assert not report.failed
    assert {Path(path).name for path, _ in report.ignored} >= {"README.md"}
