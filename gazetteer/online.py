"""Opt-in online fallback: Nominatim through geopy, rate-limited and cached.

Never used unless asked for (``GazetteerGeocoder(online=True)``). Answers are cached
in memory and, when a cache file is given, on disk (JSON, written atomically), so a
query is sent at most once.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from gazetteer.fileio import write_atomic

__all__ = ["OnlineFallback"]


class OnlineFallback:
    """Nominatim queries through geopy with a :class:`~geopy.extra.rate_limiter.RateLimiter`.

    Parameters
    ----------
    domain : str
        Nominatim host (``"nominatim.openstreetmap.org"``; a local server for tests).
    scheme : str
        ``"https"`` or ``"http"``.
    user_agent : str
        HTTP user agent (Nominatim's usage policy asks for one naming the application).
    timeout : float
        Seconds per request.
    min_delay_seconds : float
        Minimum delay between two requests (Nominatim allows one per second).
    cache_path : str or Path, optional
        JSON file caching answers across runs; memory only when omitted.
    """

    def __init__(
        self,
        *,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        user_agent: str = "frontline-gazetteer",
        timeout: float = 5.0,
        min_delay_seconds: float = 1.0,
        cache_path: str | Path | None = None,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.nominatim = Nominatim(
            domain=domain, scheme=scheme, user_agent=user_agent, timeout=timeout
        )
        # errors go to the caller, which falls back to the offline answer
        self._geocode = RateLimiter(
            self.nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self.cache_path = Path(cache_path) if cache_path else None
        self._lock = threading.Lock()
        self._cache: dict[str, list[dict[str, Any]]] = self._read_cache()

    def _read_cache(self) -> dict[str, list[dict[str, Any]]]:
        if self.cache_path is None or not self.cache_path.exists():
            return {}
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_cache(self) -> None:
        if self.cache_path is None:
            return
        write_atomic(self.cache_path, json.dumps(self._cache, sort_keys=True, ensure_ascii=False))

    def geocode(
        self, query: str, *, limit: int = 1, country_codes: list[str] | None = None
    ) -> list[dict[str, Any]]:
        """Nominatim results as plain dicts (``lat``, ``lon``, ``display_name``, ...).

        Raises
        ------
        geopy.exc.GeopyError
            On timeout, HTTP error, rate limiting or an unreachable service.
        """
        key = json.dumps([query, limit, sorted(country_codes or [])], ensure_ascii=False)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        found = self._geocode(
            query, exactly_one=False, limit=limit, country_codes=country_codes or None
        )
        rows = [loc.raw for loc in (found or [])]
        with self._lock:
            self._cache[key] = rows
            self._write_cache()
        return rows
