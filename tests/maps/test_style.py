from __future__ import annotations

import pytest

from maps.style import ACTION_SHAPES, legend_html, shape_points, side_of, sides_for


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        ("Military Forces of Ukraine", "UA"),
        ("Ukrainian forces", "UA"),
        ("Military Forces of Russia (2000-)", "RU"),
        ("Russian troops", "RU"),
        ("pro-Russian separatists", "RU"),
        ("Belarusian army", "BY"),
        ("Unidentified armed group", ""),
        ("", ""),
    ],
)
def test_side_of_reads_country_or_demonym(actor, code):
    assert side_of(actor)[0] == code


def test_sides_get_one_hue_family_each_and_unknown_is_grey():
    sides = sides_for([("RU", "Russia"), ("UA", "Ukraine"), ("BY", "Belarus"), ("", "")])
    colors = {s.code: s for s in sides}
    assert colors["UA"].color != colors["RU"].color
    assert len({s.color for s in sides}) == 4
    assert colors[""].label == "Other or unknown"
    # Blue family for Ukraine, red family for Russia by default.
    ua = colors["UA"].color
    ru = colors["RU"].color
    assert int(ua[5:7], 16) > int(ua[1:3], 16)
    assert int(ru[1:3], 16) > int(ru[5:7], 16)


def test_every_action_has_a_distinct_shape():
    assert len(set(ACTION_SHAPES.values())) == len(ACTION_SHAPES)
    for shape in ACTION_SHAPES.values():
        pts = shape_points(shape)
        assert shape == "circle" or len(pts) >= 3
        assert all(abs(x) <= 1.0001 and abs(y) <= 1.0001 for x, y in pts)


def test_legend_escapes_text():
    sides = sides_for([("", "")])
    out = legend_html(
        sides, ["capture"], title="<script>x</script>", has_front=True, control_sides=set()
    )
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "inferred from reports" in out


@pytest.mark.parametrize("contested", [True, False])
def test_legend_lists_the_given_sides_and_contested_only_when_drawn(contested):
    sides = sides_for([("UA", "Ukraine"), ("RU", "Russia")])
    out = legend_html(
        sides,
        ["capture"],
        title="t",
        has_front=True,
        control_sides={"UA", "RU"},
        area_sides={"UA", "RU"},
        has_contested=contested,
    )
    assert ("Contested or unclear" in out) is contested
    assert "Control, inferred from reports" in out
    assert "Approximate front line, inferred from reports" in out
    assert "Held by Ukraine" in out and "Held by Russia" in out
    assert "Other or unknown" not in out
