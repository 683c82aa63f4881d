"""spaCy component `consult_redactor`: personal data as `doc._.pii_spans`, `doc._.redacted` and `doc.spans["pii"]`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.redaction import redact

for _name, _default in (("pii_spans", None), ("redacted", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class RedactorComponent:
    """Wraps `nlp.redaction.redact`: spans keep character offsets into `doc.text`, as officials confirm them."""

    def __init__(self, nlp: Language, name: str, language: str | None, names_dir: str | None, spans_key: str) -> None:
        self.name = name
        self.language = language or nlp.lang
        self.names_dir = names_dir
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        redacted, spans = redact(doc.text, self.language, names_dir=self.names_dir)
        doc._.redacted = redacted
        doc._.pii_spans = spans
        # Token-aligned copies for displaCy and span-based code; "expand" never drops a partial token.
        token_spans = [doc.char_span(s.start, s.end, label=s.kind, alignment_mode="expand") for s in spans]
        doc.spans[self.spans_key] = [s for s in token_spans if s is not None]
        return doc


@Language.factory(
    "consult_redactor",
    default_config={"language": None, "names_dir": None, "spans_key": "pii"},
    assigns=["doc._.pii_spans", "doc._.redacted", "doc.spans"],
    requires=[],
)
def make_redactor(
    nlp: Language, name: str, language: str | None, names_dir: str | None, spans_key: str
) -> RedactorComponent:
    """Factory: `nlp.add_pipe("consult_redactor", config={"names_dir": ".../names"})`."""
    return RedactorComponent(nlp, name, language, names_dir, spans_key)
