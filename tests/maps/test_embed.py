from __future__ import annotations

import pandas as pd

from maps.embed import Snippet, embed_code, embed_page, snippet_groups
from maps.table import map_events


def _events():
    rows = []
    for i, (url, area) in enumerate(
        [
            ("https://example.org/a", "Area 1"),
            ("https://example.org/a", "Area 2"),
            ("https://example.org/b", "Area 2"),
            ("", ""),
        ]
    ):
        rows.append(
            {
                "event_id": f"e{i}",
                "action": "strike",
                "latitude": 49.0 + i,
                "longitude": 36.0,
                "event_date": "2022-03-01",
                "source_url": url,
                "source": "Synthetic Wire",
                "admin1": area,
                "country": "Synthetia",
                "article_id": f"articles/{i}.md",
            }
        )
    return map_events(pd.DataFrame(rows))


def test_groups_are_overall_per_article_and_per_area():
    groups = snippet_groups(_events())
    kinds = [g.kind for g in groups]
    assert kinds[0] == "overview" and len(groups[0].events) == 4
    articles = [g for g in groups if g.kind == "article"]
    by_title = {g.title: sorted(e.event_id for e in g.events) for g in articles}
    assert by_title["Reports from Synthetic Wire (example.org/a)"] == ["e0", "e1"]
    assert by_title["Reports from Synthetic Wire (example.org/b)"] == ["e2"]
    # Without a URL the article file identifies the story.
    assert by_title["Reports from Synthetic Wire (3.md)"] == ["e3"]
    areas = {g.title: len(g.events) for g in groups if g.kind == "area"}
    assert areas == {"Reports in Area 1, Synthetia": 1, "Reports in Area 2, Synthetia": 2}
    names = [g.name for g in groups]
    assert len(set(names)) == len(names)
    assert all(n.replace("-", "").isalnum() for n in names)


def test_groups_are_capped_largest_first():
    groups = snippet_groups(_events(), max_per_kind=1)
    assert [g.title for g in groups if g.kind == "article"] == [
        "Reports from Synthetic Wire (example.org/a)"
    ]


def test_embed_code_escapes_attributes():
    code = embed_code('embed/x.html"onload="alert(1)', 'A "title" <b>')
    assert code.startswith('<iframe src="embed/x.html&quot;onload=&quot;alert(1)"')
    assert 'title="A &quot;title&quot; &lt;b&gt;"' in code
    assert code.endswith('height="480"></iframe>')


def test_embed_page_lists_codes_escaped_and_previewed(tmp_path):
    code = embed_code("embed/overview.html", "All <reports>")
    s = Snippet("overview", "All <reports>", "overview", tmp_path / "o.html", 2048, 3, code)
    page = embed_page([s], title="T & <T>")
    assert "<title>Embed codes: T &amp; &lt;T&gt;</title>" in page
    assert "&lt;iframe src=&quot;embed/overview.html&quot;" in page  # copyable text
    assert f'<div class="preview">{code}</div>' in page  # rendered preview
    assert "<reports>" not in page


def _headlined(titles):
    rows = [
        {
            "event_id": f"h{i}",
            "action": "strike",
            "latitude": 49.0,
            "longitude": 36.0 + i,
            "event_date": "2022-03-01",
            "source_url": f"https://example.org/{i}",
            "source": "Synthetic Wire",
            "title": title,
            "article_id": f"articles/{i}.md",
        }
        for i, title in enumerate(titles)
    ]
    return map_events(pd.DataFrame(rows))


def test_article_snippets_take_the_headline_and_fall_back_to_outlet_and_link():
    groups = snippet_groups(_headlined(["Bridge reopened after repairs", ""]))
    titles = sorted(g.title for g in groups if g.kind == "article")
    assert titles == [
        "Bridge reopened after repairs",
        "Reports from Synthetic Wire (example.org/1)",
    ]


def test_a_merged_report_names_its_own_article_by_its_headline():
    row = {
        "event_id": "m1",
        "action": "strike",
        "latitude": 49.0,
        "longitude": 36.0,
        "event_date": "2022-03-01",
        "source_url": "https://example.org/a",
        "source": "Wire A",
        "title": "First headline",
        "article_id": "a.md",
        "sources": '[{"source": "Wire A", "source_url": "https://example.org/a", '
        '"title": "First headline", "article_id": "a.md"}, '
        '{"source": "Wire B", "source_url": "https://example.org/b", '
        '"title": "Second headline", "article_id": "b.md"}]',
    }
    groups = snippet_groups(map_events(pd.DataFrame([row])))
    assert sorted(g.title for g in groups if g.kind == "article") == [
        "First headline",
        "Second headline",
    ]
