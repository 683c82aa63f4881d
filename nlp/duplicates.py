"""Exact and near-duplicate groups (normalised text, MinHash LSH over word shingles) and campaigns."""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch.lsh import _optimal_param

from nlp.types import Options

NUM_PERM = 128
CANDIDATE_THRESHOLD = 0.5  # LSH recall point; pairs are then checked on their estimated overlap
CONTAINMENT = 0.8  # "template + an added sentence": most of the shorter text is inside the longer one
# ...but a text is not "the template plus something" of one more than twice its length: one shared sentence
# ("There is no budget attached to any of the goals.") would chain every comment that quotes it.
CONTAINED_SHARE = 0.5
MIN_SHINGLES = 6  # shorter texts are only grouped when identical after normalisation
# Shingles read words by their first letters: Polish endings and most typing slips ("szkoł", "starszyc",
# "wzdłu") fall after them.
STEM = 5
_PRIME = (1 << 31) - 1  # Mersenne prime: a*x+b stays inside int64
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Casefolded words only: "Zgadzam się!!" and "zgadzam  się" are the same comment."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


# A letter's greeting: at its start, up to the comma, exclamation mark or line end that closes it.
_GREETING = re.compile(
    r"^\W*(?:szanown\w*|drodzy|witam\w*|dzień dobry|dzien dobry|dobry wieczór|cześć|dear|hello|hi|"
    r"good (?:morning|afternoon|evening)|шановн\w*|добрий день|вітаю)\b[^\n,!:.]{0,40}(?:[,!:]|\n|$)",
    re.IGNORECASE)
# Its closing formula; from there to the end is a name, an address or a phone number.
_CLOSING = re.compile(
    r"(?:^|(?<=[\n.!?,]))\s*(?:z (?:wyrazami )?(?:poważaniem|powazaniem|szacunkiem|szacunku)|z wyrazami szacunku|"
    r"pozdrawiam\w*|pozdrowienia|łączę (?:wyrazy|pozdrowienia)|best regards|kind regards|regards|sincerely|"
    r"yours (?:truly|sincerely|faithfully)|з повагою)\b",
    re.IGNORECASE)
_CLOSING_TAIL = 12  # words after the closing formula that can still be a signature
_SIGNATURE_LINE = 6  # a last line of at most these words, all capitalised (or numbers, "ul."…), is a name
_MARKS = re.compile("[\u0300-\u036f]")  # the combining diacritics NFKD takes off Latin (and Cyrillic) letters
# Polish letters without their marks at once (most Polish text is then ASCII), and letters NFKD keeps whole.
_PLAIN = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻđø", "acelnoszzACELNOSZZdo")
_STEMS = re.compile(r"(\w{1,%d})\w*" % STEM)  # each word's first STEM letters


def letter_body(text: str) -> str:
    """The text without its greeting, closing formula and signature lines (name, address, phone)."""
    body = _GREETING.sub("", text, count=1)
    ends = [m.start() for m in _CLOSING.finditer(body)]
    if ends and len(body[ends[-1]:].split()) <= _CLOSING_TAIL + 3:
        body = body[: ends[-1]]
    lines = body.strip().split("\n")
    while len(lines) > 1 and _is_signature(lines[-1]):
        lines.pop()
    return "\n".join(lines).strip()


def _is_signature(line: str) -> bool:
    """A name line ("Jan Kowalski", "ul. Lipowa 5", "--", "tel. 600 100 200"): short, no lower-case word."""
    words = line.replace("--", " ").split()
    if len(words) > _SIGNATURE_LINE:
        return False
    lower = [w for w in words if w[:1].isalpha() and w[:1].islower() and w.rstrip(".,") not in {"ul", "al", "pl", "tel", "os"}]
    return not lower


def fold(text: str) -> str:
    """What near-duplicate shingles are read from: the letter's body, casefolded, without diacritics.

    A copy of a form letter typed without Polish letters, or with a greeting and a signature of its
    sender, is the same letter.
    """
    plain = letter_body(text).translate(_PLAIN)
    if not plain.isascii():
        plain = _MARKS.sub("", unicodedata.normalize("NFKD", plain))
    return " ".join(_STEMS.findall(plain.casefold()))


# Per word: crc32 of the word, and the bytes " word" that continue a crc32 from the word before it.
_WORDS: dict[str, tuple[int, bytes]] = {}
_WORDS_MAX = 1_000_000


def _word(word: str) -> tuple[int, bytes]:
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()  # bounded memory on huge inputs
    raw = word.encode()
    hit = _WORDS[word] = (zlib.crc32(raw), b" " + raw)
    return hit


def shingle_sets(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Word-bigram shingles of normalised texts as one sorted, de-duplicated array per text, concatenated.

    Returns (keys, starts): text t's shingles are keys[starts[t]:starts[t + 1]]. A shingle is the crc32
    of "word1 word2" (a one-word text: of the word); crc32 is stable across processes (Python's hash() is
    salted), so stored signatures stay comparable. crc32 continues from the first word's crc over " word2",
    which gives the crc32 of the joined bigram without building the string.
    """
    get, crc = _WORDS.get, zlib.crc32
    flat: list[int] = []
    lengths: list[int] = []
    for norm in norms:
        words = [get(w) or _word(w) for w in norm.split()]
        if len(words) > 1:
            grams = [crc(nxt[1], prev[0]) for prev, nxt in zip(words, words[1:])]
        else:
            grams = [w[0] for w in words]
        flat += grams
        lengths.append(len(grams))
    owner = np.repeat(np.arange(len(norms), dtype=np.int64), lengths)
    # One sort for every text: (text, crc) packed in an int64 (crc32 < 2**32).
    packed = np.sort((owner << 32) | np.asarray(flat, dtype=np.int64))
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
    counts = np.bincount(packed >> 32, minlength=len(norms))
    starts = np.zeros(len(norms) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return packed & 0xFFFFFFFF, starts


def _mod_prime(x: np.ndarray) -> np.ndarray:
    """x mod 2**31 − 1 in place for 0 ≤ x < 2**62, by the Mersenne fold (numpy's int64 % is several times slower)."""
    y = np.bitwise_and(x, _PRIME)
    x >>= 31
    x += y
    np.bitwise_and(x, _PRIME, out=y)
    x >>= 31
    x += y
    x[x >= _PRIME] -= _PRIME
    return x


def signatures(keys: np.ndarray, starts: np.ndarray, seed: int = 1) -> np.ndarray:
    """MinHash signatures (n, NUM_PERM) of the non-empty shingle sets keys[starts[t]:starts[t + 1]]."""
    rng = np.random.RandomState(seed)
    a = rng.randint(1, _PRIME, size=NUM_PERM, dtype=np.int64)
    b = rng.randint(0, _PRIME, size=NUM_PERM, dtype=np.int64)
    n = len(starts) - 1
    out = np.empty((n, NUM_PERM), dtype=np.int64)
    start = 0
    while start < n:
        # Chunks of about 8,000 shingles keep the (32, shingles) temporaries in the CPU cache: a third of
        # the time of chunks of 400,000 (the same signatures).
        stop = max(int(np.searchsorted(starts, starts[start] + 8_000, side="right")) - 1, start + 1)
        stop = min(stop, n)
        flat = keys[starts[start] : starts[stop]] % _PRIME
        offsets = starts[start:stop] - starts[start]
        for p in range(0, NUM_PERM, 32):
            hashed = a[p : p + 32, None] * flat[None, :]
            hashed += b[p : p + 32, None]
            out[start:stop, p : p + 32] = np.minimum.reduceat(_mod_prime(hashed), offsets, axis=1).T
        start = stop
    return out


@dataclass(slots=True)
class Exact:
    """Comments → unique texts after normalisation (the first step of `group`)."""

    unique_of: list[int]  # per comment: its unique text
    first: list[int]  # per unique text: the first comment with it
    counts: list[int]  # per unique text: how many comments share it
    norms: list[str]  # per unique text: the normalised text


@dataclass(slots=True)
class Groups(Exact):
    """Comments → unique normalised texts → groups (each unique text is in exactly one group)."""

    group_of: list[int]  # per unique text: its group (numbered by first appearance)
    members: list[list[int]]  # per group: unique texts
    sizes: list[int]  # per group: comments
    centre: list[int]  # per group: the most central unique text (the campaign's template)
    sigs: dict[int, list[int]]  # signature per unique text in a group of several (near-duplicate search)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)  # the smaller index leads: deterministic


def candidate_pairs(sig: np.ndarray, anchors: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs sharing an LSH band (banding chosen by datasketch for CANDIDATE_THRESHOLD).

    The banding is done here in numpy: datasketch's MinHashLSH inserts one sketch at a time in Python
    (~0.2 ms each, 20 s at 100k comments). Inside a bucket each member is paired with the bucket's
    first few members only, so a form letter sent 5,000 times costs 5,000 pairs, not 12 million.
    """
    bands, rows = _optimal_param(CANDIDATE_THRESHOLD, NUM_PERM, 0.5, 0.5)
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for band in range(bands):
        # One int64 per band (a polynomial over its values, wrapping): sorting it is many times faster
        # than np.unique over rows. A collision could only add candidates, and every candidate is checked.
        key = np.zeros(len(sig), dtype=np.int64)
        for col in range(band * rows, (band + 1) * rows):
            key *= 1_000_003
            key += sig[:, col]
        order = np.argsort(key, kind="stable")
        sorted_b = key[order]
        starts = np.flatnonzero(np.r_[True, sorted_b[1:] != sorted_b[:-1]])
        ends = np.r_[starts[1:], len(order)]
        for s, e in zip(starts[(ends - starts) > 1], ends[(ends - starts) > 1]):
            members = order[s:e]
            for a in members[:anchors]:
                others = members[members > a]
                left.append(np.full(len(others), a))
                right.append(others)
    if not left:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    pairs = np.unique(np.stack([np.concatenate(left), np.concatenate(right)], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def same_text(j: float, size_a: int, size_b: int, threshold: float) -> bool:
    """Near-duplicate test from an estimated Jaccard and the two shingle-set sizes."""
    if j >= threshold:
        return True
    inter = j * (size_a + size_b) / (1.0 + j)
    small, large = min(size_a, size_b), max(size_a, size_b)
    return small >= MIN_SHINGLES and small >= CONTAINED_SHARE * large and inter / small >= CONTAINMENT


def exact(texts: Sequence[str]) -> Exact:
    """Identical comments after normalisation; cheap next to the near-duplicate search."""
    index: dict[str, int] = {}
    unique_of: list[int] = []
    first: list[int] = []
    counts: list[int] = []
    for i, text in enumerate(texts):
        norm = normalise(text)
        u = index.setdefault(norm, len(first))
        if u == len(first):
            first.append(i)
            counts.append(0)
        counts[u] += 1
        unique_of.append(u)
    return Exact(unique_of, first, counts, list(index))


def group(texts: Sequence[str], threshold: float = 0.8, identical: Exact | None = None) -> Groups:
    """Group comments: identical after normalisation (`identical`, if already computed), then
    near-duplicates found by MinHash LSH."""
    found = identical or exact(texts)
    unique_of, first, counts, norms = found.unique_of, found.first, found.counts, found.norms
    uf = _UnionFind(len(norms))
    keys, starts = shingle_sets([fold(texts[i]) for i in first])
    counts_sh = np.diff(starts)
    ids = np.flatnonzero(counts_sh >= MIN_SHINGLES).tolist()
    sigs: dict[int, list[int]] = {}
    if len(ids) > 1:
        picked = np.concatenate([np.arange(starts[u], starts[u + 1]) for u in ids])
        sizes = counts_sh[ids]
        sig = signatures(keys[picked], np.concatenate([[0], np.cumsum(sizes)]))
        left, right = candidate_pairs(sig)
        for k in range(0, len(left), 200_000):
            a, b = left[k : k + 200_000], right[k : k + 200_000]
            jac = (sig[a] == sig[b]).mean(axis=1)
            for i, j, est in zip(a.tolist(), b.tolist(), jac.tolist()):
                if same_text(est, int(sizes[i]), int(sizes[j]), threshold):
                    uf.union(ids[i], ids[j])
    roots: dict[int, int] = {}
    group_of = [roots.setdefault(uf.find(u), len(roots)) for u in range(len(norms))]
    members: list[list[int]] = [[] for _ in roots]
    for u, g in enumerate(group_of):
        members[g].append(u)
    sizes_ = [sum(counts[u] for u in m) for m in members]
    if len(ids) > 1:
        # Only groups of several comments need signatures (their centre, `assign`): as Python lists, 128
        # ints for every text would cost ~5 KB each, half a gigabyte at 100k comments.
        sigs = {u: sig[row].tolist() for row, u in enumerate(ids) if sizes_[group_of[u]] > 1}
    centre = [_centre(m, counts, sigs) for m in members]
    return Groups(unique_of, first, counts, norms, group_of, members, sizes_, centre, sigs)


def _centre(members: list[int], counts: list[int], sigs: dict[int, list[int]]) -> int:
    """The member most similar to the others (weighted by how often each text was sent)."""
    if len(members) == 1:
        return members[0]
    pool = sorted(members, key=lambda u: (-counts[u], u))[:300]  # enough to find the template
    with_sig = [u for u in pool if u in sigs]
    if len(with_sig) < 2:
        return pool[0]
    mat = np.array([sigs[u] for u in with_sig])
    weights = np.array([counts[u] for u in with_sig], dtype=float)
    score = np.array([((mat == row).mean(axis=1) * weights).sum() for row in mat])
    return with_sig[int(np.argmax(score))]


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Jaccard similarity of two texts estimated from their MinHash signatures."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def signature_of(text: str) -> tuple[list[int], int] | None:
    """(signature, shingle count) of one text, or None when too short for near-duplicate search."""
    keys, starts = shingle_sets([fold(text)])
    if len(keys) < MIN_SHINGLES:
        return None
    return signatures(keys, starts)[0].tolist(), len(keys)


SLOGAN_WORDS = 5  # a text sent `campaign_many` times is a campaign from this many words ("Nie dla wycinki drzew!")


def is_campaign(groups: Groups, g: int, options: Options) -> bool:
    """A form letter: `campaign_min_size` comments of a template of `campaign_min_words` words, or a slogan
    of SLOGAN_WORDS words sent `campaign_many` times. Short texts that many people write on their own
    ("Popieram", "Zgadzam się", "ok": 114 times among 9,600 shop reviews) are natural duplicates, shown
    as a duplicate group."""
    size = groups.sizes[g]
    if size < options.campaign_min_size:
        return False
    words = len(groups.norms[groups.centre[g]].split())
    return words >= options.campaign_min_words or (size >= options.campaign_many and words >= SLOGAN_WORDS)
