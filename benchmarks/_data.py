"""Benchmark data from ../shared/data (never copied into the repo): samples, form letters, big corpora."""

from __future__ import annotations

import csv
import random
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TOPIC_SETS = {
    "8tags_dev": ("topics/8tags_dev.csv", "pl"),
    "pabulib_titles": ("topics/pabulib_titles.csv", "pl"),
    "nhs_feedback_en": ("topics/nhs_feedback_phase1_en.csv", "en"),
}
# Everything with real people's text, for the speed runs (≈100k texts in all).
TEXT_FILES = ("topics/8tags_train.csv", "topics/8tags_dev.csv", "topics/pabulib_titles.csv",
              "duplicates/polis_comments.csv", "topics/nhs_feedback_phase1_en.csv",
              "sentiment/wccrs_hotels_train.csv", "sentiment/allegro_reviews_train.csv",
              "sentiment/polemo2_in_train.csv")


def read(path: str) -> list[dict[str, str]]:
    with (DATA / path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def topic_sample(name: str, n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """A seeded sample of (texts, labels) from one labelled topic set."""
    rows = [(r["text"], r["label"]) for r in read(TOPIC_SETS[name][0]) if r["text"].strip() and r["label"]]
    if n < len(rows):
        rows = random.Random(seed).sample(rows, n)
    return [t for t, _ in rows], [lab for _, lab in rows]


FORM_LETTERS = [
    ("Sprzeciwiam się likwidacji Klubu Seniora przy ulicy Lipowej, ponieważ jest to jedyne miejsce spotkań "
     "dla starszych mieszkańców naszego osiedla i nie ma dla niego żadnej alternatywy w okolicy.",
     {"Sprzeciwiam się": "Protestuję przeciw", "jedyne": "jedyne takie", "starszych": "najstarszych",
      "okolicy": "pobliżu"}),
    ("We oppose the proposed closure of the public library branch on Elm Street because thousands of "
     "children, students and seniors rely on it every week for books, internet access and a quiet place.",
     {"oppose": "object to", "thousands of": "many", "rely on": "depend on", "quiet": "calm"}),
    ("Domagamy się budowy bezpiecznej drogi rowerowej wzdłuż alei Niepodległości, bo obecnie dzieci "
     "jadące do szkoły muszą korzystać z ruchliwej jezdni, co grozi wypadkiem.",
     {"Domagamy się": "Żądamy", "bezpiecznej": "porządnej", "ruchliwej": "zatłoczonej", "wypadkiem": "tragedią"}),
]
ADDED = ["Proszę o uwzględnienie mojego głosu.", "Please take this into account.", "Liczę na rozsądek radnych.",
         "Thank you.", "Pozdrawiam serdecznie.", "To bardzo ważne dla naszej rodziny."]


def form_letter_corpus(copies: int, seed: int = 0, hard: bool = False) -> tuple[list[str], list[int]]:
    """Real Polis comments plus form letters sent `copies` times each with small edits, synonyms and
    added sentences; the second list is -1 for real comments, else the letter's index. `hard`: every
    synonym swapped with p=0.6, up to three typos, and a sentence added at both ends half of the time."""
    rng = random.Random(seed)
    real = [r["text"] for r in read("duplicates/polis_comments.csv") if r["text"].strip()]
    texts, truth = list(real), [-1] * len(real)
    for k, (template, synonyms) in enumerate(FORM_LETTERS):
        for _ in range(copies):
            text = template
            for a, b in synonyms.items():
                if rng.random() < (0.6 if hard else 0.3):
                    text = text.replace(a, b)
            words = text.split()
            for _typo in range(rng.randint(1, 3) if hard else int(rng.random() < 0.3)):
                i = rng.randrange(len(words))  # a typo: one word loses its last letter
                words[i] = words[i][:-1] or words[i]
            text = " ".join(words)
            if hard and rng.random() < 0.5:
                text = f"{rng.choice(ADDED)} {text} {rng.choice(ADDED)}"
            elif rng.random() < 0.4:
                text = (text + " " + rng.choice(ADDED)) if rng.random() < 0.7 else (rng.choice(ADDED) + " " + text)
            texts.append(text)
            truth.append(k)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [truth[i] for i in order]


def big_corpus(n: int, seed: int = 0) -> list[str]:
    """n real texts; beyond the ~100k available, copies varied by dropping a word and adding a number."""
    pool: list[str] = []
    for path in TEXT_FILES:
        if (DATA / path).is_file():
            pool.extend(r["text"] for r in read(path) if r.get("text", "").strip())
    rng = random.Random(seed)
    rng.shuffle(pool)
    out = pool[:n]
    while len(out) < n:
        words = rng.choice(pool).split()
        if len(words) > 3:
            del words[rng.randrange(len(words))]
        out.append(" ".join(words) + f" {rng.randint(1, 999)}")
    return out
