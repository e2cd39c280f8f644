"""Draw the event table as one folium time-slider map, and turn a map into a page.

``render_map`` builds a :class:`folium.Map` (outlines, the slider with its reports,
reported control and the inferred front from :mod:`geo.control`, the legend);
``map_html`` turns it into a page, with deterministic element ids and, when
self-contained, every script and style inline. :mod:`maps.site` writes the pages.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import folium
import numpy as np
import shapely
from branca.element import Element

from gazetteer.exc import DataError
from geo.control import control_timeline, corpus_setting
from geo.model import GeoPrecision
from geo.schema import day_number
from maps import assets
from maps.extent import MapExtent, map_extent
from maps.layers import (
    DEFAULT_BASE,
    OfflineBase,
    StaticGeoJson,
    focus_area,
    focus_rows,
    focus_union,
    load_offline_base,
    outline_specs,
    region_of_interest,
    tile_layer,
)
from maps.popups import popup_record
from maps.slider import ScriptLayer, TimeSlider, escape_inline
from maps.style import (
    ACTION_SHAPES,
    Side,
    action_label,
    belligerents,
    legend_html,
    shape_points,
    side_of,
    sides_for,
)
from maps.style import options as style_options
from maps.table import MapEvent, prepare_events

if TYPE_CHECKING:
    from maps.render_cache import PageCache

__all__ = ["DEFAULT_TITLE", "map_html", "render_map"]

DEFAULT_TITLE = "Reported advances and withdrawals"

#: Credits shown on every map (the tile layer adds its own while it is shown).
CREDITS = (
    'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener">'
    "CC BY 4.0</a>) · Outlines: "
    '<a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">Natural Earth</a>'
)

_LEAFLET = ("leaflet", "dist/leaflet.js", "dist/leaflet.css")

#: Below this zoom, nearby markers are drawn as one count (a regional view of a
#: thousand reports); from it on, every marker.
CLUSTER_BELOW_ZOOM = 10
#: Side index of a place of reported control drawn as contested (-1: not drawn).
_CONTESTED = -2
_MOVEMENT = {"advance", "withdraw"}


def _r(x: float) -> float:
    return round(float(x), 5)


def _latlng(coords: Any) -> list[list[float]]:
    return [[_r(y), _r(x)] for x, y, *_ in coords]


def _geometry_entry(e: MapEvent, outlines: dict[str, tuple[int, Any]]) -> list[Any] | None:
    """Describe what the page draws besides the marker: a line, or an area's outline.

    An area (an oblast, a country) is never drawn as a shaded area of the acting side:
    the event keeps its marker and the page outlines the area only while the event is
    selected. Areas are stored once in ``outlines`` (by their coordinates: the index
    and the rings), as many events name the same region.
    """
    g = e.geometry
    if g is None:
        return None
    if g.geom_type == "MultiLineString":
        g = shapely.line_merge(g)
        if g.geom_type == "MultiLineString":
            g = max(g.geoms, key=lambda p: p.length)
    if g.geom_type == "LineString":
        coords = _latlng(g.simplify(0.0005).coords)
        if len(coords) < 2:
            return None
        # Two points are an origin and a destination: an arrow. Longer lines (a border
        # stretch, a road) are drawn as lines with the event's marker.
        arrow = e.action in _MOVEMENT and len(g.coords) == 2
        return ["L", coords, 1 if arrow else 0]
    if g.geom_type in {"Polygon", "MultiPolygon"}:
        outline = _area_outline(shapely.to_wkb(g))
        if outline is None:
            return None
        key, rings = outline
        return ["A", outlines.setdefault(key, (len(outlines), rings))[0]]
    return None


@functools.lru_cache(maxsize=1024)
def _area_outline(wkb: bytes) -> tuple[str, list[Any]] | None:
    """Return the drawn outline of an area: its JSON (a key) and its rings.

    Once per area: many events name one. The rings are shared between callers, read only.
    """
    g = shapely.from_wkb(wkb)
    polys = g.geoms if g.geom_type == "MultiPolygon" else [g]
    rings = []
    for p in polys:
        p = p.simplify(0.005)
        if p.is_empty:
            continue
        rings.append([_latlng(p.exterior.coords)] + [_latlng(i.coords) for i in p.interiors])
    if not rings:
        return None
    return json.dumps(rings, separators=(",", ":")), rings


#: Degrees the shaded areas are simplified by, and the grid their corners are rounded to
#: (thousandths of a degree): a fill under the markers needs no finer line than about
#: half a kilometre.
AREA_TOLERANCE = 0.005
_AREA_SCALE = 1000


def _area_payload(
    areas: Sequence[tuple[str, dict[str, Any]]],
    date_index: dict[str, int],
    side_index: dict[str, int],
) -> tuple[list[Any], list[list[Any]]]:
    """Return each side's inferred area per drawn day, each distinct polygon stored once.

    ``areas`` are :attr:`geo.control.ControlTimeline.areas` (the same model as
    ``frontline control``). From one drawn day to the next most pieces of an area stay
    as they were while a few move: every distinct polygon is listed once and each day
    names, per side, the polygons its area is made of; a polygon that changed only in
    places copies its unchanged stretches from the polygons listed before it (see
    :class:`_RingCoder`).

    Returns
    -------
    (list, list)
        The polygons (rings as :meth:`_RingCoder.encode` gives them) and, per drawn
        day, ``[date index, [[side index, [polygon index, ...]], ...]]``.
    """
    index: dict[bytes, list[int]] = {}
    coder = _RingCoder()
    days: list[list[Any]] = []
    for day, by_side in areas:
        drawn = []
        for code, geom in sorted(by_side.items()):
            if code not in side_index or geom is None or geom.is_empty:
                continue
            ids: list[int] = []
            for part in shapely.get_parts(geom):
                key = shapely.to_wkb(part)
                if key not in index:
                    index[key] = [coder.add(rings) for rings in _encode_polygon(part)]
                ids += index[key]
            if ids:
                drawn.append([side_index[code], ids])
        days.append([date_index[day], drawn])
    return coder.polygons, days


def _kept_area_payload(
    areas: Sequence[tuple[str, dict[str, Any]]],
    date_index: dict[str, int],
    side_index: dict[str, int],
    cache: PageCache | None,
) -> tuple[list[Any], list[list[Any]]]:
    """Return :func:`_area_payload`; with a page cache, once for all runs of the same areas.

    A new report changes the main map's events, so the page is drawn again, but it
    rarely changes the drawn areas (the kept control timeline comes back as it was):
    their coding, a fraction of a second, is then read back, keyed by each area's
    exact geometry (WKB and precision grid), the days and the sides.
    """
    if cache is None:
        return _area_payload(areas, date_index, side_index)
    drawn = [
        [day, [[code, _exact(g)] for code, g in sorted(by_side.items())]] for day, by_side in areas
    ]
    arguments = {"areas": drawn, "dates": date_index, "sides": side_index}
    polygons, days = cache.data(
        "areas", None, arguments, lambda: _area_payload(areas, date_index, side_index)
    )
    return polygons, days


def _exact(geom: Any) -> list[Any] | None:
    """Return what a geometry's drawing reads of it: its WKB and its precision grid."""
    if geom is None:
        return None
    return [shapely.to_wkb(geom, hex=True), float(shapely.get_precision(geom))]


def _encode_polygon(polygon: Any) -> list[list[np.ndarray]]:
    """Return a polygon, simplified and on a grid, as rings of whole-number corners.

    Each ring is an array of (latitude, longitude) in thousandths of a degree, without
    the closing corner. Collapsed pieces are left out.
    """
    g = shapely.set_precision(polygon.simplify(AREA_TOLERANCE), 1.0 / _AREA_SCALE)
    out = []
    for p in shapely.get_parts(g):
        if p.geom_type != "Polygon" or p.is_empty:
            continue
        rings = []
        for ring in [p.exterior, *p.interiors]:
            xy = np.rint(np.asarray(ring.coords)[:-1, :2] * _AREA_SCALE).astype(np.int64)
            rings.append(xy[:, ::-1])
        out.append(rings)
    return out


class _RingCoder:
    """Write polygons' rings compactly, copying stretches of rings written before.

    Also a front's lines (rings that do not close). A ring is a flat list: each
    corner's latitude and longitude as its step from the corner before (the first from
    0, 0), in whole grid steps; an item that is a list ``[polygon, ring, start,
    count]`` stands for ``count`` corners of that earlier ring from its corner ``start``
    on (going round), the next step counting from the last of them. A day's area or
    front differs from the day before's in a few places.
    """

    #: Fewest corners worth a copy (a copy costs as many characters as about three steps).
    MIN_RUN = 4
    #: Rings a corner is looked up in (the latest first).
    CANDIDATES = 4

    def __init__(self) -> None:
        self.polygons: list[list[list[Any]]] = []
        self._rings: list[list[list[tuple[int, int]]]] = []
        # Each corner -> (polygon, ring, position) of the last rings written with it
        # (two sides' areas share their border, each going round its own way).
        self._seen: dict[tuple[int, int], list[tuple[int, int, int]]] = {}

    def add(self, rings: list[np.ndarray]) -> int:
        """Write one polygon's rings; return its index."""
        k = len(self.polygons)
        corners = [list(map(tuple, xy.tolist())) for xy in rings]
        self.polygons.append([self.encode(c) for c in corners])
        self._rings.append(corners)
        for r, ring in enumerate(corners):
            for i, corner in enumerate(ring):
                seen = self._seen.setdefault(corner, [])
                seen.insert(0, (k, r, i))
                del seen[self.CANDIDATES :]
        return k

    def encode(self, corners: list[tuple[int, int]]) -> list[Any]:
        """Return one ring (its whole-number corners) as written in the page."""
        out: list[Any] = []
        last = (0, 0)
        j = 0
        while j < len(corners):
            run = self._run(corners, j)
            if run is not None:
                out.append(list(run))
                j += run[3]
                last = corners[j - 1]
                continue
            lat, lng = corners[j]
            out += [lat - last[0], lng - last[1]]
            last = corners[j]
            j += 1
        return out

    def _run(self, corners: list[tuple[int, int]], j: int) -> tuple[int, int, int, int] | None:
        """Return the longest copy of ``corners`` from ``j`` on, if worth one."""
        best = None
        for p, r, start in self._seen.get(corners[j], ()):
            ref = self._rings[p][r]
            n = len(ref)
            most = min(n, len(corners) - j)
            count = 0
            while count < most and corners[j + count] == ref[(start + count) % n]:
                count += 1
            if count >= self.MIN_RUN and (best is None or count > best[3]):
                best = (p, r, start, count)
        return best


#: The grid the front's corners are on (ten-thousandths of a degree, about 10 m: the
#: grid :func:`geo.control.control_timeline` draws it on).
_FRONT_SCALE = 10000


def _front_lines(line: Any) -> list[np.ndarray]:
    """Return a front's lines as (latitude, longitude) on :data:`_FRONT_SCALE`'s grid."""
    return [
        np.rint(shapely.get_coordinates(part)[:, ::-1] * _FRONT_SCALE).astype(np.int64)
        for part in shapely.get_parts(line)
    ]


def _sides(events: Sequence[MapEvent]) -> tuple[list[Side], dict[str, int]]:
    """List the legend's sides: the belligerents, then "other" for every other actor.

    The index maps every side code found among the actors (a belligerent's own, any
    other country's to the "other" entry) to its place in the list.
    """
    fighting = belligerents(events)
    codes = {c for c, _ in fighting}
    drawn = {side_of(e.actor1)[0] for e in events}  # markers take the acting side's colour
    sides = sides_for(fighting + ([("", "")] if drawn - codes or not fighting else []))
    index = {s.code: i for i, s in enumerate(sides)}
    other = index.get("", len(sides) - 1)
    for e in events:
        for actor in (e.actor1, e.actor2):
            index.setdefault(side_of(actor)[0], other)
    return sides, index


def _side_code(actor: str) -> str:
    return side_of(actor)[0]


#: The last few control timelines, by their records: the main map and the overview
#: snippet draw the same events, and the timeline is most of their cost.
_TIMELINES: list[tuple[list[Any], bytes | None, Any]] = []
_TIMELINES_KEPT = 2


def _timeline(records: list[Any], clip: Any, cache: PageCache | None = None) -> Any:
    """Return the control timeline of ``records``, once per run for the same records.

    With a page cache, each drawn day's front and areas are kept between runs too.
    """
    wkb = None if clip is None else shapely.to_wkb(clip)
    for held, held_wkb, timeline in _TIMELINES:
        # the same record objects (held, so their ids stay theirs) in the same order
        if (
            held_wkb == wkb
            and len(held) == len(records)
            and all(a is b for a, b in zip(held, records, strict=True))
        ):
            return timeline
    settlements, country = corpus_setting(records)
    code_of = _side_code
    if cache is None:
        timeline = control_timeline(
            records, code_of, settlements=settlements, clip=country if country is not None else clip
        )
    else:  # fitted again only when the claims changed
        timeline = cache.control.timeline(
            records, code_of, settlements=settlements, clip=country if country is not None else clip
        )
    _TIMELINES.insert(0, (records, wkb, timeline))
    del _TIMELINES[_TIMELINES_KEPT:]
    return timeline


#: The last few outline layers drawn, by their arguments: the main map and the overview
#: snippet, and snippets of the same region, share them.
_OUTLINES: list[tuple[Any, tuple[Any, ...], Any]] = []
_OUTLINES_KEPT = 4


def _outlines(
    base: Any,
    roi: Any,
    *,
    focus: set[str],
    tolerance: float,
    outer: Any,
    outer_tolerance: float,
    cache: PageCache | None = None,
) -> Any:
    """Return :func:`maps.layers.outline_specs`, once per run for the same arguments.

    With a page cache, once for all runs: a new report rarely moves the region drawn.
    """
    key = (
        shapely.to_wkb(roi, hex=True),
        tuple(sorted(focus or ())),
        tolerance,
        None if outer is None else shapely.to_wkb(outer, hex=True),
        outer_tolerance,
    )
    for held_base, held_key, specs in _OUTLINES:
        if held_base is base and held_key == key:
            return specs

    def compute() -> Any:
        return outline_specs(
            base,
            roi,
            focus=focus,
            tolerance=tolerance,
            outer=outer,
            outer_tolerance=outer_tolerance,
        )

    if cache is None:
        specs = compute()
    else:
        arguments = dict(
            zip(("roi", "focus", "tolerance", "outer", "outer_tolerance"), key, strict=True)
        )
        specs = cache.data("outlines", base, arguments, compute)
    _OUTLINES.insert(0, (base, key, specs))
    del _OUTLINES[_OUTLINES_KEPT:]
    return specs


def _focus_area(
    base: Any, lonlat: np.ndarray, roi: Any, cache: PageCache | None
) -> tuple[set[str], Any]:
    """Return :func:`maps.layers.focus_area`; with a page cache, once for all runs.

    The union of the countries' outlines costs a fraction of a second a page, and a new
    report rarely changes the countries or the region.
    """
    if cache is None or base is None:
        return focus_area(base, lonlat, roi)
    # the union is keyed by the countries hit, not the points: a new report's points
    # rarely reach a new country
    rows = focus_rows(base, np.asarray(lonlat, dtype=float))
    if not rows:
        return set(), None
    arguments = {"countries": rows, "roi": shapely.to_wkb(roi, hex=True)}

    def compute() -> Any:
        iso, area = focus_union(base, rows, roi)
        return [sorted(iso), shapely.to_wkb(area, hex=True)]

    iso, wkb = cache.data("focus", base, arguments, compute)
    # WKB gives back the union's coordinates bit for bit
    return set(iso), None if wkb is None else shapely.from_wkb(wkb)


def _payload(
    events: Sequence[MapEvent],
    *,
    title: str,
    window_days: int | None,
    clip: Any,
    cache: PageCache | None = None,
) -> dict[str, Any]:
    """Return the slider's data: the events, the control layer, the legend for ``title``.

    The main map and the overview snippet show the same events: all but the legend is
    built once for both.
    """
    wkb = None if clip is None else shapely.to_wkb(clip)
    found = [
        entry
        for entry in _PAYLOADS
        if entry[1] == wkb
        and entry[2] == window_days
        and len(entry[0]) == len(events)
        and all(a is b for a, b in zip(entry[0], events, strict=True))
    ]
    if found:
        core, legend = found[0][3], found[0][4]
    else:
        core, legend = _payload_core(events, window_days=window_days, clip=clip, cache=cache)
        _PAYLOADS.insert(0, (events, wkb, window_days, core, legend))
        del _PAYLOADS[_PAYLOADS_KEPT:]
    data = dict(core)  # the legend keeps its place among the keys: the same bytes
    data["legend"] = legend_html(*legend[:2], title=title, **legend[2])
    return data


#: The last few payloads without their legend, by their events (held, so their ids
#: stay theirs), clip and window.
_PAYLOADS: list[tuple[Sequence[MapEvent], bytes | None, int | None, dict[str, Any], Any]] = []
_PAYLOADS_KEPT = 2


def _payload_core(
    events: Sequence[MapEvent],
    *,
    window_days: int | None,
    clip: Any,
    cache: PageCache | None = None,
) -> tuple[dict[str, Any], tuple[Any, Any, dict[str, Any]]]:
    """Return the payload with a placeholder legend, and the legend's arguments."""
    sides, side_index = _sides(events)
    present = {e.action for e in events}
    actions = [a for a in ACTION_SHAPES if a in present] + sorted(present - set(ACTION_SHAPES))
    action_index = {a: i for i, a in enumerate(actions)}
    # The same model as `frontline control`: the country's places, areas, front.
    records = [e.event for e in events]
    timeline = _timeline(records, clip, cache)
    # A drawn front can fall on a day no place changed its shown side (a confidence or a
    # river crossing moved the line): its day needs a slot on the slider too.
    dates = sorted(
        {e.day for e in events if e.day}
        | {c[0] for c in timeline.changes}
        | {d for d, _ in timeline.fronts}
    )
    date_index = {d: i for i, d in enumerate(dates)}
    ev = []
    outlines: dict[str, tuple[int, Any]] = {}
    for e in events:
        ev.append(
            [
                date_index[e.day] if e.day else -1,
                _r(e.latitude),
                _r(e.longitude),
                action_index[e.action],
                side_index[side_of(e.actor1)[0]],
                _geometry_entry(e, outlines),
                1 if e.geo_precision is GeoPrecision.REGION else 0,
            ]
        )
    front_coder = _RingCoder()
    fronts = [
        [date_index[day], None if line is None else front_coder.add(_front_lines(line))]
        for day, line in timeline.fronts
    ]
    area_polygons, area_days = _kept_area_payload(timeline.areas, date_index, side_index, cache)
    shapes = {
        name: [[round(x, 4), round(y, 4)] for x, y in shape_points(name)]
        for name in sorted(set(ACTION_SHAPES.values()))
    }
    core = {
        "dates": dates,
        "days": [day_number(d) for d in dates],
        "start": max(len(dates) - 1, 0),
        "window": window_days,
        "playMs": 800,
        "sides": [{"color": s.color, "fill": s.fill, "label": s.label} for s in sides],
        "actionLabels": [action_label(a) for a in actions],
        "actionShapes": [ACTION_SHAPES.get(a, "circle") for a in actions],
        "shapes": shapes,
        "ev": ev,
        "outlines": [rings for _, rings in outlines.values()],
        "cluster": {"below": CLUSTER_BELOW_ZOOM, "radius": 56, "min": 3},
        "ids": [e.event_id for e in events],
        "pop": [popup_record(e) for e in events],
        "places": [[_r(p.latitude), _r(p.longitude)] for p in timeline.places],
        # A place whose side is open again ("": contested or unknown) is drawn as such.
        "changes": [
            [date_index[d], p, side_index.get(s, -1) if s else _CONTESTED]
            for d, p, s in timeline.changes
        ],
        "contested": dict(zip(("color", "fill"), style_options.contested_colors, strict=True)),
        "fronts": fronts,
        "frontLines": front_coder.polygons,
        "areaPolygons": area_polygons,
        "areas": area_days,
        "legend": "",
        "legendOpenWidth": 600,
        "credits": CREDITS,
    }
    legend = {
        "has_front": any(f[1] is not None for f in timeline.fronts),
        "control_sides": {c[2] for c in timeline.changes if c[2]},
        "area_sides": {sides[i].code for _, day in area_days for i, _ in day},
        "has_contested": any(not c[2] for c in timeline.changes),
        "has_movement": any(g is not None and g[0] == "L" for g in (x[5] for x in ev)),
        "has_regions": any(x[6] for x in ev) or bool(outlines),
    }
    return core, (sides, actions, legend)


def render_map(
    events: Any,
    *,
    title: str = DEFAULT_TITLE,
    self_contained: bool = True,
    base: OfflineBase | None = DEFAULT_BASE,
    tiles: str | None = "OpenStreetMap.Mapnik",
    show_tiles: bool | None = None,
    window_days: int | None = None,
    snippet: bool = False,
    cache: PageCache | None = None,
) -> folium.Map:
    """Build the time-slider map of an event table.

    The map opens on the bulk of the events (see :func:`maps.extent.map_extent`): a
    stray report far away does not widen the first view, and stays reachable by
    panning. The outlines are simplified for that view.

    Parameters
    ----------
    events : GeoDataFrame, DataFrame, path or list of MapEvent
        The corpus event table (see :func:`maps.table.prepare_events`).
    title : str
        Shown on top of the legend and as the page title.
    self_contained : bool, default True
        Whether the page will inline its assets; then web tiles start hidden so the
        page makes no network request until a reader picks them.
    base : OfflineBase or None, optional
        Offline outlines; defaults to :func:`maps.layers.load_offline_base`.
    tiles : str or None, default "OpenStreetMap.Mapnik"
        xyzservices provider of the online tile layer (``None``: no tiles).
    show_tiles : bool, optional
        Show the tiles on opening; defaults to ``not self_contained``.
    window_days : int, optional
        Show only events of the last ``window_days`` days before the slider date
        (default: every report up to the date).
    snippet : bool, default False
        Compact legend for small embeds.
    cache : PageCache, optional
        Keeps the outlines of a region between runs (see :mod:`maps.render_cache`).

    Returns
    -------
    folium.Map
    """
    evs, _ = prepare_events(events)
    if base is DEFAULT_BASE:
        base = load_offline_base()
    lonlat = np.array([(e.longitude, e.latitude) for e in evs], dtype=float).reshape(-1, 2)
    # A report on a whole region sits at the region's centre: it does not shape the view.
    named = np.array([e.geo_precision is not GeoPrecision.REGION for e in evs], dtype=bool)
    extent = map_extent(lonlat, weight=named)
    if extent is None:  # nothing to map: a world view without outlines
        extent = MapExtent(
            bulk=(-180.0, -60.0, 180.0, 75.0), full=(-180.0, -60.0, 180.0, 75.0), kept=0, total=0
        )
        base = None
    # The view and the detail of the outlines follow the bulk of the events; a coarser
    # outer ring of outlines reaches any stray event.
    roi = region_of_interest(extent.bulk)
    outer = region_of_interest(extent.full) if extent.strays else None
    if outer is not None and roi.covers(outer):
        outer = None
    focus, clip = _focus_area(base, lonlat, outer if outer is not None else roi, cache)
    lo, hi = np.array(extent.bulk[:2]), np.array(extent.bulk[2:])
    m = folium.Map(
        location=[_r((lo[1] + hi[1]) / 2), _r((lo[0] + hi[0]) / 2)],
        zoom_start=6 if evs else 2,
        tiles=None,
        control_scale=True,
    )
    m.default_js = [("leaflet", assets.cdn_url(_LEAFLET[0], _LEAFLET[1]))]
    m.default_css = [("leaflet_css", assets.cdn_url(_LEAFLET[0], _LEAFLET[2]))]
    m.get_root().header.add_child(Element(f"<title>{html.escape(title)}</title>"), name="title")
    online = bool(tiles) and (not self_contained if show_tiles is None else show_tiles)
    m.add_child(ScriptLayer("Outlines only (offline)", overlay=False, show=not online))
    if tiles:
        m.add_child(tile_layer(tiles, show=online))
    width = roi.bounds[2] - roi.bounds[0]
    outer_width = width if outer is None else outer.bounds[2] - outer.bounds[0]
    for features, styles, name in _outlines(
        base,
        roi,
        focus=focus,
        tolerance=max(0.005, width / 1500),
        outer=outer,
        outer_tolerance=max(0.02, outer_width / 600),
        cache=cache,
    ):
        m.add_child(StaticGeoJson(features, styles, name=name))
    groups = {
        "areas": ScriptLayer("Areas held (approximate, inferred from reports)"),
        "control": ScriptLayer("Reported control (last report per place)"),
        "front": ScriptLayer("Front line (approximate, inferred from reports)"),
        "events": ScriptLayer("Reports"),
        "undated": ScriptLayer("Undated reports"),
    }
    for layer in groups.values():
        m.add_child(layer)
    data = _payload(evs, title=title, window_days=window_days, clip=clip, cache=cache)
    m.add_child(TimeSlider(data, layers=groups))
    folium.LayerControl(collapsed=True).add_to(m)
    if evs:
        pad = 0.02 + 0.05 * float(max(hi - lo))
        fit = folium.map.FitBounds(
            [[_r(lo[1] - pad), _r(lo[0] - pad)], [_r(hi[1] + pad), _r(hi[0] + pad)]],
            padding_top_left=(10, 10),
            padding_bottom_right=(10, 54),
        )
        # Open directly on the fitted view: no zoom animation from the placeholder zoom.
        fit.options["animate"] = False
        m.add_child(fit)
    _fix_ids(m.get_root())
    return m


def _fix_ids(root: Any) -> None:
    counter = itertools.count(1)

    def walk(el: Any) -> None:
        el._id = f"{next(counter):06d}"
        for child in el._children.values():
            walk(child)

    walk(root)


_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
_CSS_HREF = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')


def map_html(m: folium.Map, *, self_contained: bool = True) -> str:
    """Render a map built by :func:`render_map` to a page.

    Parameters
    ----------
    m : folium.Map
    self_contained : bool, default True
        Inline Leaflet (script, styles, images) from the asset cache instead of
        linking the pinned CDN copy.

    Returns
    -------
    str
        The HTML; identical for identical maps.

    Raises
    ------
    DataError
        Self-contained output was asked for and the asset cache is missing, or the
        page links a resource that has no cached copy.
    """
    text = m.get_root().render().replace("<html>", '<html lang="en">', 1)
    if not self_contained:
        return text
    urls = {
        assets.cdn_url(_LEAFLET[0], _LEAFLET[1]): ("js", _LEAFLET[1]),
        assets.cdn_url(_LEAFLET[0], _LEAFLET[2]): ("css", _LEAFLET[2]),
    }

    def script(match: re.Match[str]) -> str:
        kind_file = urls.get(match.group(1))
        if kind_file is None or kind_file[0] != "js":
            raise DataError(f"page links {match.group(1)}, which has no offline copy")
        return f"<script>{escape_inline(assets.asset_text(_LEAFLET[0], kind_file[1]))}</script>"

    def style(match: re.Match[str]) -> str:
        kind_file = urls.get(match.group(1))
        if kind_file is None or kind_file[0] != "css":
            raise DataError(f"page links {match.group(1)}, which has no offline copy")
        return f"<style>{escape_inline(assets.inline_css(_LEAFLET[0], kind_file[1]))}</style>"

    text = _SCRIPT_SRC.sub(lambda mm: script(mm), text)
    return _CSS_HREF.sub(lambda mm: style(mm), text)
