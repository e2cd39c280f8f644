"""The sample corpus's control at its latest report, as its map shows it (real gazetteer).

The sample corpus (``articles/``) ends with the Kharkiv counteroffensive and the fall of
Lyman: at its last report the ground retaken in Kharkiv Oblast is Ukrainian-held, the
cities Russia took in the Luhansk region stay Russian-held, and Kyiv was never lost.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.spatial import cKDTree

from geo.control import ControlMap, corpus_setting
from geo.export import events_from_frame
from geo.pipeline import Pipeline
from maps.style import side_of

ARTICLES = Path(__file__).resolve().parents[2] / "articles"


@pytest.fixture(scope="module")
def latest(gaz):
    table = Pipeline(gaz).run([ARTICLES]).events
    events = events_from_frame(table)
    settlements, country = corpus_setting(events)
    cm = ControlMap.build(
        events, settlements=settlements, clip=country, code_of=lambda a: side_of(a)[0]
    )
    shown, _, _ = cm.site_states(cm.days()[-1])
    tree = cKDTree(cm.sites.lonlat)

    def side(name: str) -> str:
        place = gaz.resolve(name, country="UA")
        return str(shown[tree.query(np.array([place.lon, place.lat]))[1]])

    return side


@pytest.mark.parametrize("name", ["Izium", "Kupiansk", "Balakliia", "Kyiv"])
def test_retaken_and_never_lost_ground_is_ukrainian_at_the_last_report(latest, name):
    assert latest(name) == "UA"


@pytest.mark.parametrize("name", ["Lysychansk", "Sievierodonetsk"])
def test_ground_taken_and_not_retaken_is_russian_at_the_last_report(latest, name):
    assert latest(name) == "RU"
