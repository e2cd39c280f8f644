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

A whole timeline is kept too (:meth:`ControlCache.timeline`), under a digest of what
fits the model: the belligerents, the claims the events give
(:func:`geo.control_claims.claims_from_events`), the withdrawals across rivers
(:func:`geo.control_banks.bank_moves`), the country's places and outline, the options,
the code and libraries. Most reports a day adds give no new claim (a strike, a
statement), or feed only pages whose claims they leave as they were: then neither the
model's fit nor its per-day states are computed again. A new claim changes the key: the
model reads time both ways (it smooths backwards), so a claim can change the states of
days before its own, and the timeline is computed again (its drawn days still come from
the per-day entries). The key reads the claims as :meth:`geo.control.ControlMap.build`
does; a model that comes to read more of the events must add it here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.cache import code_digest, library_versions
from geo.cache_blobs import BlobStore

if TYPE_CHECKING:
    from geo.control import ControlMap, ControlTimeline, ModelInputs

__all__ = ["ControlCache", "DayDrawing"]

#: Bump when the key's or the entry's layout changes.
FORMAT = "frontline-control-day-1"
#: The same for a whole timeline.
TIMELINE_FORMAT = "frontline-control-timeline-1"
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
    timelines_computed : int
        Timelines computed in this run by :meth:`timeline` (the model fitted).
    timelines_reused : int
        Timelines read back by :meth:`timeline` (the model not fitted).

    Examples
    --------
    >>> cache = ControlCache(BlobStore(tmp_path / "pages", max_bytes=1 << 30))  # doctest: +SKIP
    >>> control_timeline(events, cache=cache)  # doctest: +SKIP
    """

    def __init__(self, store: BlobStore) -> None:
        self.store = store
        self.drawn: list[str] = []
        self.reused: list[str] = []
        self.timelines_computed = 0
        self.timelines_reused = 0

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
        # and the water in it: neighbours across it and the land reached only across it
        digest.update(_array_bytes(cm.sites.edges))
        digest.update(_geometry_bytes(cm.sites.far))
        digest.update(_array_bytes(cm.seed))
        # the shading near the front is cut to the reach of the reported places, shorter
        # for those known only from attacks and strikes
        digest.update(_array_bytes(cm.model.reported))
        digest.update(_array_bytes(cm.model.implied_only))
        digest.update(json.dumps(dataclasses.asdict(cm.cut), sort_keys=True).encode())
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

    def timeline(
        self,
        events: Sequence[Any],
        side_of: Callable[[str], str],
        *,
        settlements: np.ndarray | None = None,
        clip: BaseGeometry | None = None,
        max_front_dates: int = 100,
        simplify: float = 0.002,
    ) -> ControlTimeline:
        """Return :func:`geo.control.control_timeline` of ``events``, kept between runs.

        Keyed by the model's inputs (see the module docstring): events that give the
        same claims read the same timeline back. On a miss the timeline is computed with
        this cache for its drawn days, then kept.

        Parameters
        ----------
        events : sequence of Event or MergedEvent
        side_of : callable
            Actor name -> side code.
        settlements, clip, max_front_dates, simplify
            As for :func:`geo.control.control_timeline`.

        Returns
        -------
        ControlTimeline
            The same as computed without the cache.
        """
        from geo.control import control_timeline, model_inputs

        events = list(events)
        inputs = model_inputs(events, side_of)
        key = _timeline_key(inputs, settlements, clip, max_front_dates, simplify)
        if key is not None:
            body = self.store.get(key)
            held = None if body is None else _decode_timeline(body)
            if held is not None:
                self.timelines_reused += 1
                return held
        timeline = control_timeline(
            events,
            side_of,
            settlements=settlements,
            clip=clip,
            max_front_dates=max_front_dates,
            simplify=simplify,
            cache=self,
            inputs=inputs,
        )
        self.timelines_computed += 1
        if key is not None:
            self.store.put(key, _encode_timeline(timeline))
        return timeline


def _timeline_key(
    inputs: ModelInputs,
    settlements: np.ndarray | None,
    clip: BaseGeometry | None,
    max_front_dates: int,
    simplify: float,
) -> str | None:
    """Return the digest of a timeline's inputs, ``None`` when they cannot be keyed."""
    parts = {
        "format": TIMELINE_FORMAT,
        "code": code_digest(("geo", "gazetteer")),
        "libraries": library_versions(_LIBRARIES),
        "geos": shapely.geos_version_string,
        "sides": list(inputs.sides),
        "max_front_dates": max_front_dates,
        "simplify": simplify,
    }
    digest = hashlib.blake2b(digest_size=20)
    try:
        # plain values only: anything else (a new field of another type) is not keyed
        digest.update(json.dumps(parts, sort_keys=True).encode())
        digest.update(json.dumps(_rows(inputs.claims)).encode())
        digest.update(b"moves;")
        digest.update(json.dumps(_rows(inputs.moves)).encode())
    except TypeError:
        return None
    digest.update(_array_bytes(None if settlements is None else np.asarray(settlements, float)))
    digest.update(_geometry_bytes(clip))
    return digest.hexdigest()


def _rows(records: Sequence[Any]) -> list[list[Any]]:
    """Each record's field values, in field order (a shallow ``dataclasses.astuple``)."""
    if not records:
        return []
    names = [f.name for f in dataclasses.fields(records[0])]
    return [[type(r).__name__, *(getattr(r, n) for n in names)] for r in records]


def _encode_timeline(timeline: ControlTimeline) -> bytes:
    record = {
        "places": [dataclasses.astuple(p) for p in timeline.places],
        "changes": [list(c) for c in timeline.changes],
        "fronts": [[day, _geometry_record(line)] for day, line in timeline.fronts],
        "areas": [
            [day, [[side, _geometry_record(g)] for side, g in areas.items()]]
            for day, areas in timeline.areas
        ],
    }
    return json.dumps(record, separators=(",", ":")).encode()


def _decode_timeline(body: bytes) -> ControlTimeline | None:
    """Return the stored timeline, ``None`` when the checked bytes are another layout."""
    from geo.control import ControlPlace, ControlTimeline

    try:
        record = json.loads(body)
        # every geometry read in one vectorised call, as _geometry reads one
        stored = [g for _, g in record["fronts"]]
        stored += [g for _, areas in record["areas"] for _, g in areas]
        present = [g for g in stored if g is not None]
        geoms = iter(_geometries(present))
        read = [None if g is None else next(geoms) for g in stored]
        fronts = tuple((str(d), read[k]) for k, (d, _) in enumerate(record["fronts"]))
        k = len(fronts)
        areas_by_day = []
        for d, areas in record["areas"]:
            areas_by_day.append((str(d), {str(s): read[k + j] for j, (s, _) in enumerate(areas)}))
            k += len(areas)
        return ControlTimeline(
            tuple(ControlPlace(*p) for p in record["places"]),
            tuple((str(d), int(i), str(s)) for d, i, s in record["changes"]),
            fronts,
            tuple(areas_by_day),
        )
    except (ValueError, KeyError, TypeError, StopIteration, shapely.errors.GEOSException):
        return None


def _geometries(records: list[list[Any]]) -> list[BaseGeometry]:
    """Read many :func:`_geometry_record` entries at once (none of them ``None``)."""
    if not records:
        return []
    geoms = shapely.from_wkb([wkb for wkb, _ in records])
    grids = np.array([float(grid) for _, grid in records])
    on_grid = grids > 0
    if on_grid.any():
        geoms[on_grid] = shapely.set_precision(geoms[on_grid], grids[on_grid], mode="pointwise")
    return list(geoms)


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
