"""Reverse geocoding: :class:`NearestSettlement`.

One job: find the indexed settlement nearest to a coordinate, through a spatial tree
built on first use.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gazetteer.exc import InputError
from gazetteer.index import KINDS, Index
from gazetteer.model import Place, PlaceKind
from gazetteer.places import PlaceRows

__all__ = ["NearestSettlement"]


class NearestSettlement:
    """The settlement nearest to a point.

    Parameters
    ----------
    index : Index
        The loaded index.
    places : PlaceRows
        Makes places of rows.
    """

    def __init__(self, index: Index, places: PlaceRows) -> None:
        self.index = index
        self.places = places
        self._tree: tuple[Any, np.ndarray] | None = None  # (STRtree, its rows)

    def reverse(self, lat: float, lon: float) -> Place | None:
        """Return the settlement nearest to ``(lat, lon)``, or ``None`` for an empty index.

        Raises
        ------
        InputError
            When ``(lat, lon)`` is no WGS84 latitude/longitude pair.
        """
        import shapely

        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise InputError(f"({lat}, {lon}) is not a WGS84 latitude/longitude pair")
        if self._tree is None:
            rows = np.flatnonzero(np.asarray(self.index.kind) == KINDS.index(PlaceKind.SETTLEMENT))
            tree = shapely.STRtree(
                shapely.points(np.asarray(self.index.lon)[rows], np.asarray(self.index.lat)[rows])
            )
            self._tree = (tree, rows)
        tree, rows = self._tree
        hits = tree.query_nearest(shapely.Point(lon, lat), all_matches=False)
        if len(hits) == 0:
            return None
        return self.places.place(int(rows[int(hits[0])]))
