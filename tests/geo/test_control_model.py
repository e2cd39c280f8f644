"""The per-place model read both ways in time: reports say what held before them too."""

from __future__ import annotations

import pandas as pd

from geo.control_claims import claims_from_events
from geo.control_model import ModelOptions, PlaceModel
from geo.export import events_from_frame
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


def _model(rows, *, n=2, **kw):
    """Rows of (id, date, action, actor1, actor2, site, verification, quote)."""
    frame = pd.DataFrame(
        [
            {
                "event_id": i,
                "event_date": d,
                "action": a,
                "actor1": a1,
                "actor2": a2,
                "location": f"Town{site}",
                "latitude": 49.0,
                "longitude": 36.0 + site,
                "place_id": f"p:{site}",
                "verification": v,
                "quote": q,
                "article_id": f"art-{i}",
                "geo_precision": 1,
                "confidence": 0.8,
            }
            for i, d, a, a1, a2, site, v, q in rows
        ]
    )
    claims = claims_from_events(events_from_frame(frame), sides=("RU", "UA"))
    return PlaceModel(n, [(int(c.place_id[2:]), c) for c in claims], ("RU", "UA"), **kw)


def _state(model, iso):
    return model.state_on(day_number(iso))[0].tolist()


# Site 0 anchors the corpus's first report; site 1 is the place under test.
FIRST = ("first", "2022-03-01", "hold", UA, RU, 0, "reported", "Troops hold Town0.")


def test_a_place_first_reported_held_was_held_by_that_side_before():
    rows = [FIRST, ("h", "2022-04-10", "hold", RU, UA, 1, "reported", "Russian forces hold Town1.")]
    assert _state(_model(rows), "2022-03-20")[1] == "RU"
    assert _state(_model(rows, options=ModelOptions(smooth=False)), "2022-03-20")[1] == ""
    # The state before the report is explained by the report after it.
    assert [c.event_id for c in _model(rows).evidence(1, day_number("2022-03-20"))] == ["h"]


def test_a_capture_says_the_other_side_held_the_place_before_it():
    rows = [
        FIRST,
        ("c", "2022-04-10", "capture", RU, UA, 1, "confirmed", "Russian forces captured Town1."),
    ]
    model = _model(rows)
    assert _state(model, "2022-03-20")[1] == "UA"
    assert _state(model, "2022-04-09")[1] == "UA"
    assert _state(model, "2022-04-10")[1] == "RU"


def test_nothing_is_known_before_the_first_report_of_the_corpus():
    rows = [FIRST, ("h", "2022-03-05", "hold", RU, UA, 1, "reported", "Russian forces hold Town1.")]
    assert _state(_model(rows), "2022-02-27") == ["", ""]
    assert _state(_model(rows), "2022-03-02")[1] == "RU"


def test_a_change_of_hands_that_later_holdings_contradict_stands_only_briefly():
    rows = [
        FIRST,
        ("c", "2022-03-10", "capture", RU, UA, 1, "reported", "Russian forces took Town1."),
        *[
            (
                f"h{k}",
                f"2022-03-{k}",
                "hold",
                UA,
                RU,
                1,
                "reported",
                f"Ukrainian troops repelled assaults on Town1 on day {k}.",
            )
            for k in (14, 16, 18, 20)
        ],
    ]
    forward = _model(rows, options=ModelOptions(smooth=False))
    both = _model(rows)
    days = [f"2022-03-{k}" for k in range(10, 21)]
    ru_forward = sum(_state(forward, d)[1] == "RU" for d in days)
    ru_both = sum(_state(both, d)[1] == "RU" for d in days)
    assert ru_both < ru_forward
    assert _state(both, "2022-03-13")[1] == "UA"


def test_between_two_equal_reports_of_either_side_the_place_is_contested():
    rows = [
        FIRST,
        ("r", "2022-03-10", "hold", RU, UA, 1, "reported", "Russian forces hold Town1."),
        ("u", "2022-03-20", "hold", UA, RU, 1, "reported", "Ukrainian forces hold Town1."),
    ]
    assert _state(_model(rows), "2022-03-15")[1] == "?"
    assert _state(_model(rows), "2022-03-20")[1] == "UA"
    assert _state(_model(rows, options=ModelOptions(smooth=False)), "2022-03-15")[1] == "RU"


def test_each_side_s_evidence_is_what_the_state_rests_on_and_attacks_imply_a_holder():
    rows = [
        FIRST,
        ("r", "2022-03-10", "hold", RU, UA, 1, "reported", "Russian forces hold Town1."),
        ("s", "2022-03-12", "strike", RU, "", 2, "reported", "Russian forces shelled Town2."),
    ]
    model = _model(rows, n=3)
    day = day_number("2022-03-15")
    evidence = model.evidence_on(day)
    state, _, strength = model.state_on(day)
    assert state.tolist() == ["UA", "RU", "UA"]
    assert evidence[1, 0] > 0 and evidence[1, 1] == 0  # (RU, UA) columns
    assert strength[1] == evidence[1, 0]
    # Evidence ages: ten days later it is weaker.
    assert model.evidence_on(day + 10)[1, 0] < evidence[1, 0]
    # The shelled town's holder is implied by the attack alone; the others are reported.
    assert model.implied_only.tolist() == [False, False, True]


def test_months_of_attacks_alone_never_take_a_place_from_the_side_reported_holding_it():
    # A city the attacker holds, named as the sector of its daily ground attacks.
    attacks = [
        (
            f"a{m}-{d}",
            f"2022-{m:02d}-{d:02d}",
            "clash",
            RU,
            UA,
            1,
            "reported",
            f"Russian forces attacked Town1 on {m}/{d}.",
        )
        for m in (5, 6, 7, 8)
        for d in (3, 10, 17, 24)
    ]
    rows = [
        FIRST,
        ("r", "2022-04-01", "hold", RU, UA, 1, "reported", "Russian forces hold Town1."),
        *attacks,
    ]
    model = _model(rows, options=ModelOptions(smooth=False))
    assert _state(model, "2022-04-02")[1] == "RU"
    # The holding has long faded; the attacks' evidence is at its cap, still RU.
    assert model.evidence_on(day_number("2022-08-24"))[1, 0] < 0.1
    assert _state(model, "2022-08-24")[1] == "RU"
    # One report of the other side's holding is enough to change it.
    held = ("u", "2022-08-25", "hold", UA, RU, 1, "reported", "Ukrainian forces hold Town1.")
    assert (
        _state(_model([*rows, held], options=ModelOptions(smooth=False)), "2022-08-25")[1] == "UA"
    )
