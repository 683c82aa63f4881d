"""Matching sections across versions (number and title) and word-level differences: pure functions."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from consult.lib.text import fold


@dataclass(slots=True)
class Side:
    """A section as matching and diffing see it."""

    id: int
    number: str
    title: str
    text: str


def _key(value: str) -> str:
    return " ".join(fold(value).replace("§", "§ ").split()).rstrip(".")


def match_sections(old: list[Side], new: list[Side]) -> list[tuple[int, int, str]]:
    """(new id, old id, how) pairs: same number and title, then the same number, then the same title.

    A number or title shared by several sections on one side is not used to match them (ambiguous).
    """
    pairs: list[tuple[int, int, str]] = []
    left = {s.id: s for s in old}
    right = {s.id: s for s in new}
    passes = (
        ("same", lambda s: (_key(s.number), _key(s.title))),
        ("number", lambda s: _key(s.number) if s.number.strip() else None),
        ("title", lambda s: _key(s.title) if s.title.strip() else None),
    )
    for how, key in passes:
        old_keys = Counter(key(s) for s in left.values())
        new_keys = Counter(key(s) for s in right.values())
        by_key = {key(s): s for s in left.values() if key(s) is not None and old_keys[key(s)] == 1}
        for section in list(right.values()):
            k = key(section)
            if k is None or new_keys[k] != 1 or k not in by_key:
                continue
            counterpart = by_key.pop(k)
            pairs.append((section.id, counterpart.id, how))
            del right[section.id]
            del left[counterpart.id]
    return pairs


def word_ops(old: str, new: str) -> list[tuple[str, str]]:
    """The change from `old` to `new` word by word: runs of ("equal" | "insert" | "delete", text)."""
    a, b = old.split(), new.split()
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(("insert", " ".join(b[j1:j2])))
    return ops


def changed(ops: list[tuple[str, str]]) -> bool:
    """Whether word operations hold any change."""
    return any(op != "equal" for op, _ in ops)
