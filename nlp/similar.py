"""`similar`: the comments of a corpus closest to a text ("similar comments already exist")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
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


def terms(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """The lemma terms of each text (in its detected language): what an index keeps per comment."""
    texts = list(texts)
    if not texts:
        return []
    return [f.terms for f in pipeline.features(texts, language.detect(texts))]


class SimilarIndex:
    """A corpus fitted once for repeated `query` calls: the cost of `similar` without re-reading the corpus.

    Built from precomputed `terms`, so a caller that keeps them per comment refits a grown corpus cheaply."""

    def __init__(self, ids: list[str], vectorizer: TfidfVectorizer | None, matrix: sparse.csr_matrix | None) -> None:
        self.ids = ids
        self._vectorizer = vectorizer
        self._matrix = matrix

    @classmethod
    def build(cls, items: Sequence[tuple[str, Sequence[str]]]) -> SimilarIndex:
        """An index over (id, terms) pairs; an empty or term-less corpus gives an index that finds nothing."""
        ids = [str(i) for i, _t in items]
        if not ids:
            return cls([], None, None)
        vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True)
        try:
            matrix = normalize(vectorizer.fit_transform([list(t) for _i, t in items])).tocsr()
        except ValueError:
            return cls(ids, None, None)
        return cls(ids, vectorizer, matrix)

    def __len__(self) -> int:
        return len(self.ids)

    def extend(self, items: Sequence[tuple[str, Sequence[str]]]) -> SimilarIndex:
        """A new index with these rows added under the vocabulary and weights already fitted (terms the
        fit never saw are ignored until the next `build`): adding a comment costs one row, not a refit."""
        if not items:
            return self
        if self._vectorizer is None or self._matrix is None:
            return SimilarIndex.build([*zip(self.ids, [()] * len(self.ids)), *items])
        rows = normalize(self._vectorizer.transform([list(t) for _i, t in items])).tocsr()
        return SimilarIndex(self.ids + [str(i) for i, _t in items], self._vectorizer,
                            sparse.vstack([self._matrix, rows], format="csr"))

    def query(self, text: str, k: int = 5, min_score: float = 0.1,
              text_terms: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """Up to k (id, cosine score) pairs, best first; scores below min_score dropped."""
        if self._vectorizer is None or self._matrix is None or k <= 0 or not text.strip():
            return []
        q_terms = list(text_terms) if text_terms is not None else list(terms([text])[0])
        q = normalize(self._vectorizer.transform([q_terms]))
        if q.nnz == 0:
            return []
        scores = np.asarray((self._matrix @ q.T).todense()).ravel()
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k] if len(scores) > k else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], round(float(scores[i]), 4)) for i in top if scores[i] >= min_score]
