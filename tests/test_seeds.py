"""Acceptance on the two seed articles: the events a careful reader finds come out.

The seed texts and what a careful reader finds in them live outside the project in
../shared/seeds; they are read here at run time, never copied into the project.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml

from geo.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PUBLISHED = dt.date(2022, 5, 17)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(gaz):
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    return Pipeline(gaz).run(files, published=PUBLISHED)


@pytest.fixture(scope="module")
def places(expected) -> dict[str, tuple[float, float]]:
    """Reference points by the name the YAML gives them (e.g. 'Kharkiv')."""
    found = {}
    for article in expected["articles"].values():
        for place in article["places"]:
            if "lat" in place:
                found[place["resolves_to"].split(" (")[0]] = (place["lat"], place["lon"])
    return found


def _events(corpus, actor: str, action: str):
    frame = corpus.events
    side = frame["actor1"].str.contains(actor, case=False, na=False)
    return frame[side & (frame["action"] == action)]


def _date_ok(row, date) -> bool:
    if isinstance(date, dict):
        end = row["date_end"]
        return bool(end) and str(end) <= str(date["before"])
    return str(row["event_date"]) == str(date)


def test_the_publication_date_comes_from_the_option(corpus) -> None:
    assert len(corpus.articles) == 2
    assert {r.article.published for r in corpus.articles} == {PUBLISHED}


def test_russia_captures_mariupol_on_tuesday(corpus, places) -> None:
    rows = _events(corpus, "Russia", "capture")
    lat, lon = places["Mariupol"]
    near = [r for _, r in rows.iterrows() if km(r.latitude, r.longitude, lat, lon) < 25]
    assert near, rows[["location", "event_date"]]
    assert any(_date_ok(r, "2022-05-17") for r in near)


def test_russia_withdrew_from_kyiv_before_publication(corpus, places) -> None:
    rows = _events(corpus, "Russia", "withdraw")
    lat, lon = places["Kyiv"]
    near = [r for _, r in rows.iterrows() if km(r.latitude, r.longitude, lat, lon) < 25]
    assert near
    assert any(_date_ok(r, {"before": "2022-05-17"}) for r in near)


def test_russia_holds_izyum(corpus, places) -> None:
    rows = _events(corpus, "Russia", "hold")
    lat, lon = places["Izyum"]
    assert any(km(r.latitude, r.longitude, lat, lon) < 25 for _, r in rows.iterrows())


def test_ukraine_held_kyiv(corpus, places) -> None:
    rows = _events(corpus, "Ukraine", "hold")
    lat, lon = places["Kyiv"]
    assert any(km(r.latitude, r.longitude, lat, lon) < 25 for _, r in rows.iterrows())


def test_russian_helicopter_lost_at_mala_rohan(corpus, places) -> None:
    rows = _events(corpus, "Russia", "loss")
    lat, lon = places["Mala Rohan"]
    near = [r for _, r in rows.iterrows() if km(r.latitude, r.longitude, lat, lon) < 25]
    assert near
    assert any(_date_ok(r, {"before": "2022-05-16"}) for r in near)


def test_russia_advances_in_donbas(corpus, gaz) -> None:
    rows = _events(corpus, "Russia", "advance")
    donbas = gaz.resolve("Donbas")
    assert donbas is not None and donbas.geometry is not None

    inside = [r for _, r in rows.iterrows() if donbas.geometry.intersects(r.geometry)]
    assert inside
    assert any(_date_ok(r, "2022-05-16") for r in inside)


def test_ukraine_reaches_the_border_north_of_kharkiv_once_with_two_sources(
    corpus, places, gaz
) -> None:
    rows = _events(corpus, "Ukraine", "reach")
    border = gaz.border("UA", "RU")
    assert border is not None
    lat, lon = places["Kharkiv"]
    at_border = [
        r
        for _, r in rows.iterrows()
        if r.latitude > lat
        and km(r.latitude, r.longitude, lat, lon) < 80
        and border.geometry.distance(r.geometry) < 0.3
    ]
    assert len(at_border) == 1, rows[["location", "event_date", "sources_count"]]
    event = at_border[0]
    assert event["sources_count"] == 2
    assert event["verification"] == "claimed"
    assert str(event["date_end"]) <= "2022-05-17"


def test_ukraine_advances_around_kharkiv(corpus, places) -> None:
    rows = _events(corpus, "Ukraine", "advance")
    lat, lon = places["Kharkiv"]
    assert any(km(r.latitude, r.longitude, lat, lon) < 60 for _, r in rows.iterrows())


def test_no_person_or_organisation_becomes_a_place(corpus, expected) -> None:
    names = set()
    for article in expected["articles"].values():
        for group in article["not_places"]:
            names.update(group)
    mentioned = {m.text for r in corpus.articles for m in r.mentions}
    assert not (mentioned & names)


def test_nothing_is_placed_at_null_island(corpus) -> None:
    assert not (
        (corpus.events["latitude"].abs() < 1) & (corpus.events["longitude"].abs() < 1)
    ).any()
