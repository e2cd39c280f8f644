"""Indented JSON at the speed of the C encoder, with the bytes of ``json.dumps``.

``json.dumps(obj, indent=n)`` runs Python's pure encoder, one generator step per value:
for an event table's GeoJSON (its coordinates mostly) that is most of the time of
writing it. :func:`dumps_indented` writes the same text from parts the C encoder makes:
a container of plain values in one call, whose item separator carries the line break and
the indentation; a block of nested lists of numbers (a geometry's coordinates) compact
in one call, then indented by a few string replacements (numbers hold no bracket, comma
or space, so the replacements cannot touch them). Anything else (a key that is not a
string, an empty list inside numbers, a type JSON does not know) takes the general path,
so the result is always ``json.dumps(obj, ensure_ascii=False, indent=indent)``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["dumps_indented", "round_like_python"]

_PLAIN = (str, int, float, bool, type(None))
_NOT_NUMBERS = ('"', "{", "true", "false", "null", "[]")
# Stand-ins for the brackets and commas that the numeric blocks' indentation adds,
# restored at the end of the block; a number's text never holds them.
_OPEN, _CLOSE, _COMMA = "\x02", "\x03", "\x00"


class _General(Exception):
    """The object needs ``json.dumps`` itself (a key that is not a string, say)."""


def _unknown(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@functools.cache
def _flat(separator: str, key_separator: str = ": ") -> Callable[[Any], str]:
    """Return the C encoder with ``separator`` between items (a break and an indent)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator: the same text, slower
        return json.JSONEncoder(
            ensure_ascii=False, separators=(separator, key_separator), check_circular=False
        ).encode
    # one encoder for every call (JSONEncoder.encode makes a new one each time); no
    # check for cycles: the event tables are trees
    encoder = make(
        None,
        _unknown,
        json.encoder.encode_basestring,
        None,
        key_separator,
        separator,
        False,
        False,
        True,
    )
    return lambda value: "".join(encoder(value, 0))


_compact = _flat(",", ":")
_scalar = _flat(", ")
_key = json.encoder.encode_basestring


def dumps_indented(obj: Any, indent: int = 1, *, level: int = 0) -> str:
    """Return ``json.dumps(obj, ensure_ascii=False, indent=indent)``, faster.

    Parameters
    ----------
    obj : object
        Dicts, lists, tuples, strings, numbers, booleans and ``None``.
    indent : int, default 1
        Spaces per level.
    level : int, default 0
        The depth ``obj`` sits at in a larger document: its lines after the first are
        indented as they are there, so that items written apart can be joined into the
        document's bytes.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        For a value JSON cannot write (as ``json.dumps``).

    Examples
    --------
    >>> dumps_indented({"a": [[1.5, 2.0], [3.0, 4.0]]}) == json.dumps(
    ...     {"a": [[1.5, 2.0], [3.0, 4.0]]}, ensure_ascii=False, indent=1)
    True
    """
    out: list[str] = []
    try:
        _emit(obj, level, indent, out)
    except _General:
        text = json.dumps(obj, ensure_ascii=False, indent=indent)
        # JSON text holds a line break only between items (strings escape theirs)
        return text.replace("\n", _pad(level, indent)) if level else text
    return "".join(out)


def _pad(level: int, indent: int) -> str:
    return "\n" + " " * (level * indent)


def _emit(obj: Any, level: int, indent: int, out: list[str]) -> None:
    if isinstance(obj, dict):
        _emit_dict(obj, level, indent, out)
    elif isinstance(obj, (list, tuple)):
        _emit_list(obj, level, indent, out)
    else:
        out.append(_scalar(obj))


def _emit_dict(obj: dict[Any, Any], level: int, indent: int, out: list[str]) -> None:
    if not obj:
        out.append("{}")
        return
    if any(type(k) is not str for k in obj):  # json.dumps turns such keys into text
        raise _General
    inner = _pad(level + 1, indent)
    if all(type(v) in _PLAIN for v in obj.values()):
        text = _flat("," + inner)(obj)
        out.append("{" + inner + text[1:-1] + _pad(level, indent) + "}")
        return
    out.append("{")
    first = True
    for key, value in obj.items():
        out.append(("" if first else ",") + inner + _key(key) + ": ")
        first = False
        _emit(value, level + 1, indent, out)
    out.append(_pad(level, indent) + "}")


def _emit_list(obj: list[Any] | tuple[Any, ...], level: int, indent: int, out: list[str]) -> None:
    if not obj:
        out.append("[]")
        return
    head = obj[0]
    if isinstance(head, (list, tuple, int, float)) and not isinstance(head, bool):
        block = _numbers(obj, level, indent)
        if block is not None:
            out.append(block)
            return
    inner = _pad(level + 1, indent)
    if all(type(v) in _PLAIN for v in obj):
        text = _flat("," + inner)(obj)
        out.append("[" + inner + text[1:-1] + _pad(level, indent) + "]")
        return
    out.append("[")
    for i, value in enumerate(obj):
        out.append(("," if i else "") + inner)
        _emit(value, level + 1, indent, out)
    out.append(_pad(level, indent) + "]")


def _numbers(obj: Any, level: int, indent: int) -> str | None:
    """Return nested lists of numbers of one depth indented, ``None`` for other lists."""
    text = _compact(obj)
    if any(s in text for s in _NOT_NUMBERS):
        return None
    depth = len(text) - len(text.lstrip("["))
    if not text.endswith("]" * depth) or text[-depth - 1] == "]":
        return None
    core = text[depth:-depth]
    leaf = level + depth

    def pad(k: int) -> str:
        return _pad(k, indent)

    # between two numbers, ``m`` lists close and as many open: deepest runs first, so
    # that a shorter run never matches inside a longer one
    for m in range(depth - 1, 0, -1):
        closes = "".join(pad(leaf - 1 - i) + _CLOSE for i in range(m))
        opens = "".join(pad(leaf - m + i) + _OPEN for i in range(m))
        core = core.replace("]" * m + "," + "[" * m, closes + _COMMA + opens + pad(leaf))
    if "[" in core or "]" in core:  # lists of numbers at several depths
        return None
    core = core.replace(",", "," + pad(leaf))
    head = "[" + "".join(pad(level + i) + "[" for i in range(1, depth)) + pad(leaf)
    tail = "".join(pad(leaf - 1 - i) + "]" for i in range(depth))
    body = core.replace(_COMMA, ",").replace(_OPEN, "[").replace(_CLOSE, "]")
    return head + body + tail


def round_like_python(values: Any, decimals: int) -> np.ndarray:
    """Return ``round(v, decimals)`` of every value, as Python rounds, at numpy's speed.

    ``numpy.round`` scales, rounds to an integer and scales back; the scaling can err by
    a unit in the last place, which matters only where the scaled value lies within a
    hair of a half: those few values are rounded by Python itself. Elsewhere the integer
    is the one Python's correctly rounded decimal gives, and the division by a power of
    ten returns the double nearest to it, as Python does.

    Parameters
    ----------
    values : array_like of float
    decimals : int
        Decimal places (0 to 15).

    Returns
    -------
    ndarray of float
        Same shape as ``values``.

    Examples
    --------
    >>> round_like_python([2.675, 0.125, -1.5e-06], 2).tolist()
    [2.67, 0.12, -0.0]
    """
    array = np.asarray(values, dtype=float)
    out = np.round(array, decimals)
    scaled = np.abs(array) * 10.0**decimals
    # near a half, or too large for the scaling to be exact in a double (or not finite)
    with np.errstate(invalid="ignore"):
        doubtful = (np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6) | ~(scaled < 2.0**50)
    for index in zip(*np.nonzero(doubtful), strict=True):
        out[index] = round(float(array[index]), decimals)
    return out
