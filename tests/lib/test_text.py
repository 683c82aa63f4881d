"""Finding a pasted passage in a section's text, read loosely but placed exactly."""

from __future__ import annotations

import unicodedata

import pytest

from consult.lib.text import find_passage

TEXT = "Cel 3.2 — „Przeciwdziałanie bezdomności” oraz wsparcie osób w kryzysie."


@pytest.mark.parametrize(("typed", "found"), [
    ('"Przeciwdziałanie bezdomności" oraz', "„Przeciwdziałanie bezdomności” oraz"),
    ('cel 3.2 - "przeciwdziałanie  BEZDOMNOŚCI"', "Cel 3.2 — „Przeciwdziałanie bezdomności”"),
    ("„wsparcie osób”", "wsparcie osób"),
    ("osób w\u00a0kryzysie.", "osób w kryzysie."),
    ("wsparcie osób w kryzysie…", "wsparcie osób w kryzysie"),
    (unicodedata.normalize("NFD", "BEZDOMNOŚCI"), "bezdomności"),
    ("Przeciwdzia\u00adłanie", "Przeciwdziałanie"),  # a soft hyphen copied from a PDF
])
def test_passages_match_loosely_and_map_to_the_original(typed: str, found: str) -> None:
    where = find_passage(typed, TEXT)
    assert where is not None and TEXT[where[0]:where[1]] == found


@pytest.mark.parametrize("typed", ["przeciwdzialanie", "osoby w kryzysie", "", '""'])
def test_other_words_do_not_match(typed: str) -> None:
    assert find_passage(typed, TEXT) is None  # letters with diacritics still differ from those without
