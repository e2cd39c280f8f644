from __future__ import annotations

import pytest

from maps.popups import POPUP_FIELDS, popup_record, safe_url
from maps.synthetic import HOSTILE_QUOTE, hostile_event
from maps.table import map_events


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1#c", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/x", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//example.org/x", False),
        ("/relative/path", False),
        ('https://example.org/"><script>', False),
        ("https://", False),
        ("", False),
        (None, False),
    ],
)
def test_only_web_urls_become_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_popup_keeps_untrusted_text_verbatim_and_drops_unsafe_link():
    import pandas as pd

    (e,) = map_events(pd.DataFrame([hostile_event()]))
    rec = dict(zip(POPUP_FIELDS, popup_record(e), strict=True))
    assert rec["quote"] == HOSTILE_QUOTE  # escaping happens where text meets HTML
    assert rec["url"] == ""
    assert rec["url_text"] == "javascript:alert(6)"
    assert rec["sources_count"] == 2
    assert rec["verification"] == "claimed by <u>someone</u>"


def test_popup_lists_the_other_reports_with_safe_links_only():
    import pandas as pd

    frame = pd.DataFrame(
        [
            {
                "event_id": "x",
                "action": "hold",
                "latitude": 1.0,
                "longitude": 2.0,
                "source": "Wire A",
                "source_url": "https://example.org/a",
                "sources_count": 3,
                "sources": [
                    {"source": "Wire A", "source_url": "https://example.org/a"},
                    {"source": "Wire B", "source_url": "https://example.org/b"},
                    {"source": "Wire C", "source_url": "javascript:alert(1)"},
                ],
            }
        ]
    )
    (e,) = map_events(frame)
    rec = dict(zip(POPUP_FIELDS, popup_record(e), strict=True))
    assert rec["url"] == "https://example.org/a"
    assert rec["others"] == [["Wire B", "https://example.org/b"], ["Wire C", ""]]
