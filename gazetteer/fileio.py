"""Atomic file writes: a temporary file beside the target, then one rename.

A reader (or a build killed half-way) sees either the previous file or the complete new
one, never a partial file. Every output of frontline is written through here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "write_atomic"]


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` when the block succeeds.

    For writers that want a file name (``GeoDataFrame.to_file``, ``to_parquet``). On an
    exception the temporary file is removed and ``path`` is left as it was.

    Parameters
    ----------
    path : str or path-like
        The file to write.

    Yields
    ------
    Path
        Where to write; hidden (a leading dot) and ending in ``.tmp`` until it is moved.

    Examples
    --------
    >>> with atomic_path("events.parquet") as tmp:  # doctest: +SKIP
    ...     frame.to_parquet(tmp)
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> int:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : str or path-like
        The file to write; its folder is created when missing.
    data : str or bytes
        Text is written as UTF-8 (newlines as given).

    Returns
    -------
    int
        Bytes written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as tmp:
        tmp.write_bytes(raw)
    return len(raw)
