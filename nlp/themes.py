"""Clustering one section into themes: k-means, or HDBSCAN on a cosine kNN graph's spectral embedding."""

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
SPECTRAL_FROM = 40  # below this a kNN graph says little: plain k-means
DIMS = 15  # spectral coordinates HDBSCAN sees (10–15 tied on the tuning samples; 30 split themes apart)
MIN_CLUSTER = 10  # HDBSCAN's smallest dense group, as BERTopic's default
MIN_SAMPLES = 5
KMEANS_MAX = 12  # k-means tries k up to this: each k costs a fit and a silhouette, and TF-IDF must stay fast
OTHER = -1


def cluster(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int, graph: bool = False) -> np.ndarray:
    """Theme index per row (0 = largest theme) or OTHER; `graph`: density clusters on a kNN graph (see `_graph`)."""
    # k-means' OpenMP threads spin-wait: on a busy 2-core machine one thread was 40x faster than two.
    with threadpool_limits(limits=1, user_api="openmp"):
        n = len(x)
        k_max = min(max_k, n - 1, int(sizes.sum()) // max(min_size, 1))
        if k_max < 2 or not np.any(x):
            return np.zeros(n, dtype=int)
        rng = np.random.RandomState(seed)
        sample = np.sort(rng.choice(n, SAMPLE, replace=False)) if n > SAMPLE else np.arange(n)
        labels = _graph(x, sample, seed, k_max) if graph and len(sample) >= SPECTRAL_FROM else None
        if labels is None:
            labels = _kmeans(x, sizes, sample, seed, k_max, graph)
        return _by_size(labels, sizes, min_size)


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
    space = _spectral(xs, max(DIMS, k_max) + 1, seed)
    points = normalize(space[:, :DIMS + 1])
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


def _spectral(x: np.ndarray, dims: int, seed: int) -> np.ndarray:
    """The first `dims` eigenvectors of the symmetric kNN graph's normalised Laplacian.

    When the graph falls into pieces of at least MIN_CLUSTER rows each, only the pieces' indicators
    are kept: the further eigenvectors describe places within a piece and would split it.
    """
    graph = NearestNeighbors(n_neighbors=min(NEIGHBOURS, len(x) - 1)).fit(x).kneighbors_graph(mode="connectivity")
    graph = sparse.csr_matrix(graph.maximum(graph.T))
    pieces, piece = connected_components(graph, directed=False)
    if 2 <= pieces <= dims and np.bincount(piece).min() >= MIN_CLUSTER:
        return np.eye(pieces)[piece]
    lap, dd = laplacian(graph, normed=True, return_diag=True)
    dims = min(dims, len(x) - 1)
    v0 = np.random.RandomState(seed).uniform(-1, 1, lap.shape[0])
    # Shift-invert of -L around 1 (as scikit-learn's spectral_embedding): L's smallest eigenpairs, fast.
    values, vectors = eigsh(-lap, k=dims, sigma=1.0, which="LM", tol=0.0, v0=v0)
    vectors = vectors[:, np.argsort(-values, kind="stable")] / dd[:, None]
    # Eigenvectors have no sign: fix it (largest entry positive) so the same input gives the same themes.
    return vectors * np.sign(vectors[np.argmax(np.abs(vectors), axis=0), np.arange(vectors.shape[1])])
