"""The Morfeusz lemmatizer component: common readings, homonym marks, proper names, cache, fallback."""

from __future__ import annotations

import spacy

from nlp.pipeline import build


def lemmas(text: str) -> list[str]:
    return [t.lemma_ for t in build("pl")(text)]


def test_factory_is_registered_with_requires_and_assigns() -> None:
    nlp = build("pl")
    assert "consult_morfeusz_lemmatizer" in nlp.pipe_names
    meta = nlp.get_pipe_meta("consult_morfeusz_lemmatizer")
    assert "token.lemma" in meta.assigns and "doc._.morf" in meta.assigns


def test_common_readings_win_over_rare_ones() -> None:
    # "mi" is not Księga_Micheasza, "były" is "być", "zieleni" the noun, "Budowa" not the village Budowo.
    assert lemmas("Mi się podobały") [0] == "ja"
    assert lemmas("Drzewa były zielone")[1] == "być"
    assert lemmas("tereny zieleni")[1] == "zieleń"
    assert lemmas("Budowa mieszkań")[0] == "budowa"


def test_homonym_marks_are_stripped_and_inflection_undone() -> None:
    out = lemmas("osób bezdomnych w miejscach aktywności lokalnej")
    assert out == ["osoba", "bezdomny", "w", "miejsce", "aktywność", "lokalny"]
    assert all(":" not in lemma for lemma in lemmas("dużo starszych nowe ławki"))


def test_proper_names_keep_their_case() -> None:
    assert lemmas("Mieszkam w Krakowie")[-1] == "Kraków"


def test_readings_are_on_the_tokens() -> None:
    doc = build("pl")("nowe ławki")
    assert any(tag.startswith("subst") for _lemma, tag in doc[1]._.morf)
    assert all(not tag.startswith(("ign", "brev")) for tok in doc for _l, tag in tok._.morf)


def test_unknown_words_fall_back_and_forms_are_cached() -> None:
    nlp = build("pl")
    component = nlp.get_pipe("consult_morfeusz_lemmatizer")
    assert [t.lemma_ for t in nlp("xqzwy")] == ["xqzwy"]
    nlp("ławki ławki")
    assert nlp.vocab.strings["ławki"] in component._cache


def test_english_and_ukrainian_lemmas() -> None:
    assert [t.lemma_ for t in build("en")("benches parks")] == ["bench", "park"]
    assert "людина" in [t.lemma_ for t in build("uk")("для людей")]


def test_dated_and_dialect_readings_lose_to_current_words() -> None:
    # Each form also has a reading labelled dated or rare in SGJP ("gmin", "cisz", "dacha").
    doc = build("pl")("w gminie panuje cisza, brak ciszy, nowe dachy i budowie")
    assert [t.lemma_ for t in doc if t.text in ("gminie", "ciszy", "dachy", "budowie")] == \
        ["gmina", "cisza", "dach", "budowa"]


def test_without_overwrite_lemmas_already_given_are_kept() -> None:
    nlp = spacy.blank("pl")
    component = nlp.add_pipe("consult_morfeusz_lemmatizer", config={"overwrite": False})
    doc = nlp.make_doc("nowe ławki w gminie")
    doc[0].lemma_ = "nowy-dany"
    assert [t.lemma_ for t in component(doc)] == ["nowy-dany", "ławka", "w", "gmina"]
