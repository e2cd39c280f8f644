"""The inferred front: between the main bodies of the two sides, never through a shaded area."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.control import ControlMap
from geo.control_areas import Sites, area_front, islands, side_areas
from geo.export import events_from_frame

UA, RU = "Military Forces of Ukraine", "Military Forces of Russia"
BOX = shapely.box(30, 45, 40, 52)


def _grid(step: float = 0.5, box: shapely.Polygon = BOX) -> np.ndarray:
    x0, y0, x1, y1 = box.bounds
    xs, ys = np.meshgrid(np.arange(x0 + step / 2, x1, step), np.arange(y0 + step / 2, y1, step))
    return np.column_stack([xs.ravel(), ys.ravel()])


def _split(sites: Sites) -> np.ndarray:
    """Ukraine's ground west of 34.9 degrees, Russia's east of it."""
    return np.where(sites.lonlat[:, 0] < 34.9, "UA", "RU").astype(object)


def _inside(sites: Sites, box: tuple[float, float, float, float]) -> np.ndarray:
    return shapely.contains_xy(shapely.box(*box), sites.lonlat[:, 0], sites.lonlat[:, 1])


def test_an_island_amid_the_other_side_is_shaded_but_draws_no_loop():
    sites = Sites.build(_grid(), BOX)
    side = _split(sites)
    # A block of one side's cells (about 1.5 square degrees) amid the other side's ground.
    island = _inside(sites, (36.9, 47.9, 38.1, 49.1))
    side[island] = "UA"
    areas = side_areas(sites, side, ("RU", "UA"))
    assert areas["UA"].contains(shapely.Point(37.5, 48.5))  # still shaded
    line = area_front(areas, ("RU", "UA"), BOX)
    assert shapely.distance(line, shapely.box(36.9, 47.9, 38.1, 49.1)) > 0.2
    assert line.length >= 6.9  # the front between the main bodies stays whole
    # An island just off its side's ground, across a strip of the other side's, too.
    near = _inside(sites, (35.5, 46.5, 36.5, 47.5))
    side[near] = "UA"
    line = area_front(side_areas(sites, side, ("RU", "UA")), ("RU", "UA"), BOX)
    assert shapely.distance(line, shapely.box(35.5, 46.5, 36.5, 47.5)) > 0.2
    side[near] = "RU"
    # The same block joined to its side's ground is a salient, and the front follows it.
    side[_inside(sites, (34.9, 47.9, 37.0, 49.1))] = "UA"
    bent = area_front(side_areas(sites, side, ("RU", "UA")), ("RU", "UA"), BOX)
    assert shapely.distance(bent, shapely.Point(38.0, 48.5)) < 0.5


def test_a_small_piece_far_from_its_side_draws_no_stray_arc():
    sites = Sites.build(_grid(), BOX)
    side = np.full(len(sites.lonlat), "", dtype=object)
    side[_inside(sites, (33.5, 45, 35, 52))] = "UA"
    side[_inside(sites, (35, 45, 37, 52))] = "RU"
    # Far away, a lone report of each side: their reach meets, but it is no front.
    side[_inside(sites, (30.1, 50.1, 30.9, 50.9))] = "UA"
    side[_inside(sites, (30.9, 50.1, 31.6, 50.9))] = "RU"
    line = area_front(side_areas(sites, side, ("RU", "UA")), ("RU", "UA"), BOX)
    assert shapely.distance(line, shapely.box(30, 50, 32, 51)) > 2.0
    assert line.length >= 6.9
    # With the stray pieces as large as the main bodies, both fronts are drawn.
    side[_inside(sites, (30, 45, 30.9, 52))] = "UA"
    side[_inside(sites, (30.9, 45, 32, 52))] = "RU"
    both = area_front(side_areas(sites, side, ("RU", "UA")), ("RU", "UA"), BOX)
    assert shapely.distance(both, shapely.Point(30.9, 48.5)) < 0.3


def _events(rows: list[tuple]) -> list:
    records = [
        {
            "event_id": i,
            "event_date": day,
            "action": action,
            "actor1": a1,
            "actor2": a2,
            "location": name,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": 1,
            "verification": verification,
            "geometry": shapely.Point(lon, lat),
        }
        for i, day, action, a1, a2, name, lon, lat, verification in rows
    ]
    return events_from_frame(gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326"))


def test_the_front_runs_between_the_shaded_areas_never_through_them():
    box = shapely.box(34, 47, 38, 50)
    rows = []
    for k, lat in enumerate(np.arange(47.5, 49.6, 0.3).round(2)):
        # Strong reports of one side and, about 26 km east, weak ones of the other: the
        # strong side's wider reach would take ground the weak side is shaded on.
        rows.append((f"w{k}", "2022-05-01", "hold", UA, RU, f"West {k}", 35.3, lat, "confirmed"))
        rows.append(
            (f"v{k}", "2022-05-02", "liberate", UA, RU, f"West {k}", 35.3, lat, "confirmed")
        )
        rows.append((f"e{k}", "2022-05-01", "hold", RU, UA, f"East {k}", 35.7, lat, "claimed"))
    cm = ControlMap.build(_events(rows), settlements=_grid(0.1, box), clip=box)
    day = cm.latest_day()
    shown, _, _ = cm.site_states(day)
    areas = cm.areas(shown)
    assert set(areas) == {"RU", "UA"}
    front = cm.front(day, shown)
    assert front is not None and front.length > 1.5
    for area in areas.values():
        # A hair inside a shaded area: the line may run along its edge, not across it.
        assert shapely.length(shapely.intersection(front, shapely.buffer(area, -0.02))) == 0
    # The front is traced from the shaded sides where they are known.
    traced = cm.front_sites(day, shown)
    known = shown != ""
    assert (traced[known] == shown[known]).all()


def test_a_small_island_behind_the_other_sides_lines_is_not_shaded():
    reach = {
        "RU": shapely.box(35, 45, 40, 52).difference(shapely.box(37, 48, 37.8, 48.8)),
        "UA": shapely.MultiPolygon(
            [
                shapely.box(30, 45, 35, 52),  # its main body
                shapely.box(37, 48, 37.8, 48.8),  # ringed by the other side's ground
            ]
        ),
    }
    found = islands(reach, ("RU", "UA"), BOX)
    assert set(found) == {"UA"}
    assert found["UA"].equals(shapely.box(37, 48, 37.8, 48.8))
    # A piece amid ground no report covers is no island ...
    reach["RU"] = shapely.box(35, 45, 36.5, 52)
    assert islands(reach, ("RU", "UA"), BOX) == {}
    # ... and a large pocket stands.
    big = shapely.box(37, 47, 39, 49)
    reach = {"RU": shapely.box(35, 45, 40, 52).difference(big), "UA": reach["UA"].union(big)}
    reach["UA"] = shapely.MultiPolygon([shapely.box(30, 45, 35, 52), big])
    assert islands(reach, ("RU", "UA"), BOX) == {}


def test_the_drawn_areas_leave_out_reports_behind_the_other_sides_lines():
    box = shapely.box(34, 47, 38, 50)
    rows = []
    for k, lat in enumerate(np.arange(47.3, 49.8, 0.25).round(2)):
        for j, lon in enumerate((34.4, 34.8, 35.2)):
            rows.append(
                (f"w{k}{j}", "2022-05-01", "hold", UA, RU, f"W{k}{j}", lon, lat, "confirmed")
            )
        for j, lon in enumerate((36.2, 37.4)):
            rows.append(
                (f"e{k}{j}", "2022-05-01", "hold", RU, UA, f"E{k}{j}", lon, lat, "reported")
            )
    # A few reports of the western side close together amid the eastern side's ground.
    for k, (lon, lat) in enumerate([(36.75, 48.5), (36.85, 48.55), (36.8, 48.6)]):
        rows.append(
            (f"x{k}", "2022-05-02", "liberate", UA, RU, f"Behind {k}", lon, lat, "confirmed")
        )
    cm = ControlMap.build(_events(rows), settlements=_grid(0.1, box), clip=box)
    day = cm.latest_day()
    shown, _, _ = cm.site_states(day)
    behind = shapely.Point(36.8, 48.55)
    assert cm.areas(shown)["UA"].contains(behind)  # the model's own cells
    front, drawn = cm.drawing(shown, cm.front_sites(day, shown))
    assert not drawn["UA"].contains(behind)  # not shaded on the map
    assert drawn["UA"].contains(shapely.Point(34.8, 48.55))
    assert cm.snapshot(day).areas["UA"].equals(drawn["UA"])  # `frontline control` agrees
    assert front is not None and shapely.distance(front, behind) > 0.5


def test_the_front_crosses_contested_ground_instead_of_stopping_at_it():
    box = shapely.box(34, 47, 38, 50)
    rows = []
    for k, lat in enumerate(np.arange(47.5, 49.6, 0.3).round(2)):
        rows.append((f"w{k}", "2022-05-01", "hold", UA, RU, f"West {k}", 35.2, lat, "confirmed"))
        rows.append((f"e{k}", "2022-05-01", "hold", RU, UA, f"East {k}", 36.4, lat, "confirmed"))
        # between them, places both sides are reported to hold on the same day
        for actor, other in ((UA, RU), (RU, UA)):
            rows.append(
                (
                    f"m{k}{actor[-6:]}",
                    "2022-05-01",
                    "hold",
                    actor,
                    other,
                    f"Mid {k}",
                    35.8,
                    lat,
                    "confirmed",
                )
            )
    cm = ControlMap.build(_events(rows), settlements=_grid(0.1, box), clip=box)
    day = cm.latest_day()
    shown, own, _ = cm.site_states(day)
    middle = np.isclose(cm.sites.lonlat[:, 0], 35.8, atol=0.01) & cm.model.reported
    assert middle.sum() >= 7 and (own[middle] == "?").all()
    front = cm.front(day, shown)
    assert front is not None
    # one line along the whole band of contested places, not pieces between them
    assert len(shapely.get_parts(front)) == 1
    band = shapely.box(35.3, 47.5, 36.3, 49.4)
    assert shapely.length(shapely.intersection(front, band)) > 1.7
