"""frontline maps: the time-slider map, embeddable snippets and previews.

Render the corpus event table (a GeoDataFrame, or a file ``frontline extract``
wrote) with :func:`render_site`; build the :class:`folium.Map` alone with
:func:`render_map`. ``maps`` draws what ``geo`` computes: events are read through
:mod:`geo.export` into geo's records (columns: :mod:`geo.schema`), and reported control
and the inferred front come from :mod:`geo.control`. Browser assets come from
``python -m maps.assets fetch``. Names are imported on first use, so ``import maps``
stays light.
"""

from __future__ import annotations

from gazetteer.lazy import lazy_exports

__all__ = [
    "MapEvent",
    "MapExtent",
    "OfflineBase",
    "SiteReport",
    "Snippet",
    "SnippetGroup",
    "embed_code",
    "load_events",
    "load_offline_base",
    "map_events",
    "map_extent",
    "map_html",
    "render_map",
    "render_site",
    "snippet_groups",
]

_WHERE = {
    "MapEvent": "maps.table",
    "load_events": "maps.table",
    "map_events": "maps.table",
    "MapExtent": "maps.extent",
    "map_extent": "maps.extent",
    "OfflineBase": "maps.layers",
    "load_offline_base": "maps.layers",
    "SiteReport": "maps.site",
    "render_site": "maps.site",
    "map_html": "maps.render",
    "render_map": "maps.render",
    "Snippet": "maps.embed",
    "SnippetGroup": "maps.embed",
    "embed_code": "maps.embed",
    "snippet_groups": "maps.embed",
}


__getattr__, __dir__ = lazy_exports("maps", _WHERE, __all__)
