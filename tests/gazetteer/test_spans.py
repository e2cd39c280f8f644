"""Given-span resolution: output format, joint resolution, bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer import InputError
from gazetteer.spans import cue_words_around, resolve_given_spans

SEEDS = Path(__file__).resolve().parents[2] / "../shared/seeds"
KEYS = {"start", "end", "text", "name", "id", "lat", "lon", "kind", "country", "admin1", "score"}


def _record_from_seed(words: list[str]) -> dict:
    text = (SEEDS / "004_e8dd016d7dc5bda8.txt").read_text(encoding="utf-8")
    spans = []
    for w in words:
        i = text.find(w)
        assert i >= 0, w
        spans.append({"start": i, "end": i + len(w)})
    return {"id": "seed-004", "text": text, "toponyms": spans}


def test_seed_spans_resolve(gaz) -> None:
    record = _record_from_seed(["Kharkiv", "Izyum", "Kyiv", "Sweden"])
    out = resolve_given_spans(record, gaz)
    assert out["id"] == "seed-004"
    ids = [m["id"] for m in out["mentions"]]
    assert ids == ["gn:706483", "gn:707292", "gn:703448", "country:SE"]
    for m in out["mentions"]:
        assert set(m) == KEYS
        assert record["text"][m["start"] : m["end"]] == m["text"]
        assert 0 < m["score"] <= 1
    json.dumps(out)  # JSON-serialisable


def test_abstention_has_null_location(gaz) -> None:
    text = "Reports from Xqzvbwptk came late."
    record = {"id": 7, "text": text, "toponyms": [{"start": 13, "end": 22}]}
    out = resolve_given_spans(record, gaz, backoff=False)
    m = out["mentions"][0]
    assert m["id"] is None and m["lat"] is None and m["lon"] is None


def test_backoff_gives_the_document_locality_with_a_low_score(gaz) -> None:
    text = "In Kharkiv, the Xqzvbwptk Street market reopened near Kharkiv station."
    s = text.index("Xqzvbwptk")
    record = {"id": 1, "text": text, "toponyms": [{"start": 3, "end": 10},
                                                  {"start": s, "end": s + 16}]}  # fmt: skip
    out = resolve_given_spans(record, gaz, backoff=True)
    street = out["mentions"][1]
    assert street["id"] == "gn:706483" and street["score"] < 0.5


def test_default_abstains_rather_than_guessing(gaz) -> None:
    text = "In Kharkiv, the Xqzvbwptk Street market reopened near Kharkiv station."
    s = text.index("Xqzvbwptk")
    record = {"id": 1, "text": text, "toponyms": [{"start": 3, "end": 10},
                                                  {"start": s, "end": s + 16}]}  # fmt: skip
    city, street = resolve_given_spans(record, gaz)["mentions"]
    assert city["id"] == "gn:706483"
    assert street["id"] is None and street["lat"] is None


def test_output_is_deterministic(gaz) -> None:
    record = _record_from_seed(["Kharkiv", "Izyum"])
    assert resolve_given_spans(record, gaz) == resolve_given_spans(record, gaz)


@pytest.mark.parametrize(
    "record",
    [{"id": 1, "toponyms": []}, {"id": 1, "text": "abc", "toponyms": [{"start": 2, "end": 9}]},
     {"id": 1, "text": "abc", "toponyms": [{"begin": 0}]}, {"id": 1, "text": "a", "toponyms": 3}],
)  # fmt: skip
def test_bad_records_raise_input_error(gaz, record) -> None:
    with pytest.raises(InputError):
        resolve_given_spans(record, gaz)


def test_cue_words_around() -> None:
    text = "Shelling hit the village of Mala Rohan east of the city."
    s = text.index("Mala Rohan")
    cues = cue_words_around(text, s, s + len("Mala Rohan"))
    assert "village" in cues and "east" in cues
