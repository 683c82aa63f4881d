"""Theme labels: key phrases in the nominative with agreement (Morfeusz 2, pymorphy3), no repeats, no formulae."""

from __future__ import annotations

import pytest

import nlp
from nlp import keyphrases
from nlp.labels import label, nominative
from nlp.pipeline import features
from nlp.types import CommentIn


@pytest.mark.parametrize(("phrase", "expected"), [
    ("prostego języka dokumentu", "prosty język dokumentu"),  # m3 singular, genitive complement kept
    ("trwałych rozwiązań mieszkaniowych", "trwałe rozwiązania mieszkaniowe"),  # n plural, adjectives both sides
    ("nowych ławek", "nowe ławki"),  # f plural
    ("zielonym skwerze", "zielony skwer"),  # locative
    ("przemocy domowej", "przemoc domowa"),  # f singular
    ("starszym mieszkańcom", "starsi mieszkańcy"),  # m1 plural: "starsi", not "starsze"
    ("osób starszych", "osoby starsze"),  # a comparative stays comparative
    ("pracownikach socjalnych", "pracownicy socjalni"),
    ("miejsc aktywności lokalnej", "miejsca aktywności lokalnej"),  # the complement's adjective agrees with it
    ("domu pomocy społecznej", "dom pomocy społecznej"),
    ("wskaźnika liczby", "wskaźnik liczby"),
    ("finansowania CIS", "finansowanie CIS"),  # a verbal noun in the singular; the acronym as written
    ("Miejscach Aktywności Lokalnej", "Miejsca Aktywności Lokalnej"),  # a name keeps its capitals
    ("Białołęce", "Białołęka"),
    ("opiekunowie osób", "opiekunowie osób"),  # already nominative: not rewritten as "opiekuni"
    ("ławkach", "ławki"),
    ("zasady prostego", "zasady prostego"),  # no head to agree with: left as it is
])
def test_polish_phrases_go_to_the_nominative_with_agreement(phrase: str, expected: str) -> None:
    assert nominative(phrase, "pl")[0] == expected


def test_a_repeated_lemma_is_dropped() -> None:
    assert label(["prostego języka", "zasady prostego"], "pl", "x") == "Prosty język"  # not "…i zasady prostego"
    assert nominative("miejsca miejsc", "pl") == ("miejsca", ["miejsce"])
    assert label(["ławkach", "parku"], "pl", "x") == "Ławki i park"  # a one-word phrase takes a second one
    assert label(["ławkach", "ławki w parku"], "pl", "x") == "Ławki"
    assert label([], "pl", "Temat 1") == "Temat 1"


def test_english_and_ukrainian_labels() -> None:
    assert label(["waiting times", "staff"], "en", "x") == "Waiting times"
    assert label(["staff", "parking"], "en", "x") == "Staff and parking"
    assert nominative("соціальних працівників", "uk")[0] == "соціальні працівники"
    assert nominative("доступного житла", "uk")[0] == "доступне житло"  # the adjective takes the noun's gender
    assert nominative("молодій сім'ї", "uk")[0] == "молода сім'я"
    assert nominative("права працівників", "uk")[0] == "права працівників"  # already nominative


def test_salutations_closings_and_signature_names_are_no_key_phrases() -> None:
    texts = [f"Szanowni Państwo, proszę o nowe ławki w parku {w}. Z wyrazami szacunku, Jan Kowalski"
             for w in ("Skaryszewskim", "Moczydło", "Górczewskim", "Bródnowskim")]
    texts += ["Dzień dobry, ławki w parku są zniszczone. Z poważaniem\nAnna Nowak", "Pozdrawiam, ławki w parku!"]
    feats = features(texts, ["pl"] * len(texts))
    [phrases] = keyphrases.key_phrases([f.phrases for f in feats], [0] * len(texts), [1.0] * len(texts), 8).values()
    assert "ławki" in phrases or "ławki w parku" in phrases or "parku" in phrases
    shown = " ".join(phrases).lower()
    for formula in ("państwo", "szanowni", "wyrazami", "szacunku", "poważaniem", "jan", "kowalski", "anna"):
        assert formula not in shown, phrases
    assert keyphrases.formula("szanowny państwo") and keyphrases.formula("wyraz szacunek")
    assert not keyphrases.formula("państwo opiekuńczy")  # "the welfare state" is a subject
    assert keyphrases.person_name("Jan Kowalski") and keyphrases.person_name("Anna")
    assert not keyphrases.person_name("Białołęka") and not keyphrases.person_name("Miejsca Aktywności Lokalnej")


def test_analysed_themes_get_nominative_labels() -> None:
    texts = ["Brakuje nowych ławek w parku.", "Prosimy o więcej nowych ławek.", "Chcemy nowych ławek przy placu.",
             "W parku nie ma nowych ławek."]
    [theme] = nlp.analyse([CommentIn(str(i), t) for i, t in enumerate(texts)]).themes
    assert theme.key_phrases[0] == "nowych ławek"
    assert theme.label.startswith("Nowe ławki")


def test_a_fragment_gives_way_to_a_whole_noun_phrase() -> None:
    # "zasady prostego" ends in an adjective that agrees with nothing: the next phrase names the theme.
    assert label(["zasady prostego", "prostego języka"], "pl", "x") == "Prosty język"
    assert label(["zasady prostego"], "pl", "x") == "Zasady prostego"  # nothing better: shown as it is


def test_an_adjective_alone_names_no_theme() -> None:
    # "pierwszy", "nowy": Morfeusz also reads them as nouns, but a label of one names nothing.
    assert label(["pierwszy", "samochód", "drogi"], "pl", "x") == "Samochód i drogi"
    assert label(["nowy", "system poboru opłat"], "pl", "x") == "System poboru opłat"
    assert label(["jedynej drogi powrotu"], "pl", "x") == "Jedyna droga powrotu"  # "droga" is a road here
    assert keyphrases.formula("ul")  # "ul. Długa" left "ul"


def test_a_street_abbreviation_is_no_key_phrase() -> None:
    texts = ["Remont chodnika przy ul. Polnej", "Remont chodnika na ul. Długiej", "Nowy chodnik przy ul. Leśnej",
             "Remont ul. Krótkiej i chodnika"]
    feats = features(texts, ["pl"] * len(texts))
    [phrases] = keyphrases.key_phrases([f.phrases for f in feats], [0] * 4, [1.0] * 4, 6).values()
    assert "ul" not in phrases and "chodnika" in phrases
    assert label(["zielone", "skwery"], "pl", "x") == "Skwery"  # "zielone" alone is an adjective


def test_each_phrase_is_read_in_its_own_language_and_a_verb_ends_no_phrase() -> None:
    assert label(["волонтерам", "людям"], "en", "x") == "Волонтери і люди"  # Ukrainian phrases in an English theme
    assert label(["usługi opiekuńcze dała", "opiekunki"], "pl", "x") == "Opiekunki"
