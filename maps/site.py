"""Write the site: the main map, the embeddable snippets, the embed-code page, previews.

:func:`render_site` is what ``frontline render`` and ``frontline build`` run: it reads
the event table once, draws ``index.html`` (:mod:`maps.render`), writes
``embed/*.html`` and ``embed.html`` (:mod:`maps.embed`) and, when asked, PNG previews
(:mod:`maps.screenshot`), and reports what it wrote in a :class:`SiteReport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maps.embed import Snippet, embed_page, snippet_groups, write_page, write_snippets
from maps.layers import DEFAULT_BASE, OfflineBase, load_offline_base
from maps.render import DEFAULT_TITLE, map_html, render_map
from maps.screenshot import PreviewUnavailable, site_previews
from maps.table import prepare_events

if TYPE_CHECKING:
    from maps.render_cache import PageCache

__all__ = ["SiteReport", "render_site"]


@dataclass(frozen=True)
class SiteReport:
    """What :func:`render_site` wrote.

    Attributes
    ----------
    out_dir : Path
    index : Path
        The main map.
    index_size : int
        Bytes.
    embed_page : Path
        ``embed.html`` listing every snippet with its embed code.
    snippets : tuple of Snippet
    previews : tuple of Path
        PNG previews (empty unless requested and Chromium is available).
    events : int
        Rows in the event table.
    mapped : int
        Rows drawn (the others have no usable coordinates).
    undated : int
        Mapped rows without a date (shown on their own layer, not on the slider).
    warnings : tuple of str
    drawn : tuple of str
        Pages drawn in this run (with a page cache: those whose inputs changed).
    reused : tuple of str
        Pages copied from the page cache.
    """

    out_dir: Path
    index: Path
    index_size: int
    embed_page: Path
    snippets: tuple[Snippet, ...]
    previews: tuple[Path, ...]
    events: int
    mapped: int
    undated: int
    warnings: tuple[str, ...]
    drawn: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()

    @property
    def embed_codes(self) -> tuple[str, ...]:
        """The ``<iframe>`` code of every snippet, in order."""
        return tuple(s.embed_code for s in self.snippets)

    @property
    def notes(self) -> tuple[str, ...]:
        """Sizes and warnings, one line each, for the command line."""
        lines = [
            f"{self.index.name}: {self.index_size / 1024:.0f} KiB, {self.mapped} of "
            f"{self.events} events mapped ({self.undated} undated)"
        ]
        if self.snippets:
            sizes = [s.size for s in self.snippets]
            lines.append(
                f"{len(sizes)} snippets in {self.embed_page.parent.name}/embed/: "
                f"{min(sizes) / 1024:.0f}-{max(sizes) / 1024:.0f} KiB each; codes in "
                f"{self.embed_page.name}"
            )
        if self.reused:
            lines.append(
                f"{len(self.drawn)} page(s) drawn, {len(self.reused)} unchanged "
                "copied from the cache"
            )
        lines += [f"preview: {p}" for p in self.previews]
        return (*lines, *self.warnings)

    def summary(self) -> str:
        """Plain-text report for the command line: files, sizes and embed codes.

        Returns
        -------
        str
        """
        lines = [
            f"map: {self.index} ({self.index_size / 1024:.0f} KiB, {self.mapped} of "
            f"{self.events} events mapped, {self.undated} undated)",
            f"embed codes: {self.embed_page}",
        ]
        for s in self.snippets:
            lines.append(f"  {s.path.name} ({s.size / 1024:.0f} KiB, {s.events} events)")
            lines.append(f"    {s.embed_code}")
        lines += [f"preview: {p}" for p in self.previews]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def render_site(
    events: Any,
    out_dir: str | Path,
    *,
    self_contained: bool = True,
    title: str = DEFAULT_TITLE,
    previews: bool = False,
    base: OfflineBase | None = DEFAULT_BASE,
    snippets: bool = True,
    max_snippets: int = 40,
    window_days: int | None = None,
    cache: PageCache | None = None,
) -> SiteReport:
    """Write the main map, the embeddable snippets and the embed-code page.

    Parameters
    ----------
    events : GeoDataFrame, DataFrame or path
        The corpus event table.
    out_dir : str or Path
        Output folder (created).
    self_contained : bool, default True
        Inline every script and style (the pages work with the network cut).
    title : str
        Title of the main map.
    previews : bool, default False
        Also write PNG previews with headless Chromium (skipped with a warning when
        no Chromium is installed).
    base : OfflineBase or None, optional
        Offline outlines; defaults to :func:`maps.layers.load_offline_base`.
    snippets : bool, default True
        Write ``embed/*.html`` and ``embed.html``.
    max_snippets : int, default 40
        Most snippets of each kind (articles, areas), the largest groups first.
    window_days : int, optional
        See :func:`maps.render.render_map`.
    cache : PageCache, optional
        Pages of earlier builds: a page whose inputs did not change is copied from it,
        not drawn again (the same bytes either way).

    Returns
    -------
    SiteReport
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    evs, n_rows = prepare_events(events)
    if base is DEFAULT_BASE:
        base = load_offline_base()
    warnings_: list[str] = []
    if base is None:
        warnings_.append("offline base geometry unavailable: the map has no country outlines")
    if n_rows > len(evs):
        warnings_.append(f"{n_rows - len(evs)} event(s) without usable coordinates not mapped")
    # a cache may serve several sites: this one's pages are those named from here on
    start = (len(cache.drawn), len(cache.reused)) if cache is not None else (0, 0)

    def draw() -> str:
        m = render_map(
            evs,
            title=title,
            self_contained=self_contained,
            base=base,
            window_days=window_days,
            cache=cache,
        )
        return map_html(m, self_contained=self_contained)

    index = out / "index.html"
    if cache is None:
        index_size = write_page(index, draw())
    else:
        options = {
            "page": "index",
            "title": title,
            "self_contained": self_contained,
            "window_days": window_days,
        }
        index_size = write_page(index, cache.page(index.name, evs, base, options, draw))
    written: list[Snippet] = []
    if snippets:
        groups = snippet_groups(evs, max_per_kind=max_snippets)
        written = write_snippets(
            groups,
            out,
            self_contained=self_contained,
            base=base,
            window_days=window_days,
            cache=cache,
        )
    page = out / "embed.html"
    write_page(page, embed_page(written, title=title))
    shots: list[Path] = []
    if previews:
        try:
            shots = site_previews(out, index, [s.path for s in written], evs)
        except PreviewUnavailable as exc:
            warnings_.append(str(exc))
    drawn: list[str] = []
    reused: list[str] = []
    if cache is not None:
        cache.finish()
        drawn, reused = cache.drawn[start[0] :], cache.reused[start[1] :]
    return SiteReport(
        out_dir=out,
        index=index,
        index_size=index_size,
        embed_page=page,
        snippets=tuple(written),
        previews=tuple(shots),
        events=n_rows,
        mapped=len(evs),
        undated=sum(1 for e in evs if e.day is None),
        warnings=tuple(warnings_),
        drawn=tuple(drawn),
        reused=tuple(reused),
    )
