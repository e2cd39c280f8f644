"""The noise model: keys that fold the ways names get mangled, and the table over them."""

from __future__ import annotations

import pytest

from gazetteer.noise import (
    CYRILLIC_COUNTRIES,
    MIN_POPULATION,
    NoiseTable,
    noise_cost,
    noise_keys,
    noise_similarity,
)


@pytest.mark.parametrize(
    ("damaged", "name"),
    [
        ("Melitopor", "Melitopol"),  # l/r
        ("Pawlohrad", "Pavlohrad"),  # v/w
        ("Slovyansk", "Sloviansk"),  # i/y
        ("Pokrowsk", "Pokrovsk"),
        ("Kramatorskiy", "Kramatorsk"),  # -sk/-skiy
        ("Zaporozhye", "Zaporizhzhia"),  # -ia/-ye, Russian o for Ukrainian i
        ("Nikopolle", "Nikopol"),  # doubled letter, added vowel
        ("Hlukhiv", "Glukhov"),  # h/g, -iv/-ov
        ("Кupiansk", "Kupiansk"),  # a Cyrillic capital inside a Latin word
    ],
)
def test_modelled_damage_keeps_the_noise_key(damaged, name):
    assert set(noise_keys(damaged)) & set(noise_keys(name))
    assert noise_similarity(damaged, name) >= 0.85


def test_cyrillic_names_are_read_in_both_transliterations():
    assert set(noise_keys("Миколаїв")) & set(noise_keys("Mykolaiv"))
    assert set(noise_keys("Николаев")) & set(noise_keys("Nikolayev"))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kupiansk", "Kramatorsk"), ("Lozova", "Izium"), ("Sumy", "Poltava"), ("Odesa", "Kyiv")],
)
def test_different_names_stay_apart(a, b):
    assert not set(noise_keys(a)) & set(noise_keys(b))
    assert noise_similarity(a, b) < 0.75


def test_the_same_name_is_most_similar_and_similarity_is_symmetric():
    assert noise_similarity("Bakhmut", "Bakhmut") == 1.0
    assert noise_similarity("Bachmut", "Bakhmut") == noise_similarity("Bakhmut", "Bachmut")
    assert noise_similarity("Bakhmut", "Bachmut") > noise_similarity("Bakhmut", "Berdiansk")


def test_empty_and_punctuation_only_names_have_no_key():
    assert noise_keys("") == ()
    assert noise_keys("--") == ()
    assert noise_similarity("", "Kyiv") == 0.0


def test_the_table_finds_towns_by_their_damaged_names(gaz):
    table = NoiseTable(gaz.index)
    rows = table.rows("Kremenchuh")
    names = [gaz.index.name(r) for r, _, _ in rows]
    assert "Kremenchuk" in names
    _, sim, same = next(t for t in rows if gaz.index.name(t[0]) == "Kremenchuk")
    assert same and sim >= 0.85
    # best first
    sims = [s for _, s, _ in rows]
    assert sims == sorted(sims, reverse=True)


def test_the_table_holds_only_sizeable_places_of_cyrillic_script_countries(gaz):
    by_key, _, _ = NoiseTable(gaz.index).table()
    ix = gaz.index
    rows = {r for rs in by_key.values() for r in rs}
    assert len(rows) > 1000
    for r in list(rows)[:2000]:
        assert ix.countries[ix.cc[r]] in CYRILLIC_COUNTRIES
        if ix.kind_of(r).value == "settlement":
            assert ix.pop[r] >= MIN_POPULATION
    # nothing in France: "Lyonne" is not read as a damaged Lyon
    found = NoiseTable(gaz.index).rows("Lyonne")
    assert not any(ix.countries[ix.cc[r]] == "FR" for r, _, _ in found)


def test_normalise_reads_look_alike_letters_only_in_mixed_script_words():
    from gazetteer.names import normalise

    assert normalise("Кharkiv") == "kharkiv"  # Cyrillic К, Latin rest
    assert normalise("Melitоpol") == "melitopol"  # Cyrillic о
    assert normalise("Харків") == "харків"  # a Cyrillic word stays Cyrillic
    assert normalise("Кharkiv Харків") == "kharkiv харків"
    assert normalise(normalise("Кharkiv")) == normalise("Кharkiv")


@pytest.mark.parametrize(
    ("damaged", "arbitrary", "name"),
    [
        ("melitopor", "melitopox", "melitopol"),  # l/r against any letter
        ("poltavva", "poltavza", "poltava"),  # a doubled letter against any added one
        ("kharkif", "kharkiz", "kharkiv"),  # v/f
        ("hlukhiv", "plukhiv", "glukhiv"),  # h/g
        ("sumya", "sumta", "sumy"),  # a final vowel added
        ("zaporizhia", "zaporimzhia", "zaporizhzhia"),  # a doubled digraph halved
    ],
)
def test_modelled_slips_cost_less_than_arbitrary_edits(damaged, arbitrary, name):
    assert 0 < noise_cost(damaged, name) < 1
    assert noise_cost(damaged, name) < noise_cost(arbitrary, name)
    assert noise_cost(damaged, name) == noise_cost(name, damaged)
    assert noise_cost(name, name) == 0


def test_the_spelling_needing_fewer_slips_is_the_closer():
    # one halved letter against a halved letter and a dropped final vowel
    assert noise_similarity("Berrdo", "Berdo") > noise_similarity("Berrdo", "Berdoa")
    # one l/r against l/r and a changed vowel
    assert noise_similarity("Vorkan", "Volkan") > noise_similarity("Vorkan", "Volken")


@pytest.mark.parametrize(
    ("damaged", "town", "rival"),
    [
        ("Dubbno", "Dubno", "Dubna"),  # the larger Russian Dubna needs a second slip
        ("Olevssk", "Olevsk", "Orlovskiy"),
        ("Sammar", "Samar", "Samara"),
    ],
)
def test_the_closest_damaged_spelling_outranks_a_larger_namesake(gaz, damaged, town, rival):
    p = gaz.resolve(damaged, cues=("near",))
    ranked = [q.name for q in (p, *p.alternatives)]
    assert town in ranked
    assert rival not in ranked or ranked.index(town) < ranked.index(rival)
