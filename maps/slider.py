"""The time slider: a folium element that runs the map's own small script.

The script (``maps/templates/frontline.js``, drawing with the canvas layers of
``canvas.js``) filters the events client-side by date index, shades reported control
and switches the inferred front line. Its data is one
JSON object written into the page with every ``<``, ``>`` and ``&`` escaped, so no
text from an article can close the ``<script>`` element.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

__all__ = ["ScriptLayer", "TimeSlider", "escape_inline", "script_json"]

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_RE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    r"""Serialise data for a ``<script>`` element: sorted keys, no raw ``<>&``.

    Parameters
    ----------
    data : JSON-serialisable object

    Returns
    -------
    str
        A JavaScript expression equal to the data.

    Examples
    --------
    >>> script_json({"q": "</script>"})
    '{"q":"\\u003c/script\\u003e"}'
    """
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return _JSON_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


_CLOSE_RE = re.compile(r"</(script|style)", re.IGNORECASE)


def escape_inline(code: str) -> str:
    r"""Make JS or CSS source safe to place inside ``<script>``/``<style>``.

    ``</script`` and ``</style`` become ``<\/script`` (same meaning in JS strings and
    regular expressions, and in CSS), and ``<!--`` becomes ``<\!--``.

    Parameters
    ----------
    code : str

    Returns
    -------
    str
    """
    return _CLOSE_RE.sub(lambda m: "<\\/" + m.group(1), code).replace("<!--", "<\\!--")


@lru_cache(maxsize=4)
def _template_text(name: str) -> str:
    return resources.files("maps").joinpath("templates", name).read_text("utf-8")


class ScriptLayer(Layer):
    """An empty Leaflet feature group that the slider script fills.

    Parameters
    ----------
    name : str
        Name in the layer control.
    overlay : bool, default True
        Overlay (check box) or base layer (radio button).
    show : bool, default True
        Shown on opening.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.featureGroup();
        {% endmacro %}
        """
    )

    def __init__(self, name: str, *, overlay: bool = True, show: bool = True) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "ScriptLayer"


class TimeSlider(JSCSSMixin, MacroElement):
    """Time slider, events, control shading and front line, driven by one script.

    Parameters
    ----------
    data : dict
        Everything the script needs (dates, events, popups, control, fronts, legend).
    layers : dict of str to ScriptLayer
        The groups the script fills: ``events``, ``undated``, ``areas``, ``control``, ``front``.
    """

    default_js: tuple = ()
    default_css: tuple = ()

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            window.frontlineMap({{ this._parent.get_name() }}, {{ this.payload }}, {
            {%- for key, layer in this.layers %}
                {{ key }}: {{ layer.get_name() }}{{ "," if not loop.last }}
            {%- endfor %}
            });
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], *, layers: dict[str, ScriptLayer]) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.default_js = []
        self.default_css = []
        self.payload = script_json(data)
        self.layers = sorted(layers.items())
        self.js = escape_inline(_template_text("canvas.js") + "\n" + _template_text("frontline.js"))
        self.css = escape_inline(_template_text("frontline.css"))
