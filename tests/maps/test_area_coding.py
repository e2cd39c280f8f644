"""The page's compact areas and fronts decode to the geometry drawn (as the page's
script decodes them: steps, and copies of earlier rings)."""

from __future__ import annotations

import json

import numpy as np
import shapely

from maps.render import _AREA_SCALE, _area_payload, _encode_polygon, _RingCoder


def _decode(coded: list) -> list[list[list[tuple[int, int]]]]:
    out: list[list[list[tuple[int, int]]]] = []
    for polygon in coded:
        rings = []
        for ring in polygon:
            corners: list[tuple[int, int]] = []
            lat = lng = 0
            items = iter(ring)
            for x in items:
                if isinstance(x, list):
                    ref = out[x[0]][x[1]]
                    corners += [ref[(x[2] + j) % len(ref)] for j in range(x[3])]
                    lat, lng = corners[-1]
                else:
                    lat, lng = lat + x, lng + next(items)
                    corners.append((lat, lng))
            rings.append(corners)
        out.append(rings)
    return out


def _days() -> list[tuple[str, dict[str, shapely.Geometry]]]:
    """A front line that moves a little each day over a jagged country."""
    rng = np.random.default_rng(3)
    ys = np.linspace(45.0, 52.0, 400)
    xs = 36.0 + 0.3 * np.sin(ys * 7.0) + rng.normal(0, 0.05, len(ys))
    days = []
    for d in range(6):
        moved = xs.copy()
        moved[40 * d : 40 * d + 30] += 0.2  # one stretch advances
        west = shapely.Polygon([(30.0, 45.0), *zip(moved, ys, strict=True), (30.0, 52.0)])
        east = shapely.box(30, 45, 40, 52).difference(west)
        hole = shapely.Point(33.0 + 0.1 * d, 48.0).buffer(0.3)
        days.append((f"2024-01-0{d + 1}", {"RU": east, "UA": west.difference(hole)}))
    return days


def test_areas_decode_to_the_drawn_polygons_and_copy_what_stayed():
    days = _days()
    index = {d: k for k, (d, _) in enumerate(days)}
    polygons, drawn = _area_payload(days, index, {"RU": 0, "UA": 1})
    decoded = _decode(polygons)
    for (day, by_side), (k, sides) in zip(days, drawn, strict=True):
        assert index[day] == k
        for side, ids in sides:
            code = ("RU", "UA")[side]
            want = [
                [[tuple(c) for c in ring.tolist()] for ring in rings]
                for part in shapely.get_parts(by_side[code])
                for rings in _encode_polygon(part)
            ]
            assert [decoded[i] for i in ids] == want
            back = shapely.MultiPolygon(
                [
                    shapely.Polygon(
                        np.array(rings[0])[:, ::-1] / _AREA_SCALE,
                        [np.array(r)[:, ::-1] / _AREA_SCALE for r in rings[1:]],
                    )
                    for rings in (decoded[i] for i in ids)
                ]
            )
            # Simplified by half a kilometre: the same ground.
            gap = shapely.symmetric_difference(back, by_side[code]).area
            assert gap < 0.01 * by_side[code].area
    copies = sum(isinstance(x, list) for p in polygons for r in p for x in r)
    assert copies > 0, "what stayed from one day to the next is copied"
    # The same polygons written without copies (each by a coder that saw nothing before).
    plain = [_plain([np.array(r, dtype=np.int64) for r in rings]) for rings in decoded]
    assert _decode(plain) == decoded
    assert len(json.dumps(polygons)) < 0.6 * len(json.dumps(plain))


def _plain(rings: list[np.ndarray]) -> list:
    coder = _RingCoder()
    coder.add(rings)
    return coder.polygons[0]


def test_a_ring_without_repeats_is_written_as_plain_steps():
    coder = _RingCoder()
    square = [np.array([[0, 0], [0, 5], [5, 5], [5, 0]], dtype=np.int64)]
    assert coder.add(square) == 0
    assert coder.polygons[0] == [[0, 0, 0, 5, 5, 0, 0, -5]]
    # The same ring started elsewhere is one copy.
    assert coder.add([np.roll(square[0], -2, axis=0)]) == 1
    assert coder.polygons[1] == [[[0, 0, 2, 4]]]
    assert _decode(coder.polygons)[1] == [[(5, 5), (5, 0), (0, 0), (0, 5)]]


def test_kept_areas_are_the_computed_ones_and_follow_each_geometry(tmp_path):
    from maps.render import _kept_area_payload
    from maps.render_cache import PageCache

    days = _days()
    index = {d: k for k, (d, _) in enumerate(days)}
    sides = {"RU": 0, "UA": 1}
    fresh = json.loads(json.dumps(_area_payload(days, index, sides)))
    cache = PageCache(tmp_path / "pages")
    assert list(_kept_area_payload(days, index, sides, cache)) == fresh
    entries = sorted((tmp_path / "pages").rglob("*.blob"))
    assert len(entries) == 1
    # read back in another run, not computed again, the same coding
    again = PageCache(tmp_path / "pages")
    assert list(_kept_area_payload(days, index, sides, again)) == fresh
    assert sorted((tmp_path / "pages").rglob("*.blob")) == entries
    # an area on another precision grid is another entry, coded as computed
    moved = [(d, {s: shapely.set_precision(g, 0.01) for s, g in by.items()}) for d, by in days]
    want = json.loads(json.dumps(_area_payload(moved, index, sides)))
    assert list(_kept_area_payload(moved, index, sides, again)) == want
    assert len(sorted((tmp_path / "pages").rglob("*.blob"))) == 2
    # a corrupt entry is computed again
    for entry in sorted((tmp_path / "pages").rglob("*.blob")):
        entry.write_bytes(b"not an entry")
    assert list(_kept_area_payload(days, index, sides, PageCache(tmp_path / "pages"))) == fresh
