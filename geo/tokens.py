"""Tokenising a text for the recogniser, and the recogniser's notes on one document.

A :class:`Token` is a word with what its capitalisation says (a name, or a sentence
start or headline where capitals say little); a :class:`Document` holds the tokens
and the evidence gathered while reading them (people's names, NER spans, the last
place seen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from geo import recognize_rules as R

__all__ = ["Document", "Token", "tokenise"]


class Token(NamedTuple):
    """One word of the text.

    Attributes
    ----------
    start, end : int
        Character offsets (a split-off "'s" is not part of the word).
    text : str
        The word as written.
    cap : bool
        First letter upper case.
    upper : bool
        Whole word upper case (two letters or more).
    weak : bool
        Sentence start or headline: capitalisation says little.
    poss : bool
        Followed by a split-off "'s".
    """

    start: int
    end: int
    text: str
    cap: bool  # first letter upper case
    upper: bool  # whole word upper case (2+ letters)
    weak: bool  # sentence start or headline: capitalisation says little
    poss: bool  # followed by a split-off "'s"


@dataclass
class Document:
    """One text as the recogniser reads it: tokens, and evidence gathered on the way.

    Attributes
    ----------
    text : str
        The text.
    toks : list of Token
        Its words, in order (:func:`tokenise`).
    lower_words : set of str
        Words that occur in lower case somewhere in the text.
    person_words : set of str
        Words that name people in this text.
    person_spans : list of (int, int)
        Character spans of people's names.
    ner_places : list of (int, int)
        Character spans NER tagged as places.
    last_place : (int, tuple of str)
        The last accepted place mention: its end offset and its cues, for lists
        ("shelled Kupiansk and Izium").
    """

    text: str
    toks: list[Token]
    lower_words: set[str]
    person_words: set[str] = field(default_factory=set)
    person_spans: list[tuple[int, int]] = field(default_factory=list)
    ner_places: list[tuple[int, int]] = field(default_factory=list)
    # the last accepted place mention: (end offset, its cues), for "X and Y" lists
    last_place: tuple[int, tuple[str, ...]] = (-1, ())


def tokenise(text: str) -> list[Token]:
    """Split a text into words and tell which capitals carry meaning.

    Parameters
    ----------
    text : str
        The text.

    Returns
    -------
    list of Token
        In text order; a trailing "'s" is split off (``poss``), and words at a
        sentence start or on a title-case line are ``weak``.
    """
    raw = [(m.start(), m.group()) for m in R.TOKEN_RE.finditer(text)]
    headline = _headline_lines(text, raw)
    toks: list[Token] = []
    append = toks.append
    prev_end = 0
    prev_word = ""
    for s, w in raw:
        e = s + len(w)
        poss = False
        if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
            w, e, poss = w[:-2], e - 2, True
        if w.isascii():
            upper = w.isupper() and sum(c.isalpha() for c in w) >= 2
        else:
            letters = [c for c in w if c.isalpha()]
            upper = len(letters) >= 2 and all(c.isupper() for c in letters)
        if prev_end and s == prev_end + 1 and text[prev_end] == " ":
            weak = s in headline  # one space after a word: never a sentence start
        else:
            weak = _sentence_start(text, prev_end, s, prev_word) or (s in headline)
        append(Token(s, e, w, w[0].isupper(), upper, weak, poss))
        prev_end, prev_word = e, w
    return toks


def _sentence_start(text: str, prev_end: int, start: int, prev_word: str) -> bool:
    gap = text[prev_end:start]
    if prev_end == 0:
        return True
    if "\n" in gap:
        return True
    core = gap.strip(" \t\"'“”‘’([«»")
    if not core:
        return False
    if core[-1] in "!?:;•" or core[0] in "!?:;•":
        return True
    if core[0] == "." or core[-1] == ".":
        # "U.S. officials", "St. Louis", "Mr. Smith": an abbreviation, not a full stop.
        return not ("." in prev_word or prev_word.lower() in R.PERSON_TITLES or len(prev_word) <= 2)
    return core[0] in "—–-" and len(core) == 1 and "\n" in gap


def _headline_lines(text: str, words: list[tuple[int, str]]) -> set[int]:
    """Start offsets of tokens on title-case lines (most words capitalised).

    ``words`` holds every token's start offset and text as matched, in text order.
    """
    out: set[int] = set()
    n = len(words)
    k = 0
    line_start = 0
    while k < n:
        # the line of word k: from the newline before it to the next newline
        line_start = text.rfind("\n", line_start, words[k][0]) + 1 or line_start
        nl = text.find("\n", words[k][0])
        end = len(text) if nl < 0 else nl
        j = k
        while j < n and words[j][0] < end:
            j += 1
        line_words = words[k:j]
        long = [w for _, w in line_words if len(w) > 3 and w[0].isalpha()]
        if len(line_words) >= 3 and long:
            caps = sum(1 for w in long if w[0].isupper())
            if caps / len(long) >= 0.75 and not text[line_start:end].rstrip().endswith(
                (".", "”", '"')
            ):
                out.update(start for start, _ in line_words)
        k = j
        line_start = end + 1
    return out
