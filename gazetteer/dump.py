"""Import of a full GeoNames dump (``XX.zip``, ``allCountries.zip`` or the ``.txt`` inside).

The dump is the 19-column tab-separated GeoNames format (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code, cc2,
admin1 .. admin4 codes, population, elevation, dem, timezone, modification date).
A compact extract (a pickle of plain rows) is written to ``<cache>/imports/``; the index
build folds every extract in, so villages below 500 inhabitants and other feature
classes (rivers, plants, airports ...) become resolvable.
"""

from __future__ import annotations

import io
import pickle
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from gazetteer.exc import InputError
from gazetteer.fileio import write_atomic
from gazetteer.model import PlaceKind

__all__ = ["ImportReport", "import_dump", "read_dump"]

N_COLUMNS = 19


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    source: str
    added: int
    skipped: int
    extract: Path


def _kind(feature_class: str, feature_code: str) -> PlaceKind:
    if feature_class == "P":
        return PlaceKind.SETTLEMENT
    if feature_class == "A" and feature_code.startswith("ADM2"):
        return PlaceKind.ADMIN2
    return PlaceKind.FEATURE


def _open_text(path: Path) -> tuple[IO[str], Any]:
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise InputError(f"{path}: not a zip file ({exc}); give a GeoNames XX.zip") from exc
        members = [
            m for m in zf.namelist()
            if m.lower().endswith(".txt") and not m.lower().startswith("readme")
        ]  # fmt: skip
        if not members:
            zf.close()
            raise InputError(f"{path}: no .txt dump inside; give a GeoNames XX.zip")
        raw = zf.open(sorted(members, key=lambda m: -zf.getinfo(m).file_size)[0])
        return io.TextIOWrapper(raw, encoding="utf-8", newline=""), zf
    try:
        fh = open(path, encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return fh, None


def read_dump(path: str | Path) -> Iterator[dict[str, Any]]:
    """Rows of a GeoNames dump as plain dicts.

    Parameters
    ----------
    path : str or Path
        ``XX.zip``, ``allCountries.zip`` or the tab-separated ``.txt``.

    Yields
    ------
    dict
        ``geonameid``, ``name``, ``names``, ``lat``, ``lon``, ``kind``, ``feature_code``,
        ``country``, ``admin1``, ``population``.

    Raises
    ------
    InputError
        When the file is missing or a line is not in the 19-column format.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; give a GeoNames dump (XX.zip)")
    fh, container = _open_text(path)
    try:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != N_COLUMNS:
                raise InputError(
                    f"{path}: line {lineno} has {len(cols)} columns, expected {N_COLUMNS} "
                    "(GeoNames dump format); give an XX.zip from download.geonames.org"
                )
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError as exc:
                raise InputError(f"{path}: line {lineno}: {exc}; is this a GeoNames dump?") from exc
            names = [cols[1], cols[2], *(a for a in cols[3].split(",") if a)]
            yield {
                "geonameid": gid,
                "name": cols[1],
                "names": list(dict.fromkeys(n for n in names if n)),
                "lat": lat,
                "lon": lon,
                "kind": _kind(cols[6], cols[7]).value,
                "feature_code": f"{cols[6]}.{cols[7]}",
                "country": cols[8],
                "admin1": cols[10],
                "population": population,
            }
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc}); is this a GeoNames dump?") from exc
    finally:
        fh.close()
        if container is not None:
            container.close()


def import_dump(
    path: str | Path,
    *,
    root: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Write the compact extract of a dump into the cache (the next index build uses it).

    Administrative units of level 1 and the political entities already covered by the
    committed geometry are skipped; everything else is kept.

    Parameters
    ----------
    path : str or Path
        The dump.
    root : Path, optional
        Cache folder (:func:`gazetteer.index.cache_dir` by default).
    progress : callable, optional
        Receives progress lines.

    Returns
    -------
    ImportReport
        Counts and the extract's path.
    """
    from gazetteer.index import cache_dir, imports_dir

    path = Path(path)
    folder = imports_dir(root or cache_dir())
    folder.mkdir(parents=True, exist_ok=True)
    rows, skipped = [], 0
    for rec in read_dump(path):
        if rec["feature_code"] in ("A.ADM1", "A.PCLI", "A.PCL", "A.PCLD", "A.PCLS", "A.PCLF"):
            skipped += 1
            continue
        rows.append(rec)
        if progress and len(rows) % 500_000 == 0:
            progress(f"{len(rows)} rows read")
    rows.sort(key=lambda r: r["geonameid"])
    stem = path.name.split(".")[0] or "dump"
    target = folder / f"{stem}.pkl"
    write_atomic(target, pickle.dumps(rows, protocol=5))
    if progress:
        progress(f"{len(rows)} places from {path.name} kept ({skipped} skipped)")
    return ImportReport(source=str(path), added=len(rows), skipped=skipped, extract=target)
