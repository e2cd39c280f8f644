"""The corpus's country: the one most control claims lie in, its outline and its places.

The control map tessellates every populated place of one country
(:class:`geo.control.ControlMap`); this module picks that country from the events and
reads its places from the gazetteer index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.control_claims import CLAIM_ACTIONS
from geo.model import Event
from geo.timeline import MergedEvent

__all__ = ["corpus_setting", "main_country"]


def main_country(events: Iterable[Event | MergedEvent], outlines: Any) -> tuple[str, Any]:
    """Return the country most control claims lie in, and its outline.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
    outlines : GeoDataFrame
        Countries with ``iso_a2`` and ``geometry`` (see
        :func:`gazetteer.geometry.countries`).

    Returns
    -------
    (str, geometry or None)
        ``("", None)`` when no claim lies in any country.
    """
    pts = np.array(
        [
            (e.longitude, e.latitude)
            for e in events
            if e.action in CLAIM_ACTIONS and e.latitude == e.latitude and e.longitude == e.longitude
        ],
        dtype=float,
    ).reshape(-1, 2)
    if not len(pts) or outlines is None or not len(outlines):
        return "", None
    geoms = np.asarray(outlines.geometry.values)
    hit = shapely.STRtree(geoms).query(shapely.points(pts), predicate="within")[1]
    if not len(hit):
        return "", None
    counts = Counter(hit.tolist())
    best = min(counts.items(), key=lambda kv: (-kv[1], str(outlines["iso_a2"].iloc[kv[0]])))[0]
    return str(outlines["iso_a2"].iloc[best]), geoms[best]


def corpus_setting(
    events: Iterable[Event | MergedEvent],
    *,
    require_index: bool = False,
) -> tuple[np.ndarray | None, BaseGeometry | None]:
    """Return the populated places and the outline of the corpus's country.

    The country is the one most control claims lie in; its places come from the
    gazetteer index. Without the index only the reported places get cells, which gives
    other areas and another front from the same events: ``frontline control``, whose
    file must be the same for the same events, requires the index.

    Parameters
    ----------
    events : iterable of Event or MergedEvent
    require_index : bool, default False
        Raise when the index is missing (else the country's places are ``None``).

    Returns
    -------
    (ndarray of shape (n, 2) or None, geometry or None)
        ``(None, None)`` when no claim lies in a country.

    Raises
    ------
    GazetteerNotBuiltError
        ``require_index`` and the place index is not built (``frontline gazetteer
        build``).
    """
    from gazetteer.exc import GazetteerNotBuiltError
    from gazetteer.geometry import countries
    from gazetteer.index import Index, index_path
    from geo.control_areas import country_places

    iso, outline = main_country(list(events), countries())
    if not iso:
        return None, None
    try:
        places = country_places(Index(index_path()), iso)
    except GazetteerNotBuiltError as exc:
        if not require_index:
            return None, outline
        raise GazetteerNotBuiltError(
            f"{exc}; the control areas need every populated place of the country: "
            "build the index with `frontline gazetteer build`"
        ) from None
    return places, outline
