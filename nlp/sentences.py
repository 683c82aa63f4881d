"""Sentence splitting (Punkt with Polish abbreviation fixes), shared by summaries and sentiment."""

from __future__ import annotations

import re
from functools import lru_cache

import punkt

# Abbreviations Punkt's Polish model still ends sentences at ("przy ul. Długiej").
_ABBREV = re.compile(r"(?:\b(?:ul|al|pl|os|np|tzw|tj|m\.in|nr|godz|ok|ok|prof|dr|ks|im|św|gen|pkt|tys|ww|wg|r)\.)$", re.I)
_PUNKT = {"pl": "polish", "en": "english", "uk": "russian"}


@lru_cache(maxsize=4)
def _splitter(language: str) -> punkt.PunktSentenceTokenizer:
    return punkt.tokenizer_for(_PUNKT.get(language, "english"), line_breaks="paragraph", prefixes=True)


def sentences(text: str, language: str = "pl") -> list[str]:
    """Sentences of a text (Punkt, with Polish street/abbreviation fixes)."""
    out: list[str] = []
    for sent in _splitter(language).tokenize(text):
        sent = sent.strip()
        if out and _ABBREV.search(out[-1]):
            out[-1] = f"{out[-1]} {sent}"
        elif sent:
            out.append(sent)
    return out
