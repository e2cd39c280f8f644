"""The physical-feature table and the English forms of first-level unit names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gazetteer.build_admin_forms import english_forms
from gazetteer.build_features import read_feature_spec
from gazetteer.exc import DataError

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"


def test_committed_features_match_the_table():
    import geopandas as gpd

    spec = read_feature_spec(DATA / "features.yaml")
    frame = gpd.read_parquet(DATA / "features.parquet")
    assert sorted(frame["id"]) == sorted(e["id"] for e in spec)
    geom = dict(zip(frame["id"], frame.geometry, strict=True))
    rivers = frame[frame["type"] == "river"]
    assert set(rivers.geometry.geom_type) == {"LineString"}
    spec_of = {e["id"]: e for e in spec}
    placed_at = frame["id"].map(lambda i: "at" in spec_of[i])
    assert set(frame[placed_at].geometry.geom_type) == {"Point"}
    areas = frame[(frame["type"] != "river") & ~placed_at]
    assert set(areas.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    # an island placed on the sea lies on it, a reservoir on its river
    assert geom["snake-island"].distance(geom["black-sea"]) < 1e-3  # rounded geometry
    assert geom["pechenihy-reservoir"].distance(geom["siverskyi-donets-river"]) < 1e-3
    # land features are cut from the land layer inside their box
    assert 0 < geom["kinburn-spit"].area < 0.1
    # the Black Sea does not overlap the Sea of Azov or the Kerch Strait it excludes
    assert geom["black-sea"].intersection(geom["sea-of-azov"]).area < 1e-6
    assert geom["black-sea"].intersection(geom["kerch-strait"]).area < 1e-6


def test_feature_table_errors_name_the_entry(tmp_path):
    bad = tmp_path / "features.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "features": [
                    {
                        "id": "x",
                        "name": "X",
                        "type": "river",
                        "through": [{"country": "UA", "name": "Kyiv"}],
                    }
                ]
            }
        )
    )
    with pytest.raises(DataError, match="two or more"):
        read_feature_spec(bad)


def test_english_forms_of_units():
    assert english_forms("oblast", ["Bryansk"]) == ["Bryansk Oblast", "Bryansk Region"]
    assert "Krasnodar Krai" in english_forms("krai", ["Krasnodar"])
    assert "Republic of Tatarstan" in english_forms("republic", ["Tatarstan"])


def test_feature_placed_at_a_settlement_needs_the_settlement(tmp_path):
    bad = tmp_path / "features.yaml"
    bad.write_text(
        yaml.safe_dump(
            {"features": [{"id": "x", "name": "X", "type": "island", "at": {"name": "Kyiv"}}]}
        )
    )
    with pytest.raises(DataError, match="'at' needs a country"):
        read_feature_spec(bad)


def test_a_river_runs_between_the_villages_facing_each_other_across_it():
    import numpy as np

    from gazetteer import Gazetteer
    from geo.control_banks import bank_of, river_lines

    gaz = Gazetteer.load()

    def where(name: str) -> tuple[float, float]:
        place = next(
            p
            for p in gaz.candidates(name, limit=25)
            if 46.5 < p.lat < 46.9 and p.id.startswith("gn:")  # the town, not its oblast
        )
        return place.lon, place.lat

    # The Dnipro below the Kakhovka dam: floodplain villages on the left bank, the
    # villages facing them on the right; the river runs on past the city at its end
    # (a line that stopped at Kherson would leave the city on neither bank).
    left = ["Dnipryany", "Krynky", "Kozachi Laheri", "Oleshky", "Hola Prystan"]
    right = ["Lvove", "Tiahynka", "Antonivka", "Kherson"]
    on, _ = bank_of(
        np.array([where(n) for n in left + right]), river_lines()["dnipro-river"][1], "right"
    )
    assert on.tolist() == [False] * len(left) + [True] * len(right)


def test_a_river_point_between_two_villages_needs_both(tmp_path):
    bad = tmp_path / "features.yaml"
    through = [{"country": "UA", "name": "Kyiv"}, {"country": "UA", "between": [{"name": "A"}]}]
    bad.write_text(
        yaml.safe_dump(
            {"features": [{"id": "x", "name": "X", "type": "river", "through": through}]}
        )
    )
    with pytest.raises(DataError, match="'between' list of two"):
        read_feature_spec(bad)
