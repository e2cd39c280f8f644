"""The encoded rows of the event tables, kept between builds: a rebuild encodes new rows only.

Writing ``events.geojson`` and ``events.csv`` turns every event into its GeoJSON feature
and its CSV line, and a rebuild after one new article finds nearly every row as it was.
A :class:`RowStore` keeps each row's text under a digest of the row's values (its
geometry as WKB) and of the code that writes it, one Parquet file per table type in
``$FRONTLINE_CACHE/tables/``; a table is then the stored texts of its known rows and
the fresh texts of the others, joined: the same bytes as encoding every row.

The rules of the other caches: a file is written to a temporary file and renamed into
place (two builds writing at once leave one whole file, and every text in it is right
for its key); one that does not read back cleanly (page checksums, schema, a key of the
wrong size) is deleted and its rows encoded again, never trusted. A store holds the rows
of the last table written, so it never grows beyond one table.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["RowStats", "RowStore", "row_keys"]

#: Folder of the stores under the cache root.
FOLDER = "tables"
#: Bump when the layout of a store changes.
FORMAT = "frontline-table-rows-1"
#: Libraries whose version can change a row's text (GEOS writes GeoJSON and WKT).
_LIBRARIES = ("shapely", "numpy")
_KEY_BYTES = 16


@dataclass
class RowStats:
    """What a :class:`RowStore` did: rows found, rows encoded, stores found corrupt."""

    found: int = 0
    encoded: int = 0
    corrupt: int = 0


@functools.cache
def _version() -> bytes:
    """Return the code and libraries that make a row's text (a prefix of every key)."""
    from geo.cache import code_digest, library_versions

    parts = {
        "format": FORMAT,
        "code": code_digest(("geo", "gazetteer")),
        "libraries": library_versions(_LIBRARIES),
    }
    return json.dumps(parts, sort_keys=True).encode()


def row_keys(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> list[bytes]:
    """Return a digest of each row's values: equal rows, and only they, share a key.

    Parameters
    ----------
    rows : sequence of mapping
        Canonical rows (:func:`geo.export._records`): plain values and a ``geometry``.
    columns : sequence of str
        The columns, in file order.

    Returns
    -------
    list of bytes
        One key per row, which also names the code version (:func:`_version`).
    """
    import numpy as np
    import shapely

    plain = [c for c in columns if c != "geometry"]
    geoms = np.empty(len(rows), dtype=object)
    geoms[:] = [row.get("geometry") for row in rows]
    # a geometry's WKB holds its exact coordinates and type; None for a missing one
    wkb = shapely.to_wkb(geoms).tolist() if len(rows) else []
    version = _version()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    keys = []
    for row, shape in zip(rows, wkb, strict=True):
        digest = hashlib.blake2b(version, digest_size=_KEY_BYTES)
        digest.update(dumps([row[c] for c in plain]).encode("utf-8", "surrogatepass"))
        digest.update(b"\0" + (shape or b""))
        keys.append(digest.digest())
    return keys


class RowStore:
    """The texts of the rows of the event tables, by row key, one file per table type.

    Parameters
    ----------
    root : str or Path, optional
        The folder of the stores; ``tables/`` under the user cache folder by default.

    Attributes
    ----------
    stats : RowStats
        Rows found and encoded, stores found corrupt.

    Examples
    --------
    >>> store = RowStore()  # doctest: +SKIP
    >>> write_event_tables(frame, ["out/events.geojson"], rows=store)  # doctest: +SKIP
    """

    def __init__(self, root: str | Path | None = None) -> None:
        if root is None:
            from gazetteer.index import cache_dir

            root = cache_dir() / FOLDER
        self.root = Path(root)
        self.stats = RowStats()

    def path(self, kind: str) -> Path:
        """Return the file of the rows of table type ``kind`` (``"geojson"``, ``"csv"``)."""
        return self.root / f"{kind}.parquet"

    def texts(
        self,
        kind: str,
        keys: Sequence[bytes],
        encode: Callable[[list[int]], list[str]],
    ) -> list[str]:
        """Return each row's text: stored ones as they are, the others from ``encode``.

        Parameters
        ----------
        kind : str
            The table type, which names the file.
        keys : sequence of bytes
            The rows' keys (:func:`row_keys`), in table order.
        encode : callable
            Given the positions of the rows not stored, returns their texts in order.

        Returns
        -------
        list of str
            One text per key, in order. The store is rewritten when the table's rows
            are not exactly those it held.
        """
        stored = self._read(kind)
        missing = [i for i, key in enumerate(keys) if key not in stored]
        fresh = iter(encode(missing)) if missing else iter(())
        texts = [stored[key] if key in stored else next(fresh) for key in keys]
        self.stats.found += len(keys) - len(missing)
        self.stats.encoded += len(missing)
        if missing or len(stored) != len(set(keys)):
            self._write(kind, keys, texts)
        return texts

    def _read(self, kind: str) -> dict[bytes, str]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.path(kind)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError:
            return {}  # unreadable here: encode every row (and try to write it again)
        try:
            parquet = pq.ParquetFile(pa.BufferReader(data), page_checksum_verification=True)
            table = parquet.read(use_threads=False)
            if table.column_names != ["key", "text"] or table.column("text").null_count:
                raise ValueError("not a store of table rows")
            keys = table.column("key").to_pylist()
            if any(not isinstance(k, bytes) or len(k) != _KEY_BYTES for k in keys):
                raise ValueError("a key of the wrong size")
            return dict(zip(keys, table.column("text").to_pylist(), strict=True))
        except (pa.ArrowException, OSError, ValueError, KeyError):
            # damaged: deleted and encoded again, never trusted
            path.unlink(missing_ok=True)
            self.stats.corrupt += 1
            return {}

    def _write(self, kind: str, keys: Sequence[bytes], texts: Sequence[str]) -> None:
        import pyarrow as pa

        from geo.cache_pack import write_atomically

        seen: set[bytes] = set()
        unique = [i for i, key in enumerate(keys) if not (key in seen or seen.add(key))]
        table = pa.table(
            {
                "key": pa.array([keys[i] for i in unique], pa.binary()),
                "text": pa.array([texts[i] for i in unique], pa.string()),
            }
        )
        # a store that cannot be written costs the next build time, not results
        with contextlib.suppress(OSError):
            write_atomically(table, self.path(kind))
