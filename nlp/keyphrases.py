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
    surfaces: dict[int, dict[str, Counter[str]]] = {}
    for plist, label, w in zip(phrases, labels, weights):
        tf.setdefault(label, Counter())
        docs.setdefault(label, Counter())
        surf = surfaces.setdefault(label, {})
        for key in set(k for k, _s in plist):
            docs[label][key] += 1
        counts = tf[label]
        for key, surface in plist:
            counts[key] += w
            forms = surf.get(key)
            if forms is None:  # not setdefault: a new Counter per occurrence cost seconds at 100k comments
                forms = surf[key] = Counter()
            forms[surface] += 1
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
        out[c] = [surfaces[c][k].most_common(1)[0][0] for k in chosen]
    return out


def label(phrases: Sequence[str], fallback: str) -> str:
    """A theme label from its two best phrases, capitalised: "Miejsca aktywności lokalnej, seniorzy"."""
    if not phrases:
        return fallback
    text = ", ".join(phrases[:2])
    return text[:1].upper() + text[1:]
