"""A lone reported state shows on its own place but reaches no ground around it."""

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
    sends = senders(xy, state, np.ones(len(names), bool), ("RU", "UA"))
    assert dict(zip(names, sends.tolist(), strict=True)) == {n: n != "Kyiv" for n in names}
    state[-1] = "UA"
    assert senders(xy, state, np.ones(len(names), bool), ("RU", "UA")).all()
