"""Builds one spaCy pipeline per language (Polish first) and turns texts into plain features."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.attrs import IS_ALPHA, IS_SPACE, LANG, LIKE_NUM, LOWER
from spacy.language import Language

import nlp.components  # noqa: F401  (registers the consult_* factories once)

SUPPORTED = ("pl", "en", "uk")
# The word-form attributes our components read (is_alpha, is_space, like_num, lower_; the vocabulary
# takes its language from LANG). spaCy computes some twenty for every form new to the vocabulary (shape,
# prefix, suffix, like_url…): on large inputs, where most forms are new to a worker, that was a quarter
# of the features' time, for nothing we use.
LEXEME_ATTRS = frozenset({IS_ALPHA, IS_SPACE, LIKE_NUM, LOWER, LANG})


@dataclass(frozen=True, slots=True)
class Features:
    """What later steps need of one text: content lemmas and (lemma key, surface) noun phrases."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, str], ...]


@lru_cache(maxsize=8)
def build(lang: str) -> Language:
    """The pipeline for a language code; unknown languages get a multilingual tokenizer only."""
    if lang == "pl":
        nlp = spacy.blank("pl")
        nlp.add_pipe("consult_morfeusz_lemmatizer")
    elif lang == "uk":
        nlp = spacy.blank("uk")
        nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3", "overwrite": True})
    elif lang == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": True})
    else:
        nlp = spacy.blank("xx")
    nlp.vocab.lex_attr_getters = {k: f for k, f in nlp.vocab.lex_attr_getters.items() if k in LEXEME_ATTRS}
    nlp.add_pipe("consult_phrases", config={"language": lang if lang in SUPPORTED else "xx"})
    nlp.initialize()  # loads lookup tables from spacy-lookups-data (installed, so offline)
    return nlp


def features(texts: Sequence[str], languages: Sequence[str], batch_size: int = 500) -> list[Features]:
    """Features of each text, processed with the pipeline of its language, in input order."""
    out: list[Features | None] = [None] * len(texts)
    by_lang: dict[str, list[int]] = {}
    for i, lang in enumerate(languages):
        by_lang.setdefault(lang if lang in SUPPORTED else "xx", []).append(i)
    for lang, idx in sorted(by_lang.items()):
        docs = build(lang).pipe((texts[i] for i in idx), batch_size=batch_size)
        for i, doc in zip(idx, docs):
            out[i] = Features(tuple(doc._.terms), tuple(doc._.phrases))
    return out  # type: ignore[return-value]


def lemmas(texts: Sequence[str], language: str) -> Iterator[list[str]]:
    """Content lemmas of texts in one language (used for sentences and for `similar`)."""
    for doc in build(language if language in SUPPORTED else "xx").pipe(texts, batch_size=500):
        yield list(doc._.terms)
