"""A starting map: the areas held by a side on a date, as front-line maps export them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.exc import InputError

__all__ = ["Baseline", "read_baseline"]


@dataclass(frozen=True)
class Baseline:
    """Areas held by each side on one date.

    Attributes
    ----------
    day : datetime.date
    areas : dict of str to geometry
        Side code -> the union of its areas.
    """

    day: dt.date
    areas: dict[str, BaseGeometry]

    def sides_at(self, lonlat: np.ndarray, *, within: BaseGeometry | None = None,
                 sides: tuple[str, ...] = ()) -> np.ndarray:
        """Return the side holding each point on the baseline's date.

        A baseline that draws one side only (an occupied-area map) leaves the rest of
        ``within`` (the country) to the other of the two ``sides``.

        Parameters
        ----------
        lonlat : ndarray of shape (n, 2)
        within : geometry, optional
            The country the map covers.
        sides : tuple of str
            The belligerents.

        Returns
        -------
        ndarray of str
            ``""`` where the map says nothing.
        """
        pts = np.asarray(lonlat, dtype=float).reshape(-1, 2)
        out = np.full(len(pts), "", dtype=object)
        for code, area in sorted(self.areas.items()):
            shapely.prepare(area)
            out[shapely.intersects_xy(area, pts[:, 0], pts[:, 1]) & (out == "")] = code
        others = [s for s in sides if s not in self.areas]
        if len(self.areas) == 1 and len(others) == 1 and within is not None:
            shapely.prepare(within)
            rest = (out == "") & shapely.intersects_xy(within, pts[:, 0], pts[:, 1])
            out[rest] = others[0]
        return out


def read_baseline(path: str | Path) -> Baseline:
    """Read a GeoJSON FeatureCollection of areas with ``side`` and ``date`` properties.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Baseline

    Raises
    ------
    InputError
        The file is missing, not GeoJSON, has no polygon with a side, or its
        features disagree on the date.
    """
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline map ({exc.strerror})") from None
    except ValueError as exc:
        raise InputError(f"{path}: not GeoJSON ({exc})") from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    parts: dict[str, list[BaseGeometry]] = {}
    days = set()
    for n, feature in enumerate(features):
        props = (feature or {}).get("properties") or {}
        side, day = str(props.get("side") or "").strip(), props.get("date")
        if not side or not day:
            raise InputError(f"{path}: feature {n} needs 'side' and 'date' properties")
        try:
            days.add(dt.date.fromisoformat(str(day)[:10]))
            geom = shapely.from_geojson(json.dumps(feature.get("geometry")))
        except (ValueError, shapely.errors.GEOSException) as exc:
            raise InputError(f"{path}: feature {n}: {exc}") from None
        if geom.geom_type in {"Polygon", "MultiPolygon"} and not geom.is_empty:
            parts.setdefault(side, []).append(shapely.make_valid(geom))
    if not parts:
        raise InputError(f"{path}: no polygon areas with a side")
    if len(days) != 1:
        raise InputError(f"{path}: features have {len(days)} different dates; give one map")
    areas = {side: shapely.union_all(geoms) for side, geoms in parts.items()}
    return Baseline(days.pop(), areas)
