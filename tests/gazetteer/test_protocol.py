"""The Gazetteer satisfies GazetteerLike, member by member; clear_caches empties every memo."""

from __future__ import annotations

import inspect

import pytest

from gazetteer.index import Index
from gazetteer.protocol import GazetteerLike
from gazetteer.resolver import Gazetteer

MEMBERS = [
    name
    for name, value in vars(GazetteerLike).items()
    if not name.startswith("_") and (callable(value) or isinstance(value, property))
]


def test_the_loaded_gazetteer_is_gazetteer_like(gaz) -> None:
    assert isinstance(gaz, Gazetteer)
    assert isinstance(gaz, GazetteerLike)


def test_the_protocol_names_what_geo_uses() -> None:
    assert sorted(MEMBERS) == sorted(
        ["index", "max_name_tokens", "is_known", "abbreviates_unit", "candidates", "country",
         "country_of_demonym", "place_of_demonym", "border", "borders_of",
         "nearest_border_point", "resolve", "resolve_all", "main_locality"]
    )  # fmt: skip


@pytest.mark.parametrize("name", MEMBERS)
def test_each_member_exists_with_a_compatible_signature(gaz, name: str) -> None:
    wanted = inspect.getattr_static(GazetteerLike, name)
    if isinstance(wanted, property):
        assert hasattr(gaz, name)
        if name == "index":
            assert isinstance(gaz.index, Index)
        else:
            assert isinstance(inspect.getattr_static(Gazetteer, name), property)
            assert isinstance(getattr(gaz, name), int)
        return
    have = inspect.signature(getattr(Gazetteer, name))
    want = inspect.signature(wanted)
    assert list(have.parameters) == list(want.parameters)
    for p, q in zip(have.parameters.values(), want.parameters.values(), strict=True):
        assert (p.kind, p.default, p.annotation) == (q.kind, q.default, q.annotation), p.name
    assert have.return_annotation == want.return_annotation


def test_clear_caches_empties_every_memo(gaz) -> None:
    fresh = Gazetteer(gaz.index)
    fresh.resolve_all(["Kharkiv", "Kharkiv Oblast", "English", "Izium"], backoff=True)
    fresh.rank("Kupiansk", context=["Kharkiv"])
    assert fresh._rows._fields and fresh._scorer._cand_cache and fresh._scorer._pool_memo
    assert fresh._coherence._a1_code_cache and fresh._countries._demonym_units
    fresh.clear_caches()
    assert not fresh._rows._fields and not fresh._scorer._cand_cache
    assert fresh._scorer._pool_memo is None
    assert not fresh._coherence._a1_code_cache and not fresh._countries._demonym_units
