"""A tiny cached Morfeusz 2 helper: readings, a lemma and name qualifiers per word form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

import morfeusz2


class Reading(NamedTuple):
    """One Morfeusz interpretation of a form: lemma without homonym mark, tag, name qualifiers (imię,
    nazwisko, nazwa_geograficzna…) and usage labels (daw., książk., pot.…)."""

    lemma: str
    tag: str
    qualifiers: tuple[str, ...]
    labels: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _analyser() -> morfeusz2.Morfeusz:
    # separate_numbering keeps "2024r" apart; whitespace handling is ours, so skip it.
    return morfeusz2.Morfeusz(separate_numbering=True, whitespace=morfeusz2.SKIP_WHITESPACES)


@lru_cache(maxsize=1)
def _resolver() -> Any:
    """Morfeusz's id → string tables for tags, names and labels."""
    return _analyser()._morfeusz_obj.getIdResolver()


@lru_cache(maxsize=None)
def _tag(tag_id: int) -> str:
    return str(_resolver().getTag(tag_id))


@lru_cache(maxsize=None)
def _names(name_id: int) -> tuple[str, ...]:
    name = _resolver().getName(name_id)
    return tuple(name.split("|")) if name else ()


@lru_cache(maxsize=None)
def _labels(labels_id: int) -> tuple[str, ...]:
    text = _resolver().getLabelsAsUnicode(labels_id)
    return tuple(x for part in text.split("|") for x in part.split(",") if x) if text else ()


@lru_cache(maxsize=200_000)
def readings(form: str) -> tuple[Reading, ...]:
    """All readings of one whole form (multi-segment analyses such as "jestem" → by+m are kept whole)."""
    out: list[Reading] = []
    # The wrapper's analyse() turns every reading's tag, name and labels into strings; tags and names are
    # a few hundred ids, so resolving each id once is most of the cost of a new form saved.
    for interp in _analyser()._morfeusz_obj.analyse(form):
        # Segmented words ("zrobiłem" = zrobić + em) give several segments; the first carries the lemma.
        if interp.startNode != 0:
            continue
        out.append(Reading(interp.lemma.split(":", 1)[0], _tag(interp.tagId), _names(interp.nameId),
                           _labels(interp.labelsId)))
    return tuple(out)


def lemma(form: str) -> str:
    """The most plausible common-word lemma of a lowercase form, or the form itself when unknown."""
    if len(form) <= 2:
        return form  # "ok", "xd", "mi": Morfeusz's readings of short forms are mostly noise
    best = ""
    for r in readings(form):
        # brev/ign readings are abbreviations or guesses ("mi" → Księga_Micheasza); proper nouns lose to common words.
        if r.tag.startswith(("brev", "ign")):
            continue
        if r.lemma[:1].islower():
            return r.lemma.lower()
        best = best or r.lemma.lower()
    return best or form
