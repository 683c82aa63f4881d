"""Extractive theme summaries: sentences chosen for centrality and diversity (maximal marginal relevance)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from nlp.pipeline import lemmas
from nlp.sentences import sentences
from nlp.vectors import ngrams

MMR_LAMBDA = 0.7  # relevance over novelty; 0.7 is the usual choice
MIN_CHARS, MAX_CHARS = 20, 400


def summarise(texts: Sequence[str], language: str, n: int) -> list[str]:
    """Up to n sentences from texts (already ordered by centrality) that cover the theme without repeating."""
    pool: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for sent in sentences(text, language):
            key = sent.casefold()
            if MIN_CHARS <= len(sent) <= MAX_CHARS and key not in seen:
                seen.add(key)
                pool.append(sent)
    if len(pool) <= n:
        return pool
    terms = list(lemmas(pool, language))
    try:
        x = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True).fit_transform(terms)
    except ValueError:
        return pool[:n]
    x = normalize(x)
    centre = normalize(np.asarray(x.mean(axis=0)))
    relevance = np.asarray(x @ centre.T).ravel()
    sim = (x @ x.T).toarray()
    chosen: list[int] = []
    while len(chosen) < n:
        penalty = sim[:, chosen].max(axis=1) if chosen else np.zeros(len(pool))
        score = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * penalty
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return [pool[i] for i in chosen]
