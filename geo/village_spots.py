"""Put each village known only by its hromada where the corpus's reports place it.

The codifier lists villages without a point, and the gazetteer stands them at their
hromada's centre, often 10 to 20 km from the village and sometimes across the front.
Reports often say where such a village lies ("X (2km southwest of Y)"), but one
sentence in many: the others ("repelled assaults on X") leave X at the centre. Once
every article is read, each report of the village takes the spot that the report
placing it nearest its reference gives: a compass point rounded to eight directions
puts a spot up to two fifths of its distance off, so the nearest reference says most.
A spot stated within :data:`PLACE_KM` of its reference is then as good as a point of
the village's own: the reports of the village itself (not of ground near it) take the
precision of a place, and a change of hands there is a change of the village's side.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

import shapely

from geo.model import Event, GeoPrecision
from geo.relative import HROMADA_CENTRE_NOTE, approximate, spot_note, stated_spot

__all__ = ["place_villages"]

#: Spots stated at up to this multiple of the nearest one's distance are as good:
#: reports round "2km" and "3km" alike.
CLOSE_SHARE = 1.5
#: A spot stated at most this far (km) from its reference stands on the village: its
#: compass word misses by two fifths of the distance at most, about a village's size.
PLACE_KM = 5.0


def place_villages(events: Iterable[Event]) -> list[Event]:
    """Move the reports of villages known only by their hromada to their stated spot.

    Parameters
    ----------
    events : iterable of Event
        The events of a whole corpus, before merging.

    Returns
    -------
    list of Event
        The same events in the same order. An event at a codifier village's hromada
        centre, or at a spot its own report states, now stands at the spot of the
        report that places the village nearest its reference (the median of the
        spots stated within :data:`CLOSE_SHARE` of that distance), and its notes end
        with that placement ("as a report places it"); within :data:`PLACE_KM` of its
        reference, a report of the village itself (not "near X") has the precision of
        a place. Ground measured off the village ("5km north of X"), lines and areas
        keep their place; so do villages no report places.

    Examples
    --------
    >>> place_villages([])
    []
    """
    events = list(events)
    # each event's own stated spot (distance, reference), read once
    stated = [stated_spot(e.notes) if _movable(e) else None for e in events]
    spots: dict[str, list[tuple[float, str, Event]]] = defaultdict(list)
    for e, own_spot in zip(events, stated, strict=True):
        if own_spot is not None:
            spots[e.place_id].append((*own_spot, e))
    best = {place_id: _best_spot(found) for place_id, found in spots.items()}
    out = []
    for e, own_spot in zip(events, stated, strict=True):
        spot = best.get(e.place_id)
        at_centre = own_spot is None and _movable(e) and e.notes.endswith(HROMADA_CENTRE_NOTE)
        if spot is None or not (own_spot is not None or at_centre):
            out.append(e)
            continue
        lat, lon, km, reference = spot
        head = e.notes[: e.notes.rindex(" (")]
        # not "held ground near X", nor "withdrew toward X" (where the force went)
        went = e.action == "withdraw" and head.endswith(f"toward {e.location}")
        itself = not head.endswith(f"near {e.location}") and not went
        out.append(
            replace(
                e,
                latitude=lat,
                longitude=lon,
                geometry=shapely.Point(lon, lat),
                geo_precision=GeoPrecision.PLACE if itself and km <= PLACE_KM else e.geo_precision,
                notes=f"{head} {spot_note(km, reference, own=own_spot == (km, reference))}",
            )
        )
    return out


def _movable(e: Event) -> bool:
    """Whether an event stands on a codifier village's own (approximate) point."""
    return (
        approximate(str(e.place_id or ""))
        and not e.origin_place_id
        and getattr(e.geometry, "geom_type", "") == "Point"
    )


def _best_spot(found: list[tuple[float, str, Event]]) -> tuple[float, float, float, str]:
    """Return the latitude, longitude, distance and reference of a village's best spot."""
    found = sorted(found, key=lambda s: (s[0], s[2].latitude, s[2].longitude, s[2].event_id))
    nearest, reference, _ = found[0]
    close = [e for km, _, e in found if km <= nearest * CLOSE_SHARE]
    lat = statistics.median(e.latitude for e in close)
    lon = statistics.median(e.longitude for e in close)
    return lat, lon, nearest, reference
