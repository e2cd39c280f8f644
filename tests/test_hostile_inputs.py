"""Hostile and broken input: nothing breaks, nothing leaks, nothing is lost.

A corpus of bad files is generated at test time next to a few good sample dispatches; one
``frontline build`` over the folder must name every bad file with what to do, still map the
good ones, exit with status 1 and leave every output whole and reproducible.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = [
    "2022-04-02-kyiv-region-retaken.md",
    "2022-05-16-troops-reach-border-north-of-kharkiv.md",
    "2022-10-01-russia-pulls-out-of-lyman.md",
]
HOSTILE_QUOTE = (
    'Russian forces shelled Kharkiv on Monday "><script>alert(1)</script>'
    "<img src=x onerror=alert(2)> and the governor said the attack was ongoing."
)


def front(fields: str, body: str) -> str:
    return f"---\n{fields}\n---\n\n{body}\n"


def write_bad_corpus(folder: Path) -> dict[str, str]:
    """Write the bad files; return {file name: word the error message must contain}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in GOOD:
        shutil.copy(ROOT / "articles" / name, folder / name)
    bad: dict[str, str] = {}
    (folder / "empty.md").write_bytes(b"")
    bad["empty.md"] = "empty"
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    bad["binary.txt"] = "binary"
    big = folder / "huge.txt"
    line = b"Russian troops shelled the outskirts of the city again overnight. "
    with big.open("wb") as stream:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            stream.write(line)
    bad["huge.txt"] = "MB"
    (folder / "broken-yaml.md").write_text(
        front('title: "unterminated\npublished: [2022-05-01', "Fighting near Izium."),
        encoding="utf-8",
    )
    bad["broken-yaml.md"] = "front matter"
    return bad


def write_readable_oddities(folder: Path) -> None:
    """Files that are odd but readable: they must go through, with warnings at most."""
    (folder / "latin1.txt").write_bytes(
        "Ukrainian forces said they had retaken a village near Kupiansk on Sunday, "
        "according to the governor’s café statement.".replace("’", "'").encode("latin-1")
        + " Résumé of the day.".encode("latin-1")
    )
    (folder / "utf16.txt").write_text(
        "Russian troops withdrew from Kherson on Friday, officials confirmed.",
        encoding="utf-16",
    )
    (folder / "unknown-fields.md").write_text(
        front(
            "title: Odd fields\npublished: 2022-09-10\nsource: Test Wire\nmood: grim\n"
            "published_by_robot: true",
            "Ukrainian troops advanced toward Kupiansk, the general staff said.",
        ),
        encoding="utf-8",
    )
    (folder / "impossible-date.md").write_text(
        front(
            "title: Bad date\npublished: 2022-02-30\nsource: Test Wire",
            "Russian forces struck Odesa with missiles.",
        ),
        encoding="utf-8",
    )
    (folder / "no-date.md").write_text(
        front("title: No date\nsource: Test Wire", "Russian forces captured Popasna."),
        encoding="utf-8",
    )
    (folder / "hostile.md").write_text(
        front(
            'title: "<script>alert(3)</script> \\"><svg onload=alert(4)>"\n'
            "published: 2022-05-16\n"
            'source: "<b onmouseover=alert(5)>Evil Wire</b>"\n'
            'url: "javascript:alert(6)"',
            HOSTILE_QUOTE,
        ),
        encoding="utf-8",
    )
    (folder / "long-name.md").write_text(
        front(
            "title: Long\npublished: 2022-05-16\nsource: Test Wire",
            "Russian troops captured the village of " + "Z" * 10_000 + " on Sunday.",
        ),
        encoding="utf-8",
    )
    (folder / "rtl-emoji.md").write_text(
        front(
            "title: مرحبا 🌍\npublished: 2022-05-16\nsource: Test Wire",
            "Ukrainian forces 🚀 retook Kharkiv outskirts, said ‏مصدر‎ 🇺🇦 on Sunday.",
        ),
        encoding="utf-8",
    )
    (folder / "events.yaml").write_text("drop:\n  - no-such-event-id\n", encoding="utf-8")


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    bad = write_bad_corpus(folder)
    write_readable_oddities(folder)
    out = tmp_path_factory.mktemp("out")
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", "build", str(folder), "-o", str(out), "--no-previews"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return folder, out, bad, done


def test_bad_inputs_exit_1_with_a_summary(bad_build) -> None:
    *_, done = bad_build
    assert done.returncode == 1, done.stderr[-3000:]
    assert "inputs skipped" in done.stderr


def test_every_bad_file_is_named_with_its_problem(bad_build) -> None:
    _, _, bad, done = bad_build
    for name, word in bad.items():
        lines = [line for line in done.stderr.splitlines() if name in line]
        assert lines, f"{name} not named in:\n{done.stderr[-3000:]}"
        assert any(word.lower() in line.lower() for line in lines), lines


def test_readable_oddities_are_not_skipped(bad_build) -> None:
    *_, done = bad_build
    summary = done.stderr.split("inputs skipped:")[-1]
    for name in ("latin1.txt", "utf16.txt", "unknown-fields.md", "rtl-emoji.md", "hostile.md"):
        assert name not in summary, summary


def test_missing_date_and_unknown_fields_are_warnings_naming_the_file(bad_build) -> None:
    _, _, _, done = bad_build
    assert any("no-date.md" in line and "published" in line for line in done.stderr.splitlines())
    assert any("unknown-fields.md" in line and "mood" in line for line in done.stderr.splitlines())
    assert any("impossible-date.md" in line for line in done.stderr.splitlines())


def test_override_for_a_missing_event_is_a_warning(bad_build) -> None:
    _, _, _, done = bad_build
    assert any(
        "events.yaml" in line and "no-such-event-id" in line for line in done.stderr.splitlines()
    )


def test_good_articles_still_go_through(bad_build) -> None:
    _, out, _, _ = bad_build
    table = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    sources = {f["properties"].get("article_id", "") for f in table["features"]}
    for name in GOOD:
        assert any(name in s for s in sources), (name, sources)
    assert (out / "index.html").is_file()


def test_undated_article_gives_undated_events_never_today(bad_build) -> None:
    _, out, _, _ = bad_build
    table = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    undated = [
        f["properties"] for f in table["features"] if "no-date.md" in f["properties"]["article_id"]
    ]
    assert undated, "the undated article's event is missing"
    today = time.strftime("%Y-%m-%d")
    for props in undated:
        assert props["undated"] is True
        assert props["event_date"] in (None, "")
        assert today not in json.dumps(props)


def test_nothing_is_placed_at_null_island(bad_build) -> None:
    _, out, _, _ = bad_build
    table = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    for feature in table["features"]:
        props = feature["properties"]
        assert not (abs(props["latitude"]) < 1 and abs(props["longitude"]) < 1), props


def test_hostile_text_reaches_html_only_escaped(bad_build) -> None:
    _, out, _, _ = bad_build
    for page in [out / "index.html", *sorted((out / "embed").glob("*.html")), out / "embed.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, page
        assert "<img src=x onerror" not in html, page
        assert "<svg onload" not in html, page
        assert 'href="javascript:' not in html.replace("'", '"'), page


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".png") and not _is_temporary(p)
    }


def _is_temporary(path: Path) -> bool:
    return path.name.startswith(".") or path.name.endswith(".tmp")


@pytest.fixture(scope="module")
def good_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    for name in GOOD:
        shutil.copy(ROOT / "articles" / name, folder / name)
    return folder


def _build(corpus: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", "build", str(corpus), "-o", str(out), "--no-previews"],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_two_builds_are_byte_identical(good_corpus, tmp_path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert _build(good_corpus, first).returncode == 0
    assert _build(good_corpus, second).returncode == 0
    a, b = _snapshot(first), _snapshot(second)
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert not different


def test_a_killed_build_leaves_the_previous_maps_whole(good_corpus, tmp_path) -> None:
    out = tmp_path / "out"
    assert _build(good_corpus, out).returncode == 0
    before = _snapshot(out)
    for delay in (0.5, 1.5, 3.0, 5.0):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "geo.cli",
                "build",
                str(good_corpus),
                "-o",
                str(out),
                "--no-previews",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _snapshot(out)
        # Every file is either the previous one or a complete new one: same inputs, same bytes.
        assert after == before, [k for k in after if after.get(k) != before.get(k)]
    assert os.listdir(out)
