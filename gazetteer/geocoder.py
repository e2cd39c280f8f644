"""A geopy geocoder over the offline gazetteer (optionally falling back to Nominatim).

Works wherever geopy geocoders do, e.g. with
:class:`geopy.extra.rate_limiter.RateLimiter` and
``geopandas.tools.geocode(names, provider=GazetteerGeocoder)``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderQueryError, GeopyError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.model import Place

__all__ = ["GazetteerGeocoder"]

_DEFAULT_GAZETTEER: Any = None


def _default_gazetteer() -> Any:
    global _DEFAULT_GAZETTEER
    if _DEFAULT_GAZETTEER is None:
        from gazetteer.resolver import Gazetteer

        _DEFAULT_GAZETTEER = Gazetteer.load()
    return _DEFAULT_GAZETTEER


class GazetteerGeocoder(Geocoder):
    """Geocoder over :class:`~gazetteer.resolver.Gazetteer`, offline by default.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The resolver; the default index from the user cache when omitted.
    online : bool
        Ask Nominatim when the offline resolver abstains or is unsure (below
        ``online_below``). On timeout, HTTP error or rate limiting the offline answer
        is returned with a warning.
    online_below : float
        Offline scores below this trigger the online fallback.
    nominatim_domain, nominatim_scheme : str
        Where the fallback sends its queries.
    cache_path : str or Path, optional
        JSON cache of online answers; ``<cache>/nominatim.json`` by default.
    min_delay_seconds : float
        Minimum delay between online requests.
    timeout, proxies, user_agent, ssl_context, adapter_factory
        As for every geopy geocoder.

    Examples
    --------
    >>> geocoder = GazetteerGeocoder()  # doctest: +SKIP
    >>> geocoder.geocode("Kharkov").raw["geonameId"]  # doctest: +SKIP
    706483
    """

    def __init__(
        self,
        gazetteer: Any = None,
        *,
        online: bool = False,
        online_below: float = 0.6,
        nominatim_domain: str = "nominatim.openstreetmap.org",
        nominatim_scheme: str = "https",
        cache_path: str | Path | None = None,
        min_delay_seconds: float = 1.0,
        timeout: Any = DEFAULT_SENTINEL,
        proxies: Any = DEFAULT_SENTINEL,
        user_agent: str | None = None,
        ssl_context: Any = DEFAULT_SENTINEL,
        adapter_factory: Any = None,
    ) -> None:
        super().__init__(
            scheme="https" if nominatim_scheme != "http" else "http",
            timeout=timeout,
            proxies=proxies,
            user_agent=user_agent,
            ssl_context=ssl_context,
            adapter_factory=adapter_factory,
        )
        self.gazetteer = gazetteer if gazetteer is not None else _default_gazetteer()
        self.online = bool(online)
        self.online_below = float(online_below)
        self._fallback = None
        if self.online:
            from gazetteer.index import cache_dir
            from gazetteer.online import OnlineFallback

            self._fallback = OnlineFallback(
                domain=nominatim_domain,
                scheme=nominatim_scheme,
                user_agent=user_agent or "frontline-gazetteer",
                timeout=self.timeout if isinstance(self.timeout, (int, float)) else 5.0,
                min_delay_seconds=min_delay_seconds,
                cache_path=cache_path or (cache_dir() / "nominatim.json"),
            )

    # ------------------------------------------------------------------ forward

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: str | Sequence[str] | None = None,
        near: tuple[float, float] | None = None,
        limit: int = 10,
    ) -> Location | list[Location] | None:
        """Geocode a place name.

        Parameters
        ----------
        query : str
            The place name.
        exactly_one : bool
            Return one :class:`~geopy.location.Location` (or ``None``) instead of a list.
        timeout : float, optional
            Only used by the online fallback.
        country_codes : str or sequence of str, optional
            Restrict results to these ISO alpha-2 countries.
        near : tuple of float, optional
            ``(lat, lon)`` that results should be close to.
        limit : int
            Maximum number of results when ``exactly_one`` is false.

        Returns
        -------
        Location, list of Location or None
            ``raw`` holds the gazetteer row (GeoNames-style keys).

        Raises
        ------
        geopy.exc.GeocoderQueryError
            For an empty or non-string query or bad country codes.
        """
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError(f"query must be a non-empty string, not {query!r}")
        codes = _country_codes(country_codes)
        ranked = self.gazetteer.rank(
            query.strip(),
            near=near,
            country=codes[0] if codes and len(codes) == 1 else None,
            countries=codes,
            limit=1 if exactly_one else max(1, int(limit)),
        )
        from gazetteer.resolver import options

        ranked = [p for p in ranked if p.score >= options.abstain_below]
        if self._fallback is not None and (not ranked or ranked[0].score < self.online_below):
            online = self._online(query, exactly_one=exactly_one, codes=codes, limit=limit)
            if online is not None:
                return online
        locations = [_location(p, self.gazetteer) for p in ranked]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def _online(
        self, query: str, *, exactly_one: bool, codes: list[str] | None, limit: int
    ) -> Location | list[Location] | None:
        try:
            rows = self._fallback.geocode(  # type: ignore[union-attr]
                query, limit=1 if exactly_one else limit, country_codes=codes
            )
        except GeopyError as exc:
            warnings.warn(
                f"online geocoder failed for {query!r} ({type(exc).__name__}: {exc}); "
                "using the offline answer",
                RuntimeWarning,
                stacklevel=3,
            )
            return None
        if not rows:
            return None
        locs = [
            Location(r.get("display_name", query), (float(r["lat"]), float(r["lon"])), r)
            for r in rows
        ]
        return locs[0] if exactly_one else locs

    # ------------------------------------------------------------------ reverse

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """Return the nearest settlement to a point.

        Parameters
        ----------
        query : str, tuple or geopy.point.Point
            ``"lat, lon"``, ``(lat, lon)`` or a Point.
        exactly_one : bool
            Return one Location instead of a one-element list.
        timeout : float, optional
            Unused (offline).

        Returns
        -------
        Location, list of Location or None

        Raises
        ------
        geopy.exc.GeocoderQueryError
            When the point cannot be read.
        """
        try:
            point = Point(query)
        except (ValueError, TypeError) as exc:
            raise GeocoderQueryError(f"cannot read a point from {query!r}: {exc}") from exc
        place = self.gazetteer.reverse(point.latitude, point.longitude)
        if place is None:
            return None
        loc = _location(place, self.gazetteer)
        return loc if exactly_one else [loc]


def _country_codes(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    codes = [value] if isinstance(value, str) else list(value)
    out = []
    for c in codes:
        if not isinstance(c, str) or len(c.strip()) != 2 or not c.strip().isalpha():
            raise GeocoderQueryError(f"country code {c!r} is not an ISO 3166-1 alpha-2 code")
        out.append(c.strip().upper())
    return out or None


def _raw(place: Place, gaz: Any) -> dict[str, Any]:
    """Return a GeoNames-style row for a place (keys of the GeoNames web service)."""
    return {
        "geonameId": place.geonameid,
        "id": place.id,
        "name": place.name,
        "lat": str(place.lat),
        "lng": str(place.lon),
        "countryCode": place.country,
        "countryName": _country_name(place.country, gaz),
        "adminName1": place.admin1,
        "population": place.population,
        "fcl": place.kind.value,
        "score": place.score,
    }


def _country_name(code: str, gaz: Any) -> str:
    if not code:
        return ""
    try:
        return gaz.get(f"country:{code}").name
    except KeyError:
        return code


def _location(place: Place, gaz: Any) -> Location:
    raw = _raw(place, gaz)
    # address built like geopy's GeoNames geocoder: name, admin-1, country
    parts = [raw["name"], raw["adminName1"], raw["countryName"]]
    address = ", ".join(dict.fromkeys(x for x in parts if x))
    return Location(address, (place.lat, place.lon), raw)
