"""Session fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI must not go red for an input it happened to draw this time: there, property tests
# replay the same examples on every run (derandomised, no example database). Locally the
# default profile keeps exploring; what it finds becomes an @example of its test.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
_profile = "ci" if os.environ.get("CI") else "default"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _profile))

#: The shared material beside the clone (seed articles, geoparsing sets); read only.
SHARED = Path(__file__).resolve().parents[1] / "../shared"


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer, loaded once (built by ``frontline gazetteer build`` in setup)."""
    from gazetteer.resolver import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Folder of the shared seeds and benchmarks."""
    return SHARED.resolve()


@pytest.fixture(scope="session")
def tiny_base():
    """Two synthetic neighbouring countries split at x = 36, for maps drawn offline."""
    import geopandas as gpd
    from shapely.geometry import LineString, box

    from maps.layers import OfflineBase

    countries = gpd.GeoDataFrame(
        {"iso_a2": ["AA", "BB"], "name": ["Aland", "Betaland"]},
        geometry=[box(30, 44, 36, 54), box(36, 44, 42, 54)],
        crs="EPSG:4326",
    )
    borders = gpd.GeoDataFrame(
        {"a": ["AA"], "b": ["BB"]}, geometry=[LineString([(36, 44), (36, 54)])], crs="EPSG:4326"
    )
    return OfflineBase(countries=countries, borders=borders, admin1=None)
