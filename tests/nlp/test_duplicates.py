"""Exact and near-duplicate groups, campaign templates."""

from __future__ import annotations

from nlp import duplicates
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
