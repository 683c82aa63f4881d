"""spaCy component `consult_sentiment`: sets `doc._.sentiment` (nlp.types.Sentiment) per Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from nlp.sentiment import classify

if not Doc.has_extension("sentiment"):
    Doc.set_extension("sentiment", default=None)


def _doc_language(doc: Doc, fallback: str) -> str:
    # A language detector earlier in the pipeline may have set doc._.language; otherwise the pipeline's own.
    if Doc.has_extension("language") and getattr(doc._, "language", None):
        return str(doc._.language)
    return fallback


class SentimentComponent:
    """Wraps `nlp.sentiment.classify`; batches in `pipe` so the Polish model scores many docs at once."""

    def __init__(self, nlp: Language, name: str, language: str | None) -> None:
        self.name = name
        self.language = language or nlp.lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.sentiment = classify([doc.text], [_doc_language(doc, self.language)])[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._score(batch)
                batch = []
        yield from self._score(batch)

    def _score(self, docs: list[Doc]) -> list[Doc]:
        results = classify([d.text for d in docs], [_doc_language(d, self.language) for d in docs])
        for doc, result in zip(docs, results):
            doc._.sentiment = result
        return docs


@Language.factory(
    "consult_sentiment",
    default_config={"language": None},
    assigns=["doc._.sentiment"],
    requires=[],
)
def make_sentiment(nlp: Language, name: str, language: str | None) -> SentimentComponent:
    """Factory: `nlp.add_pipe("consult_sentiment")`; `language` overrides the pipeline's language code."""
    return SentimentComponent(nlp, name, language)
