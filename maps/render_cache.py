"""Rendered pages kept between builds: a page whose inputs did not change is not drawn again.

A page (``index.html``, one ``embed/*.html`` snippet) is a pure function of its events,
its options, the offline outlines, the place index and the code and libraries that draw
it. :class:`PageCache` names each page by a digest of all of these and keeps its bytes in
a :class:`geo.cache_blobs.BlobStore` under the user cache folder (``pages/``). When a day's
reports are added, the pages whose events they do not touch (most snippets) are copied
from the cache; the others are drawn as in a run without the cache, so the bytes are the
same either way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo.cache import DEFAULT_MAX_BYTES, code_digest, library_versions
from geo.cache_blobs import BlobStore
from geo.cache_control import ControlCache
from maps.table import MapEvent

__all__ = ["PageCache", "page_version"]

#: Bump when the key's layout changes.
FORMAT = "frontline-page-cache-1"
#: Libraries whose version can change a page's bytes.
_LIBRARIES = (
    "folium",
    "branca",
    "jinja2",
    "shapely",
    "numpy",
    "pandas",
    "geopandas",
    "xyzservices",
)


_PLAIN = frozenset({type(None), bool, int, float, str})
#: Each dataclass's name and fields as the key writes them, looked up once per class.
_DATACLASS_PARTS: dict[type, tuple[bytes, tuple[tuple[str, bytes], ...]]] = {}


def _dataclass_parts(cls: type) -> tuple[bytes, tuple[tuple[str, bytes], ...]]:
    parts = _DATACLASS_PARTS.get(cls)
    if parts is None:
        parts = (
            f"dc:{cls.__name__}(".encode(),
            tuple((f.name, f.name.encode() + b"=") for f in dataclasses.fields(cls)),
        )
        _DATACLASS_PARTS[cls] = parts
    return parts


def _canonical(value: Any, out: list[bytes]) -> None:
    """Append an unambiguous, order-stable encoding of ``value`` to ``out``."""
    kind = type(value)
    if kind in _PLAIN or isinstance(value, (bool, int, float, str)):
        out.append(f"{kind.__name__}:{value!r};".encode("utf-8", "surrogatepass"))
    elif kind is tuple or kind is list:
        out.append(b"[")
        for item in value:
            _canonical(item, out)
        out.append(b"]")
    elif isinstance(value, enum.Enum):
        out.append(f"enum:{type(value).__name__}.{value.name};".encode())
    elif isinstance(value, (dt.date, dt.datetime)):
        out.append(f"date:{value.isoformat()};".encode())
    elif isinstance(value, shapely.Geometry):
        out.append(b"geom:" + shapely.to_wkb(value, hex=True).encode() + b";")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        head, fields = _dataclass_parts(kind)
        out.append(head)
        for name, label in fields:
            out.append(label)
            _canonical(getattr(value, name), out)
        out.append(b")")
    elif isinstance(value, (list, tuple)):
        out.append(b"[")
        for item in value:
            _canonical(item, out)
        out.append(b"]")
    elif isinstance(value, (set, frozenset)):  # string hashes vary between runs: sort
        parts = []
        for item in value:
            one: list[bytes] = []
            _canonical(item, one)
            parts.append(b"".join(one))
        out.append(b"{" + b"".join(sorted(parts)) + b"}")
    elif isinstance(value, dict):
        out.append(b"<")
        for k in sorted(value, key=repr):
            _canonical(k, out)
            _canonical(value[k], out)
        out.append(b">")
    else:  # an unknown type must not pass for another value
        raise TypeError(f"cannot key a page on a {type(value).__name__}")


def _frame_digest(frame: Any, digest: Any) -> None:
    import pandas as pd

    if frame is None:
        digest.update(b"none;")
        return
    geometry = frame.geometry.name
    plain = pd.DataFrame(frame.drop(columns=[geometry]))
    digest.update(json.dumps([str(c) for c in plain.columns]).encode())
    digest.update(pd.util.hash_pandas_object(plain, index=True).to_numpy().tobytes())
    wkb = shapely.to_wkb(np.asarray(frame.geometry.values, dtype=object))
    # lengths mark where each outline ends, -1 a missing one
    digest.update(np.array([-1 if b is None else len(b) for b in wkb], dtype=np.int64).tobytes())
    digest.update(b"".join(b for b in wkb if b is not None))


def page_version(base: Any) -> str:
    """Return a digest of everything besides a page's events and options that shapes it.

    Parameters
    ----------
    base : OfflineBase or None
        The offline outlines drawn under the events.

    Returns
    -------
    str
        Hex digest over the code of ``geo``, ``gazetteer`` and ``maps`` (the page's
        script and the pinned assets' lock included), the libraries' versions, the place
        index (the country's places the control layer reads) and the outlines.
    """
    from gazetteer.index import index_path

    digest = hashlib.blake2b(digest_size=20)
    parts = {
        "format": FORMAT,
        "code": code_digest(("geo", "gazetteer", "maps")),
        "libraries": library_versions(_LIBRARIES),
        "index": index_path().name,
    }
    digest.update(json.dumps(parts, sort_keys=True).encode())
    if base is None:
        digest.update(b"no base;")
    else:
        for name in ("countries", "borders", "admin1"):
            digest.update(name.encode())
            _frame_digest(getattr(base, name, None), digest)
    return digest.hexdigest()


class PageCache:
    """Pages drawn by earlier builds, by a key over everything that makes them.

    Parameters
    ----------
    root : str or Path, optional
        The folder; ``pages/`` under the user cache folder (``$FRONTLINE_CACHE``) by
        default.
    max_bytes : int, optional
        Size bound of the folder (default 2 GiB); least recently used pages go first.

    Attributes
    ----------
    store : BlobStore
        The entries (its ``stats`` count hits, misses, corrupt entries and writes).
    drawn : list of str
        Names of the pages drawn in this run (not found in the cache).
    reused : list of str
        Names of the pages copied from the cache in this run.
    control : ControlCache
        The drawn days of the pages' control timelines, in the same folder.

    Examples
    --------
    >>> render_site(table, "out", cache=PageCache())  # doctest: +SKIP
    """

    def __init__(
        self, root: str | Path | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        if root is None:
            from gazetteer.index import cache_dir

            root = cache_dir() / "pages"
        self.store = BlobStore(root, max_bytes=max_bytes)
        self.drawn: list[str] = []
        self.reused: list[str] = []
        self.control = ControlCache(self.store)
        self._versions: dict[int, tuple[Any, str]] = {}
        self._events: dict[int, tuple[MapEvent, bytes]] = {}

    def _version(self, base: Any) -> str:
        # hashing the outlines costs a fraction of a second: once per base object
        held = self._versions.get(id(base))
        if held is None or held[0] is not base:
            held = (base, page_version(base))
            self._versions[id(base)] = held
        return held[1]

    def _event_digest(self, event: MapEvent) -> bytes:
        # the same events recur in the main map, the overview and several snippets
        held = self._events.get(id(event))
        if held is None or held[0] is not event:
            parts: list[bytes] = []
            _canonical(event, parts)
            held = (event, hashlib.blake2b(b"".join(parts), digest_size=20).digest())
            self._events[id(event)] = held
        return held[1]

    def key(self, events: Sequence[MapEvent], base: Any, options: dict[str, Any]) -> str:
        """Return the key of a page of ``events`` drawn over ``base`` with ``options``.

        Parameters
        ----------
        events : sequence of MapEvent
            In the order they are drawn.
        base : OfflineBase or None
        options : dict
            Every argument of the drawing besides the events (title, self-contained, ...).

        Returns
        -------
        str
        """
        digest = hashlib.blake2b(self._version(base).encode(), digest_size=20)
        opts: list[bytes] = []
        _canonical(options, opts)
        digest.update(b"".join(opts))
        digest.update(len(events).to_bytes(8, "little"))
        for e in events:
            digest.update(self._event_digest(e))
        return digest.hexdigest()

    def page(
        self,
        name: str,
        events: Sequence[MapEvent],
        base: Any,
        options: dict[str, Any],
        draw: Callable[[], str],
    ) -> bytes:
        """Return the page's bytes: from the cache, else drawn by ``draw`` and stored.

        Parameters
        ----------
        name : str
            The page's name (for :attr:`drawn` and :attr:`reused`).
        events, base, options
            As for :meth:`key`.
        draw : callable
            Returns the page's HTML when it is not in the cache.

        Returns
        -------
        bytes
            UTF-8 HTML.
        """
        key = self.key(events, base, options)
        body = self.store.get(key)
        if body is not None:
            self.reused.append(name)
            return body
        body = draw().encode("utf-8")
        self.store.put(key, body)
        self.drawn.append(name)
        return body

    def data(
        self, kind: str, base: Any, arguments: dict[str, Any], compute: Callable[[], Any]
    ) -> Any:
        """Return JSON data a page is drawn from: from the cache, else computed and stored.

        For parts of a page that change less often than the page (the outlines of a
        region), so that a page drawn again does not compute them again.

        Parameters
        ----------
        kind : str
            What the data is (part of the key).
        base : OfflineBase or None
        arguments : dict
            Every input of ``compute`` besides ``base`` and the code.
        compute : callable
            Returns JSON-serialisable data (lists, dicts, strings, numbers).

        Returns
        -------
        object
            The data as JSON reads it back (tuples become lists), also when computed,
            so that a page drawn from either is the same.
        """
        digest = hashlib.blake2b(self._version(base).encode(), digest_size=20)
        parts: list[bytes] = []
        _canonical({"kind": kind, **arguments}, parts)
        digest.update(b"".join(parts))
        key = digest.hexdigest()
        body = self.store.get(key)
        if body is not None:
            try:
                return json.loads(body)
            except ValueError:  # checked bytes that are not JSON: another layout
                pass
        body = json.dumps(compute(), separators=(",", ":")).encode()
        self.store.put(key, body)
        return json.loads(body)

    def finish(self) -> None:
        """End a build: keep the folder under its size bound."""
        self.store.evict()
