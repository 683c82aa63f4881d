"""Per-text work (sentiment and lemma features) spread over the CPU cores for large inputs."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool
from types import TracebackType

from nlp import pipeline
from nlp.types import Sentiment

PARALLEL_FROM = 4000  # below this, starting processes costs more than it saves
CHUNK = 2000
WORKER_NICENESS = 10


def classify_sentiment(texts: list[str], languages: list[str]) -> list[Sentiment]:
    """nlp.sentiment.classify when present; neutral otherwise (it is built separately)."""
    try:
        from nlp.sentiment import classify
    except ImportError:
        return [Sentiment("neutral", 0.0) for _ in texts]
    return classify(texts, languages)


def _start_worker() -> None:
    gc.disable()  # see Workers.__init__
    # While the workers compute sentiment the parent clusters themes, which is the longer of the two and
    # what the caller waits for: the workers yield the core to it rather than share it.
    os.nice(WORKER_NICENESS)


def _features(task: tuple[list[str], list[str]]) -> list[pipeline.Features]:
    return pipeline.features(*task)


def _sentiment(task: tuple[list[str], list[str]]) -> list[Sentiment]:
    return classify_sentiment(*task)


class Workers:
    """Forked worker processes for large inputs (in-process work for small ones); use as a context manager.

    Sentiment runs in the background (`start_sentiment`) while the caller clusters themes: clustering is
    mostly one thread, so the workers fill the other core. Results are the same, in input order, either way.
    """

    def __init__(self, n_texts: int, languages: Sequence[str], processes: int | None = None) -> None:
        procs = processes or min(os.cpu_count() or 1, 4)
        self._pool: Pool | None = None
        if n_texts >= PARALLEL_FROM and procs >= 2 and "fork" in mp.get_all_start_methods():
            # Warm the models in the parent so forked workers share them (copy-on-write) instead of loading each.
            for lang in sorted(set(languages)):
                pipeline.build(lang if lang in pipeline.SUPPORTED else "xx")
            classify_sentiment(["."], ["pl"])
            # The workers make no reference cycles to speak of (a few hundred objects per 30,000 texts), but
            # their caches of word forms grow by the hundred thousand, and every full collection walked those
            # and the parent's inherited heap: a sixth of the workers' time at 100,000 comments. So the
            # parent's objects are frozen out of the workers' collections (which also spares copy-on-write
            # pages) and the workers, which live for one analysis, do not collect.
            frozen_before = gc.get_freeze_count()  # a host application may freeze objects of its own
            gc.freeze()
            try:
                self._pool = mp.get_context("fork").Pool(procs, initializer=_start_worker)
            finally:
                if not frozen_before:
                    gc.unfreeze()

    @property
    def parallel(self) -> bool:
        """Whether worker processes are running (they then use every core)."""
        return self._pool is not None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def features(self, texts: Sequence[str], languages: Sequence[str],
                 wanted: Sequence[bool]) -> list[pipeline.Features | None]:
        """Features of the texts flagged in `wanted` (None for the others), in input order."""
        idx = [i for i, w in enumerate(wanted) if w]
        out: list[pipeline.Features | None] = [None] * len(texts)
        picked_texts, picked_langs = [texts[i] for i in idx], [languages[i] for i in idx]
        if self._pool is None:
            found = pipeline.features(picked_texts, picked_langs)
        else:
            found = [f for part in self._pool.imap(_features, _chunks(picked_texts, picked_langs)) for f in part]
        for i, f in zip(idx, found):
            out[i] = f
        return out

    def start_sentiment(self, texts: Sequence[str], languages: Sequence[str]) -> Callable[[], list[Sentiment]]:
        """Starts the sentiment of every text; the returned function waits for it (in input order)."""
        if self._pool is None:
            return lambda: classify_sentiment(list(texts), list(languages))
        pending = self._pool.map_async(_sentiment, _chunks(texts, languages))
        return lambda: [s for part in pending.get() for s in part]


def _chunks(texts: Sequence[str], languages: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    return [(list(texts[s : s + CHUNK]), list(languages[s : s + CHUNK])) for s in range(0, len(texts), CHUNK)]
