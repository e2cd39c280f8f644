"""The preview command: PNG previews of the maps for the README.

Command line (``make previews``)::

    python -m maps.preview OUT_DIR (--events EVENTS | --articles DIR)

renders the site of an event table (or of an article folder, extracted first) and
writes ``map-early.png``, ``map-latest.png`` (1200 x 800) and ``snippet.png``
(480 x 400), shot with :mod:`maps.screenshot`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from gazetteer.exc import FrontlineError
from gazetteer.fileio import write_atomic
from maps.embed import Snippet
from maps.screenshot import PreviewUnavailable, Shot, early_date, screenshots
from maps.site import render_site
from maps.table import MapEvent, load_events, map_events

__all__ = ["main", "readme_previews"]


def readme_previews(
    index: Path,
    snippets: Sequence[Snippet],
    events: Sequence[MapEvent],
    out_dir: Path,
    *,
    size: tuple[int, int] = (1200, 800),
    snippet_size: tuple[int, int] = (480, 400),
) -> list[Path]:
    """Shoot the previews a README shows: the map early and latest, and one area snippet.

    Writes ``map-early.png`` (at :func:`~maps.screenshot.early_date`), ``map-latest.png``
    and ``snippet.png`` (the area snippet with the most events, else the first snippet).

    Parameters
    ----------
    index : Path
        The main map page.
    snippets : sequence of Snippet
        Written snippets.
    events : sequence of MapEvent
        The mapped events (for the early date).
    out_dir : Path
    size : (int, int), default (1200, 800)
        Viewport of the map previews.
    snippet_size : (int, int), default (480, 400)
        Viewport of the snippet preview (a narrow frame: its legend starts collapsed).

    Returns
    -------
    list of Path
    """
    out = Path(out_dir)
    shots = []
    early = early_date(events)
    if early:
        shots.append(Shot(index, out / "map-early.png", *size, fragment=f"date={early}"))
    shots.append(Shot(index, out / "map-latest.png", *size))
    areas = sorted((s for s in snippets if s.kind == "area"), key=lambda s: (-s.events, s.name))
    chosen = areas[0] if areas else (snippets[0] if snippets else None)
    if chosen is not None:
        shots.append(Shot(chosen.path, out / "snippet.png", *snippet_size))
    return screenshots(shots)


def main(argv: list[str] | None = None) -> int:
    """Command line: write previews of the maps of an event table or an article folder.

    Parameters
    ----------
    argv : list of str, optional

    Returns
    -------
    int
        0 written, 1 failed or skipped, 2 usage error.
    """
    parser = argparse.ArgumentParser(
        prog="python -m maps.preview", description="PNG previews of the frontline maps"
    )
    parser.add_argument("out", type=Path, help="folder for the PNGs (e.g. docs)")
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--events", type=Path, help="event table written by frontline extract")
    src.add_argument("--articles", type=Path, help="article folder to extract events from")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        events = args.events
        if events is None:
            events = Path(tmp) / "events.geojson"
            proc = subprocess.run(
                [sys.executable, "-m", "geo.cli", "extract", str(args.articles), "-o", str(events)],
                check=False,
            )
            if proc.returncode not in (0, 1) or not events.is_file():
                print(
                    f"maps.preview: extracting events from {args.articles} failed", file=sys.stderr
                )
                return 1
        try:
            report = render_site(events, Path(tmp) / "site", snippets=True, max_snippets=1)
            shots = readme_previews(
                report.index,
                report.snippets,
                map_events(load_events(events)),
                Path(tmp) / "previews",
            )
        except PreviewUnavailable as exc:
            print(f"maps.preview: {exc}", file=sys.stderr)
            return 1
        except FrontlineError as exc:
            print(f"maps.preview: {exc}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            dest = args.out / shot.name
            write_atomic(dest, shot.read_bytes())
            print(f"preview: {dest} ({dest.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
