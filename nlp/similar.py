"""`similar`: the comments of a corpus closest to a text ("similar comments already exist")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from nlp import language, pipeline
from nlp.types import CommentIn
from nlp.vectors import ngrams


def similar(text: str, corpus: Sequence[CommentIn] | Sequence[tuple[str, str]], k: int = 5,
            min_score: float = 0.1) -> list[tuple[str, float]]:
    """Up to k (id, cosine score) pairs, best first, over TF-IDF of lemma n-grams; scores below min_score dropped."""
    items = [(c.id, c.text) if isinstance(c, CommentIn) else (str(c[0]), str(c[1])) for c in corpus]
    if not items or not text.strip() or k <= 0:
        return []
    texts = [text] + [t for _i, t in items]
    feats = pipeline.features(texts, language.detect(texts))
    try:
        x = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True).fit_transform([f.terms for f in feats])
    except ValueError:
        return []
    x = normalize(x)
    scores = np.asarray((x[1:] @ x[0].T).todense()).ravel()
    order = np.argsort(-scores, kind="stable")[:k]
    return [(items[i][0], round(float(scores[i]), 4)) for i in order if scores[i] >= min_score]
