"""The local engine's process pool: batches of articles to worker processes, results in order.

Workers are forked from the calling process where the platform allows it: they start at
once and share its memory-mapped place index and imported modules. Elsewhere (spawn) each
worker loads the same index once, and refuses to work if its index differs. Only the
processing of articles runs in the workers; reading, the article cache and the merge stay
in the calling process, so the results are those of one process, in input order.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any

from geo.beside import can_fork, exit_with_parent
from geo.engine import (
    POOL_BATCH_CHARS,
    POOL_BATCH_MAX,
    EngineError,
    WorkerSpec,
    _batches,
    work_while_waiting,
)

if TYPE_CHECKING:
    from geo.engine import Backlog
    from geo.model import Article
    from geo.pipeline import ArticleResult, Pipeline, Problem

__all__ = ["pool_map", "side_map"]

#: This worker's pipeline, set once by :func:`_start_worker`.
_PIPELINE: Pipeline | None = None


def pool_map(
    pipeline: Pipeline,
    articles: Iterable[Article],
    jobs: int,
    *,
    while_waiting: Backlog | None = None,
) -> Iterator[ArticleResult | Problem]:
    """Process ``articles`` in ``jobs`` worker processes; yield the results in input order.

    Parameters
    ----------
    pipeline : Pipeline
        The caller's pipeline: forked workers use a copy of it, spawned ones one like it.
    articles : iterable of Article
        Read lazily, a bounded window of batches ahead of the results.
    jobs : int
        Worker processes.
    while_waiting : Backlog, optional
        The caller's other work, done here whenever the next result is not ready.

    Returns
    -------
    iterator of ArticleResult or Problem

    Raises
    ------
    EngineError
        When a worker process dies (killed, out of memory); names the batch's files.
    """
    forking = can_fork()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    stream = iter(articles)
    if forking:
        # The first article is processed here: the modules, word lists, compiled patterns
        # and look-up caches it warms are inherited by every worker, not built by each.
        for article in islice(stream, 1):
            yield pipeline.process_safely(article)

        gc.collect()
        gc.freeze()  # the workers' garbage collector leaves the shared pages alone
        start: Pipeline | WorkerSpec = pipeline
    else:
        start = WorkerSpec.of(pipeline)
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(start,)
    )
    # enough batches queued that no worker waits, few enough to bound the memory
    limit = 3 * jobs
    inflight: deque[tuple[list[Article], Future[list[Any]]]] = deque()
    try:
        for batch in _batches(stream, None, chars=POOL_BATCH_CHARS, most=POOL_BATCH_MAX):
            inflight.append((batch, executor.submit(_process_batch, batch)))
            while len(inflight) >= limit:
                yield from _results(*inflight.popleft(), while_waiting)
        while inflight:
            yield from _results(*inflight.popleft(), while_waiting)
    except BaseException:  # Ctrl-C, an error, or the caller stopped reading: stop the pool
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        if forking:
            gc.unfreeze()
    executor.shutdown(wait=True)


def side_map(
    pipeline: Pipeline, articles: list[Article], while_waiting: Backlog
) -> Iterator[ArticleResult | Problem]:
    """Process a few ``articles`` in one forked process while this one runs ``while_waiting``.

    A daily rebuild has a few new articles and many cached ones: the new ones take a
    second core while this process reads the cached ones back, instead of one after the
    other. The child is a copy of this process (forked), so it starts at once.

    Parameters
    ----------
    pipeline : Pipeline
        The caller's pipeline, used by the child as it is.
    articles : list of Article
        The articles to process, few (a pool pays off for more).
    while_waiting : Backlog
        The caller's other work, done here meanwhile.

    Returns
    -------
    iterator of ArticleResult or Problem
        One per article, in input order.

    Raises
    ------
    EngineError
        When the child process dies (killed, out of memory); names the articles' files.
    """
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(
        max_workers=1, mp_context=context, initializer=_start_worker, initargs=(pipeline,)
    )
    try:
        future = executor.submit(_process_batch, articles)
        results = _results(articles, future, while_waiting)
    except BaseException:  # Ctrl-C or an error: stop the child
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    yield from results


def _results(
    batch: list[Article],
    future: Future[list[Any]],
    while_waiting: Backlog | None = None,
) -> list[Any]:
    work_while_waiting(future, while_waiting)
    try:
        return future.result()
    except BrokenProcessPool as error:
        names = ", ".join(a.path or a.id for a in batch)
        raise EngineError(
            f"a worker process stopped while processing {names} ({error}); run again with "
            "--jobs 1 to process them in one process"
        ) from None


def _start_worker(start: Pipeline | WorkerSpec) -> None:
    """Set this worker's pipeline; Ctrl-C is left to the calling process, which stops the pool."""
    global _PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()
    _PIPELINE = (
        start.load(against="", remedy="run with --jobs 1")
        if isinstance(start, WorkerSpec)
        else start
    )


def _process_batch(batch: list[Article]) -> list[ArticleResult | Problem]:
    """Run in a worker: process a batch with the worker's pipeline, in order."""
    if _PIPELINE is None:  # pragma: no cover - the initializer always sets it
        raise EngineError("the worker's pipeline did not load")
    return [_PIPELINE.process_safely(article) for article in batch]
