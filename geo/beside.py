"""Work done in a forked process beside this one, so that two independent steps overlap.

A build writes the event tables and draws the map from the same corpus table: neither
needs the other, and each takes a core. The forked process is a copy of this one (it
starts at once and needs nothing sent to it); its error, if any, is raised here when
the step beside it is done.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from gazetteer.exc import FrontlineError

__all__ = ["alongside", "can_fork", "exit_with_parent"]

#: The forked process's job, set by :func:`_take` before it starts.
_JOB: Callable[[], object] | None = None


def can_fork() -> bool:
    """Whether processes can be forked here (they then start at once, sharing memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


def exit_with_parent(poll_seconds: float = 0.5) -> None:
    """End this (worker) process soon after the process that started it is gone.

    A pool worker waits on its task pipe, whose writing end a forked worker holds too: when
    its parent is killed outright (SIGKILL, the out-of-memory killer) nothing ends the
    wait, and the worker would stay for ever. A daemon thread watches the parent's pid.

    Parameters
    ----------
    poll_seconds : float, default 0.5
        How often the parent is looked for.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextlib.contextmanager
def alongside(job: Callable[[], object], *, what: str) -> Iterator[None]:
    """Run ``job`` in a forked process while the ``with`` body runs here.

    Parameters
    ----------
    job : callable
        Takes no argument; its return value is dropped. It must not need the body's
        results, nor change anything the body reads (it works on a copy of this process).
    what : str
        Names the job in the error raised when its process dies.

    Yields
    ------
    None
        On leaving the body the job is waited for; its exception is raised then.

    Raises
    ------
    FrontlineError
        The job's process died (killed, out of memory).

    Notes
    -----
    Where processes cannot be forked the job runs here, before the body.

    Examples
    --------
    >>> with alongside(lambda: write_tables(frame), what="the tables"):  # doctest: +SKIP
    ...     draw_map(frame)
    """
    if not can_fork():
        job()
        yield
        return
    executor = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_take,
        initargs=(job,),  # a forked process inherits it: nothing is pickled
    )
    try:
        future = executor.submit(_run)
        yield
        try:
            future.result()
        except BrokenProcessPool as error:
            raise FrontlineError(
                f"the process writing {what} stopped ({error}); run the command again"
            ) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _take(job: Callable[[], object]) -> None:
    """Set the forked process's job; Ctrl-C is left to the parent, which waits for it."""
    global _JOB
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()
    _JOB = job


def _run() -> None:
    if _JOB is None:  # pragma: no cover - the initializer always sets it
        raise RuntimeError("the job was not set")
    _JOB()
