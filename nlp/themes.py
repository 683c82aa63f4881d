"""Clustering one section into themes: k-means, or spectral k-means on a cosine kNN graph; k by silhouette."""

from __future__ import annotations

import warnings

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.manifold import spectral_embedding
from sklearn.metrics import silhouette_score
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

SAMPLE = 3000  # themes are found on a seeded sample: the graph and silhouette are quadratic in points
NEIGHBOURS = 15  # as UMAP's default: local enough to follow a theme's shape, enough to stay connected
SPECTRAL_FROM = 40  # below this a kNN graph says little: plain k-means
OTHER = -1


def cluster(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int, graph: bool = False) -> np.ndarray:
    """Theme index per row (0 = largest theme) or OTHER; `graph`: spectral k-means (see `_cluster`)."""
    # k-means' OpenMP threads spin-wait: on a busy 2-core machine one thread was 40x faster than two.
    with threadpool_limits(limits=1, user_api="openmp"):
        return _cluster(x, sizes, seed, min_size, max_k, graph)


def _cluster(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int, graph: bool) -> np.ndarray:
    """Theme index per row (0 = largest theme) or OTHER; rows are duplicate groups, `sizes` their comments.

    Rows are L2-normalised vectors (cosine geometry); themes are found on a seeded sample. With `graph`,
    the sample's 15-nearest-neighbour graph is embedded spectrally (its normalised Laplacian's first
    eigenvectors) and k-means runs there: themes follow the neighbourhoods of the vectors rather than one
    global centroid each (UMAP-free; the idea UMAP + HDBSCAN exploit). k is the silhouette's best in the
    original space; a row outside the sample joins the theme of most of its nearest sampled rows.
    Without `graph`, k-means refits on all rows from the sample's centres. Groups weigh 1 + log(size),
    so a campaign sent 500 times pulls a theme a little, not 500 times; theme sizes still count every
    comment.
    """
    n = len(x)
    total = int(sizes.sum())
    weights = 1.0 + np.log(np.maximum(sizes, 1))
    k_max = min(max_k, n - 1, total // max(min_size, 1))
    if k_max < 2 or not np.any(x):
        return np.zeros(n, dtype=int)
    rng = np.random.RandomState(seed)
    sample = np.sort(rng.choice(n, SAMPLE, replace=False)) if n > SAMPLE else np.arange(n)
    xs, ws = x[sample], weights[sample]
    if graph:
        xs = normalize(xs)
    # Silhouette alone prefers k=2 on text vectors (measured: 2 themes on 3,000 news snippets with 8
    # topics); a floor growing with the data keeps big sections from collapsing into two themes.
    k_min = int(np.clip(np.sqrt(n) / 4, 2, k_max))
    space = _spectral(xs, k_max, seed) if graph and len(sample) >= SPECTRAL_FROM else None
    best: tuple[float, int, KMeans] | None = None
    for k in range(k_min, k_max + 1):
        # Ng–Jordan–Weiss: the first k eigenvectors (the constant one too), rows normalised, then k-means.
        points = xs if space is None else normalize(space[:, :k])
        km = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(points, sample_weight=ws)
        if len(set(km.labels_)) < 2:
            continue
        score = silhouette_score(xs, km.labels_, random_state=seed)
        if best is None or score > best[0] + 1e-9:
            best = (score, k, km)
    if best is None:
        return np.zeros(n, dtype=int)
    _score, k, km = best
    if space is None:
        labels = KMeans(n_clusters=k, init=km.cluster_centers_, n_init=1, max_iter=50,
                        random_state=seed).fit(x, sample_weight=weights).labels_
    else:
        labels = np.empty(n, dtype=int)
        labels[sample] = km.labels_
        rest = np.setdiff1d(np.arange(n), sample)
        if len(rest):  # the majority theme of each row's nearest sampled neighbours: themes need not be round
            index = NearestNeighbors(n_neighbors=min(NEIGHBOURS, len(sample))).fit(xs)
            near = index.kneighbors(normalize(x[rest]), return_distance=False)
            votes = np.zeros((len(rest), k))
            np.add.at(votes, (np.repeat(np.arange(len(rest)), near.shape[1]), km.labels_[near].ravel()), 1.0)
            labels[rest] = np.argmax(votes, axis=1)
    # Renumber by size (comments, not groups) so ids are stable and small clusters go to "other".
    counts = np.bincount(labels, weights=sizes, minlength=k)
    order = [c for c in np.argsort(-counts, kind="stable") if counts[c] >= min_size]
    remap = np.full(k, OTHER)
    for new, old in enumerate(order):
        remap[old] = new
    if not order:  # everything is small: one theme is more useful than one big "other"
        return np.zeros(n, dtype=int)
    return remap[labels]


def _spectral(x: np.ndarray, dims: int, seed: int) -> np.ndarray:
    """The first `dims` eigenvectors of the symmetric kNN graph's normalised Laplacian."""
    neighbours = min(NEIGHBOURS, len(x) - 1)
    graph = NearestNeighbors(n_neighbors=neighbours).fit(x).kneighbors_graph(mode="connectivity")
    graph = sparse.csr_matrix(graph.maximum(graph.T))
    with warnings.catch_warnings():
        # A graph in several pieces is fine: the pieces' indicators span the first eigenvectors (so the
        # first is kept: dropping it would drop one piece when the graph is cut).
        warnings.filterwarnings("ignore", message="Graph is not fully connected")
        return spectral_embedding(graph, n_components=dims, random_state=seed, drop_first=False)
