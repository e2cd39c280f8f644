"""The stretch of a river a report speaks of, from the places around it.

"Forces withdrew to the east bank of the Dnipro River" names a river hundreds of km
long; the report means the stretch by the places the article names. That stretch is
placed at its region (the first-level unit most of those places lie in).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike
from geo.model import GeoPrecision
from geo.relative import Location

__all__ = ["STRETCH_KM", "is_river", "river_stretch", "stretch_location"]

#: Farthest from a river (km) that a place locates the stretch a report speaks of.
STRETCH_KM = 60.0


def is_river(place: Place) -> bool:
    """Whether a place is a river with a line in the gazetteer (not a dam or a bridge).

    Parameters
    ----------
    place : Place

    Returns
    -------
    bool
    """
    from geo.control_banks import river_lines

    return place.kind is PlaceKind.FEATURE and place.id.removeprefix("feature:") in river_lines()


def river_stretch(
    river: Place,
    here: Sequence[Place],
    before: Sequence[Place],
    gaz: GazetteerLike | None,
) -> Place | None:
    """Return the region of the stretch of a river a sentence speaks of.

    Parameters
    ----------
    river : Place
        The river (a gazetteer feature with a line).
    here : sequence of Place
        The sentence's own places; they decide when any lies by the river.
    before : sequence of Place
        The paragraph's places named before the sentence.
    gaz : Gazetteer, optional
        Gives the region's place.

    Returns
    -------
    Place or None
        The first-level unit most of the places within :data:`STRETCH_KM` of the river
        lie in (the sentence's, else the paragraph's); ``None`` without a gazetteer, a
        line for the river (a dam, a bridge), or such places.
    """
    from geo.control_banks import river_lines

    line = river_lines().get(river.id.removeprefix("feature:"))
    if gaz is None or line is None:
        return None
    for places in (here, before):
        region = _region_by(line[1], [p for p in places if p.kind is not PlaceKind.FEATURE])
        if region is not None:
            try:
                return gaz.get(f"admin1:{region}")
            except KeyError:
                return None
    return None


def _region_by(line: object, places: Sequence[Place]) -> str | None:
    """Return the first-level unit most places by the river lie in (ties: the latest)."""
    from gazetteer.geometry import admin1_at
    from geo.control_banks import bank_of

    if not places:
        return None
    lonlat = np.array([(p.lon, p.lat) for p in places], dtype=float)
    _, dist = bank_of(lonlat, line, "right")
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for k, (p, d) in enumerate(zip(places, dist, strict=True)):
        region = admin1_at(p.lon, p.lat) if d <= STRETCH_KM else None
        if region is not None:
            counts[region] += 1
            last[region] = k
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], last[r]))


def stretch_location(
    river: Place,
    here: Sequence[Place],
    before: Sequence[Place],
    gaz: GazetteerLike | None,
) -> Location | None:
    """Return where a report on a stretch of a river took place: that stretch's region.

    Parameters
    ----------
    river, here, before, gaz
        See :func:`river_stretch`.

    Returns
    -------
    Location or None
        The region (:func:`river_stretch`) as a region-wide location; ``None`` as there.
    """
    region = river_stretch(river, here, before, gaz)
    if region is None:
        return None
    return Location(
        region.shape,
        region.lat,
        region.lon,
        GeoPrecision.REGION,
        region,
        description=f"the {river.name} in {region.name}",
    )
