"""Read articles from files, folders, JSONL and standard input.

Supported inputs:

* ``.md`` / ``.markdown`` / ``.txt``: plain text, with optional YAML front matter
  (a ``---`` block with ``title``, ``source``, ``url``, ``published``, ``language``);
* ``.html`` / ``.htm`` / ``.xhtml``: reduced to the headline and the paragraphs of
  the main text (trafilatura when installed, else a standard-library extractor);
* ``.jsonl``: one article per line, ``{"id", "text"}`` plus optional ``title``,
  ``source``, ``url``, ``published``, ``language``;
* ``.parquet``: one article per row, the same fields as columns (:mod:`geo.inputs`);
* a folder: every supported file below it, recursively, in sorted order;
* a glob pattern (``'feeds/**/*.jsonl'``): every file it matches, in sorted order;
* ``"-"``: standard input (JSONL, HTML or text, sniffed from the content).

Every problem with one input is reported as an :class:`IngestError` naming the
file and what to do; :func:`iter_articles` yields those errors as values so that
one broken file never stops the others.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from gazetteer.exc import InputError
from geo.html import HtmlPage, extract_html
from geo.model import Article
from geo.text import normalize_newlines

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "TEXT_SUFFIXES",
    "HtmlPage",
    "IngestError",
    "IngestReport",
    "article_from_record",
    "collect_articles",
    "extract_html",
    "iter_articles",
    "parse_published",
    "read_article",
]

#: Largest article accepted by default (bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
_SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | _PARQUET_SUFFIXES

#: Files that document a folder of articles rather than being one (README.md ...).
_FOLDER_DOCS = re.compile(r"(?i)(readme|licen[cs]e|changelog|contributing)(\.[a-z]+)?$")
_KNOWN_FIELDS = ("title", "source", "url", "published", "language")
_FIELD_ALIASES = {"date": "published"}
_NO_DATE_HINT = "add `published: YYYY-MM-DD` to the front matter or pass --published"
_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_HTML_SNIFF = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


class IngestError(InputError):
    """An input that could not be read as an article.

    Parameters
    ----------
    path : str
        The input as given (``"file.jsonl:12"`` for one line of a JSONL file).
    message : str
        What is wrong.
    hint : str
        What to do about it.
    """

    def __init__(self, path: str, message: str, hint: str = "") -> None:
        self.path = str(path)
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def __repr__(self) -> str:
        return f"IngestError(path={self.path!r}, message={self.message!r}, hint={self.hint!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IngestError):
            return NotImplemented
        return (self.path, self.message, self.hint) == (other.path, other.message, other.hint)

    def __hash__(self) -> int:
        return hash((self.path, self.message, self.hint))

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str, str]]:
        return (IngestError, (self.path, self.message, self.hint))


@dataclass(frozen=True)
class _Ignored:
    """A file inside a folder that is not an article (wrong type, hidden)."""

    path: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """Summary of one ingest run.

    Attributes
    ----------
    ok : tuple of str
        Ids of the articles read.
    failed : tuple of IngestError
        Inputs that could not be read, with the reason and a hint.
    ignored : tuple of tuple of str
        ``(path, reason)`` for files inside folders that were not articles.
    warnings : tuple of tuple of str
        ``(article id, warning)`` for every warning on an article read.
    """

    ok: tuple[str, ...] = ()
    failed: tuple[IngestError, ...] = ()
    ignored: tuple[tuple[str, str], ...] = ()
    warnings: tuple[tuple[str, str], ...] = field(default=())

    @property
    def exit_status(self) -> int:
        """Return 0 when every input was read, 1 when some failed."""
        return 1 if self.failed else 0

    def summary(self) -> str:
        """Return a short human-readable account, one line per problem.

        Returns
        -------
        str
            ``"3 articles read, 1 failed, 2 ignored"`` followed by the details.
        """
        lines = [
            f"{len(self.ok)} article{'s' if len(self.ok) != 1 else ''} read, "
            f"{len(self.failed)} failed, {len(self.ignored)} ignored"
        ]
        lines += [f"error: {err}" for err in self.failed]
        lines += [f"ignored: {path}: {reason}" for path, reason in self.ignored]
        lines += [f"warning: {msg}" for _, msg in self.warnings]
        return "\n".join(lines)


# --------------------------------------------------------------------------- public API


def read_article(
    path: str | os.PathLike[str],
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one text, Markdown or HTML file (or ``"-"`` for standard input).

    Parameters
    ----------
    path : str or path-like
        The file; its string form becomes ``Article.id`` and ``Article.path``.
    published : datetime.date or str, optional
        Publication date for texts whose front matter has none (front matter wins).
    source : str, optional
        Outlet name for texts whose front matter has none.
    max_bytes : int, optional
        Largest file accepted (default 20 MB).

    Returns
    -------
    Article
        The article; problems that did not stop reading are in ``warnings``.

    Raises
    ------
    IngestError
        The file is missing, empty, binary, too large, a folder or JSONL file
        (use :func:`iter_articles`), or its front matter is broken.

    Examples
    --------
    >>> art = read_article("articles/example.md", published="2022-05-17")  # doctest: +SKIP
    """
    name = os.fspath(path)
    default_date = parse_published(published, where="--published")
    if name != "-":
        p = Path(name)
        if p.is_dir():
            raise IngestError(name, "is a folder", "use iter_articles() to read a folder")
        if p.suffix.lower() in JSONL_SUFFIXES:
            raise IngestError(name, "is a JSONL file", "use iter_articles() to read JSONL")
        if p.suffix.lower() in _PARQUET_SUFFIXES:
            raise IngestError(name, "is a Parquet file", "use iter_articles() to read Parquet")
    items = list(_read_path(name, default_date, source, max_bytes))
    if len(items) != 1 or not isinstance(items[0], Article):
        first = items[0] if items else IngestError(name, "no article found", "")
        if isinstance(first, IngestError):
            raise first
        raise IngestError(name, "holds more than one article", "use iter_articles()")
    return items[0]


def iter_articles(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestError]:
    """Read every article from files, folders, JSONL files and ``"-"``.

    Parameters
    ----------
    inputs : sequence of str or path-like, or one of them
        Files, folders (read recursively, sorted), JSONL files, or ``"-"``.
    published : datetime.date or str, optional
        Default publication date for texts without one.
    source : str, optional
        Default outlet name for texts without one.
    max_bytes : int, optional
        Largest article accepted (default 20 MB); for JSONL, per line.

    Returns
    -------
    iterator of Article or IngestError
        An article, or the error for an input that could not be read; reading
        goes on with the next input.

    Raises
    ------
    InputError
        ``published`` is not a valid date (a usage error, raised at once).
    """
    items = _iter_all(inputs, published=published, source=source, max_bytes=max_bytes)
    return (item for item in items if not isinstance(item, _Ignored))


def collect_articles(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[Article], IngestReport]:
    """Read everything like :func:`iter_articles` and summarise the run.

    Parameters
    ----------
    inputs : sequence of str or path-like, or one of them
        Files, folders, JSONL files, or ``"-"``.
    published : datetime.date or str, optional
        Default publication date for texts without one.
    source : str, optional
        Default outlet name for texts without one.
    max_bytes : int, optional
        Largest article accepted (default 20 MB).

    Returns
    -------
    articles : list of Article
        The articles read, in input order.
    report : IngestReport
        What was read, what failed and why, what was ignored, every warning.
    """
    articles: list[Article] = []
    failed: list[IngestError] = []
    ignored: list[tuple[str, str]] = []
    for item in _iter_all(inputs, published=published, source=source, max_bytes=max_bytes):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, IngestError):
            failed.append(item)
        else:
            ignored.append((item.path, item.reason))
    report = IngestReport(
        ok=tuple(a.id for a in articles),
        failed=tuple(failed),
        ignored=tuple(ignored),
        warnings=tuple((a.id, w) for a in articles for w in a.warnings),
    )
    return articles, report


def parse_published(value: object, *, where: str = "published") -> dt.date | None:
    """Check a publication date given as a date, datetime or ISO string.

    Parameters
    ----------
    value : object
        ``None``, a ``datetime.date``/``datetime.datetime``, or a string in the form
        ``YYYY-MM-DD`` (a full ISO timestamp is accepted; its date part is used).
    where : str, optional
        Where the value came from, for the error message.

    Returns
    -------
    datetime.date or None
        The date, or ``None`` when ``value`` is ``None`` or empty.

    Raises
    ------
    InputError
        The value is not a real calendar date in the expected format.

    Examples
    --------
    >>> parse_published("2022-05-17")
    datetime.date(2022, 5, 17)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if _ISO_DATE.match(text):
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InputError(f"{where}: {text!r} is not a valid date; expected YYYY-MM-DD, e.g. 2022-05-17")


# --------------------------------------------------------------------------- walking inputs


def _iter_all(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    published: dt.date | str | None,
    source: str | None,
    max_bytes: int,
) -> Iterator[Article | IngestError | _Ignored]:
    """Check the options now, then read lazily."""
    default_date = parse_published(published, where="--published")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
    names = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    return _walk(names, default_date, source, max_bytes)


def _walk(
    names: list[str | os.PathLike[str]],
    default_date: dt.date | None,
    source: str | None,
    max_bytes: int,
) -> Iterator[Article | IngestError | _Ignored]:
    from geo.inputs import expand_pattern

    for given in names:
        name = os.fspath(given)
        matches = expand_pattern(name)
        if matches is not None:
            if not matches:
                yield IngestError(
                    name, "no file matches this pattern", "check the pattern and the folder"
                )
            yield from _walk(list(matches), default_date, source, max_bytes)
        elif name != "-" and Path(name).is_dir():
            yield from _iter_folder(name, default_date, source, max_bytes)
        else:
            yield from _read_path(name, default_date, source, max_bytes)


def _iter_folder(
    name: str, published: dt.date | None, source: str | None, max_bytes: int
) -> Iterator[Article | IngestError | _Ignored]:
    root = Path(name)
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fname in filenames:
            p = Path(dirpath, fname)
            found.append((p.relative_to(root).as_posix(), p))
    found.sort()
    if not found:
        yield IngestError(
            name, "folder holds no files", "put .md, .txt, .html, .jsonl or .parquet files in it"
        )
        return
    for rel, p in found:
        shown = os.path.join(name, *rel.split("/"))
        if p.name.startswith("."):
            yield _Ignored(shown, "hidden file")
        elif _FOLDER_DOCS.match(p.name):
            yield _Ignored(shown, "the folder's own documentation, not an article")
        elif p.suffix.lower() not in _SUPPORTED:
            yield _Ignored(shown, f"not an article type ({', '.join(sorted(_SUPPORTED))})")
        else:
            yield from _read_path(shown, published, source, max_bytes)


def _read_path(
    name: str, published: dt.date | None, source: str | None, max_bytes: int
) -> Iterator[Article | IngestError]:
    suffix = "" if name == "-" else Path(name).suffix.lower()
    if suffix in _PARQUET_SUFFIXES:
        from geo.inputs import read_parquet

        yield from read_parquet(name, published, source, max_bytes)
        return
    if suffix in JSONL_SUFFIXES:
        try:
            fh = open(name, "rb")  # noqa: SIM115 - closed below; errors become values
        except OSError as exc:
            yield _os_error(name, exc)
            return
        with fh:
            yield from _read_jsonl(name, fh, published, source, max_bytes)
        return
    try:
        data = _read_bytes(name, max_bytes)
    except IngestError as err:
        yield err
        return
    if name == "-" and _looks_like_jsonl(data):
        yield from _read_jsonl(name, _BytesLines(data), published, source, max_bytes)
        return
    try:
        text, warnings = _decode(name, data)
        if not text.strip():
            raise IngestError(name, "file is empty", "put the article text in it or remove it")
        is_html = suffix in HTML_SUFFIXES or (
            suffix not in TEXT_SUFFIXES and _HTML_SNIFF.match(text) is not None
        )
        if is_html:
            yield _article_from_html(name, text, warnings, published, source)
        else:
            yield _article_from_text(name, text, warnings, published, source)
    except IngestError as err:
        yield err


def _read_bytes(name: str, max_bytes: int) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(name, len(data), max_bytes, exact=False)
        return data
    p = Path(name)
    try:
        _check_size(name, p.stat().st_size, max_bytes, exact=True)
        return p.read_bytes()
    except OSError as exc:
        raise _os_error(name, exc) from None


def _os_error(name: str, exc: OSError) -> IngestError:
    if isinstance(exc, FileNotFoundError):
        return IngestError(name, "no such file", "check the path")
    return IngestError(
        name, f"cannot read: {exc.strerror or exc}", "check the path and permissions"
    )


def _check_size(name: str, size: int, max_bytes: int, *, exact: bool) -> None:
    if size > max_bytes:
        shown = _human_size(size) if exact else f"more than {_human_size(max_bytes)}"
        raise IngestError(
            name,
            f"article is too large ({shown}; the limit is {_human_size(max_bytes)})",
            "split it into separate articles or raise max_bytes",
        )


def _human_size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SAVE_UTF8 = "save the file as UTF-8"


def _decode(name: str, data: bytes) -> tuple[str, list[str]]:
    """Decode bytes to text with newline normalisation; return text and warnings."""
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(
                    name, f"starts with a {codec} byte-order mark but is not {codec}", _SAVE_UTF8
                ) from None
            return _clean(name, text), warnings
    if b"\x00" in data:
        raise IngestError(
            name, "is a binary file (contains NUL bytes)", "give a text, Markdown or HTML file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            codec = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            codec = "latin-1"
        warnings.append(f"{name}: not valid UTF-8; read as {codec} ({_SAVE_UTF8})")
    return _clean(name, text), warnings


def _clean(name: str, text: str) -> str:
    text = normalize_newlines(text.removeprefix("\ufeff"))
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise IngestError(
            name, "is a binary file (control characters)", "give a text, Markdown or HTML file"
        )
    return text


# --------------------------------------------------------------------------- text and front matter


def _article_from_text(
    name: str, text: str, warnings: list[str], published: dt.date | None, source: str | None
) -> Article:
    meta, body = _split_front_matter(name, text, warnings)
    if not body.strip():
        raise IngestError(
            name, "has front matter but no article text", "add the text below the `---` block"
        )
    return _build(name, name, body, meta, warnings, published, source)


def _split_front_matter(name: str, text: str, warnings: list[str]) -> tuple[dict[str, Any], str]:
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return {}, text
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        raise IngestError(
            name, "front matter is not closed", "end the YAML block with a line `---`"
        )
    block = text[opening.end() : closing.start()]
    body = text[closing.end() :]
    body = body[1:] if body.startswith("\n") else body
    try:
        loaded = yaml.load(block, Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise IngestError(
            f"{name}:{mark.line + 2}" if mark is not None else name,
            f"front matter is not valid YAML ({problem})",
            "fix the YAML between the `---` lines, e.g. quote values containing ':'",
        ) from None
    if loaded is None:
        return {}, body
    if not isinstance(loaded, dict):
        raise IngestError(
            name,
            "front matter is not a list of `field: value` lines",
            "write e.g. `title: ...` and `published: 2022-05-17`",
        )
    meta: dict[str, Any] = {}
    for key, value in loaded.items():
        field_name = _FIELD_ALIASES.get(str(key).lower(), str(key).lower())
        if field_name in _KNOWN_FIELDS:
            meta[field_name] = value
        else:
            warnings.append(
                f"{name}: unknown front matter field {key!r} ignored "
                f"(known: {', '.join(_KNOWN_FIELDS)})"
            )
    return meta, body


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML loader that keeps timestamps as strings (checked by parse_published)."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _build(
    name: str,
    article_id: str,
    body: str,
    meta: dict[str, Any],
    warnings: list[str],
    published: dt.date | None,
    source: str | None,
    *,
    path: str | None = None,
) -> Article:
    try:
        date = parse_published(meta.get("published"), where=f"{name}: published")
    except InputError:
        raise IngestError(
            name,
            f"published: {str(meta.get('published')).strip()!r} is not a valid date",
            "write it as YYYY-MM-DD, e.g. `published: 2022-05-17`",
        ) from None
    if date is None:
        date = published
    if date is None:
        warnings.append(f"{name}: no publication date: {_NO_DATE_HINT}")
    language = _text_field(meta, "language").lower() or "en"
    if not _LANGUAGE.fullmatch(language):
        warnings.append(f"{name}: language {language!r} is not an ISO 639-1 code; using 'en'")
        language = "en"
    return Article(
        id=article_id,
        text=body,
        title=_text_field(meta, "title"),
        source=_text_field(meta, "source") or (source or ""),
        url=_text_field(meta, "url"),
        published=date,
        language=language,
        path=name if path is None else path,
        warnings=tuple(warnings),
    )


def _text_field(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    return "" if value is None else str(value).strip()


# --------------------------------------------------------------------------- HTML


def _article_from_html(
    name: str, text: str, warnings: list[str], published: dt.date | None, source: str | None
) -> Article:
    page = extract_html(text)
    if not page.text.strip():
        raise IngestError(
            name, "HTML page has no main text", "give the article page, not an index page"
        )
    meta: dict[str, Any] = {"title": page.title, "language": page.language}
    if page.published:
        try:
            meta["published"] = parse_published(page.published, where="published")
        except InputError:
            warnings.append(
                f"{name}: publication date {page.published!r} in the page is not a date; ignored"
            )
    return _build(name, name, page.text, meta, warnings, published, source)


# --------------------------------------------------------------------------- JSONL


class _BytesLines:
    """Iterate the lines of an in-memory byte string like a binary file."""

    def __init__(self, data: bytes) -> None:
        self._lines = data.splitlines(keepends=True)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._lines)


def _looks_like_jsonl(data: bytes) -> bool:
    head = data.lstrip()[:1]
    if head != b"{":
        return False
    first = data.lstrip().split(b"\n", 1)[0]
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and "text" in obj


def _read_jsonl(
    name: str,
    lines: BinaryIO | Iterable[bytes],
    published: dt.date | None,
    source: str | None,
    max_bytes: int,
) -> Iterator[Article | IngestError]:
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield _article_from_json_line(where, name, raw, published, source, max_bytes)
        except IngestError as err:
            yield err
    if not seen_any:
        yield IngestError(name, "file is empty", 'write one JSON object per line: {"id", "text"}')


def _article_from_json_line(
    where: str,
    name: str,
    raw: bytes,
    published: dt.date | None,
    source: str | None,
    max_bytes: int,
) -> Article:
    _check_size(where, len(raw), max_bytes, exact=True)
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise IngestError(where, "line is not UTF-8", _SAVE_UTF8) from None
    except ValueError as exc:
        raise IngestError(
            where,
            f"line is not valid JSON ({exc.msg} at column {exc.colno})",
            "write one JSON object per line",
        ) from None
    if not isinstance(obj, dict):
        raise IngestError(where, "line is not a JSON object", 'write {"id": ..., "text": ...}')
    unknown = sorted(k for k in obj if k not in (*_KNOWN_FIELDS, "id", "text"))
    notes = [f"{where}: unknown fields ignored: {', '.join(unknown)}"] if unknown else []
    return article_from_record(
        where, obj, unit="line", warnings=notes, published=published, source=source, path=name
    )


def article_from_record(
    where: str,
    record: dict[str, Any],
    *,
    unit: str,
    warnings: Sequence[str] = (),
    published: dt.date | None = None,
    source: str | None = None,
    path: str = "",
) -> Article:
    """Return the article of one record of a feed: a JSONL line or a Parquet row.

    Parameters
    ----------
    where : str
        ``FILE:LINE`` or ``FILE:ROW``: named by every error and warning, and the article's
        id when the record has none.
    record : dict
        ``text`` (required), ``id`` and the optional ``title``, ``source``, ``url``,
        ``published`` and ``language``; a field set to null counts as absent.
    unit : str
        What a record is called in messages (``"line"``, ``"row"``).
    warnings : sequence of str, optional
        Warnings the caller found already (unknown fields).
    published : datetime.date, optional
        Publication date for a record without one.
    source : str, optional
        Outlet name for a record without one.
    path : str, optional
        The file, kept as the article's path.

    Returns
    -------
    Article

    Raises
    ------
    IngestError
        No text, or a publication date that is no date.
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(
            where, f"{unit} has no 'text'", f"give each {unit} a non-empty 'text' string"
        )
    notes = list(warnings)
    article_id = record.get("id")
    if article_id is None or str(article_id) == "":
        article_id = where
        notes.append(f"{where}: no 'id'; using {where!r}")
    meta = {k: record[k] for k in _KNOWN_FIELDS if record.get(k) is not None}
    return _build(
        where,
        str(article_id),
        normalize_newlines(text),
        meta,
        notes,
        published,
        source,
        path=path or where,
    )
