"""frontline's offline place-name resolver.

``Gazetteer.load()`` opens the compact index over GeoNames (every alternate name),
countries, admin-1 units, named regions and borders; ``resolve`` and ``resolve_all``
rank candidates with context; ``GazetteerGeocoder`` is a geopy geocoder over it;
``GazetteerLike`` is the protocol of what the geoparsing stages need of a gazetteer.
Heavy modules are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gazetteer.exc import DataError, FrontlineError, GazetteerNotBuiltError, InputError
from gazetteer.lazy import lazy_exports
from gazetteer.model import Place, PlaceKind
from gazetteer.protocol import GazetteerLike

if TYPE_CHECKING:
    from gazetteer.geocoder import GazetteerGeocoder
    from gazetteer.resolver import Gazetteer

__all__ = [
    "DataError",
    "FrontlineError",
    "Gazetteer",
    "GazetteerGeocoder",
    "GazetteerLike",
    "GazetteerNotBuiltError",
    "InputError",
    "Place",
    "PlaceKind",
]


_WHERE = {"Gazetteer": "gazetteer.resolver", "GazetteerGeocoder": "gazetteer.geocoder"}
__getattr__, __dir__ = lazy_exports("gazetteer", _WHERE, __all__)
