"""Exact and near-duplicate groups, campaign templates."""

from __future__ import annotations

from nlp import duplicates
from nlp.types import Options
from tests.nlp.conftest import TEMPLATE, THEMES, campaign_texts


def test_normalisation_makes_exact_duplicates() -> None:
    g = duplicates.group(["Zgadzam się!", "zgadzam  SIĘ", "Nie zgadzam się"])
    assert g.group_of[g.unique_of[0]] == g.group_of[g.unique_of[1]] != g.group_of[g.unique_of[2]]
    assert g.sizes[g.group_of[g.unique_of[0]]] == 2


def test_edited_form_letters_are_one_group_and_real_comments_stay_apart() -> None:
    real = [t for texts in THEMES.values() for t in texts]
    texts = real + campaign_texts(30)
    g = duplicates.group(texts)
    camp_groups = {g.group_of[g.unique_of[i]] for i in range(len(real), len(texts))}
    assert len(camp_groups) == 1
    [cg] = camp_groups
    assert g.sizes[cg] == 30
    assert all(g.sizes[g.group_of[g.unique_of[i]]] == 1 for i in range(len(real)))
    assert texts[g.first[g.centre[cg]]].startswith("Sprzeciwiamy")


def test_short_texts_need_identity() -> None:
    g = duplicates.group(["Tak, popieram.", "Nie, nie popieram."])
    assert len(g.sizes) == 2


def test_signature_is_deterministic_and_estimates_overlap() -> None:
    a = duplicates.signature_of(TEMPLATE)
    b = duplicates.signature_of(TEMPLATE + " Prosimy o zmianę tej decyzji.")
    assert a is not None and b is not None and a == duplicates.signature_of(TEMPLATE)
    j = duplicates.estimated_jaccard(a[0], b[0])
    assert 0.5 < j < 1.0
    assert duplicates.same_text(j, a[1], b[1], 0.8)  # contained: template plus one sentence


def test_form_letters_in_real_polis_comments() -> None:
    """Optional: the benchmark's campaign case on real data, when ../shared/data is present."""
    import sys
    from pathlib import Path

    import pytest

    bench = Path(__file__).resolve().parents[2] / "benchmarks"
    sys.path.insert(0, str(bench))
    try:
        import _data
    finally:
        sys.path.remove(str(bench))
    if not (_data.DATA / "duplicates" / "polis_comments.csv").is_file():
        pytest.skip("../shared/data not present")
    texts, truth = _data.form_letter_corpus(40, seed=3)
    g = duplicates.group(texts)
    group_of = [g.group_of[g.unique_of[i]] for i in range(len(texts))]
    for k in range(len(_data.FORM_LETTERS)):
        mine = [grp for grp, t in zip(group_of, truth) if t == k]
        top = max(set(mine), key=mine.count)
        assert mine.count(top) >= 0.95 * len(mine)
        assert sum(1 for grp, t in zip(group_of, truth) if grp == top and t != k) == 0


def test_exact_step_given_in_advance_gives_the_same_groups() -> None:
    texts = [t for texts in THEMES.values() for t in texts] + campaign_texts(12) + ["Zgadzam się!", "zgadzam się"]
    assert duplicates.group(texts, identical=duplicates.exact(texts)) == duplicates.group(texts)


def test_signatures_are_kept_for_texts_in_groups_of_several_comments_only() -> None:
    texts = [t for texts in THEMES.values() for t in texts] + campaign_texts(12) + [TEMPLATE, TEMPLATE]
    g = duplicates.group(texts)
    alone = [u for u in range(len(g.norms)) if g.sizes[g.group_of[u]] == 1 and len(g.norms[u].split()) > 8]
    assert alone and not any(u in g.sigs for u in alone)
    centre = g.centre[g.group_of[g.unique_of[len(texts) - 1]]]
    assert g.sizes[g.group_of[centre]] == 14 and centre in g.sigs  # `assign` matches new letters on it


def test_shingles_are_crc32_of_word_bigrams_so_stored_signatures_stay_comparable() -> None:
    import zlib

    norms = ["ala ma kota ma kota", "jedno", ""]
    keys, starts = duplicates.shingle_sets(norms)
    first = sorted({zlib.crc32(b) for b in (b"ala ma", b"ma kota", b"kota ma")})
    assert keys[starts[0] : starts[1]].tolist() == first
    assert keys[starts[1] : starts[2]].tolist() == [zlib.crc32(b"jedno")]
    assert starts[3] == starts[2]


def test_signatures_are_min_hashes_modulo_the_mersenne_prime() -> None:
    import numpy as np

    keys = np.array([5, 2**32 - 1, 123456789, 7, 2**31 - 1], dtype=np.int64)
    sig = duplicates.signatures(keys, np.array([0, 3, 5]))
    rng = np.random.RandomState(1)
    a = rng.randint(1, 2**31 - 1, size=duplicates.NUM_PERM, dtype=np.int64)
    b = rng.randint(0, 2**31 - 1, size=duplicates.NUM_PERM, dtype=np.int64)
    x = keys % (2**31 - 1)
    expected = [[min((int(ai) * int(k) + int(bi)) % (2**31 - 1) for k in x[s:e]) for ai, bi in zip(a, b)]
                for s, e in ((0, 3), (3, 5))]
    assert sig.tolist() == expected


def _letters_module():  # type: ignore[no-untyped-def]
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[2] / "benchmarks"
    sys.path.insert(0, str(bench))
    try:
        import _data
    finally:
        sys.path.remove(str(bench))
    return _data


def test_a_letters_greeting_closing_and_signature_are_not_its_body() -> None:
    letter = ("Szanowni Państwo,\nDroga rowerowa wzdłuż alei jest potrzebna, bo dzieci jeżdżą po jezdni.\n"
              "Z poważaniem\nJan Kowalski\nul. Lipowa 5")
    assert duplicates.letter_body(letter) == "Droga rowerowa wzdłuż alei jest potrzebna, bo dzieci jeżdżą po jezdni."
    assert duplicates.letter_body("Droga rowerowa jest potrzebna, bo tak.") == "Droga rowerowa jest potrzebna, bo tak."
    signed = "Park trzeba chronić przed zabudową.\nAnna Nowak"
    assert duplicates.letter_body(signed) == "Park trzeba chronić przed zabudową."
    assert duplicates.letter_body("Pozdrawiam serdecznie, park trzeba chronić przed zabudową, bo to jedyna zieleń "
                                  "w okolicy i wiele osób z niej korzysta codziennie rano i wieczorem.").startswith("Pozdrawiam")
    assert duplicates.fold("Żółć ŁĄKI, gęślą!") == duplicates.fold("zolc laki gesla")


def test_form_letters_edited_every_way_people_edit_them_stay_one_campaign() -> None:
    import random

    _data = _letters_module()
    rng = random.Random(4)
    real = [t for texts in THEMES.values() for t in texts]
    for template, synonyms in _data.CAMPAIGN_LETTERS:
        # Each kind of edit alone ("all at once", every edit in one copy, is measured by the benchmark only).
        copies = {kind: [_data.edit_letter(template, synonyms, kind, rng) for _ in range(6)]
                  for kind in _data.EDITS if kind != "all at once"}
        texts = real + [template] * 3 + [t for edited in copies.values() for t in edited]
        g = duplicates.group(texts)
        letter = g.group_of[g.unique_of[len(real)]]
        for kind, edited in copies.items():
            found = [g.group_of[g.unique_of[texts.index(t)]] == letter for t in edited]
            assert all(found), (kind, edited[found.index(False)])
        assert duplicates.is_campaign(g, letter, Options())
        assert all(g.sizes[g.group_of[g.unique_of[i]]] == 1 for i in range(len(real)))


def test_short_identical_texts_are_natural_duplicates_and_long_ones_campaigns() -> None:
    texts = ["Popieram"] * 30 + ["Zgadzam się!"] * 12 + ["zgadzam się"] * 3 + [TEMPLATE] * 10 + ["ok"] * 120
    texts += ["Nie dla wycinki drzew w parku!"] * 50
    g = duplicates.group(texts)
    kinds = {texts[g.first[g.centre[x]]]: duplicates.is_campaign(g, x, Options()) for x in range(len(g.sizes))}
    assert kinds == {"Popieram": False, "Zgadzam się!": False, TEMPLATE: True, "ok": False,
                     "Nie dla wycinki drzew w parku!": True}  # a slogan sent 50 times is a campaign
    assert not duplicates.is_campaign(g, g.group_of[g.unique_of[42]], Options(campaign_min_words=40))
