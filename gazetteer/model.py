"""Frozen value types shared by the gazetteer and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = ["Place", "PlaceKind"]


class PlaceKind(str, Enum):
    """What kind of feature a :class:`Place` is; decides its geometry type."""

    SETTLEMENT = "settlement"  # a point: city, town, village
    ADMIN1 = "admin1"  # a polygon: oblast, province, state
    ADMIN2 = "admin2"  # a polygon or point: county, raion, district
    REGION = "region"  # a polygon: a named area made of admin-1 units (Donbas, Crimea)
    COUNTRY = "country"  # a polygon
    CONTINENT = "continent"  # a point (centroid)
    BORDER = "border"  # a line: the boundary shared by two countries
    FEATURE = "feature"  # a point: river, island, plant, airport ... from a full dump


@dataclass(frozen=True)
class Place:
    """A resolved place.

    Attributes
    ----------
    id : str
        Stable identifier: ``"gn:706483"`` for GeoNames rows, ``"country:UA"``,
        ``"admin1:UA.07"``, ``"region:donbas"``, ``"border:RU-UA"``.
    name : str
        Preferred English name.
    kind : PlaceKind
        Feature kind.
    lat, lon : float
        Representative point (WGS84 degrees); for lines and polygons a point on them.
    country : str
        ISO 3166-1 alpha-2 code, ``""`` when not applicable (continents).
    admin1 : str
        Name of the first-level administrative unit containing the place, or ``""``.
    population : int
        Population from GeoNames (0 when unknown).
    geonameid : int or None
        GeoNames id when the place comes from GeoNames.
    score : float
        Resolver confidence in 0..1 (1.0 for places not obtained by resolution).
    alternatives : tuple of Place
        Next-best candidates, best first (empty when not obtained by resolution).
    geometry : shapely geometry or None
        Point, line or polygon; ``None`` means the representative point.
    """

    id: str
    name: str
    kind: PlaceKind
    lat: float
    lon: float
    country: str = ""
    admin1: str = ""
    population: int = 0
    geonameid: int | None = None
    score: float = 1.0
    alternatives: tuple[Place, ...] = ()
    geometry: Any = field(default=None, compare=False, repr=False)

    @property
    def shape(self) -> Any:
        """The geometry, or a shapely Point at (lon, lat) when none is stored."""
        if self.geometry is not None:
            return self.geometry
        import shapely

        return shapely.Point(self.lon, self.lat)
