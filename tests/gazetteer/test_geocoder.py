"""GazetteerGeocoder: geopy contract, RateLimiter, geopandas, and the opt-in online fallback.

The online fallback is tested against a tiny HTTP server on 127.0.0.1 started here.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from gazetteer import GazetteerGeocoder


@pytest.fixture(scope="module")
def geocoder(gaz) -> GazetteerGeocoder:
    return GazetteerGeocoder(gaz)


def test_geocode_returns_a_location_with_the_row(geocoder) -> None:
    loc = geocoder.geocode("Kharkov")
    assert isinstance(loc, Location)
    assert loc.raw["geonameId"] == 706483 and loc.raw["countryCode"] == "UA"
    assert loc.address.startswith("Kharkiv") and loc.address.endswith("Ukraine")
    assert abs(loc.latitude - 49.98) < 0.05 and abs(loc.longitude - 36.25) < 0.05


def test_geocode_many_and_country_filter(geocoder) -> None:
    many = geocoder.geocode("Lyman", exactly_one=False, limit=5)
    assert isinstance(many, list) and 1 <= len(many) <= 5
    us = geocoder.geocode("Lyman", exactly_one=False, country_codes=["US"])
    assert us and all(loc.raw["countryCode"] == "US" for loc in us)
    assert geocoder.geocode("Xqzvbwptk") is None


@pytest.mark.parametrize("query", ["", "   ", None, 42])
def test_bad_queries_raise_geopy_errors(geocoder, query) -> None:
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode(query)


def test_bad_country_code(geocoder) -> None:
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode("Kyiv", country_codes="Ukraine")


def test_reverse(geocoder) -> None:
    loc = geocoder.reverse("49.982, 36.255")
    assert loc.raw["geonameId"] == 706483
    assert geocoder.reverse((50.4547, 30.5238), exactly_one=False)[0].raw["geonameId"] == 703448
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse("not a point")


def test_works_with_rate_limiter(geocoder) -> None:
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0.01)
    assert geocode("Izium").raw["geonameId"] == 707292
    assert geocode("Kyiv").raw["geonameId"] == 703448


def test_works_with_geopandas_geocode(gaz, monkeypatch) -> None:
    import geopandas.tools

    import gazetteer.geocoder as module

    monkeypatch.setattr(module, "_DEFAULT_GAZETTEER", gaz)  # reuse the session's index
    frame = geopandas.tools.geocode(["Kharkiv", "Izyum", "Xqzvbwptk"],
                                    provider=GazetteerGeocoder)  # fmt: skip
    assert len(frame) == 3
    assert frame.geometry.iloc[0].y == pytest.approx(49.98, abs=0.05)
    assert frame.geometry.iloc[1].x == pytest.approx(37.28, abs=0.05)
    assert frame.geometry.iloc[2] is None or frame.geometry.iloc[2].is_empty


# ---------------------------------------------------------------- online fallback


class _Nominatim(BaseHTTPRequestHandler):
    mode = "ok"
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).hits.append(q)
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if self.mode == "ratelimit":
            self.send_response(429)
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(1.5)
        body = json.dumps([{"lat": "10.5", "lon": "20.25", "display_name": f"{q}, Testland",
                            "place_id": 1}]).encode()  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the client may have given up (timeout test)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    _Nominatim.mode = "ok"
    _Nominatim.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _online(gaz, server, tmp_path, **kw) -> GazetteerGeocoder:
    return GazetteerGeocoder(
        gaz, online=True, nominatim_domain=f"127.0.0.1:{server.server_port}",
        nominatim_scheme="http", cache_path=tmp_path / "nominatim.json", min_delay_seconds=0,
        **kw,
    )  # fmt: skip


def test_offline_by_default_never_calls_the_network(gaz, server) -> None:
    assert GazetteerGeocoder(gaz).geocode("Xqzvbwptk") is None
    assert _Nominatim.hits == []


def test_online_fallback_is_used_and_cached(gaz, server, tmp_path) -> None:
    geo = _online(gaz, server, tmp_path)
    loc = geo.geocode("Xqzvbwptk")
    assert (loc.latitude, loc.longitude) == (10.5, 20.25)
    assert geo.geocode("Xqzvbwptk").address == loc.address
    assert _Nominatim.hits == ["Xqzvbwptk"]  # second answer from the cache
    assert "Xqzvbwptk" in (tmp_path / "nominatim.json").read_text(encoding="utf-8")
    # a confident offline answer does not go online
    assert geo.geocode("Kharkiv").raw["geonameId"] == 706483
    assert _Nominatim.hits == ["Xqzvbwptk"]


@pytest.mark.parametrize("mode", ["error", "ratelimit", "slow"])
def test_online_failure_falls_back_offline_with_a_warning(gaz, server, tmp_path, mode) -> None:
    _Nominatim.mode = mode
    geo = _online(gaz, server, tmp_path, timeout=0.5, online_below=1.01)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loc = geo.geocode("Kharkiv")
    assert loc is not None and loc.raw["geonameId"] == 706483
    assert any("online geocoder failed" in str(w.message) for w in caught)


# ---------------------------------------------------------------- command line


def test_cli_geocode_json(gaz, capsys) -> None:
    from gazetteer.cli import main

    assert main(["geocode", "Kharkov", "--json", "-n", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "Kharkov" and len(out["results"]) <= 3
    assert out["results"][0]["id"] == "gn:706483"


def test_cli_geocode_table_near_and_country(gaz, capsys) -> None:
    from gazetteer.cli import main

    assert main(["geocode", "Lyman", "--near", "Sloviansk", "-n", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["#", "score", "id"] and "gn:704204" in lines[1]
    assert main(["geocode", "Lyman", "--near", "48.99,37.81", "--country", "UA", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert results[0]["id"] == "gn:704204" and all(r["country"] == "UA" for r in results)


@pytest.mark.parametrize(
    ("argv", "status"),
    [(["geocode", "Kyiv", "--country", "Ukraine"], 2), (["geocode", "Kyiv", "-n", "0"], 2),
     (["geocode", "Kyiv", "--near", "95,10"], 2), (["geocode", "Kyiv", "--bogus"], 2),
     (["geocode", "Xqzvbwptk", "--country", "UA"], 1)],
)  # fmt: skip
def test_cli_errors(gaz, argv, status, capsys) -> None:
    from gazetteer.cli import main

    assert main(argv) == status
