"""Sentiment: the shipped Polish model, the TextBlob analyzer interface, other languages, reproducible training."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from textblob import TextBlob

from nlp import training
from nlp.sentiment import (
    MODEL_FILE,
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


def test_label_map() -> None:
    assert [training.three_way(x) for x in ("1", "2", "3", "4", "5")] == [
        "negative", "negative", "other", "positive", "positive"]
    assert training.three_way("ambivalent") == training.three_way("neutral") == "other"


def test_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    texts = POSITIVE * 3 + NEGATIVE * 3 + ["Zebranie jest w czwartek.", "Autobus jeździ co 10 minut."] * 3
    labels = ["positive"] * 9 + ["negative"] * 9 + ["other"] * 6
    a = training.fit(texts, labels, min_df=1, max_features=200)
    b = training.fit(texts, labels, min_df=1, max_features=200)
    a.save(tmp_path / "a.json.gz")
    b.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    loaded = LinearModel.load(tmp_path / "a.json.gz")
    assert len(loaded.vocabulary) == 200
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


def test_prediction_from_texts_equals_prediction_from_feature_terms() -> None:
    model = polish_model()
    texts = POSITIVE + NEGATIVE + ["Nie jest dobrze :(", "", "2024 r. — 15 zł", "Łazienka lazienka ŁAZIENKA!"] * 2
    fast = model.transform_texts(texts).toarray()
    plain = model.transform(pl_terms(t) for t in texts).toarray()
    assert fast.shape == (len(texts), len(model.vocabulary)) and (fast > 0).sum() > len(texts) * 10
    assert abs(fast - plain).max() < 1e-12
    assert model.char_ids  # tokens seen once are looked up from then on
