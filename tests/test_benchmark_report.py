"""The README's figures: the shading paragraph says how near the truth front the errors lie."""

from __future__ import annotations

from benchmarks.report import _close


def test_the_wrong_area_near_the_truth_front_is_reported_when_measured() -> None:
    row = {
        "ru_wrong_within_5km_km2": 393,
        "ru_wrong_within_10km_km2": 432,
        "ua_wrong_within_5km_km2": 295,
        "ua_wrong_within_10km_km2": 1372,
    }
    text = _close(row)
    assert "within 5 km of the truth front 393 and 295 km²" in text
    assert "within 10 km 432 and 1,372 km²" in text
    # Results of a run before these figures were measured say nothing of them.
    assert _close({"ru_wrong_km2": 737}) == ""
