"""Benchmark of theme labels: nominative noun phrases with agreement, as Morfeusz 2 reads them back.

    /work/main/.venv/bin/python benchmarks/labels.py [--n 2000] [--peer REV] [--show 10]

For every theme on the sets of ../shared/data/topics (seeded samples, as benchmarks/analysis.py takes them)
and on the demo consultations' comments (consult.demo), prints the share of Polish labels whose head is a
nominative noun with agreeing modifiers, the share of labels with a lemma said twice, and ten labels per
set, before → after. "Before" is the analysis of git revision REV (the labels as they were), run on the
same comments in a child process in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import morfeusz2  # noqa: E402

import _data  # noqa: E402

SEED = 0
PEER = "a947e60"  # the last revision whose labels glued key phrases as they appeared
_NOUN = ("subst", "ger")
_ADJ = ("adj", "pact", "ppas")
_CHILD = """
import json, sys
import nlp
from nlp.types import CommentIn, Options
import time
data = json.load(sys.stdin)
out = []
cpu = time.process_time()
for batch in data:
    a = nlp.analyse([CommentIn(*c) for c in batch], Options(seed=%d))
    langs = {}
    for c in a.comments:
        if c.theme_id:
            langs.setdefault(c.theme_id, []).append(c.language)
    out.append([{"id": t.id, "label": t.label, "size": t.size, "other": t.is_other, "summary": [[str(s), getattr(s, "language", "")] for s in t.summary],
                 "languages": langs.get(t.id, [])} for t in a.themes])
json.dump({"themes": out, "cpu": time.process_time() - cpu}, sys.stdout, ensure_ascii=False)
""" % SEED


def demo_comments() -> list[list[tuple[str, str, str]]]:
    """The demo consultations' comments as (id, text, section) batches, one per consultation, as the app sends them."""
    from consult.demo.comments import comments_for
    from consult.demo.content import consultations

    batches = []
    for spec in consultations():
        rows = comments_for(spec)
        if rows:
            batches.append([(str(i), "\n\n".join(p for p in (c.remark, c.proposal, c.justification) if p),
                             c.section_number) for i, c in enumerate(rows)])
    return batches


def sets(n: int) -> dict[str, list[list[tuple[str, str, str]]]]:
    out: dict[str, list[list[tuple[str, str, str]]]] = {}
    for name, (path, _lang) in _data.TOPIC_SETS.items():
        if (_data.DATA / path).is_file():
            texts, _gold = _data.topic_sample(name, n, SEED)
            out[name] = [[(str(i), t, "") for i, t in enumerate(texts)]]
    out["demo"] = demo_comments()
    return out


def run(batches: list[list[tuple[str, str, str]]], pythonpath: str) -> tuple[list[list[dict]], float]:
    """Themes of every batch analysed by the nlp package found first on `pythonpath`, in a child process,
    and the CPU seconds the analyses took there (the parent's CPU count never changes)."""
    env = dict(os.environ, PYTHONPATH=pythonpath)
    # cwd too: `python -c` puts the working directory before PYTHONPATH on sys.path.
    proc = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(batches, ensure_ascii=False),
                          capture_output=True, text=True, env=env, check=False, cwd=pythonpath)
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    result = json.loads(proc.stdout)
    return result["themes"], result["cpu"]


def peer_tree(rev: str, where: str) -> str:
    """The nlp package of git revision `rev`, unpacked under `where`."""
    archive = Path(where) / "nlp.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "nlp"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(where, filter="data")
    return where


@lru_cache(maxsize=1)
def _morfeusz() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(separate_numbering=True, whitespace=morfeusz2.SKIP_WHITESPACES)


@lru_cache(maxsize=50_000)
def _tags(word: str) -> tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str], str], ...]:
    """(class, numbers, cases, genders, lemma) of every whole-word reading Morfeusz gives a form."""
    out = []
    for start, end, (_f, lemma, tag, _n, _l) in _morfeusz().analyse(word):
        parts = tag.split(":")
        if word[:1].islower() and lemma[:1].isupper():
            continue  # "prostego" is not the surname Prosty
        if start == 0 and end == 1 and parts[0] not in ("brev", "ign") and len(parts) >= 4:
            out.append((parts[0], frozenset(parts[1].split(".")), frozenset(parts[2].split(".")),
                        frozenset(parts[3].split(".")), lemma.split(":", 1)[0].lower()))
        elif start == 0 and end == 1 and parts[0] not in ("brev", "ign"):
            out.append((parts[0], frozenset(), frozenset(), frozenset(), lemma.split(":", 1)[0].lower()))
    return tuple(out)


def _adjectival(rs: tuple) -> bool:
    """Whether a word's noun readings are an adjective used as a noun (same lemma as an adjective reading)."""
    adjectives = {r[4] for r in rs if r[0] in _ADJ}
    return bool(adjectives) and not any(r[0] in _NOUN and r[4] not in adjectives for r in rs)


def _agree(a: tuple, number: str, gender: str) -> bool:
    return a[0] in _ADJ and number in a[1] and "nom" in a[2] and gender in a[3]


def nominative_phrase(words: Sequence[str]) -> bool:
    """Whether words are a nominative noun phrase: adjectives agreeing in the nominative, a nominative
    head noun, then adjectives agreeing with it or complements (any noun with the adjectives before it)."""
    reads = [_tags(w) for w in words]
    for h, rs in enumerate(reads):
        # An adjective used as a noun is read as an adjective ("Nowi ławek" is no phrase headed by the noun
        # "nowi", a lone "Pierwszy" names nothing): the strict reading, for a check. "Droga" (road, not
        # "drogi") and "Rada" (council, not "rad") are nouns.
        for head in () if _adjectival(rs) else rs:
            if head[0] not in _NOUN or "nom" not in head[2]:
                continue
            for number in head[1]:
                for gender in head[3]:
                    if not all(any(_agree(r, number, gender) for r in reads[i]) for i in range(h)):
                        continue
                    # After the head: agreeing adjectives, then from the first noun on a complement; an
                    # adjective that agrees with nothing before a noun comes ("zasady prostego") fails.
                    i = h + 1
                    while i < len(reads) and any(_agree(r, number, gender) for r in reads[i]):
                        i += 1
                    if _complement(reads[i:], number, gender):
                        return True
        if not any(r[0] in _ADJ for r in rs):
            return False  # a word before any head that is no adjective: not a noun phrase
    return False


def _complement(rest: list[tuple], number: str, gender: str) -> bool:
    """Whether the words after the head and its adjectives form complements: nouns, each adjective agreeing
    with the noun before or after it ("pomocy społecznej", "nowych miejsc") or with the head ("kierunek działań
    dotyczący bezdomności"); nothing at all is fine too."""
    nouns = [i for i, rs in enumerate(rest) if any(r[0] in _NOUN for r in rs) and not _adjectival(rs)]
    if rest and not nouns:
        return False
    for i, rs in enumerate(rest):
        if i in nouns:
            continue
        near = [j for j in (max((j for j in nouns if j < i), default=None), min((j for j in nouns if j > i), default=None))
                if j is not None]
        if not any(_agree(a, number, gender) for a in rs) and not any(
                a[0] in _ADJ and a[1] & n[1] and a[2] & n[2] and a[3] & n[3]
                for a in rs for j in near for n in rest[j] if n[0] in _NOUN):
            return False
    return True


def polish_ok(label: str) -> bool:
    """Every part of a label joined by "i" (or by commas, as the labels before were) is a nominative noun phrase."""
    parts = [p.split() for chunk in label.split(",") for p in f" {chunk} ".split(" i ")]
    return all(p and nominative_phrase(p) for p in parts if p) and any(parts)


def repeated_lemma(label: str, language: str) -> bool:
    """Whether two words of a label share a lemma (Morfeusz's readings for Polish, the lower-cased form else)."""
    words = [w.strip(",.;:") for w in label.split() if w.strip(",.;:").lower() not in ("i", "and", "і", "/")]
    if language == "pl":
        lemmas = [frozenset(r[4] for r in _tags(w)) or frozenset({w.lower()}) for w in words]
    else:
        lemmas = [frozenset({w.lower().rstrip("s") if language == "en" else w.lower()}) for w in words]
    return any(lemmas[i] & lemmas[j] for i in range(len(lemmas)) for j in range(i))


def theme_language(theme: dict) -> str:
    langs = Counter(theme["languages"])
    return langs.most_common(1)[0][0] if langs else "pl"


def measure(themes: list[dict]) -> tuple[int, float, int, float]:
    named = [t for t in themes if not t["other"]]
    polish = [t for t in named if theme_language(t) == "pl"]
    ok = sum(polish_ok(t["label"]) for t in polish)
    rep = sum(repeated_lemma(t["label"], theme_language(t)) for t in named)
    return len(polish), ok / max(len(polish), 1), len(named), rep / max(len(named), 1)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=2000, help="rows sampled per topic set")
    p.add_argument("--peer", default=PEER, help="git revision whose labels are 'before'; '' for none")
    p.add_argument("--show", type=int, default=10, help="labels printed per set")
    p.add_argument("--summaries", type=int, default=2, help="demo summaries printed, before and after")
    args = p.parse_args()
    data = sets(args.n)
    rows = []
    shown: dict[str, list[tuple[str, str, str]]] = {}
    summaries: list[tuple[str, list[str], list]] = []
    with tempfile.TemporaryDirectory() as tmp:
        peer = peer_tree(args.peer, tmp) if args.peer else None
        for name, batches in data.items():
            after, secs = run(batches, str(ROOT))
            before, peer_secs = run(batches, peer) if peer else ([[] for _ in batches], 0.0)
            new = [t for b in after for t in b]
            old = [t for b in before for t in b]
            rows.append((name, "after", *measure(new), secs))
            if peer:
                rows.append((name, f"before ({args.peer})", *measure(old), peer_secs))
            old_by = {(k, t["id"]): t for k, b in enumerate(before) for t in b}
            pairs = [(theme_language(t), old_by.get((k, t["id"]), {}).get("label", "—"), t["label"])
                     for k, b in enumerate(after) for t in b if not t["other"]]
            shown[name] = pairs
            if name == "demo":
                summaries = [(t["label"], old_by.get((k, t["id"]), {}).get("summary", []), t["summary"])
                             for k, b in enumerate(after) for t in b if not t["other"]]
    print(f"\n## Theme labels (n={args.n} per topic set, seed {SEED}; demo = both demo consultations; "
          "cpu s = the analyses' process CPU time)")
    print(f"{'set':16s} {'labels':22s} {'pl themes':>9s} {'nominative':>10s} {'themes':>6s} {'repeated':>8s} {'cpu s':>6s}")
    for name, system, n_pl, ok, n_all, rep, secs in rows:
        print(f"{name:16s} {system:22s} {n_pl:9d} {ok:10.1%} {n_all:6d} {rep:8.1%} {secs:6.1f}")
    for name, pairs in shown.items():
        print(f"\n### {name}: {min(args.show, len(pairs))} of {len(pairs)} labels, before → after")
        step = max(len(pairs) // max(args.show, 1), 1)
        for lang, old, new in pairs[::step][: args.show]:
            print(f"- [{lang}] {old} → {new}")
    if summaries:
        print(f"\n### demo: {min(args.summaries, len(summaries))} summaries, before → after")
        for label, old, new in summaries[: args.summaries]:
            print(f"- {label}")
            for text, lang in old:
                print(f"    before: {text}")
            for text, lang in new:
                print(f"    after:  {text}" + (f"  [{lang}]" if lang and lang != "pl" else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
