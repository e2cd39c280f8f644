"""The fast indented JSON writer gives the bytes of json.dumps, on any JSON value."""

from __future__ import annotations

import json
import random

import pytest
import shapely

from geo.export import _geojson_features, _geojson_join
from geo.export_json import dumps_indented

PLAIN = [
    0,
    -3,
    2.5,
    1e-05,
    1e20,
    -0.0,
    float("nan"),
    float("inf"),
    True,
    False,
    None,
    "",
    "a, b] [c",
    'quote " and \\ back',
    "line\nbreak\ttab",
    "Київ \u2028 ü",
]


def _value(rng: random.Random, depth: int = 0):
    """A random JSON value: plain values, lists (numeric blocks too) and dicts."""
    roll = rng.random()
    if depth > 4 or roll < 0.3:
        return rng.choice(PLAIN)
    if roll < 0.5:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if roll < 0.7:  # nested lists of numbers of one depth, like coordinates

        def nest(level: int):
            if level == 0:
                return round(rng.uniform(-180, 180), rng.randint(0, 7))
            return [nest(level - 1) for _ in range(rng.randint(1, 3))]

        return nest(rng.randint(1, 4))
    return {
        rng.choice(["type", "a", "é", "k,1"]) + str(i): _value(rng, depth + 1)
        for i in range(rng.randint(0, 4))
    }


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_same_text_as_json_dumps_on_random_values(indent):
    rng = random.Random(indent)
    for _ in range(3000):
        value = _value(rng)
        assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize(
    "value",
    [
        [[1.0, 2.0], [3.0, [4.0]]],  # numbers at several depths
        [[[1, 2]], [3, 4]],
        [[], [1.5]],  # an empty list among numbers
        [[1, 2], (3, 4)],  # tuples are lists
        {"a": {"b": []}, "c": {}},
        [True, 1, 1.0],  # a boolean is no number
    ],
)
def test_irregular_values_take_the_general_path(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_keys_that_are_not_strings_and_unknown_types():
    assert dumps_indented({1: [1.5, 2.5], None: "x"}) == json.dumps(
        {1: [1.5, 2.5], None: "x"}, ensure_ascii=False, indent=1
    )
    with pytest.raises(TypeError, match="set"):
        dumps_indented({"a": [{1, 2}]})


def test_event_table_geojson_is_what_the_pure_encoder_writes():
    rows = []
    geometries = [
        shapely.Point(36.2304, 49.9935),
        shapely.Point(0.0000004, -0.0000001),
        None,
        shapely.box(30.1234567, 50.1, 31.7654321, 51.00000049),
        shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]),
        shapely.LineString([(1, 2), (3, 4.5)]),
        shapely.Polygon(),
        shapely.Polygon(shapely.box(0, 0, 10, 10).exterior, [shapely.box(1, 1, 2, 2).exterior]),
        shapely.GeometryCollection([shapely.Point(1, 2), shapely.box(0, 0, 1, 1)]),
    ]
    for i, geometry in enumerate(geometries):
        rows.append(
            {
                "event_id": f"e{i}",
                "quote": f'Invented "quote" {i} ü',
                "latitude": 1.5 * i,
                "undated": bool(i % 2),
                "event_date": None,
                "geometry": geometry,
            }
        )
    from geo import export

    columns = export.COLUMNS
    full = [{c: row.get(c, "") for c in columns} for row in rows]
    text = _geojson_join(_geojson_features(full))
    reference = json.loads(text)
    assert text == json.dumps(reference, ensure_ascii=False, indent=1) + "\n"
    # coordinates rounded as before: to the table's decimals, no negative zero
    assert reference["features"][1]["geometry"]["coordinates"] == [0.0, 0.0]
    assert reference["features"][2]["geometry"] is None
    assert reference["features"][6]["geometry"] is None


def test_rounding_is_python_rounding_at_numpy_speed():
    import numpy as np

    from geo.export_json import round_like_python

    rng = np.random.default_rng(15)
    values = np.concatenate(
        [
            rng.uniform(-180, 180, 20_000),
            np.round(rng.uniform(-180, 180, 20_000), 6),  # short decimals, many near halves
            (np.arange(-20_000, 20_000) + 0.5) / 1e5,  # exact and inexact halves
            [0.0, -0.0, 1e-7, -1e-7, 2.675, 0.125, 1e300, -1e17, float("nan"), float("inf")],
        ]
    )
    for decimals in (0, 4, 5, 6):
        ours = round_like_python(values, decimals)
        python = np.array([round(float(v), decimals) for v in values])
        same = (ours == python) | (np.isnan(ours) & np.isnan(python))
        assert same.all()
        assert (np.signbit(ours) == np.signbit(python)).all()  # negative zero too


@pytest.mark.parametrize("indent", [1, 3])
def test_items_written_at_their_level_join_into_the_document(indent):
    # items written apart at the depth they sit at, joined as the list's items are
    rng = random.Random(7 + indent)
    for _ in range(500):
        items = [_value(rng) for _ in range(rng.randint(1, 4))]
        items.append({1: [1.5]})  # a key that is not a string: the general path too
        document = {"type": "x", "items": items}
        pad = "\n" + " " * (2 * indent)
        joined = ("," + pad).join(dumps_indented(v, indent, level=2) for v in items)
        expected = json.dumps(document, ensure_ascii=False, indent=indent)
        assert expected == (
            "{\n"
            + " " * indent
            + '"type": "x",\n'
            + " " * indent
            + '"items": ['
            + pad
            + joined
            + "\n"
            + " " * indent
            + "]\n}"
        )
