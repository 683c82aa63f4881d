"""similar() and extractive summaries."""

from __future__ import annotations

import nlp
from nlp import summaries
from nlp.types import CommentIn
from tests.nlp.conftest import THEMES


def test_similar_finds_the_same_topic_first() -> None:
    corpus = [CommentIn(f"{k}-{i}", t) for k, texts in THEMES.items() for i, t in enumerate(texts)]
    hits = nlp.similar("Brakuje noclegowni dla osób bezdomnych", corpus, k=3)
    assert len(hits) == 3 and all(h[0].startswith("homeless") for h in hits)
    assert hits[0][1] >= hits[-1][1] > 0
    assert nlp.similar("", corpus, 3) == [] and nlp.similar("park", [], 3) == []
    assert nlp.similar("noclegownie", [("a", "Noclegownie są pełne"), ("b", "Ławki")], 5)[0][0] == "a"


def test_sentences_keep_polish_abbreviations() -> None:
    out = summaries.sentences("Proszę o ławki np. przy ul. Długiej. To ważne! A co z MAL?")
    assert out == ["Proszę o ławki np. przy ul. Długiej.", "To ważne!", "A co z MAL?"]


def test_summary_is_central_and_diverse() -> None:
    texts = THEMES["homeless"] + [THEMES["homeless"][0]]
    out = summaries.summarise(texts, "pl", 3)
    assert len(out) == 3 and len(set(out)) == 3
    assert all(s in " ".join(texts) for s in out)


def test_summary_leaves_out_formulae_contact_lines_and_personal_data() -> None:
    texts = [
        "Szanowni Państwo,\nproszę o nowe ławki w parku Skaryszewskim. Obecne są zniszczone i brudne.\n"
        "Z wyrazami szacunku\nJan Kowalski",
        "Dzień dobry. Ławki w parku są połamane od dwóch lat. Proszę dzwonić: 600 123 456.\nZ poważaniem",
        "W parku brakuje ławek dla seniorów, nie ma gdzie usiąść. Mój e-mail: anna.nowak@example.org",
        "Pozdrawiam serdecznie wszystkich mieszkańców. Nowe ławki w parku to dobry pomysł, sam z nich skorzystam.",
        "Dziękuję za uwagę i proszę o odpowiedź. Kontakt: tel. 22 555 12 34",
        "Pan Marek Wiśniewski z ulicy Długiej 5 zniszczył ławki w parku w zeszłym tygodniu.",
    ]
    out = summaries.summarise(texts, "pl", 3, ["ławki", "parku"])
    assert 2 <= len(out) <= 3
    joined = " ".join(out)
    for bad in ("Szanowni", "szacunku", "Kowalski", "poważaniem", "600", "e-mail", "Pozdrawiam", "Dziękuję za uwagę",
                "Kontakt", "Wiśniewski", "[", "@"):
        assert bad not in joined, out
    assert all("ławk" in s.lower() for s in out)  # the sentences carry the theme's key phrases
    assert all(s.language == "pl" for s in out)
    # A salutation opening a sentence that goes on is cut, the rest kept.
    assert summaries.summarise(["Szanowni Państwo, proszę o nowe ławki w parku."], "pl", 3) == [
        "Proszę o nowe ławki w parku."]
    assert summaries.summarise(["Szanowni Państwo,\n\njako mieszkanka Woli proszę o ławki."], "pl", 3) == [
        "Jako mieszkanka Woli proszę o ławki."]


def test_a_sentence_in_another_language_only_when_the_theme_has_no_polish_one() -> None:
    texts = ["Please add more benches in the park, the old ones are broken.", "Nowe ławki w parku są bardzo potrzebne.",
             "Будь ласка, поставте нові лавки в парку біля школи."]
    langs = ["en", "pl", "uk"]
    out = summaries.summarise(texts, "pl", 3, ["ławki"], langs)
    assert out == ["Nowe ławki w parku są bardzo potrzebne."] and out[0].language == "pl"
    foreign = summaries.summarise([texts[0], texts[2]], "pl", 3, ["benches"], ["en", "uk"])
    assert {(str(s), s.language) for s in foreign} == {(texts[0], "en"), (texts[2], "uk")}
    # Only formulae in Polish: the theme has no Polish sentence to give.
    marked = summaries.summarise(["Z poważaniem, mieszkanka Pragi-Północ", texts[0]], "pl", 3, [], ["pl", "en"])
    assert marked == [texts[0]] and marked[0].language == "en"


def test_analysed_summaries_carry_their_language() -> None:
    comments = [CommentIn(f"p{i}", t) for i, t in enumerate(THEMES["homeless"])]
    comments += [CommentIn("e1", "The homeless shelters are full every winter and nobody plans for more places.")]
    result = nlp.analyse(comments)
    polish = {c.theme_id for c in result.comments if c.language == "pl"}
    for theme in result.themes:
        # A theme with a Polish comment speaks Polish; one with only the English comment, marked English.
        assert theme.summary and {s.language for s in theme.summary} == ({"pl"} if theme.id in polish else {"en"})
    assert any(t.id in polish for t in result.themes)
