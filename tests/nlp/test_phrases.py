"""Noun phrases and key phrases: lemmatised for counting, shown in their surface form."""

from __future__ import annotations

import pytest

import nlp
from nlp import keyphrases
from nlp.labels import label
from nlp.pipeline import features
from nlp.types import CommentIn
from tests.nlp.conftest import THEMES


def test_polish_noun_phrases_follow_morfeusz_tags() -> None:
    [f] = features(["Miejsca aktywności lokalnej są ważne dla osób starszych."], ["pl"])
    keys = dict(f.phrases)
    assert keys["miejsce aktywność lokalny"] == "miejsca aktywności lokalnej"
    assert "osoba starszy" in keys or "osoba stary" in keys
    assert all("ważny" != k for k in keys)  # a predicative adjective alone is not a noun phrase


def test_key_phrases_use_the_most_frequent_surface_form() -> None:
    texts = ["Miejsca aktywności lokalnej są potrzebne.", "Więcej miejsc aktywności lokalnej!",
             "Miejsca aktywności lokalnej w każdej dzielnicy.", "Parki i skwery", "Nowe parki i skwery",
             "Zielone skwery i parki"]
    feats = features(texts, ["pl"] * len(texts))
    out = keyphrases.key_phrases([f.phrases for f in feats], [0, 0, 0, 1, 1, 1], [1.0] * 6, 3)
    assert out[0][0] == "miejsca aktywności lokalnej"  # not "miejsce aktywność lokalny"
    assert {"parki", "skwery"} & set(out[1])
    assert label(out[0], "pl", "x").startswith("Miejsca aktywności lokalnej")


def test_acronyms_keep_their_capitals_and_set_phrases_name_no_theme() -> None:
    [pl, en] = features(["W latach 2021–2030 w ogóle nic się nie uda bez MAL i CIS w czasie kryzysu.",
                         "For years the draft wasted a lot of time."], ["pl", "en"])
    keys = dict(pl.phrases)
    assert keys["mal"] == "MAL" and keys["cis"] == "CIS"  # Miejsca Aktywności Lokalnej, not "mal"
    assert not {"lato", "ogół", "udo"} & set(keys)  # "w latach", "w ogóle", "nie uda się"
    assert keys["czas kryzys"] == "czasie kryzysu"  # a generic noun still counts inside a longer phrase
    assert "lato" in pl.terms  # the theme vectors keep every content word
    assert not {"year", "time", "lot"} & set(dict(en.phrases)) and "draft" in dict(en.phrases)
    assert label(["MAL", "młodych rodzin"], "pl", "x") == "MAL i młode rodziny"


def test_names_keep_their_capitals_other_words_are_lower_cased() -> None:
    [f] = features(["Mieszkam na Białołęce. Miejsca Aktywności Lokalnej są potrzebne, brakuje etatów."], ["pl"])
    keys = dict(f.phrases)
    assert keys["białołęka"] == "Białołęce"  # a name inside a sentence, as written
    assert keys["miejsce aktywność lokalny"] == "Miejsca Aktywności Lokalnej"  # the whole name, first word too
    assert keys["etat"] == "etatów"
    [g] = features(["Etaty są potrzebne."], ["pl"])
    assert dict(g.phrases)["etat"] == "etaty"  # a sentence's first word is not a name


def test_a_word_every_section_uses_gives_way_to_what_sets_a_theme_apart() -> None:
    benches = ["Miasto powinno postawić ławki w parku.", "Miasto musi dać ławki do parku.",
               "Miasto niech ustawi ławki przy parku.", "Miasto zapomina o ławkach w parku.",
               "Miasto obiecało ławki w parku."]
    buses = ["Miasto powinno kupić autobusy elektryczne.", "Miasto musi mieć autobusy elektryczne.",
             "Miasto niech zamówi autobusy elektryczne.", "Miasto zapomina o autobusach elektrycznych.",
             "Miasto obiecało autobusy elektryczne."]
    comments = [CommentIn(f"a{i}", t, "parki") for i, t in enumerate(benches)]
    comments += [CommentIn(f"b{i}", t, "transport") for i, t in enumerate(buses)]
    by_section = {t.section: t for t in nlp.analyse(comments).themes}
    # Alone in its section "miasto" is as frequent as "ławki"; across the consultation it is in every theme.
    assert by_section["parki"].key_phrases == ["parku", "ławki", "miasto"]
    assert by_section["transport"].key_phrases == ["autobusy elektryczne", "miasto"]
    alone = nlp.analyse([c for c in comments if c.section == "parki"]).themes[0]
    assert alone.key_phrases[0] == "miasto"  # the same section analysed alone cannot tell


def test_the_lean_vocabulary_gives_the_features_of_spacys_full_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # The pipelines skip the word-form attributes no component reads; a component that starts reading
    # one (is_stop, shape_…) would see it empty and make this differ.
    import spacy

    from nlp import pipeline

    texts = [t for ts in THEMES.values() for t in ts] + [
        "Proszę o 2 ławki przy ul. Kwiatowej 12, np. obok MAL (Miejsca Aktywności Lokalnej) i OPS!",
        "Więcej zieleni: drzewa, krzewy… i www.zielen.waw.pl? Kontakt: a.nowak@example.org",
        "Please add more benches near the library, e.g. 3 or 4.",
    ]
    langs = ["pl"] * (len(texts) - 1) + ["en"]
    lean = pipeline.features(texts, langs)
    # The same pipelines, built by pipeline.build itself (uncached) with every attribute spaCy knows kept.
    monkeypatch.setattr(pipeline, "LEXEME_ATTRS", frozenset(spacy.blank("pl").vocab.lex_attr_getters))
    full = {lang: pipeline.build.__wrapped__(lang) for lang in ("pl", "en")}
    for lang, nlp in full.items():
        assert set(pipeline.build(lang).vocab.lex_attr_getters) < set(nlp.vocab.lex_attr_getters)
    for text, lang, got in zip(texts, langs, lean):
        doc = full[lang](text)
        assert got == pipeline.Features(tuple(doc._.terms), tuple(doc._.phrases)), text
    assert any(p for f in lean for p in f.phrases)
