"""Session fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The shared material beside the clone (seed articles, geoparsing sets); read only.
SHARED = Path(__file__).resolve().parents[1] / "../shared"


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer, loaded once (built by ``frontline gazetteer build`` in setup)."""
    from gazetteer.resolver import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Folder of the shared seeds and benchmarks."""
    return SHARED.resolve()
