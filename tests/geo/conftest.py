"""Fixtures for the geo tests: a folder of good and bad article files, written at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD_MD = """---
title: Ferry crossing reopens
source: The Riverside Courier
url: https://example.invalid/ferry
published: 2022-05-17
language: en
---
The ferry crossing near the old mill reopened on Sunday.\r
Engineers had repaired the landing stage last week.
"""

BAD_INPUTS: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.md": b"   \n\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "broken_yaml.md": b"---\ntitle: Ferry: reopened: twice\nsource: [unclosed\n---\nBody text.\n",
    "unclosed_front_matter.md": b"---\ntitle: Nothing closes this\nBody text.\n",
    "impossible_date.md": b"---\npublished: 2022-02-30\n---\nBody text.\n",
    "relative_date.md": b"---\npublished: yesterday\n---\nBody text.\n",
    "front_matter_only.md": b"---\ntitle: Only a title\n---\n\n",
}


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    """A folder of article files: good ones, awkward encodings and broken ones."""
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "good.md").write_bytes(GOOD_MD.encode("utf-8"))
    (root / "sub" / "plain.txt").write_text("Smoke rose over the harbour on Monday.\n", "utf-8")
    (root / "cp1252.txt").write_bytes(
        "Caf\u00e9 owners said \u201cenough\u201d on Monday.\n".encode("cp1252")
    )
    (root / "utf16.txt").write_bytes(
        "Mixed scripts: \u05e9\u05dc\u05d5\u05dd and \U0001f680.\n".encode("utf-16")
    )
    (root / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".hidden.md").write_text("should be ignored\n", "utf-8")
    bad = root / "bad"
    bad.mkdir()
    for name, data in BAD_INPUTS.items():
        (bad / name).write_bytes(data)
    return root


@pytest.fixture
def bad_file(tmp_path: Path):
    """Write one of the BAD_INPUTS into tmp_path and return its path."""

    def _write(name: str) -> Path:
        path = tmp_path / name
        path.write_bytes(BAD_INPUTS[name])
        return path

    return _write
