"""Spans the recogniser finds, and the offset tests it makes on spans.

A :class:`RecognisedSpan` is what recognition hands to resolution: where a place,
demonym or border phrase stands in the text, the name to ask the gazetteer for and
the cues around it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RecognisedSpan", "overlaps_any", "within_any"]


@dataclass(frozen=True)
class RecognisedSpan:
    """One recognised mention, before it is placed.

    Attributes
    ----------
    start, end : int
        Character offsets in the text.
    text : str
        The surface, ``text[start:end]``.
    name : str
        What the resolver is asked for ("Kharkiv" for "Kharkiv region").
    cues : tuple of str
        Context words (see :func:`geo.recognize.recognize`).
    kind : str
        ``"place"``, ``"demonym"`` or ``"border"``.
    countries : tuple of str
        ISO2 codes for demonyms and borders.
    fuzzy : bool
        Matched loosely (a misspelling or transliteration).
    fallback : str
        A shorter name to try when ``name`` does not resolve.
    lone : bool
        One word, matched exactly, nothing added to it.
    in_run : bool
        Next to other capitalised words that are not part of the name.
    """

    start: int
    end: int
    text: str
    name: str  # what the resolver is asked for
    cues: tuple[str, ...] = ()
    kind: str = "place"  # "place" | "demonym" | "border"
    countries: tuple[str, ...] = ()  # ISO2 codes for demonyms and borders
    fuzzy: bool = False
    fallback: str = ""  # a shorter name to try when ``name`` does not resolve
    lone: bool = False  # one word, matched exactly, nothing added to it
    in_run: bool = False  # next to other capitalised words that are not part of the name


def within_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether the characters ``s..e`` lie inside one of the (start, end) ``spans``."""
    return any(a <= s and e <= b for a, b in spans)


def overlaps_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether the characters ``s..e`` share one with any of the (start, end) ``spans``."""
    return any(a < e and s < b for a, b in spans)
