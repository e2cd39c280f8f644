"""Borders between countries: :class:`Borders`.

One job: find the border line two countries share, every border of a country, the point
of a border nearest to a place (optionally in a compass direction), and read border
phrases ("the Russian border", "border with Belarus").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from gazetteer import names as nm
from gazetteer.countries import Countries
from gazetteer.distance import great_circle_km
from gazetteer.exc import InputError
from gazetteer.index import Index
from gazetteer.model import Place, PlaceKind
from gazetteer.places import PlaceRows

__all__ = ["BORDER_CUES", "Borders", "nearest_border_point"]

#: Cue words that turn a country's name into its border with the focus country.
BORDER_CUES = frozenset({"border", "frontier", "boundary"})
_BORDER_RE = (
    re.compile(
        r"^(?:the\s+)?(?:state\s+)?(?:border|frontier|boundary)(?:\s+(?:with|of)\s+(?P<x>.+))?$"
    ),
    re.compile(r"^(?:the\s+)?(?P<x>.+?)(?:\s+state)?[\s-]+(?:border|frontier|boundary)$"),
)
_DIRECTIONS = {
    "north": 0.0, "north-east": 45.0, "northeast": 45.0, "east": 90.0, "south-east": 135.0,
    "southeast": 135.0, "south": 180.0, "south-west": 225.0, "southwest": 225.0, "west": 270.0,
    "north-west": 315.0, "northwest": 315.0,
}  # fmt: skip


def nearest_border_point(
    place: Place, border: Place, *, direction: str | None = None
) -> tuple[float, float]:
    """Return the point of ``border`` nearest to ``place`` as ``(lat, lon)``, maybe in a direction.

    See :meth:`gazetteer.resolver.Gazetteer.nearest_border_point`: with a compass
    ``direction`` seen from ``place``, the nearest point within 45 degrees of it (else
    90 degrees, else anywhere).

    Raises
    ------
    InputError
        When ``direction`` is no compass direction.
    """
    import shapely

    geom = border.shape
    origin = shapely.Point(place.lon, place.lat)
    if direction is None:
        d = geom.project(origin)
        pt = geom.interpolate(d)
        return (round(pt.y, 6), round(pt.x, 6))
    key = direction.strip().lower().replace(" ", "-")
    if key not in _DIRECTIONS:
        raise InputError(f"unknown direction {direction!r}; use north, north-east, east ...")
    coords = shapely.get_coordinates(shapely.segmentize(geom, 0.02))
    lat0, lon0 = place.lat, place.lon
    dist = great_circle_km(lat0, lon0, coords[:, 1], coords[:, 0])
    y = np.sin(np.radians(coords[:, 0] - lon0)) * np.cos(np.radians(coords[:, 1]))
    x = np.cos(np.radians(lat0)) * np.sin(np.radians(coords[:, 1])) - np.sin(
        np.radians(lat0)
    ) * np.cos(np.radians(coords[:, 1])) * np.cos(np.radians(coords[:, 0] - lon0))
    bearing = (np.degrees(np.arctan2(y, x)) + 360.0) % 360.0
    diff = np.abs((bearing - _DIRECTIONS[key] + 180.0) % 360.0 - 180.0)
    ok = diff <= 45.0
    if not ok.any():
        ok = diff <= 90.0
    if not ok.any():
        ok = np.ones(len(coords), dtype=bool)
    i = int(np.flatnonzero(ok)[np.argmin(dist[ok])])
    return (round(float(coords[i, 1]), 6), round(float(coords[i, 0]), 6))


class Borders:
    """The border lines of the index.

    Parameters
    ----------
    index : Index
        The loaded index.
    places : PlaceRows
        Makes places of ids.
    countries : Countries
        Reads countries from codes, names and demonyms.
    """

    def __init__(self, index: Index, places: PlaceRows, countries: Countries) -> None:
        self.index = index
        self.places = places
        self.countries = countries

    def border(self, a: str, b: str) -> Place | None:
        """Return the border line shared by two countries (codes, names, demonyms) or ``None``."""
        ca, cb = self.countries.code(a), self.countries.code(b)
        if not ca or not cb or ca == cb:
            return None
        x, y = sorted((ca, cb))
        try:
            return self.places.get(f"border:{x}-{y}")
        except KeyError:
            return None

    def borders_of(self, country: str) -> list[Place]:
        """Every border line of a country, longest first."""
        code = self.countries.code(country)
        if not code:
            return []
        out = []
        for row in self.index.rows_of_kind(PlaceKind.BORDER):
            pid = self.index.place_id(row)
            if code in pid[len("border:") :].split("-"):
                length = float(self.index.meta["feature_codes"].get(row, "0") or 0)
                out.append((length, pid))
        out.sort(key=lambda t: (-t[0], t[1]))
        return [self.places.get(pid) for _, pid in out]

    def phrase(self, name: str) -> tuple[bool, str | None]:
        """Read a border phrase: whether ``name`` is one, and the other country's code.

        ``"the border"`` gives ``(True, None)``, ``"Belarusian border"`` and ``"border
        with Belarus"`` give ``(True, "BY")``, ``"Kharkiv"`` gives ``(False, None)``.
        """
        norm = " ".join(nm.normalise(name).split())
        for pattern in _BORDER_RE:
            m = pattern.match(norm)
            if m:
                other = m.group("x")
                if other is None:
                    return True, None
                code = self.countries.code(other)
                if code:
                    return True, code
        return False, None

    def for_phrase(
        self, other: str | None, focus: str | None, mentioned: Sequence[str] = ()
    ) -> Place | None:
        """Return the border a phrase means, given the focus and the countries mentioned.

        Parameters
        ----------
        other : str or None
            The phrase's country code (see :meth:`phrase`), if it names one.
        focus : str or None
            The document's focus country.
        mentioned : sequence of str
            Codes of the countries the document names, one per mention.

        Returns
        -------
        Place or None
            The border of ``focus`` and ``other``; else of the named country and the most
            mentioned other one; ``None`` when no such border exists.
        """
        if other and focus and other != focus:
            return self.border(focus, other)
        if other and not focus:
            ranked = [c for c, _ in Counter(mentioned).most_common() if c != other]
            return self.border(other, ranked[0]) if ranked else None
        if not other and focus:
            ranked = [c for c, _ in Counter(mentioned).most_common() if c != focus]
            for cand in ranked:
                b = self.border(focus, cand)
                if b is not None:
                    return b
        return None
