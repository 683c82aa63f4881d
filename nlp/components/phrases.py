"""spaCy component `consult_phrases`: content lemmas (`doc._.terms`) and noun phrases (`doc._.phrases`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import get_lang_class

for _name in ("terms", "phrases"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Words frequent in any consultation that say nothing about its themes.
_EXTRA_STOP = {
    "pl": {"proszę", "prosić", "uważać", "myśleć", "chcieć", "móc", "mieć", "być", "zostać", "bardzo", "który",
           "również", "także", "jeszcze", "tylko", "już", "aby", "żeby", "oraz", "czy", "jak", "gdy", "np", "itp",
           "itd", "tzw", "m.in", "etc", "dobry", "dużo", "wiele", "ten", "taki", "swój", "każdy", "inny", "cały",
           "rok", "raz", "sam", "powinien", "powinny", "podobać", "trzeba", "należeć", "mój", "nasz", "wasz", "twój"},
    "en": {"would", "could", "should", "also", "really", "think", "need", "like", "get", "make"},
}
# Nouns that mostly come from set phrases ("w latach", "w ogóle", "na rzecz", "nie uda się" read as
# "udo") and name no theme alone; they still count in the theme vectors and inside longer phrases.
_GENERIC = {
    "pl": {"lato", "ogół", "rzecz", "czas", "sposób", "udo", "miesiąc", "dzień", "tydzień", "kawał", "raz"},
    "en": {"year", "time", "way", "thing", "lot", "day", "week", "month"},
}
MAX_PHRASE = 4
_ENDS = frozenset(".!?…:;\"„”»«-–—()")


@lru_cache(maxsize=8)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for a language plus our consultation fillers (empty for unknown languages)."""
    try:
        base = set(get_lang_class(lang).Defaults.stop_words)
    except ImportError:
        base = set()
    return frozenset(base | _EXTRA_STOP.get(lang, set()))


def _acronym(text: str) -> bool:
    """MAL, CIS, OPS: shown as written, not lower-cased like other words."""
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def _starts(previous: Token) -> bool:
    """Whether the token after `previous` may begin a sentence, a quotation or a list item."""
    return previous.is_space or previous.text[-1:] in _ENDS or previous.like_num


def _content(tok: Token, stop: frozenset[str]) -> bool:
    return tok.is_alpha and len(tok.text) > 1 and tok.lower_ not in stop and tok.lemma_.lower() not in stop


def _cases(readings: tuple[tuple[str, str], ...], kinds: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for _lemma, tag in readings:
        parts = tag.split(":")
        if parts[0] in kinds and len(parts) > 2:
            out.update(parts[2].split("."))
    return out


_NOUN = ("subst", "ger")
_ADJ = ("adj", "pact", "ppas")


Info = tuple[bool, str, str, frozenset[str], frozenset[str], str]


# Per word form: (is content word, lemma, form as shown, noun cases, adjective cases, form as written).
def _info(tok: Token, readings: tuple[tuple[str, str], ...], stop: frozenset[str]) -> Info:
    ok = _content(tok, stop)
    noun = frozenset(_cases(readings, _NOUN)) if ok else frozenset()
    adj = frozenset(_cases(readings, _ADJ)) if ok else frozenset()
    return ok, tok.lemma_.lower(), tok.text if _acronym(tok.text) else tok.lower_, noun, adj, tok.text


def _surface(span: Sequence[Info]) -> str:
    """A phrase as shown; a name keeps the capital of its first word ("Miejsca Aktywności Lokalnej")."""
    if len(span) == 1:
        return span[0][2]
    words = [t[2] for t in span]
    if any(w[:1].isupper() for w in words[1:]):
        words[0] = span[0][5]
    return " ".join(words)


def polish_phrases(info: list[Info]) -> list[tuple[str, str]]:
    """Noun phrases A* N (agreeing A | genitive N/A)* from Morfeusz tags, as (lemma key, surface)."""
    n = len(info)
    noun = [i[3] for i in info]
    adj = [i[4] for i in info]
    out: list[tuple[str, str]] = []
    for h in range(n):
        if not noun[h]:
            continue
        starts = [h]
        s = h - 1
        # Prefix adjectives must agree in case with the head ("nowe ławki").
        while s >= 0 and h - s < MAX_PHRASE and adj[s] & noun[h]:
            starts.append(s)
            s -= 1
        ends = [h]
        e = h + 1
        last_gen_noun = False
        while e < n and e - h < MAX_PHRASE:
            if "gen" in noun[e]:
                last_gen_noun = True  # "miejsca aktywności": a genitive complement
            elif adj[e] & (noun[h] | ({"gen"} if last_gen_noun else set())):
                pass  # "osoby starsze", "aktywności lokalnej": an agreeing post-modifier
            else:
                break
            ends.append(e)
            e += 1
        for s in starts:
            for e in ends:
                if s == e:
                    out.append((info[h][1], info[h][2]))
                elif e - s + 1 <= MAX_PHRASE:
                    span = info[s : e + 1]
                    out.append((" ".join([t[1] for t in span]), _surface(span)))
    return out


def plain_phrases(info: list[Info]) -> list[tuple[str, str]]:
    """Languages without a tagger here: content unigrams and adjacent content bigrams."""
    out: list[tuple[str, str]] = []
    prev = None
    for tok in info:
        if not tok[0]:
            prev = None
            continue
        out.append((tok[1], tok[2]))
        if prev is not None:
            out.append((f"{prev[1]} {tok[1]}", _surface((prev, tok))))
        prev = tok
    return out


class PhraseExtractor:
    """Content lemmas for the theme vectors and noun phrases for key phrases and labels."""

    def __init__(self, nlp: Language, name: str, language: str | None) -> None:
        self.name = name
        self.language = language or nlp.lang
        self.stop = stop_words(self.language)
        self.generic = frozenset(_GENERIC.get(self.language, ()))
        self._cache: dict[int, tuple[Info, bool]] = {}  # orth id → (info, a sentence may start after it)

    def __call__(self, doc: Doc) -> Doc:
        stop, cache = self.stop, self._cache
        morf = doc._.morf
        info: list[Info] = []
        starts = True  # whether the current token may begin a sentence (after the previous one)
        # Walk orth ids, not Token objects: everything but the capital rule depends on the form alone.
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            hit = cache.get(orth)
            if hit is None:
                if len(cache) > 500_000:
                    cache.clear()
                # The lemma and readings are cached per form too, so this holds for every later token.
                tok = doc[i]
                hit = cache[orth] = (_info(tok, morf[i] if morf else (), stop), _starts(tok))
            form, starts_next = hit
            # A capitalised word inside a sentence is a name ("na Białołęce"): shown as written.
            if form[0] and not starts and form[5][:1].isupper() and form[2] != form[5]:
                form = (form[0], form[1], form[5], form[3], form[4], form[5])
            info.append(form)
            starts = starts_next
        doc._.terms = [t[1] for t in info if t[0]]
        phrases = polish_phrases(info) if self.language == "pl" else plain_phrases(info)
        generic = self.generic
        doc._.phrases = [p for p in phrases if not generic.issuperset(p[0].split())] if generic else phrases
        return doc


@Language.factory(
    "consult_phrases",
    default_config={"language": None},
    requires=["token.lemma"],
    assigns=["doc._.terms", "doc._.phrases"],
)
def make_phrases(nlp: Language, name: str, language: str | None) -> PhraseExtractor:
    """Factory: `nlp.add_pipe("consult_phrases")` after the lemmatizer."""
    return PhraseExtractor(nlp, name, language)
