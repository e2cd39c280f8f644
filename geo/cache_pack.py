"""Packs: many cached articles in one Parquet file, read back a row group at a time.

A build writes one small file per new article (so a run killed half-way keeps what it
finished) and, as the run goes, moves them into packs of up to :data:`PACK_ROWS` articles
(:meth:`Packs.write`), in the order the run met them. The next build reads
the packs' key columns once and then whole row groups, so a rebuild of a thousand cached
articles opens a few files instead of a thousand.

Safety is the small files' own: a pack is written to a temporary file and renamed into place
under a name drawn from its keys, and only then are the small files it holds deleted, so at
every moment each entry is in a pack, in its small file or in both. Two builds packing at
once write at worst two packs holding the same entries. A pack that does not read back
cleanly (checksums, schema, a key in the wrong row) is deleted and its articles recomputed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.cache_codec import CodecError

__all__ = ["PACK_BYTES", "PACK_ROWS", "Packs", "write_atomically"]

#: Bounds of a pack: articles, and bytes of their Arrow tables held until it is written.
PACK_ROWS = 1024
PACK_BYTES = 64 * 1024**2
#: Articles per row group, the unit read back: small enough to hold one decoded in memory.
_GROUP_ROWS = 64
#: Folder of the packs under the cache root.
FOLDER = "packs"


@dataclass(frozen=True)
class _Where:
    path: Path
    group: int
    row: int


class Packs:
    """The packs of one cache folder: where each key is, and its row read back.

    Parameters
    ----------
    root : Path
        The cache folder; packs live in ``root / "packs"``.
    decode : callable
        Turns a row group (a ``pyarrow.Table``) into one result per row; raises
        :class:`~geo.cache_codec.CodecError` when it cannot.

    Attributes
    ----------
    corrupt : int
        Packs found unreadable (and deleted) so far.
    """

    def __init__(self, root: Path, decode: Callable[[Any], list[Any]]) -> None:
        self.folder = root / FOLDER
        self.corrupt = 0
        self._decode = decode
        self._where: dict[str, _Where] | None = None
        # the row group read last, decoded: its keys and its results
        self._group: tuple[Path, int, list[str], list[Any]] | None = None
        self._touched: set[Path] = set()

    def _load_index(self) -> dict[str, _Where]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        where: dict[str, _Where] = {}
        if not self.folder.is_dir():
            return where
        for path in sorted(self.folder.glob("*.parquet")):
            try:
                parquet = pq.ParquetFile(path, page_checksum_verification=True)
                keys = parquet.read(columns=["key"], use_threads=False).column("key")
                meta = parquet.metadata
                sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
            except FileNotFoundError:  # evicted by another build meanwhile
                continue
            except (pa.ArrowException, OSError, ValueError, KeyError):
                path.unlink(missing_ok=True)  # unreadable: its articles are recomputed
                self.corrupt += 1
                continue
            at = 0
            for group, size in enumerate(sizes):
                for row, key in enumerate(keys.slice(at, size).to_pylist()):
                    where[key] = _Where(path, group, row)
                at += size
        return where

    def __contains__(self, key: str) -> bool:
        if self._where is None:
            self._where = self._load_index()
        return key in self._where

    def get(self, key: str) -> Any:
        """Return the decoded result of ``key``.

        Raises
        ------
        KeyError
            The key is in no pack.
        FileNotFoundError
            Its pack was evicted meanwhile (a miss).
        CodecError
            Its pack does not read back cleanly; the pack is deleted.
        """
        if self._where is None:
            self._where = self._load_index()
        where = self._where[key]
        keys, results = self._read_group(where.path, where.group)
        if where.row >= len(keys) or keys[where.row] != key:
            self._forget(where.path)
            raise CodecError(f"{where.path}: entry {key} is not where the pack says")
        if where.path not in self._touched:  # recency for eviction, once per pack and run
            self._touched.add(where.path)
            os.utime(where.path)
        return results[where.row]

    def discard(self, key: str) -> None:
        """Delete the pack holding ``key``: one of its rows did not decode."""
        where = (self._where or {}).get(key)
        if where is not None:
            self._forget(where.path)

    def _read_group(self, path: Path, group: int) -> tuple[list[str], list[Any]]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._group is not None and self._group[:2] == (path, group):
            return self._group[2], self._group[3]
        try:
            parquet = pq.ParquetFile(path, page_checksum_verification=True)
            table = parquet.read_row_group(group, use_threads=False)
        except FileNotFoundError:
            self._forget(path, delete=False)
            raise
        except (pa.ArrowException, OSError, ValueError) as error:
            self._forget(path)
            raise CodecError(f"{path}: unreadable pack ({error})") from error
        try:
            results = self._decode(table)
        except CodecError:
            self._forget(path)
            raise
        keys = table.column("key").to_pylist()
        self._group = (path, group, keys, results)
        return keys, results

    def _forget(self, path: Path, *, delete: bool = True) -> None:
        if delete:
            path.unlink(missing_ok=True)
            self.corrupt += 1
        if self._where is not None:
            self._where = {k: w for k, w in self._where.items() if w.path != path}
        self._group = None

    def write(self, batch: list[tuple[str, Path, Any]]) -> int:
        """Write ``batch`` as one pack, then delete the small files it holds.

        Parameters
        ----------
        batch : list of (key, Path, pyarrow.Table)
            Each entry's key, its small file and its one-row table (with the key column),
            in the order the rows should have.

        Returns
        -------
        int
            Entries packed.
        """
        import pyarrow as pa

        name = hashlib.blake2b("\n".join(k for k, _, _ in batch).encode(), digest_size=16)
        target = self.folder / f"{name.hexdigest()}.parquet"
        write_atomically(pa.concat_tables([t for _, _, t in batch]), target, group_rows=_GROUP_ROWS)
        # only now, with every entry safe in the pack, do the small files go
        for _, path, _ in batch:
            path.unlink(missing_ok=True)
        self._where = None  # read again on the next look-up
        return len(batch)


def write_atomically(table: Any, target: Path, *, group_rows: int | None = None) -> None:
    """Write ``table`` as Parquet to ``target``: whole or not at all, never half.

    Parameters
    ----------
    table : pyarrow.Table
        What to write.
    target : Path
        The file; its folder is made when missing. A temporary file beside it is renamed
        into place (atomic on POSIX and Windows), so a reader sees the old file or the new.
    group_rows : int, optional
        Rows per row group (the unit read back).
    """
    import pyarrow.parquet as pq

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".parquet")
    try:
        with os.fdopen(fd, "wb") as fh:
            # no statistics and no stored Arrow schema: a third of a small file's size;
            # snappy reads tiny pages five times faster than zstd at the same size
            pq.write_table(
                table,
                fh,
                row_group_size=group_rows,
                compression="snappy",
                write_page_checksum=True,
                write_statistics=False,
                store_schema=False,
            )
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
