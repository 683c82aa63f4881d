"""Similar published comments of a section, from a cached index per section (nlp.similar.SimilarIndex).

The index of a section is kept in the process and rebuilt when the section's published comments change
(a new comment invalidates it; a signature of count and largest id catches moderation and other processes).
Lemma terms are kept per comment, so a rebuild reads only the comments it has not seen."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from consult.comments.tables import Comment, CommentStatus
from nlp.similar import SimilarIndex, terms

MAX_SUGGESTIONS = 5
MIN_SCORE = 0.3  # "says nearly the same": below this a suggestion is noise more often than not
MIN_LENGTH = 12  # characters of remark before anything is suggested
MAX_SECTIONS = 64
MAX_TERMS = 300_000


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A published comment like the one being written."""

    id: int
    reference: str
    remark: str
    support_count: int
    score: float


@dataclass(slots=True)
class _Entry:
    signature: tuple[int, int]
    index: SimilarIndex


_indexes: OrderedDict[int, _Entry] = OrderedDict()
_terms: OrderedDict[int, tuple[str, ...]] = OrderedDict()
_locks: dict[int, asyncio.Lock] = {}


def invalidate(section_id: int) -> None:
    """Forget a section's index (a comment was added to it)."""
    _indexes.pop(section_id, None)


def clear() -> None:
    """Forget every index and term (tests, benchmarks)."""
    _indexes.clear()
    _terms.clear()


async def _signature(section_id: int) -> tuple[int, int]:
    rows = await Comment.raw(
        "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM comment WHERE section = {} AND status = {}",
        section_id, CommentStatus.published.value)
    return int(rows[0]["n"]), int(rows[0]["last"])


def _remember(pairs: list[tuple[int, tuple[str, ...]]]) -> None:
    for comment_id, t in pairs:
        _terms[comment_id] = t
        _terms.move_to_end(comment_id)
    while len(_terms) > MAX_TERMS:
        _terms.popitem(last=False)


async def index_of(section_id: int) -> SimilarIndex:
    """The section's index, built (or rebuilt) when its published comments changed."""
    signature = await _signature(section_id)
    entry = _indexes.get(section_id)
    if entry is not None and entry.signature == signature:
        _indexes.move_to_end(section_id)
        return entry.index
    lock = _locks.setdefault(section_id, asyncio.Lock())
    async with lock:
        entry = _indexes.get(section_id)
        if entry is not None and entry.signature == signature:
            return entry.index
        rows = await Comment.select(Comment.id, Comment.remark).where(
            (Comment.section == section_id) & (Comment.status == CommentStatus.published)).order_by(Comment.id)
        missing = [r for r in rows if r["id"] not in _terms]
        if missing:
            found = await asyncio.to_thread(terms, [r["remark"] for r in missing])
            _remember([(r["id"], t) for r, t in zip(missing, found)])
        items = [(str(r["id"]), _terms.get(r["id"], ())) for r in rows]
        index = await asyncio.to_thread(SimilarIndex.build, items)
        _indexes[section_id] = _Entry(signature, index)
        _indexes.move_to_end(section_id)
        while len(_indexes) > MAX_SECTIONS:
            _indexes.popitem(last=False)
        return index


async def similar_comments(section_id: int, text: str, k: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Up to k published comments of the section that say nearly what `text` says, most similar first."""
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        return []
    index = await index_of(section_id)
    if not len(index):
        return []
    found = await asyncio.to_thread(index.query, text[:5000], k, MIN_SCORE)
    if not found:
        return []
    ids = [int(i) for i, _s in found]
    rows = {r["id"]: r for r in await Comment.select(Comment.id, Comment.reference, Comment.remark,
                                                     Comment.support_count, Comment.status).where(Comment.id.is_in(ids))}
    return [Suggestion(i, rows[i]["reference"] or "", rows[i]["remark"], rows[i]["support_count"], score)
            for i, score in ((int(a), b) for a, b in found)
            if i in rows and rows[i]["status"] == CommentStatus.published.value]
