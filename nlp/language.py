"""Language of each comment with lingua: pl/en/uk and a few neighbours; unsure means "other"."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Languages a Polish city hears: residents write Polish, English, Ukrainian; the rest are told apart
# so that e.g. Russian or Czech is not forced into the closest of the three.
CANDIDATES = (Language.POLISH, Language.ENGLISH, Language.UKRAINIAN, Language.RUSSIAN, Language.GERMAN,
              Language.CZECH, Language.SLOVAK, Language.BELARUSIAN, Language.FRENCH, Language.SPANISH,
              Language.CHINESE)
KEEP = {"pl", "en", "uk", "ru", "de", "cs", "sk", "be", "fr", "es", "zh"}
MIN_DISTANCE = 0.05  # below this margin between the top two languages lingua answers None → "other"
LONG_TEXT = 80  # from here lingua's low-accuracy (trigram) mode is about as good and ~10x faster


@lru_cache(maxsize=1)
def _detectors() -> tuple[LanguageDetector, LanguageDetector]:
    builder = LanguageDetectorBuilder.from_languages(*CANDIDATES).with_minimum_relative_distance(MIN_DISTANCE)
    fast = LanguageDetectorBuilder.from_languages(*CANDIDATES).with_minimum_relative_distance(MIN_DISTANCE)
    return builder.build(), fast.with_low_accuracy_mode().build()


def _code(lang: Language | None) -> str:
    if lang is None:
        return "other"
    code = lang.iso_code_639_1.name.lower()
    return code if code in KEEP else "other"


def detect(texts: Sequence[str]) -> list[str]:
    """ISO 639-1 code per text ("pl", "en", "uk", …) or "other" when unsure or empty."""
    accurate, fast = _detectors()
    out = ["other"] * len(texts)
    short = [i for i, t in enumerate(texts) if t.strip() and len(t) < LONG_TEXT]
    long = [i for i, t in enumerate(texts) if len(t) >= LONG_TEXT]
    for idx, det in ((short, accurate), (long, fast)):
        if idx:
            for i, lang in zip(idx, det.detect_languages_in_parallel_of([texts[i] for i in idx])):
                out[i] = _code(lang)
    return out
