"""The command line contract: subcommands, help, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main

SUBCOMMANDS = ["geocode", "geoparse", "extract", "render", "control", "build", "gazetteer"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_prints_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert f"frontline {command}" in done.stdout
    # Useful help names at least one option or argument besides -h.
    assert done.stdout.count("\n  ") >= 2


def test_top_level_help_lists_every_subcommand() -> None:
    done = run("--help")
    assert done.returncode == 0
    for command in SUBCOMMANDS:
        assert command in done.stdout


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "commands" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error() -> None:
    done = run("extract", "--no-such-option", "x.md")
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


def test_bad_published_date_names_the_expected_format() -> None:
    done = run("extract", "--published", "17/05/2022", "x.md")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_render_of_a_missing_events_file_says_what_to_do(tmp_path) -> None:
    done = run("render", str(tmp_path / "missing.geojson"), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "missing.geojson" in done.stderr
    assert "frontline extract" in done.stderr


MENTION_KEYS = {
    "start",
    "end",
    "text",
    "name",
    "id",
    "lat",
    "lon",
    "kind",
    "country",
    "admin1",
    "score",
}


def test_geoparse_json_gives_one_object_per_article_with_the_documented_keys(tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\npublished: 2022-09-10\n---\n\nUkrainian troops entered Kupiansk on Saturday.\n",
        encoding="utf-8",
    )
    done = run("geoparse", "--json", str(article))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in lines] == [str(article)]
    mentions = lines[0]["mentions"]
    assert all(set(m) == MENTION_KEYS for m in mentions)
    kupiansk = [m for m in mentions if m["text"] == "Kupiansk"]
    assert kupiansk and kupiansk[0]["country"] == "UA" and kupiansk[0]["kind"] == "settlement"


def test_geoparse_given_spans_resolves_only_the_given_spans() -> None:
    text = "Shelling hit Kharkiv and Izium; officials in Kyiv said so."
    spans = [{"start": text.index("Izium"), "end": text.index("Izium") + 5}]
    record = json.dumps({"id": "doc-1", "text": text, "toponyms": spans})
    done = run("geoparse", "--given-spans", "--json", "-", stdin=record + "\n")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["id"] == "doc-1"
    assert [(m["start"], m["end"], m["text"]) for m in result["mentions"]] == [
        (spans[0]["start"], spans[0]["end"], "Izium")
    ]
    assert set(result["mentions"][0]) == MENTION_KEYS
    assert result["mentions"][0]["admin1"] == "Kharkiv"


def test_extract_writes_acled_columns_to_csv(tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\npublished: 2022-10-01\nsource: Test Wire\n---\n\n"
        "Ukrainian forces recaptured Lyman on Saturday, the defence ministry said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    done = run("extract", str(article), "-o", str(out))
    assert done.returncode == 0, done.stderr
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in (
        "event_id",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "time_precision",
        "source",
        "quote",
        "verification",
        "sources_count",
    ):
        assert column in header
    assert (tmp_path / "events.unresolved.csv").is_file()


def test_a_warning_every_file_shares_is_said_once_and_a_lone_one_per_file(tmp_path) -> None:
    for n in range(5):
        extra = "mood: grim\n" if n == 0 else ""
        (tmp_path / f"r{n}.md").write_text(
            f"---\npublished: 2022-10-0{n + 1}\nsource: Test Wire\norigin: feed {n}\n{extra}---\n\n"
            "Ukrainian forces recaptured Lyman, the defence ministry said.\n",
            encoding="utf-8",
        )
    done = run("extract", str(tmp_path), "-o", str(tmp_path / "events.csv"))
    assert done.returncode == 0, done.stderr
    shared = [line for line in done.stderr.splitlines() if "'origin'" in line]
    assert len(shared) == 1, done.stderr
    assert "in 5 files" in shared[0] and "r0.md" in shared[0] and "2 more" in shared[0]
    lone = [line for line in done.stderr.splitlines() if "'mood'" in line]
    assert len(lone) == 1 and "r0.md" in lone[0], done.stderr
    assert "5 articles read" in done.stderr


def test_a_warning_three_files_share_names_all_three() -> None:
    from geo.cli import problem_lines
    from geo.pipeline import Problem

    lines = problem_lines([Problem(f"r{n}.md", "odd field", fatal=False) for n in range(3)])
    assert lines == ["warning: odd field, in 3 files: r0.md, r1.md, r2.md"]


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".parquet"])
def test_extract_writes_each_article_headline(tmp_path, suffix: str) -> None:
    from geo.export import read_events

    (tmp_path / "a.md").write_text(
        '---\ntitle: "Shelling resumes in Kharkiv"\npublished: 2022-05-17\nsource: Test Wire\n---\n'
        "Russian forces shelled Kharkiv on Monday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text(
        "<html><head><title>Strike on Odesa port</title></head><body><p>Russian missiles "
        "struck the port of Odesa on Tuesday, the regional governor said.</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / f"events{suffix}"
    done = run("extract", str(tmp_path / "a.md"), str(tmp_path / "b.html"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    table = read_events(out)
    names = table["article_id"].map(lambda p: p.rsplit("/", 1)[-1])
    titles = dict(zip(names, table["title"], strict=True))
    assert titles == {"a.md": "Shelling resumes in Kharkiv", "b.html": "Strike on Odesa port"}
    sources = json.loads(table["sources"].iloc[0])
    assert sources[0]["title"] == table["title"].iloc[0]


def test_a_command_leaves_the_cycle_collector_as_it_found_it(tmp_path) -> None:
    import gc

    from geo.cli import main

    before = gc.get_threshold()
    events = tmp_path / "events.csv"
    events.write_text("not,an,event,table\n", encoding="utf-8")
    # a command that fails inside its handler, and one that succeeds
    assert main(["render", str(tmp_path / "missing.geojson"), "-o", str(tmp_path)]) == 1
    assert gc.get_threshold() == before and gc.isenabled()
    assert main(["control", str(events), "-o", str(tmp_path / "c.geojson")]) == 1
    assert gc.get_threshold() == before and gc.isenabled()


def test_a_command_run_in_process_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    # a caller of main() keeps collecting its own cycles: nothing of its heap is frozen
    import gc

    frozen = gc.get_freeze_count()
    (tmp_path / "a.md").write_text("Russian forces shelled Kherson on 3 March 2024.\n")
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "ev.parquet"), "--no-cache"]) == 0
    assert gc.get_freeze_count() == frozen


def test_the_program_freezes_what_is_left_when_its_command_returns() -> None:
    # the interpreter's last collection at exit then walks none of the command's records
    import gc

    from geo.cli import _batch_collector

    before = gc.get_threshold()
    held = [[i] for i in range(1000)]
    frozen = gc.get_freeze_count()
    try:
        with _batch_collector(program=True):
            assert gc.get_threshold() != before
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() >= frozen + len(held)
    finally:
        gc.unfreeze()
    with _batch_collector():
        pass
    assert gc.get_freeze_count() == 0
