"""The command line contract: subcommands, help, exit statuses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from geo.cli import main

SUBCOMMANDS = ["geocode", "geoparse", "extract", "render", "build", "gazetteer"]


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
