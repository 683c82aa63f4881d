"""Rebuilds the shipped Polish sentiment model: `python -m nlp.training --data ../shared/data/sentiment [--cv]`."""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from threadpoolctl import threadpool_limits

from nlp.sentences import sentences
from nlp.sentiment import CLASSES, MODEL_FILE, DocumentRule, LinearModel, pl_terms

# Only sets whose licence allows shipping a model trained on them (CC BY-SA 4.0). PolEmo 2.0 is NC: never.
TRAIN_SETS = ("allegro_reviews_train.csv", "wccrs_hotels_train.csv")
ALLEGRO_HOLDOUT_PERCENT = 15  # kept apart for the benchmark: KLEJ's allegro test labels are hidden
# The document rule (nlp.sentiment.DocumentRule) was chosen by `--cv`: 5-fold cross-validation on the
# training rows, mean macro-F1 of the allegro and the WCCRS rows (see CV_GRID); nothing else was looked at.
DEFAULTS = {"min_df": 3, "max_features": 30_000, "C": 4.0, "sentence_weight": 0.5, "other_margin": 0.25}
CV_FOLDS = 5
CV_GRID = {"sentence_weight": (0.0, 0.25, 0.5, 0.75, 1.0), "other_margin": (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)}


def three_way(label: str) -> str:
    """Map a source label to negative / other / positive.

    PolEmo/WCCRS labels: positive, negative; neutral and ambivalent → other.
    Allegro star ratings: 1–2 → negative, 3 → other, 4–5 → positive.
    """
    if label in ("positive", "negative"):
        return label
    if label in ("neutral", "ambivalent"):
        return "other"
    stars = int(label)
    return "negative" if stars <= 2 else "other" if stars == 3 else "positive"


def in_allegro_holdout(text: str) -> bool:
    """Whether an allegro review belongs to the held-out slice (stable hash of its text, ~15 %)."""
    return int(hashlib.md5(text.encode("utf-8")).hexdigest()[:8], 16) % 100 < ALLEGRO_HOLDOUT_PERCENT


def read_set(path: Path) -> list[tuple[str, str]]:
    """(text, three-way label) rows of one CSV with columns text and label or rating."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    key = "rating" if rows and "rating" in rows[0] else "label"
    return [(r["text"], three_way(r[key])) for r in rows if r["text"].strip()]


def training_rows(data_dir: Path) -> list[tuple[str, str]]:
    """The training rows: WCCRS hotels train and allegro train minus its held-out slice."""
    return [(t, lab) for t, lab, _ in sourced_rows(data_dir)]


def sourced_rows(data_dir: Path) -> list[tuple[str, str, str]]:
    """The training rows with the name of their set ("allegro" or "wccrs"), allegro first."""
    rows: list[tuple[str, str, str]] = []
    for name in TRAIN_SETS:
        part = read_set(data_dir / name)
        if name.startswith("allegro"):
            part = [r for r in part if not in_allegro_holdout(r[0])]
        rows.extend((t, lab, name.split("_")[0]) for t, lab in part)
    return rows


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    min_df: int = DEFAULTS["min_df"],  # type: ignore[assignment]
    max_features: int = DEFAULTS["max_features"],  # type: ignore[assignment]
    C: float = DEFAULTS["C"],
    sentence_weight: float = DEFAULTS["sentence_weight"],
    other_margin: float = DEFAULTS["other_margin"],
) -> LinearModel:
    """Fit TF-IDF + multinomial logistic regression, keep the `max_features` strongest terms, refit.

    Deterministic: vocabularies are sorted, lbfgs has no randomness, ties break on the term string, and
    BLAS runs on one thread, so the machine's core count cannot change the sums.
    """
    term_lists = [pl_terms(t) for t in texts]
    y = np.array([CLASSES.index(lab) for lab in labels])
    df = Counter(t for terms in term_lists for t in set(terms))
    vocab = sorted(t for t, c in df.items() if c >= min_df)
    model = _fit_on(vocab, df, term_lists, y, len(texts), C)
    if len(vocab) > max_features:
        # Pruning keeps the shipped file small; refitting makes the shipped weights exactly what we measure.
        strength = np.abs(model.coef).max(axis=0)
        order = sorted(range(len(vocab)), key=lambda i: (-strength[i], vocab[i]))[:max_features]
        vocab = sorted(vocab[i] for i in order)
        model = _fit_on(vocab, df, term_lists, y, len(texts), C)
    return LinearModel(
        model.vocabulary, model.idf, model.coef, model.intercept, model.classes,
        {"trained_on": list(TRAIN_SETS), "documents": len(texts), "min_df": min_df,
         "max_features": max_features, "C": C, "licence": "CC BY-SA 4.0 (training data)"},
        DocumentRule(sentence_weight=sentence_weight, other_margin=other_margin),
    )


def _fit_on(
    vocab: list[str], df: Counter[str], term_lists: list[list[str]], y: np.ndarray, n: int, C: float
) -> LinearModel:
    idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab])
    k = len(CLASSES)
    shell = LinearModel({t: i for i, t in enumerate(vocab)}, idf, np.zeros((k, len(vocab))), np.zeros(k), CLASSES, {})
    X = shell.transform(term_lists)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", tol=1e-6)
    with threadpool_limits(1):
        clf.fit(X, y)
    return LinearModel(shell.vocabulary, idf, clf.coef_, clf.intercept_, CLASSES, {})


def cv_fold(text: str) -> int:
    """The cross-validation fold of a training row (stable hash, independent of the held-out slice)."""
    return int(hashlib.sha1(("cv:" + text).encode("utf-8")).hexdigest()[:8], 16) % CV_FOLDS


def cross_validate(rows: Sequence[tuple[str, str, str]]) -> list[tuple[float, float, float, float]]:
    """Macro-F1 of every document rule in CV_GRID on out-of-fold predictions.

    rows are (text, label, source); returns (sentence_weight, other_margin, F1 allegro, F1 WCCRS) per rule.
    """
    folds = [cv_fold(t) for t, _, _ in rows]
    whole: list[np.ndarray | None] = [None] * len(rows)
    parts: list[np.ndarray | None] = [None] * len(rows)
    for f in range(CV_FOLDS):
        train = [r for r, k in zip(rows, folds) if k != f]
        model = fit([t for t, _, _ in train], [lab for _, lab, _ in train])
        test = [i for i, k in enumerate(folds) if k == f]
        for i, p in zip(test, model.predict_proba([rows[i][0] for i in test])):
            whole[i] = p
            split = sentences(rows[i][0])
            parts[i] = model.predict_proba(split) if len(split) > 1 else None
        print(f"fold {f + 1}/{CV_FOLDS} done", file=sys.stderr)
    by_set = {src: [i for i, r in enumerate(rows) if r[2] == src] for src in ("allegro", "wccrs")}
    out = []
    for weight in CV_GRID["sentence_weight"]:
        for margin in CV_GRID["other_margin"]:
            rule = DocumentRule(sentence_weight=weight, other_margin=margin)
            # The same blend as LinearModel.document_proba, on out-of-fold probabilities.
            pred = [rule.label(p if s is None else weight * s.mean(axis=0) + (1 - weight) * p, CLASSES, s is not None)
                    for p, s in zip(whole, parts)]  # type: ignore[operator]
            f1 = [f1_score([rows[i][1] for i in idx], [pred[i] for i in idx], labels=list(CLASSES),
                           average="macro", zero_division=0) for idx in by_set.values()]
            out.append((weight, margin, float(f1[0]), float(f1[1])))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.training", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="folder with the sentiment CSVs")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "models" / MODEL_FILE)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N rows only (tests)")
    parser.add_argument("--cv", action="store_true",
                        help="print the cross-validated document rules instead of training")
    args = parser.parse_args(argv)
    missing = [n for n in TRAIN_SETS if not (args.data / n).is_file()]
    if missing:
        print(f"missing in {args.data}: {', '.join(missing)}", file=sys.stderr)
        return 2
    rows = sourced_rows(args.data)
    if args.limit:
        rows = rows[: args.limit]
    if args.cv:
        table = cross_validate(rows)
        print("sentence_weight other_margin  macroF1_allegro macroF1_wccrs  mean")
        for w, m, fa, fw in table:
            print(f"{w:15.2f} {m:12.2f} {fa:16.3f} {fw:13.3f} {(fa + fw) / 2:6.3f}")
        best = max(table, key=lambda r: (round((r[2] + r[3]) / 2, 6), -r[1], -r[0]))
        print(f"best: sentence_weight={best[0]} other_margin={best[1]}")
        return 0
    model = fit([t for t, _, _ in rows], [lab for _, lab, _ in rows])
    model.save(args.out)
    size = args.out.stat().st_size
    print(f"trained on {len(rows)} rows, {len(model.vocabulary)} features → {args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
