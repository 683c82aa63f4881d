"""Extractive theme summaries: sentences that carry the theme's key phrases, chosen for centrality and diversity
(maximal marginal relevance), redacted, without a letter's salutations, closings, signatures or contact lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from nlp.pipeline import lemmas
from nlp.sentences import sentences
from nlp.vectors import ngrams

MMR_LAMBDA = 0.7  # relevance over novelty; 0.7 is the usual choice
MIN_CHARS, MAX_CHARS = 20, 400
KEY_BONUS = 0.5  # relevance added per key phrase a sentence carries (up to two)

# A letter's formulae at the start of a sentence: salutations, closings, thanks for reading, sign-offs.
_FORMULA = re.compile(
    r"^\W*(?:szanown\w*|dzie[ńn] dobry|witam\w*|z powa[żz]aniem|z wyrazami|z pozdrowieniami|pozdrawiam\w*|"
    r"serdeczn\w* pozdrowienia|[łl][ąa]cz[ęe] (?:wyrazy|pozdrowienia)|dzi[ęe]kuj[ęe] za uwag[ęe]|"
    r"z g[óo]ry dzi[ęe]kuj[ęe]|podpisano|zg[łl]aszaj[ąa]c\w*\s*:|w imieniu\b|podpis\b|dear\b|hello\b|hi\b|"
    r"(?:kind |best |warm )?regards|yours (?:sincerely|faithfully|truly)|thank you for (?:reading|your attention)|"
    r"шановн\w*|добрий день|доброго дня|з повагою|вітаю)",
    re.I,
)
# Contact lines: a phone, an e-mail address or a "contact" label (the numbers themselves are redacted).
_CONTACT = re.compile(r"@|\b(?:tel|tel\. ?kom|telefon\w*|nr tel|e-?mail|kontakt|phone|contact|телефон)\b\s*[.:]", re.I)
# A salutation opening a sentence that goes on ("Szanowni Państwo, proszę o…"): cut, the rest kept.
_GREETING = re.compile(
    r"^\W*(?:szanown\w* (?:pa\w+|państwo|biuro|radni)|dzie[ńn] dobry|witam(?: serdecznie)?|dear \w+(?: \w+)?|"
    r"hello|шановн\w* \w+|добрий день)\s*[,!]\s*", re.I)
# Where a line of its own begins inside a sentence: a closing or a signature after the last full stop.
_LINE = re.compile(r"\s*\n\s*")


class SummarySentence(str):
    """A summary sentence (a plain str everywhere) with the language of the comment it comes from, so a
    sentence in a language other than the consultation's can be shown marked ("en", "uk")."""

    language: str

    def __new__(cls, text: str, language: str) -> SummarySentence:
        obj = super().__new__(cls, text)
        obj.language = language
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (SummarySentence, (str(self), self.language))


def usable(sentence: str) -> bool:
    """Whether a redacted sentence may stand in a summary: no formula, no contact line."""
    return MIN_CHARS <= len(sentence) <= MAX_CHARS and not _FORMULA.search(sentence) and not _CONTACT.search(sentence)


def _lines(sentence: str) -> list[str]:
    """A sentence split where a new line starts with a capital: "…w parku\nZ poważaniem\nAnna" is three."""
    parts = _LINE.split(sentence.strip())
    out = [parts[0]]
    for part in parts[1:]:
        if part[:1].isupper() or not part[:1].isalpha():
            out.append(part)
        else:
            out[-1] = f"{out[-1]} {part}"
    return out


def _pool(texts: Sequence[str], languages: Sequence[str]) -> list[SummarySentence]:
    """The distinct sentences of texts that may stand in a summary, a salutation opening one cut off."""
    pool: list[SummarySentence] = []
    seen: set[str] = set()
    for text, language in zip(texts, languages):
        for sent in (line for s in sentences(text, language) for line in _lines(s)):
            # Capitalised: what follows a salutation cut off here, or on a line of its own ("Szanowni
            # Państwo,\njako mieszkanka…"), starts lower-case.
            sent = _GREETING.sub("", sent)
            sent = sent[:1].upper() + sent[1:]
            key = sent.casefold()
            if key not in seen and usable(sent):
                seen.add(key)
                pool.append(SummarySentence(sent, language))
    return pool


def _personal(sentence: SummarySentence) -> bool:
    """Whether nlp.redact finds personal data in a sentence (a name, a number, an address)."""
    from nlp.redaction import redact

    return bool(redact(str(sentence), sentence.language)[1])


def summarise(texts: Sequence[str], language: str, n: int, key_phrases: Sequence[str] = (),
              languages: Sequence[str] | None = None) -> list[SummarySentence]:
    """Up to n sentences from texts (already ordered by centrality) that cover the theme without repeating.

    `language` is the consultation's: sentences come from texts in it (each text's language in
    `languages`, all `language` when not given); from texts in other languages only when the theme has
    no usable sentence in it, each carrying its own language. Sentences that carry the key phrases rank
    first; a sentence in which redaction finds personal data is never chosen.
    """
    langs = list(languages) if languages is not None else [language] * len(texts)
    own = [i for i, lang in enumerate(langs) if lang == language]
    chosen = _choose(_pool([texts[i] for i in own], [langs[i] for i in own]), n, key_phrases)
    if not chosen and len(own) < len(texts):
        chosen = _choose(_pool(texts, langs), n, key_phrases)
    return chosen


def _choose(pool: list[SummarySentence], n: int, key_phrases: Sequence[str]) -> list[SummarySentence]:
    """Maximal marginal relevance over the pool; each pick is redacted first and passed over if it holds
    personal data (redacting the few picks, not every sentence of thirty comments, keeps it cheap)."""
    if not pool:
        return []
    by_lang: dict[str, list[int]] = {}
    for i, s in enumerate(pool):
        by_lang.setdefault(s.language, []).append(i)
    terms: list[list[str]] = [[] for _ in pool]
    for lang, idx in by_lang.items():
        for i, t in zip(idx, lemmas([str(pool[i]) for i in idx], lang)):  # spaCy wants an exact str
            terms[i] = t
    try:
        x = normalize(TfidfVectorizer(analyzer=ngrams, sublinear_tf=True).fit_transform(terms))
    except ValueError:  # no content word at all: the pool's order (centrality) decides
        relevance, sim = -np.arange(len(pool), dtype=float), np.zeros((len(pool), len(pool)))
    else:
        centre = normalize(np.asarray(x.mean(axis=0)))
        carried = _carried(terms, key_phrases, sorted(by_lang))
        relevance = np.asarray(x @ centre.T).ravel() + KEY_BONUS * np.minimum(carried, 2)
        sim = (x @ x.T).toarray()
    chosen: list[int] = []
    passed = np.zeros(len(pool), dtype=bool)
    while len(chosen) < n:
        penalty = sim[:, chosen].max(axis=1) if chosen else np.zeros(len(pool))
        score = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * penalty
        score[chosen] = -np.inf
        score[passed] = -np.inf
        best = int(np.argmax(score))
        if score[best] == -np.inf:
            break
        if _personal(pool[best]):
            passed[best] = True
        else:
            chosen.append(best)
    return [pool[i] for i in chosen]


def _carried(terms: list[list[str]], key_phrases: Sequence[str], langs: list[str]) -> np.ndarray:
    """How many key phrases each sentence carries (all content lemmas of the phrase among the sentence's)."""
    keys: set[frozenset[str]] = set()
    for lang in langs:
        keys.update(frozenset(k) for k in lemmas(list(key_phrases), lang) if k)
    return np.array([sum(k <= set(t) for k in keys) for t in terms], dtype=float)
