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


# Polish form letters (each ≥ 25 words, several sentences) and the synonyms people swap in them.
CAMPAIGN_LETTERS = [
    ("Sprzeciwiam się likwidacji Klubu Seniora przy ulicy Lipowej. Jest to jedyne miejsce spotkań dla starszych "
     "mieszkańców naszego osiedla i nie ma dla niego żadnej alternatywy w okolicy. Klub prowadzi zajęcia ruchowe, "
     "warsztaty komputerowe i spotkania z lekarzem. Proszę o pozostawienie klubu w obecnym budynku i zapewnienie "
     "mu finansowania na kolejne lata.",
     {"Sprzeciwiam się": "Protestuję przeciw", "jedyne": "jedyne takie", "starszych": "najstarszych",
      "okolicy": "pobliżu", "Proszę o": "Wnoszę o", "kolejne": "następne"}),
    ("Domagamy się budowy bezpiecznej drogi rowerowej wzdłuż alei Niepodległości. Obecnie dzieci jadące do szkoły "
     "muszą korzystać z ruchliwej jezdni, co grozi wypadkiem. Droga rowerowa powinna być oddzielona od jezdni pasem "
     "zieleni i dobrze oświetlona. Wnosimy o ujęcie tej inwestycji w budżecie miasta na przyszły rok.",
     {"Domagamy się": "Żądamy", "bezpiecznej": "porządnej", "ruchliwej": "zatłoczonej", "wypadkiem": "tragedią",
      "dobrze": "porządnie", "przyszły": "następny"}),
    ("Jako mieszkańcy osiedla Zielone Wzgórze stanowczo sprzeciwiamy się zabudowie parku przy ulicy Klonowej. Park "
     "jest miejscem odpoczynku dla rodzin z dziećmi i schronieniem dla wielu gatunków ptaków. Wycinka drzew pogorszy "
     "jakość powietrza i zwiększy hałas. Wnioskujemy o wpisanie parku do planu jako terenu zieleni publicznej bez "
     "prawa zabudowy.",
     {"stanowczo": "zdecydowanie", "odpoczynku": "wypoczynku", "wielu": "licznych", "pogorszy": "obniży",
      "Wnioskujemy o": "Prosimy o", "hałas": "poziom hałasu"}),
    ("Wnoszę o zmianę przeznaczenia działki numer 125/4 z terenu usługowego na teren zieleni urządzonej. W pobliżu "
     "nie ma żadnego placu zabaw ani skweru, a liczba mieszkańców szybko rośnie. Nowe bloki powstały bez "
     "infrastruktury społecznej. Proszę o uwzględnienie tej uwagi w projekcie planu miejscowego.",
     {"Wnoszę o": "Proszę o", "żadnego": "ani jednego", "szybko": "bardzo szybko", "powstały": "zbudowano",
      "uwzględnienie": "przyjęcie", "projekcie": "nowym projekcie"}),
]
ADDED_PL = ["Mieszkam tu od dwudziestu lat i widzę, jak osiedle się zmienia.",
            "Liczę na rozsądek radnych i urzędników.", "To bardzo ważne dla całej naszej rodziny.",
            "Podobne zdanie mają moi sąsiedzi.", "Sprawa jest pilna i nie może czekać."]
GREETINGS = ["Szanowni Państwo,", "Dzień dobry,", "Szanowny Panie Prezydencie!", "Witam,", "Szanowna Pani Burmistrz,"]
SIGNATURES = ["Z poważaniem\nJan Kowalski", "Anna Nowak\nul. Lipowa 5", "Pozdrawiam\nMarek Wiśniewski",
              "Z wyrazami szacunku,\nKatarzyna Wójcik, tel. 600 100 200", "Piotr Zieliński", "--\nEwa Lewandowska"]
EDITS = ("copy", "sentence added", "sentence removed", "synonyms", "typos", "no diacritics", "greeting",
         "signature", "all at once")
# Short texts that many people write on their own: natural duplicates, never campaigns.
SHORT_NATURAL = [("Popieram", 30), ("Zgadzam się", 25), ("Jestem przeciw.", 15), ("Popieram projekt.", 12),
                 ("Nie zgadzam się z tym projektem.", 12), ("Brak uwag.", 20)]
INDEPENDENT = ("duplicates/polis_comments.csv", "topics/8tags_dev.csv", "topics/pabulib_titles.csv",
               "sentiment/allegro_reviews_train.csv", "sentiment/polemo2_in_train.csv")
_PLAIN = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def _sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in text.replace(". ", ".\n").splitlines()) if s]


def _typo(word: str, rng: random.Random) -> str:
    """One typing slip: a letter dropped, doubled, swapped with the next or struck as its neighbour."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice("qwertyuiopasdfghjklzxcvbnm") + word[i + 1:]


def edit_letter(template: str, synonyms: dict[str, str], kind: str, rng: random.Random) -> str:
    """One copy of a form letter edited the way people edit them (`kind` one of EDITS)."""
    text = template
    kinds = set(EDITS[1:-1]) if kind == "all at once" else {kind}
    if "synonyms" in kinds:
        swapped = [a for a in synonyms if rng.random() < 0.6] or [rng.choice(list(synonyms))]
        for a in swapped:
            text = text.replace(a, synonyms[a])
    if "sentence removed" in kinds or "sentence added" in kinds:
        sentences = _sentences(text)
        if "sentence removed" in kinds and not ("sentence added" in kinds and rng.random() < 0.5):
            del sentences[rng.randrange(len(sentences))]
        else:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(ADDED_PL))
        text = " ".join(sentences)
    if "typos" in kinds:
        words = text.split(" ")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(words))
            words[i] = _typo(words[i], rng)
        text = " ".join(words)
    if "no diacritics" in kinds and (kind != "all at once" or rng.random() < 0.3):
        text = text.translate(_PLAIN)
    if "greeting" in kinds:
        text = f"{rng.choice(GREETINGS)}\n{text}"
    if "signature" in kinds:
        text = f"{text}\n{rng.choice(SIGNATURES)}"
    return text


def campaign_corpus(copies: int, seed: int = 0) -> tuple[list[str], list[int], list[str]]:
    """Real independent comments (Polis and Polish sets), short natural duplicates, and `copies` copies of
    every CAMPAIGN_LETTERS letter per kind of edit. Returns (texts, letter per text: -1 real, -2 short
    natural duplicate, else the letter's index; the kind of edit, "" for the others), shuffled."""
    rng = random.Random(seed)
    texts: list[str] = []
    truth: list[int] = []
    kinds: list[str] = []
    for path in INDEPENDENT:
        if (DATA / path).is_file():
            rows = [r["text"] for r in read(path) if r.get("text", "").strip()]
            texts += rows
            truth += [-1] * len(rows)
            kinds += [""] * len(rows)
    for text, count in SHORT_NATURAL:
        texts += [text] * count
        truth += [-2] * count
        kinds += [""] * count
    for k, (template, synonyms) in enumerate(CAMPAIGN_LETTERS):
        for kind in EDITS:
            for _ in range(copies):
                texts.append(edit_letter(template, synonyms, kind, rng))
                truth.append(k)
                kinds.append(kind)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [truth[i] for i in order], [kinds[i] for i in order]
