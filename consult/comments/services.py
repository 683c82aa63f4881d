"""Use cases of residents' comments: list, submit, look up by reference, support."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from consult.comments.schemas import CleanComment, CommentView, SubmitOutcome, public_name
from consult.comments.tables import Comment, CommentStatus, Support
from consult.consultations.schemas import Phase, SectionDetail
from consult.consultations.services import get_section, phase_of
from consult.lib.pagination import Page, clamp_page
from consult.lib.text import fold

try:  # asyncpg is there whenever PostgreSQL is used
    from asyncpg.exceptions import UniqueViolationError
except ImportError:  # pragma: no cover
    UniqueViolationError = sqlite3.IntegrityError  # type: ignore[misc,assignment]

_UNIQUE_ERRORS = (sqlite3.IntegrityError, UniqueViolationError)

Sort = Literal["newest", "supported", "oldest"]
SORTS: tuple[Sort, ...] = ("newest", "supported", "oldest")


class CommentingClosed(Exception):
    """The consultation does not accept comments now (not yet open, or closed)."""

    def __init__(self, phase: Phase) -> None:
        super().__init__(phase.value)
        self.phase = phase


class CommentNotFound(Exception):
    """No public comment has that reference."""


_VIEW_COLUMNS = (
    Comment.id,
    Comment.reference,
    Comment.section.id.as_alias("section_id"),
    Comment.section.number.as_alias("section_number"),
    Comment.section.title.as_alias("section_title"),
    Comment.consultation.slug.as_alias("consultation_slug"),
    Comment.consultation.title.as_alias("consultation_title"),
    Comment.quote_text,
    Comment.remark,
    Comment.proposal,
    Comment.justification,
    Comment.submitter_kind,
    Comment.submitter_name,
    Comment.show_name,
    Comment.status,
    Comment.support_count,
    Comment.document_version,
    Comment.created_at,
    Comment.language,
)


def _view(row: dict[str, Any]) -> CommentView:
    return CommentView(
        id=row["id"],
        reference=row["reference"] or "",
        section_id=row["section_id"],
        section_label=f"{row['section_number']} {row['section_title']}".strip(),
        consultation_slug=row["consultation_slug"],
        consultation_title=row["consultation_title"],
        quote_text=row["quote_text"],
        remark=row["remark"],
        proposal=row["proposal"],
        justification=row["justification"],
        submitter_kind=row["submitter_kind"],
        submitter_name=public_name(row["submitter_kind"], row["submitter_name"], row["show_name"]),
        status=row["status"],
        support_count=row["support_count"],
        document_version=row["document_version"],
        created_at=row["created_at"],
        language=row["language"],
    )


def reference_for(comment_id: int, created_at: datetime, prefix: str, tz: str) -> str:
    """The public reference number, e.g. KS-2026-000123 (year of submission in the office's zone)."""
    return f"{prefix}-{created_at.astimezone(ZoneInfo(tz)).year}-{comment_id:06d}"


async def list_comments(section_id: int, page: int, per_page: int, sort: str) -> Page[CommentView]:
    """Published comments of a section, one page, newest or most supported first."""
    page = clamp_page(page)
    where = (Comment.section == section_id) & (Comment.status == CommentStatus.published)
    total = await Comment.count().where(where)
    query = Comment.select(*_VIEW_COLUMNS).where(where)
    if sort == "supported":
        query = query.order_by(Comment.support_count, ascending=False).order_by(Comment.id, ascending=False)
    elif sort == "oldest":
        query = query.order_by(Comment.id)
    else:
        query = query.order_by(Comment.id, ascending=False)
    rows = await query.limit(per_page).offset((page - 1) * per_page)
    return Page(items=[_view(r) for r in rows], page=page, per_page=per_page, total=total)


async def _by_key(submission_key: str) -> CommentView | None:
    row = await Comment.select(*_VIEW_COLUMNS).where(Comment.submission_key == submission_key).first()
    return _view(row) if row else None


async def submit_comment(
    section: SectionDetail,
    clean: CleanComment,
    now: datetime,
    *,
    prefix: str,
    tz: str,
    is_demo: bool = False,
) -> SubmitOutcome:
    """Store a valid comment on an open consultation and give it its reference number.

    A repeated submit of the same form (same submission key) returns the comment stored the
    first time instead of storing it twice.
    """
    summary = section.consultation.summary
    if summary.phase is not Phase.open:
        raise CommentingClosed(summary.phase)
    # A repeated submit is caught by the unique submission key (below), not by a query first.
    status = CommentStatus.pending if summary.moderation == "pre" else CommentStatus.published
    try:
        async with Comment._meta.db.transaction():
            inserted = await Comment.insert(
                Comment(
                    consultation=summary.id,
                    section=section.id,
                    document_version=section.document_version,
                    submission_key=clean.submission_key,
                    quote_text=clean.quote_text,
                    quote_start=clean.quote_start,
                    quote_end=clean.quote_end,
                    remark=clean.remark,
                    proposal=clean.proposal,
                    justification=clean.justification,
                    submitter_kind=clean.submitter_kind,
                    submitter_name=clean.submitter_name,
                    show_name=clean.show_name,
                    email=clean.email,
                    status=status,
                    search_text=fold(" ".join((clean.remark, clean.proposal, clean.justification))),
                    is_demo=is_demo,
                    created_at=now,
                )
            ).returning(Comment.id)
            comment_id = inserted[0]["id"]
            reference = reference_for(comment_id, now, prefix, tz)
            await Comment.update({Comment.reference: reference}).where(Comment.id == comment_id)
    except _UNIQUE_ERRORS:
        # Two identical submits raced; the first one won and is the answer to both.
        existing = await _by_key(clean.submission_key)
        if existing is None:
            raise
        return SubmitOutcome(comment=existing, created=False)
    # What was just stored, as a read would give it back (one query fewer on every comment).
    stored = CommentView(
        id=comment_id, reference=reference, section_id=section.id,
        section_label=f"{section.number} {section.title}".strip(),
        consultation_slug=summary.slug, consultation_title=summary.title, quote_text=clean.quote_text,
        remark=clean.remark, proposal=clean.proposal, justification=clean.justification,
        submitter_kind=clean.submitter_kind, submitter_name=clean.submitter_name if clean.show_name else "",
        status=status.value, support_count=0, document_version=section.document_version, created_at=now, language="",
    )
    return SubmitOutcome(comment=stored, created=True)


async def get_comment(reference: str) -> CommentView:
    """A comment the public may look up by its reference number (not hidden ones)."""
    row = await (
        Comment.select(*_VIEW_COLUMNS)
        .where((Comment.reference == reference.strip().upper()) & (Comment.status != CommentStatus.hidden))
        .first()
    )
    if row is None:
        raise CommentNotFound(reference)
    return _view(row)


@dataclass(slots=True)
class SupportOutcome:
    """How many supports a comment has now, and whether this request added one."""

    count: int
    added: bool


async def support_comment(reference: str, supporter: str, now: datetime) -> SupportOutcome:
    """Record one "popieram" of a published comment by one supporter; a repeat changes nothing."""
    row = await (
        Comment.select(
            Comment.id,
            Comment.support_count,
            Comment.consultation.status.as_alias("c_status"),
            Comment.consultation.opens_at.as_alias("c_opens"),
            Comment.consultation.closes_at.as_alias("c_closes"),
        )
        .where((Comment.reference == reference) & (Comment.status == CommentStatus.published))
        .first()
    )
    if row is None:
        raise CommentNotFound(reference)
    phase = phase_of(row["c_status"], row["c_opens"], row["c_closes"], now)
    if phase is not Phase.open:
        raise CommentingClosed(phase)
    key = f"{row['id']}:{supporter}"
    try:
        async with Comment._meta.db.transaction():
            await Support.insert(Support(comment=row["id"], key=key, created_at=now))
            await Comment.update({Comment.support_count: Comment.support_count + 1}).where(
                Comment.id == row["id"]
            )
    except _UNIQUE_ERRORS:
        return SupportOutcome(count=row["support_count"], added=False)
    count = await Comment.select(Comment.support_count).where(Comment.id == row["id"]).first()
    return SupportOutcome(count=count["support_count"], added=True)


async def supported_by(supporter: str, comment_ids: list[int]) -> set[int]:
    """Which of these comments this supporter already supports."""
    if not comment_ids:
        return set()
    keys = [f"{cid}:{supporter}" for cid in comment_ids]
    rows = await Support.select(Support.comment).where(Support.key.is_in(keys))
    return {r["comment"] for r in rows}


def new_submission_key() -> str:
    """A fresh idempotency key for one rendering of the comment form."""
    return uuid.uuid4().hex


@dataclass(slots=True)
class SectionPage:
    """Everything the section page shows: the text, one page of comments, the reader's supports."""

    section: SectionDetail
    comments: Page[CommentView]
    sort: str
    supported: set[int]


async def section_page(
    slug: str, section_id: int, page: int, per_page: int, sort: str, supporter: str, now: datetime
) -> SectionPage | None:
    """The section of a public consultation with its published comments, or None if unknown."""
    section = await get_section(slug, section_id, now)
    if section is None:
        return None
    sort = sort if sort in SORTS else "newest"
    comments = await list_comments(section_id, page, per_page, sort)
    supported = await supported_by(supporter, [c.id for c in comments.items])
    return SectionPage(section=section, comments=comments, sort=sort, supported=supported)

