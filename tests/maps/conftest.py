from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from maps.synthetic import hostile_event, synthetic_events


@pytest.fixture(scope="session")
def events() -> gpd.GeoDataFrame:
    return synthetic_events(80, seed=3, days=30, bounds=(34.5, 48.0, 37.5, 50.0))


@pytest.fixture(scope="session")
def hostile_events(events) -> gpd.GeoDataFrame:
    frame = pd.concat(
        [events, gpd.GeoDataFrame([hostile_event()], crs="EPSG:4326")], ignore_index=True
    )
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
