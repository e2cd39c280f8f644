"""Inputs at scale: glob patterns, and Parquet files with one article per row.

A feed export of a million articles is one Parquet (or JSONL) file, not a million files;
a pattern such as ``'exports/**/*.jsonl'`` (quoted, so the shell leaves it alone) names
many files without an argument list the shell cannot hold. :mod:`geo.ingest` calls these
readers; each bad row becomes an :class:`~geo.ingest.IngestError` naming the file and
the row, and the other rows are read.
"""

from __future__ import annotations

import datetime as dt
import glob
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geo.ingest import _KNOWN_FIELDS, IngestError, _check_size, article_from_record
from geo.model import Article

__all__ = ["PARQUET_SUFFIXES", "expand_pattern", "read_parquet"]

PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
#: Rows read at a time: memory stays bounded whatever the file's size.
_BATCH_ROWS = 1024


def expand_pattern(name: str) -> list[str] | None:
    """Return the files a glob pattern names, sorted; ``None`` when ``name`` is no pattern.

    Parameters
    ----------
    name : str
        A path, or a pattern with ``*``, ``?`` or ``[...]`` (``**`` crosses folders).

    Returns
    -------
    list of str or None
        The matches (possibly empty), or ``None`` for an existing path or a plain name.

    Examples
    --------
    >>> expand_pattern("articles/2022-*.md")  # doctest: +SKIP
    ['articles/2022-03-18-mariupol-theatre-strike.md', ...]
    """
    if name == "-" or Path(name).exists() or not glob.has_magic(name):
        return None
    return sorted(glob.glob(name, recursive=True))


def read_parquet(
    name: str, published: dt.date | None, source: str | None, max_bytes: int
) -> Iterator[Article | IngestError]:
    """Read a Parquet file with one article per row.

    Parameters
    ----------
    name : str
        The file. Columns: ``text`` (required), ``id`` and the optional ``title``,
        ``source``, ``url``, ``published`` (date, timestamp or ``YYYY-MM-DD``) and
        ``language``; others are ignored with a warning.
    published : datetime.date, optional
        Default publication date for rows without one.
    source : str, optional
        Default outlet name for rows without one.
    max_bytes : int
        Largest article text accepted (bytes of UTF-8).

    Returns
    -------
    iterator of Article or IngestError
        One per row, in order; an error names ``FILE:ROW`` (rows count from 1).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(name)
    except FileNotFoundError:
        yield IngestError(name, "no such file", "check the path")
        return
    except (OSError, pa.ArrowException) as error:
        yield IngestError(
            name, f"is not a readable Parquet file ({error})", "write it with pandas or pyarrow"
        )
        return
    columns = parquet.schema_arrow.names
    if "text" not in columns:
        yield IngestError(
            name,
            f"has no 'text' column (columns: {', '.join(columns) or 'none'})",
            "give one article per row with a 'text' column",
        )
        return
    unknown = sorted(c for c in columns if c not in (*_KNOWN_FIELDS, "id", "text"))
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
            for record in batch.to_pylist():
                row += 1
                try:
                    yield _article_from_row(
                        name, row, record, unknown, published, source, max_bytes
                    )
                except IngestError as error:
                    yield error
    except (OSError, pa.ArrowException) as error:
        yield IngestError(
            f"{name}:{row + 1}", f"cannot read the rows from here on ({error})", "rewrite the file"
        )
        return
    if row == 0:
        yield IngestError(name, "has no rows", "give one article per row")


def _article_from_row(
    name: str,
    row: int,
    record: dict[str, Any],
    unknown: list[str],
    published: dt.date | None,
    source: str | None,
    max_bytes: int,
) -> Article:
    where = f"{name}:{row}"
    text = record.get("text")
    if isinstance(text, str):
        _check_size(where, len(text.encode("utf-8", "surrogatepass")), max_bytes, exact=True)
    notes = []
    if unknown and row == 1:  # once per file, not once per row
        notes.append(f"{name}: unknown columns ignored: {', '.join(unknown)}")
    return article_from_record(
        where, record, unit="row", warnings=notes, published=published, source=source, path=name
    )
