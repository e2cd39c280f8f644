"""Given-span resolution: resolve the toponym spans a record marks, jointly per document.

This is the field's "given spans" regime (``frontline geoparse --given-spans``): only
resolution is tested, recognition is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gazetteer.exc import InputError
from gazetteer.model import Place

__all__ = ["cue_words_around", "mention_record", "resolve_given_spans"]

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NOT_CUES = frozenset({"border", "borders", "frontier", "boundary"})
#: Words looked at on each side of a span for cues ("village of X", "X region").
CUE_WINDOW = 3


def cue_words_around(text: str, start: int, end: int, *, window: int = CUE_WINDOW) -> list[str]:
    """Lower-case words just before and after a span (cue words such as ``village``).

    Parameters
    ----------
    text : str
        The document.
    start, end : int
        The span (end exclusive).
    window : int
        Words taken on each side.

    Returns
    -------
    list of str
        Words before the span (nearest last), then words after it.
    """
    before = _WORD_RE.findall(text[max(0, start - 60) : start])[-window:]
    after = _WORD_RE.findall(text[end : end + 60])[:window]
    return [w.lower() for w in (*before, *after)]


def mention_record(start: int, end: int, text: str, place: Place | None) -> dict[str, Any]:
    """Return the JSON mention object of the ``geoparse`` output for one span."""
    if place is None:
        return {
            "start": start, "end": end, "text": text, "name": None, "id": None, "lat": None,
            "lon": None, "kind": None, "country": None, "admin1": None, "score": None,
        }  # fmt: skip
    return {
        "start": start,
        "end": end,
        "text": text,
        "name": place.name,
        "id": place.id,
        "lat": round(place.lat, 5),
        "lon": round(place.lon, 5),
        "kind": place.kind.value,
        "country": place.country or None,
        "admin1": place.admin1 or None,
        "score": round(place.score, 4),
    }


def resolve_given_spans(
    record: Mapping[str, Any], gaz: Any, *, backoff: bool = False
) -> dict[str, Any]:
    """Resolve a record's given toponym spans jointly.

    Parameters
    ----------
    record : mapping
        ``{"id": ..., "text": str, "toponyms": [{"start": int, "end": int}, ...]}``.
    gaz : Gazetteer
        The resolver.
    backoff : bool
        ``False`` (the default): a span that resolves to nothing is reported as an
        abstention. ``True``: every given span is taken to be a place of the text, and
        one that resolves to nothing gets the document's main locality with a low score
        (a guess; see ``Gazetteer.resolve_all``).

    Returns
    -------
    dict
        ``{"id": ..., "mentions": [{"start", "end", "text", "name", "id", "lat", "lon",
        "kind", "country", "admin1", "score"}, ...]}``, one mention per span in input
        order; an abstention has ``id``, ``lat`` and ``lon`` set to ``None``.

    Raises
    ------
    InputError
        When the record lacks ``text`` or a span is outside the text.
    """
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"record {record.get('id')!r}: 'text' must be a string")
    spans = record.get("toponyms") or []
    if not isinstance(spans, list):
        raise InputError(f"record {record.get('id')!r}: 'toponyms' must be a list")
    bounds: list[tuple[int, int]] = []
    for k, span in enumerate(spans):
        try:
            start, end = int(span["start"]), int(span["end"])
        except (KeyError, TypeError, ValueError):
            raise InputError(
                f"record {record.get('id')!r}: toponym {k} needs integer 'start' and 'end'"
            ) from None
        if not 0 <= start < end <= len(text):
            raise InputError(
                f"record {record.get('id')!r}: toponym {k} span {start}:{end} is outside the "
                f"text ({len(text)} characters)"
            )
        bounds.append((start, end))
    names = [text[s:e] for s, e in bounds]
    # the span is the toponym itself: "Turkish" in "the Turkish border" names the country
    cues = [[w for w in cue_words_around(text, s, e) if w not in _NOT_CUES] for s, e in bounds]
    places = gaz.resolve_all(names, cues=cues, backoff=backoff) if names else []
    return {
        "id": record.get("id"),
        "mentions": [
            mention_record(s, e, name, place)
            for (s, e), name, place in zip(bounds, names, places, strict=True)
        ],
    }
