"""Similar published comments of a section, from a cached index per section (nlp.similar.SimilarIndex).

The index of a section is kept in the process and brought up to date when the section's published comments
change (a new comment invalidates it; a signature of count and largest id catches moderation and comments
added by other processes). Lemma terms are kept per comment, so an update reads only the comments it has
not seen."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
import time
from dataclasses import dataclass, field

from consult.comments.tables import Comment, CommentStatus
from nlp.similar import SimilarIndex, terms

MAX_SUGGESTIONS = 5
MIN_SCORE = 0.3  # "says nearly the same": below this a suggestion is noise more often than not
MIN_LENGTH = 12  # characters of remark before anything is suggested
MAX_SECTIONS = 64
MAX_TERMS = 300_000
# Comments added in this process invalidate at once; others (another worker, moderation) are noticed
# through the signature, compared at most this often so that a suggestion costs one query, not two.
CHECK_SECONDS = 2.0


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
    signature: tuple[int, int]  # (published comments, largest id) when the index was last brought up to date
    index: SimilarIndex
    fitted: int  # rows at the last full fit
    stale: bool = False
    checked: float = field(default_factory=time.monotonic)  # when the signature was last compared


_indexes: OrderedDict[int, _Entry] = OrderedDict()
_terms: OrderedDict[int, tuple[str, ...]] = OrderedDict()
_locks: dict[int, asyncio.Lock] = {}
_refits: dict[int, asyncio.Task[None]] = {}
REFIT_GROWTH = 1.25  # refit the weights in the background once the section grew by a quarter since the last fit


def invalidate(section_id: int) -> None:
    """A comment was added to the section: its index is brought up to date before the next suggestion."""
    entry = _indexes.get(section_id)
    if entry is not None:
        entry.stale = True


def clear() -> None:
    """Forget every index and term, and stop background refits (tests, benchmarks)."""
    for task in _refits.values():
        task.cancel()
    _refits.clear()
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


async def _rows_terms(section_id: int, after: int = 0) -> list[tuple[str, tuple[str, ...]]]:
    """(id, lemma terms) of the section's published comments with an id above `after`, terms read once."""
    rows = await Comment.select(Comment.id, Comment.remark).where(
        (Comment.section == section_id) & (Comment.status == CommentStatus.published) & (Comment.id > after)
    ).order_by(Comment.id)
    missing = [r for r in rows if r["id"] not in _terms]
    if missing:
        found = await asyncio.to_thread(terms, [r["remark"] for r in missing])
        _remember([(r["id"], t) for r, t in zip(missing, found)])
    return [(str(r["id"]), _terms.get(r["id"], ())) for r in rows]


async def _full(section_id: int) -> _Entry:
    signature = await _signature(section_id)
    items = await _rows_terms(section_id)
    index = await asyncio.to_thread(SimilarIndex.build, items)
    return _Entry(signature, index, len(index))


def _store(section_id: int, entry: _Entry) -> None:
    _indexes[section_id] = entry
    _indexes.move_to_end(section_id)
    while len(_indexes) > MAX_SECTIONS:
        _indexes.popitem(last=False)


def _refit_later(section_id: int) -> None:
    """Refit the section's weights in the background; suggestions keep using the current index meanwhile."""
    if section_id in _refits and not _refits[section_id].done():
        return

    async def refit() -> None:
        _store(section_id, await _full(section_id))

    _refits[section_id] = asyncio.get_running_loop().create_task(refit())


async def index_of(section_id: int) -> SimilarIndex:
    """The section's index, up to date with its published comments.

    New comments are added as rows of the fitted index (one comment's lemmas, not a refit of 10,000);
    the weights are refitted in the background when the section has grown by a quarter, or when comments
    left or came back through moderation (suggestions are read back and filtered by status meanwhile)."""
    entry = _indexes.get(section_id)
    if entry is not None and not entry.stale and time.monotonic() - entry.checked < CHECK_SECONDS:
        _indexes.move_to_end(section_id)
        return entry.index
    signature = await _signature(section_id)
    if entry is not None and entry.signature == signature and not entry.stale:
        entry.checked = time.monotonic()
        _indexes.move_to_end(section_id)
        return entry.index
    lock = _locks.setdefault(section_id, asyncio.Lock())
    async with lock:
        entry = _indexes.get(section_id)
        if entry is None:
            entry = await _full(section_id)
            _store(section_id, entry)
            return entry.index
        if entry.signature == signature and not entry.stale:
            return entry.index
        new = await _rows_terms(section_id, after=entry.signature[1])
        index = await asyncio.to_thread(entry.index.extend, new) if new else entry.index
        additions_only = signature[0] == entry.signature[0] + len(new)
        _store(section_id, _Entry(signature, index, entry.fitted))
        if not additions_only or len(index) > REFIT_GROWTH * max(entry.fitted, 1):
            _refit_later(section_id)
        return index


async def similar_comments(section_id: int, text: str, k: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Up to k published comments of the section that say nearly what `text` says, most similar first."""
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        return []
    index = await index_of(section_id)
    if not len(index):
        return []
    # A few more than asked: comments hidden since the index was fitted are dropped below.
    found = index.query(text[:5000], k + 5, MIN_SCORE)  # a few ms of CPU: cheaper than a thread hop
    if not found:
        return []
    ids = [int(i) for i, _s in found]
    rows = {r["id"]: r for r in await Comment.select(Comment.id, Comment.reference, Comment.remark,
                                                     Comment.support_count, Comment.status).where(Comment.id.is_in(ids))}
    return [Suggestion(i, rows[i]["reference"] or "", rows[i]["remark"], rows[i]["support_count"], score)
            for i, score in ((int(a), b) for a, b in found)
            if i in rows and rows[i]["status"] == CommentStatus.published.value][:k]
