"""Use cases of moderation: the queue, publishing, hiding and restoring comments, residents' flags."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments.tables import Comment, CommentStatus
from consult.consultations.tables import Consultation
from consult.lib import clock
from consult.lib.i18n import N_
from consult.moderation.schemas import FlagTarget, Outcome, Queue, QueueItem
from consult.moderation.tables import Flag, HideReason, ModerationDecision
from consult.lib.errors import Refused

REASON_LABELS: dict[str, str] = {
    HideReason.offensive.value: N_("vulgar or offensive"),
    HideReason.personal_data.value: N_("personal data of others"),
    HideReason.off_topic.value: N_("not about the consultation"),
    HideReason.spam.value: N_("advertising or spam"),
    HideReason.duplicate.value: N_("duplicate"),
}
MODES = ("pre", "post")
MAX_NOTE = 1000
_PENDING, _PUBLISHED, _HIDDEN = CommentStatus.pending.value, CommentStatus.published.value, CommentStatus.hidden.value
# Each action: the statuses it starts from, and the status it leaves.
ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "publish": (frozenset({_PENDING}), _PUBLISHED),
    "hide": (frozenset({_PENDING, _PUBLISHED}), _HIDDEN),
    "restore": (frozenset({_HIDDEN}), _PUBLISHED),
    "keep": (frozenset({_PUBLISHED}), None),  # dismiss the flags, the comment stays as it is
}


class ModerationError(Refused):
    """A refused moderation action (by default a form to correct)."""

    status = 422


async def _consultation(slug: str) -> dict[str, Any]:
    row = await Consultation.select(Consultation.id, Consultation.title, Consultation.office,
                                    Consultation.moderation).where(Consultation.slug == slug).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    return row


def _clean_note(note: str) -> str:
    note = note.replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE:
        raise ModerationError(N_("The note is too long: at most 1000 characters."))
    return note


_COLUMNS = (Comment.id, Comment.reference, Comment.section.number.as_alias("number"),
            Comment.section.title.as_alias("title"), Comment.remark, Comment.proposal, Comment.justification,
            Comment.submitter_name, Comment.status, Comment.hidden_reason, Comment.hidden_note, Comment.created_at)


def _item(row: dict[str, Any]) -> QueueItem:
    return QueueItem(id=row["id"], reference=row["reference"] or "", section=f"{row['number']} {row['title']}".strip(),
                     remark=row["remark"], proposal=row["proposal"], justification=row["justification"],
                     submitter_name=row["submitter_name"], status=row["status"], hidden_reason=row["hidden_reason"],
                     hidden_note=row["hidden_note"], created_at=row["created_at"])


async def queue(user: CurrentUser, slug: str, find: str = "") -> Queue:
    """What waits for a decision (held and flagged comments, oldest first) and the hidden comments.

    With `find`, also the published comment of this consultation with that reference number, so
    that a moderator can hide a comment nobody has flagged."""
    c = await _consultation(slug)
    of_consultation = Comment.consultation == c["id"]
    pending = [_item(r) for r in await Comment.select(*_COLUMNS).where(
        of_consultation & (Comment.status == _PENDING)).order_by(Comment.id)]
    hidden = [_item(r) for r in await Comment.select(*_COLUMNS).where(
        of_consultation & (Comment.status == _HIDDEN)).order_by(Comment.id)]
    by_comment: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in await Flag.select(Flag.comment, Flag.reason, Flag.note).where(
            Flag.resolved_at.is_null() & (Flag.comment.consultation == c["id"])).order_by(Flag.id):
        by_comment[f["comment"]].append(f)
    flagged = []
    if by_comment:
        flagged_rows = await Comment.select(*_COLUMNS).where(
            of_consultation & Comment.id.is_in(list(by_comment)) & (Comment.status == _PUBLISHED)).order_by(Comment.id)
        for row in flagged_rows:
            item = _item(row)
            for f in by_comment[row["id"]]:
                item.flags[f["reason"]] = item.flags.get(f["reason"], 0) + 1
                if f["note"]:
                    item.flag_notes.append(f["note"])
            flagged.append(item)
        flagged.sort(key=lambda i: -i.flag_count)  # the most reported first
    find = find.strip().upper()[:40]
    found = None
    if find:
        row = await Comment.select(*_COLUMNS).where(
            of_consultation & (Comment.reference == find) & (Comment.status == _PUBLISHED)).first()
        found = _item(row) if row else None
    return Queue(slug=slug, title=c["title"], moderation=c["moderation"], may_switch=user.may_publish(c["office"]),
                 pending=pending, flagged=flagged, hidden=hidden, find=find, found=found)


async def decide(user: CurrentUser, slug: str, comment_id: int, action: str, reason: str = "", note: str = "",
                 now: datetime | None = None) -> Outcome:
    """Publish a held comment, hide one (with a reason), restore a hidden one, or dismiss its flags.

    Recorded as a ModerationDecision and in the audit log; a refused action changes nothing."""
    if action not in ACTIONS:
        raise ModerationError(N_("Unknown action."), 400)
    c = await _consultation(slug)
    row = await Comment.select(Comment.id, Comment.reference, Comment.status, Comment.hidden_reason,
                               Comment.hidden_note).where(
        (Comment.id == comment_id) & (Comment.consultation == c["id"])).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    note = _clean_note(note)
    starts, status = ACTIONS[action]
    if action == "hide" and reason not in REASON_LABELS:
        raise ModerationError(N_("Choose the reason for hiding the comment."))
    if row["status"] not in starts:
        raise ModerationError(N_("This comment is not in a state where that can be done."), 409)
    hiding, now = action == "hide", now or clock.now()
    after = {"status": status or row["status"], "reason": reason if hiding else "", "note": note if hiding else ""}
    async with Comment._meta.db.transaction():
        # Only from the status just read: of two moderators acting at once, the second is refused.
        changed = await Comment.update({Comment.status: after["status"], Comment.hidden_reason: after["reason"],
                                        Comment.hidden_note: after["note"]}).where(
            (Comment.id == comment_id) & (Comment.status == row["status"])).returning(Comment.id)
        if not changed:
            raise ModerationError(N_("This comment is not in a state where that can be done."), 409)
        await ModerationDecision.insert(ModerationDecision(comment=comment_id, action=action, reason=after["reason"],
                                                           note=note, official=user.id))
        dismissed = 0
        if action in {"hide", "keep"}:
            dismissed = len(await Flag.update({Flag.resolved_at: now, Flag.resolved_by: user.id,
                                               Flag.outcome: "hidden" if hiding else "kept"}).where(
                (Flag.comment == comment_id) & Flag.resolved_at.is_null()).returning(Flag.id))
        await record(user, f"comment.{action}", "comment", row["reference"],
                     before={"status": row["status"], "reason": row["hidden_reason"], "note": row["hidden_note"]},
                     after={**after, **({"flags": dismissed} if dismissed else {}),
                            **({"decision_note": note} if note and not hiding else {})},
                     office_id=c["office"])
    return Outcome(action=action, reference=row["reference"] or "")


async def set_mode(user: CurrentUser, slug: str, mode: str) -> bool:
    """Publish comments at once ("post") or only after moderation ("pre"); whether it changed."""
    c = await _consultation(slug)
    if mode not in MODES:
        raise ModerationError(N_("Unknown action."), 400)
    if mode == c["moderation"]:
        return False
    async with Consultation._meta.db.transaction():
        await Consultation.update({Consultation.moderation: mode}).where(Consultation.id == c["id"])
        await record(user, "consultation.moderation", "consultation", slug, before={"moderation": c["moderation"]},
                     after={"moderation": mode}, office_id=c["office"])
    return True


async def flag_target(reference: str) -> FlagTarget:
    """The published comment with this reference, for the report form; 404 otherwise."""
    row = await Comment.select(Comment.reference, Comment.remark, Comment.consultation.title.as_alias("title")).where(
        (Comment.reference == reference.strip().upper()) & (Comment.status == _PUBLISHED)).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    return FlagTarget(reference=row["reference"], remark=row["remark"], consultation=row["title"])


async def flag(reference: str, reason: str, note: str, reporter: str, now: datetime) -> bool:
    """A resident's report on a published comment; one per person. Whether it was new."""
    row = await Comment.select(Comment.id).where(
        (Comment.reference == reference.strip().upper()) & (Comment.status == _PUBLISHED)).first()
    if row is None:
        raise ModerationError(N_("Page not found."), 404)
    if reason not in REASON_LABELS:
        raise ModerationError(N_("Choose what is wrong with the comment."))
    note = _clean_note(note)
    key = f"{row['id']}:{reporter}"
    # The unique key settles two reports sent at once: the second inserts nothing.
    added = await Flag.insert(Flag(comment=row["id"], reason=reason, note=note, reporter=reporter, key=key,
                                   created_at=now)).on_conflict(target=Flag.key, action="DO NOTHING").returning(Flag.id)
    return bool(added)


@dataclass(slots=True)
class HiddenComment:
    """What the public may know of a comment hidden by moderation: when, and for which reason."""

    reference: str
    consultation_slug: str
    consultation_title: str
    reason: str  # a key of REASON_LABELS ("" if the decision is not found)
    hidden_at: datetime | None


async def hidden_comment(reference: str) -> HiddenComment | None:
    """The notice for a hidden comment's page, or None if no comment of that number is hidden.
    The official's note is internal and stays out of it."""
    row = await Comment.select(
        Comment.id, Comment.reference, Comment.consultation.slug.as_alias("slug"),
        Comment.consultation.title.as_alias("title"),
    ).where((Comment.reference == reference.strip().upper()) & (Comment.status == _HIDDEN)).first()
    if row is None:
        return None
    decision = await ModerationDecision.select(ModerationDecision.reason, ModerationDecision.created_at).where(
        (ModerationDecision.comment == row["id"]) & (ModerationDecision.action == "hide")
    ).order_by(ModerationDecision.id, ascending=False).first()
    return HiddenComment(
        reference=row["reference"], consultation_slug=row["slug"], consultation_title=row["title"],
        reason=decision["reason"] if decision and decision["reason"] in REASON_LABELS else "",
        hidden_at=decision["created_at"] if decision else None,
    )
