"""Staged candidate generation and context ranking: the :class:`Gazetteer`.

Candidates come from five stages, closest first: exact name, normalised name,
transliteration key, confusable skeleton, edit distance over a blocked vocabulary.
Without context, a closer stage always outranks a looser one. With context
(:meth:`Gazetteer.resolve`, :meth:`Gazetteer.resolve_all`) the match quality is
combined with prominence, the document's country focus, coherence with the other
places of the text, cue words and the expected kind; below a threshold the
resolver abstains.

This module's one job is the public face: :class:`Gazetteer` loads the index and hands
each question to the part that answers it, one job each:

- :mod:`gazetteer.places`: index rows as places, ids, country and unit codes;
- :mod:`gazetteer.candidates`: the matching stages, abbreviations, inhabitant names;
- :mod:`gazetteer.countries`: countries by code, name or demonym;
- :mod:`gazetteer.borders`: border lines, border phrases, nearest border points;
- :mod:`gazetteer.reverse`: the settlement nearest to a point;
- :mod:`gazetteer.scoring`: a mention's own scores, pools and finished places;
- :mod:`gazetteer.coherence`: agreement with a document's other places;
- :mod:`gazetteer.ranking`: ranking with context, one mention or a whole document;
- :mod:`gazetteer.options`: the tunable defaults (:data:`options`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from gazetteer import names as nm
from gazetteer.borders import Borders, nearest_border_point
from gazetteer.candidates import CandidateFinder
from gazetteer.coherence import Coherence
from gazetteer.countries import Countries
from gazetteer.index import Index, cache_dir, index_path
from gazetteer.index_build import build_index
from gazetteer.model import Place, PlaceKind
from gazetteer.options import ABSTAIN_BELOW, Options, options
from gazetteer.places import PlaceRows
from gazetteer.ranking import ContextRanker, main_locality
from gazetteer.reverse import NearestSettlement
from gazetteer.scoring import Scorer

__all__ = ["ABSTAIN_BELOW", "Gazetteer", "Options", "options"]


class Gazetteer:
    """The offline place-name resolver over a loaded :class:`~gazetteer.index.Index`.

    Parameters
    ----------
    index : Index
        The loaded index (see :meth:`load`).

    Examples
    --------
    >>> gaz = Gazetteer.load()  # doctest: +SKIP
    >>> gaz.resolve("Kharkov").id  # doctest: +SKIP
    'gn:706483'
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self._rows = PlaceRows(index, options)
        self._finder = CandidateFinder(index, self._rows, options)
        self._countries = Countries(index, self._rows, self._finder, options)
        self._borders = Borders(index, self._rows, self._countries)
        self._reverse = NearestSettlement(index, self._rows)
        self._scorer = Scorer(index, self._rows, self._finder, options)
        self._coherence = Coherence(index, self._rows, options)
        self._ranker = ContextRanker(
            index, self._rows, self._scorer, self._coherence, self._countries, self._borders,
            options,
        )  # fmt: skip

    def clear_caches(self) -> None:
        """Forget every remembered look-up (candidates, pools, places); the index stays loaded.

        Results do not change; a long-running process may call this to bound its memory,
        and a benchmark to measure new text rather than names it has already seen.
        """
        self._rows.clear()
        self._scorer.clear()
        self._coherence.clear()
        self._countries.clear()
        nm.clear_caches()

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, path: str | Path | None = None, *, build: bool = True) -> Gazetteer:
        """Load the index from the user cache, building it first when missing.

        Parameters
        ----------
        path : str or Path, optional
            An index folder; by default the one for the current inputs in the cache
            (``$FRONTLINE_CACHE`` or ``~/.cache/frontline``).
        build : bool
            Build the index when it does not exist yet (about a minute).

        Returns
        -------
        Gazetteer
            The resolver.

        Raises
        ------
        GazetteerNotBuiltError
            When the index is missing and ``build`` is false.
        """
        if path is None:
            root = cache_dir()
            target = index_path(root)
            if not (target / "meta.pkl").exists() and build:
                target = build_index(root)
            path = target
        return cls(Index(Path(path)))

    @property
    def max_name_tokens(self) -> int:
        """Number of words of the longest indexed name (for n-gram scanning)."""
        return int(self.index.meta["max_tokens"])

    def __len__(self) -> int:
        return self.index.n

    # ----------------------------------------------------------------- places

    def get(self, place_id: str) -> Place:
        """Return the place with this id (``"gn:706483"``, ``"country:UA"``, ``"border:RU-UA"``).

        Raises
        ------
        KeyError
            When no place has this id.
        """
        return self._rows.get(place_id)

    def admin1_key(self, place: Place) -> str:
        """Return the ``CC.code`` key of the admin-1 unit containing ``place`` (or ``""``)."""
        return self._rows.admin1_key(place)

    # ----------------------------------------------------------------- candidates

    def abbreviates_unit(self, name: str) -> bool:
        """Whether a dotted abbreviation shortens an admin-1 unit's name.

        ``"Calif."`` (California), ``"S.C."`` (South Carolina), ``"W.Va."``: each part
        starts with its word's first letter and its other letters follow in order.
        """
        return self._finder.abbreviates_unit(name)

    def candidates(self, name: str, *, limit: int = 10) -> list[Place]:
        """Places whose names match ``name``, closest match first, no context.

        Parameters
        ----------
        name : str
            A place name as written (any case, diacritics, Cyrillic, misspelt ...).
        limit : int
            Maximum number of places.

        Returns
        -------
        list of Place
            Each with ``score`` in 0..1; a closer stage always scores higher.
        """
        return self._finder.candidates(name, limit=limit)

    def is_known(self, surface: str) -> bool:
        """Whether ``surface`` is an indexed name, exactly or once normalised (cheap)."""
        return self._finder.is_known(surface)

    # ----------------------------------------------------------------- countries, borders

    def country(self, code_or_name: str) -> Place | None:
        """Return the country with this ISO code (alpha-2 or alpha-3) or name, or ``None``."""
        return self._countries.country(code_or_name)

    def country_of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 code of the country a demonym names (``"Russian"`` gives ``"RU"``)."""
        return self._countries.of_demonym(word)

    def place_of_demonym(self, word: str) -> Place | None:
        """Return the place a demonym names: its country, or the part the word points to.

        Parameters
        ----------
        word : str
            A demonym or country adjective ("Russian", "English").

        Returns
        -------
        Place or None
            Russia for "Russian", England (not the United Kingdom) for "English";
            ``None`` when the word is no demonym.
        """
        return self._countries.place_of_demonym(word)

    def border(self, a: str, b: str) -> Place | None:
        """Return the border line shared by two countries (codes, names, demonyms) or ``None``."""
        return self._borders.border(a, b)

    def borders_of(self, country: str) -> list[Place]:
        """Every border line of a country, longest first."""
        return self._borders.borders_of(country)

    def nearest_border_point(
        self, place: Place, border: Place, *, direction: str | None = None
    ) -> tuple[float, float]:
        """Return the point of ``border`` nearest to ``place``, optionally in a direction.

        Parameters
        ----------
        place : Place
            The reference place.
        border : Place
            A place with a line geometry (kind BORDER).
        direction : str, optional
            ``"north"``, ``"north-east"`` ... seen from ``place``: the nearest point within
            45 degrees of that bearing; ``None`` for the nearest point overall.

        Returns
        -------
        tuple of float
            ``(lat, lon)``.
        """
        return nearest_border_point(place, border, direction=direction)

    # ----------------------------------------------------------------- reverse

    def reverse(self, lat: float, lon: float) -> Place | None:
        """Return the settlement nearest to ``(lat, lon)``, or ``None`` for an empty index."""
        return self._reverse.reverse(lat, lon)

    # ----------------------------------------------------------------- resolution

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
        """Resolve one mention to its best place, or ``None`` (abstain).

        Parameters
        ----------
        name : str
            The mention as written.
        cues : iterable of str
            Words around the mention (``"village"``, ``"city"``, ``"region"``, ``"border"``...).
        kinds : iterable of PlaceKind, optional
            Allowed kinds.
        country : str, optional
            ISO alpha-2 code of the document's focus country.
        near : tuple of float, optional
            ``(lat, lon)`` of related places: closer candidates are preferred.
        context : iterable of Place or str, optional
            Other places (or names) of the same text.

        Returns
        -------
        Place or None
            With ``score`` and ``alternatives``; ``None`` below the threshold.
        """
        return self._ranker.resolve(
            name, cues=cues, kinds=kinds, country=country, near=near, context=context
        )

    def rank(
        self,
        name: str,
        *,
        cues: Iterable[str] = (),
        kinds: Iterable[PlaceKind] | None = None,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[Place | str] | None = None,
        countries: Iterable[str] | None = None,
        limit: int = 10,
    ) -> list[Place]:
        """Candidates of one mention ranked with context, best first, without abstaining.

        Parameters are those of :meth:`resolve`, plus:

        Parameters
        ----------
        name : str
            The mention as written.
        cues, kinds, country, near, context
            See :meth:`resolve`.
        countries : iterable of str, optional
            Keep only places in these countries (ISO alpha-2), a hard filter.
        limit : int
            Maximum number of places.

        Returns
        -------
        list of Place
            Each with its ``score``; scores below :data:`ABSTAIN_BELOW` mean "unsure".
        """
        return self._ranker.rank(
            name,
            cues=cues,
            kinds=kinds,
            country=country,
            near=near,
            context=context,
            countries=countries,
            limit=limit,
        )

    def resolve_all(
        self,
        names: Sequence[str],
        *,
        cues: Sequence[Iterable[str]] | None = None,
        country: str | None = None,
        kinds: Sequence[Iterable[PlaceKind] | None] | None = None,
        backoff: bool = False,
    ) -> list[Place | None]:
        """Resolve one document's mentions jointly.

        The document's country focus (countries named, countries of unambiguous places)
        and the coherence of the places (distance, shared admin-1 unit, containment)
        are added to each mention's own score; two rounds let the mentions agree.

        Parameters
        ----------
        names : sequence of str
            The mentions, in text order.
        cues : sequence of iterables of str, optional
            Cue words per mention.
        country : str, optional
            ISO alpha-2 focus country given by the caller.
        kinds : sequence, optional
            Allowed kinds per mention (``None`` entries allow every kind).
        backoff : bool
            Give mentions that resolve to nothing the document's main locality (its most
            often named settlement) with a low score (``options.backoff_score`` times its
            own) instead of ``None``; for the given-spans regime, where every span is known
            to be a place of the text.

        Returns
        -------
        list of Place or None
            One entry per mention (``None`` = abstain).
        """
        return self._ranker.resolve_all(
            names, cues=cues, country=country, kinds=kinds, backoff=backoff
        )

    def main_locality(self, places: Sequence[Place]) -> Place | None:
        """Return a document's main locality: its most named settlement, else admin-1 unit.

        Parameters
        ----------
        places : sequence of Place
            The document's resolved places, one per mention.

        Returns
        -------
        Place or None
            ``None`` when no settlement, second-level unit, admin-1 unit or region is
            among them.
        """
        return main_locality(places)
