"""Theme labels: key phrases turned into a nominative noun phrase (Morfeusz 2 for Polish, pymorphy3 for Ukrainian)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import morfeusz2

MAX_WORDS = 6
_NOUN = ("subst", "ger")
_ADJ = ("adj", "pact", "ppas")
_JOIN = {"pl": "i", "en": "and", "uk": "і"}


@dataclass(frozen=True, slots=True)
class _Reading:
    """One Morfeusz reading: the lemma with its homonym mark (which generation needs) and the tag split at ':'."""

    lemma: str
    tag: tuple[str, ...]
    labels: str
    common: bool  # a common word, not a proper name's reading

    @property
    def key(self) -> str:
        return self.lemma.split(":", 1)[0].lower()


@lru_cache(maxsize=1)
def _analyser() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(separate_numbering=True, whitespace=morfeusz2.SKIP_WHITESPACES)


@lru_cache(maxsize=1)
def _generator() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(generate=True)


@lru_cache(maxsize=50_000)
def _readings(word: str) -> tuple[_Reading, ...]:
    """Whole-word readings of one form, without abbreviations, guesses and depreciative forms."""
    out = []
    for start, end, (_form, lemma, tag, names, labels) in _analyser().analyse(word):
        if start != 0 or end != 1 or tag.startswith(("brev", "ign", "depr")):
            continue
        out.append(_Reading(lemma, tuple(tag.split(":")), labels or "", lemma[:1].islower() or not names
                            or "nazwa_pospolita" in names))
    return tuple(out)


@lru_cache(maxsize=20_000)
def _forms(lemma: str) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """Every form Morfeusz generates for a lemma (with homonym mark): (form, tag parts, usage labels)."""
    try:
        generated = _generator().generate(lemma)
    except RuntimeError:  # a lemma the generator does not know
        return ()
    return tuple((form, tuple(tag.split(":")), "".join(labels)) for form, _l, tag, _n, labels in generated)


def _nominative(reading: _Reading, number: str, gender: str, original: str) -> str | None:
    """The nominative form of a reading in the given number, agreeing with `gender`; None if Morfeusz has none.

    Everything after the gender (degree of an adjective, aspect and negation of a participle, "pt" of a
    plurale tantum) stays as in the original reading, so "starszych" (com) gives "starsze", not "stare".
    """
    tag = reading.tag
    plain, labelled = None, None
    for form, t, labels in _forms(reading.lemma):
        if (len(t) != len(tag) or t[0] != tag[0] or number not in t[1].split(".") or "nom" not in t[2].split(".")
                or gender not in t[3].split(".") or t[4:] != tag[4:]):
            continue
        if form == original.lower():  # already nominative: "opiekunowie" stays, not "opiekuni"
            return form
        if labels:  # a form without "daw.", "rzad." or "pot." over one with
            labelled = labelled or form
        else:
            plain = plain or form
    return plain or labelled


def _cased(form: str, like: str) -> str:
    """A generated form written as the original was: MAL stays MAL, Białołęce gives Białołęka."""
    if like.isupper() and len(like) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def _agrees(reading: _Reading, number: str, case: str, gender: str) -> bool:
    t = reading.tag
    return (t[0] in _ADJ and len(t) > 3 and number in t[1].split(".") and case in t[2].split(".")
            and gender in t[3].split("."))


def _polish(words: list[str]) -> tuple[list[str], list[str], bool]:
    """A Polish phrase with its head noun and agreeing adjectives in the nominative; and the words' lemmas.

    The head is the first noun; adjectives before it and right after it (before any genitive complement)
    agree with it and are inflected with it; complements ("liczba miejsc", "miejsca aktywności lokalnej")
    stay as written. A phrase that does not parse as such is returned unchanged. The flag is False for a
    fragment: a phrase ending in an adjective that agrees with nothing ("zasady prostego").
    """
    reads = [_readings(w) for w in words]
    lemmas = [next((r.key for r in rs if r.common), rs[0].key) if rs else w.lower() for w, rs in zip(words, reads)]
    best: tuple[tuple[int, ...], list[str], list[str], int] | None = None
    for h, head in ((h, r) for h, rs in enumerate(reads) for r in rs):
        t = head.tag
        if t[0] not in _NOUN or len(t) < 4:
            continue
        for number in t[1].split("."):
            for case in t[2].split("."):
                for gender in t[3].split("."):
                    pre = [next((r for r in reads[i] if _agrees(r, number, case, gender)), None) for i in range(h)]
                    if any(r is None for r in pre):
                        continue
                    post: list[_Reading] = []
                    for rs in reads[h + 1:]:
                        r = next((r for r in rs if _agrees(r, number, case, gender)), None)
                        if r is None:
                            break
                        post.append(r)
                    # Prefer: a common noun's reading for a lower-case word, more agreeing words ("nowych
                    # ławek" is adjective + noun, not the noun "nowy" + a complement), the first noun, a form
                    # already nominative, a reading with no usage label ("tysiącach" is not the card game).
                    # A verbal noun in the singular: "finansowania CIS" is "finansowanie CIS".
                    verbal = t[0] == "ger" or (t[3] == "n" and head.key.endswith(("nie", "cie")))
                    score = (int(head.common or words[h][:1].isupper()), h + len(post), -h,
                             int(verbal and number == "sg"), int(case == "nom"), int(not head.labels))
                    if best is not None and score <= best[0]:
                        continue
                    out = list(words)
                    keys = list(lemmas)
                    for i, r in zip(range(h + len(post) + 1), [*pre, head, *post]):
                        form = _nominative(r, number, t[3] if r is head else gender, words[i])
                        if form is None:
                            break
                        out[i], keys[i] = _cased(form, words[i]), r.key
                    else:
                        best = (score, out, keys, h + len(post))
    if best is None:
        return words, lemmas, False
    if len(words) == 1 and _adjectival(reads[0]):
        return best[1], best[2], False  # a lone "pierwszy", "nowy", "zielone" names nothing
    return best[1], best[2], best[3] == len(words) - 1 or _ends_whole(reads[best[3] + 1:])


def _adjectival(readings: tuple[_Reading, ...]) -> bool:
    """Whether a word's noun readings are an adjective used as a noun (the lemma of an adjective reading):
    "nowy", "prosty", "pierwszy", "zielone"; not "droga" (road, beside the adjective "drogi") or "rada"."""
    adjectives = {r.key for r in readings if r.tag[0] in _ADJ}
    # A colloquial or dated noun reading ("zielone", pot.: money) does not make the word a noun.
    return bool(adjectives) and not any(r.tag[0] in _NOUN and r.key not in adjectives and not r.labels
                                        for r in readings)


def _ends_whole(rest: list[tuple[_Reading, ...]]) -> bool:
    """Whether the words after the head's agreeing ones end as a complement does: in a noun, or in an
    adjective agreeing with the noun before it ("aktywności lokalnej"), not in a lone adjective."""
    if not rest or not rest[-1]:
        return True  # a word Morfeusz does not know ("CIS") may end a name
    if not any(r.tag[0] in _NOUN or r.tag[0] in _ADJ for r in rest[-1]):
        return False  # a verb ("usługi opiekuńcze czekała")
    # An adjective used as a noun ends the phrase as an adjective ("prostego" is not the boxer's "prosty").
    if not _adjectival(rest[-1]):
        return True
    nouns = [rs for rs in rest[:-1] if any(r.tag[0] in _NOUN for r in rs)]
    if not nouns:
        return False

    def overlap(a: _Reading, n: _Reading) -> bool:
        return all(set(a.tag[k].split(".")) & set(n.tag[k].split(".")) for k in (1, 2, 3))

    return any(a.tag[0] in _ADJ and len(a.tag) > 3 and n.tag[0] in _NOUN and len(n.tag) > 3 and overlap(a, n)
               for a in rest[-1] for n in nouns[-1])


@lru_cache(maxsize=1)
def _morph_uk() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _ukrainian(words: list[str]) -> tuple[list[str], list[str], bool]:
    """A Ukrainian phrase with its first noun and the adjectives before it in the nominative (pymorphy3)."""
    morph = _morph_uk()
    parses = [morph.parse(w) for w in words]
    lemmas = [(next((p for p in ps if p.tag.POS == "NOUN"), ps[0]).normal_form if ps else w.lower())
              for w, ps in zip(words, parses)]
    # The last noun with agreeing adjectives before it first: "молодій сім'ї" is adjective + noun, not the
    # noun "молодий" + a complement.
    for h in reversed(range(len(parses))):
        # A reading already in the nominative first: "права працівників" stays plural.
        for head in sorted((p for p in parses[h] if p.tag.POS == "NOUN"), key=lambda p: "nomn" not in p.tag):
            tag = head.tag
            plural = "plur" in tag
            pre = [next((p for p in parses[i] if p.tag.POS in ("ADJF", "PRTF") and tag.case in p.tag
                         and (("plur" in p.tag) == plural) and (plural or tag.gender in p.tag)), None)
                   for i in range(h)]
            if any(p is None for p in pre):
                continue
            out = list(words)
            keys = list(lemmas)
            for i, p in enumerate([*pre, head]):
                grammemes = {"nomn"} | ({"plur"} if plural else set())
                if p is not head and not plural and tag.gender:
                    grammemes.add(tag.gender)
                form = p.inflect(grammemes)
                if form is None:
                    break
                out[i], keys[i] = _cased(form.word, words[i]), p.normal_form
            else:
                return out, keys, True
    return words, lemmas, True


def _plain(words: list[str]) -> tuple[list[str], list[str], bool]:
    return words, [w.lower() for w in words], True


_INFLECT = {"pl": _polish, "uk": _ukrainian}


def nominative(phrase: str, language: str) -> tuple[str, list[str]]:
    """A key phrase as a label's noun phrase in the nominative, and the lemmas of its words."""
    text, lemmas, _complete = _nominative_phrase(phrase, language)
    return text, lemmas


def _nominative_phrase(phrase: str, language: str) -> tuple[str, list[str], bool]:
    words, lemmas, complete = _INFLECT.get(language, _plain)(phrase.split())
    # A lemma said twice ("miejsca miejsc") names nothing twice: the phrase stops before the repeat.
    for i, key in enumerate(lemmas):
        if key in lemmas[:i]:
            words, lemmas = words[:i], lemmas[:i]
            break
    return " ".join(words[:MAX_WORDS]), lemmas[:MAX_WORDS], complete


def _language_of(phrase: str, theme_language: str) -> str:
    """A phrase's language: Ukrainian when written in Cyrillic, else the theme's (Polish for a Ukrainian theme)."""
    if any("\u0400" <= ch <= "\u04ff" for ch in phrase):
        return "uk"
    return "pl" if theme_language == "uk" else theme_language


def label(phrases: Sequence[str], language: str, fallback: str) -> str:
    """A theme label from its key phrases: the best whole noun phrase among the first three, in the
    nominative ("Prosty język dokumentu"); a one-word phrase is joined by a second one that repeats none
    of its lemmas ("Ławki i parki")."""
    # Each phrase in its own language: a theme of English and Ukrainian comments may have Ukrainian phrases.
    candidates = [_nominative_phrase(p, _language_of(p, language)) for p in phrases[:3]]
    candidates = [c for c in candidates if c[0]]
    if not candidates:
        return fallback
    first, lemmas, _complete = next((c for c in candidates if c[2]), candidates[0])
    text = first
    join = _JOIN.get(_language_of(first, language), "/")
    if len(lemmas) == 1:
        for second, more, complete in candidates:
            if complete and not set(more) & set(lemmas) and len(more) + 2 <= MAX_WORDS:
                text = f"{first} {join} {second}"
                break
    return text[:1].upper() + text[1:]
