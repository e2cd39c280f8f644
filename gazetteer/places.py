"""Index rows as :class:`~gazetteer.model.Place` objects: :class:`PlaceRows`.

One job: turn a row of the index into a ``Place`` (with its score and alternatives),
remembering each row's fields, and find rows and index codes by id, country or unit.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from gazetteer.index import Index
from gazetteer.model import Place, PlaceKind
from gazetteer.options import Options

__all__ = ["PlaceRows"]

#: Whether :func:`_new_place` may fill a Place's fields directly (see there).
_DIRECT_PLACE = (
    tuple(f.name for f in dataclass_fields(Place))
    == ("id", "name", "kind", "lat", "lon", "country", "admin1", "population", "geonameid",
        "score", "alternatives", "geometry")
    and not hasattr(Place, "__post_init__")
    and "__slots__" not in vars(Place)
)  # fmt: skip


def _new_place(fields: tuple[Any, ...], score: float, alternatives: tuple[Place, ...]) -> Place:
    """Make a :class:`Place` from a row's cached fields (see ``PlaceRows.place``) and its score.

    ``Place`` is a frozen dataclass: its generated ``__init__`` sets each field through
    ``object.__setattr__``, which costs more than the rest of an exact-name lookup. While
    ``Place`` has exactly the fields named in ``_DIRECT_PLACE`` and no ``__post_init__``,
    the instance dictionary is filled directly instead, which makes an equal object.
    """
    pid, name, kind, lat, lon, country, admin1, pop, gid, geom = fields
    if not _DIRECT_PLACE:
        return Place(
            pid, name, kind, lat, lon, country, admin1, pop, gid, score, alternatives, geom
        )
    place = object.__new__(Place)
    place.__dict__.update(
        {"id": pid, "name": name, "kind": kind, "lat": lat, "lon": lon, "country": country,
         "admin1": admin1, "population": pop, "geonameid": gid, "score": score,
         "alternatives": alternatives, "geometry": geom}
    )  # fmt: skip
    return place


class PlaceRows:
    """Places of index rows, and rows and codes of ids, countries and admin-1 units.

    Parameters
    ----------
    index : Index
        The loaded index.
    opts : Options
        The resolver's options (``cache_size`` bounds the remembered rows).
    """

    def __init__(self, index: Index, opts: Options) -> None:
        self.index = index
        self.opts = opts
        self._fields: dict[int, tuple[Any, ...]] = {}
        self._cc_lookup: dict[str, int] | None = None

    def clear(self) -> None:
        """Forget the remembered rows."""
        self._fields.clear()

    def place(self, row: int, *, score: float = 1.0, alternatives: tuple[Place, ...] = ()) -> Place:
        """Return the place of an index row with this score and these alternatives.

        Parameters
        ----------
        row : int
            An index row.
        score : float
            The place's score (rounded to four decimals).
        alternatives : tuple of Place
            Next-best candidates, best first.

        Returns
        -------
        Place
            The place, with its geometry when the row has one.
        """
        fields = self._fields.get(row)
        if fields is None:
            ix = self.index
            pid, name, kind, lat, lon, country, a1key, pop, gid = ix.record(row)
            wkb = ix.geometry_wkb(row) if row < ix.n_special else None
            geom = None
            if wkb is not None:
                import shapely

                geom = shapely.from_wkb(wkb)
            admin1 = name if kind is PlaceKind.ADMIN1 else ix.meta["admin1_names"].get(a1key, "")
            fields = (pid, name, kind, lat, lon, country, admin1, pop, gid or None, geom)
            if len(self._fields) >= 8 * self.opts.cache_size:
                self._fields.clear()
            self._fields[row] = fields
        return _new_place(fields, round(float(score), 4), alternatives)

    def get(self, place_id: str) -> Place:
        """Return the place with this id.

        Raises
        ------
        KeyError
            When no place has this id.
        """
        return self.place(self.index.row_of(place_id))

    def admin1_key(self, place: Place) -> str:
        """Return the ``CC.code`` key of the admin-1 unit containing ``place`` (or ``""``)."""
        try:
            row = self.index.row_of(place.id)
        except KeyError:
            return ""
        return self.index.admin1_keys[int(self.index.a1[row])]

    def cc_code(self, code: str) -> int:
        """Return the index code of an ISO alpha-2 country code (-1 when not indexed)."""
        try:
            return self.index.countries.index(code)
        except ValueError:
            return -1

    def country_codes(self) -> dict[str, int]:
        """Index code of each country (the first, as :meth:`cc_code` finds it)."""
        codes = self._cc_lookup
        if codes is None:
            codes = {}
            for i, c in enumerate(self.index.countries):
                codes.setdefault(c, i)
            self._cc_lookup = codes
        return codes
