"""Fixtures for the analysis tests: a small Polish consultation with four themes and a form letter."""

from __future__ import annotations

import pytest

from nlp.types import CommentIn

THEMES = {
    "mal": [
        "Miejsca Aktywności Lokalnej powinny być otwarte także w weekendy.",
        "W naszej dzielnicy brakuje miejsca aktywności lokalnej dla młodzieży.",
        "Miejsca aktywności lokalnej potrzebują stałego finansowania i animatorów.",
        "Proszę o więcej miejsc aktywności lokalnej na osiedlach.",
        "Miejsce aktywności lokalnej przy szkole powinno mieć animatora.",
        "Każde miejsce aktywności lokalnej powinno mieć salę dla sąsiadów.",
    ],
    "seniors": [
        "Opieka nad seniorami w domu jest niewystarczająca, potrzeba więcej opiekunek dla seniorów.",
        "Seniorzy potrzebują usług opiekuńczych i teleopieki w domu.",
        "Seniorzy czekają miesiącami na miejsce w domu pomocy społecznej.",
        "Dzienne domy pomocy dla seniorów to świetne rozwiązanie, potrzeba ich więcej.",
        "Usługi opiekuńcze dla seniorów muszą być dostępne w każdej dzielnicy.",
        "Seniorzy samotni potrzebują opieki i wsparcia sąsiedzkiego.",
    ],
    "homeless": [
        "Osoby bezdomne potrzebują mieszkań treningowych, a nie tylko noclegowni.",
        "Noclegownie dla osób bezdomnych są przepełnione zimą.",
        "Streetworkerzy pomagają osobom bezdomnym, trzeba zatrudnić więcej streetworkerów.",
        "Osobom bezdomnym brakuje ogrzewalni i noclegowni w centrum.",
        "Program mieszkaniowy dla osób bezdomnych powinien być rozszerzony.",
        "Osoby bezdomne zimą potrzebują ogrzewalni otwartej całą noc.",
    ],
    "work": [
        "Reintegracja zawodowa osób długotrwale bezrobotnych wymaga centrów integracji społecznej.",
        "Centra integracji społecznej pomagają w reintegracji zawodowej bezrobotnych.",
        "Spółdzielnie socjalne i reintegracja zawodowa to szansa dla bezrobotnych.",
        "Warsztaty reintegracji zawodowej powinny uczyć konkretnych zawodów.",
        "Reintegracja zawodowa potrzebuje współpracy z pracodawcami.",
        "Kluby integracji społecznej wspierają reintegrację zawodową bezrobotnych.",
    ],
}
TEMPLATE = (
    "Sprzeciwiamy się likwidacji Klubu Seniora przy ulicy Lipowej, ponieważ jest to jedyne miejsce "
    "spotkań dla starszych mieszkańców naszego osiedla i nie ma dla niego żadnej alternatywy."
)


def campaign_texts(n: int) -> list[str]:
    """A form letter sent n times with small edits, a synonym and an added sentence."""
    out = []
    for i in range(n):
        text = TEMPLATE
        if i % 3 == 1:
            text = text.replace("jedyne", "jedyne takie")
        if i % 3 == 2:
            text = text.replace("Sprzeciwiamy się", "Protestujemy przeciw").replace("likwidacji", "likwidacji")
        if i % 2:
            text += " Prosimy o zmianę tej decyzji."
        out.append(text)
    return out


@pytest.fixture(scope="session")
def consultation() -> list[CommentIn]:
    comments = [CommentIn(f"{key}-{i}", text, "1") for key, texts in THEMES.items() for i, text in enumerate(texts)]
    comments += [CommentIn(f"camp-{i}", text, "1") for i, text in enumerate(campaign_texts(15))]
    comments += [CommentIn("en-1", "Please keep the senior club open, it matters for older residents.", "2")]
    return comments


@pytest.fixture(scope="session")
def analysis(consultation: list[CommentIn]):  # type: ignore[no-untyped-def]
    import nlp

    return nlp.analyse(consultation)
