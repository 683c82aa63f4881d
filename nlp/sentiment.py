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
from textblob.base import CONTINUOUS, BaseSentimentAnalyzer

from nlp._morfeusz import lemma as _pl_lemma
from nlp.sentences import sentences
from nlp.types import Sentiment, SentimentLabel

MODEL_FILE = "sentiment_pl.json.gz"
CLASSES: tuple[str, str, str] = ("negative", "other", "positive")
# TextBlob-style polarity above/below these counts as positive/negative (English and Ukrainian).
POLARITY_THRESHOLD = 0.1

# Emoticons carry much of the sentiment of short reviews, so they are tokens of their own.
_TOKEN = re.compile(r"[:;=8]-?[()dDpP/\\|]+|[()]-?[:;]|\w+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]", re.UNICODE)
# Punkt ends a sentence only at one of these (or a blank line) with more text after it: without one the
# text is a single sentence and the splitter can be skipped.
_SENTENCE_END = re.compile(r"[.!?…\n]\s*\S")
# Words that flip what follows; their scope is the next few tokens (Polish and Ukrainian).
_NEGATORS = frozenset({"nie", "bez", "brak", "ani", "żaden", "nigdy", "не", "ні", "без", "жоден", "ніколи"})
_NEG_SCOPE = 3

SentimentTuple = namedtuple("SentimentTuple", ["polarity", "subjectivity", "classification"])


def _deaccent(text: str) -> str:
    """Strip Polish diacritics so that "swietny" (typed without them) and "świetny" share a feature."""
    text = text.replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def pl_terms(text: str) -> list[str]:
    """Feature terms of one Polish text: lemma unigrams and bigrams, negated lemmas, word forms without diacritics.

    Morfeusz knows no form typed without diacritics ("swietna"), so such words reach the model through
    their de-accented form alone. Character n-grams were dropped: in 5-fold cross-validation on the
    training rows the model with de-accented forms instead scored at least as well (macro-F1 with the
    document rule: allegro rows 0.647 vs 0.632, WCCRS rows 0.794 vs 0.794).
    """
    tokens = _TOKEN.findall(text.lower())
    get = _TOKENS.get
    known = [get(t) or _token_terms(t) for t in tokens]
    lemmas = [k[0] for k in known]
    terms = [k[1] for k in known]
    terms += [f"b:{a} {b}" for a, b in zip(lemmas, lemmas[1:])]
    scope = 0
    for lem in lemmas:
        if lem in _NEGATORS:
            scope = _NEG_SCOPE
        elif scope:
            # "nie jest dobrze" → n:dobrze: negated sentiment words get weights of their own.
            terms.append("n:" + lem)
            scope -= 1
    terms += [k[2] for k in known]
    return terms


# Per lowercase token: (lemma, its "w:" term, its "f:" term). Tokens repeat across texts far more than
# they vary: the lemma, the form without diacritics and both feature names are made once per token here.
_TOKENS: dict[str, tuple[str, str, str]] = {}
_TOKENS_MAX = 500_000


def _token_terms(token: str) -> tuple[str, str, str]:
    if len(_TOKENS) >= _TOKENS_MAX:
        _TOKENS.clear()  # bounded memory on huge inputs
    lem = _DIGITS.sub("0", _pl_lemma(token)) if token[0].isalnum() or token[0] == "_" else token
    hit = _TOKENS[token] = (lem, "w:" + lem, "f:" + _deaccent(token))
    return hit


@dataclass(frozen=True, slots=True)
class DocumentRule:
    """How a text of several sentences is decided: its own scores blended with the mean of its sentences'.

    A review-length text mixes praise and complaints; the whole-text model alone tends to side with one of
    them. p = sentence_weight · mean(P(sentence)) + (1 − sentence_weight) · P(text); the label is then
    positive / negative when P(positive) − P(negative) is at least `other_margin` either way, otherwise
    other (TextBlob's neutral band). Texts of one sentence keep the model's most probable class.
    """

    sentence_weight: float = 0.0
    other_margin: float = 0.0
    min_sentences: int = 2

    def label(self, p: np.ndarray, classes: Sequence[str], multi: bool) -> str:
        """The class of one probability row: the most probable, or for several sentences the margin rule."""
        if not multi:
            return classes[int(np.argmax(p))]
        pol = float(p[classes.index("positive")] - p[classes.index("negative")])
        if abs(pol) < self.other_margin:
            return "other"
        return "positive" if pol > 0 else "negative"

    def to_json(self) -> dict[str, float | int]:
        return {"sentence_weight": self.sentence_weight, "other_margin": self.other_margin,
                "min_sentences": self.min_sentences}


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Sublinear TF-IDF over `pl_terms`, L2-normalised, then one linear score per class (softmax);
    `document` decides texts of several sentences (see DocumentRule)."""

    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]
    meta: dict[str, object]
    document: DocumentRule = field(default_factory=DocumentRule)

    def transform(self, term_lists: Iterable[list[str]]) -> sparse.csr_matrix:
        """TF-IDF rows for feature-term lists (the same code trains and predicts, so they cannot drift)."""
        get = self.vocabulary.get
        indptr, indices = [0], []
        for terms in term_lists:
            indices += [c for c in map(get, terms) if c is not None]
            indptr.append(len(indices))
        n_rows, n_cols = len(indptr) - 1, len(self.vocabulary)
        counts = sparse.csr_matrix(
            (np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
            shape=(n_rows, n_cols),
        )
        counts.sum_duplicates()  # also sorts the columns of each row
        x = counts
        x.data = (1.0 + np.log(x.data)) * self.idf[x.indices]
        # L2 norm per row; rows without a known term stay empty.
        lengths = np.diff(x.indptr)
        norms = np.sqrt(np.add.reduceat(x.data**2, x.indptr[:-1][lengths > 0])) if x.nnz else np.zeros(0)
        x.data /= np.repeat(norms, lengths[lengths > 0])
        return x

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, one row per text, columns in `classes` order."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self._proba(pl_terms(t) for t in texts)

    def _proba(self, term_lists: Iterable[list[str]]) -> np.ndarray:
        scores = self.transform(term_lists) @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def document_proba(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Class probabilities per text after the document rule, and whether the rule applied (several sentences)."""
        probs = self.predict_proba(texts)
        rule = self.document
        multi = np.zeros(len(texts), dtype=bool)
        if not rule.sentence_weight and not rule.other_margin:
            return probs, multi
        split = [sentences(t) if _SENTENCE_END.search(t) else [t] for t in texts]
        multi = np.array([len(s) >= rule.min_sentences for s in split], dtype=bool)
        idx = np.flatnonzero(multi)
        if len(idx) and rule.sentence_weight:
            flat = [s for i in idx for s in split[i]]
            sent_p = self._proba(pl_terms(s) for s in flat)
            starts = np.cumsum([0] + [len(split[i]) for i in idx])
            means = np.add.reduceat(sent_p, starts[:-1], axis=0) / np.diff(starts)[:, None]
            probs[idx] = rule.sentence_weight * means + (1.0 - rule.sentence_weight) * probs[idx]
        return probs, multi

    def predict(self, texts: Sequence[str]) -> list[str]:
        """Class label per text (one of `classes`), by the document rule."""
        probs, multi = self.document_proba(texts)
        return [self.decide(p, m) for p, m in zip(probs, multi)]

    def decide(self, p: np.ndarray, multi: bool) -> str:
        """The class of one row of `document_proba` (multi: whether the text has several sentences)."""
        return self.document.label(p, self.classes, multi)

    def to_json(self) -> dict[str, object]:
        """Compact JSON form: terms in column order, weights rounded to 5 significant digits."""
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "format": "consult-linear-sentiment/2",
            "document": self.document.to_json(),
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
            # Format 1 had no document rule: every text was decided as a whole.
            document=DocumentRule(**obj.get("document", {})),  # type: ignore[arg-type]
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


def _from_proba(p: np.ndarray, classes: Sequence[str], best: str | None = None) -> Sentiment:
    """Label = `best` (default: the most probable class); score = P(positive) − P(negative), TextBlob's [-1, 1]."""
    idx = {c: i for i, c in enumerate(classes)}
    score = float(p[idx["positive"]] - p[idx["negative"]])
    best = best or classes[int(np.argmax(p))]
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
        probs, multi = model.document_proba([str(text)])
        p = probs[0]
        s = _from_proba(p, model.classes, model.decide(p, bool(multi[0])))
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
        probs, multi = model.document_proba([texts[i] for i in polish])
        for i, p, m in zip(polish, probs, multi):
            # No words at all (empty, punctuation): the intercept alone would pick a side.
            if _WORDS.search(texts[i]):
                out[i] = _from_proba(p, model.classes, model.decide(p, bool(m)))
            else:
                out[i] = Sentiment("neutral", 0.0)
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
