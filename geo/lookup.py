"""The gazetteer's answers to the recogniser's questions, remembered.

A :class:`PlaceLookup` wraps one gazetteer with bounded memo caches for the cheap and
loose look-ups recognition asks again and again ("is this name known?", "which country
is this demonym?"). The answers depend on the gazetteer and the query alone, so one
lookup serves every document parsed with that gazetteer; whoever owns it (a
:class:`~geo.pipeline.Pipeline`, a command, a benchmark) decides how long it lives and
when it is emptied (:meth:`PlaceLookup.clear`).
"""

from __future__ import annotations

from typing import Any

from gazetteer.model import Place
from gazetteer.names import normalise, translit_keys
from gazetteer.protocol import GazetteerLike

__all__ = ["PlaceLookup"]


class PlaceLookup:
    """Memo caches around one gazetteer's look-ups.

    Parameters
    ----------
    gaz : gazetteer.Gazetteer
        The place index asked.
    max_entries : int, optional
        Entries a cache may hold before :meth:`bound` empties it.

    Attributes
    ----------
    gaz : gazetteer.Gazetteer
        The place index asked.
    max_entries : int
        The size bound of each cache.

    Examples
    --------
    >>> from gazetteer import Gazetteer                       # doctest: +SKIP
    >>> lookup = PlaceLookup(Gazetteer.load())                # doctest: +SKIP
    >>> lookup.is_known("Kharkiv")                            # doctest: +SKIP
    True
    """

    def __init__(self, gaz: GazetteerLike, *, max_entries: int = 200_000) -> None:
        self.gaz = gaz
        self.max_entries = max_entries
        self._known: dict[str, bool] = {}
        self._spelt: dict[str, bool] = {}
        self._abbr: dict[str, bool] = {}
        self._dem: dict[str, str | None] = {}
        self._top: dict[str, Place | None] = {}
        self._cands: dict[str, list[Place]] = {}
        self._best: dict[tuple[str, tuple[str, ...], str | None], Place | None] = {}

    def _caches(self) -> tuple[dict[Any, Any], ...]:
        return (
            self._known,
            self._spelt,
            self._abbr,
            self._dem,
            self._top,
            self._cands,
            self._best,
        )

    def bound(self) -> None:
        """Empty each cache that holds more than :attr:`max_entries` answers.

        Called before each document, so that a long run keeps its memory bounded.
        """
        for cache in self._caches():
            if len(cache) > self.max_entries:
                cache.clear()

    def clear(self) -> None:
        """Forget every remembered answer.

        The gazetteer's own caches are emptied by ``Gazetteer.clear_caches()``; a
        benchmark measuring cold look-ups empties both (or makes a new lookup).
        """
        for cache in self._caches():
            cache.clear()

    def is_known(self, s: str) -> bool:
        """Whether ``s`` is a name in the index (dotted abbreviations also without dots)."""
        v = self._known.get(s)
        if v is None:
            v = bool(self.gaz.is_known(s))
            if not v and "." in s and s.replace(".", "").isalpha():
                v = bool(self.gaz.is_known(s.replace(".", "")))
            self._known[s] = v
        return v

    def abbreviation(self, s: str) -> bool:
        """Whether ``s`` ("Calif.", "S.C.") abbreviates a first-level unit's name."""
        v = self._abbr.get(s)
        if v is None:
            v = self._abbr[s] = bool(self.gaz.abbreviates_unit(s))
        return v

    def spelt_known(self, s: str) -> bool:
        """Whether ``s`` matches an indexed name through the transliteration keys.

        The resolver's third exact stage ("Krasnyi Liman" for "Krasny Liman"); used
        for names of several words, where a spelling variant should still beat
        its parts in the longest-match scan.
        """
        v = self._spelt.get(s)
        if v is None:
            index = getattr(self.gaz, "index", None)
            norm = normalise(s)
            v = (
                bool(norm)
                and index is not None
                and any(len(index.lookup(2, k)) > 0 for k in translit_keys(norm))
            )
            self._spelt[s] = v
        return v

    def candidates(self, s: str) -> list[Place]:
        """Return the gazetteer's ten closest candidates for ``s``, cached."""
        v = self._cands.get(s)
        if v is None:
            v = self._cands[s] = self.gaz.candidates(s, limit=10)
        return v

    def demonym(self, w: str) -> str | None:
        """Return the ISO2 code of the country ``w`` is an adjective or demonym of, or None."""
        if w not in self._dem:
            self._dem[w] = self.gaz.country_of_demonym(w) or None
        return self._dem[w]

    def resolve(self, s: str, cues: tuple[str, ...], country: str | None) -> Place | None:
        """Return the resolver's answer for an unknown surface (loose stages), cached.

        Parameters
        ----------
        s : str
            A surface from the text.
        cues : tuple of str
            Its context words.
        country : str or None
            ISO2 focus country.

        Returns
        -------
        Place or None
        """
        key = (s, cues, country)
        if key not in self._best:
            try:
                self._best[key] = self.gaz.resolve(s, cues=cues, country=country)
            except (ValueError, KeyError):
                self._best[key] = None
        return self._best[key]

    def top(self, s: str) -> Place | None:
        """Best candidate by the staged matcher (exact first), cached."""
        if s not in self._top:
            try:
                c = self.gaz.candidates(s, limit=3)
            except (ValueError, KeyError):
                c = []
            self._top[s] = c[0] if c else None
        return self._top[s]
