"""Write a control snapshot as one GeoJSON FeatureCollection (``frontline control``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shapely

from gazetteer.fileio import write_atomic
from geo.control import ControlSnapshot

__all__ = ["snapshot_features", "write_snapshot"]


def _geometry(geom: Any, precision: float = 1e-5) -> dict[str, Any]:
    return json.loads(shapely.to_geojson(shapely.set_precision(geom, precision)))


def snapshot_features(snapshot: ControlSnapshot) -> dict[str, Any]:
    """Return a snapshot as a GeoJSON FeatureCollection.

    Points ``kind: "place"`` (``name``, ``place_id``, ``side``, ``contested``,
    ``confidence``, ``last_report``, ``evidence``), (Multi)Polygons ``kind: "area"``
    per side and a (Multi)LineString ``kind: "front"`` (``inferred: true``).

    Parameters
    ----------
    snapshot : ControlSnapshot

    Returns
    -------
    dict
    """
    features: list[dict[str, Any]] = []
    for s in sorted(
        snapshot.places,
        key=lambda s: (s.place.label, s.place.place_id, s.place.latitude, s.place.longitude),
    ):
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(s.place.longitude, 5), round(s.place.latitude, 5)],
                },
                "properties": {
                    "kind": "place",
                    "name": s.place.label,
                    "place_id": s.place.place_id,
                    "side": s.side,
                    "contested": s.contested,
                    "confidence": s.confidence,
                    "last_report": s.last_report,
                    "evidence": list(s.evidence),
                    "date": snapshot.day,
                },
            }
        )
    for side, area in sorted(snapshot.areas.items()):
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(area),
                "properties": {
                    "kind": "area",
                    "side": side,
                    "inferred": True,
                    "date": snapshot.day,
                },
            }
        )
    if snapshot.front is not None and not snapshot.front.is_empty:
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(snapshot.front),
                "properties": {"kind": "front", "inferred": True, "date": snapshot.day},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_snapshot(snapshot: ControlSnapshot, path: str | Path) -> None:
    """Write :func:`snapshot_features` to a file, atomically and byte-stable.

    Parameters
    ----------
    snapshot : ControlSnapshot
    path : str or Path
    """
    text = (
        json.dumps(
            snapshot_features(snapshot), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        + "\n"
    )
    write_atomic(path, text.encode("utf-8"))
