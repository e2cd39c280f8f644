"""Same-name villages chosen by the report's geography.

Ukraine has dozens of Novomykhailivkas and Hryhorivkas. The resolver ranks a name's
candidates by what it knows of the whole article; a daily report then places each one
beside others in the same sentence ("Nova Dmytrivka (25km southwest of Izyum)") or
paragraph. :func:`nearer_namesake` swaps a resolved village for one of its alternatives
when the chosen one lies far from every place the sentence or paragraph names and an
alternative lies among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gazetteer.model import Place, PlaceKind
from geo.model import Mention
from geo.relative import distance_km

__all__ = ["FAR_KM", "NEAR_KM", "namesake_fits", "nearer_namesake"]

#: A place this close to a neighbour named with it fits the report's geography.
NEAR_KM = 60.0
#: A village this far from every neighbour named with it is a namesake elsewhere.
FAR_KM = 150.0
#: Two entries of one name this close are one village (a codifier entry sits at its
#: hromada's centre).
_SAME_KM = 20.0
#: Towns this large are meant by their name even where villages share it.
_TOWN = 50_000


def _distance(place: Place, references: Sequence[Place]) -> float:
    return min(distance_km((place.lat, place.lon), (r.lat, r.lon)) for r in references)


def nearer_namesake(
    mention: Mention, references: Sequence[Place], *, near_km: float = NEAR_KM
) -> Mention:
    """Return the mention placed on the namesake that fits its neighbours, if one does.

    Parameters
    ----------
    mention : Mention
        A resolved mention.
    references : sequence of Place
        The places named with it (the sentence's, else the paragraph's).
    near_km : float
        How close to a neighbour a namesake must be to be taken, and how far from
        every neighbour the resolver's choice must be to be given up.

    Returns
    -------
    Mention
        Unchanged unless the resolver's village lies farther than ``near_km`` from
        every reference and an alternative of the same kind lies within ``near_km``
        of one (the nearest such alternative is taken).

    Examples
    --------
    >>> far = Place("t:1", "Lisne", PlaceKind.SETTLEMENT, 45.0, 34.0, "UA")
    >>> near = Place("t:2", "Lisne", PlaceKind.SETTLEMENT, 48.6, 37.9, "UA")
    >>> m = Mention(0, 5, "Lisne", (), replace(far, alternatives=(near,)))
    >>> town = Place("t:3", "Bakhmut", PlaceKind.SETTLEMENT, 48.59, 38.0, "UA")
    >>> nearer_namesake(m, [town]).place.id
    't:2'
    """
    place = mention.place
    if place is None or place.kind is not PlaceKind.SETTLEMENT or not place.alternatives:
        return mention
    refs = [r for r in references if r.id != place.id and r.name != place.name]
    if not refs or _distance(place, refs) <= near_km:
        return mention
    options = [
        a
        for a in place.alternatives
        if a.kind is PlaceKind.SETTLEMENT and _distance(a, refs) <= near_km
    ]
    if not options:
        return mention
    best = min(options, key=lambda a: _distance(a, refs))
    return replace(mention, place=replace(best, score=place.score, alternatives=(place,)))


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalpha())


def namesake_fits(
    mention: Mention,
    references: Sequence[Place],
    *,
    near_km: float = NEAR_KM,
    far_km: float = FAR_KM,
) -> bool:
    """Whether a village's place can stand, given the places named with it.

    A mention abstains (the report does not say which village it means) when two
    villages of its name both lie among its neighbours, or when its village lies
    farther than ``far_km`` from every neighbour and no namesake lies among them.

    Parameters
    ----------
    mention : Mention
        A resolved mention (after :func:`nearer_namesake`).
    references : sequence of Place
        The places named with it (the sentence's, else the paragraph's).
    near_km, far_km : float
        Among the neighbours; far from all of them.

    Returns
    -------
    bool
        False when the mention should abstain.

    Examples
    --------
    >>> a = Place("t:1", "Lisne", PlaceKind.SETTLEMENT, 48.60, 37.90, "UA")
    >>> b = Place("t:2", "Lisne", PlaceKind.SETTLEMENT, 48.45, 38.22, "UA")
    >>> town = Place("t:3", "Dubovets", PlaceKind.SETTLEMENT, 48.59, 38.0, "UA")
    >>> namesake_fits(Mention(0, 5, "Lisne", (), replace(a, alternatives=(b,))), [town])
    False
    """
    place = mention.place
    if place is None or place.kind is not PlaceKind.SETTLEMENT or place.population >= _TOWN:
        return True
    # a place abroad ("Moscow said") is a speaker or a capital, not the village's neighbour
    refs = [
        r
        for r in references
        if r.id != place.id and _fold(r.name) != _fold(place.name) and r.country == place.country
    ]
    twins = [
        a
        for a in place.alternatives
        if a.kind is PlaceKind.SETTLEMENT
        and _fold(a.name) == _fold(place.name)
        and _distance(a, [place]) > _SAME_KM  # a second entry of one village is no twin
    ]
    if not refs or not twins:
        return True
    near = sorted(d for d in (_distance(c, refs) for c in (place, *twins)) if d <= near_km)
    if len(near) >= 2 and near[1] - near[0] < _SAME_KM:
        return False  # two villages of the name as near the neighbours: the text does not say
    return bool(near) or _distance(place, refs) <= far_km
