"""frontline geo: articles to dated, geocoded event records, one room per stage.

The flow, each stage a plain function over frozen records::

    ingest     read_article / collect_articles   -> Article
    recognize  recognize                          -> Mention (span and cues)
    resolve    geoparse / resolve_spans           -> Mention with its Place
    events     extract_events                     -> Event
    timeline   merge_events / apply_overrides     -> MergedEvent (the corpus table)
    export     write_events / read_events         -> events.geojson / .csv / .parquet
    control    ControlMap / control_timeline      -> who holds what, areas, the inferred front

:class:`Pipeline` wires them for a corpus and owns the collaborators (the gazetteer,
its look-up cache, the optional NLP model). The event table's columns are declared once
in :mod:`geo.schema`. Names are imported on first use, so ``import geo`` stays light.
"""

from __future__ import annotations

from gazetteer.lazy import lazy_exports

__all__ = [
    "EVENT_COLUMNS",
    "Article",
    "ArticleResult",
    "ControlMap",
    "ControlTimeline",
    "CorpusResult",
    "Event",
    "GeoPrecision",
    "Mention",
    "MergedEvent",
    "Pipeline",
    "PlaceLookup",
    "Problem",
    "TimePrecision",
    "Verification",
    "apply_overrides",
    "collect_articles",
    "control_timeline",
    "extract_events",
    "geoparse",
    "merge_events",
    "read_article",
    "read_events",
    "recognize",
    "resolve_spans",
    "write_events",
]

_WHERE = {
    "Article": "geo.model",
    "Mention": "geo.model",
    "Event": "geo.model",
    "GeoPrecision": "geo.model",
    "TimePrecision": "geo.model",
    "Verification": "geo.model",
    "EVENT_COLUMNS": "geo.schema",
    "read_article": "geo.ingest",
    "collect_articles": "geo.ingest",
    "recognize": "geo.recognize",
    "PlaceLookup": "geo.lookup",
    "geoparse": "geo.resolve",
    "resolve_spans": "geo.resolve",
    "extract_events": "geo.events",
    "MergedEvent": "geo.timeline",
    "merge_events": "geo.timeline",
    "apply_overrides": "geo.timeline",
    "write_events": "geo.export",
    "read_events": "geo.export",
    "ControlTimeline": "geo.control",
    "control_timeline": "geo.control",
    "ControlMap": "geo.control",
    "Pipeline": "geo.pipeline",
    "ArticleResult": "geo.pipeline",
    "CorpusResult": "geo.pipeline",
    "Problem": "geo.pipeline",
}


__getattr__, __dir__ = lazy_exports("geo", _WHERE, __all__)
