"""Key phrases per theme: class-based TF-IDF over lemmatised noun phrases, shown as written (labels: nlp.labels)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from nlp._morfeusz import readings

PhraseList = Sequence[tuple[str, str]]  # (lemma key, surface form) as from the consult_phrases component


# Salutations, closings and sign-offs of letters ("Szanowni Państwo", "Z wyrazami szacunku", "Z poważaniem",
# "Pozdrawiam"), as lemma keys: a phrase with one of the words, or one of the whole phrases, names no theme.
_FORMULA_WORDS = frozenset({"szanowny", "poważanie", "pozdrowienie", "pozdrowić", "pozdrawiać", "dear", "regards",
                            "sincerely", "шановний", "шановна", "повага", "вітання"})
_FORMULA_PHRASES = frozenset({"państwo", "wyraz", "wyraz szacunek", "szacunek", "dzień dobry", "witać", "kind regard",
                              "yours", "faithfully"})
_PERSON = frozenset({"imię", "nazwisko"})
# Abbreviations the tokenizer leaves without their full stop ("ul. Długa" gives "ul", a beehive to Morfeusz).
_ABBREVIATIONS = frozenset({"ul", "al", "os", "pl", "nr", "tel", "godz", "tys", "zł", "proc", "pkt", "św", "im"})


def formula(key: str) -> bool:
    """Whether a lemma key is a letter's salutation or closing (or a bare abbreviation) rather than a subject."""
    return key in _FORMULA_PHRASES or key in _ABBREVIATIONS or not _FORMULA_WORDS.isdisjoint(key.split())


@lru_cache(maxsize=20_000)
def person_name(surface: str) -> bool:
    """Whether a phrase is a person's name, as a signature line gives it ("Jan Kowalski", "Anna").

    Every word must have a first-name or surname reading in Morfeusz; a capitalised word counts with
    one, a lower-case word only when it has no other reading, and a lone word only when its first
    reading is a name's ("Anna", "Kowalski"; not "Kraków", whose first reading is the city).
    """
    words = surface.split()
    for word in words:
        found = [r for r in readings(word) if not r.tag.startswith(("brev", "ign"))]
        names = [r for r in found if _PERSON.intersection(r.qualifiers)]
        if not names or (not word[:1].isupper() and len(names) < len(found)):
            return False
        if len(words) == 1 and found[0] is not names[0]:
            return False
    return bool(words)


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
        shown = _shown(pairs[c])
        for key, value in counts.items():
            if docs[c][key] < min_docs:
                continue
            words = key.count(" ") + 1
            # Longer phrases name a theme better ("miejsca aktywności lokalnej" over "miejsca").
            score = value / totals[c] * math.log(1 + avg / freq[key]) * (1 + 0.3 * (words - 1))
            scored.append((-score, key))
        chosen: list[str] = []
        for _neg, key in sorted(scored):
            # Checked here, on the few best, not on every phrase: a signature's name and a letter's
            # salutation or closing name no theme.
            if formula(key) or person_name(shown[key]) or shown[key].lower() in _ABBREVIATIONS:
                continue
            tokens = set(key.split())
            # Skip a phrase nested in (or containing) one already chosen: no "miejsca" after "miejsca aktywności".
            if any(tokens <= set(k.split()) or set(k.split()) <= tokens for k in chosen):
                continue
            chosen.append(key)
            if len(chosen) == top:
                break
        out[c] = [shown[k] for k in chosen]
    return out


def _shown(pairs: Counter[tuple[str, str]]) -> dict[str, str]:
    """The most frequent surface of every key."""
    best: dict[str, tuple[str, int]] = {}
    for (key, surface), n in pairs.items():
        if n > best.get(key, ("", 0))[1]:
            best[key] = (surface, n)
    return {k: s for k, (s, _n) in best.items()}
