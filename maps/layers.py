"""Base layers: offline country outlines, borders and admin-1 lines, and web tiles.

The offline geometry comes from :mod:`gazetteer.geometry` (GeoDataFrames), cut to the
region of interest (the extent of the bulk of the events plus a margin, which keeps the
neighbours in view), simplified for that extent and rounded so the page stays small;
stray events far away get a coarser outer ring of outlines. Web tiles are an online extra:
offline the map still shows the outlines.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
import shapely
from folium.map import Layer
from folium.template import Template
from shapely.geometry.base import BaseGeometry

from gazetteer.exc import DataError
from maps.slider import script_json

__all__ = [
    "DEFAULT_BASE",
    "OfflineBase",
    "StaticGeoJson",
    "focus_area",
    "focus_rows",
    "focus_union",
    "load_offline_base",
    "outline_layers",
    "outline_specs",
    "region_of_interest",
    "tile_layer",
]


@dataclass(frozen=True)
class OfflineBase:
    """Offline base geometry, as GeoDataFrames in EPSG:4326 (any may be ``None``).

    Attributes
    ----------
    countries : GeoDataFrame or None
        Columns ``iso_a2``, ``name``, ``geometry``.
    borders : GeoDataFrame or None
        Columns ``a``, ``b`` (ISO codes), ``geometry`` (shared boundary lines).
    admin1 : GeoDataFrame or None
        Admin-1 units: ``geometry`` polygons or lines, and the country's ISO code in
        ``country`` (or ``iso_a2``).
    """

    countries: Any = None
    borders: Any = None
    admin1: Any = None


#: Default of the ``base`` parameters: "not passed", so the committed outlines are
#: loaded (:func:`load_offline_base`); ``None`` means a map without outlines.
DEFAULT_BASE: Any = object()


def load_offline_base() -> OfflineBase | None:
    """Load the committed base geometry; ``None`` when it is not available.

    Returns
    -------
    OfflineBase or None
    """
    try:
        from gazetteer import geometry
    except ImportError:
        return None
    parts = {}
    for key in ("countries", "borders", "admin1"):
        fn = getattr(geometry, key, None)
        if fn is None:
            parts[key] = None
            continue
        try:
            parts[key] = fn()
        except (DataError, OSError, ValueError) as exc:
            warnings.warn(f"base geometry {key!r} unavailable: {exc}", stacklevel=2)
            parts[key] = None
    return OfflineBase(**parts)


def region_of_interest(
    bounds: tuple[float, float, float, float],
    *,
    margin: float = 0.5,
    min_margin: float = 2.0,
    aspect: float = 2.0,
) -> BaseGeometry:
    """Grow the events' bounding box by a margin, in degrees, to fill a wide view.

    Parameters
    ----------
    bounds : (minx, miny, maxx, maxy)
    margin : float, default 0.5
        Fraction of the larger side added on every side.
    min_margin : float, default 2.0
        Smallest margin in degrees.
    aspect : float, default 2.0
        Smallest width / height ratio on the map (Web Mercator), so that a landscape
        view of the events shows no edge of the outlines.

    Returns
    -------
    Polygon
    """
    import math

    minx, miny, maxx, maxy = bounds
    pad = max(min_margin, margin * max(maxx - minx, maxy - miny))
    minx, miny, maxx, maxy = minx - pad, max(miny - pad, -85), maxx + pad, min(maxy + pad, 85)
    mid = math.radians((miny + maxy) / 2)
    # Degrees of longitude look cos(lat) times as long as degrees of latitude.
    want = aspect * (maxy - miny) / max(math.cos(mid), 0.2)
    if maxx - minx < want:
        grow = (want - (maxx - minx)) / 2
        minx, maxx = minx - grow, maxx + grow
    return shapely.box(max(minx, -180), miny, min(maxx, 180), maxy)


def focus_area(
    base: OfflineBase | None, lonlat: np.ndarray, roi: BaseGeometry
) -> tuple[set[str], BaseGeometry | None]:
    """Find the countries that contain events, and their area inside the region of interest.

    Parameters
    ----------
    base : OfflineBase or None
    lonlat : ndarray of shape (n, 2)
        Event coordinates.
    roi : Polygon
        Region of interest (see :func:`region_of_interest`).

    Returns
    -------
    (set of str, geometry or None)
        ISO codes, and the union of those countries cut to the region (what inferred
        fronts are clipped to); ``(set(), None)`` without base geometry.
    """
    rows = focus_rows(base, lonlat)
    if not rows:
        return set(), None
    return focus_union(base, rows, roi)


def focus_rows(base: OfflineBase | None, lonlat: np.ndarray) -> list[int]:
    """Return the rows of ``base.countries`` that contain events.

    The first half of :func:`focus_area`; a page cache keys the second, costlier half
    (:func:`focus_union`) by these rows.

    Parameters
    ----------
    base : OfflineBase or None
    lonlat : ndarray of shape (n, 2)
        Event coordinates.

    Returns
    -------
    list of int
        Sorted; empty without base geometry or events.
    """
    if base is None or base.countries is None or len(lonlat) == 0:
        return []
    geoms = np.asarray(base.countries.geometry.values)
    pts = np.unique(np.round(np.asarray(lonlat, dtype=float), 3), axis=0)
    candidates = shapely.STRtree(geoms).query(shapely.multipoints(pts))
    rows = []
    for i in np.sort(candidates):
        g = geoms[i]
        shapely.prepare(g)
        if shapely.intersects_xy(g, pts[:, 0], pts[:, 1]).any():
            rows.append(int(i))
    return rows


def focus_union(
    base: OfflineBase, rows: list[int], roi: BaseGeometry
) -> tuple[set[str], BaseGeometry]:
    """Return the ISO codes of the countries ``rows`` and their union cut to ``roi``.

    Parameters
    ----------
    base : OfflineBase
    rows : list of int
        From :func:`focus_rows` (not empty).
    roi : Polygon
        Region of interest.

    Returns
    -------
    (set of str, geometry)
    """
    geoms = np.asarray(base.countries.geometry.values)
    iso = set(base.countries["iso_a2"].astype(str).to_numpy()[rows])
    minx, miny, maxx, maxy = roi.bounds
    parts = shapely.clip_by_rect(geoms[rows], minx, miny, maxx, maxy)
    return iso, shapely.union_all(parts)


def _roi_rows(frame: Any, roi: BaseGeometry) -> Any:
    idx = frame.sindex.query(roi, predicate="intersects")
    return frame.iloc[np.sort(idx)]


def _round(geom: BaseGeometry, tolerance: float) -> BaseGeometry:
    return shapely.set_precision(geom.simplify(tolerance), 1e-4)


def _features(geoms: Any, style: str) -> list[dict[str, Any]]:
    out = []
    for g in geoms:
        if g is None or g.is_empty:
            continue
        out.append(
            {"type": "Feature", "properties": {"s": style}, "geometry": shapely.geometry.mapping(g)}
        )
    return out


class StaticGeoJson(Layer):
    """A non-interactive GeoJSON layer styled by each feature's ``s`` property.

    Parameters
    ----------
    features : list of dict
        GeoJSON features.
    styles : dict of str to dict
        Leaflet path options per style key.
    name : str
        Name in the layer control.
    show : bool, default True
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var styles = {{ this.styles_json }};
                return L.geoJSON({{ this.data_json }}, {
                    interactive: false,
                    pane: {{ this.pane_json }},
                    style: function (f) { return styles[f.properties.s] || {}; }
                });
            })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        features: list[dict[str, Any]],
        styles: dict[str, dict[str, Any]],
        *,
        name: str,
        show: bool = True,
        pane: str = "overlayPane",
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "StaticGeoJson"
        self.data_json = script_json({"type": "FeatureCollection", "features": features})
        self.styles_json = script_json(styles)
        self.pane_json = script_json(pane)


def _tiers(
    geom: BaseGeometry,
    roi: BaseGeometry,
    tolerance: float,
    outer: BaseGeometry | None,
    outer_tolerance: float,
) -> list[BaseGeometry]:
    """Cut to ``roi`` at ``tolerance``, plus the part in ``outer`` outside ``roi``, coarser."""
    minx, miny, maxx, maxy = roi.bounds
    parts = [_round(shapely.clip_by_rect(geom, minx, miny, maxx, maxy), tolerance)]
    if outer is not None:
        ominx, ominy, omaxx, omaxy = outer.bounds
        ring = shapely.difference(shapely.clip_by_rect(geom, ominx, ominy, omaxx, omaxy), roi)
        parts.append(_round(ring, outer_tolerance))
    return parts


def outline_layers(
    base: OfflineBase | None,
    roi: BaseGeometry,
    *,
    focus: set[str] | None = None,
    tolerance: float = 0.01,
    outer: BaseGeometry | None = None,
    outer_tolerance: float | None = None,
) -> list[StaticGeoJson]:
    """Country fills and outlines, borders and admin-1 lines inside the region of interest.

    The region of interest (where the bulk of the events lies) is drawn at
    ``tolerance``; an optional ``outer`` region (reaching stray events) is drawn
    around it more coarsely, without admin-1 lines, so the page stays small.

    Parameters
    ----------
    base : OfflineBase or None
        ``None`` gives no layers.
    roi : Polygon
        Region of interest (see :func:`region_of_interest`).
    focus : set of str, optional
        ISO codes of the countries with events (drawn lighter, with admin-1 lines).
    tolerance : float, default 0.01
        Simplification tolerance in degrees.
    outer : Polygon, optional
        A larger region containing ``roi``, drawn outside ``roi`` at ``outer_tolerance``.
    outer_tolerance : float, optional
        Defaults to ten times ``tolerance``.

    Returns
    -------
    list of StaticGeoJson
        ``Countries``, ``Borders`` and ``Regions`` layers (those that have data).
    """
    specs = outline_specs(
        base, roi, focus=focus, tolerance=tolerance, outer=outer, outer_tolerance=outer_tolerance
    )
    return [StaticGeoJson(features, styles, name=name) for features, styles, name in specs]


def outline_specs(
    base: OfflineBase | None,
    roi: BaseGeometry,
    *,
    focus: set[str] | None = None,
    tolerance: float = 0.01,
    outer: BaseGeometry | None = None,
    outer_tolerance: float | None = None,
) -> list[tuple[list[dict[str, Any]], dict[str, dict[str, Any]], str]]:
    """Compute what :func:`outline_layers` draws, as plain data (same parameters).

    Returns
    -------
    list of (features, styles, name)
        One entry per layer: its GeoJSON features, its styles and its name.
    """
    if base is None:
        return []
    focus = focus or set()
    minx, miny, maxx, maxy = roi.bounds
    coarse = 10 * tolerance if outer_tolerance is None else outer_tolerance
    reach = roi if outer is None else outer
    layers: list[tuple[list[dict[str, Any]], dict[str, dict[str, Any]], str]] = []
    if base.countries is not None and len(base.countries):
        c = _roi_rows(base.countries, reach)
        feats = []
        iso = c["iso_a2"].astype(str).tolist() if "iso_a2" in c.columns else [""] * len(c)
        geoms = list(c.geometry.values)
        order = sorted(range(len(geoms)), key=lambda i: iso[i])
        for i in order:
            g = geoms[i]
            kind = "focus" if iso[i] in focus else "other"
            fill = _tiers(g, roi, tolerance, outer, coarse)
            line = _tiers(g.boundary, roi, tolerance, outer, coarse)
            feats += _features(fill, f"fill-{kind}") + _features(line, "outline")
        styles = {
            "fill-focus": {
                "stroke": False,
                "fillColor": "#ffffff",
                "fillOpacity": 0.75,
                "className": "fl-fill",
            },
            "fill-other": {
                "stroke": False,
                "fillColor": "#f1efe9",
                "fillOpacity": 0.7,
                "className": "fl-fill",
            },
            "outline": {"color": "#8a8f96", "weight": 0.8, "fill": False},
        }
        layers.append((feats, styles, "Countries"))
    if base.admin1 is not None and len(base.admin1):
        a = base.admin1
        col = "country" if "country" in a.columns else "iso_a2" if "iso_a2" in a.columns else None
        if focus and col:
            a = a[a[col].astype(str).isin(focus)]
        a = a[a.geometry.notna() & ~a.geometry.is_empty]
        a = _roi_rows(a, roi)
        lines = [
            _round(
                shapely.clip_by_rect(
                    g.boundary if g.geom_type.endswith("Polygon") else g, minx, miny, maxx, maxy
                ),
                tolerance,
            )
            for g in a.geometry.values
        ]
        if lines:
            merged = shapely.line_merge(shapely.union_all(lines))
            layers.append(
                (
                    _features([merged], "admin1"),
                    {
                        "admin1": {
                            "color": "#a9adb3",
                            "weight": 0.7,
                            "dashArray": "3 3",
                            "fill": False,
                        }
                    },
                    "Regions (admin-1)",
                )
            )
    if base.borders is not None and len(base.borders):
        b = _roi_rows(base.borders, reach)
        if focus and {"a", "b"} <= set(b.columns):
            b = b[b["a"].astype(str).isin(focus) | b["b"].astype(str).isin(focus)]
        if {"a", "b"} <= set(b.columns):
            b = b.sort_values(["a", "b"])
        lines = [
            part
            for g in b.geometry.values
            for part in _tiers(g, roi, tolerance / 2, outer, coarse / 2)
        ]
        if lines:
            layers.append(
                (
                    _features(lines, "border"),
                    {"border": {"color": "#3d3d3d", "weight": 1.8, "opacity": 0.9, "fill": False}},
                    "Borders",
                )
            )
    return layers


def tile_layer(provider: str = "OpenStreetMap.Mapnik", *, show: bool = False) -> folium.TileLayer:
    """Make an online web-tile base layer from an xyzservices provider.

    Parameters
    ----------
    provider : str, default "OpenStreetMap.Mapnik"
        Dotted xyzservices name, e.g. ``"CartoDB.Positron"``.
    show : bool, default False
        Shown on opening (it loads tiles from the network).

    Returns
    -------
    folium.TileLayer
    """
    import xyzservices.providers as xyz

    try:
        tiles = xyz.query_name(provider)
    except ValueError as exc:
        raise DataError(f"unknown tile provider {provider!r} (see xyzservices)") from exc
    return folium.TileLayer(
        tiles=tiles,
        name=f"{tiles.name.replace('.', ' ')} (online tiles)",
        overlay=False,
        control=True,
        show=show,
    )
