"""Merging reports of the same event, and editorial overrides."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import shapely

from gazetteer.exc import InputError
from geo.model import Event, GeoPrecision, TimePrecision, Verification
from geo.timeline import MergedEvent, apply_overrides, load_overrides, merge_events, same_event


def make(event_id: str, **fields) -> Event:
    base = dict(
        event_id=event_id,
        event_date=dt.date(2022, 5, 15),
        date_start=dt.date(2022, 5, 15),
        date_end=dt.date(2022, 5, 15),
        time_precision=TimePrecision.DAY,
        event_type="Strategic developments",
        sub_event_type="Other",
        action="reach",
        actor1="Military Forces of Ukraine",
        actor2="",
        location="Russia-Ukraine border",
        admin1="",
        country="Ukraine",
        iso="804",
        latitude=50.40,
        longitude=36.40,
        geometry=shapely.Point(36.40, 50.40),
        geo_precision=GeoPrecision.NEAR,
        source="Courier",
        source_url="https://example.invalid/a",
        published_at=dt.date(2022, 5, 17),
        quote="Soldiers reached the border.",
        verification=Verification.CLAIMED,
        claimed_by="Ukrainian Ministry of Defence",
        confidence=0.7,
        article_id="a.md",
        place_id="border:RU-UA",
    )
    base.update(fields)
    return Event(**base)


def two_reports() -> tuple[Event, Event]:
    first = make("bbbb000000000001")
    second = make(
        "aaaa000000000002",
        event_date=None,
        date_start=None,
        date_end=dt.date(2022, 5, 17),
        time_precision=TimePrecision.BEFORE_PUBLICATION,
        latitude=50.45,
        longitude=36.30,
        geometry=shapely.Point(36.30, 50.45),
        place_id="",
        source="Gazette",
        source_url="https://example.invalid/b",
        article_id="b.md",
        quote="A unit is said to have got to the frontier.",
        verification=Verification.CONFIRMED,
        claimed_by="Pentagon officials",
        confidence=0.8,
    )
    return first, second


def test_two_reports_become_one_event_with_two_sources() -> None:
    first, second = two_reports()
    (merged,) = merge_events([first, second])
    assert merged.sources_count == 2
    assert [s.source for s in merged.sources] == ["Courier", "Gazette"]
    assert merged.event_id == "aaaa000000000002"  # the smallest member id
    assert merged.event_date == dt.date(2022, 5, 15)  # the most precise date
    assert merged.time_precision is TimePrecision.DAY
    assert merged.verification is Verification.CONFIRMED
    assert merged.confidence == pytest.approx(0.85)


def test_merge_is_independent_of_input_order() -> None:
    first, second = two_reports()
    assert merge_events([first, second]) == merge_events([second, first])


@pytest.mark.parametrize(
    "change",
    [
        {"action": "advance"},
        {"actor1": "Military Forces of Russia"},
        {"latitude": 48.0, "longitude": 36.4, "place_id": "gn:1"},
        {
            "date_start": dt.date(2022, 4, 1),
            "date_end": dt.date(2022, 4, 2),
            "event_date": dt.date(2022, 4, 1),
        },
    ],
)
def test_different_events_stay_apart(change: dict) -> None:
    first, _ = two_reports()
    other = dataclasses.replace(first, event_id="cccc000000000003", **change)
    assert not same_event(first, other)
    assert len(merge_events([first, other])) == 2


def test_region_wide_report_merges_with_a_point_on_the_same_entry() -> None:
    first, _ = two_reports()
    whole_line = dataclasses.replace(
        first,
        event_id="dddd",
        latitude=52.0,
        longitude=40.0,
        geo_precision=GeoPrecision.REGION,
        article_id="c.md",
        source="Herald",
    )
    (merged,) = merge_events([first, whole_line])
    assert merged.sources_count == 2
    assert merged.geo_precision is GeoPrecision.NEAR  # the more precise place is kept
    # two points far apart on the same long border are different events
    elsewhere = dataclasses.replace(whole_line, geo_precision=GeoPrecision.NEAR)
    assert len(merge_events([first, elsewhere])) == 2


def test_table_order_is_by_date_then_id() -> None:
    late = make(
        "0001",
        event_date=dt.date(2022, 5, 16),
        date_start=dt.date(2022, 5, 16),
        date_end=dt.date(2022, 5, 16),
        action="capture",
    )
    early = make("0002", action="hold")
    undated = make(
        "0000", event_date=None, date_start=None, date_end=None, undated=True, action="strike"
    )
    assert [m.event_id for m in merge_events([undated, late, early])] == ["0002", "0001", "0000"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def table() -> list[MergedEvent]:
    first, _ = two_reports()
    other = make(
        "ffff000000000009",
        action="capture",
        location="Ozerne",
        place_id="gn:5",
        latitude=49.0,
        longitude=37.0,
        geometry=shapely.Point(37.0, 49.0),
    )
    return merge_events([first, other])


def test_override_drop_correct_add(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
drop: [ffff000000000009]
correct:
  bbbb000000000001:
    location: Border crossing
    latitude: 50.5
    longitude: 36.5
    verification: confirmed
add:
  - event_date: 2022-05-10
    action: liberate
    actor1: Military Forces of Ukraine
    location: Ozerne
    latitude: 49.1
    longitude: 37.1
""",
    )
    events, notes = apply_overrides(table(), path)
    assert notes == []
    by_id = {e.event_id: e for e in events}
    assert "ffff000000000009" not in by_id
    corrected = by_id["bbbb000000000001"]
    assert corrected.location == "Border crossing"
    assert corrected.verification is Verification.CONFIRMED
    assert corrected.geometry.equals(shapely.Point(36.5, 50.5))
    added = [e for e in events if e.action == "liberate"]
    assert len(added) == 1 and added[0].event_type == "Battles"
    assert added[0].source == "editorial" and added[0].event_date == dt.date(2022, 5, 10)
    assert events[0].action == "liberate"  # earliest date first


def test_override_of_a_missing_id_is_a_note_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "drop: [0123456789abcdef]\ncorrect:\n  fedcba9876543210: {notes: x}\n")
    events, notes = apply_overrides(table(), path)
    assert len(events) == 2
    assert len(notes) == 2
    assert all(str(path) in n for n in notes)
    assert "0123456789abcdef" in notes[0] and "fedcba9876543210" in notes[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("drop: [a\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
        ("remove: [abc]\n", "unknown section"),
        ("correct:\n  abc: {colour: red}\n", "unknown field"),
        ("correct:\n  abc: {event_date: 17/05/2022}\n", "event_date"),
        ("add:\n  - {action: reach, latitude: 1}\n", "longitude"),
        ("add:\n  - {action: teleport, latitude: 1, longitude: 2}\n", "teleport"),
    ],
)
def test_bad_override_files_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=message) as info:
        load_overrides(path)
    assert str(path) in str(info.value)


def test_missing_override_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_overrides(tmp_path / "nope.yaml")


def test_merged_event_reads_like_an_event() -> None:
    (merged,) = merge_events([make("x1")])
    assert merged.location == "Russia-Ukraine border" and merged.sources_count == 1
    with pytest.raises(AttributeError):
        merged.no_such_field  # noqa: B018


def test_explicit_claim_outranks_a_plain_report() -> None:
    first, _ = two_reports()  # claimed
    plain = dataclasses.replace(
        first,
        event_id="eeee",
        verification=Verification.REPORTED,
        claimed_by="",
        article_id="e.md",
        source="Herald",
    )
    (merged,) = merge_events([plain, first])
    assert merged.verification is Verification.CLAIMED
    assert merged.claimed_by == "Ukrainian Ministry of Defence"


def test_correct_geometry_with_wkt(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "correct:\n  bbbb000000000001:\n    geometry: LINESTRING (36 50, 36.5 50.4)\n"
        "    geo_precision: 2\n",
    )
    events, notes = apply_overrides(table(), path)
    assert notes == []
    (fixed,) = [e for e in events if e.event_id == "bbbb000000000001"]
    assert fixed.geometry.geom_type == "LineString"
    assert fixed.geo_precision is GeoPrecision.NEAR


def test_neighbouring_towns_are_different_events_and_one_article_never_merges_two_places() -> None:
    first, _ = two_reports()
    town = dataclasses.replace(
        first, geo_precision=GeoPrecision.PLACE, place_id="gn:1", latitude=50.0, longitude=36.0
    )
    # another report of a town 20 km away, same action, same day, other outlet
    neighbour = dataclasses.replace(
        town, event_id="eeee", place_id="gn:2", latitude=50.18, article_id="z.md", source="Post"
    )
    assert len(merge_events([town, neighbour])) == 2
    # the same town under another gazetteer entry 3 km away is one event
    variant = dataclasses.replace(neighbour, latitude=50.027)
    assert len(merge_events([town, variant])) == 1
    # ... but a town of another name 3 km away is another town
    suburb = dataclasses.replace(variant, location="Otherville")
    assert len(merge_events([town, suburb])) == 2
    # one article naming two places nearby reports two events
    same_article = dataclasses.replace(variant, article_id=town.article_id)
    assert len(merge_events([town, same_article])) == 2


def _capture(event_id: str, article: str, published: dt.date, **fields) -> Event:
    """A capture of one village, dated only "before publication" by its article."""
    first, _ = two_reports()
    base = dict(
        event_id=event_id,
        action="capture",
        actor1="Military Forces of Russia",
        event_date=None,
        date_start=None,
        date_end=published,
        time_precision=TimePrecision.BEFORE_PUBLICATION,
        geo_precision=GeoPrecision.PLACE,
        place_id="gn:10",
        location="Village",
        latitude=48.5,
        longitude=37.5,
        geometry=shapely.Point(37.5, 48.5),
        published_at=published,
        article_id=article,
        source=article,
    )
    base.update(fields)
    return dataclasses.replace(first, **base)


def test_merging_never_chains_reports_that_do_not_agree_with_each_other() -> None:
    # A~B and B~C (published five days apart), but A and C ten days apart: not one event
    a = _capture("a1", "a.md", dt.date(2022, 9, 1))
    b = _capture("b1", "b.md", dt.date(2022, 9, 6))
    c = _capture("c1", "c.md", dt.date(2022, 9, 11))
    assert same_event(a, b) and same_event(b, c) and not same_event(a, c)
    merged = merge_events([c, a, b])
    assert sorted(m.sources_count for m in merged) == [1, 2]
    assert merge_events([a, b, c]) == merged


def test_before_publication_reaches_back_only_a_bounded_window() -> None:
    early = _capture(
        "a1",
        "a.md",
        dt.date(2022, 9, 1),
        event_date=dt.date(2022, 8, 2),
        date_start=dt.date(2022, 8, 2),
        date_end=dt.date(2022, 8, 2),
        time_precision=TimePrecision.DAY,
    )
    # an article published a month later, "before publication": not the same capture
    late = _capture("b1", "b.md", dt.date(2022, 9, 3))
    assert not same_event(early, late)


def test_same_side_and_action_family_merge_and_the_date_is_never_after_its_sources() -> None:
    taken = _capture("a1", "a.md", dt.date(2022, 9, 5))
    # the same village "liberated" by the same side's proxy, a day-precise date that lies
    # after both articles' publication (a misread date) is not the merged date
    freed = _capture(
        "b1",
        "b.md",
        dt.date(2022, 9, 6),
        action="liberate",
        actor1="Wagner Group",
        event_date=dt.date(2022, 9, 20),
        date_start=dt.date(2022, 9, 1),
        date_end=dt.date(2022, 9, 20),
        time_precision=TimePrecision.DAY,
    )
    assert same_event(taken, freed)
    (merged,) = merge_events([taken, freed])
    assert merged.sources_count == 2
    assert merged.event_date is None and merged.date_end == dt.date(2022, 9, 5)
    other_side = dataclasses.replace(freed, actor1="Military Forces of Ukraine")
    assert not same_event(taken, other_side)


def test_a_village_placed_at_its_hromada_centre_is_still_a_named_place_when_merging() -> None:
    # "near" precision (an approximate point) must not make it merge with neighbours 30 km off
    village = make(
        "cccc000000000001",
        article_id="x.md",
        place_id="katottg:UA00000000000000001",
        geo_precision=GeoPrecision.NEAR,
    )
    town = make(
        "cccc000000000002",
        article_id="y.md",
        place_id="gn:1",
        geo_precision=GeoPrecision.PLACE,
        latitude=50.67,
    )
    assert not same_event(village, town)
