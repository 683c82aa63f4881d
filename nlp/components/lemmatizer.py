"""spaCy component `consult_morfeusz_lemmatizer`: Polish lemmas and Morfeusz tags, cached per word form."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from nlp import _morfeusz

if not Doc.has_extension("morf"):
    Doc.set_extension("morf", default=None)  # per token: tuple[Reading, ...] (one list per Doc is cheaper)
if not Token.has_extension("morf"):
    Token.set_extension("morf", getter=lambda t: (t.doc._.morf or ())[t.i] if t.doc._.morf else ())


class Reading(NamedTuple):
    """One Morfeusz interpretation kept for a form: lemma (homonym mark stripped) and tag."""

    lemma: str
    tag: str


# Frequent forms whose first-ranked reading is rare ("były" as "ex-husband", "mi" as a book of the Bible).
OVERRIDES: dict[str, str] = {
    "był": "być", "była": "być", "było": "być", "byli": "być", "były": "być", "są": "być", "jest": "być",
    "mam": "mieć", "podoba": "podobać", "ma": "mieć", "może": "móc", "mogą": "móc", "mi": "ja", "nie": "nie", "np": "np",
    "ul": "ulica", "al": "aleja", "tzw": "tzw", "m.in": "m.in", "r": "rok", "zł": "złoty", "tys": "tysiąc",
}
_FUNCTION = ("prep", "conj", "comp", "qub", "part", "interj")
_PRONOUN = ("ppron12", "ppron3", "siebie")
_VERB = ("fin", "praet", "bedzie", "inf", "pred", "aglt", "winien")
_RANK = {**{p: 0 for p in _FUNCTION}, **{p: 1 for p in _PRONOUN}, "subst": 2, **{p: 3 for p in _VERB},
         "adj": 4, "adja": 4, "adjp": 4, "adjc": 4, "adv": 5, "num": 5, "ger": 6,
         "pact": 7, "ppas": 7, "pcon": 7, "pant": 7}
# Usage labels of readings that are seldom meant in today's comments (dated, archaic, dialect, bookish).
_RARE = frozenset({"daw.", "arch.", "przest.", "rzad.", "gwar.", "środ.", "książk."})


class MorfeuszLemmatizer:
    """Picks one Morfeusz reading per form: skips brev/ign, prefers common words, falls back to spaCy's tables."""

    def __init__(self, nlp: Language, name: str, overwrite: bool, cache_size: int,
                 fallback_tables: list[str]) -> None:
        self.name = name
        self.fallback_tables = fallback_tables
        self.overwrite = overwrite
        self.cache_size = cache_size
        self._cache: dict[int, tuple[int, tuple[Reading, ...]]] = {}  # orth id → (lemma id, readings)
        self._tables: list[dict[str, str]] | None = None  # loaded on the first word Morfeusz does not know

    def __call__(self, doc: Doc) -> Doc:
        cache, strings = self._cache, doc.vocab.strings
        # Token objects cost more than the lookups themselves: walk the orth ids and write lemmas as one array.
        lemmas: list[int] = []
        morf: list[tuple[Reading, ...]] = []
        for orth in doc.to_array(ORTH).tolist():
            hit = cache.get(orth)
            if hit is None:
                hit = self._remember(orth, strings)
            lemmas.append(hit[0])
            morf.append(hit[1])
        if lemmas:
            found = np.array(lemmas, dtype=np.uint64)
            if not self.overwrite:  # keep the lemmas the tokens already have
                given = doc.to_array(LEMMA)
                found = np.where(given != 0, given, found)
            doc.from_array([LEMMA], found)
        doc._.morf = morf
        return doc

    def _remember(self, orth: int, strings: StringStore) -> tuple[int, tuple[Reading, ...]]:
        if len(self._cache) >= self.cache_size:
            self._cache.clear()  # bounded memory on huge inputs; forms repeat, so it refills quickly
        lemma, readings = self.analyse(strings[orth])
        hit = self._cache[orth] = (strings.add(lemma), readings)
        return hit

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def analyse(self, form: str) -> tuple[str, tuple[Reading, ...]]:
        """(lemma, readings) of one form; the lemma is lowercase unless the form is a proper name."""
        lower = form.lower()
        # Shared with the sentiment features and redaction: each form goes through Morfeusz once per process.
        raw = _morfeusz.readings(form)
        readings = tuple(Reading(r.lemma, r.tag) for r in raw if not r.tag.startswith(("ign", "brev")))
        if lower in OVERRIDES:
            return OVERRIDES[lower], readings
        if not readings:
            return self._fallback(lower), ()
        capitalised = form[:1].isupper()
        kept = [r for r in raw if not r[1].startswith(("ign", "brev"))]
        # Between content classes the one with more readings of this form wins: "nowe" is mostly an
        # adjective (not the noun "nowa"), "zieleni" mostly the noun "zieleń" (not "zielenić").
        weight: dict[int, int] = {}
        for r in kept:
            rank = _RANK.get(r.tag.split(":", 1)[0], 8)
            weight[rank] = weight.get(rank, 0) + 1

        has_common = any(r.lemma[:1].islower() for r in kept)
        per_lemma: dict[str, int] = {}
        for r in kept:
            per_lemma[r.lemma] = per_lemma.get(r.lemma, 0) + 1

        def score(item: _morfeusz.Reading) -> tuple[int, int, int, int, int, int]:
            lem, tag, quals = item.lemma, item.tag, item.qualifiers
            rank = _RANK.get(tag.split(":", 1)[0], 8)
            proper = lem[:1].isupper()
            # A lowercase form read as a proper name ("mi" → Micheasz) is almost never meant, and a
            # capitalised one with a common reading is mostly sentence-initial ("Budowa", not "Budowo").
            return (int(proper and (not capitalised or has_common)),
                    0 if rank <= 1 else 1 - weight[rank], rank, int(not _RARE.isdisjoint(item.labels)), -per_lemma[lem],
                    # "Krakowie" is the city, not a surname "Krak"
                    int("imię" in quals or "nazwisko" in quals))

        lem = min(kept, key=score)[0]
        return (lem if lem[:1].isupper() and capitalised else lem.lower()), readings

    def _fallback(self, lower: str) -> str:
        if self._tables is None:
            self._tables = _polish_tables(tuple(self.fallback_tables))
        for table in self._tables:
            if lower in table:
                return str(table[lower])
        return lower


def _polish_tables(names: tuple[str, ...]) -> list[dict[str, str]]:
    """spaCy's Polish lookup tables (spacy-lookups-data), read directly from the package.

    Only "adj" by default: the noun and verb tables take ~10 s to load (30 s through spaCy's
    Lookups) and SGJP, which Morfeusz already uses, covers their words.
    """
    try:
        import spacy_lookups_data
    except ImportError:
        return []
    base = Path(spacy_lookups_data.__file__).parent / "data"
    tables = []
    for name in names:
        path = base / f"pl_lemma_lookup_{name}.json.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                tables.append(json.load(fh))
    return tables


@Language.factory(
    "consult_morfeusz_lemmatizer",
    default_config={"overwrite": True, "cache_size": 500_000, "fallback_tables": ["adj"]},
    requires=["token.text"],
    assigns=["token.lemma", "doc._.morf"],
)
def make_morfeusz_lemmatizer(
    nlp: Language, name: str, overwrite: bool, cache_size: int, fallback_tables: list[str]
) -> MorfeuszLemmatizer:
    """Factory: `nlp.add_pipe("consult_morfeusz_lemmatizer")` on `spacy.blank("pl")`; fallback_tables
    names spaCy lookup tables ("noun", "adj", "verb") consulted for words Morfeusz does not know."""
    return MorfeuszLemmatizer(nlp, name, overwrite, cache_size, fallback_tables)
