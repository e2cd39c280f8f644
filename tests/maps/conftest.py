from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, box

from maps.layers import OfflineBase
from maps.synthetic import hostile_event, synthetic_events


@pytest.fixture(scope="session")
def events() -> gpd.GeoDataFrame:
    return synthetic_events(80, seed=3, days=30, bounds=(34.5, 48.0, 37.5, 50.0))


@pytest.fixture(scope="session")
def hostile_events(events) -> gpd.GeoDataFrame:
    frame = pd.concat([events, gpd.GeoDataFrame([hostile_event()], crs="EPSG:4326")],
                      ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="session")
def tiny_base() -> OfflineBase:
    """Two synthetic neighbouring countries split at x = 36 over the synthetic area."""
    countries = gpd.GeoDataFrame(
        {"iso_a2": ["AA", "BB"], "name": ["Aland", "Betaland"]},
        geometry=[box(30, 44, 36, 54), box(36, 44, 42, 54)], crs="EPSG:4326",
    )
    borders = gpd.GeoDataFrame(
        {"a": ["AA"], "b": ["BB"]}, geometry=[LineString([(36, 44), (36, 54)])], crs="EPSG:4326"
    )
    return OfflineBase(countries=countries, borders=borders, admin1=None)
