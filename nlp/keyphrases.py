"""Key phrases and labels per theme: class-based TF-IDF over lemmatised noun phrases, shown as written."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

PhraseList = Sequence[tuple[str, str]]  # (lemma key, surface form) as from the consult_phrases component


def key_phrases(
    phrases: Sequence[PhraseList], labels: Sequence[int], weights: Sequence[float], top: int
) -> dict[int, list[str]]:
    """Top phrases per cluster label, in their most frequent surface form.

    c-TF-IDF (BERTopic's formula): tf(t, c) / |c| * log(1 + A / f(t)), with A the average phrase
    count per cluster and f(t) the frequency of t across clusters. Weights damp campaigns.
    """
    tf: dict[int, Counter[str]] = {}
    docs: dict[int, Counter[str]] = {}
    pairs: dict[int, Counter[tuple[str, str]]] = {}  # (key, surface) counts: the surfaces of each key
    for plist, label, w in zip(phrases, labels, weights):
        if label not in tf:
            tf[label], docs[label], pairs[label] = Counter(), Counter(), Counter()
        # Counter.update over an iterable counts in C: per-occurrence Python updates cost seconds at 100k.
        docs[label].update({k for k, _s in plist})
        pairs[label].update(plist)
        counts = tf[label]
        for key, _surface in plist:
            counts[key] += w
    totals = {c: sum(t.values()) or 1.0 for c, t in tf.items()}
    avg = sum(totals.values()) / max(len(totals), 1)
    freq: Counter[str] = Counter()
    for t in tf.values():
        freq.update(t)
    out: dict[int, list[str]] = {}
    sizes = Counter(labels)
    for c, counts in tf.items():
        n_docs = sizes[c]
        min_docs = 2 if n_docs >= 4 else 1  # a phrase from one comment does not name a theme
        scored = []
        for key, value in counts.items():
            if docs[c][key] < min_docs:
                continue
            words = key.count(" ") + 1
            # Longer phrases name a theme better ("miejsca aktywności lokalnej" over "miejsca").
            score = value / totals[c] * math.log(1 + avg / freq[key]) * (1 + 0.3 * (words - 1))
            scored.append((-score, key))
        chosen: list[str] = []
        for _neg, key in sorted(scored):
            tokens = set(key.split())
            # Skip a phrase nested in (or containing) one already chosen: no "miejsca" after "miejsca aktywności".
            if any(tokens <= set(k.split()) or set(k.split()) <= tokens for k in chosen):
                continue
            chosen.append(key)
            if len(chosen) == top:
                break
        out[c] = _surfaces(pairs[c], chosen)
    return out


def _surfaces(pairs: Counter[tuple[str, str]], keys: list[str]) -> list[str]:
    """The most frequent surface of each key (the first seen among equals), in the order of `keys`."""
    best: dict[str, tuple[str, int]] = {k: ("", 0) for k in keys}
    for (key, surface), n in pairs.items():
        if key in best and n > best[key][1]:
            best[key] = (surface, n)
    return [best[k][0] for k in keys]


def label(phrases: Sequence[str], fallback: str) -> str:
    """A theme label from its two best phrases, capitalised: "Miejsca aktywności lokalnej, seniorzy"."""
    if not phrases:
        return fallback
    text = ", ".join(phrases[:2])
    return text[:1].upper() + text[1:]
