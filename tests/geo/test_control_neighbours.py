"""Reported places that the places around them, or their own reports, contradict."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from control_rows import events_of as _events

from geo.control import ControlMap
from geo.control_neighbours import NeighbourOptions, contradicted, unsupported

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
BOX = shapely.box(30, 45, 40, 52)
SIDES = ("RU", "UA")


# Five villages about 4-10 km apart reported held by Russian forces, three villages held
# by Ukrainian forces some 40 km west (a front between them: no claim there is isolated
# over a whole sector), and one village on the five's western edge (ODD).
RING = [(36.0, 49.0), (36.1, 49.0), (36.0, 49.1), (36.1, 49.1), (36.15, 49.05)]
WEST = [(35.5, 49.0), (35.5, 49.1), (35.45, 49.05)]
ODD = (35.97, 49.05)
AROUND = [
    (f"r{k}", "2022-03-01", "hold", RU, UA, f"Ring{k}", x, y, "reported")
    for k, (x, y) in enumerate(RING)
] + [
    (f"w{k}", "2022-03-01", "hold", UA, RU, f"West{k}", x, y, "reported")
    for k, (x, y) in enumerate(WEST)
]


def _side(cm: ControlMap, name: str, day: str = "2022-03-10") -> str:
    return next(s.side for s in cm.snapshot(day).places if s.place.label == name)


def test_a_holding_against_the_reported_places_around_it_gets_no_verdict():
    rows = [*AROUND, ("x", "2022-03-02", "hold", UA, RU, "Odd", *ODD, "reported")]
    events = _events(rows)
    assert _side(ControlMap.build(events, clip=BOX), "Odd") == ""
    # The check is what leaves it out: without neighbours it shows its own report (its
    # cell borders the other side's ground, so it is no island either).
    off = ControlMap.build(events, clip=BOX, neighbours=NeighbourOptions(radius_km=0.0))
    assert _side(off, "Odd") == "UA"
    # The neighbours themselves, and a place far from them, keep their verdicts.
    cm = ControlMap.build(events, clip=BOX)
    assert [_side(cm, f"Ring{k}") for k in range(len(RING))] == ["RU"] * len(RING)
    assert [_side(cm, f"West{k}") for k in range(len(WEST))] == ["UA"] * len(WEST)


def test_a_place_known_from_an_attack_alone_keeps_its_verdict_amid_the_other_side():
    # Russian shelling of the village says it is held by Ukrainian forces: the attack
    # itself names the attacker, no report to misread.
    rows = [*AROUND, ("x", "2022-03-02", "strike", RU, "", "Odd", *ODD, "reported")]
    cm = ControlMap.build(_events(rows), clip=BOX)
    assert cm.model.implied_only[next(p.site for p in cm.places if p.label == "Odd")]
    assert _side(cm, "Odd") == "UA"


def test_a_lone_verdict_contrary_to_half_its_neighbours_is_doubted():
    xy = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0], [5.0, 5.0], [50.0, 50.0]])
    state = np.array(["UA", "RU", "RU", "UA", "RU"], dtype=object)
    weak = np.full(len(state), 0.3)
    doubted = contradicted(xy, state, weak, np.ones(len(state), bool), SIDES)
    # Place 0 has one neighbour of its side (3) and two of the other: doubted. Place 3
    # the same. Places 1 and 2 have two of the other side of three: doubted too (half).
    assert doubted.tolist() == [True, True, True, True, False]
    # One of three against is less than half: it stands.
    state[3] = "RU"
    assert contradicted(xy, state, weak, np.ones(len(state), bool), SIDES).tolist() == [
        True,
        False,
        False,
        False,
        False,
    ]


def test_strong_evidence_implied_places_and_other_states_are_never_doubted():
    xy = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0], [3.0, 3.0]])
    state = np.array(["UA", "RU", "RU", "RU"], dtype=object)
    reported = np.ones(len(state), bool)
    strong = np.array([0.9, 0.3, 0.3, 0.3])
    assert not contradicted(xy, state, strong, reported, SIDES)[0]
    implied = np.array([True, False, False, False])
    weak = np.full(len(state), 0.3)
    assert not contradicted(xy, state, weak, reported, SIDES, implied=implied)[0]
    assert contradicted(xy, state, weak, reported, SIDES)[0]
    # Contested, unknown or unreported neighbours are no neighbours.
    for blank in ("?", ""):
        other = np.array(["UA", blank, blank, blank], dtype=object)
        assert not contradicted(xy, other, weak, reported, SIDES).any()
    only_self = np.array([True, False, False, False])
    assert not contradicted(xy, state, weak, only_self, SIDES).any()
    # Beyond the radius nothing counts; with one side there is no contradiction.
    far = NeighbourOptions(radius_km=2.0)
    assert not contradicted(xy, state, weak, reported, SIDES, options=far).any()
    assert not contradicted(xy, state, weak, reported, ("RU",)).any()


@pytest.mark.parametrize(
    ("shown", "evidence", "expected"),
    [
        ("UA", [0.4, 0.0], True),  # only contrary evidence of its own
        ("UA", [0.4, 0.1], False),  # some evidence of its own for the side shown
        ("UA", [0.0, 0.0], False),  # no evidence of its own at all
        ("", [0.4, 0.0], False),  # not shown for any side
    ],
)
def test_a_side_the_place_s_own_reports_only_contradict_is_unsupported(shown, evidence, expected):
    got = unsupported(
        np.array([shown], dtype=object), np.array([evidence]), np.ones(1, bool), SIDES
    )
    assert got.tolist() == [expected]
    assert not unsupported(
        np.array([shown], dtype=object), np.array([evidence]), np.zeros(1, bool), SIDES
    ).any()


def test_a_confirmed_change_of_hands_is_not_doubted_by_reports_from_before_it():
    # The ring was last reported Russian-held on 1 March; on 4 and 5 March Ukrainian forces
    # were confirmed to liberate two villages west of Odd, then Odd itself.
    liberated = [
        ("v0", "2022-03-04", "liberate", UA, RU, "Vil0", 35.93, 49.05, "confirmed"),
        ("v1", "2022-03-04", "liberate", UA, RU, "Vil1", 35.94, 49.02, "confirmed"),
        ("x", "2022-03-05", "liberate", UA, RU, "Odd", *ODD, "confirmed"),
    ]
    cm = ControlMap.build(_events([*AROUND, *liberated]), clip=BOX)
    # a month on, its own evidence has aged below what stands against any neighbourhood
    assert _side(cm, "Odd", "2022-04-01") == "UA"
    # A Russian holding of the ring reported after the liberation doubts it again.
    later = [
        (f"n{k}", "2022-03-07", "hold", RU, UA, f"Ring{k}", x, y) for k, (x, y) in enumerate(RING)
    ]
    cm = ControlMap.build(_events([*AROUND, *liberated, *later]), clip=BOX)
    assert _side(cm, "Odd", "2022-04-01") == ""


def test_neighbours_reported_before_a_place_changed_hands_do_not_count():
    xy = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0], [5.0, 5.0]])
    state = np.array(["UA", "RU", "RU", "RU"], dtype=object)
    weak, reported = np.full(4, 0.3), np.ones(4, bool)
    newest = np.array([20, 10, 10, 25])
    changed = np.array([15, -1, -1, -1])
    doubted = contradicted(xy, state, weak, reported, SIDES, reported_on=newest, changed_on=changed)
    # one of the three Russian neighbours was reported since: one against one is half
    assert doubted.tolist() == [True, False, False, False]
    newest[3] = 12
    doubted = contradicted(xy, state, weak, reported, SIDES, reported_on=newest, changed_on=changed)
    assert doubted.tolist() == [False, False, False, False]
