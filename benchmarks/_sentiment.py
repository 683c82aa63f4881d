"""Sentiment benchmark: consult's Polish model vs. polvader vs. TextBlob's default on held-out Polish sets.

Label map (three classes, positive / negative / other):
  PolEmo/WCCRS labels: positive, negative; neutral and ambivalent → other.
  Allegro star ratings: 1–2 → negative, 3 → other, 4–5 → positive.
consult's "neutral" is "other". Sets: WCCRS hotels dev and test, PolEmo 2.0-IN dev (NC: measured, never
trained on), and the ~15 % allegro slice that `nlp.training` keeps out of training. polvader runs only in
the benchmark environment (.venv-bench, via benchmarks/peers.py); elsewhere its rows are skipped with a note.

    .venv-bench/bin/python benchmarks/_sentiment.py [--quick]
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from nlp.sentiment import classify  # noqa: E402
from nlp.training import in_allegro_holdout, read_set  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "sentiment"
SETS = {
    "wccrs_hotels_test": "wccrs_hotels_test.csv",
    "wccrs_hotels_dev": "wccrs_hotels_dev.csv",
    "polemo2_in_dev": "polemo2_in_dev.csv",
    "allegro_heldout": "allegro_reviews_train.csv",
}
LABELS = ["positive", "negative", "other"]
QUICK_N = 300
TEXTBLOB_THRESHOLD = 0.05  # VADER's convention, as in benchmarks/peers.py


def _rows(name: str) -> list[tuple[str, str]]:
    rows = read_set(DATA / SETS[name])
    if name == "allegro_heldout":
        rows = [r for r in rows if in_allegro_holdout(r[0])]
    return rows


def _consult(texts: Sequence[str]) -> list[str]:
    return ["other" if s.label == "neutral" else s.label for s in classify(list(texts), ["pl"] * len(texts))]


def _textblob(texts: Sequence[str]) -> list[str]:
    from textblob import TextBlob

    out = []
    for t in texts:
        p = float(TextBlob(t).sentiment.polarity)
        out.append("positive" if p >= TEXTBLOB_THRESHOLD else "negative" if p <= -TEXTBLOB_THRESHOLD else "other")
    return out


def _polvader() -> tuple[Callable[[Sequence[str]], list[str]] | None, str]:
    try:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import peers  # type: ignore[import-not-found]

        import polvader  # noqa: F401  (only present in .venv-bench)
    except ImportError as exc:
        return None, f"polvader unavailable ({exc}); run with .venv-bench/bin/python"
    return peers.polvader_sentiment, ""


def run(quick: bool) -> list[dict[str, object]]:
    """One row per (set, system): n, accuracy, macro-F1 over positive/negative/other, seconds."""
    systems: dict[str, Callable[[Sequence[str]], list[str]]] = {"consult": _consult, "textblob": _textblob}
    polvader, note = _polvader()
    if polvader is not None:
        systems["polvader"] = polvader
    out: list[dict[str, object]] = []
    for name in SETS:
        if not (DATA / SETS[name]).is_file():
            out.append({"task": "sentiment", "set": name, "note": f"missing {DATA / SETS[name]}"})
            continue
        rows = _rows(name)
        if quick and len(rows) > QUICK_N:
            rows = random.Random(0).sample(rows, QUICK_N)
        texts, gold = [t for t, _ in rows], [g for _, g in rows]
        scores: dict[str, float] = {}
        for system, fn in systems.items():
            t0 = time.perf_counter()
            pred = fn(texts)
            dt = time.perf_counter() - t0
            f1 = float(f1_score(gold, pred, labels=LABELS, average="macro", zero_division=0))
            scores[system] = f1
            out.append({
                "task": "sentiment", "set": name, "n": len(rows), "system": system,
                "accuracy": round(float(accuracy_score(gold, pred)), 3), "macro_f1": round(f1, 3),
                "seconds": round(dt, 1),
            })
        if "polvader" in scores:
            gain = scores["consult"] - scores["polvader"]
            out.append({"task": "sentiment", "set": name, "system": "consult − polvader",
                        "macro_f1": round(gain, 3), "goal_met": gain >= 0.10})
        elif note:
            out.append({"task": "sentiment", "set": name, "system": "polvader", "note": note})
    return out


def _print(rows: list[dict[str, object]]) -> None:
    for r in rows:
        if "note" in r:
            print(f"{r['set']:18s} {r.get('system', ''):20s} {r['note']}")
        elif "accuracy" in r:
            print(f"{r['set']:18s} {r['system']:20s} n={r['n']:5d} acc={r['accuracy']:.3f} "
                  f"macroF1={r['macro_f1']:.3f} ({r['seconds']}s)")
        else:
            print(f"{r['set']:18s} {r['system']:20s} ΔmacroF1={r['macro_f1']:+.3f} goal(≥+0.10) met={r['goal_met']}")


if __name__ == "__main__":
    _print(run(quick="--quick" in sys.argv[1:]))
