"""Clustering one section into themes: k-means with k chosen by silhouette, small clusters to "other"."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

SAMPLE = 3000  # k is chosen on a seeded sample: silhouette is quadratic in the number of points
OTHER = -1


def cluster(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int) -> np.ndarray:
    """Theme index per row (0 = largest theme) or OTHER; see `_cluster`."""
    # k-means' OpenMP threads spin-wait: on a busy 2-core machine one thread was 40x faster than two.
    with threadpool_limits(limits=1, user_api="openmp"):
        return _cluster(x, sizes, seed, min_size, max_k)


def _cluster(x: np.ndarray, sizes: np.ndarray, seed: int, min_size: int, max_k: int) -> np.ndarray:
    """Theme index per row (0 = largest theme) or OTHER; rows are duplicate groups, `sizes` their comments.

    Groups weigh 1 + log(size) in the fit, so a campaign sent 500 times pulls a centroid a little,
    not 500 times; theme sizes still count every comment.
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
    best: tuple[float, int, np.ndarray] | None = None
    # Silhouette alone prefers k=2 on text vectors (measured: 2 themes on 3,000 news snippets with 8
    # topics); a floor growing with the data keeps big sections from collapsing into two themes.
    k_min = int(np.clip(np.sqrt(n) / 4, 2, k_max))
    for k in range(k_min, k_max + 1):
        km = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(xs, sample_weight=ws)
        if len(set(km.labels_)) < 2:
            continue
        score = silhouette_score(xs, km.labels_, random_state=seed)
        if best is None or score > best[0] + 1e-9:
            best = (score, k, km.cluster_centers_)
    if best is None:
        return np.zeros(n, dtype=int)
    _score, k, centres = best
    km = KMeans(n_clusters=k, init=centres, n_init=1, max_iter=50, random_state=seed).fit(x, sample_weight=weights)
    labels = km.labels_
    # Renumber by size (comments, not groups) so ids are stable and small clusters go to "other".
    counts = np.bincount(labels, weights=sizes, minlength=k)
    order = [c for c in np.argsort(-counts, kind="stable") if counts[c] >= min_size]
    remap = np.full(k, OTHER)
    for new, old in enumerate(order):
        remap[old] = new
    if not order:  # everything is small: one theme is more useful than one big "other"
        return np.zeros(n, dtype=int)
    return remap[labels]
