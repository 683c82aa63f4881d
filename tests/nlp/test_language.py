"""Language detection per comment."""

from __future__ import annotations

from nlp.language import detect


def test_polish_english_ukrainian_and_unsure() -> None:
    out = detect(["Proszę o więcej ławek w parku dla seniorów.", "Please add more benches to the park.",
                  "Будь ласка, більше лавок у парку.", "", "   "])
    assert out == ["pl", "en", "uk", "other", "other"]


def test_long_texts_use_the_fast_detector_with_same_answer() -> None:
    text = "Mieszkańcy naszej dzielnicy od lat czekają na remont chodników i nowe oświetlenie ulic. " * 4
    assert detect([text]) == ["pl"]


def test_a_long_comment_is_in_the_language_of_its_opening() -> None:
    polish = "Mieszkańcy naszej dzielnicy od lat czekają na remont chodników i nowe oświetlenie ulic. " * 4
    english = " Residents of our district have waited for years for new pavements and street lighting." * 8
    assert detect([polish + english, english.strip() + " " + polish]) == ["pl", "en"]


def test_plain_polish_is_told_without_lingua_and_polish_names_in_english_are_not(monkeypatch) -> None:
    from nlp import language

    asked: list[str] = []
    real = language._fast

    class Spy:
        def detect_languages_in_parallel_of(self, texts: list[str]) -> list:
            asked.extend(texts)
            return real().detect_languages_in_parallel_of(texts)

    monkeypatch.setattr(language, "_fast", lambda: Spy())
    polish = ["Co do SPA, to porażka.", "Proszę o więcej ławek w parku dla seniorów."]
    english = ["The benches in Łazienki park are broken.", "I love Łódź and its murals."]
    ukrainian = ["Будь ласка, більше лавок у парку для літніх людей."]
    assert detect(polish + english + ukrainian) == ["pl", "pl", "en", "en", "uk"]
    assert asked == english + ukrainian
