"""Small text utilities: newline normalisation and sentence splitting.

Everything here works on plain ``str`` with regular expressions only (no model),
and returns character offsets into the string it was given, so that offsets stay
valid for ``Article.text``.
"""

from __future__ import annotations

import re

__all__ = ["normalize_newlines", "paragraph_spans", "split_sentences"]

# Words that take a full stop but (almost) never end a sentence: titles, ranks and
# other abbreviations that are followed by a name or a number.
_NON_FINAL_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "cdr",
        "brig",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "amb",
        "sec",
        "supt",
        "insp",
        "det",
        "gens",
        "cols",
        "vs",
        "v",
        "cf",
        "approx",
        "no",
        "nos",
        "vol",
        "pp",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)

# Capitalised words that usually start a new sentence; after an abbreviation that
# may also end a sentence ("U.S.", "Inc.") they decide for a break.
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "so",
        "yet",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "since",
        "although",
        "according",
        "earlier",
        "later",
        "what",
        "who",
        "why",
        "how",
        "one",
        "some",
        "many",
        "most",
        "all",
        "no",
    ]
)

_TERMINATOR = re.compile(r"(?:\.{2,}|…|[.!?]+)[\"'”’»)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_LOOK_BACK = 40
_DOTTED_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_BLOCK_LINE = re.compile(r"^(?:#{1,6}\s|[-*+]\s|>\s?|\d{1,3}[.)]\s|\|)")
_NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[]*([^\W_]+)")


def normalize_newlines(text: str) -> str:
    r"""Turn Windows (``\r\n``) and old Mac (``\r``) line ends into ``\n``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The same text with every line end written as ``\n``; nothing else changes.

    Examples
    --------
    >>> normalize_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    r"""Split text into blocks: paragraphs, headings and list items.

    Blank lines always separate blocks. A single line break separates blocks when
    the next line starts a Markdown block (``#``, ``-``, ``*``, ``>``, ``1.``, a
    table row) or the previous line is a heading; otherwise it is a wrapped line
    inside a paragraph.

    Parameters
    ----------
    text : str
        Text with ``\n`` line ends (see :func:`normalize_newlines`).

    Returns
    -------
    list of tuple of int
        ``(start, end)`` offsets of each block, without surrounding whitespace.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for gap in (*_BLANK_LINE.finditer(text), None):
        end = gap.start() if gap else len(text)
        _split_block_lines(text, pos, end, spans)
        if gap:
            pos = gap.end()
    return spans


def _split_block_lines(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    block_start = start
    line_start = start
    prev_heading = False
    while line_start <= end:
        nl = text.find("\n", line_start, end)
        line_end = end if nl == -1 else nl
        line = text[line_start:line_end].lstrip()
        if line_start > block_start and (prev_heading or _BLOCK_LINE.match(line)):
            _append_trimmed(text, block_start, line_start, out)
            block_start = line_start
        prev_heading = line.startswith("#")
        if nl == -1:
            break
        line_start = nl + 1
    _append_trimmed(text, block_start, end, out)


def _append_trimmed(
    text: str, start: int, end: int, out: list[tuple[int, int]], shift: int = 0
) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start + shift, end + shift))


def split_sentences(text: str) -> list[tuple[int, int]]:
    r"""Split text into sentences, returned as character spans.

    A sentence ends at ``.``, ``!``, ``?``, an ellipsis, or the end of a block
    (see :func:`paragraph_spans`), optionally followed by closing quotes or
    brackets, when the next word does not start in lower case. A full stop after
    a title or similar abbreviation ("Gen.", "Mr.", "No.") or after an initial
    ("J.") never ends a sentence; after a dotted acronym ("U.S.") it does only when
    a typical sentence opener ("The", "He", ...) follows.

    Parameters
    ----------
    text : str
        Text with ``\n`` line ends.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` offsets with ``text[start:end]`` the sentence, stripped of
        surrounding whitespace, in order and non-overlapping.

    Examples
    --------
    >>> t = "Gen. Smith spoke. The U.S. team left."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Gen. Smith spoke.', 'The U.S. team left.']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        block = text[p_start:p_end]
        s_start = 0
        for m in _TERMINATOR.finditer(block):
            if m.end() >= len(block) or not _is_boundary(block, m):
                continue
            _append_trimmed(block, s_start, m.end(), spans, p_start)
            s_start = m.end()
        _append_trimmed(block, s_start, len(block), spans, p_start)
    return spans


def _is_boundary(block: str, m: re.Match[str]) -> bool:
    nxt = _NEXT_WORD.match(block, m.end())
    if nxt is None:
        return True  # next thing is a symbol or digit-less punctuation: break
    next_word = nxt.group(1)
    if next_word[0].islower():
        return False
    punct = m.group(0)
    if punct.rstrip("\"'”’»)]") != ".":
        return True  # "!", "?", "...", "?!" followed by a non-lower-case word
    # look back a bounded window: a search over the whole block would be quadratic
    before = _WORD_BEFORE.search(block, max(0, m.start() - _LOOK_BACK), m.start())
    if before is None:
        return True
    word = before.group(1).rsplit("-", 1)[-1]
    bare = word.rstrip(".").lower()
    if bare in _NON_FINAL_ABBREVIATIONS and not word.endswith(".."):
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    if _DOTTED_ACRONYM.match(word + "."):
        return next_word.lower() in _SENTENCE_STARTERS
    return True
