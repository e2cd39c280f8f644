"""A look at the work a run does while its engine waits (the pipeline's backlog)."""

from __future__ import annotations

import multiprocessing


class WatchedBacklog:
    """The pipeline's backlog of cached articles, noting what each call found and left."""

    def __init__(self, backlog, cache, calls: list) -> None:
        self.backlog, self.cache, self.calls = backlog, cache, calls

    def __len__(self) -> int:
        return len(self.backlog)

    def __call__(self) -> None:
        waiting, hits = len(self.backlog), self.cache.stats.hits
        busy = bool(multiprocessing.active_children())
        self.backlog()
        self.calls.append((waiting, busy, self.cache.stats.hits - hits, len(self.backlog)))
