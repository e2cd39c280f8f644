"""Event records for the control tests, written as short rows."""

from __future__ import annotations

import pandas as pd

from geo.export import events_from_frame


def events_of(rows):
    """Records of (id, date, action, actor1, actor2, place, lon, lat[, verification, quote,
    geo precision])."""
    records = []
    for row in rows:
        i, d, a, a1, a2, where, lon, lat, *rest = row
        records.append(
            {
                "event_id": i,
                "event_date": d,
                "action": a,
                "actor1": a1,
                "actor2": a2,
                "location": where,
                "latitude": lat,
                "longitude": lon,
                "place_id": f"p:{where}",
                "verification": rest[0] if rest else "reported",
                "quote": rest[1] if len(rest) > 1 else f"Sentence {i} about {where}.",
                "article_id": f"art-{i}",
                "geo_precision": rest[2] if len(rest) > 2 else 1,
                "confidence": 0.8,
            }
        )
    return events_from_frame(pd.DataFrame(records))


def coordinates(gaz, names):
    """Name -> (lon, lat) of each Ukrainian place named, from the gazetteer."""
    out = {}
    for name in names:
        place = gaz.resolve(name, country="UA")
        out[name] = (place.lon, place.lat)
    return out


def located(places, rows):
    """Rows of (id, date, action, actor1, actor2, place, ...) with the place's lon, lat put in."""
    return [
        (i, d, a, a1, a2, where, *places[where], *rest) for i, d, a, a1, a2, where, *rest in rows
    ]


def liberation(city, villages, ua, ru):
    """A confirmed liberation of ``city`` on 10 November 2022, and of the villages around it
    the day before (other reports: the offensive that took the city)."""
    text = f"Ukrainian forces liberated {city}."
    return [
        ("lib", "2022-11-10", "liberate", ua, ru, city, "confirmed", text),
        *[
            (
                f"v{k}",
                "2022-11-09",
                "liberate",
                ua,
                ru,
                name,
                "confirmed",
                f"Troops entered {name}.",
            )
            for k, name in enumerate(villages)
        ],
    ]


def holdings(gaz, held, taken, day="2022-07-08"):
    """Rows reporting each of ``held`` held by Ukrainian forces and each of ``taken`` by
    Russian ones on a day, placed by the gazetteer."""
    ua, ru = "Military Forces of Ukraine", "Military Forces of Russia"
    places = coordinates(gaz, [*held, *taken])
    return [
        (f"e{k}", day, "hold", *((ua, ru) if k < len(held) else (ru, ua)), name, *places[name])
        for k, name in enumerate([*held, *taken])
    ]
