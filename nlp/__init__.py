"""consult's text analysis: the public API (analyse, assign, similar, redact, sentiment) over plain types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from nlp.analysis import analyse
from nlp.workers import classify_sentiment
from nlp.incremental import assign
from nlp.similar import SimilarIndex, similar
from nlp.types import Analysis, Campaign, CommentIn, CommentResult, Options, RedactionSpan, Sentiment, Theme


def sentiment(texts: Sequence[str], languages: Sequence[str] | None = None) -> list[Sentiment]:
    """Sentiment per text (nlp.sentiment.classify); languages are detected when not given."""
    from nlp.language import detect

    texts = list(texts)
    return classify_sentiment(texts, list(languages) if languages is not None else detect(texts))


def redact(
    text: str, language: str = "pl", *, known_names: Iterable[str] = ()
) -> tuple[str, list[RedactionSpan]]:
    """Text with personal data replaced by placeholders, and the spans found (nlp.redaction.redact);
    `known_names`: institutions, places and streets the consultation's draft names, never taken for persons."""
    from nlp.redaction import redact as _redact

    return _redact(text, language, known_names=known_names)


__all__ = [
    "Analysis", "Campaign", "CommentIn", "CommentResult", "Options", "RedactionSpan", "Sentiment", "SimilarIndex", "Theme",
    "analyse", "assign", "redact", "sentiment", "similar",
]
