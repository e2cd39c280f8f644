"""Lazy package exports: a package lists its public names and loads each on first use.

One job: keep ``import geo``, ``import maps`` and ``import gazetteer`` light (no
geopandas, folium or index at import time) while their ``__all__`` names the public
surface.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, where: Mapping[str, str], public: list[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return a package's module-level ``__getattr__`` and ``__dir__``.

    Parameters
    ----------
    package : str
        The package's name, for the error message.
    where : mapping of str to str
        Public name to the module that defines it (imported on first use).
    public : list of str
        The package's ``__all__``.

    Returns
    -------
    tuple of callable
        ``(__getattr__, __dir__)``, to assign in the package's ``__init__``.

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("pkg", {"join": "os.path"}, ["join"])
    >>> getattr_("join").__name__
    'join'
    """

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(module), name)

    def __dir__() -> list[str]:
        return sorted(public)

    return __getattr__, __dir__
