"""The drawn days of a control timeline kept between builds: each day's front and areas.

A control timeline (:func:`geo.control.control_timeline`) draws each side's area and the
front on up to a hundred days: for each, the cells of every site are merged into areas
and the line between them traced, which is most of its cost. A day's drawing is a pure
function of a few inputs: the tessellation (the sites and the country), the starting map,
the distances and the simplification, the code and libraries, and two arrays of that
day: the side shown at each site (the areas) and the sides the front is traced from
(without a starting map each report's state reaches farther). A new report changes
these on the days around its own and leaves most days' as they were (the model's
confidences may change on every day, but they rarely move a site's side),
so :class:`ControlCache` keeps each drawn day under a digest of exactly these inputs in a
:class:`geo.cache_blobs.BlobStore` (the page cache's folder): a rebuild draws again only
the days whose states changed. The geometries are stored as WKB, which gives back the
same coordinates, so the bytes of a page are the same with the cache or without.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.cache import code_digest, library_versions
from geo.cache_blobs import BlobStore

if TYPE_CHECKING:
    from geo.control import ControlMap

__all__ = ["ControlCache", "DayDrawing"]

#: Bump when the key's or the entry's layout changes.
FORMAT = "frontline-control-day-1"
#: Libraries whose version can change a day's geometry.
_LIBRARIES = ("shapely", "numpy")

#: A drawn day: the front (``None`` where the sides never meet) and each side's area.
DayDrawing = tuple[BaseGeometry | None, dict[str, BaseGeometry]]


def _array_bytes(values: np.ndarray | None) -> bytes:
    """Return an unambiguous encoding of an array of numbers, booleans or strings."""
    if values is None:
        return b"none;"
    values = np.asarray(values)
    if values.dtype == object or values.dtype.kind == "U":
        # strings never hold the separator the states use (side codes, "?", "")
        items = values.tolist()
        try:
            text = "\x1f".join(items)
        except TypeError:  # not all strings
            text = "\x1f".join(map(str, items))
        return b"s%d:" % len(values) + text.encode("utf-8", "surrogatepass") + b";"
    head = f"{values.dtype.str}{values.shape}:".encode()
    return head + np.ascontiguousarray(values).tobytes() + b";"


def _geometry_bytes(geom: BaseGeometry | None) -> bytes:
    return b"none;" if geom is None else shapely.to_wkb(geom) + b";"


class ControlCache:
    """Drawn days of control timelines, by a key over what draws them.

    Parameters
    ----------
    store : BlobStore
        Where the entries live (the page cache's store: one folder, one size bound).

    Attributes
    ----------
    drawn : list of str
        Days (ISO) drawn in this run (not found in the cache).
    reused : list of str
        Days read back from the cache in this run.

    Examples
    --------
    >>> cache = ControlCache(BlobStore(tmp_path / "pages", max_bytes=1 << 30))  # doctest: +SKIP
    >>> control_timeline(events, cache=cache)  # doctest: +SKIP
    """

    def __init__(self, store: BlobStore) -> None:
        self.store = store
        self.drawn: list[str] = []
        self.reused: list[str] = []

    def setting(self, cm: ControlMap, simplify: float) -> bytes:
        """Return a digest of what every day of ``cm`` is drawn with, its states apart.

        Parameters
        ----------
        cm : ControlMap
        simplify : float
            Degrees the drawn geometries are simplified by.

        Returns
        -------
        bytes
            To be passed to :meth:`day` for each of the map's days.
        """
        digest = hashlib.blake2b(digest_size=20)
        parts = {
            "format": FORMAT,
            "code": code_digest(("geo", "gazetteer")),
            "libraries": library_versions(_LIBRARIES),
            "geos": shapely.geos_version_string,
            "sides": list(cm.sides),
            "km": [cm.max_km, cm.front_km, cm.change_km, cm.fill_km],
            "simplify": simplify,
        }
        digest.update(json.dumps(parts, sort_keys=True).encode())
        # the tessellation follows from the sites and the country it is cut to
        digest.update(_array_bytes(cm.sites.lonlat))
        digest.update(_geometry_bytes(cm.clip))
        digest.update(_array_bytes(cm.seed))
        for side in sorted(cm.base):
            digest.update(side.encode() + b"=" + _geometry_bytes(cm.base[side]))
        return digest.digest()

    def day(
        self,
        setting: bytes,
        day: str,
        states: tuple[np.ndarray | None, ...],
        draw: Callable[[], DayDrawing],
    ) -> DayDrawing:
        """Return a day's front and areas: from the cache, else drawn by ``draw`` and kept.

        Parameters
        ----------
        setting : bytes
            :meth:`setting` of the control map.
        day : str
            ISO date (for :attr:`drawn` and :attr:`reused`).
        states : tuple of ndarray
            What the day's drawing reads of that day: each site's shown side (the areas)
            and the sides the front is traced from.
        draw : callable
            Returns the day's (front, areas) when it is not in the cache.

        Returns
        -------
        (geometry or None, dict of str to geometry)
        """
        digest = hashlib.blake2b(setting, digest_size=20)
        for values in states:
            digest.update(_array_bytes(values))
        key = digest.hexdigest()
        body = self.store.get(key)
        if body is not None:
            held = _decode(body)
            if held is not None:
                self.reused.append(day)
                return held
        line, areas = draw()
        self.store.put(key, _encode(line, areas))
        self.drawn.append(day)
        return line, areas


def _encode(line: BaseGeometry | None, areas: dict[str, BaseGeometry]) -> bytes:
    # WKB keeps every coordinate's bits: the geometry read back draws the same bytes
    # and its precision grid (which WKB leaves out) is put back, so later overlays agree
    record: dict[str, Any] = {
        "front": _geometry_record(line),
        "areas": [[side, _geometry_record(g)] for side, g in areas.items()],
    }
    return json.dumps(record, separators=(",", ":")).encode()


def _geometry_record(geom: BaseGeometry | None) -> list[Any] | None:
    if geom is None:
        return None
    return [shapely.to_wkb(geom, hex=True), float(shapely.get_precision(geom))]


def _geometry(record: list[Any] | None) -> BaseGeometry | None:
    if record is None:
        return None
    wkb, grid = record
    geom = shapely.from_wkb(wkb)
    # pointwise: the coordinates are on the grid already and stay as they are
    return shapely.set_precision(geom, grid, mode="pointwise") if grid else geom


def _decode(body: bytes) -> DayDrawing | None:
    """Return the stored drawing, ``None`` when the checked bytes are another layout."""
    try:
        record = json.loads(body)
        line = _geometry(record["front"])
        areas = {str(side): _geometry(g) for side, g in record["areas"]}
    except (ValueError, KeyError, TypeError, shapely.errors.GEOSException):
        return None
    return line, areas
