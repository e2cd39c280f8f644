"""A bounded store of checked byte strings by key: rendered pages kept between runs.

Each entry is one file ``<root>/<key[:2]>/<key>.blob``: a magic line, the BLAKE2b digest
of the body and of its key, then the body. The key is the caller's digest of everything
that makes the body (inputs, options, code version), so an entry is never stale, only
unused. The same rules as the article cache (:mod:`geo.cache`): written to a temporary
file and renamed into place (two concurrent builds write the same bytes under the same
key, and a reader sees a whole entry or none); an entry that does not check out is
deleted and recomputed, never trusted; the folder is kept under a size bound by deleting
the least recently used entries (a hit refreshes the file's time).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gazetteer.fileio import write_atomic

__all__ = ["BlobStats", "BlobStore", "evict_least_recent"]

#: First bytes of every entry; bump when the layout changes.
MAGIC = b"frontline-blob-1\n"
_DIGEST = 32
_KEY = re.compile(r"\A[0-9a-f]{16,128}\Z")
#: Temporary files older than this are left over from a killed run.
_STALE_TMP_SECONDS = 3600


@dataclass
class BlobStats:
    """What a :class:`BlobStore` did: hits, misses, corrupt entries, writes, evictions."""

    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    written: int = 0
    evicted: int = 0


def _check(key: str, body: bytes) -> bytes:
    digest = hashlib.blake2b(key.encode(), digest_size=_DIGEST)
    digest.update(body)
    return digest.digest()


class BlobStore:
    """Byte strings stored by a hex key, checked on reading, bounded in size.

    Parameters
    ----------
    root : str or Path
        The folder (made on the first write).
    max_bytes : int
        Size bound; :meth:`evict` deletes the least recently used entries beyond it.

    Attributes
    ----------
    stats : BlobStats

    Examples
    --------
    >>> store = BlobStore(tmp_path / "pages", max_bytes=1 << 20)  # doctest: +SKIP
    >>> store.put("ab" * 16, b"<html>...</html>")  # doctest: +SKIP
    >>> store.get("ab" * 16)  # doctest: +SKIP
    b'<html>...</html>'
    """

    def __init__(self, root: str | Path, *, max_bytes: int) -> None:
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.stats = BlobStats()

    def path(self, key: str) -> Path:
        """Return the file of entry ``key``.

        Raises
        ------
        ValueError
            ``key`` is not a hex digest.
        """
        if not _KEY.match(key):
            raise ValueError(f"cache key must be a hex digest, not {key!r}")
        return self.root / key[:2] / f"{key}.blob"

    def get(self, key: str) -> bytes | None:
        """Return the body stored under ``key``, or ``None`` (missing or corrupt: deleted)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except OSError:
            data = b""
        head = len(MAGIC) + _DIGEST
        body = data[head:]
        if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : head] != _check(key, body):
            self.stats.corrupt += 1
            self.stats.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.stats.hits += 1
        with contextlib.suppress(OSError):  # the modification time is the recency eviction uses
            os.utime(path)
        return body

    def put(self, key: str, body: bytes) -> None:
        """Store ``body`` under ``key`` atomically."""
        write_atomic(self.path(key), MAGIC + _check(key, body) + body)
        self.stats.written += 1

    def evict(self) -> int:
        """Delete the least recently used entries until the folder fits ``max_bytes``.

        Entries go down to 90% of the bound, so that eviction does not run on every
        build; temporary files of a killed run are removed too.

        Returns
        -------
        int
            Entries deleted.
        """
        deleted = evict_least_recent(
            self.root,
            self.max_bytes,
            is_entry=lambda name: name.endswith(".blob"),
            is_temp=lambda name: name.startswith("."),
        )
        self.stats.evicted += deleted
        return deleted


def evict_least_recent(
    root: Path,
    max_bytes: int,
    *,
    is_entry: Callable[[str], bool],
    is_temp: Callable[[str], bool],
) -> int:
    """Delete the least recently used entries of a sharded folder until it fits ``max_bytes``.

    Entries go down to 90% of the bound, so that eviction does not run on every build;
    temporary files that a killed run left (older than an hour) are removed too.

    Parameters
    ----------
    root : Path
        The cache folder: shard folders holding one file per entry.
    max_bytes : int
        The bound.
    is_entry, is_temp : callable
        Whether a file name is an entry, or a temporary file of a write.

    Returns
    -------
    int
        Entries deleted.
    """
    if not root.is_dir():
        return 0
    entries: list[tuple[float, int, Path]] = []
    total, now = 0, time.time()
    for shard in os.scandir(root):
        if not shard.is_dir():
            continue
        for entry in os.scandir(shard.path):
            try:
                st = entry.stat()
            except FileNotFoundError:  # another build evicted it meanwhile
                continue
            if is_entry(entry.name):
                total += st.st_size
                entries.append((st.st_mtime, st.st_size, Path(entry.path)))
            elif is_temp(entry.name) and now - st.st_mtime > _STALE_TMP_SECONDS:
                Path(entry.path).unlink(missing_ok=True)
    deleted = 0
    if total > max_bytes:
        goal = int(max_bytes * 0.9)
        for _, size, path in sorted(entries):
            if total <= goal:
                break
            path.unlink(missing_ok=True)
            total -= size
            deleted += 1
    return deleted
