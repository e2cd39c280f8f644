"""Embeddable snippets: one small map per story, per area and overall, with embed codes.

Each snippet is a page that fills whatever iframe it is put in (the map takes the
viewport, body margin 0, no scrollbars), drawn by :mod:`maps.render`. ``embed.html``
lists every snippet with its ``<iframe>`` code, escaped for copying and rendered as a
preview.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from gazetteer.fileio import write_atomic
from maps.layers import OfflineBase
from maps.render import map_html, render_map
from maps.table import MapEvent

if TYPE_CHECKING:
    from maps.render_cache import PageCache

__all__ = [
    "Snippet",
    "SnippetGroup",
    "embed_code",
    "embed_page",
    "snippet_groups",
    "write_page",
    "write_snippets",
]

#: Default iframe height in pixels (the page adapts to any height and width).
IFRAME_HEIGHT = 480


@dataclass(frozen=True)
class Snippet:
    """One embeddable page.

    Attributes
    ----------
    name : str
        File stem under ``embed/``.
    title : str
        Title of the page and of the iframe.
    kind : str
        ``"overview"``, ``"article"`` or ``"area"``.
    path : Path
        The written file.
    size : int
        Bytes.
    events : int
        Events shown.
    embed_code : str
        The ``<iframe>`` HTML to paste into a story.
    """

    name: str
    title: str
    kind: str
    path: Path
    size: int
    events: int
    embed_code: str


@dataclass(frozen=True)
class SnippetGroup:
    """Events shown together in one snippet.

    Attributes
    ----------
    name : str
        File stem (``overview``, ``article-...``, ``area-...``).
    title : str
    kind : str
        ``"overview"``, ``"article"`` or ``"area"``.
    events : tuple of MapEvent
    """

    name: str
    title: str
    kind: str
    events: tuple[MapEvent, ...]


def _slug(text: str, *, limit: int = 40) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def _article_keys(e: MapEvent) -> list[str]:
    first = e.source_url or e.article_id or e.source
    keys = [first] if first else []
    for _, url in e.sources:
        if url and url not in keys:
            keys.append(url)
    return keys


def _article_title(key: str, events: Sequence[MapEvent]) -> str:
    # The article's own headline names its snippet; an article without one is named by
    # its outlet and link.
    headlines = Counter(title for e in events for k, title in e.headlines if k == key)
    if headlines:
        return sorted(headlines.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    names = Counter(e.source for e in events if e.source and key in {e.source_url, e.article_id})
    parts = urlsplit(key) if "://" in key else None
    if parts is not None and parts.hostname:
        path = parts.path.rstrip("/")
        where = parts.hostname + (path if len(path) <= 40 else path[:39] + "…")
    else:
        where = PurePath(key).name
    if names:
        label = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return f"Reports from {label} ({where})" if where else f"Reports from {label}"
    return f"Reports from {where or key}"


def snippet_groups(events: Sequence[MapEvent], *, max_per_kind: int = 40) -> list[SnippetGroup]:
    """Group events into snippets: overall, one per article, one per admin-1 area.

    Parameters
    ----------
    events : sequence of MapEvent
    max_per_kind : int, default 40
        Most article and area snippets each (largest groups first, then by name).

    Returns
    -------
    list of SnippetGroup
        Deterministic order: overview, articles, areas.
    """
    groups = [SnippetGroup("overview", "All reports", "overview", tuple(events))]
    by_article: dict[str, list[MapEvent]] = defaultdict(list)
    by_area: dict[tuple[str, str], list[MapEvent]] = defaultdict(list)
    for e in events:
        for key in _article_keys(e):
            by_article[key].append(e)
        if e.admin1:
            by_area[(e.admin1, e.country)].append(e)
    articles = sorted(by_article.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:max_per_kind]
    for key, evs in sorted(articles, key=lambda kv: kv[0]):
        label = urlsplit(key).path if "://" in key else PurePath(key).name
        name = f"article-{_slug(label or key)}-{_digest(key)}"
        groups.append(SnippetGroup(name, _article_title(key, evs), "article", tuple(evs)))
    areas = sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:max_per_kind]
    for (admin1, country), evs in sorted(areas, key=lambda kv: kv[0]):
        title = f"Reports in {admin1}" + (f", {country}" if country else "")
        name = f"area-{_slug(admin1)}-{_digest(admin1 + '|' + country)}"
        groups.append(SnippetGroup(name, title, "area", tuple(evs)))
    return groups


def embed_code(src: str, title: str, *, height: int = IFRAME_HEIGHT) -> str:
    """Return the ``<iframe>`` HTML that embeds a snippet.

    Parameters
    ----------
    src : str
        URL or relative path of the snippet page.
    title : str
        Accessible title of the frame.
    height : int, default 480
        Frame height in pixels (the map adapts to it).

    Returns
    -------
    str

    Examples
    --------
    >>> embed_code("embed/overview.html", "All reports")  # doctest: +NORMALIZE_WHITESPACE
    '<iframe src="embed/overview.html" title="All reports" loading="lazy"
    style="width:100%;border:0" height="480"></iframe>'
    """
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'loading="lazy" style="width:100%;border:0" height="{int(height)}"></iframe>'
    )


def write_snippets(
    groups: Sequence[SnippetGroup],
    out_dir: Path,
    *,
    self_contained: bool = True,
    base: OfflineBase | None = None,
    window_days: int | None = None,
    cache: PageCache | None = None,
) -> list[Snippet]:
    """Render and write ``embed/<name>.html`` for each group.

    Parameters
    ----------
    groups : sequence of SnippetGroup
    out_dir : Path
        Site folder; snippets go to ``out_dir/embed``.
    self_contained : bool, default True
    base : OfflineBase or None
        Offline outlines.
    window_days : int, optional
        See :func:`maps.render.render_map`.
    cache : PageCache, optional
        Pages of earlier builds (see :func:`maps.site.render_site`).

    Returns
    -------
    list of Snippet
    """
    out = []
    for g in groups:

        def draw(g: SnippetGroup = g) -> str:
            m = render_map(
                list(g.events),
                title=g.title,
                self_contained=self_contained,
                base=base,
                snippet=True,
                window_days=window_days,
                cache=cache,
            )
            return map_html(m, self_contained=self_contained)

        path = Path(out_dir) / "embed" / f"{g.name}.html"
        if cache is None:
            size = write_page(path, draw())
        else:
            options = {
                "page": "snippet",
                "title": g.title,
                "self_contained": self_contained,
                "window_days": window_days,
            }
            size = write_page(path, cache.page(path.name, g.events, base, options, draw))
        code = embed_code(f"embed/{g.name}.html", g.title)
        out.append(Snippet(g.name, g.title, g.kind, path, size, len(g.events), code))
    return out


def write_page(path: Path, body: str | bytes) -> int:
    """Write a page atomically, unless the file holds these bytes already.

    A rebuild copies most pages from the cache: leaving a file that is already right as
    it is spares the write and keeps its time (previews are shot by content anyway).

    Parameters
    ----------
    path : Path
    body : str or bytes
        Text is written as UTF-8.

    Returns
    -------
    int
        Bytes of the page.
    """
    raw = body.encode("utf-8") if isinstance(body, str) else body
    try:
        same = path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        same = False
    return len(raw) if same else write_atomic(path, raw)


_PAGE_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;
max-width:960px;padding:16px;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin:1.6em 0 .3em}
.meta{color:#555;font-size:.9em;margin:0 0 .4em}
textarea{width:100%;box-sizing:border-box;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;
height:4.5em;resize:vertical}
.preview{border:1px solid #ccc;margin:.4em 0 1em}
"""


def embed_page(snippets: Sequence[Snippet], *, title: str) -> str:
    """HTML of ``embed.html``: every snippet with its embed code and a live preview.

    Parameters
    ----------
    snippets : sequence of Snippet
    title : str
        Site title.

    Returns
    -------
    str
    """
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Embed codes: {esc(title)}</title><style>{_PAGE_CSS}</style></head><body>",
        f"<h1>Embed codes: {esc(title)}</h1>",
        "<p>Copy a code into a story. Each map fills the width of its column; change "
        "<code>height</code> to taste.</p>",
    ]
    for s in snippets:
        kib = s.size / 1024
        parts.append(f'<section id="{esc(s.name, quote=True)}"><h2>{esc(s.title)}</h2>')
        parts.append(
            f'<p class="meta">{s.events} report(s) · {kib:.0f} KiB · '
            f'<a href="embed/{esc(s.name, quote=True)}.html">open</a></p>'
        )
        parts.append(
            f'<textarea readonly aria-label="Embed code for {esc(s.title, quote=True)}">'
            f"{esc(s.embed_code)}</textarea>"
        )
        parts.append(f'<div class="preview">{s.embed_code}</div></section>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
