"""Clustering one section into themes: k-means, or HDBSCAN on a weighted kNN graph's spectral embedding."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components, laplacian
from scipy.sparse.linalg import eigsh
from sklearn.cluster import HDBSCAN, KMeans
from sklearn.metrics import silhouette_score
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

SAMPLE = 3000  # themes are found on a seeded sample: the graph and silhouette are quadratic in points
NEIGHBOURS = 15  # as UMAP's default: local enough to follow a theme's shape, enough to stay connected
# Rows from which the graph is used. On tuning sections of 60–250 comments silhouette k-means beat
# both the 0/1 and the weighted graph (their density groups split or merged topics; below 60 HDBSCAN
# mostly found nothing and k-means ran anyway); from 300 the weighted graph tied k-means on NMI with
# USE and beat it with e5, though k-means still won sections of only 3 topics (benchmarks/README.md).
SPECTRAL_FROM = 300
DIMS = 10  # spectral coordinates HDBSCAN sees (USE: 10 beat 12 and 15 on the weighted graph; e5 tied)
MIN_CLUSTER = 10  # HDBSCAN's smallest dense group, as BERTopic's default
# 3 rather than 5 (USE, 2,000 comments): +0.016 NMI on civic-budget titles, +0.006 NHS, −0.006 news
MIN_SAMPLES = 3
KMEANS_MAX = 12  # k-means tries k up to this: each k costs a fit and a silhouette, and TF-IDF must stay fast
OTHER = -1


def sample_rows(n: int, seed: int) -> np.ndarray:
    """The rows of a section of n that themes are found on: all up to SAMPLE, else a seeded sample."""
    if n <= SAMPLE:
        return np.arange(n)
    return np.sort(np.random.RandomState(seed).choice(n, SAMPLE, replace=False))


def cluster(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int, graph: bool = False) -> np.ndarray:
    """Theme index per row (0 = largest theme) or OTHER.

    `graph`: from SPECTRAL_FROM rows, density clusters on a weighted kNN graph (see `_graph`); below it,
    and without `graph`, k-means with k by silhouette.
    """
    # k-means' OpenMP threads spin-wait: on a busy 2-core machine one thread was 40x faster than two.
    with threadpool_limits(limits=1, user_api="openmp"):
        return _by_size(_unsorted(x, sizes, seed, min_size, max_k, graph), sizes, min_size)


def cluster_sample(x: np.ndarray, rows: np.ndarray, space: np.ndarray, sizes: np.ndarray, seed: int,
                   min_size: int, max_k: int) -> np.ndarray:
    """Theme per row of a section where only `rows` (`sample_rows`) have the vectors `x`, as `cluster(graph=True)`.

    The sampled rows are clustered on `x`; every other row joins the theme of most of its nearest sampled
    rows in `space`, vectors that every row has (the lemma TF-IDF/SVD): a sentence embedding of 100,000
    comments would take minutes, of the sample a few seconds.
    """
    if len(rows) == len(space):
        return cluster(x, sizes, seed, min_size, max_k, graph=True)
    with threadpool_limits(limits=1, user_api="openmp"):
        found = _unsorted(x, sizes[rows], seed, min_size, max_k, True)
        labels = np.zeros(len(space), dtype=int)
        labels[rows] = found
        rest = np.setdiff1d(np.arange(len(space)), rows)
        if found.max() > 0:
            labels[rest] = _vote(normalize(space[rows]), found, normalize(space[rest]), int(found.max()) + 1)
        return _by_size(labels, sizes, min_size)


def _unsorted(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int, graph: bool) -> np.ndarray:
    """`cluster`'s themes before they are numbered by size: an index ≥ 0 per row."""
    n = len(x)
    k_max = min(max_k, n - 1, int(sizes.sum()) // max(min_size, 1))
    if k_max < 2 or not np.any(x):
        return np.zeros(n, dtype=int)
    sample = sample_rows(n, seed)
    labels = _graph(x, sample, seed, k_max) if graph and len(sample) >= SPECTRAL_FROM else None
    if labels is None:
        labels = _kmeans(x, sizes, sample, seed, k_max, graph)
    return labels


def _graph(x: np.ndarray, sample: np.ndarray, seed: int, k_max: int) -> np.ndarray | None:
    """Density clusters of the sample's spectral embedding, every row joined to one; None if there is one.

    The sample's kNN graph is embedded spectrally (its normalised Laplacian's first eigenvectors, rows
    normalised) and HDBSCAN finds its dense groups there: k comes from the data, and themes follow the
    neighbourhoods of the vectors rather than one centroid each (the idea of UMAP + HDBSCAN, UMAP-free).
    More than `k_max` groups: k-means on the first `k_max` eigenvectors instead (Ng–Jordan–Weiss). Rows
    HDBSCAN calls noise join the theme of most of their nearest neighbours in a theme (as BERTopic's
    reduce_outliers): an outlier is still a comment on something. Rows outside the sample join the theme
    of most of their nearest sampled rows.
    """
    xs = normalize(x[sample])
    space, in_pieces = _spectral(xs, max(DIMS, k_max) + 1, seed)
    points = normalize(space if in_pieces else space[:, :DIMS + 1])  # every piece keeps its own column
    found = HDBSCAN(min_cluster_size=MIN_CLUSTER, min_samples=MIN_SAMPLES, copy=True).fit(points).labels_
    counts = np.bincount(found[found >= 0]) if np.any(found >= 0) else np.zeros(0, dtype=int)
    if len(counts) > k_max:  # more dense groups than a readable list: k_max themes by Ng–Jordan–Weiss
        found = KMeans(n_clusters=k_max, n_init=3, random_state=seed).fit(normalize(space[:, :k_max])).labels_
        counts = np.bincount(found)
    kept = np.argsort(-counts, kind="stable")
    if len(kept) < 2:
        return None
    remap = np.full(len(counts), OTHER)
    remap[kept] = np.arange(len(kept))
    found = np.where(found >= 0, remap[np.maximum(found, 0)], OTHER)
    inside = np.flatnonzero(found != OTHER)
    stray = np.flatnonzero(found == OTHER)
    if len(stray):
        found[stray] = _vote(points[inside], found[inside], points[stray], len(kept))
    labels = np.empty(len(x), dtype=int)
    labels[sample] = found
    rest = np.setdiff1d(np.arange(len(x)), sample)
    if len(rest):
        labels[rest] = _vote(xs, found, normalize(x[rest]), len(kept))
    return labels


def _vote(known: np.ndarray, labels: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """The majority label of each query row's nearest known rows (ties: the smaller label)."""
    index = NearestNeighbors(n_neighbors=min(NEIGHBOURS, len(known))).fit(known)
    near = index.kneighbors(query, return_distance=False)
    votes = np.zeros((len(query), k))
    np.add.at(votes, (np.repeat(np.arange(len(query)), near.shape[1]), labels[near].ravel()), 1.0)
    return np.argmax(votes, axis=1)


def _kmeans(x: np.ndarray, sizes: np.ndarray, sample: np.ndarray, seed: int, k_max: int, graph: bool) -> np.ndarray:
    """k-means with k by silhouette on the sample, refitted on all rows from the sample's centres.

    Groups weigh 1 + log(size), so a campaign sent 500 times pulls a theme a little, not 500 times.
    """
    n = len(x)
    weights = 1.0 + np.log(np.maximum(sizes, 1))
    xs, ws = x[sample], weights[sample]
    if graph:
        xs = normalize(xs)
    # Silhouette alone prefers k=2 on text vectors (measured: 2 themes on 3,000 news snippets with 8
    # topics); a floor growing with the data keeps big sections from collapsing into two themes.
    k_min = int(np.clip(np.sqrt(n) / 4, 2, k_max))
    best: tuple[float, KMeans] | None = None
    k_max = min(k_max, KMEANS_MAX)
    k_min = min(k_min, k_max)
    for k in range(k_min, k_max + 1):
        km = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(xs, sample_weight=ws)
        if len(set(km.labels_)) < 2:
            continue
        score = silhouette_score(xs, km.labels_, random_state=seed)
        if best is None or score > best[0] + 1e-9:
            best = (score, km)
    if best is None:
        return np.zeros(n, dtype=int)
    km = best[1]
    return KMeans(n_clusters=km.n_clusters, init=km.cluster_centers_, n_init=1, max_iter=50,
                  random_state=seed).fit(x, sample_weight=weights).labels_


def _by_size(labels: np.ndarray, sizes: np.ndarray, min_size: int) -> np.ndarray:
    """Themes renumbered by size in comments (stable ids); those under `min_size` comments become OTHER."""
    k = int(labels.max()) + 1
    counts = np.bincount(labels, weights=sizes, minlength=k)
    order = [c for c in np.argsort(-counts, kind="stable") if counts[c] >= min_size]
    if not order:  # everything is small: one theme is more useful than one big "other"
        return np.zeros(len(labels), dtype=int)
    remap = np.full(k, OTHER)
    remap[order] = np.arange(len(order))
    return remap[labels]


def _neighbour_graph(x: np.ndarray) -> sparse.csr_matrix:
    """The symmetric kNN graph weighted as UMAP's: exp(−(d − d₁) / mean excess) per row, fuzzy union.

    d₁ is the row's nearest distance, so its nearest neighbour weighs 1 and farther ones fade on the
    scale of the row's own neighbourhood (a loose theme holds together as well as a tight one);
    w + wᵀ − w∘wᵀ keeps an edge either end chose. Against 0/1 edges: +0.01–0.04 NMI at 2,000 comments.
    """
    k = min(NEIGHBOURS, len(x) - 1)
    dist, near = NearestNeighbors(n_neighbors=k).fit(x).kneighbors()
    excess = dist - dist[:, :1]
    scale = excess.mean(axis=1, keepdims=True)
    weights = np.exp(-excess / np.where(scale > 0, scale, 1.0))  # equidistant neighbours all weigh 1
    n = len(x)
    graph = sparse.csr_matrix((weights.ravel(), near.ravel(), np.arange(0, n * k + 1, k)), shape=(n, n))
    return sparse.csr_matrix(graph + graph.T - graph.multiply(graph.T))


def _spectral(x: np.ndarray, dims: int, seed: int) -> tuple[np.ndarray, bool]:
    """The first `dims` eigenvectors of the weighted kNN graph's normalised Laplacian, and False.

    When the graph falls into pieces of at least MIN_CLUSTER rows each, only the pieces' indicators
    are kept (and True): the further eigenvectors describe places within a piece and would split it.
    """
    graph = _neighbour_graph(x)
    pieces, piece = connected_components(graph, directed=False)
    if 2 <= pieces <= dims and np.bincount(piece).min() >= MIN_CLUSTER:
        return np.eye(pieces)[piece], True
    lap, dd = laplacian(graph, normed=True, return_diag=True)
    dims = min(dims, len(x) - 1)
    v0 = np.random.RandomState(seed).uniform(-1, 1, lap.shape[0])
    # Shift-invert of -L around 1 (as scikit-learn's spectral_embedding): L's smallest eigenpairs, fast.
    values, vectors = eigsh(-lap, k=dims, sigma=1.0, which="LM", tol=0.0, v0=v0)
    vectors = vectors[:, np.argsort(-values, kind="stable")] / dd[:, None]
    # Eigenvectors have no sign: fix it (largest entry positive) so the same input gives the same themes.
    signs = np.sign(vectors[np.argmax(np.abs(vectors), axis=0), np.arange(vectors.shape[1])])
    return vectors * signs, False
