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
# A comment's language is that of its opening: past this many characters lingua is as sure as it gets and
# the rest only costs time (at 100k comments, 2 of 100,000 answers changed and a third of the time saved).
OPENING = 300


RESIDENTS = (Language.POLISH, Language.ENGLISH, Language.UKRAINIAN)


@lru_cache(maxsize=1)
def _fast() -> LanguageDetector:
    builder = LanguageDetectorBuilder.from_languages(*CANDIDATES).with_minimum_relative_distance(MIN_DISTANCE)
    return builder.with_low_accuracy_mode().build()


@lru_cache(maxsize=len(CANDIDATES) + 1)
def _narrow(guess: Language | None) -> LanguageDetector:
    """The accurate detector over the residents' three languages and the fast detector's guess."""
    languages = set(RESIDENTS) | ({guess} if guess is not None else set())
    return LanguageDetectorBuilder.from_languages(*sorted(languages, key=lambda x: x.name)) \
        .with_minimum_relative_distance(MIN_DISTANCE).build()


def _code(lang: Language | None) -> str:
    if lang is None:
        return "other"
    code = lang.iso_code_639_1.name.lower()
    return code if code in KEEP else "other"


def detect(texts: Sequence[str]) -> list[str]:
    """ISO 639-1 code per text ("pl", "en", "uk", …) or "other" when unsure or empty.

    Long texts: lingua's fast (trigram) mode. Short ones: the fast mode's guess, then the accurate mode
    choosing between that guess and Polish, English and Ukrainian — three times faster than the accurate
    mode over all eleven languages, and as accurate on short Polish and English texts (measured on
    8TAGS, civic-budget titles and NHS feedback: 98.1/99.6/98.4 % against 98.1/99.5/97.9 %).
    """
    out = ["other"] * len(texts)
    texts = [_opening(t) for t in texts]
    idx = [i for i, t in enumerate(texts) if t.strip()]
    guesses = _fast().detect_languages_in_parallel_of([texts[i] for i in idx])
    again: dict[Language | None, list[int]] = {}
    for i, guess in zip(idx, guesses):
        if len(texts[i]) >= LONG_TEXT:
            out[i] = _code(guess)
        else:
            again.setdefault(guess, []).append(i)
    for guess, members in sorted(again.items(), key=lambda kv: kv[0].name if kv[0] else ""):
        for i, lang in zip(members, _narrow(guess).detect_languages_in_parallel_of([texts[i] for i in members])):
            out[i] = _code(lang)
    return out


def _opening(text: str) -> str:
    """The first OPENING characters, cut at a space when there is one in the second half."""
    if len(text) <= OPENING:
        return text
    space = text.rfind(" ", 0, OPENING)
    return text[: space if space > OPENING // 2 else OPENING]
