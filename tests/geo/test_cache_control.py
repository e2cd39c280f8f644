"""The control timeline's drawn days kept between runs: only changed days are drawn again."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from geo.actors import side_code
from geo.cache_blobs import BlobStore
from geo.cache_control import ControlCache
from geo.control import ControlMap, control_timeline
from geo.control_claims import claims_from_events
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
BOX = shapely.box(30, 45, 40, 52)


def _grid() -> np.ndarray:
    xs, ys = np.meshgrid(np.linspace(30.5, 39.5, 19), np.linspace(45.5, 51.5, 13))
    return np.column_stack([xs.ravel(), ys.ravel()])


GRID = _grid()


def _events(rows):
    """Records of (id, date, action, actor1, actor2, grid point); invented places."""
    records = []
    for i, d, action, a1, a2, k in rows:
        x, y = GRID[k]
        records.append(
            {
                "event_id": i,
                "event_date": d,
                "action": action,
                "actor1": a1,
                "actor2": a2,
                "location": f"Place {k}",
                "latitude": float(y),
                "longitude": float(x),
                "place_id": f"p:{k}",
                "verification": "reported",
                "quote": f"Invented sentence {i} about place {k}.",
                "article_id": f"art-{i}",
                "geo_precision": 1,
                "confidence": 0.8,
            }
        )
    return events_from_frame(pd.DataFrame(records))


def _rows():
    """A front along the grid's middle, then the eastern side takes columns westward."""
    rows = []
    for k, (x, _) in enumerate(GRID):
        rows.append((f"h{k}", "2022-03-01", "hold", UA if x < 35 else RU, "", k))
    days = ["2022-03-10", "2022-03-20", "2022-04-02", "2022-04-15", "2022-05-01"]
    for step, day in enumerate(days):
        column = 34.5 - 0.5 * step
        for k, (x, y) in enumerate(GRID):
            if abs(x - column) < 1e-9 and 47 <= y <= 50:
                rows.append((f"c{step}-{k}", day, "capture", RU, UA, k))
    return rows


def _timeline(events, cache=None):
    return control_timeline(events, settlements=GRID, clip=BOX, cache=cache)


def _wkb(geom):
    return None if geom is None else shapely.to_wkb(geom)


def _same(a, b) -> bool:
    return (
        a.places == b.places
        and a.changes == b.changes
        and [(d, _wkb(g)) for d, g in a.fronts] == [(d, _wkb(g)) for d, g in b.fronts]
        and [(d, sorted((s, _wkb(g)) for s, g in areas.items())) for d, areas in a.areas]
        == [(d, sorted((s, _wkb(g)) for s, g in areas.items())) for d, areas in b.areas]
    )


def _inputs(cm: ControlMap, day: str) -> list[bytes]:
    """What a drawn day depends on: the shown sides and the sides the front starts from."""
    shown = cm.site_states(day)[0]
    front = cm.front_sites(day, shown)
    return [np.asarray(shown).astype(str).tobytes(), np.asarray(front).astype(str).tobytes()]


def test_a_new_report_draws_again_only_the_days_whose_states_it_changed(tmp_path):
    rows = _rows()
    events = _events(rows)
    store = BlobStore(tmp_path / "pages", max_bytes=1 << 30)

    first = ControlCache(store)
    timeline = _timeline(events, first)
    days = ControlMap.build(events, settlements=GRID, clip=BOX).days()
    assert first.drawn == days and first.reused == []
    assert _same(timeline, _timeline(events))  # the same as without a cache

    again = ControlCache(store)
    assert _same(_timeline(events, again), timeline)
    assert again.drawn == [] and again.reused == days

    # a late report: the eastern side takes the next column westward on a new day
    late = [
        (f"late{k}", "2022-05-20", "capture", RU, UA, k)
        for k, (x, y) in enumerate(GRID)
        if abs(x - 33.0) < 1e-9 and 47 <= y <= 50
    ]
    grown = _events([*rows, *late])
    before = ControlMap.build(events, settlements=GRID, clip=BOX)
    after = ControlMap.build(grown, settlements=GRID, clip=BOX)
    changed = [d for d in after.days() if d not in days or _inputs(before, d) != _inputs(after, d)]
    # the model reads time both ways, but the first weeks stay as they were
    assert changed and days[0] not in changed

    rebuild = ControlCache(store)
    result = _timeline(grown, rebuild)
    assert rebuild.drawn == changed
    assert rebuild.reused == [d for d in after.days() if d not in changed]
    assert _same(result, _timeline(grown))


def test_a_corrupt_entry_is_drawn_again_not_trusted(tmp_path):
    events = _events(_rows())
    store = BlobStore(tmp_path / "pages", max_bytes=1 << 30)
    clean = _timeline(events, ControlCache(store))
    entries = sorted((tmp_path / "pages").rglob("*.blob"))
    assert entries
    data = bytearray(entries[0].read_bytes())
    data[-5] ^= 0xFF  # one flipped byte in a stored geometry
    entries[0].write_bytes(bytes(data))

    cache = ControlCache(store)
    result = _timeline(events, cache)
    assert store.stats.corrupt == 1 and len(cache.drawn) == 1
    assert _same(result, clean)


def test_the_key_follows_the_setting(tmp_path):
    events = _events(_rows())
    store = BlobStore(tmp_path / "pages", max_bytes=1 << 30)
    _timeline(events, ControlCache(store))
    # other simplification: every day drawn again, nothing read back
    other = ControlCache(store)
    control_timeline(events, settlements=GRID, clip=BOX, cache=other, simplify=0.01)
    assert other.reused == [] and other.drawn


def _whole(events, cache):
    return cache.timeline(events, side_code, settlements=GRID, clip=BOX)


def test_a_timeline_is_fitted_again_only_when_its_claims_change(tmp_path):
    rows = _rows()
    events = _events(rows)
    store = BlobStore(tmp_path / "pages", max_bytes=1 << 30)
    first = ControlCache(store)
    clean = _whole(events, first)
    assert (first.timelines_computed, first.timelines_reused) == (1, 0)
    assert _same(clean, _timeline(events))

    # an advance says nothing of who holds a place: the same claims, the timeline read back
    quiet = _events([*rows, ("adv", "2022-05-03", "advance", RU, UA, 40)])
    assert claims_from_events(quiet) == claims_from_events(events)
    again = ControlCache(store)
    kept = _whole(quiet, again)
    assert (again.timelines_computed, again.timelines_reused) == (0, 1)
    assert again.drawn == [] and again.reused == []  # not even a day looked at
    assert _same(kept, control_timeline(quiet, settlements=GRID, clip=BOX))

    # a capture is a claim: fitted again, the unchanged days read back, as a clean run
    taken = _events([*rows, ("cap", "2022-05-20", "capture", RU, UA, 100)])
    assert claims_from_events(taken) != claims_from_events(events)
    rebuild = ControlCache(store)
    result = _whole(taken, rebuild)
    assert (rebuild.timelines_computed, rebuild.timelines_reused) == (1, 0)
    assert rebuild.reused
    assert _same(result, control_timeline(taken, settlements=GRID, clip=BOX))


def test_a_corrupt_timeline_is_fitted_again_not_trusted(tmp_path):
    events = _events(_rows())
    store = BlobStore(tmp_path / "pages", max_bytes=1 << 30)
    cache = ControlCache(store)
    before = set((tmp_path / "pages").rglob("*.blob"))
    clean = _whole(events, cache)
    # the timeline is the one entry written after the days
    entry = max(
        set((tmp_path / "pages").rglob("*.blob")) - before, key=lambda p: p.stat().st_mtime_ns
    )
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    again = ControlCache(store)
    result = _whole(events, again)
    assert store.stats.corrupt == 1 and again.timelines_computed == 1
    assert again.reused  # its days were intact
    assert _same(result, clean)


def test_the_key_follows_what_the_shading_is_cut_with(tmp_path):
    # The same places, one of them attacked rather than reported held: its shading reaches
    # less far near the front, so no day drawn for the other table may be reused.
    from geo.control_cut import CutOptions

    rows = _rows()
    attacked = [r if r[0] != "h0" else ("h0", r[1], "clash", RU, UA, r[5]) for r in rows]
    cache = ControlCache(BlobStore(tmp_path / "pages", max_bytes=1 << 30))
    held = ControlMap.build(_events(rows), settlements=GRID, clip=BOX)
    hit = ControlMap.build(_events(attacked), settlements=GRID, clip=BOX)
    assert (held.model.reported == hit.model.reported).all()
    assert (held.model.implied_only != hit.model.implied_only).any()
    assert cache.setting(held, 0.0) != cache.setting(hit, 0.0)
    shorter = ControlMap.build(
        _events(rows), settlements=GRID, clip=BOX, cut=CutOptions(implied_km=5.0)
    )
    assert cache.setting(held, 0.0) != cache.setting(shorter, 0.0)


def test_the_key_follows_the_water_in_the_country(tmp_path, monkeypatch):
    # The same sites and reports with a lake across the front: the tessellation has no
    # neighbours across it and the land reached only across it is no side's, so no day
    # drawn without the lake may be reused.
    cache = ControlCache(BlobStore(tmp_path / "pages", max_bytes=1 << 30))
    events = _events(_rows())
    monkeypatch.setattr("geo.control.water_bodies", lambda: shapely.Polygon())
    dry = ControlMap.build(events, settlements=GRID, clip=BOX)
    lake = shapely.box(34.6, 46.0, 35.4, 51.0)
    monkeypatch.setattr("geo.control.water_bodies", lambda: lake)
    wet = ControlMap.build(events, settlements=GRID, clip=BOX)
    assert len(wet.sites.edges) < len(dry.sites.edges)
    assert cache.setting(dry, 0.0) != cache.setting(wet, 0.0)
