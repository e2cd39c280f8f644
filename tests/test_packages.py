"""Each package's public surface: every name in ``__all__`` resolves, and nothing else does."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["geo", "maps", "gazetteer"])
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__, f"{package} exposes nothing"
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


@pytest.mark.parametrize("package", ["geo", "maps"])
def test_importing_a_package_stays_light(package: str) -> None:
    # The stage modules load on first use: importing the package pulls in no heavy library.
    heavy = "{'geopandas', 'folium', 'dateparser'}"
    code = f"import sys, {package}; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
