"""Property-based checks: no string crashes the resolver or the recogniser, and the
same input always gets the same answer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.resolve import geoparse

# Names as they come out of text: letters of several scripts, marks, punctuation, digits.
names = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        whitelist_categories=("Lu", "Ll", "Lo", "Mn", "Nd", "Pd", "Po", "Zs", "So"),
    ),
    max_size=60,
)
common = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@common
@given(name=names)
def test_resolve_never_crashes_and_is_deterministic(gaz, name: str) -> None:
    first = gaz.resolve(name)
    second = gaz.resolve(name)
    assert first == second
    if first is not None:
        assert 0.0 <= first.score <= 1.0
        assert -90 <= first.lat <= 90 and -180 <= first.lon <= 180
        assert not (first.lat == 0 and first.lon == 0)


@common
@given(name=names)
def test_candidates_are_ranked_and_repeatable(gaz, name: str) -> None:
    found = gaz.candidates(name, limit=5)
    assert found == gaz.candidates(name, limit=5)
    scores = [p.score for p in found]
    assert scores == sorted(scores, reverse=True)


@common
@given(text=st.text(max_size=400))
def test_geoparse_never_crashes_and_spans_point_into_the_text(gaz, text: str) -> None:
    mentions = geoparse(text, gaz)
    assert [(m.start, m.end, m.place) for m in mentions] == [
        (m.start, m.end, m.place) for m in geoparse(text, gaz)
    ]
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
