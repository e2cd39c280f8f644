"""The per-article cache: each article's mentions and events, kept between runs.

An entry is one small Parquet file in the user cache folder (``$FRONTLINE_CACHE`` or
``~/.cache/frontline``, under ``articles/``), named by a key over the article (its text and
every metadata field) and the pipeline's version (the code of ``geo`` and ``gazetteer``, the
place index, the resolver's options, the NER model and the libraries that shape results).
A rebuild therefore processes only new or changed articles, and any change of code, index
or options starts afresh.

Safety without locks: an entry is written to a temporary file beside it and renamed into
place (atomic on POSIX and Windows), so a reader sees a whole entry or none and two builds
writing the same key write the same bytes. As a run goes, its entries are moved into packs of
many articles (``geo.cache_pack``), so that a rebuild reads a few files, not one per article.
Each file carries its key and page checksums; one that does not read back cleanly is deleted
and recomputed, never trusted. The folder is kept under a size bound by evicting the least
recently used files.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.cache_blobs import evict_least_recent
from geo.cache_codec import CodecError, decode_row, decode_rows, encode_row
from geo.cache_pack import PACK_BYTES, PACK_ROWS, Packs, write_atomically
from geo.model import Article

if TYPE_CHECKING:
    from geo.pipeline import ArticleResult

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ArticleCache",
    "CacheStats",
    "code_digest",
    "library_versions",
    "pipeline_version",
]

#: Default bound of the cache folder (bytes); the least recently used entries go first.
DEFAULT_MAX_BYTES = 2 * 1024**3
#: Bump when the entry format changes.
FORMAT = "frontline-article-cache-2"
#: Libraries whose version can change what the pipeline finds.
_LIBRARIES = ("dateparser", "rapidfuzz", "shapely", "numpy", "pyarrow", "regex")
#: Fewer small entries than this at the end of a run stay as they are, until the next run.
PACK_MIN = 64
#: Files of a package that make what it computes or draws (the map's script and styles too).
_CODE_SUFFIXES = frozenset({".py", ".txt", ".csv", ".yaml", ".json", ".js", ".css"})


@dataclass
class CacheStats:
    """What the cache did during one run.

    Attributes
    ----------
    hits : int
        Articles whose results came from the cache.
    misses : int
        Articles that had to be processed.
    corrupt : int
        Entries that did not read back cleanly (deleted and recomputed).
    written : int
        Entries written.
    evicted : int
        Entries deleted to keep the folder under its size bound.
    """

    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    written: int = 0
    evicted: int = 0


def _code_digest() -> str:
    """Hash of the source and data files of the packages whose code makes the results."""
    return code_digest(("geo", "gazetteer"))


@functools.cache
def code_digest(packages: tuple[str, ...]) -> str:
    """Return a hash of the source and small data files of the project's ``packages``.

    Parameters
    ----------
    packages : tuple of str
        Top-level folders of the project (``"geo"``, ``"gazetteer"``, ``"maps"``).

    Returns
    -------
    str
        A hex digest that changes with any of their code or small data files
        (``.py``, ``.txt``, ``.csv``, ``.yaml``, ``.json``, ``.js``, ``.css``).
    """
    digest = hashlib.blake2b(digest_size=16)
    for package in packages:
        root = Path(__file__).resolve().parent.parent / package
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in _CODE_SUFFIXES:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def library_versions(names: tuple[str, ...]) -> dict[str, str]:
    """Return the installed version of each named distribution (``""`` when missing)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    return versions


def pipeline_version(gazetteer: Any, *, nlp: Any = None) -> str:
    """Return a digest of everything besides the article that shapes its results.

    Parameters
    ----------
    gazetteer : Gazetteer
        The resolver in use: its index folder (named by a hash of its inputs) and its
        options count.
    nlp : spacy.Language, optional
        The NER model in use, if any: its name and version count.

    Returns
    -------
    str
        A hex digest; two runs with equal digests give equal results for equal articles.
    """
    from gazetteer.options import options

    index = getattr(gazetteer, "index", None)
    parts = {
        "format": FORMAT,
        "code": _code_digest(),
        "index": Path(getattr(index, "path", "")).name,
        "options": asdict(options),
        "libraries": library_versions(_LIBRARIES),
        "nlp": None if nlp is None else [str(nlp.meta.get(k)) for k in ("name", "version")],
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _article_digest(article: Article) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for f in fields(Article):
        if f.name == "warnings":  # reported by ingest on every run, not a result
            continue
        value = getattr(article, f.name)
        digest.update(f.name.encode() + b"\0" + str(value).encode("utf-8", "surrogatepass"))
        digest.update(b"\1")
    return digest.digest()


class ArticleCache:
    """Results of single articles, stored by a key over the article and the pipeline.

    Parameters
    ----------
    version : str
        The pipeline's version (:func:`pipeline_version`).
    root : str or Path, optional
        The cache folder; ``articles/`` under the user cache folder by default.
    max_bytes : int, optional
        Size bound of the folder (default 2 GiB); :meth:`evict` enforces it.
    gazetteer : Gazetteer, optional
        The resolver whose index the version names; with it, place outlines are stored
        as references to the index rather than copied into every entry.
    pack_min : int, optional
        Small entries left at the end of a run (:meth:`finish`) are packed when there are
        at least this many (default 64).

    Attributes
    ----------
    stats : CacheStats
        Counts of hits, misses, corrupt entries, writes and evictions.

    Examples
    --------
    >>> cache = ArticleCache(pipeline_version(gaz))  # doctest: +SKIP
    >>> Pipeline(gaz, cache=cache).run(["articles/"])  # doctest: +SKIP
    """

    def __init__(
        self,
        version: str,
        *,
        root: str | Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        gazetteer: Any = None,
        pack_min: int = PACK_MIN,
    ) -> None:
        if root is None:
            from gazetteer.index import cache_dir

            root = cache_dir() / "articles"
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
        self.root = Path(root)
        self.version = version
        self.max_bytes = max_bytes
        self.stats = CacheStats()
        self._geometry = None if gazetteer is None else _index_geometry(gazetteer)
        self.pack_min = pack_min
        self._packs = Packs(self.root, self._decode_rows)
        # small entries met in this run, in order, with their tables: the next pack
        self._pending: dict[str, tuple[Path, Any]] = {}
        self._pending_bytes = 0

    @classmethod
    def for_pipeline(cls, gazetteer: Any, *, nlp: Any = None, **kwargs: Any) -> ArticleCache:
        """Return the cache of a pipeline over ``gazetteer`` (and ``nlp``).

        Parameters
        ----------
        gazetteer : Gazetteer
            The resolver.
        nlp : spacy.Language, optional
            The NER model, if any.
        **kwargs
            ``root`` and ``max_bytes`` as for the constructor.

        Returns
        -------
        ArticleCache
        """
        return cls(pipeline_version(gazetteer, nlp=nlp), gazetteer=gazetteer, **kwargs)

    def key(self, article: Article) -> str:
        """Return the entry key of ``article`` under this pipeline version."""
        digest = hashlib.blake2b(self.version.encode(), digest_size=20)
        digest.update(_article_digest(article))
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        """Return the file of entry ``key`` (two-level fan-out keeps folders small)."""
        return self.root / key[:2] / f"{key}.parquet"

    def holds(self, article: Article) -> bool:
        """Whether an entry of ``article`` exists, without reading it.

        Cheap (a key and a look-up), so that a run can tell the new articles from the
        cached ones first and read the cached ones while the new ones are processed. An
        entry held may still turn out corrupt: :meth:`get` then answers a miss.
        """
        key = self.key(article)
        found = key in self._packs
        self._count_corrupt_packs()
        return found or key in self._pending or self.path(key).is_file()

    def _count_corrupt_packs(self) -> None:
        """Add the packs found unreadable since the last time to the statistics."""
        self.stats.corrupt += self._packs.corrupt
        self._packs.corrupt = 0

    def get(self, article: Article) -> ArticleResult | None:
        """Return the cached result of ``article``, or ``None`` (a miss).

        A corrupt or foreign entry is deleted and counted as a miss.
        """
        from geo.pipeline import ArticleResult

        key = self.key(article)
        found = key in self._packs
        self._count_corrupt_packs()
        if found:
            try:
                mentions, events = self._packs.get(key)
            except (KeyError, FileNotFoundError):  # evicted meanwhile: try the small file
                pass
            except CodecError:  # the pack goes; its articles are recomputed
                self._packs.discard(key)  # (when reading it has not deleted it already)
                self._count_corrupt_packs()
            else:
                self.stats.hits += 1
                return ArticleResult(article, mentions, events)
        path = self.path(key)
        try:
            table = self._read_table(path, key)
            mentions, events = decode_row(
                table.drop_columns(["key"]), place_geometry=self._geometry
            )
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except (OSError, CodecError):
            self.stats.corrupt += 1
            self.stats.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.stats.hits += 1
        with contextlib.suppress(OSError):  # the modification time is the recency eviction uses
            os.utime(path)
        self._hold(key, path, table)
        return ArticleResult(article, mentions, events)

    def put(self, result: ArticleResult) -> bool:
        """Store ``result`` atomically; return False when it cannot be encoded."""
        import pyarrow as pa

        key = self.key(result.article)
        try:
            table = encode_row(result.mentions, result.events, place_geometry=self._geometry)
        except CodecError:
            return False
        table = table.append_column("key", pa.array([key], pa.string()))
        target = self.path(key)
        write_atomically(table, target)
        self.stats.written += 1
        self._hold(key, target, table)
        return True

    def _decode_rows(self, table: Any) -> list[Any]:
        return decode_rows(table, place_geometry=self._geometry)

    def _hold(self, key: str, path: Path, table: Any) -> None:
        """Keep a small entry's table for the next pack; write it once the pack is full."""
        if key in self._pending:
            return
        self._pending[key] = (path, table)
        self._pending_bytes += table.nbytes
        if len(self._pending) >= PACK_ROWS or self._pending_bytes >= PACK_BYTES:
            self._flush()

    def _flush(self) -> None:
        batch = [(key, path, table) for key, (path, table) in self._pending.items()]
        self._pending.clear()
        self._pending_bytes = 0
        if batch:
            self._packs.write(batch)

    def finish(self) -> None:
        """End a run: pack the small entries it met (when :attr:`pack_min` or more), then evict.

        A run that is stopped before this keeps its small entries; the next run packs them.
        """
        if len(self._pending) >= self.pack_min:
            self._flush()
        else:
            self._pending.clear()
            self._pending_bytes = 0
        self.evict()

    def evict(self) -> int:
        """Delete the least recently used entries until the folder fits ``max_bytes``.

        Entries go down to 90% of the bound so that eviction does not run on every write;
        temporary files left by a killed run are removed too.

        Returns
        -------
        int
            Number of entries deleted.
        """
        deleted = evict_least_recent(
            self.root,
            self.max_bytes,
            is_entry=lambda name: not name.startswith(".tmp-"),
            is_temp=lambda name: name.startswith(".tmp-"),
        )
        self.stats.evicted += deleted
        return deleted

    def _read_table(self, path: Path, key: str) -> Any:
        """Return the checked one-row table of a small entry, with its key column."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = path.read_bytes()  # FileNotFoundError: a miss
        try:
            # one small file: the plain reader, no threads (the dataset reader costs more)
            parquet = pq.ParquetFile(pa.BufferReader(data), page_checksum_verification=True)
            table = parquet.read(use_threads=False)
        except (pa.ArrowException, OSError, ValueError) as error:
            raise CodecError(f"{path}: unreadable cache entry ({error})") from error
        names = table.column_names
        if "key" not in names or table.num_rows != 1 or table.column("key")[0].as_py() != key:
            raise CodecError(f"{path}: entry of another key")
        return table


def _index_geometry(gazetteer: Any) -> Any:
    # remembered per cache: looking a place up builds a whole record for one field, and a
    # few hundred outlines are referred to by thousands of entries
    @functools.lru_cache(maxsize=1 << 16)
    def geometry(place_id: str) -> Any:
        return gazetteer.get(place_id).geometry

    return geometry
