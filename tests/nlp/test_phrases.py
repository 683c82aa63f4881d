"""Noun phrases and key phrases: lemmatised for counting, shown in their surface form."""

from __future__ import annotations

from nlp import keyphrases
from nlp.pipeline import features


def test_polish_noun_phrases_follow_morfeusz_tags() -> None:
    [f] = features(["Miejsca aktywności lokalnej są ważne dla osób starszych."], ["pl"])
    keys = dict(f.phrases)
    assert keys["miejsce aktywność lokalny"] == "miejsca aktywności lokalnej"
    assert "osoba starszy" in keys or "osoba stary" in keys
    assert all("ważny" != k for k in keys)  # a predicative adjective alone is not a noun phrase


def test_key_phrases_use_the_most_frequent_surface_form() -> None:
    texts = ["Miejsca aktywności lokalnej są potrzebne.", "Więcej miejsc aktywności lokalnej!",
             "Miejsca aktywności lokalnej w każdej dzielnicy.", "Parki i skwery", "Nowe parki i skwery",
             "Zielone skwery i parki"]
    feats = features(texts, ["pl"] * len(texts))
    out = keyphrases.key_phrases([f.phrases for f in feats], [0, 0, 0, 1, 1, 1], [1.0] * 6, 3)
    assert out[0][0] == "miejsca aktywności lokalnej"  # not "miejsce aktywność lokalny"
    assert {"parki", "skwery"} & set(out[1])
    assert keyphrases.label(out[0], "x").startswith("Miejsca aktywności lokalnej")
