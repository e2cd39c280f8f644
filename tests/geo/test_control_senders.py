"""A lone reported state shows on its own place only; a stale one shows on none."""

from __future__ import annotations

import numpy as np
import pytest
from control_rows import events_of as _events

from geo.control import ControlMap, corpus_setting
from geo.control_senders import SenderOptions, senders

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
DAY = "2022-07-10"

#: Ukrainian-held towns of the Donbas front, Russian-held ones across it, two Russian-held
#: Crimean cities far behind the lines, and two towns 35-80 km south of Kyiv.
UKRAINIAN = ["Kramatorsk", "Sloviansk", "Bakhmut", "Siversk", "Bila Tserkva", "Vasylkiv"]
RUSSIAN = ["Lysychansk", "Sievierodonetsk", "Rubizhne", "Popasna", "Sevastopol", "Simferopol"]


@pytest.fixture(scope="module")
def places(gaz):
    """Name -> (lon, lat) of the real places."""
    out = {}
    for name in [*UKRAINIAN, *RUSSIAN, "Kyiv"]:
        p = gaz.resolve(name, country="UA")
        out[name] = (p.lon, p.lat)
    return out


def _rows(places, *, kyiv: str):
    rows = [
        (f"u{k}", "2022-07-08", "hold", UA, RU, name, *places[name], "reported")
        for k, name in enumerate(UKRAINIAN)
    ]
    rows += [
        (f"r{k}", "2022-07-08", "hold", RU, UA, name, *places[name], "reported")
        for k, name in enumerate(RUSSIAN)
    ]
    # A report misread as Russian forces holding Kyiv (the side read off a unit's past).
    return [*rows, ("k", "2022-07-09", "hold", kyiv, "", "Kyiv", *places["Kyiv"], "reported")]


def _map(places, options: SenderOptions | None = None) -> ControlMap:
    events = _events(_rows(places, kyiv=RU))
    settlements, country = corpus_setting(events)
    assert settlements is not None and len(settlements) > 1000  # the country's real places
    return ControlMap.build(events, settlements=settlements, clip=country, senders=options)


def _around(cm: ControlMap, name: str, places, km: float = 12.0) -> np.ndarray:
    """The unreported sites within ``km`` of a place."""
    at = cm.sites.site_of(np.array([places[name]]))[0]
    d = np.hypot(*(cm.sites.xy - cm.sites.xy[at]).T)
    return np.flatnonzero((d <= km) & (d > 0) & ~cm.model.reported & ~cm.sites.empty)


def test_a_lone_state_amid_the_other_sides_reports_shades_only_its_own_place(places):
    cm = _map(places)
    shown = cm.site_states(DAY)[0]
    kyiv = cm.sites.site_of(np.array([places["Kyiv"]]))[0]
    around = _around(cm, "Kyiv", places)
    assert len(around) > 5
    # Kyiv shows its own (misread) report, the villages around it stay unshaded for Russia.
    assert shown[kyiv] == "RU"
    assert not (shown[around] == "RU").any()
    # Without the rule the misread spreads over Kyiv's surroundings.
    off = _map(places, SenderOptions(lone_km=0.0)).site_states(DAY)[0]
    assert (off[around] == "RU").sum() > 5


def test_places_far_behind_their_own_lines_and_a_front_sector_still_reach_around(places):
    cm = _map(places)
    shown = cm.site_states(DAY)[0]
    for name, side in [("Sevastopol", "RU"), ("Lysychansk", "RU"), ("Kramatorsk", "UA")]:
        around = _around(cm, name, places, km=8.0)
        assert len(around) and (shown[around] == side).any(), name


def test_the_rule_reads_distances_to_both_sides(places):
    # The same places as kilometre coordinates: a Russian-held Kyiv is lone; a
    # Ukrainian-held one (nearer its own side's places) and the Crimean cities are not.
    from geo.control_areas import Sites

    names = [*UKRAINIAN, *RUSSIAN, "Kyiv"]
    lonlat = np.array([places[n] for n in names])
    sites = Sites.build(lonlat)
    xy = sites.xy[sites.site_of(lonlat)]
    state = np.array(["UA"] * len(UKRAINIAN) + ["RU"] * len(RUSSIAN) + ["RU"], dtype=object)
    sends = senders(xy, state, np.ones(len(names)), np.ones(len(names), bool), ("RU", "UA"))
    assert dict(zip(names, sends.tolist(), strict=True)) == {n: n != "Kyiv" for n in names}
    state[-1] = "UA"
    assert senders(xy, state, np.ones(len(names)), np.ones(len(names), bool), ("RU", "UA")).all()


def test_a_faded_state_beside_a_fresh_report_of_the_other_side_shades_nothing(gaz):
    # Avdiivka reported held by Ukrainian forces in March; in July Makiivka (19 km away)
    # and the towns east of it by Russian forces, Krasnohorivka and Kurakhove by Ukrainian
    # forces (Avdiivka is not lone).
    east = ("Khartsyzk", "Horlivka", "Ilovaisk")
    at = {}
    for name in ("Avdiivka", "Makiivka", "Krasnohorivka", "Kurakhove", *east):
        p = gaz.resolve(name, country="UA")
        at[name] = (p.lon, p.lat)
    rows = [
        ("a", "2022-03-01", "hold", UA, RU, "Avdiivka", *at["Avdiivka"], "reported"),
        ("m", "2022-07-01", "hold", RU, UA, "Makiivka", *at["Makiivka"], "reported"),
        ("k", "2022-07-01", "hold", UA, RU, "Krasnohorivka", *at["Krasnohorivka"], "reported"),
        ("u", "2022-07-01", "hold", UA, RU, "Kurakhove", *at["Kurakhove"], "reported"),
    ] + [(f"e{k}", "2022-07-01", "hold", RU, UA, n, *at[n], "reported") for k, n in enumerate(east)]
    events = _events(rows)
    settlements, country = corpus_setting(events)

    def shown(options: SenderOptions | None = None) -> tuple[ControlMap, np.ndarray]:
        cm = ControlMap.build(events, settlements=settlements, clip=country, senders=options)
        return cm, cm.site_states("2022-07-05")[0]

    cm, now = shown()
    avdiivka, makiivka = cm.sites.site_of(np.array([at["Avdiivka"], at["Makiivka"]]))
    assert cm.model.state_on(19178)[2][avdiivka] < SenderOptions().min_strength  # faded
    xy = cm.sites.xy
    d_a = np.hypot(*(xy - xy[avdiivka]).T)
    d_m = np.hypot(*(xy - xy[makiivka]).T)
    around = np.flatnonzero((d_a > 0) & (d_a <= 10) & (d_m > 1.6 * d_a) & ~cm.model.reported)
    assert len(around) > 3
    # Avdiivka's faded report shows neither on its place nor on the ground around it.
    assert now[avdiivka] == ""
    assert not (now[around] == "UA").any()
    # Without the rule the faded report shades its place and the ground around it.
    _, off = shown(SenderOptions(stale_km=0.0))
    assert off[avdiivka] == "UA"
    assert (off[around] == "UA").sum() >= 3


@pytest.mark.parametrize("action", ["capture", "hold"])
def test_a_faded_state_with_the_other_side_reported_near_it_since_shades_nothing(gaz, action):
    # Avdiivka, Krasnohorivka and Kurakhove reported held by Ukrainian forces in March; in
    # May Russian forces reported to take, or to hold, Yasynuvata, 8 km from Avdiivka. By
    # December every report has faded, so no report of the other side near Avdiivka is
    # fresh; the one of May is still newer than Avdiivka's own.
    names = ("Avdiivka", "Yasynuvata", "Krasnohorivka", "Kurakhove")
    at = {}
    for name in names:
        p = gaz.resolve(name, country="UA")
        at[name] = (p.lon, p.lat)
    rows = [
        (f"h{k}", "2022-03-01", "hold", UA, RU, n, *at[n], "reported")
        for k, n in enumerate(("Avdiivka", "Krasnohorivka", "Kurakhove"))
    ] + [("y", "2022-05-01", action, RU, UA, "Yasynuvata", *at["Yasynuvata"], "claimed")]
    events = _events(rows)
    settlements, country = corpus_setting(events)

    def shown(options: SenderOptions | None = None) -> tuple[ControlMap, np.ndarray]:
        cm = ControlMap.build(events, settlements=settlements, clip=country, senders=options)
        return cm, cm.site_states("2022-12-01")[0]

    cm, now = shown()
    avdiivka, yasynuvata, krasnohorivka = cm.sites.site_of(
        np.array([at["Avdiivka"], at["Yasynuvata"], at["Krasnohorivka"]])
    )
    strength = cm.model.state_on(19327)[2]
    assert strength[[avdiivka, yasynuvata]].max() < SenderOptions().min_strength  # all faded
    xy = cm.sites.xy
    d_a = np.hypot(*(xy - xy[avdiivka]).T)
    d_k = np.hypot(*(xy - xy[krasnohorivka]).T)
    around = np.flatnonzero((d_a > 0) & (d_a <= 10) & (d_k > 1.6 * d_a) & ~cm.model.reported)
    assert len(around) > 3
    # Avdiivka's faded report shows neither on its place nor on the ground around it.
    assert now[avdiivka] == ""
    assert not (now[around] == "UA").any()
    # Without the rule the faded report shades its place and the ground around it.
    _, off = shown(SenderOptions(stale_km=0.0))
    assert off[avdiivka] == "UA"
    assert (off[around] == "UA").sum() >= 3


def test_stale_states_are_faded_states_the_other_sides_reports_have_passed():
    from geo.control_senders import stale_states

    # A faded Ukrainian state 15 km from fresh Russian reports, a fresh Ukrainian state
    # beside it and a faded one 60 km behind the lines.
    xy = np.array([[0.0, 0.0], [15.0, 0.0], [25.0, 0.0], [-5.0, 0.0], [-60.0, 0.0]])
    state = np.array(["UA", "RU", "RU", "UA", "UA"], dtype=object)
    strength = np.array([0.05, 1.0, 1.0, 1.0, 0.05])
    reported = np.ones(5, bool)
    stale = stale_states(xy, state, strength, reported, ("RU", "UA"))
    assert stale.tolist() == [True, False, False, False, False]
    # Every report faded: the Russian one of day 20 is newer than the Ukrainian one of day
    # 10 beside it, and older than the Ukrainian one of day 30 within 20 km of it.
    last = np.array([[-1, 10], [20, -1], [5, -1], [-1, 30], [-1, 10]])
    faded = np.full(5, 0.05)
    stale = stale_states(xy, state, faded, reported, ("RU", "UA"), last_report=last)
    assert stale.tolist() == [True, True, False, False, False]
    assert not stale_states(
        xy, state, strength, reported, ("RU", "UA"), options=SenderOptions(stale_km=0.0)
    ).any()


def test_a_stale_state_shows_nowhere_until_a_withdrawal_across_a_river_gives_it_away():
    import shapely
    from test_control_banks import _events as _bank_events
    from test_control_banks import _withdrawal

    # A grid over the lower Dnipro. Russian forces reported holding two villages on its
    # right bank in July; in October Ukrainian forces liberate a village 15 km from the
    # first; in November Russian forces withdraw from the right bank.
    lon, lat = np.meshgrid(np.linspace(32.0, 34.0, 21), np.linspace(46.0, 47.6, 17))
    grid = np.column_stack([lon.ravel(), lat.ravel()])
    at = {"Oldhold": (32.8, 46.9), "Farhold": (33.0, 47.0), "Newfree": (32.6, 47.0)}
    at["Eastbank"] = (33.4, 46.6)
    rows = [
        *(
            (f"h{k}", day, action, side, name, *at[name], "confirmed", f"{verb} {name}.")
            for k, (day, action, side, name, verb) in enumerate(
                [
                    ("2022-07-01", "hold", RU, "Oldhold", "The occupiers hold"),
                    ("2022-07-01", "hold", RU, "Farhold", "The occupiers hold"),
                    ("2022-10-15", "liberate", UA, "Newfree", "The defenders liberated"),
                    ("2022-11-20", "hold", RU, "Eastbank", "The occupiers hold"),
                ]
            )
        ),
        _withdrawal("w1", "2022-11-10"),
        _withdrawal("w2", "2022-11-11"),
    ]
    cm = ControlMap.build(
        _bank_events(rows), settlements=grid, clip=shapely.box(31.5, 45.5, 34.5, 48)
    )
    old, far, new, east = cm.sites.site_of(np.array(list(at.values())))
    assert cm.site_states("2022-07-05")[0][old] == "RU"
    # October: the first village's faded report is stale beside the fresh liberation, and
    # shows on no place; the second, 30 km from it, still shows its side.
    shown, own, _ = cm.site_states("2022-10-25")
    assert own[old] == "RU" and shown[old] == ""
    assert shown[far] == "RU" and shown[new] == "UA"
    # After the withdrawal across the river the right bank's ground is Ukrainian, the
    # stale village's included; the left bank stays Russian.
    shown = cm.site_states("2022-11-25")[0]
    assert shown[old] == shown[far] == "UA"
    assert shown[east] == "RU"
