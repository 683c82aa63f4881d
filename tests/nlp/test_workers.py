"""Per-text work gives the same results in forked workers as in one process."""

from __future__ import annotations

import pytest

from nlp import workers
from tests.nlp.conftest import THEMES


def test_parallel_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for ts in THEMES.values() for t in ts] + ["Please add benches."]
    langs = ["pl"] * (len(texts) - 1) + ["en"]
    want = [i % 2 == 0 for i in range(len(texts))]
    serial = workers.sentiment_and_features(texts, langs, want, processes=1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 5)
    monkeypatch.setattr(workers, "CHUNK", 7)
    parallel = workers.sentiment_and_features(texts, langs, want, processes=2)
    assert parallel == serial
    assert all((f is None) != w for f, w in zip(serial[1], want))
