from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from geo.control import control_timeline, infer_front
from geo.export import events_from_frame

_SIDES = {"Military Forces of Ukraine": "UA", "Military Forces of Russia": "RU"}


def side_of(actor: str) -> tuple[str, str]:
    """The side of the two synthetic actors (maps.style.side_of reads any actor)."""
    code = _SIDES.get(actor, "")
    return code, code


def _grid(boundary: float):
    xs, ys = np.meshgrid(np.linspace(30, 40, 11), np.linspace(45, 52, 8))
    pts = np.column_stack([xs.ravel(), ys.ravel()])
    sides = np.where(pts[:, 0] < boundary, "UA", "RU")
    return pts, sides


def test_front_runs_between_the_two_sides():
    pts, sides = _grid(34.5)
    line = infer_front(pts, sides, sides=("RU", "UA"), max_gap=1.5)
    assert line is not None
    xs = shapely.get_coordinates(line)[:, 0]
    assert xs.min() > 33.9 and xs.max() < 35.1
    # It spans most of the north-south extent of the reports.
    ys = shapely.get_coordinates(line)[:, 1]
    assert ys.max() - ys.min() > 5


def test_front_is_clipped_and_needs_enough_reports():
    pts, sides = _grid(34.5)
    clip = shapely.box(30, 45, 40, 48)
    line = infer_front(pts, sides, sides=("RU", "UA"), clip=clip, max_gap=1.5)
    assert shapely.get_coordinates(line)[:, 1].max() <= 48 + 1e-9
    few = np.array(["UA", "UA", "RU"] + [""] * (len(pts) - 3), dtype=object)
    assert infer_front(pts, few, sides=("RU", "UA")) is None


def _reports(rows):
    """Records of (id, date, action, actor1, actor2, place, latitude) rows at longitude 36."""
    return events_from_frame(
        pd.DataFrame(
            [
                {
                    "event_id": i,
                    "event_date": d,
                    "action": a,
                    "actor1": a1,
                    "actor2": a2,
                    "location": where,
                    "latitude": lat,
                    "longitude": 36.0,
                }
                for i, d, a, a1, a2, where, lat in rows
            ]
        )
    )


def test_control_follows_the_last_report():
    rows = [
        ("a", "2022-03-01", "capture", "Military Forces of Russia", "Military Forces of Ukraine"),
        ("b", "2022-03-05", "liberate", "Military Forces of Ukraine", "Military Forces of Russia"),
        ("c", "2022-03-09", "capture", "Military Forces of Russia", "Military Forces of Ukraine"),
    ]
    events = _reports([(*row, "Place 1", 49.0) for row in rows])
    tl = control_timeline(events, lambda actor: side_of(actor)[0])
    assert len(tl.places) == 1
    assert [(d, s) for d, _, s in tl.changes] == [
        ("2022-03-01", "RU"),
        ("2022-03-05", "UA"),
        ("2022-03-09", "RU"),
    ]
    assert tl.fronts == ()  # one place: too sparse for a front


def test_equipment_lost_or_a_place_struck_is_no_control_claim():
    rows = [
        ("a", "2022-03-01", "liberate", "Military Forces of Ukraine", "Military Forces of Russia"),
        # tanks of one side destroyed at the place, the other side shelling it: no claims
        ("b", "2022-03-09", "loss", "Military Forces of Ukraine", "Military Forces of Russia"),
        ("c", "2022-03-10", "strike", "Military Forces of Russia", "Military Forces of Ukraine"),
    ]
    events = _reports([(*row, "Place 1", 49.0) for row in rows])
    tl = control_timeline(events, lambda actor: side_of(actor)[0])
    assert [(d, s) for d, _, s in tl.changes] == [("2022-03-01", "UA")]


def test_a_report_offset_from_a_reference_place_is_not_a_claim_on_it():
    import dataclasses

    from geo.model import GeoPrecision

    town, offset = _reports(
        [
            ("a", "2022-03-01", "hold", "Military Forces of Ukraine", "", "Town", 49.0),
            # "a village 20 km south of Town": placed near Town, on Town's gazetteer entry
            ("b", "2022-03-05", "capture", "Military Forces of Russia", "", "Town", 48.82),
        ]
    )
    town = dataclasses.replace(town.event, place_id="gn:1", geo_precision=GeoPrecision.PLACE)
    offset = dataclasses.replace(offset.event, place_id="gn:1", geo_precision=GeoPrecision.NEAR)
    tl = control_timeline([town, offset], lambda actor: side_of(actor)[0])
    assert len(tl.places) == 2
    assert sorted((p.latitude, s) for (_, i, s) in tl.changes for p in [tl.places[i]]) == [
        (48.82, "RU"),
        (49.0, "UA"),
    ]


def test_a_withdrawal_leaves_the_place_to_the_other_side_only_when_it_is_known():
    rows = [
        (
            "a",
            "2022-03-01",
            "capture",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
            "Place 1",
        ),
        (
            "b",
            "2022-04-01",
            "withdraw",
            "Military Forces of Russia",
            "Military Forces of Ukraine",
            "Place 1",
        ),
        ("c", "2022-04-02", "withdraw", "Military Forces of Russia", "", "Place 2"),
    ]
    events = _reports([(*row, 49.0 + n) for n, row in enumerate(rows)])
    tl = control_timeline(events, lambda actor: side_of(actor)[0])
    assert [(d, s) for d, _, s in tl.changes] == [("2022-03-01", "RU"), ("2022-04-01", "UA")]


def test_a_report_dated_only_before_publication_does_not_override_a_dated_one():
    base = {
        "location": "Place 1",
        "latitude": 49.0,
        "longitude": 36.0,
        "actor2": "Military Forces of Russia",
    }
    frame = pd.DataFrame(
        [
            base
            | {
                "event_id": "a",
                "event_date": "2022-03-28",
                "date_end": "2022-03-28",
                "action": "liberate",
                "actor1": "Military Forces of Ukraine",
            },
            # Background in a later article: "which Russian troops had seized" (no own date).
            base
            | {
                "event_id": "b",
                "event_date": None,
                "date_end": "2022-04-02",
                "action": "capture",
                "actor1": "Military Forces of Russia",
                "actor2": "Military Forces of Ukraine",
            },
            base
            | {
                "event_id": "c",
                "event_date": "2022-05-01",
                "date_end": "2022-05-01",
                "action": "capture",
                "actor1": "Military Forces of Russia",
                "actor2": "Military Forces of Ukraine",
            },
        ]
    )
    tl = control_timeline(events_from_frame(frame), lambda actor: side_of(actor)[0])
    assert [(d, s) for d, _, s in tl.changes] == [("2022-03-28", "UA"), ("2022-05-01", "RU")]


def test_places_not_reported_on_for_months_do_not_shape_todays_front():
    pts, sides = _grid(34.5)
    rows = [
        {
            "event_id": f"e{i}",
            "event_date": "2022-03-01",
            "action": "hold",
            "actor1": "Military Forces of " + ("Ukraine" if s == "UA" else "Russia"),
            "actor2": "",
            "location": f"P{i}",
            "latitude": y,
            "longitude": x,
        }
        for i, ((x, y), s) in enumerate(zip(pts, sides, strict=True))
    ]
    # Months later a single report elsewhere: the old places are too stale for a front.
    rows.append(
        {
            "event_id": "late",
            "event_date": "2022-09-01",
            "action": "hold",
            "actor1": "Military Forces of Ukraine",
            "actor2": "",
            "location": "Late",
            "latitude": 46.0,
            "longitude": 31.0,
        }
    )
    tl = control_timeline(
        events_from_frame(pd.DataFrame(rows)), lambda a: side_of(a)[0], max_gap=1.5
    )
    by_day = dict(tl.fronts)
    assert by_day["2022-03-01"] is not None
    assert by_day.get("2022-09-01", "unchanged") is None


def test_only_the_two_belligerents_hold_places():
    rows = [
        ("a", "2022-03-01", "capture", "Military Forces of Russia", "", "Place 1", 49.0),
        ("b", "2022-03-02", "liberate", "Military Forces of Ukraine", "", "Place 2", 49.1),
        ("c", "2022-03-03", "hold", "Military Forces of Russia", "", "Place 3", 49.2),
        ("e", "2022-03-05", "hold", "Military Forces of Ukraine", "", "Place 2", 49.1),
        # a third country named as the side left a place by a withdrawal: not a side here
        (
            "d",
            "2022-03-04",
            "withdraw",
            "Military Forces of Russia",
            "Military Forces of Chile",
            "Place 4",
            49.3,
        ),
    ]
    sides = {**_SIDES, "Military Forces of Chile": "CL"}
    tl = control_timeline(_reports(rows), lambda actor: sides.get(actor, ""))
    assert [s for _, _, s in tl.changes] == ["RU", "UA", "RU", "UA"]
    assert [p.label for p in tl.places] == ["Place 1", "Place 2", "Place 3"]
