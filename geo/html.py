"""Reduce an HTML page to its headline and main text, with its metadata.

trafilatura decides which blocks are main text when it is installed; the page's own
blocks are returned in order (trafilatura alone runs a headline and its paragraphs
together on small pages). Without it a standard-library extractor drops scripts, styles
and site furniture (navigation, headers, footers, asides, share and comment boxes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from geo.text import normalize_newlines

__all__ = ["HtmlPage", "extract_html"]


@dataclass(frozen=True)
class HtmlPage:
    """What :func:`extract_html` finds in a page.

    Attributes
    ----------
    text : str
        Headline and paragraphs of the main text, blocks separated by blank lines.
    title : str
        ``og:title``, else ``<title>``, else the first ``<h1>``; ``""`` if none.
    published : str
        The raw ``article:published_time`` / ``datePublished`` / ``<time datetime>``.
    language : str
        The ``<html lang>`` attribute.
    """

    text: str
    title: str = ""
    published: str = ""
    language: str = ""


def extract_html(
    html: str, *, engine: Literal["auto", "trafilatura", "stdlib"] = "auto"
) -> HtmlPage:
    """Reduce an HTML page to its main text and metadata, offline.

    Parameters
    ----------
    html : str
        The page.
    engine : {"auto", "trafilatura", "stdlib"}, optional
        ``"stdlib"``: a standard-library extractor that drops ``script``, ``style``,
        ``nav``, ``aside``, page ``header``/``footer`` and elements whose class or id
        names boilerplate (menu, sidebar, share, comments ...), and keeps headings,
        paragraphs, list items and quotes (only those inside ``<article>``/``<main>``
        when the page has one). ``"trafilatura"``: the trafilatura package decides
        which text is the main text; the blocks of the page that it kept are
        returned in page order, so that headline and paragraphs stay separate
        (trafilatura's own output sometimes runs them together). ``"auto"``
        (default): trafilatura when installed, else, or when it finds nothing, the
        standard-library extractor.

    Returns
    -------
    HtmlPage
        Main text (blocks separated by blank lines) and metadata.

    Raises
    ------
    ImportError
        ``engine="trafilatura"`` and trafilatura is not installed.
    """
    meta = _HtmlMeta()
    meta.feed(html)
    meta.close()
    text = ""
    if engine in ("auto", "trafilatura"):
        try:
            import trafilatura
        except ImportError:
            if engine == "trafilatura":
                raise ImportError(
                    "engine='trafilatura' needs the trafilatura package: pip install trafilatura"
                ) from None
        else:
            extracted = trafilatura.extract(
                html,
                output_format="txt",
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                deduplicate=False,
            )
            if extracted:
                text = _blocks_kept_by(meta.all_blocks(), extracted)
    if not text and engine != "trafilatura":
        text = meta.main_text()
    title = meta.og_title or meta.title or meta.first_h1
    return HtmlPage(text=text, title=title, published=meta.published, language=meta.language)


def _blocks_kept_by(blocks: list[str], extracted: str) -> str:
    """Return the page blocks found, in order, in an extractor's output.

    Falls back to the extractor's own lines when the blocks cover less than 80 %
    of its output (the page's markup and the extractor disagree).
    """
    flat = _SPACES.sub(" ", extracted).strip()
    kept: list[str] = []
    pos = 0
    for block in blocks:
        found = flat.find(block, pos)
        if found >= 0:
            kept.append(block)
            pos = found + len(block)
    covered = sum(len(b.replace(" ", "")) for b in kept)
    if kept and covered >= 0.8 * len(flat.replace(" ", "")):
        return "\n\n".join(kept)
    lines = (line.strip() for line in normalize_newlines(extracted).split("\n"))
    return "\n\n".join(line for line in lines if line)


_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "aside",
        "footer",
        "form",
        "iframe",
        "button",
        "select",
        "figure",
        "head",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "figcaption",
        "td",
        "th",
        "div",
        "section",
        "article",
        "main",
        "br",
        "tr",
        "ul",
        "ol",
    }
)
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_PUBLISHED_META = (
    "article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publishdate",
    "og:published_time",
)
_SPACES = re.compile(r"\s+")
#: class / id values (or their first part) that mark page furniture, not article text.
_BOILERPLATE = re.compile(
    r"(?:^|\s)(?:nav|navbar|navigation|menu|footer|sidebar|breadcrumbs?|share|sharing|social"
    r"|comments?|related|recommended|newsletter|subscribe|cookies?|consent|advert|ads?|promo"
    r"|banner|masthead|skip)(?:$|[\s_-])",
    re.I,
)
_NEVER_BOILERPLATE = frozenset({"html", "body", "article", "main", "p", "h1"})


def _is_boilerplate(attrs: dict[str, str]) -> bool:
    return any(_BOILERPLATE.search(attrs.get(key, "")) for key in ("class", "id", "role"))


class _HtmlMeta(HTMLParser):
    """One pass over a page: metadata plus a fallback main-text extraction."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.og_title = ""
        self.first_h1 = ""
        self.published = ""
        self.language = ""
        self._stack: list[str] = []
        self._skip = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._blocks: list[tuple[bool, str, str]] = []  # (in main, tag, text)
        self._current: list[str] = []
        self._current_tag = ""
        self._main_depth = 0
        self._published_rank = len(_PUBLISHED_META) + 1

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.language = a["lang"].split("-")[0].strip().lower()
        if tag == "meta":
            self._meta(a)
            return
        if tag == "time" and a.get("datetime") and self._published_rank > len(_PUBLISHED_META):
            self.published = a["datetime"].strip()
            self._published_rank = len(_PUBLISHED_META)
        if tag == "title":
            self._in_title = True
        if tag in _VOID_TAGS:
            if tag == "br":
                self._flush()
            return
        self._stack.append(tag)
        if (
            self._skip
            or tag in _SKIP_TAGS
            or (tag == "header" and not self._main_depth)
            or (tag not in _NEVER_BOILERPLATE and _is_boilerplate(a))
        ):
            self._skip += 1
            return
        if tag in ("article", "main"):
            self._main_depth += 1
        if tag in _BLOCK_TAGS:
            self._flush()
            self._current_tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if tag == "title":
            self._in_title = False
            self.title = self.title or _SPACES.sub(" ", "".join(self._title_parts)).strip()
        if tag not in self._stack:
            return
        while self._stack:
            open_tag = self._stack.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in ("article", "main"):
            self._main_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if not self._skip:
            self._current.append(data)

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        content = a.get("content", "").strip()
        if not content:
            return
        if key == "og:title":
            self.og_title = _SPACES.sub(" ", content)
        elif key in _PUBLISHED_META:
            rank = _PUBLISHED_META.index(key)
            if rank < self._published_rank:
                self.published, self._published_rank = content, rank

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._current)).strip()
        self._current = []
        if text:
            tag = self._current_tag or "p"
            if tag == "h1" and not self.first_h1:
                self.first_h1 = text
            self._blocks.append((self._main_depth > 0, tag, text))

    def close(self) -> None:
        super().close()
        self._flush()

    def all_blocks(self) -> list[str]:
        """Return every text block outside the skipped elements, in page order."""
        return [text for _, _, text in self._blocks]

    def main_text(self) -> str:
        """Return the blocks of ``<article>``/``<main>`` if any, else all blocks."""
        blocks = self._blocks
        if any(in_main for in_main, _, _ in blocks):
            headline = [b for b in blocks if b[1] == "h1" and not b[0]][:1]
            blocks = headline + [b for b in blocks if b[0]]
        return "\n\n".join(text for _, _, text in blocks)
