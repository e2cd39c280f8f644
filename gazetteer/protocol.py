"""What the geoparsing stages (:mod:`geo`) need of a gazetteer: :class:`GazetteerLike`.

One job: name the part of :class:`~gazetteer.resolver.Gazetteer` that the recogniser,
the event extraction, the actors, the attribution and the relative locations call, so
that they can be typed against it and tested with small stand-ins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from gazetteer.model import Place, PlaceKind

if TYPE_CHECKING:
    from gazetteer.index import Index

__all__ = ["GazetteerLike"]


@runtime_checkable
class GazetteerLike(Protocol):
    """The gazetteer methods and properties the :mod:`geo` stages use.

    :class:`~gazetteer.resolver.Gazetteer` satisfies it. ``index`` and
    ``max_name_tokens`` are read by the recogniser with fallbacks (``getattr``), the
    others are called directly.
    """

    @property
    def index(self) -> Index:
        """The loaded index (the recogniser looks up transliteration keys in it)."""
        ...

    @property
    def max_name_tokens(self) -> int:
        """Number of words of the longest indexed name (for n-gram scanning)."""
        ...

    def is_known(self, surface: str) -> bool:
        """Whether ``surface`` is an indexed name, exactly or once normalised (cheap)."""
        ...

    def abbreviates_unit(self, name: str) -> bool:
        """Whether a dotted abbreviation shortens an admin-1 unit's name."""
        ...

    def candidates(self, name: str, *, limit: int = 10) -> list[Place]:
        """Places whose names match ``name``, closest match first, no context."""
        ...

    def country(self, code_or_name: str) -> Place | None:
        """Return the country with this ISO code (alpha-2 or alpha-3) or name, or ``None``."""
        ...

    def country_of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 code of the country a demonym names (``"Russian"`` gives ``"RU"``)."""
        ...

    def place_of_demonym(self, word: str) -> Place | None:
        """Return the place a demonym names: its country, or the part the word points to."""
        ...

    def border(self, a: str, b: str) -> Place | None:
        """Return the border line shared by two countries (codes, names, demonyms) or ``None``."""
        ...

    def borders_of(self, country: str) -> list[Place]:
        """Every border line of a country, longest first."""
        ...

    def nearest_border_point(
        self, place: Place, border: Place, *, direction: str | None = None
    ) -> tuple[float, float]:
        """Return the point of ``border`` nearest to ``place``, optionally in a direction."""
        ...

    def resolve(
        self,
        name: str,
        *,
        cues: Iterable[str] = (),
        kinds: Iterable[PlaceKind] | None = None,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[Place | str] | None = None,
    ) -> Place | None:
        """Resolve one mention to its best place, or ``None`` (abstain)."""
        ...

    def resolve_all(
        self,
        names: Sequence[str],
        *,
        cues: Sequence[Iterable[str]] | None = None,
        country: str | None = None,
        kinds: Sequence[Iterable[PlaceKind] | None] | None = None,
        backoff: bool = False,
    ) -> list[Place | None]:
        """Resolve one document's mentions jointly."""
        ...

    def main_locality(self, places: Sequence[Place]) -> Place | None:
        """Return a document's main locality: its most named settlement, else admin-1 unit."""
        ...
