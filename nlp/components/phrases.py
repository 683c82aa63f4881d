"""spaCy component `consult_phrases`: content lemmas (`doc._.terms`) and noun phrases (`doc._.phrases`)."""

from __future__ import annotations

from functools import lru_cache

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
MAX_PHRASE = 4


@lru_cache(maxsize=8)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for a language plus our consultation fillers (empty for unknown languages)."""
    try:
        base = set(get_lang_class(lang).Defaults.stop_words)
    except ImportError:
        base = set()
    return frozenset(base | _EXTRA_STOP.get(lang, set()))


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


# Per word form: (is content word, lemma, lowercase form, noun cases, adjective cases).
def _info(tok: Token, readings: tuple[tuple[str, str], ...], stop: frozenset[str]) -> tuple[bool, str, str, frozenset[str], frozenset[str]]:
    ok = _content(tok, stop)
    noun = frozenset(_cases(readings, _NOUN)) if ok else frozenset()
    adj = frozenset(_cases(readings, _ADJ)) if ok else frozenset()
    return ok, tok.lemma_.lower(), tok.lower_, noun, adj


def polish_phrases(info: list[tuple[bool, str, str, frozenset[str], frozenset[str]]]) -> list[tuple[str, str]]:
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
                if e - s + 1 <= MAX_PHRASE:
                    span = info[s : e + 1]
                    out.append((" ".join(t[1] for t in span), " ".join(t[2] for t in span)))
    return out


def plain_phrases(info: list[tuple[bool, str, str, frozenset[str], frozenset[str]]]) -> list[tuple[str, str]]:
    """Languages without a tagger here: content unigrams and adjacent content bigrams."""
    out: list[tuple[str, str]] = []
    prev = None
    for tok in info:
        if not tok[0]:
            prev = None
            continue
        out.append((tok[1], tok[2]))
        if prev is not None:
            out.append((f"{prev[1]} {tok[1]}", f"{prev[2]} {tok[2]}"))
        prev = tok
    return out


class PhraseExtractor:
    """Content lemmas for the theme vectors and noun phrases for key phrases and labels."""

    def __init__(self, nlp: Language, name: str, language: str | None) -> None:
        self.name = name
        self.language = language or nlp.lang
        self.stop = stop_words(self.language)
        self._cache: dict[str, tuple[bool, str, str, frozenset[str], frozenset[str]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        stop, cache = self.stop, self._cache
        morf = doc._.morf
        info = []
        for i, tok in enumerate(doc):
            hit = cache.get(tok.text)
            if hit is None:
                if len(cache) > 500_000:
                    cache.clear()
                # Everything here depends on the form alone (its lemma and readings are cached per form too).
                hit = cache[tok.text] = _info(tok, morf[i] if morf else (), stop)
            info.append(hit)
        doc._.terms = [t[1] for t in info if t[0]]
        doc._.phrases = polish_phrases(info) if self.language == "pl" else plain_phrases(info)
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
