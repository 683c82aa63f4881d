"""similar() and extractive summaries."""

from __future__ import annotations

import nlp
from nlp import summaries
from nlp.types import CommentIn
from tests.nlp.conftest import THEMES


def test_similar_finds_the_same_topic_first() -> None:
    corpus = [CommentIn(f"{k}-{i}", t) for k, texts in THEMES.items() for i, t in enumerate(texts)]
    hits = nlp.similar("Brakuje noclegowni dla osób bezdomnych", corpus, k=3)
    assert len(hits) == 3 and all(h[0].startswith("homeless") for h in hits)
    assert hits[0][1] >= hits[-1][1] > 0
    assert nlp.similar("", corpus, 3) == [] and nlp.similar("park", [], 3) == []
    assert nlp.similar("noclegownie", [("a", "Noclegownie są pełne"), ("b", "Ławki")], 5)[0][0] == "a"


def test_sentences_keep_polish_abbreviations() -> None:
    out = summaries.sentences("Proszę o ławki np. przy ul. Długiej. To ważne! A co z MAL?")
    assert out == ["Proszę o ławki np. przy ul. Długiej.", "To ważne!", "A co z MAL?"]


def test_summary_is_central_and_diverse() -> None:
    texts = THEMES["homeless"] + [THEMES["homeless"][0]]
    out = summaries.summarise(texts, "pl", 3)
    assert len(out) == 3 and len(set(out)) == 3
    assert all(s in " ".join(texts) for s in out)
