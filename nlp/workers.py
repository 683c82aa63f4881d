"""Per-text work (sentiment and lemma features) spread over the CPU cores for large inputs."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence

from nlp import pipeline
from nlp.types import Sentiment

PARALLEL_FROM = 4000  # below this, starting processes costs more than it saves
CHUNK = 2000


def classify_sentiment(texts: list[str], languages: list[str]) -> list[Sentiment]:
    """nlp.sentiment.classify when present; neutral otherwise (it is built separately)."""
    try:
        from nlp.sentiment import classify
    except ImportError:
        return [Sentiment("neutral", 0.0) for _ in texts]
    return classify(texts, languages)


def _work(task: tuple[list[str], list[str], list[bool]]) -> tuple[list[Sentiment], list[pipeline.Features | None]]:
    texts, langs, want = task
    sents = classify_sentiment(texts, langs)
    idx = [i for i, w in enumerate(want) if w]
    feats: list[pipeline.Features | None] = [None] * len(texts)
    for i, f in zip(idx, pipeline.features([texts[i] for i in idx], [langs[i] for i in idx])):
        feats[i] = f
    return sents, feats


def sentiment_and_features(
    texts: Sequence[str], languages: Sequence[str], want_features: Sequence[bool], processes: int | None = None
) -> tuple[list[Sentiment], list[pipeline.Features | None]]:
    """Sentiment of every text and features of those flagged, in input order; deterministic either way."""
    n = len(texts)
    procs = processes or min(os.cpu_count() or 1, 4)
    if n < PARALLEL_FROM or procs < 2 or "fork" not in mp.get_all_start_methods():
        return _work((list(texts), list(languages), list(want_features)))
    # Warm the models in the parent so forked workers share them (copy-on-write) instead of loading each.
    for lang in sorted(set(languages)):
        pipeline.build(lang if lang in pipeline.SUPPORTED else "xx")
    classify_sentiment(["."], ["pl"])
    tasks = [(list(texts[s : s + CHUNK]), list(languages[s : s + CHUNK]), list(want_features[s : s + CHUNK]))
             for s in range(0, n, CHUNK)]
    sents: list[Sentiment] = []
    feats: list[pipeline.Features | None] = []
    with mp.get_context("fork").Pool(procs) as pool:
        for s, f in pool.imap(_work, tasks):
            sents.extend(s)
            feats.extend(f)
    return sents, feats
