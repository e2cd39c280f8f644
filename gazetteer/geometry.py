"""Run-time access to the committed geometry layer: countries, admin-1 units, regions, borders.

The files are written by :mod:`gazetteer.geometry_build` into ``gazetteer/data/``. Set the
environment variable ``FRONTLINE_GEOMETRY_DIR`` to read them from another folder. Each layer
is loaded once and cached; callers must not modify the returned frames.
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.exc import DataError, GazetteerNotBuiltError, InputError

__all__ = [
    "admin1",
    "admin1_at",
    "bearing_of",
    "borders",
    "countries",
    "data_dir",
    "demonyms",
    "nearest_border_point",
    "regions",
    "shared_border",
]

ENV_DIR = "FRONTLINE_GEOMETRY_DIR"
#: Default distance (degrees, about 3 km) within which a point off every polygon is given
#: the nearest admin-1 unit by :func:`admin1_at`.
SHORE_TOLERANCE_DEG = 0.03

_POINTS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
_ABBREV = {
    "n": 0.0,
    "ne": 45.0,
    "e": 90.0,
    "se": 135.0,
    "s": 180.0,
    "sw": 225.0,
    "w": 270.0,
    "nw": 315.0,
    "nne": 22.5,
    "ene": 67.5,
    "ese": 112.5,
    "sse": 157.5,
    "ssw": 202.5,
    "wsw": 247.5,
    "wnw": 292.5,
    "nnw": 337.5,
}
_WORD = {"north": "n", "east": "e", "south": "s", "west": "w"}


def data_dir() -> Path:
    """Folder the geometry files are read from.

    Returns
    -------
    Path
        ``$FRONTLINE_GEOMETRY_DIR`` when set, else the package's ``data`` folder.
    """
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    return Path(str(resources.files("gazetteer").joinpath("data")))


def _file(name: str) -> Path:
    path = data_dir() / name
    if not path.is_file():
        raise GazetteerNotBuiltError(
            f"{path} is missing: run `make gazetteer-data` (python -m gazetteer.geometry_build)"
        )
    return path


def _read(name: str) -> gpd.GeoDataFrame:
    # pyarrow + shapely.from_wkb directly: about twice as fast as geopandas.read_parquet.
    import pyarrow.parquet as pq

    path = _file(name)
    try:
        table = pq.read_table(path)
        wkb = table.column("geometry").to_numpy(zero_copy_only=False)
        frame = table.drop(["geometry"]).to_pandas()
        geoms = shapely.from_wkb(wkb)
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(
            f"{path} cannot be read ({exc}): rebuild it with `make gazetteer-data`"
        ) from exc
    return gpd.GeoDataFrame(frame, geometry=geoms, crs="EPSG:4326")


def _as_tuples(frame: gpd.GeoDataFrame, *cols: str) -> gpd.GeoDataFrame:
    for col in cols:
        frame[col] = [tuple(v) if v is not None else () for v in frame[col]]
    return frame


@lru_cache(maxsize=1)
def countries() -> gpd.GeoDataFrame:
    """Countries with their outlines (German point of view: Crimea and Donbas in Ukraine).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``iso_a2, iso_a3, name, names, population, geometry``, sorted by ``iso_a2``;
        ``names`` is a tuple of alternate names, the preferred name first.
    """
    return _as_tuples(_read("countries.parquet"), "names")


@lru_cache(maxsize=1)
def admin1() -> gpd.GeoDataFrame:
    """First-level administrative units (oblasts, provinces, states) worldwide.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``id`` (``"UA.07"``), ``country``, ``code`` (GeoNames admin-1 code), ``name``,
        ``names``, ``lat``, ``lon`` (a point inside the unit) and ``geometry`` (Polygon or
        MultiPolygon, ``None`` where Natural Earth has no admin-1 lines), sorted by ``id``.
    """
    return _as_tuples(_read("admin1.parquet"), "names")


@lru_cache(maxsize=1)
def regions() -> gpd.GeoDataFrame:
    """Named regions defined as unions of admin-1 units or of countries (``regions.yaml``).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``id`` (``"donbas"``, ``"middle-east"``), ``name``, ``names``, ``members``
        (admin-1 ids), ``country`` (``""`` when the members span countries), ``countries``
        (every ISO code involved), ``made_of`` (``"admin1"`` or ``"countries"``: whose
        outlines make the geometry), ``lat``, ``lon``, ``geometry``.
    """
    return _as_tuples(_read("regions.parquet"), "names", "members", "countries")


@lru_cache(maxsize=1)
def borders() -> gpd.GeoDataFrame:
    """Land borders between neighbouring countries.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``a``, ``b`` (ISO2 codes, ``a < b``), ``length_km`` and ``geometry``
        ((Multi)LineString), sorted by ``a, b``.
    """
    return _read("borders.parquet")


@lru_cache(maxsize=1)
def _border_index() -> dict[tuple[str, str], BaseGeometry]:
    frame = borders()
    return {(a, b): g for a, b, g in zip(frame["a"], frame["b"], frame.geometry, strict=True)}


def shared_border(a: str, b: str) -> BaseGeometry | None:
    """Return the border line shared by two countries.

    Parameters
    ----------
    a, b : str
        ISO 3166-1 alpha-2 codes, in any order and case.

    Returns
    -------
    shapely geometry or None
        A (Multi)LineString, or ``None`` when the countries do not share a land border.

    Examples
    --------
    >>> shared_border("UA", "RU").geom_type in {"LineString", "MultiLineString"}
    True
    """
    key = tuple(sorted((a.strip().upper(), b.strip().upper())))
    return _border_index().get(key)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonyms and their plurals, lower case, mapped to ISO2 codes.

    Returns
    -------
    dict of str to str
        For example ``{"russian": "RU", "russians": "RU", "ukrainian": "UA", ...}``.
    """
    path = _file("demonyms.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["word"]: row["iso2"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _admin1_tree() -> tuple[shapely.STRtree, np.ndarray]:
    frame = admin1()
    has = frame.geometry.notna().to_numpy()
    geoms = np.asarray(frame.geometry.values[has], dtype=object)
    return shapely.STRtree(geoms), frame["id"].to_numpy()[has]


def admin1_at(
    lon: float | Sequence[float] | np.ndarray,
    lat: float | Sequence[float] | np.ndarray,
    *,
    tolerance: float = SHORE_TOLERANCE_DEG,
) -> str | np.ndarray | None:
    """Id of the admin-1 polygon containing a point.

    Parameters
    ----------
    lon, lat : float or array-like
        WGS84 degrees; scalars or arrays of the same length.
    tolerance : float, optional
        A point outside every polygon but at most this many degrees from one (a place on
        a coast or river bank that the simplified outline cuts off) gets the nearest unit.
        ``0`` disables this.

    Returns
    -------
    str or None, or numpy.ndarray of object
        ``"UA.07"``-style id, ``None`` outside every polygon; an array for array input.

    Examples
    --------
    >>> admin1_at(36.25, 49.98)
    'UA.07'
    """
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    lons = np.atleast_1d(np.asarray(lon, dtype=float))
    lats = np.atleast_1d(np.asarray(lat, dtype=float))
    if lons.shape != lats.shape:
        raise InputError(f"lon and lat differ in shape: {lons.shape} vs {lats.shape}")
    tree, ids = _admin1_tree()
    points = shapely.points(lons, lats)
    out = np.full(lons.shape, None, dtype=object)
    pi, gi = tree.query(points, predicate="intersects")
    # A point on a shared edge: keep the first unit by id order for determinism.
    order = np.lexsort((gi, pi))[::-1]
    out[pi[order]] = ids[gi[order]]
    found = np.zeros(lons.shape, dtype=bool)
    found[pi] = True
    missing = np.flatnonzero(~found)
    if tolerance > 0 and len(missing):
        mi, ni = tree.query_nearest(points[missing], max_distance=tolerance, all_matches=False)
        out[missing[mi]] = ids[ni]
    return out[0] if scalar else out


def bearing_of(direction: str) -> float:
    """Compass bearing in degrees of a direction word.

    Parameters
    ----------
    direction : str
        ``"north"``, ``"north-east"``, ``"northeast"``, ``"north east"``, ``"NE"``, ``"nne"``...

    Returns
    -------
    float
        Degrees clockwise from north.

    Raises
    ------
    InputError
        When the word is not a compass direction.
    """
    key = re.sub(r"[\s_-]+", "", direction.strip().lower())
    key = re.sub(r"ern$", "", key)
    for word, letter in _WORD.items():
        key = key.replace(word, letter)
    if key not in _ABBREV:
        raise InputError(f"unknown direction {direction!r}: use north, north-east, NE, ...")
    return _ABBREV[key]


def nearest_border_point(
    point_lonlat: tuple[float, float], border_geom: BaseGeometry, *, direction: str | None = None
) -> tuple[float, float]:
    """Return the border point nearest to a place, optionally in a compass direction.

    Distances are measured in a local equirectangular projection centred on the place.

    Parameters
    ----------
    point_lonlat : tuple of float
        The place as ``(lon, lat)``.
    border_geom : shapely geometry
        The border line, e.g. from :func:`shared_border`.
    direction : str, optional
        When given, only border points within ±45° of this bearing from the place are
        considered; when there are none, the nearest point overall is returned.

    Returns
    -------
    tuple of float
        ``(lat, lon)`` of the border point.

    Raises
    ------
    InputError
        For an empty border or an unknown direction.
    """
    if border_geom is None or shapely.is_empty(border_geom):
        raise InputError("border geometry is empty: no border to measure against")
    lon0, lat0 = float(point_lonlat[0]), float(point_lonlat[1])
    kx = math.cos(math.radians(lat0))

    def fwd(coords: np.ndarray) -> np.ndarray:
        out = coords.copy()
        out[:, 0] = ((coords[:, 0] - lon0 + 180.0) % 360.0 - 180.0) * kx
        out[:, 1] = coords[:, 1] - lat0
        return out

    local = shapely.transform(border_geom, fwd)
    origin = shapely.Point(0.0, 0.0)
    target = local
    if direction is not None:
        centre = math.radians(bearing_of(direction))
        radius = 200.0
        angles = np.linspace(centre - math.pi / 4, centre + math.pi / 4, 33)
        ring = [(0.0, 0.0), *((radius * math.sin(t), radius * math.cos(t)) for t in angles)]
        wedge = shapely.Polygon(ring)
        inside = shapely.intersection(local, wedge)
        if not shapely.is_empty(inside):
            target = inside
    near = shapely.shortest_line(origin, target)
    x, y = shapely.get_coordinates(near)[1]
    lon = lon0 + x / kx if kx > 1e-9 else lon0
    lon = (lon + 180.0) % 360.0 - 180.0
    return (float(lat0 + y), float(lon))
