"""nlp.similar.SimilarIndex: fitted once, queried many times, grown by rows without a refit."""

from __future__ import annotations

from nlp.similar import SimilarIndex, similar, terms

CORPUS = [
    ("a", "Proszę o więcej ławek w parku przy ulicy Lipowej."),
    ("b", "Kluby integracji społecznej powinny działać w weekendy."),
    ("c", "Potrzebne są nowe ławki w parkach dla seniorów."),
    ("d", "Żłobki w nowych osiedlach powstają zbyt późno."),
]


def test_index_finds_what_similar_finds() -> None:
    index = SimilarIndex.build(list(zip([i for i, _t in CORPUS], terms([t for _i, t in CORPUS]))))
    query = "Więcej ławek w parku, bardzo proszę"
    assert [i for i, _s in index.query(query, k=2, min_score=0.1)][0] == "a"
    assert {i for i, _s in index.query(query, k=2, min_score=0.1)} == {i for i, _s in similar(query, CORPUS, k=2)}
    assert index.query("", k=3) == [] and index.query(query, k=0) == []
    assert SimilarIndex.build([]).query(query) == []


def test_extend_adds_rows_under_the_fitted_vocabulary() -> None:
    index = SimilarIndex.build(list(zip([i for i, _t in CORPUS], terms([t for _i, t in CORPUS]))))
    grown = index.extend([("e", terms(["Żłobki w nowych osiedlach są potrzebne od razu."])[0])])
    assert len(grown) == 5 and len(index) == 4  # the old index is left as it was
    found = grown.query("Żłobki na nowych osiedlach", k=2, min_score=0.1)
    assert {i for i, _s in found} == {"d", "e"}
