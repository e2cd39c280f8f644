"""What the backward pass carries to the days before a place's first report."""

from __future__ import annotations

import pytest
from control_rows import coordinates, events_of, located

from geo.control_claims import claims_from_events
from geo.control_model import PlaceModel
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


@pytest.fixture(scope="module")
def places(gaz):
    """Name -> (lon, lat) of two real towns of the Zaporizhzhia front."""
    return coordinates(gaz, ["Zaporizhzhia", "Orikhiv"])


def _model(places, rows) -> PlaceModel:
    events = events_of(located(places, rows))
    claims = claims_from_events(events, sides=("RU", "UA"))
    index = {"p:Zaporizhzhia": 0, "p:Orikhiv": 1}
    return PlaceModel(2, [(index[f"p:{c.name}"], c) for c in claims], ("RU", "UA"))


def _state(model: PlaceModel, iso: str) -> str:
    return str(model.state_on(day_number(iso))[0][1])


# The corpus starts in July; a Ukrainian-held town is shelled by Russian forces in
# September, then named in October as ground near which Ukrainian fire hit Russian troops
# (read as a strike on it), and in January as ground near which Russia claims gains.
ROWS = [
    ("z", "2022-07-01", "hold", UA, RU, "Zaporizhzhia"),
    (
        "s1",
        "2022-09-02",
        "strike",
        RU,
        UA,
        "Orikhiv",
        "reported",
        "Russian forces shelled Orikhiv.",
    ),
    (
        "s2",
        "2022-10-14",
        "strike",
        UA,
        RU,
        "Orikhiv",
        "reported",
        "Ukrainian forces struck Russian troops in Orikhiv.",
    ),
    (
        "c",
        "2023-01-20",
        "capture",
        RU,
        UA,
        "Orikhiv",
        "reported",
        "Russian forces captured positions near Orikhiv.",
        2,
    ),
]


def test_a_change_of_hands_near_a_place_is_no_report_of_its_holder(places):
    # The first strike says Ukraine holds the town; the backward pass, which reads the
    # later strike first, says Russia did. The weak holding each side gets from the gains
    # near the town is no report of Russia's: the forward pass's nearer strike stands.
    model = _model(places, ROWS)
    assert _state(model, "2022-09-20") == "UA"


def test_a_state_the_first_reports_speak_against_is_not_carried_back(places):
    model = _model(places, ROWS)
    # Before the first report the backward pass alone would carry Russia's hold back
    # over the summer, against the first report's own word.
    assert _state(model, "2022-08-01") == ""
    assert _state(model, "2022-07-20") == ""


def test_a_capture_still_says_who_held_the_place_before_it(places):
    rows = [
        ("z", "2022-07-01", "hold", UA, RU, "Zaporizhzhia"),
        ("k", "2022-09-02", "capture", RU, UA, "Orikhiv", "confirmed", "Russia took Orikhiv."),
    ]
    model = _model(places, rows)
    assert _state(model, "2022-08-01") == "UA"
    assert _state(model, "2022-09-03") == "RU"
