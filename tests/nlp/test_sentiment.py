"""Sentiment: the shipped Polish model, the TextBlob analyzer interface, other languages, reproducible training."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from textblob import TextBlob

from nlp import training
from nlp.sentiment import (
    MODEL_FILE,
    DocumentRule,
    LinearModel,
    PolishSentimentAnalyzer,
    UkrainianSentimentAnalyzer,
    classify,
    pl_terms,
    polish_model,
)
from nlp.types import Sentiment

MODELS = Path(__file__).resolve().parents[2] / "nlp" / "models"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "sentiment"

POSITIVE = [
    "Bardzo dobry pomysł, świetna inicjatywa, w pełni popieram!",
    "Nowy park jest piękny, dzieci są zachwycone. Dziękuję!",
    "Super, że w końcu będzie ścieżka rowerowa, polecam wszystkim.",
]
NEGATIVE = [
    "Fatalny projekt, kompletna porażka, jestem bardzo rozczarowany.",
    "Tragedia. Hałas, brud i korki, nikt nic z tym nie robi.",
    "Nie polecam, obsługa niemiła i wszystko zepsute.",
]


def test_clear_polish_sentences_get_their_label() -> None:
    results = classify(POSITIVE + NEGATIVE, ["pl"] * 6)
    assert [r.label for r in results] == ["positive"] * 3 + ["negative"] * 3
    assert all(r.score > 0.3 for r in results[:3]) and all(r.score < -0.3 for r in results[3:])


def test_scores_are_in_textblob_range_and_deterministic() -> None:
    texts = POSITIVE + NEGATIVE + ["Spotkanie odbędzie się we wtorek o 18."]
    first, second = classify(texts, ["pl"] * 7), classify(texts, ["pl"] * 7)
    assert first == second
    assert all(isinstance(r, Sentiment) and -1.0 <= r.score <= 1.0 for r in first)


def test_textblob_analyzer_interface() -> None:
    # TextBlob's own .polarity/.subjectivity properties always use PatternAnalyzer; .sentiment uses ours.
    sentiment = TextBlob(POSITIVE[0], analyzer=PolishSentimentAnalyzer()).sentiment
    assert sentiment.classification == "positive"
    assert sentiment.polarity > 0.3 and 0.0 <= sentiment.subjectivity <= 1.0
    assert TextBlob(NEGATIVE[0], analyzer=PolishSentimentAnalyzer()).sentiment.polarity < -0.3


def test_english_uses_textblob_default_and_ukrainian_our_lexicon() -> None:
    en = classify(["This is a great and wonderful idea.", "This is a terrible, awful plan."], ["en", "en"])
    assert [r.label for r in en] == ["positive", "negative"]
    uk = classify(["Це дуже добре і зручно.", "Це жахливо, брудно і небезпечно.", "Не добре."], ["uk"] * 3)
    assert [r.label for r in uk] == ["positive", "negative", "negative"]
    assert UkrainianSentimentAnalyzer().analyze("Чудовий парк!").polarity > 0


def test_unsupported_language_is_neutral_and_lengths_must_match() -> None:
    assert classify(["Das ist schlecht."], ["de"]) == [Sentiment("neutral", 0.0)]
    assert classify([], []) == []
    assert classify(["", " ", "!!!"], ["pl", "uk", "en"]) == [Sentiment("neutral", 0.0)] * 3
    with pytest.raises(ValueError):
        classify(["a"], [])


def test_negation_is_a_feature() -> None:
    assert "n:polecać" in pl_terms("Nie polecam tego miejsca")


def test_text_typed_without_diacritics_shares_features_with_proper_spelling() -> None:
    assert "f:swietna" in pl_terms("Swietna obsluga") and "f:swietna" in pl_terms("Świetna obsługa")
    results = classify(["Swietna obsluga, polecam!", "Tragiczna obsluga, nie polecam."], ["pl", "pl"])
    assert [r.label for r in results] == ["positive", "negative"]


def test_mixed_review_of_several_sentences_is_neutral_and_one_sided_keeps_its_side() -> None:
    mixed = "Pokój był czysty, a obsługa miła. Niestety śniadania były fatalne."
    praised = "Pokój był czysty i przestronny. Obsługa bardzo miła. Śniadania pyszne, polecam!"
    panned = "Pokój był brudny. Obsługa niemiła i opryskliwa. Śniadania fatalne, nie polecam."
    assert [r.label for r in classify([mixed, praised, panned], ["pl"] * 3)] == ["neutral", "positive", "negative"]
    # The whole-text model alone sides with the praise; its sentences pull it back into the neutral band.
    assert polish_model().predict_proba([mixed])[0].argmax() == 2


def test_document_rule_blends_sentences_and_uses_the_margin_only_for_several_sentences() -> None:
    rule = DocumentRule(sentence_weight=0.5, other_margin=0.25)
    classes = ("negative", "other", "positive")
    leaning = np.array([0.35, 0.1, 0.55])  # P(positive) − P(negative) = 0.2 < margin
    assert rule.label(leaning, classes, multi=False) == "positive"
    assert rule.label(leaning, classes, multi=True) == "other"
    assert rule.label(np.array([0.1, 0.2, 0.7]), classes, multi=True) == "positive"
    assert rule.label(np.array([0.1, 0.8, 0.1]), classes, multi=False) == "other"
    model = polish_model()
    assert model.document.sentence_weight > 0 and model.document.other_margin > 0
    text = "Obsługa była bardzo miła. Niestety pokój był brudny."
    probs, multi = model.document_proba([text, "Bardzo miła obsługa."])
    assert multi.tolist() == [True, False]
    whole = model.predict_proba([text])[0]
    parts = model.predict_proba(["Obsługa była bardzo miła.", "Niestety pokój był brudny."])
    w = model.document.sentence_weight
    assert np.allclose(probs[0], w * parts.mean(axis=0) + (1 - w) * whole)
    assert model.predict([text, "Bardzo miła obsługa."])[1] == "positive"


def test_format_1_models_without_a_document_rule_still_load(tmp_path: Path) -> None:
    obj = polish_model().to_json()
    obj["format"] = "consult-linear-sentiment/1"
    del obj["document"]
    old = LinearModel.from_json(obj)
    assert old.document == DocumentRule()
    text = "Obsługa była bardzo miła. Niestety pokój był brudny."
    probs, multi = old.document_proba([text])
    assert not multi.any() and np.allclose(probs, old.predict_proba([text]))


def test_shipped_model_is_small_json_with_attribution() -> None:
    path = MODELS / MODEL_FILE
    assert path.stat().st_size < 5_000_000
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        obj = json.load(fh)
    assert obj["classes"] == ["negative", "other", "positive"]
    assert set(obj["meta"]["trained_on"]) == {"allegro_reviews_train.csv", "wccrs_hotels_train.csv"}
    notice = (MODELS / "NOTICE.txt").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in notice and "NOT used" in notice
    assert len(polish_model().vocabulary) == len(obj["terms"])
    assert obj["format"] == "consult-linear-sentiment/2"
    assert obj["document"] == polish_model().document.to_json()


def test_label_map() -> None:
    assert [training.three_way(x) for x in ("1", "2", "3", "4", "5")] == [
        "negative", "negative", "other", "positive", "positive"]
    assert training.three_way("ambivalent") == training.three_way("neutral") == "other"


def test_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    texts = POSITIVE * 3 + NEGATIVE * 3 + ["Zebranie jest w czwartek.", "Autobus jeździ co 10 minut."] * 3
    labels = ["positive"] * 9 + ["negative"] * 9 + ["other"] * 6
    a = training.fit(texts, labels, min_df=1, max_features=100)
    b = training.fit(texts, labels, min_df=1, max_features=100)
    a.save(tmp_path / "a.json.gz")
    b.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    loaded = LinearModel.load(tmp_path / "a.json.gz")
    assert len(loaded.vocabulary) == 100
    assert loaded.document == DocumentRule(training.DEFAULTS["sentence_weight"], training.DEFAULTS["other_margin"])
    assert loaded.predict_proba(POSITIVE).argmax(1).tolist() == a.predict_proba(POSITIVE).argmax(1).tolist()


@pytest.mark.skipif(not (DATA / "wccrs_hotels_train.csv").is_file(), reason="../shared/data absent")
def test_training_command_on_a_real_slice_is_reproducible(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert training.main(["--data", str(DATA), "--out", str(tmp_path / f"{name}.json.gz"), "--limit", "150"]) == 0
    assert (tmp_path / "one.json.gz").read_bytes() == (tmp_path / "two.json.gz").read_bytes()


@pytest.mark.skipif(not (DATA / "allegro_reviews_train.csv").is_file(), reason="../shared/data absent")
def test_allegro_holdout_is_excluded_from_training() -> None:
    trained = {t for t, _ in training.training_rows(DATA)}
    held = [t for t, _ in training.read_set(DATA / "allegro_reviews_train.csv") if training.in_allegro_holdout(t)]
    assert 1000 < len(held) < 2000
    assert not trained & set(held)


def test_cross_validation_scores_every_document_rule_of_the_grid() -> None:
    rows = [(t, "positive", "allegro") for t in POSITIVE * 4] + [(t, "negative", "wccrs") for t in NEGATIVE * 4]
    neutral = ("Zebranie jest w czwartek.", "Autobus jeździ co 10 minut.")
    rows += [(t, "other", src) for t in neutral for src in ("allegro", "wccrs")] * 2
    table = training.cross_validate(rows)
    grid = training.CV_GRID
    assert len(table) == len(grid["sentence_weight"]) * len(grid["other_margin"])
    assert {(w, m) for w, m, _, _ in table} == {(w, m) for w in grid["sentence_weight"] for m in grid["other_margin"]}
    assert all(0.0 <= fa <= 1.0 and 0.0 <= fw <= 1.0 for _, _, fa, fw in table)
    assert (training.DEFAULTS["sentence_weight"], training.DEFAULTS["other_margin"]) in {(w, m) for w, m, _, _ in table}
