"""A change of hands ends the evidence of the side that lost the place."""

from __future__ import annotations

import pytest
from control_rows import coordinates, events_of, liberation, located

from geo.control_claims import claims_from_events, corroborate
from geo.control_model import ModelOptions, PlaceModel
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
NAMES = ["Kherson", "Chornobaivka", "Bilozerka", "Kyselivka"]
#: The rule switched off: no report is strong enough to close the other side's evidence.
NO_RESET = ModelOptions(reset_support=10**6)


@pytest.fixture(scope="module")
def places(gaz):
    """Name -> (lon, lat) of a city and three villages around it, from the gazetteer."""
    return coordinates(gaz, NAMES)


def _model(places, rows, **kw) -> PlaceModel:
    events = events_of(located(places, rows))
    claims = corroborate(claims_from_events(events, sides=("RU", "UA")))
    index = {f"p:{name}": k for k, name in enumerate(NAMES)}
    return PlaceModel(len(NAMES), [(index[c.place_id], c) for c in claims], ("RU", "UA"), **kw)


# The city is reported Russian-held every ten days for three months; on 10 November its
# liberation is confirmed, while the villages around it are reported liberated too (by
# other reports: the offensive that took the city); Ukrainian holdings follow.
HELD = [
    (f"h{k}", f"2022-{8 + k // 3:02d}-{1 + 10 * (k % 3):02d}", "hold", RU, UA, "Kherson")
    for k in range(9)
]
LIBERATED = [
    *liberation("Kherson", NAMES[1:], UA, RU),
    ("u1", "2022-11-20", "hold", UA, RU, "Kherson"),
    ("u2", "2022-12-05", "hold", UA, RU, "Kherson"),
]


def _state(model: PlaceModel, iso: str) -> str:
    return str(model.state_on(day_number(iso))[0][0])


def test_the_months_of_holding_before_a_liberation_no_longer_count_against_it(places):
    model = _model(places, HELD + LIBERATED[:4])
    assert _state(model, "2022-11-05") == "RU"
    assert _state(model, "2022-11-10") == "UA"
    assert _state(model, "2023-01-20") == "UA"
    # The old holder's evidence is closed on the day of the change, not faded.
    assert model.evidence_on(day_number("2022-11-12"))[0, 0] == 0
    assert model.evidence_on(day_number("2022-11-09"))[0, 0] > 1.5
    # Without the rule three months of holding outweigh the liberation.
    assert _state(_model(places, HELD + LIBERATED[:4], options=NO_RESET), "2023-01-20") == "RU"


def test_before_a_change_the_new_holder_s_later_reports_do_not_count(places):
    rows = HELD + LIBERATED
    model = _model(places, rows)
    assert _state(model, "2022-11-05") == "RU"
    assert _state(model, "2022-12-10") == "UA"
    # Read backwards, the liberation says Russia held the city up to the day before:
    # Ukraine's holdings after it say nothing of the days before it.
    before = day_number("2022-11-05")
    assert model.evidence_on(before)[0, 1] == 0
    assert _model(places, rows, options=NO_RESET).evidence_on(before)[0, 1] > 0


def test_a_report_of_holding_after_the_change_counts_again(places):
    # The side that lost the place may report it again: that is new evidence.
    rows = [*HELD, *LIBERATED[:4], ("r1", "2022-11-25", "hold", RU, UA, "Kherson")]
    model = _model(places, rows)
    ev = model.evidence_on(day_number("2022-11-26"))[0]
    assert 0 < ev[0] < ev[1]
    assert _state(model, "2022-11-26") == "UA"
