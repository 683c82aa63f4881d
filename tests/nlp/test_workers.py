"""Per-text work gives the same results in forked workers as in one process."""

from __future__ import annotations

import gc
import os

import pytest

from nlp import workers
from tests.nlp.conftest import THEMES


def test_parallel_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for ts in THEMES.values() for t in ts] + ["Please add benches."]
    langs = ["pl"] * (len(texts) - 1) + ["en"]
    want = [i % 2 == 0 for i in range(len(texts))]

    def run(processes: int) -> tuple[list, list]:
        with workers.Workers(len(texts), langs, processes) as work:
            assert work.parallel == (processes > 1)
            feats = work.features(texts, langs, want)
            pending = work.start_sentiment(texts, langs)
            return pending(), feats

    serial = run(1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 5)
    monkeypatch.setattr(workers, "CHUNK", 7)
    parallel = run(2)
    assert parallel == serial
    assert all((f is None) != w for f, w in zip(serial[1], want))
    assert {s.label for s in serial[0]} >= {"positive", "negative"}


def test_workers_do_not_collect_yield_the_core_and_leave_the_parent_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 5)
    texts = [t for ts in THEMES.values() for t in ts]
    with workers.Workers(len(texts), ["pl"] * len(texts), 2) as work:
        assert work._pool is not None
        assert work._pool.apply(gc.isenabled) is False
        assert work._pool.apply(gc.get_freeze_count) > 0  # the parent's heap, frozen out of collections
        assert gc.isenabled() and gc.get_freeze_count() == 0
        assert work._pool.apply(os.nice, (0,)) == min(os.nice(0) + workers.WORKER_NICENESS, 19)
        assert len(work.features(texts, ["pl"] * len(texts), [True] * len(texts))) == len(texts)
