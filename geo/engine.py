"""Where articles are processed: on this machine (one process or a pool), or on a Dask cluster.

An engine maps articles to results in input order; the pipeline keeps the reading, the
cache, the cross-article merge and the overrides on the client, so that both engines give
the same corpus table, byte for byte. :class:`DaskEngine` needs the optional extra
``pip install 'frontline[dask]'``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Protocol

from gazetteer.exc import FrontlineError

if TYPE_CHECKING:
    from geo.model import Article
    from geo.pipeline import ArticleResult, Pipeline, Problem

__all__ = ["Backlog", "DaskEngine", "Engine", "EngineError", "LocalEngine", "usable_cores"]


class EngineError(FrontlineError, RuntimeError):
    """The cluster could not be reached or its workers cannot run the pipeline."""


class Backlog(Protocol):
    """The caller's own work, which an engine does while it would only wait for results.

    The pipeline reads cached articles back this way while the new ones are processed.
    """

    def __len__(self) -> int:
        """Items of work left (0: nothing to overlap)."""
        ...  # pragma: no cover

    def __call__(self) -> object:
        """Do the work left."""
        ...  # pragma: no cover


class Engine(Protocol):
    """What the pipeline needs of an engine."""

    def map(
        self,
        pipeline: Pipeline,
        articles: Iterable[Article],
        *,
        while_waiting: Backlog | None = None,
    ) -> Iterator[ArticleResult | Problem]:
        """Yield one result (or problem) per article, in input order.

        ``while_waiting``, when given, is called (any number of times) when the engine
        would otherwise only wait for results: the pipeline reads cached articles then.
        """
        ...  # pragma: no cover


class LocalEngine:
    """Process the articles on this machine: in this process, or in a pool of processes.

    Parameters
    ----------
    jobs : int, optional
        Processes to use (default: the cores this process may run on,
        ``os.sched_getaffinity``). ``1`` processes every article in this process.
    min_articles, min_chars : int
        A corpus with fewer articles or characters of text is processed in this process
        whatever ``jobs`` says: starting the workers would cost more than it saves
        (defaults :data:`POOL_MIN_ARTICLES`, :data:`POOL_MIN_CHARS`).

    Notes
    -----
    The workers are forked from this process where the platform allows it, so they share
    its memory-mapped place index and imported modules; elsewhere each worker loads the
    index once. Articles go to the workers in batches (:data:`POOL_BATCH_CHARS` characters) and
    the results come back in input order, so the output is the same for any ``jobs``.
    Workers ignore Ctrl-C: the interrupt reaches this process, which stops the pool.

    Examples
    --------
    >>> result = Pipeline(gaz, engine=LocalEngine(jobs=2)).run(["articles/"])  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        jobs: int | None = None,
        min_articles: int | None = None,
        min_chars: int | None = None,
    ) -> None:
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs!r}")
        self.jobs = jobs if jobs is not None else usable_cores()
        self.min_articles = POOL_MIN_ARTICLES if min_articles is None else min_articles
        self.min_chars = POOL_MIN_CHARS if min_chars is None else min_chars

    def map(
        self,
        pipeline: Pipeline,
        articles: Iterable[Article],
        *,
        while_waiting: Backlog | None = None,
    ) -> Iterator[ArticleResult | Problem]:
        """Yield one result (or problem) per article, in input order.

        Parameters
        ----------
        pipeline : Pipeline
            The pipeline whose :meth:`~geo.pipeline.Pipeline.process_safely` is applied.
        articles : iterable of Article
            Read lazily.
        while_waiting : Backlog, optional
            Other work of the caller (reading cached articles back), done in this process
            while worker processes handle the articles. With ``jobs > 1``, a corpus too
            small for a pool and work waiting, its few articles go to one forked process so
            that the two overlap: a daily rebuild's new articles then add about nothing.

        Returns
        -------
        iterator of ArticleResult or Problem
        """
        stream = iter(articles)
        head: list[Article] = []
        if self.jobs > 1:
            # read ahead only until the corpus is known to be large enough for a pool
            chars = 0
            for article in stream:
                head.append(article)
                chars += len(article.text)
                if len(head) >= self.min_articles and chars >= self.min_chars:
                    from geo.pool import pool_map

                    yield from pool_map(
                        pipeline, chain(head, stream), self.jobs, while_waiting=while_waiting
                    )
                    return
            if head and while_waiting is not None and len(while_waiting):
                from geo.beside import can_fork
                from geo.pool import side_map

                if can_fork():
                    yield from side_map(pipeline, head, while_waiting)
                    return
        for article in chain(head, stream):
            yield pipeline.process_safely(article)


def work_while_waiting(future: Any, backlog: Backlog | None) -> None:
    """Do ``backlog``'s work now unless ``future`` (a pool's or a cluster's) is done."""
    if backlog is not None and len(backlog) and not future.done():
        backlog()


def usable_cores() -> int:
    """Return the number of cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class DaskEngine:
    """Spread the articles over a ``dask.distributed`` cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); a ``LocalCluster`` on this
        machine when omitted.
    n_workers : int, optional
        Workers of the local cluster (default: one per core); ignored with ``scheduler``.
    processes : bool
        Local workers as processes (default) or as threads of this process.
    batch_size : int, optional
        Articles per task; by default about a tenth of a second of work per task, so the
        cost of a task (scheduling, sending the articles and results) stays small.
    connect_timeout : float
        Seconds to wait for the scheduler at ``scheduler`` before giving up (default 10).
    log : callable, optional
        Receives one line of text, e.g. the dashboard's address.

    Examples
    --------
    >>> with DaskEngine(n_workers=2) as engine:  # doctest: +SKIP
    ...     result = Pipeline(gaz, engine=engine).run(["articles/"])
    """

    def __init__(
        self,
        *,
        scheduler: str | None = None,
        n_workers: int | None = None,
        processes: bool = True,
        batch_size: int | None = None,
        connect_timeout: float = 10.0,
        log: Callable[[str], None] | None = None,
    ) -> None:
        if batch_size is not None and batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size!r}")
        if connect_timeout <= 0:
            raise ValueError(f"connect_timeout must be positive, not {connect_timeout!r}")
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.processes = processes
        self.batch_size = batch_size
        self.connect_timeout = connect_timeout
        self.log = log
        self._client: Any = None
        self._cluster: Any = None
        self._plugin_spec: tuple[str, str, bool] | None = None

    # ----------------------------------------------------------------- lifecycle

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def client(self) -> Any:
        """The ``distributed.Client``, started on first use."""
        if self._client is None:
            self._start()
        return self._client

    def _start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise ImportError(
                "--engine dask needs dask.distributed: pip install 'frontline[dask]'"
            ) from error
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=f"{self.connect_timeout}s")
            except (OSError, ValueError) as error:  # refused, timed out, a bad address
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler} within "
                    f"{self.connect_timeout:g} s ({error}); start one there with `dask "
                    f"scheduler` and workers with `dask worker {self.scheduler}`, or leave "
                    "out --scheduler to run a cluster on this machine"
                ) from error
        else:
            try:
                self._cluster = LocalCluster(
                    n_workers=self.n_workers,
                    threads_per_worker=1,
                    processes=self.processes,
                    dashboard_address=":0",
                    silence_logs=40,
                )
                self._client = Client(self._cluster)
            except OSError as error:
                raise EngineError(
                    f"cannot start a Dask cluster on this machine ({error}); check that "
                    "local ports can be opened, or name a running one with --scheduler"
                ) from error
        if self.log is not None:
            link = self._client.dashboard_link
            if link:
                self.log(f"dask dashboard: {link}")

    def close(self) -> None:
        """Close the client and the local cluster, if any."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        self._plugin_spec = None

    @property
    def n_threads(self) -> int:
        """Threads over all workers of the cluster."""
        return max(1, sum(self.client.nthreads().values()))

    # ----------------------------------------------------------------- work

    def prepare(self, pipeline: Pipeline) -> None:
        """Give every worker its pipeline like ``pipeline``: the place index loads now, once.

        Called by :meth:`map`; call it first to keep the start-up out of a measurement.

        Parameters
        ----------
        pipeline : Pipeline
            The client's pipeline: its index and options are what the workers must use.
        """
        import json

        worker = WorkerSpec.of(pipeline)
        spec = (worker.index_name, json.dumps(worker.options, sort_keys=True), worker.ner)
        if spec != self._plugin_spec:
            from geo.dask_worker import PLUGIN_NAME, PipelinePlugin

            plugin = PipelinePlugin(worker.index_name, worker.options, ner=worker.ner)
            self.client.register_plugin(plugin, name=PLUGIN_NAME)
            self._plugin_spec = spec

    def map(
        self,
        pipeline: Pipeline,
        articles: Iterable[Article],
        *,
        while_waiting: Backlog | None = None,
    ) -> Iterator[ArticleResult | Problem]:
        """Yield one result (or problem) per article, in input order.

        Batches of articles are submitted as they are read, with a bounded number in
        flight, so the client holds a window of the corpus, never all of it.

        Parameters
        ----------
        pipeline : Pipeline
            The client's pipeline: its index and options are what the workers must use.
        articles : iterable of Article
            Read lazily.
        while_waiting : Backlog, optional
            Other work of the client, done while the cluster works on a batch.

        Returns
        -------
        iterator of ArticleResult or Problem
        """
        from geo.dask_worker import process_batch

        self.prepare(pipeline)
        client = self.client
        # enough batches queued that no worker waits for the client, few enough to bound
        # the client's memory
        limit = 3 * self.n_threads
        inflight: deque[Any] = deque()

        def oldest() -> list[ArticleResult | Problem]:
            future = inflight.popleft()
            work_while_waiting(future, while_waiting)
            return future.result()

        for batch in _batches(articles, self.batch_size):
            inflight.append(client.submit(process_batch, batch, pure=False))
            while len(inflight) >= limit:
                yield from oldest()
        while inflight:
            yield from oldest()


#: Articles a corpus needs before the local engine starts a pool of processes.
POOL_MIN_ARTICLES = 8
#: Characters of text a corpus needs before the local engine starts a pool (about two
#: seconds of work: less would not pay for starting the workers).
POOL_MIN_CHARS = 60_000

#: Characters of article text per task when no batch size is given: a tenth to a fifth of a
#: CPU second of work, against a few milliseconds that each task costs the scheduler.
BATCH_CHARS = 30_000
#: Articles per task at most, however short.
BATCH_MAX = 64
#: Characters per task of the local process pool: a task costs it far less than a Dask
#: task, and small tasks share the work evenly between the workers.
POOL_BATCH_CHARS = 10_000
#: Articles per task of the local process pool at most.
POOL_BATCH_MAX = 16


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker process needs to build a pipeline like the caller's.

    Attributes
    ----------
    index_name : str
        The caller's place-index folder name (a hash of its inputs); a worker whose own
        index differs refuses to work rather than give different results.
    options : dict
        The caller's resolver options (``gazetteer.options``), applied on the worker.
    ner : bool
        Whether the caller uses the spaCy NER signal.
    """

    index_name: str
    options: dict[str, Any]
    ner: bool

    @classmethod
    def of(cls, pipeline: Pipeline) -> WorkerSpec:
        """Return the spec of ``pipeline``'s index, the current options and its NER use."""
        from pathlib import Path

        from gazetteer.options import options

        index_name = Path(pipeline.gazetteer.index.path).name
        return cls(index_name, asdict(options), pipeline.nlp is not None)

    def load(self, *, against: str, remedy: str) -> Pipeline:
        """Load this worker's pipeline: its own index (memory-mapped), the caller's options.

        Parameters
        ----------
        against : str
            Names the caller's index in the error (``"the client's "`` or ``""``).
        remedy : str
            What to do when the indexes differ, said in the error.

        Raises
        ------
        EngineError
            The worker's place index is not the caller's.
        """
        from pathlib import Path

        from gazetteer import Gazetteer
        from gazetteer.options import options
        from geo.pipeline import Pipeline, load_ner

        gaz = Gazetteer.load()
        found = Path(gaz.index.path).name
        if found != self.index_name:
            raise EngineError(
                f"the worker's place index {found} differs from {against}{self.index_name}; "
                f"{remedy}"
            )
        for name, value in self.options.items():
            setattr(options, name, value)
        return Pipeline(gaz, nlp=load_ner() if self.ner else None)


def _batches(
    articles: Iterable[Article],
    size: int | None,
    *,
    chars: int = BATCH_CHARS,
    most: int = BATCH_MAX,
) -> Iterator[list[Article]]:
    """Group ``articles`` into tasks: ``size`` articles each, or by ``chars`` of text."""
    stream = iter(articles)
    if size is not None:
        while batch := list(islice(stream, size)):
            yield batch
        return
    batch: list[Article] = []
    length = 0
    for article in stream:
        batch.append(article)
        length += len(article.text)
        if length >= chars or len(batch) >= most:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch
