"""PNG screenshots of the map pages, from the system's headless Chromium via Playwright.

Only a Chromium already installed on the machine is used (``/usr/bin/chromium``, the
Debian package, or ``$FRONTLINE_CHROMIUM``); a browser is never downloaded. Pages are
opened from files with every network request blocked, so screenshots are offline.
:func:`site_previews` shoots a written site (``frontline build`` writes them to
``previews/``); ``python -m maps.preview`` (:mod:`maps.preview`) shoots the README's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.exc import DataError
from gazetteer.fileio import write_atomic
from geo.schema import day_number
from maps.table import MapEvent

__all__ = [
    "CHROMIUM_ARGS",
    "PreviewUnavailable",
    "Shot",
    "early_date",
    "find_chromium",
    "launch",
    "optimise_png",
    "screenshots",
    "site_previews",
]

#: Command-line switches for the headless browser.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")


class PreviewUnavailable(DataError):
    """No usable Chromium or Playwright: previews are skipped."""


@dataclass(frozen=True)
class Shot:
    """One screenshot to take.

    Attributes
    ----------
    page : Path
        HTML file to open.
    out : Path
        PNG to write.
    width, height : int
        Viewport in CSS pixels.
    fragment : str
        URL fragment, e.g. ``"date=2022-04-01"`` to open the slider at a date.
    """

    page: Path
    out: Path
    width: int = 1200
    height: int = 800
    fragment: str = ""


def find_chromium() -> str | None:
    """Path of the system Chromium, or ``None``.

    Returns
    -------
    str or None
        ``$FRONTLINE_CHROMIUM`` when set, else the Debian package's binary.
    """
    env = os.environ.get("FRONTLINE_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for path in _CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright):
    """Launch the system Chromium headless with :data:`CHROMIUM_ARGS`.

    Parameters
    ----------
    playwright : playwright.sync_api.Playwright or None
        From ``sync_playwright()`` (``None`` only checks that Chromium exists).

    Returns
    -------
    playwright.sync_api.Browser

    Raises
    ------
    PreviewUnavailable
        No Chromium installed (install the ``chromium`` Debian package).
    """
    exe = find_chromium()
    if exe is None:
        raise PreviewUnavailable(
            "previews skipped: no Chromium found (install the Debian package `chromium` "
            "or set FRONTLINE_CHROMIUM)"
        )
    return playwright.chromium.launch(executable_path=exe, args=list(CHROMIUM_ARGS))


def _offline(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "about:")):
        route.continue_()
    else:
        route.abort()


def screenshots(shots: Sequence[Shot], *, browser: Any = None) -> list[Path]:
    """Take PNG screenshots of local pages, offline.

    Parameters
    ----------
    shots : sequence of Shot
    browser : playwright.sync_api.Browser, optional
        A browser to reuse; by default the system Chromium is started and closed.

    Returns
    -------
    list of Path
        The PNGs written.

    Raises
    ------
    PreviewUnavailable
        Playwright or Chromium is missing.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise PreviewUnavailable(
            "previews skipped: Playwright is not installed (pip install 'frontline[browser]')"
        ) from exc
    if browser is not None:
        return _shoot(browser, shots)
    if find_chromium() is None:
        launch(None)  # raises the explanation
    try:
        with sync_playwright() as pw:
            own = launch(pw)
            try:
                return _shoot(own, shots)
            finally:
                own.close()
    except PlaywrightError as exc:
        raise PreviewUnavailable(f"previews skipped: the browser failed ({exc})") from exc


_SETTLE_JS = """async () => {
  await document.fonts.ready;
  const raf = () => new Promise(r => requestAnimationFrame(() => r()));
  await raf(); await raf();
}"""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def optimise_png(data: bytes) -> bytes:
    """Recompress a PNG losslessly: one ``IDAT`` chunk at zlib level 9, no extra chunks.

    Parameters
    ----------
    data : bytes
        A PNG file.

    Returns
    -------
    bytes
        The same image, usually smaller; the input itself when it is not smaller.

    Raises
    ------
    DataError
        The bytes are not a PNG.
    """
    if not data.startswith(_PNG_SIGNATURE):
        raise DataError("not a PNG image (screenshot output expected)")
    chunks, pos, idat = [], len(_PNG_SIGNATURE), []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IDAT":
            idat.append(body)
        elif kind in {b"IHDR", b"PLTE", b"tRNS", b"IEND"}:
            chunks.append((kind, body))
    if not idat or not chunks or chunks[0][0] != b"IHDR":
        raise DataError("PNG without image data")
    packed = zlib.compress(zlib.decompress(b"".join(idat)), 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    out = [_PNG_SIGNATURE]
    for kind, body in chunks:
        if kind == b"IEND":
            out.append(chunk(b"IDAT", packed))
        out.append(chunk(kind, body))
    result = b"".join(out)
    return result if len(result) < len(data) else data


def _shoot(browser: Any, shots: Sequence[Shot]) -> list[Path]:
    written = []
    for shot in shots:
        page = browser.new_page(viewport={"width": shot.width, "height": shot.height})
        try:
            page.route("**/*", _offline)
            url = shot.page.resolve().as_uri()
            if shot.fragment:
                url += "#" + shot.fragment
            page.goto(url, wait_until="load")
            page.wait_for_function("window.frontline !== undefined", timeout=20000)
            # Let the map settle: fonts, then two frames (the canvases paint in the first).
            page.evaluate(_SETTLE_JS)
            page.wait_for_timeout(100)
            page.evaluate(_SETTLE_JS)
            write_atomic(shot.out, optimise_png(page.screenshot()))
            written.append(shot.out)
        finally:
            page.close()
    return written


def early_date(events: Sequence[MapEvent], *, share: float = 0.15) -> str | None:
    """Pick an early slider date that already shows the first reports of the main period.

    Stray dates (a report about an earlier war, years before the rest) are left out
    the way :func:`maps.extent.bulk_mask` leaves out stray places: days further from
    the median day than three times the upper quartile of those distances (and at
    least 30 days) do not count. The date is the last event day within ``share`` of
    the remaining period.

    Parameters
    ----------
    events : sequence of MapEvent
    share : float, default 0.15
        Fraction of the main period from its first day.

    Returns
    -------
    str or None
        ISO date, or ``None`` with fewer than two event days.
    """
    days = sorted({e.day for e in events if e.day})
    if len(days) < 2:
        return None
    nums = [day_number(d) for d in days]
    weights = sorted(day_number(e.day) for e in events if e.day)
    mid = weights[len(weights) // 2]
    gaps = sorted(abs(n - mid) for n in weights)
    limit = max(30, 3 * gaps[(3 * (len(gaps) - 1)) // 4])
    main = [(n, d) for n, d in zip(nums, days, strict=True) if abs(n - mid) <= limit]
    first, last = main[0][0], main[-1][0]
    cut = first + share * (last - first)
    return [d for n, d in main if n <= cut][-1]


def site_previews(
    out_dir: Path,
    index: Path,
    snippets: Sequence[Path],
    events: Sequence[MapEvent],
    *,
    folder: str = "previews",
) -> list[Path]:
    """Preview a rendered site: the main map at two dates, each snippet at 600 x 400.

    The main map is shot at the latest date and at an early one.

    Parameters
    ----------
    out_dir : Path
        Site folder; PNGs go to ``out_dir/<folder>``.
    index : Path
        The main map.
    snippets : sequence of Path
        Snippet pages.
    events : sequence of MapEvent
        The mapped events (for the early date).
    folder : str, default "previews"

    Returns
    -------
    list of Path
    """
    target = Path(out_dir) / folder
    shots = [Shot(index, target / "map-latest.png")]
    early = early_date(events)
    if early:
        shots.append(Shot(index, target / "map-early.png", fragment=f"date={early}"))
    shots += [Shot(p, target / f"embed-{p.stem}.png", width=600, height=400) for p in snippets]
    return _screenshots_of_changed_pages(shots, target / _MANIFEST)


#: Remembers which page bytes each PNG shows, so that a rebuild with nothing changed
#: starts no browser at all (pages are byte-identical when their inputs are).
_MANIFEST = ".sources.json"


def _shot_key(shot: Shot) -> str:
    digest = hashlib.sha256(shot.page.read_bytes())
    digest.update(f"|{shot.fragment}|{shot.width}x{shot.height}".encode())
    return digest.hexdigest()


def _screenshots_of_changed_pages(shots: Sequence[Shot], manifest: Path) -> list[Path]:
    try:
        known = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    keys = {shot.out.name: _shot_key(shot) for shot in shots}
    stale = [s for s in shots if not s.out.is_file() or known.get(s.out.name) != keys[s.out.name]]
    if stale:
        screenshots(stale)
    if stale or set(known) != set(keys):
        write_atomic(manifest, json.dumps(keys, indent=1, sort_keys=True) + "\n")
    return [s.out for s in shots]
