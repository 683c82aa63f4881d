"""Sentiment of comments: our Polish linear model, a small Ukrainian lexicon, TextBlob for English."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize
from textblob.base import CONTINUOUS, BaseSentimentAnalyzer

from nlp._morfeusz import lemma as _pl_lemma
from nlp.types import Sentiment, SentimentLabel

MODEL_FILE = "sentiment_pl.json.gz"
CLASSES: tuple[str, str, str] = ("negative", "other", "positive")
# TextBlob-style polarity above/below these counts as positive/negative (English and Ukrainian).
POLARITY_THRESHOLD = 0.1

# Emoticons carry much of the sentiment of short reviews, so they are tokens of their own.
_TOKEN = re.compile(r"[:;=8]-?[()dDpP/\\|]+|[()]-?[:;]|\w+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]", re.UNICODE)
# Words that flip what follows; their scope is the next few tokens (Polish and Ukrainian).
_NEGATORS = frozenset({"nie", "bez", "brak", "ani", "żaden", "nigdy", "не", "ні", "без", "жоден", "ніколи"})
_NEG_SCOPE = 3

SentimentTuple = namedtuple("SentimentTuple", ["polarity", "subjectivity", "classification"])


def _deaccent(text: str) -> str:
    """Strip Polish diacritics so that "lazienka" and "łazienka" share character n-grams."""
    text = text.replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _word_terms(tokens: list[str]) -> list[str]:
    """Lemma unigrams and bigrams and negated lemmas of one text's tokens."""
    lemmas = [_DIGITS.sub("0", _pl_lemma(t)) if t[0].isalnum() or t[0] == "_" else t for t in tokens]
    terms = ["w:" + lem for lem in lemmas]
    terms += [f"b:{a} {b}" for a, b in zip(lemmas, lemmas[1:])]
    scope = 0
    for lem in lemmas:
        if lem in _NEGATORS:
            scope = _NEG_SCOPE
        elif scope:
            # "nie jest dobrze" → n:dobrze: negated sentiment words get weights of their own.
            terms.append("n:" + lem)
            scope -= 1
    return terms


@lru_cache(maxsize=200_000)
def _char_terms(token: str) -> tuple[str, ...]:
    """Character 3-, 4- and 5-grams of one token without diacritics, padded with spaces."""
    padded = f" {_deaccent(token)} "
    return tuple("c:" + padded[i : i + n] for n in (3, 4, 5) for i in range(max(len(padded) - n + 1, 1)))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def pl_terms(text: str) -> list[str]:
    """Feature terms of one Polish text: lemma unigrams and bigrams, negated lemmas, character n-grams."""
    tokens = _tokens(text)
    terms = _word_terms(tokens)
    for tok in tokens:
        terms.extend(_char_terms(tok))
    return terms


def _tfidf_rows(ids: list[int], indptr: list[int], idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows, L2-normalised, from each row's vocabulary ids (repeats are counts)."""
    m = sparse.csr_matrix((np.ones(len(ids)), np.asarray(ids, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                          shape=(len(indptr) - 1, len(idf)))
    m.sum_duplicates()
    m.data = (1.0 + np.log(m.data)) * idf[m.indices]
    return normalize(m)


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Sublinear TF-IDF over `pl_terms`, L2-normalised, then one linear score per class (softmax)."""

    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]
    meta: dict[str, object]

    # Per token, the vocabulary ids of its character n-grams: tokens repeat, n-grams need not be rebuilt.
    char_ids: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def transform(self, term_lists: Iterable[list[str]]) -> sparse.csr_matrix:
        """TF-IDF rows for feature-term lists (the same code trains and predicts, so they cannot drift)."""
        vocab, ids, indptr = self.vocabulary, [], [0]
        for terms in term_lists:
            ids.extend(vocab[t] for t in terms if t in vocab)
            indptr.append(len(ids))
        return _tfidf_rows(ids, indptr, self.idf)

    def transform_texts(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """`transform(pl_terms(t) for t in texts)`, with each token's n-gram ids looked up once."""
        vocab, cache, ids, indptr = self.vocabulary, self.char_ids, [], [0]
        for text in texts:
            tokens = _tokens(text)
            ids.extend(vocab[t] for t in _word_terms(tokens) if t in vocab)
            for tok in tokens:
                hit = cache.get(tok)
                if hit is None:
                    if len(cache) > 300_000:
                        cache.clear()  # bounded on huge inputs; frequent tokens come back at once
                    hit = cache[tok] = tuple(vocab[t] for t in _char_terms(tok) if t in vocab)
                ids.extend(hit)
            indptr.append(len(ids))
        return _tfidf_rows(ids, indptr, self.idf)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, one row per text, columns in `classes` order."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        scores = self.transform_texts(texts) @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_json(self) -> dict[str, object]:
        """Compact JSON form: terms in column order, weights rounded to 5 significant digits."""
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "format": "consult-linear-sentiment/1",
            "classes": list(self.classes),
            "terms": terms,
            "idf": [float(f"{x:.5g}") for x in self.idf],
            "coef": [[float(f"{x:.5g}") for x in row] for row in self.coef],
            "intercept": [float(f"{x:.5g}") for x in self.intercept],
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, obj: dict[str, object]) -> LinearModel:
        """Inverse of `to_json`."""
        terms: list[str] = obj["terms"]  # type: ignore[assignment]
        return cls(
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=np.asarray(obj["idf"], dtype=np.float64),
            coef=np.asarray(obj["coef"], dtype=np.float64),
            intercept=np.asarray(obj["intercept"], dtype=np.float64),
            classes=tuple(obj["classes"]),  # type: ignore[arg-type]
            meta=dict(obj.get("meta", {})),  # type: ignore[call-overload]
        )

    def save(self, path: Path) -> None:
        """Write gzip'd JSON byte-for-byte reproducibly (no timestamp in the gzip header)."""
        raw = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
            gz.write(raw.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a file written by `save`."""
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return cls.from_json(json.load(fh))


@lru_cache(maxsize=1)
def polish_model() -> LinearModel:
    """The shipped Polish model (nlp/models/sentiment_pl.json.gz; CC BY-SA 4.0 data, see NOTICE.txt)."""
    with resources.as_file(resources.files("nlp.models") / MODEL_FILE) as path:
        return LinearModel.load(path)


def _from_proba(p: np.ndarray, classes: Sequence[str]) -> Sentiment:
    """Label = most probable class; score = P(positive) − P(negative), TextBlob's [-1, 1] convention."""
    idx = {c: i for i, c in enumerate(classes)}
    score = float(p[idx["positive"]] - p[idx["negative"]])
    best = classes[int(np.argmax(p))]
    label: SentimentLabel = "neutral" if best == "other" else best  # type: ignore[assignment]
    return Sentiment(label, round(score, 4))


def _from_polarity(polarity: float) -> Sentiment:
    if polarity > POLARITY_THRESHOLD:
        return Sentiment("positive", round(polarity, 4))
    if polarity < -POLARITY_THRESHOLD:
        return Sentiment("negative", round(polarity, 4))
    return Sentiment("neutral", round(polarity, 4))


# Ukrainian: no labelled Ukrainian data is available to us, so this is a small hand-made lexicon of
# common evaluative lemmas (ours, written for this project). It is clearly weaker than the Polish model:
# it misses irony, domain words and anything outside the list. Weights are on TextBlob's [-1, 1] scale.
_UK_LEXICON: dict[str, float] = {
    # positive
    "добрий": 0.7, "добре": 0.7, "гарний": 0.7, "гарно": 0.7, "чудовий": 0.9, "чудово": 0.9,
    "прекрасний": 0.9, "відмінний": 0.9, "відмінно": 0.9, "найкращий": 1.0, "кращий": 0.5,
    "краще": 0.4, "зручний": 0.6, "зручно": 0.6, "корисний": 0.6, "корисно": 0.6, "приємний": 0.6,
    "приємно": 0.6, "безпечний": 0.5, "безпечно": 0.5, "чистий": 0.5, "чисто": 0.5, "зелений": 0.3,
    "задоволений": 0.7, "радий": 0.7, "дякувати": 0.6, "дякую": 0.6, "подяка": 0.6, "підтримувати": 0.5,
    "підтримка": 0.4, "схвалювати": 0.6, "подобатися": 0.6, "любити": 0.6, "рекомендувати": 0.6,
    "вдалий": 0.6, "класний": 0.7, "супер": 0.8, "чудесний": 0.9, "важливий": 0.3, "потрібний": 0.3,
    "ефективний": 0.5, "сучасний": 0.4, "гарантувати": 0.2, "покращення": 0.5, "покращити": 0.4,
    "покращувати": 0.4, "тихий": 0.3, "доступний": 0.4, "так": 0.1, "згода": 0.4, "згоден": 0.5,
    "згодний": 0.5, "молодець": 0.8, "успіх": 0.6, "успішний": 0.6, "позитивний": 0.6,
    # negative
    "поганий": -0.7, "погано": -0.7, "жахливий": -1.0, "жахливо": -1.0, "страшний": -0.7,
    "страшно": -0.7, "гірший": -0.6, "гірше": -0.5, "найгірший": -1.0, "небезпечний": -0.7,
    "небезпечно": -0.7, "брудний": -0.6, "брудно": -0.6, "шумний": -0.5, "шум": -0.4,
    "проблема": -0.5, "скарга": -0.5, "скаржитися": -0.5, "незадоволений": -0.7, "сумний": -0.5,
    "розчарований": -0.7, "розчарування": -0.7, "обурений": -0.8, "обурення": -0.8, "ганьба": -0.9,
    "жах": -0.9, "корупція": -0.8, "марнувати": -0.6, "марний": -0.6, "незручний": -0.6,
    "незручно": -0.6, "відсутній": -0.3, "відсутність": -0.4, "зламаний": -0.6, "зруйнований": -0.6,
    "аварійний": -0.6, "проти": -0.4, "заборонити": -0.3, "протестувати": -0.6, "протест": -0.5,
    "неприпустимий": -0.8, "неприйнятний": -0.8, "затор": -0.5, "небезпека": -0.6, "негативний": -0.6,
    "ненавидіти": -0.9, "злий": -0.6, "дорогий": -0.3, "дорого": -0.3, "занедбаний": -0.6,
    "вимагати": -0.2, "погіршення": -0.6, "погіршити": -0.6, "бруд": -0.6, "сміття": -0.4,
}
# Intensifiers multiply the next evaluative word.
_UK_INTENSIFIERS: dict[str, float] = {"дуже": 1.5, "надзвичайно": 1.8, "зовсім": 1.3, "трохи": 0.6, "занадто": 1.3}


@lru_cache(maxsize=1)
def _uk_morph() -> object:
    import pymorphy3  # deferred: loading the Ukrainian dictionary takes about a second

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=100_000)
def _uk_lemma(form: str) -> str:
    return _uk_morph().parse(form)[0].normal_form  # type: ignore[attr-defined]


def ukrainian_polarity(text: str) -> tuple[float, float]:
    """Lexicon polarity and subjectivity of a Ukrainian text: negation flips, intensifiers scale."""
    values: list[float] = []
    scope, boost = 0, 1.0
    for tok in re.findall(r"[\w'’ʼ]+", text.lower()):
        lem = tok if tok in _UK_LEXICON or tok in _UK_INTENSIFIERS or tok in _NEGATORS else _uk_lemma(tok)
        if lem in _NEGATORS:
            scope = _NEG_SCOPE
            continue
        if lem in _UK_INTENSIFIERS:
            boost = _UK_INTENSIFIERS[lem]
            continue
        if lem in _UK_LEXICON:
            # Negated praise is weaker criticism than outright criticism, as in TextBlob (× −0.5).
            v = _UK_LEXICON[lem] * boost * (-0.5 if scope else 1.0)
            values.append(max(-1.0, min(1.0, v)))
        boost = 1.0
        scope = max(scope - 1, 0)
    if not values:
        return 0.0, 0.0
    return sum(values) / len(values), min(1.0, len(values) / 3)


class PolishSentimentAnalyzer(BaseSentimentAnalyzer):
    """TextBlob analyzer for Polish: `TextBlob(text, analyzer=PolishSentimentAnalyzer()).sentiment`.

    Returns SentimentTuple(polarity, subjectivity, classification): polarity = P(positive) − P(negative),
    subjectivity = 1 − P(other). Read `blob.sentiment.polarity`: TextBlob's shortcut `blob.polarity`
    always runs its English PatternAnalyzer, whatever analyzer the blob was given.
    """

    kind = CONTINUOUS

    def train(self) -> None:
        polish_model()  # load the shipped weights once
        self._trained = True

    def analyze(self, text: str) -> SentimentTuple:
        if not self._trained:
            self.train()
        model = polish_model()
        if not _WORDS.search(str(text)):
            return SentimentTuple(0.0, 0.0, "neutral")
        p = model.predict_proba([str(text)])[0]
        s = _from_proba(p, model.classes)
        return SentimentTuple(s.score, round(float(1.0 - p[model.classes.index("other")]), 4), s.label)


class UkrainianSentimentAnalyzer(BaseSentimentAnalyzer):
    """TextBlob analyzer for Ukrainian from our small hand-made lexicon (weak; see `_UK_LEXICON`)."""

    kind = CONTINUOUS

    def analyze(self, text: str) -> SentimentTuple:
        polarity, subjectivity = ukrainian_polarity(str(text))
        return SentimentTuple(round(polarity, 4), round(subjectivity, 4), _from_polarity(polarity).label)


def _english(text: str) -> Sentiment:
    from textblob import TextBlob  # PatternAnalyzer: works offline, no NLTK corpora needed

    return _from_polarity(float(TextBlob(text).sentiment.polarity))


def classify(texts: list[str], languages: list[str]) -> list[Sentiment]:
    """Sentiment of each text given its language code: "en" TextBlob; "uk" lexicon; "pl" and unknown
    ("other", "") the Polish model (short Polish comments are often misdetected); any other language
    neutral 0.0, since we have no model for it."""
    if len(texts) != len(languages):
        raise ValueError("texts and languages must have the same length")
    out: list[Sentiment | None] = [None] * len(texts)
    polish = [i for i, lang in enumerate(languages) if lang in ("pl", "other", "", "und")]
    if polish:
        model = polish_model()
        probs = model.predict_proba([texts[i] for i in polish])
        for i, p in zip(polish, probs):
            # No words at all (empty, punctuation): the intercept alone would pick a side.
            out[i] = _from_proba(p, model.classes) if _WORDS.search(texts[i]) else Sentiment("neutral", 0.0)
    for i, (text, lang) in enumerate(zip(texts, languages)):
        if out[i] is not None:
            continue
        if lang == "en":
            out[i] = _english(text)
        elif lang == "uk":
            out[i] = _from_polarity(ukrainian_polarity(text)[0])
        else:
            out[i] = Sentiment("neutral", 0.0)
    return out  # type: ignore[return-value]
