"""What runs on a Dask worker: one pipeline per worker, and the task that uses it.

Imported by the workers (and by :class:`geo.engine.DaskEngine` on the client); it needs
``dask.distributed``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin, get_worker

from geo.engine import EngineError, WorkerSpec

if TYPE_CHECKING:
    from geo.model import Article
    from geo.pipeline import ArticleResult, Pipeline, Problem

__all__ = ["PLUGIN_NAME", "PipelinePlugin", "process_batch"]

PLUGIN_NAME = "frontline-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Hold one pipeline per worker: the place index is loaded (memory-mapped) once.

    Parameters
    ----------
    index_name : str
        The client's place-index folder name (a hash of its inputs); a worker whose own
        index differs refuses to work rather than give different results.
    options : dict
        The client's resolver options (``gazetteer.options``), applied on the worker.
    ner : bool
        Whether the client uses the spaCy NER signal.
    """

    def __init__(self, index_name: str, options: dict[str, Any], *, ner: bool) -> None:
        self.index_name = index_name
        self.options = options
        self.ner = ner

    def setup(self, worker: Any) -> None:
        """Load the worker's pipeline; a failure is raised by the first batch, with its cause."""
        self._pipeline: Pipeline | None = None
        self._error: Exception | None = None
        self._lock = threading.Lock()
        try:
            self._pipeline = self._load()
        except Exception as error:  # kept, raised where the client sees it
            self._error = error

    def process(self, articles: list[Article]) -> list[ArticleResult | Problem]:
        """Process a batch of articles with this worker's pipeline, in order."""
        if self._pipeline is None:
            raise self._error or EngineError("the worker's pipeline did not load")
        # a worker with several threads shares one pipeline: one batch at a time
        with self._lock:
            return [self._pipeline.process_safely(a) for a in articles]

    def _load(self) -> Pipeline:
        spec = WorkerSpec(self.index_name, self.options, self.ner)
        return spec.load(
            against="the client's ",
            remedy="install the same frontline and run `frontline gazetteer build` on every worker",
        )


def process_batch(articles: list[Article]) -> list[ArticleResult | Problem]:
    """Run on a worker: process a batch with the worker's own pipeline.

    Parameters
    ----------
    articles : list of Article
        The batch.

    Returns
    -------
    list of ArticleResult or Problem
        One per article, in order.
    """
    plugin = get_worker().plugins[PLUGIN_NAME]
    return plugin.process(articles)  # type: ignore[no-any-return]
