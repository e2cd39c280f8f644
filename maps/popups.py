"""Popup content: which fields an event's popup shows, and which links are safe.

Article text is untrusted. Popups are built in the browser from plain strings with
``textContent`` (never ``innerHTML``), and a link is only made for an http(s) URL;
anything else (``javascript:``, ``data:``, relative paths) is shown as plain text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from maps.table import MapEvent

__all__ = ["MAX_OTHERS", "POPUP_FIELDS", "popup_record", "safe_url"]

_UNSAFE = re.compile(r"[\x00-\x20\"'<>`\\\x7f]")

#: Order of the fields in each popup record handed to the page.
POPUP_FIELDS = (
    "date",
    "action",
    "actors",
    "place",
    "quote",
    "source",
    "url",
    "url_text",
    "verification",
    "sources_count",
    "others",
)

#: Most other reports listed in one popup.
MAX_OTHERS = 5


def safe_url(value: str | None) -> str | None:
    """Return the URL when it is an absolute http(s) URL with a host, else ``None``.

    Parameters
    ----------
    value : str or None
        A URL from the event table.

    Returns
    -------
    str or None

    Examples
    --------
    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if _UNSAFE.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return text


def _place(e: MapEvent) -> str:
    parts = [p for p in (e.location, e.admin1, e.country) if p]
    seen: list[str] = []
    for p in parts:
        if p not in seen:
            seen.append(p)
    return ", ".join(seen)


def _verification(e: MapEvent) -> str:
    verification = e.verification.value
    if verification and e.claimed_by:
        return f"{verification} by {e.claimed_by}"
    return verification or (f"claimed by {e.claimed_by}" if e.claimed_by else "")


def popup_record(e: MapEvent) -> list[str | int]:
    """List the strings one event's popup shows, in :data:`POPUP_FIELDS` order.

    Parameters
    ----------
    e : MapEvent

    Returns
    -------
    list
        Plain (unescaped) strings and the sources count; the page inserts them as text.
    """
    actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
    own = safe_url(e.source_url)
    source = e.source or (e.sources[0][0] if e.sources else "")
    url = own or (safe_url(e.sources[0][1]) if e.sources and not e.source_url else None)
    others = []
    for label, link in e.sources:
        if (label, link) == (source, url or "") or (link and link == url):
            continue
        if not e.source and not own and label == source:
            continue
        others.append([label, safe_url(link) or ""])
    return [
        e.date_label,
        e.action,
        actors,
        _place(e),
        e.quote,
        source,
        url or "",
        "" if url else e.source_url,
        _verification(e),
        e.sources_count,
        others[:MAX_OTHERS],
    ]
