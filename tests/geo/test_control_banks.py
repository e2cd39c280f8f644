"""A withdrawal across a river gives up the leaving side's ground on that bank."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import shapely

from geo.control import ControlMap
from geo.control_banks import bank_moves, bank_of, leave_bank, left_bank_word, river_lines
from geo.control_baseline import Baseline
from geo.export import events_from_frame
from geo.schema import day_number

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"


def _events(rows, claimed_by=""):
    """Records of (id, date, action, actor1, place, lon, lat, verification, quote)."""
    return events_from_frame(
        pd.DataFrame(
            [
                {
                    "event_id": i,
                    "event_date": d,
                    "action": a,
                    "actor1": a1,
                    "actor2": "",
                    "location": where,
                    "latitude": lat,
                    "longitude": lon,
                    "place_id": f"p:{where}",
                    "verification": ver,
                    "quote": quote,
                    "article_id": f"art-{i}",
                    "claimed_by": claimed_by,
                    "geo_precision": 1,
                    "confidence": 0.8,
                }
                for i, d, a, a1, where, lon, lat, ver, quote in rows
            ]
        )
    )


def _code(actor: str) -> str:
    return "UA" if "Ukraine" in actor else "RU" if "Russia" in actor else ""


def test_the_sentence_names_the_bank_left_behind():
    assert left_bank_word("The battalion withdrew from the west bank overnight.") == "west"
    assert left_bank_word("Units are pulling back to the left (east) bank.") == "right"
    assert left_bank_word("Commanders ordered a retreat across to the southern bank.") == "north"
    assert left_bank_word("Troops dug in on the east bank of the river.") is None
    assert left_bank_word("Forces withdrew from Newtown.") is None
    # The bank closes a list of what the force leaves.
    assert (
        left_bank_word(
            "The map shows the brigade withdrawing from villages near Oldtown, from the border "
            "district, and settlements on the eastern bank of the river."
        )
        == "east"
    )
    assert (
        left_bank_word("Units withdrew from Newtown as guns on the east bank covered them.") is None
    )


def test_right_and_west_banks_of_a_real_river_agree_with_its_course():
    line = river_lines()["dnipro-river"][1]
    # Invented points: one well north-west of the lower river, one well south-east.
    pts = np.array([(32.9, 47.1), (33.6, 46.3)])
    right, dist = bank_of(pts, line, "right")
    west, _ = bank_of(pts, line, "west")
    east, _ = bank_of(pts, line, "east")
    assert right.tolist() == [True, False]
    assert west.tolist() == right.tolist() and east.tolist() == [False, True]
    assert (dist > 5).all() and (dist < 120).all()


def _withdrawal(i, day, verification="reported"):
    return (
        i,
        day,
        "withdraw",
        RU,
        "Dnipro River",
        32.62,
        46.64,
        verification,
        "The occupying forces withdrew from the west bank of the Dnipro River.",
    )


def test_a_move_stands_on_two_trusted_reports_within_a_week():
    one = bank_moves(_events([_withdrawal("a", "2022-05-01")]), _code, ("RU", "UA"))
    assert one == []
    claimed = bank_moves(
        _events(
            [_withdrawal("a", "2022-05-01", "claimed"), _withdrawal("b", "2022-05-03", "claimed")]
        ),
        _code,
        ("RU", "UA"),
    )
    assert claimed == []
    far_apart = bank_moves(
        _events([_withdrawal("a", "2022-05-01"), _withdrawal("b", "2022-06-01")]),
        _code,
        ("RU", "UA"),
    )
    assert far_apart == []
    two = bank_moves(
        _events([_withdrawal("a", "2022-05-01"), _withdrawal("b", "2022-05-04")]),
        _code,
        ("RU", "UA"),
    )
    assert len(two) == 1
    # The lower river runs south-west: its west bank is its right bank.
    assert (two[0].side, two[0].bank, two[0].river) == ("RU", "right", "dnipro-river")
    assert two[0].region == "UA.08" and two[0].event_ids == ("a", "b")


def _liberation(i, day, lon, lat, where=""):
    village = where or f"village-{i}"
    return (i, day, "liberate", UA, village, lon, lat, "reported", "Liberated the village.")


def test_a_lone_report_stands_once_takings_on_that_bank_confirm_it():
    # Invented villages of Kherson Oblast: two on the right bank, one on the left.
    right_a, right_b, left = (33.3, 47.0), (33.0, 46.9), (33.6, 46.3)
    report = _withdrawal("w", "2022-05-01")
    both = bank_moves(
        _events(
            [
                report,
                _liberation("x", "2022-05-02", *right_a),
                _liberation("y", "2022-05-05", *right_b),
            ]
        ),
        _code,
        ("RU", "UA"),
    )
    assert len(both) == 1 and (both[0].side, both[0].bank) == ("RU", "right")
    # It stands from the day the second taking is reported, not before.
    assert both[0].day == day_number("2022-05-05")
    assert both[0].event_ids == ("w", "x", "y")
    # One place on the bank, a place on the other bank, takings weeks later: no move.
    for rows in (
        [report, _liberation("x", "2022-05-02", *right_a), _liberation("y", "2022-05-03", *left)],
        [
            report,
            _liberation("x", "2022-05-20", *right_a),
            _liberation("y", "2022-05-21", *right_b),
        ],
        [
            report,
            _liberation("x", "2022-05-02", *right_a, "Oldtown"),
            _liberation("y", "2022-05-03", *right_a, "Oldtown"),
        ],
    ):
        assert bank_moves(_events(rows), _code, ("RU", "UA")) == []


def test_a_withdrawal_across_the_river_frees_the_whole_bank_not_the_other():
    # An invented enclave on both banks of the lower river, held by one side.
    held = shapely.box(32.3, 46.2, 33.6, 47.2)
    lon, lat = np.meshgrid(np.linspace(32.0, 34.0, 21), np.linspace(46.0, 47.6, 17))
    grid = np.column_stack([lon.ravel(), lat.ravel()])
    clip = shapely.box(31.5, 45.5, 34.5, 48.0)
    rows = [
        _withdrawal("a", "2022-05-01"),
        _withdrawal("b", "2022-05-04"),
        # A place on the freed bank that a later report says is still held.
        (
            "c",
            "2022-05-10",
            "hold",
            RU,
            "Holdout",
            32.8,
            46.9,
            "confirmed",
            "The occupiers still hold Holdout, a village on the road north.",
        ),
        # The other belligerent, reported far from the river.
        (
            "d",
            "2022-04-20",
            "hold",
            UA,
            "Faraway",
            34.3,
            47.9,
            "confirmed",
            "The defenders hold Faraway.",
        ),
    ]
    base = Baseline(dt.date(2022, 4, 1), {"RU": held})
    cm = ControlMap.build(_events(rows), settlements=grid, clip=clip, baseline=base)
    line = river_lines()["dnipro-river"][1]
    west, _ = bank_of(cm.sites.lonlat, line, "west")
    inside = shapely.contains_xy(held, cm.sites.lonlat[:, 0], cm.sites.lonlat[:, 1])
    before, _, _ = cm.site_states("2022-05-02")
    after, _, _ = cm.site_states("2022-05-05")
    assert (before[inside] == "RU").all()
    assert (after[inside & west] == "UA").all()
    assert (after[inside & ~west] == "RU").all()
    holdout = cm.sites.site_of(np.array([(32.8, 46.9)]))[0]
    assert after[holdout] == "UA"
    assert "2022-05-04" in cm.days()
    # The later report of holding keeps the place out of the ground given up.
    move, region, river = cm.banks[0]
    newest, _ = cm.model.last_reports(day_number("2022-05-11"))
    kept = newest[:, cm.sides.index("RU")] > move.day
    assert kept[holdout] and kept.sum() == 1
    gone = leave_bank(move, cm.sites.lonlat, cm.sites.edges, cm.seed, kept, region, river)
    assert not gone[holdout] and gone[inside & west].sum() == (inside & west).sum() - 1


def _across(i, day, quote, verification="reported"):
    return (i, day, "withdraw", RU, "Dnipro River", 32.62, 46.64, verification, quote)


def test_a_compass_bank_and_a_downstream_bank_of_one_river_are_one_move():
    moves = bank_moves(
        _events(
            [
                _across(
                    "a", "2022-05-01", "The occupiers withdrew from the west bank of the Dnipro."
                ),
                _across(
                    "b", "2022-05-03", "Units are pulling back to the left bank of the Dnipro."
                ),
            ]
        ),
        _code,
        ("RU", "UA"),
    )
    assert [(m.bank, m.event_ids) for m in moves] == [("right", ("a", "b"))]
    # The east bank is the other one: two reports of two different banks make no move.
    other = bank_moves(
        _events(
            [
                _across(
                    "a", "2022-05-01", "The occupiers withdrew from the west bank of the Dnipro."
                ),
                _across(
                    "b", "2022-05-03", "Units are pulling back to the right bank of the Dnipro."
                ),
            ]
        ),
        _code,
        ("RU", "UA"),
    )
    assert other == []


def test_a_sides_own_word_that_it_withdrew_counts_as_a_report():
    rows = [
        _across("a", "2022-05-01", "They said their units withdrew from the west bank.", "claimed"),
        _across("b", "2022-05-04", "They said their units withdrew from the west bank.", "claimed"),
    ]
    admitted = bank_moves(
        _events(rows, claimed_by="Russian military bloggers"), _code, ("RU", "UA")
    )
    assert len(admitted) == 1 and admitted[0].event_ids == ("a", "b")
    # The other side saying so is a claim, not an admission.
    claimed = bank_moves(_events(rows, claimed_by="Ukrainian officials"), _code, ("RU", "UA"))
    assert claimed == []


def test_every_report_of_a_merged_event_is_read():
    from geo.timeline import MergedEvent, SourceRef

    first, later = _events(
        [
            _across("a", "2022-05-01", "The occupiers are leaving the area, residents say."),
            _across("b", "2022-05-04", "The occupiers withdrew from the west bank of the Dnipro."),
        ]
    )
    # One event reported by two articles: the sentence kept for it names no bank.
    merged = MergedEvent(
        first.event,
        (SourceRef.from_event(first.event), SourceRef.from_event(later.event)),
    )
    alone = bank_moves([first], _code, ("RU", "UA"))
    assert alone == []
    other = _events([_across("c", "2022-05-02", "Units withdrew to the left bank of the Dnipro.")])
    moves = bank_moves([merged, *other], _code, ("RU", "UA"))
    assert [(m.bank, m.event_ids) for m in moves] == [("right", ("a", "c"))]


def test_a_long_river_parts_the_sites_on_its_two_banks():
    from geo.control_banks import river_barriers

    # Invented points by the lower river: two on its north-west bank, one on its
    # south-east bank, one far from any long river.
    pts = np.array([(33.0, 47.0), (32.9, 47.1), (33.3, 46.6), (28.0, 50.5)])
    barriers = river_barriers(pts)
    across = barriers.across(np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3]))
    assert across.tolist() == [False, True, True, False]
    # Short rivers are no barrier.
    assert river_barriers(pts, min_km=1e5).across(np.array([0]), np.array([2])).tolist() == [False]


def test_a_change_of_hands_does_not_reach_across_a_long_river():
    from geo.control_areas import Sites, propagate_changes
    from geo.control_banks import river_barriers

    # Invented sites on both banks of the lower river, all held by one side at the
    # start; one reported place on the north-west bank changes hands.
    lon, lat = np.meshgrid(np.linspace(32.8, 33.6, 9), np.linspace(46.5, 47.2, 8))
    pts = np.column_stack([lon.ravel(), lat.ravel()])
    sites = Sites.build(pts, shapely.box(32.5, 46.2, 33.9, 47.5))
    line = river_lines()["dnipro-river"][1]
    west, dist = bank_of(sites.lonlat, line, "right")
    taken = int(np.flatnonzero(west & (dist > 8) & (dist < 12))[0])
    seed = np.full(len(sites.lonlat), "RU", dtype=object)
    own = np.full(len(seed), "", dtype=object)
    own[taken] = "UA"
    strength = np.where(own != "", 1.0, 0.0)
    reported = own != ""
    d = np.hypot(*(sites.xy - sites.xy[taken]).T)
    near = (d < 20) & ~reported
    plain = propagate_changes(sites, own, strength, seed, reported, max_km=30.0)
    # The river alone (its tributaries, long rivers too, would part the bank further).
    barriers = river_barriers(sites.lonlat, {"dnipro-river": river_lines()["dnipro-river"]})
    parted = propagate_changes(sites, own, strength, seed, reported, max_km=30.0, barriers=barriers)
    assert (plain[near] == "UA").all()
    assert (parted[near & west] == "UA").all()
    assert (near & ~west).any() and (parted[near & ~west] == "RU").all()


def test_the_ground_given_up_runs_on_through_unreported_ground_not_the_other_sides():
    from geo.control_areas import Sites
    from geo.control_banks import BankMove

    # A grid north of the lower Dnipro's right bank; the region is its bottom row, held
    # by the leaving side. West: a pocket of it beyond unreported ground, given up too.
    # East: a pocket beyond the other side's ground, which a later report must settle.
    xs, ys = np.meshgrid(np.arange(31.6, 32.61, 0.2), np.arange(46.7, 47.31, 0.15))
    sites = Sites.build(
        np.column_stack([xs.ravel(), ys.ravel()]), shapely.box(31.4, 46.5, 32.8, 47.5)
    )
    x, y = sites.lonlat[:, 0], sites.lonlat[:, 1]
    line = river_lines()["dnipro-river"][1]
    assert bank_of(sites.lonlat, line, "right")[0].all()
    shown = np.full(len(x), "", dtype=object)
    bottom, top = y < 46.78, y > 47.2
    shown[bottom] = "RU"
    west_pocket = np.isclose(x, 31.8) & top
    shown[west_pocket] = "RU"
    shown[(x > 32.3) & ~bottom] = "UA"
    east_pocket = np.isclose(x, 32.6) & top
    shown[east_pocket] = "RU"
    move = BankMove(day_number("2022-11-10"), "RU", "right", "dnipro-river", "UA.08", ("m",))
    region = shapely.box(31.4, 46.5, 32.8, 46.78)
    kept = np.zeros(len(x), dtype=bool)
    gone = leave_bank(move, sites.lonlat, sites.edges, shown, kept, region, line)
    assert gone[bottom].all() and gone[west_pocket].all()
    assert not gone[east_pocket].any()
    assert not gone[shown != "RU"].any()  # unreported ground stays unknown


def test_a_compass_bank_follows_the_rivers_course_not_a_bends_last_stretch():
    # A river flowing south-west, with a short stretch heading west and a little north.
    river = shapely.LineString([(34.0, 47.5), (33.4, 46.8), (33.2, 46.81), (32.6, 46.6)])
    # Beside that stretch, on the right bank looking downstream: the west bank.
    point = np.array([[33.3, 46.85]])
    right, _ = bank_of(point, river, "right")
    assert right.tolist() == [True]
    assert bank_of(point, river, "west")[0].tolist() == [True]
    assert bank_of(point, river, "east")[0].tolist() == [False]


def _left_region(i, day, quote, action="withdraw", actor=RU):
    """A withdrawal (or a taking) placed on Kyiv Oblast (its id in the admin-1 units)."""
    row = {
        "event_id": i,
        "event_date": day,
        "action": action,
        "actor1": actor,
        "actor2": "",
        "location": "Kyiv",
        "latitude": 50.29,
        "longitude": 30.44,
        "place_id": "admin1:UA.13",
        "verification": "reported",
        "quote": quote,
        "article_id": f"art-{i}",
        "claimed_by": "",
        "geo_precision": 3,
        "confidence": 0.8,
    }
    (event,) = events_from_frame(pd.DataFrame([row]))
    return event


def test_a_completed_withdrawal_from_a_region_frees_all_of_it_but_what_is_still_held():
    from gazetteer.geometry import admin1

    units = admin1()
    oblast = units.loc[units["id"] == "UA.13"].geometry.iloc[0]
    lon, lat = np.meshgrid(np.linspace(29.4, 32.0, 27), np.linspace(50.0, 51.8, 19))
    grid = np.column_stack([lon.ravel(), lat.ravel()])
    clip = shapely.box(29.0, 49.8, 32.5, 52.0)
    # Invented occupied ground: north-west of the capital, and across the oblast's border.
    held = shapely.union(shapely.box(29.5, 50.6, 30.3, 51.2), shapely.box(31.3, 51.3, 32.0, 51.8))
    done = "The occupiers completed their withdrawal from Kyiv Oblast."
    rows = [
        _left_region("a", "2022-04-02", done),
        _left_region("b", "2022-04-05", done),
    ]
    holdout = _events(
        [
            ("c", "2022-04-10", "hold", RU, "Holdout", 29.8, 50.9, "confirmed", "They hold it."),
            # the other belligerent, far from the oblast
            ("d", "2022-03-25", "hold", UA, "Faraway", 32.3, 50.1, "confirmed", "They hold it."),
        ]
    )
    base = Baseline(dt.date(2022, 3, 20), {"RU": held})
    cm = ControlMap.build(
        [*rows, *holdout], settlements=grid, clip=clip, baseline=base, code_of=_code
    )
    inside = shapely.contains_xy(held, *cm.sites.lonlat.T)
    in_oblast = shapely.contains_xy(oblast, *cm.sites.lonlat.T)
    kept = cm.sites.site_of(np.array([(29.8, 50.9)]))[0]
    before, _, _ = cm.site_states("2022-04-03")
    after, _, _ = cm.site_states("2022-04-11")
    assert (before[inside] == "RU").all()
    freed = inside & in_oblast
    freed[kept] = False
    assert freed.any() and (after[freed] == "UA").all()
    assert after[kept] == "RU"
    assert (after[inside & ~in_oblast] == "RU").all()  # the other oblast is not left


def test_a_withdrawal_under_way_from_a_region_is_no_move():
    going = "The occupiers are withdrawing from Kyiv Oblast."
    rows = [_left_region("a", "2022-04-02", going), _left_region("b", "2022-04-05", going)]
    assert bank_moves(rows, _code, ("RU", "UA")) == []
    done = "The occupiers have fully withdrawn from Kyiv Oblast."
    rows = [_left_region("a", "2022-04-02", done), _left_region("b", "2022-04-05", done)]
    (move,) = bank_moves(rows, _code, ("RU", "UA"))
    assert (move.side, move.bank, move.river, move.region) == ("RU", "all", "", "UA.13")


def test_ground_taken_after_a_move_does_not_hand_what_it_gave_up_back():
    # An invented enclave on the lower river's west bank, reaching north out of the
    # report's region into the next; a week after the withdrawal the other side reports
    # liberating a row of villages across it, between that northern part and the river's
    # region.
    held = shapely.union(shapely.box(32.3, 46.2, 33.6, 47.2), shapely.box(32.3, 47.2, 32.9, 47.6))
    lon, lat = np.meshgrid(np.linspace(32.0, 34.0, 21), np.linspace(46.0, 47.6, 17))
    grid = np.column_stack([lon.ravel(), lat.ravel()])
    rows = [_withdrawal("a", "2022-05-01"), _withdrawal("b", "2022-05-04")]
    for i, x in enumerate(np.arange(32.25, 33.6, 0.1)):
        where = f"Village{i}"
        rows.append(
            (f"l{i}", "2022-05-10", "liberate", UA, where, round(float(x), 2), 46.95,
             "confirmed", f"The defenders liberated {where}.")
        )  # fmt: skip
    base = Baseline(dt.date(2022, 4, 1), {"RU": held})
    clip = shapely.box(31.5, 45.5, 34.5, 48.0)
    cm = ControlMap.build(_events(rows), settlements=grid, clip=clip, baseline=base)
    west, _ = bank_of(cm.sites.lonlat, river_lines()["dnipro-river"][1], "west")
    x, y = cm.sites.lonlat.T
    north = shapely.contains_xy(held, x, y) & west & (y > 47.3)
    assert north.sum() >= 5
    for day, side in (("2022-05-02", "RU"), ("2022-05-05", "UA"), ("2022-06-01", "UA")):
        shown, _, _ = cm.site_states(day)
        assert (shown[north] == side).all(), day


def test_a_pull_out_going_on_by_degrees_is_no_move():
    gradual = "The occupying forces continue to withdraw units from the west bank of the Dnipro."
    rows = [
        (*_withdrawal("a", "2022-05-01")[:-1], gradual),
        (*_withdrawal("b", "2022-05-03")[:-1], gradual),
    ]
    assert bank_moves(_events(rows), _code, ("RU", "UA")) == []


def test_a_place_a_side_withdrew_from_does_not_confirm_a_lone_report():
    # Withdrawals from places are often a unit's or its equipment's, told long after;
    # only places reported taken by the other side confirm the bank was left.
    rows = [
        _withdrawal("w", "2022-05-01"),
        ("x", "2022-05-02", "withdraw", RU, "Oldtown", 33.3, 47.0, "reported", "Left Oldtown."),
        ("y", "2022-05-03", "withdraw", RU, "Newtown", 33.0, 46.9, "reported", "Left Newtown."),
    ]
    assert bank_moves(_events(rows), _code, ("RU", "UA")) == []


def test_the_other_side_taking_a_whole_region_is_a_completed_withdrawal_from_it():
    def moves(quote: str) -> list:
        """The moves two reports of the defenders' liberation in ``quote`` make."""
        rows = [
            _left_region("a", "2022-04-02", quote, "liberate", UA),
            _left_region("b", "2022-04-05", quote, "liberate", UA),
        ]
        return bank_moves(rows, _code, ("RU", "UA"))

    for whole in (
        "The defenders liberated the entirety of Kyiv Oblast.",
        "The defenders regained full control over Kyiv Oblast.",
        "Kyiv Oblast has been fully liberated.",
    ):
        (move,) = moves(whole)
        assert (move.side, move.bank, move.river, move.region) == ("RU", "all", "", "UA.13")
        assert move.day == day_number("2022-04-05")
    # A part, nearly all, all but some places: the region is not left.
    for part in (
        "The defenders liberated the entire northern part of Kyiv Oblast.",
        "The defenders liberated almost all of Kyiv Oblast.",
        "The defenders control all of Kyiv Oblast except two villages.",
    ):
        assert moves(part) == [], part


def test_a_lone_report_of_a_whole_region_stands_on_three_places_reported_taken_in_it():
    done = "The occupiers completed their withdrawal from Kyiv Oblast."
    report = _left_region("w", "2022-04-02", done)
    # Invented villages of Kyiv Oblast, and one across its border in Zhytomyr Oblast.
    villages = [(30.2, 50.55), (29.9, 50.9), (30.7, 50.1)]
    outside = (28.7, 50.3)

    def taken(i, day, lon, lat, verification="reported"):
        return (i, day, "liberate", UA, f"village-{i}", lon, lat, verification, "Retook it.")

    three = _events([taken(f"x{k}", f"2022-04-0{3 + k}", *v) for k, v in enumerate(villages)])
    (move,) = bank_moves([report, *three], _code, ("RU", "UA"))
    assert (move.side, move.bank, move.region) == ("RU", "all", "UA.13")
    assert move.day == day_number("2022-04-05")
    # Two places, a place outside the region, a party's claims: the report stays alone.
    for rows in (
        [taken("x0", "2022-04-03", *villages[0]), taken("x1", "2022-04-04", *villages[1])],
        [
            taken("x0", "2022-04-03", *villages[0]),
            taken("x1", "2022-04-04", *villages[1]),
            taken("x2", "2022-04-05", *outside),
        ],
        [taken(f"x{k}", "2022-04-03", *v, "claimed") for k, v in enumerate(villages)],
    ):
        assert bank_moves([report, *_events(rows)], _code, ("RU", "UA")) == []
