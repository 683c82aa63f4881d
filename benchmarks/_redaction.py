"""Redaction benchmark: recall on generated identifiers, false positives on number-like text, names on NKJP.

    .venv/bin/python benchmarks/_redaction.py [--quick] [--names-only [--tune]]

Identifiers (PESEL, phone, e-mail, IBAN, NIP, ID card) are generated valid, written in their usual
forms and embedded in Polish sentences; a case counts when one span of the right kind covers the value.
False positives: dates, amounts, legal references and other numbers that are not personal data; a
case fails when anything is redacted. Names: persName entities of NKJP (nkjp_ner.iob, PolDeepNer's
copy), split by document into the half the name rules were tuned on and a held-out half; a seeded
sample of held-out sentences (--tune: of the tuning half) is rebuilt from tokens, and the redaction as
it was at BEFORE_COMMIT (read from git) runs beside today's in the same run. Entity recall counts a
name when all its tokens are redacted, also apart for single-word names and for names in an oblique
case (every token's tag genitive, dative, accusative, instrumental, locative or vocative). Token
precision counts a redacted token as right when NKJP marks it as (part of) a person's name, nested
ones included ("Liceum im. Słowackiego"); span precision, a redacted name overlapping such a token.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nlp.redaction import redact  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "personal_data"
NAMES = DATA / "names"
_MOBILE = ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]
_AREA = ["12", "22", "32", "42", "58", "61", "71", "81", "91"]
_TEMPLATES = [
    "Proszę o kontakt: {v}.",
    "Mój numer to {v}, dzwonić po 16.",
    "W załączeniu dane: {v} – proszę ich nie publikować.",
    "Zgłaszający ({v}) prosi o odpowiedź do końca miesiąca.",
    "{v} to mój identyfikator, podaję go na prośbę urzędu.",
    "Kontakt w sprawie ławek przy szkole: {v}",
    "tel.{v} (po 16:00)",
    "Dane:{v};dziękuję",
    "Proszę o zwrot: {v} Z poważaniem",
    "Dane do zwrotu {v} PESEL: nie podaję.",
]


def _pesel(rng: random.Random) -> str:
    y, m, d = rng.randint(1930, 2015), rng.randint(1, 12), rng.randint(1, 28)
    mm = m + (20 if y >= 2000 else 0)
    body = f"{y % 100:02d}{mm:02d}{d:02d}{rng.randint(0, 9999):04d}"
    check = (10 - sum(w * int(c) for w, c in zip((1, 3, 7, 9, 1, 3, 7, 9, 1, 3), body)) % 10) % 10
    return body + str(check)


def _nip(rng: random.Random) -> str:
    while True:
        body = f"{rng.randint(100, 999)}{rng.randint(0, 999999):06d}"
        check = sum(w * int(c) for w, c in zip((6, 5, 7, 2, 3, 4, 5, 6, 7), body)) % 11
        if check != 10:
            digits = body + str(check)
            return rng.choice([digits, f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}",
                               f"{digits[:3]}-{digits[3:5]}-{digits[5:7]}-{digits[7:]}", "PL" + digits])


def _iban(rng: random.Random) -> str:
    bban = "".join(str(rng.randint(0, 9)) for _ in range(24))
    check = 98 - int(bban + "252100") % 97
    digits = f"{check:02d}{bban}"
    grouped = digits[:2] + " " + " ".join(digits[i : i + 4] for i in range(2, 26, 4))
    return rng.choice(["PL" + digits, "PL" + grouped, grouped, digits])


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        n = rng.choice(_MOBILE) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        forms = [f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n, f"+48 {n[:3]} {n[3:6]} {n[6:]}",
                 f"+48{n}", f"0048 {n[:3]} {n[3:6]} {n[6:]}"]
    else:
        n = rng.choice(_AREA) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        forms = [f"({n[:2]}) {n[2:5]} {n[5:7]} {n[7:]}", f"{n[:2]} {n[2:5]} {n[5:7]} {n[7:]}",
                 f"{n[:2]}-{n[2:5]}-{n[5:7]}-{n[7:]}", f"+48 {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}",
                 f"(0{n[:2]}) {n[2:5]}-{n[5:7]}-{n[7:]}", f"(0-{n[:2]}) {n[2:5]}-{n[5:7]}-{n[7:]}"]
    return rng.choice(forms)


def _email(rng: random.Random) -> str:
    user = rng.choice(["jan.kowalski", "a.nowak", "mieszkaniec_77", "ewa-zielinska", "k.wojcik+konsultacje"])
    return f"{user}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'wp.pl', 'o2.pl', 'onet.pl', 'um.warszawa.pl'])}"


def _id_card(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUWXYZ") for _ in range(3))
        rest = "".join(str(rng.randint(0, 9)) for _ in range(5))
        vals = [ord(c) - 55 for c in letters]
        check = sum(w * v for w, v in zip((7, 3, 1), vals)) + sum(w * int(c) for w, c in zip((7, 3, 1, 7, 3), rest))
        return f"{letters}{check % 10}{rest}"


def _passport(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUWXYZ") for _ in range(2))
    rest = "".join(str(rng.randint(0, 9)) for _ in range(6))
    partial = sum(w * (ord(c) - 55) for w, c in zip((7, 3), letters)) + sum(
        w * int(c) for w, c in zip((1, 7, 3, 1, 7, 3), rest))
    check = next(c for c in range(10) if (partial + 9 * c) % 10 == 0)
    return f"{letters}{check}{rest}"


_GENERATORS = {"PESEL": _pesel, "PHONE": _phone, "EMAIL": _email, "IBAN": _iban, "NIP": _nip, "ID_CARD": _id_card,
               "PASSPORT": _passport}

_NON_PII = [
    "Na podstawie art. 6 ust. 2 pkt 3 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym.",
    "Uchwała nr XLII/1234/2023 Rady m.st. Warszawy z dnia 12.05.2023 r.",
    "Budżet projektu wynosi 1 250 000 zł, w tym 600 000 zł na zieleń.",
    "Koszt: 123 456 789 zł w latach 2024–2030.",
    "Spotkanie odbędzie się 2024-05-12 o godz. 17:30 w sali 204.",
    "W konsultacjach wzięło udział 1 234 osób, a 56,7% poparło zmiany.",
    "Dz.U. 2023 poz. 1234, § 12 ust. 1 regulaminu.",
    "Linia 523 kursuje co 12 minut, tramwaje 9 i 25 też.",
    "Długość ścieżki to 12,5 km, szerokość 2,5 m, 2500 m2 zieleni.",
    "Strategia na lata 2025-2035 obejmuje 18 dzielnic i 3 priorytety.",
    "Zadanie nr 1234 z budżetu obywatelskiego 2024 otrzymało 4567 głosów.",
    "Remont ul. Marszałkowskiej potrwa do 31.12.2025.",
    "W 2023 r. z Miejsca Aktywności Lokalnej skorzystało 12 000 osób.",
    "Kwota 987 654 321 PLN to wartość całego programu.",
    "Działka nr 123/45 w obrębie 2-04-05 ma 1500 m².",
    "Wskaźnik wzrósł z 0,25 do 0,45 w latach 2019–2023.",
]


def _generated_non_pii(rng: random.Random) -> str:
    """A random number-like sentence that holds no personal data."""
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1990, 2035)
    amount = rng.randint(1_000, 999_999_999)
    grouped = f"{amount:,}".replace(",", " ")
    return rng.choice([
        f"Termin: {d:02d}.{m:02d}.{y} r., godz. {rng.randint(8, 20)}:{rng.choice(['00', '15', '30'])}.",
        f"Od {y}-{m:02d}-{d:02d} do {y + 1}-{m:02d}-{d:02d} trwają prace.",
        f"Na podstawie art. {rng.randint(1, 300)} ust. {rng.randint(1, 9)} pkt {rng.randint(1, 20)} ustawy.",
        f"Koszt wyniesie {grouped} zł brutto.",
        f"Przeznaczono {grouped} PLN na zieleń.",
        f"Uchwała nr {rng.choice(['XII', 'XLII', 'LXV'])}/{rng.randint(100, 2999)}/{y} z dnia {d} {rng.choice(['maja', 'marca'])} {y} r.",
        f"Dz.U. z {y} r. poz. {rng.randint(1, 2999)}, § {rng.randint(1, 40)} ust. {rng.randint(1, 9)}.",
        f"Projekt nr {rng.randint(1, 2999)} zdobył {rng.randint(100, 99999)} głosów ({rng.randint(1, 99)},{rng.randint(0, 9)}%).",
        f"Działka nr {rng.randint(1, 999)}/{rng.randint(1, 99)} ma {rng.randint(100, 99999)} m2.",
        f"W latach {y}–{y + rng.randint(1, 10)} posadzimy {rng.randint(100, 9999)} drzew.",
    ])


def _identifier_rows(quick: bool) -> list[dict[str, object]]:
    rng = random.Random(0)
    per_kind = 200 if quick else 2000
    rows: list[dict[str, object]] = []
    for kind, gen in _GENERATORS.items():
        hits, misses = 0, []
        t0 = time.perf_counter()
        for _ in range(per_kind):
            value = gen(rng)
            text = rng.choice(_TEMPLATES).format(v=value)
            start = text.index(value)
            _, spans = redact(text)
            ok = any(s.kind == kind and s.start <= start and s.end >= start + len(value) for s in spans)
            hits += ok
            if not ok and len(misses) < 3:
                misses.append(value)
        rows.append({"task": "redaction", "case": f"{kind} recall", "n": per_kind,
                     "value": round(hits / per_kind, 4), "goal": ">= 0.99", "misses": misses,
                     "seconds": round(time.perf_counter() - t0, 1)})
    bad = [t for t in _NON_PII if redact(t)[1]]
    rows.append({"task": "redaction", "case": "false positives, hand-written non-PII", "n": len(_NON_PII),
                 "value": round(len(bad) / len(_NON_PII), 4), "goal": "0", "misses": bad[:3]})
    generated = [_generated_non_pii(rng) for _ in range(per_kind)]
    bad = [t for t in generated if redact(t)[1]]
    rows.append({"task": "redaction", "case": "false positives, generated non-PII", "n": len(generated),
                 "value": round(len(bad) / len(generated), 4), "goal": "0", "misses": bad[:3]})
    return rows


def _nkjp_documents(path: Path) -> list[list[list[tuple[str, str, str]]]]:
    """NKJP documents, each a list of sentences of (token, ctag, label)."""
    docs: list[list[list[tuple[str, str, str]]]] = [[]]
    sent: list[tuple[str, str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4 and not line.startswith("-DOCSTART"):
                sent.append((parts[0], parts[2], parts[3]))
                continue
            if sent:
                docs[-1].append(sent)
                sent = []
            if line.startswith("-DOCSTART FILE"):
                docs.append([])
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def nkjp_split(path: Path) -> tuple[list[list[tuple[str, str, str]]], list[list[tuple[str, str, str]]]]:
    """Sentences of NKJP split by document (seeded): the half the name rules were tuned on, and the held-out half."""
    docs = _nkjp_documents(path)
    order = list(range(len(docs)))
    random.Random(20).shuffle(order)
    half = len(order) // 2
    tune = [s for i in order[:half] for s in docs[i]]
    held = [s for i in order[half:] for s in docs[i]]
    return tune, held


_NO_SPACE_BEFORE = set(".,;:!?)]}%”»")
_NO_SPACE_AFTER = set("([{„«")


def _rebuild(tokens: list[tuple[str, str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Text from NKJP tokens with ordinary spacing around punctuation, and each token's offsets."""
    text, offsets, after_hyphen = "", [], False
    for i, (tok, *_) in enumerate(tokens):
        # A hyphen between two capitalised words joins a double name or place ("Jankowska-Cieślak").
        hyphen = tok == "-" and 0 < i < len(tokens) - 1 and tokens[i - 1][0][:1].isupper() and tokens[i + 1][0][:1].isupper()
        joined, after_hyphen = hyphen or after_hyphen, hyphen
        if i and not joined and tok not in _NO_SPACE_BEFORE and text[-1:] not in _NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(tok)))
        text += tok
    return text, offsets


_OBLIQUE = ("gen", "dat", "acc", "inst", "loc", "voc")
BEFORE_COMMIT = "a947e60"  # nlp/redaction.py before the register's name lists, context and exceptions


def _redactor_before() -> object | None:
    """redact() of nlp/redaction.py at BEFORE_COMMIT, loaded from git (None without git history)."""
    import importlib.util
    import subprocess
    import tempfile

    try:
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{BEFORE_COMMIT}:nlp/redaction.py"],
                                capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(tempfile.mkdtemp()) / "redaction_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("redaction_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.redact


def name_scores(sample: list[list[tuple[str, str, str]]], redactor: object) -> dict[str, object]:
    """Entity recall (all, single-word, multi-word, nominative, oblique case), token recall and precision."""
    gold_tok = pred_tok = both_tok = rec_tok = spans_all = spans_right = 0
    ents: dict[str, list[int]] = {k: [0, 0] for k in ("all", "single", "multi", "nom", "oblique")}
    t0 = time.perf_counter()
    for sent in sample:
        text, offs = _rebuild(sent)
        _, spans = redactor(text)  # type: ignore[operator]
        pspans = [(s.start, s.end) for s in spans if s.kind == "PERSON"]
        pred = [any(s < e2 and s2 < e for s2, e2 in pspans) for s, e in offs]
        top = [lab.split("#")[0].endswith("persName") for *_, lab in sent]
        anyp = ["persName" in lab for *_, lab in sent]
        gold_tok += sum(top)
        pred_tok += sum(pred)
        both_tok += sum(p and a for p, a in zip(pred, anyp))
        rec_tok += sum(p and t for p, t in zip(pred, top))
        for s, e in pspans:  # a span is right when it overlaps a person's name, nested ones included
            spans_all += 1
            spans_right += any(a and s < oe and os_ < e for a, (os_, oe) in zip(anyp, offs))
        i = 0
        while i < len(sent):  # entity-level: top-level B-persName then its I- tokens
            if sent[i][2].startswith("B-persName"):
                j = i + 1
                while j < len(sent) and sent[j][2].startswith("I-persName"):
                    j += 1
                hit = all(pred[i:j])
                cases = {part for _, tag, _ in sent[i:j] for part in tag.split(":")}
                kinds = ["all", "single" if j - i == 1 else "multi",
                         "oblique" if cases & set(_OBLIQUE) and "nom" not in cases else "nom"]
                for k in kinds:
                    ents[k][0] += 1
                    ents[k][1] += hit
                i = j
            else:
                i += 1
    return {
        "n": len(sample), **{f"recall_{k}": round(h / max(n, 1), 3) for k, (n, h) in ents.items()},
        **{f"entities_{k}": n for k, (n, _) in ents.items()},
        "token_recall": round(rec_tok / max(gold_tok, 1), 3),
        "token_precision": round(both_tok / max(pred_tok, 1), 3),
        "span_precision": round(spans_right / max(spans_all, 1), 3),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _name_rows(quick: bool, part: str = "held-out") -> list[dict[str, object]]:
    path = DATA / "nkjp_ner.iob"
    if not path.is_file():
        return [{"task": "redaction", "case": "NKJP persName", "note": f"missing {path}"}]
    tune, held = nkjp_split(path)
    sents = held if part == "held-out" else tune
    sample = random.Random(0).sample(sents, min(len(sents), 2000 if quick else 10000))
    systems: list[tuple[str, object]] = []
    before = _redactor_before()
    if before is not None:
        systems.append((f"before ({BEFORE_COMMIT})", before))
    systems.append(("now (register names, context, exceptions)", redact))
    return [{"task": "redaction", "case": f"NKJP persName, {part} half: {label}", **name_scores(sample, fn)}
            for label, fn in systems]


def run(quick: bool) -> list[dict[str, object]]:
    """Rows of redaction figures: identifier recall, false-positive rate, NKJP name recall/precision."""
    return _identifier_rows(quick) + _name_rows(quick)


def _print(rows: list[dict[str, object]]) -> None:
    for r in rows:
        if "recall_all" in r:
            continue
        if "value" in r:
            extra = f" e.g. {r['misses']}" if r.get("misses") else ""
            print(f"{r['case']:42s} n={r['n']} {r['value']:.4f} (goal {r['goal']}){extra}")
        else:
            print(f"{r['case']:42s} {r.get('note', '')}")
    names = [r for r in rows if "recall_all" in r]
    if not names:
        return
    r0 = names[0]
    print(f"\nNKJP persName, n={r0['n']} sentences; entities: {r0['entities_all']} (single-word "
          f"{r0['entities_single']}, multi-word {r0['entities_multi']}; nominative {r0['entities_nom']}, "
          f"oblique case {r0['entities_oblique']}). Goal: recall >= 0.80 at token precision >= 0.90.")
    print(f"{'system':62s} {'recall':>6s} {'single':>6s} {'multi':>6s} {'nom':>6s} {'obliq':>6s} "
          f"{'tokR':>6s} {'tokP':>6s} {'spanP':>6s} {'secs':>6s}")
    for r in names:
        print(f"{str(r['case'])[15:]:62s} {r['recall_all']:6.3f} {r['recall_single']:6.3f} {r['recall_multi']:6.3f} "
              f"{r['recall_nom']:6.3f} {r['recall_oblique']:6.3f} {r['token_recall']:6.3f} "
              f"{r['token_precision']:6.3f} {r['span_precision']:6.3f} {r['seconds']:6.1f}")


if __name__ == "__main__":
    if "--names-only" in sys.argv[1:]:  # the tuning loop: --names-only [--tune]
        _print(_name_rows("--quick" in sys.argv[1:], "tune" if "--tune" in sys.argv[1:] else "held-out"))
    else:
        _print(run(quick="--quick" in sys.argv[1:]))
