"""The project's exception hierarchy.

Every error frontline raises derives from :class:`FrontlineError`, and each subclass
also inherits the builtin it narrows so that callers can catch either.
"""

from __future__ import annotations

__all__ = ["DataError", "FrontlineError", "GazetteerNotBuiltError", "InputError"]


class FrontlineError(Exception):
    """Root of every error raised by frontline."""


class InputError(FrontlineError, ValueError):
    """An input (article, option, overrides file) cannot be used as given."""


class DataError(FrontlineError, RuntimeError):
    """Gazetteer or asset data is missing or corrupt."""


class GazetteerNotBuiltError(DataError, FileNotFoundError):
    """The gazetteer index has not been built yet (run ``make gazetteer-data``)."""
