"""Use cases of moderation: the queue, publishing, hiding and restoring comments, residents' flags."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments.tables import Comment, CommentStatus
from consult.consultations.tables import Consultation
from consult.lib.i18n import N_
from consult.moderation.tables import Flag, HideReason, ModerationDecision

REASON_LABELS: dict[str, str] = {
    HideReason.offensive.value: N_("vulgar or offensive"),
    HideReason.personal_data.value: N_("personal data of others"),
    HideReason.off_topic.value: N_("not about the consultation"),
    HideReason.spam.value: N_("advertising or spam"),
    HideReason.duplicate.value: N_("duplicate"),
}
MAX_NOTE = 1000


class ModerationError(Exception):
    """A refused moderation action; `message` is a message id, `status` the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(slots=True)
class QueueItem:
    id: int
    reference: str
    section: str
    remark: str
    proposal: str
    justification: str
    submitter_name: str
    status: str
    hidden_reason: str
    hidden_note: str
    created_at: datetime
    flags: dict[str, int] = field(default_factory=dict)
    flag_notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Queue:
    slug: str
    title: str
    moderation: str
    pending: list[QueueItem]
    flagged: list[QueueItem]
    hidden: list[QueueItem]


async def _consultation(slug: str) -> dict[str, Any]:
    row = await Consultation.select(Consultation.id, Consultation.title, Consultation.office,
                                    Consultation.moderation).where(Consultation.slug == slug).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    return row


_COLUMNS = (Comment.id, Comment.reference, Comment.section.number.as_alias("number"),
            Comment.section.title.as_alias("title"), Comment.remark, Comment.proposal, Comment.justification,
            Comment.submitter_name, Comment.status, Comment.hidden_reason, Comment.hidden_note, Comment.created_at)


def _item(row: dict[str, Any]) -> QueueItem:
    return QueueItem(id=row["id"], reference=row["reference"] or "", section=f"{row['number']} {row['title']}".strip(),
                     remark=row["remark"], proposal=row["proposal"], justification=row["justification"],
                     submitter_name=row["submitter_name"], status=row["status"], hidden_reason=row["hidden_reason"],
                     hidden_note=row["hidden_note"], created_at=row["created_at"])


async def queue(slug: str) -> Queue:
    """What waits for a decision: held comments, flagged comments, and the hidden ones."""
    c = await _consultation(slug)
    where = Comment.consultation == c["id"]
    pending = [_item(r) for r in await Comment.select(*_COLUMNS).where(where & (Comment.status == CommentStatus.pending)).order_by(Comment.id)]
    hidden = [_item(r) for r in await Comment.select(*_COLUMNS).where(where & (Comment.status == CommentStatus.hidden)).order_by(Comment.id)]
    flags = await Flag.select(Flag.comment, Flag.reason, Flag.note).where(
        Flag.resolved_at.is_null() & (Flag.comment.consultation == c["id"]))
    by_comment: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in flags:
        by_comment[f["comment"]].append(f)
    flagged = []
    for row in await Comment.select(*_COLUMNS).where(where & Comment.id.is_in(list(by_comment) or [-1])
                                                     & (Comment.status == CommentStatus.published)).order_by(Comment.id):
        item = _item(row)
        for f in by_comment[row["id"]]:
            item.flags[f["reason"]] = item.flags.get(f["reason"], 0) + 1
            if f["note"]:
                item.flag_notes.append(f["note"])
        flagged.append(item)
    return Queue(slug=slug, title=c["title"], moderation=c["moderation"], pending=pending, flagged=flagged, hidden=hidden)


async def decide(user: CurrentUser, slug: str, comment_id: int, action: str, reason: str = "", note: str = "",
                 now: datetime | None = None) -> None:
    """Publish a held comment, hide one (with a reason), restore a hidden one, or keep a flagged one."""
    c = await _consultation(slug)
    row = await Comment.select(Comment.id, Comment.reference, Comment.status, Comment.hidden_reason).where(
        (Comment.id == comment_id) & (Comment.consultation == c["id"])).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ModerationError(N_("The note is too long: at most 1000 characters."))
    allowed = {"publish": {CommentStatus.pending.value}, "hide": {CommentStatus.pending.value, CommentStatus.published.value},
               "restore": {CommentStatus.hidden.value}, "keep": {CommentStatus.published.value}}
    if action not in allowed:
        raise ModerationError(N_("Unknown action."))
    if row["status"] not in allowed[action]:
        raise ModerationError(N_("This comment is not in a state where that can be done."), 409)
    if action == "hide" and reason not in REASON_LABELS:
        raise ModerationError(N_("Choose the reason for hiding the comment."))
    status = {"publish": "published", "hide": "hidden", "restore": "published", "keep": row["status"]}[action]
    async with Comment._meta.db.transaction():
        await Comment.update({Comment.status: status, Comment.hidden_reason: reason if action == "hide" else "",
                              Comment.hidden_note: note if action == "hide" else ""}).where(Comment.id == comment_id)
        await ModerationDecision.insert(ModerationDecision(comment=comment_id, action=action, reason=reason, note=note,
                                                           official=user.id))
        if action in {"hide", "keep"}:
            await Flag.update({Flag.resolved_at: now, Flag.resolved_by: user.id,
                               Flag.outcome: "hidden" if action == "hide" else "kept"}).where(
                (Flag.comment == comment_id) & Flag.resolved_at.is_null())
    await record(user, f"comment.{action}", "comment", row["reference"],
                 before={"status": row["status"], "reason": row["hidden_reason"]},
                 after={"status": status, "reason": reason if action == "hide" else "", "note": note},
                 office_id=c["office"])


async def set_mode(user: CurrentUser, slug: str, mode: str) -> None:
    """Publish comments at once ("post") or only after moderation ("pre")."""
    c = await _consultation(slug)
    if mode not in {"pre", "post"}:
        raise ModerationError(N_("Unknown action."))
    await Consultation.update({Consultation.moderation: mode}).where(Consultation.id == c["id"])
    await record(user, "consultation.moderation", "consultation", slug, before={"moderation": c["moderation"]},
                 after={"moderation": mode}, office_id=c["office"])


async def flag(reference: str, reason: str, note: str, reporter: str, now: datetime) -> bool:
    """A resident's report on a published comment; one per person. Whether it was new."""
    row = await Comment.select(Comment.id).where((Comment.reference == reference) & (Comment.status == CommentStatus.published)).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    if reason not in REASON_LABELS:
        raise ModerationError(N_("Choose the reason for hiding the comment."))
    if len(note.strip()) > MAX_NOTE:
        raise ModerationError(N_("The note is too long: at most 1000 characters."))
    key = f"{row['id']}:{reporter}"
    if await Flag.exists().where(Flag.key == key):
        return False
    from consult.comments.services import _UNIQUE_ERRORS

    try:
        await Flag.insert(Flag(comment=row["id"], reason=reason, note=note.strip(), reporter=reporter, key=key, created_at=now))
    except _UNIQUE_ERRORS:
        return False
    return True
