"""Personal data in published comments: nlp suggests, an official confirms or corrects; originals stay."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments.tables import Comment, CommentStatus
from consult.consultations.tables import Section
from consult.reports.tables import Redaction
from nlp.redaction import draft_names, redact

FIELDS: tuple[str, ...] = ("remark", "proposal", "justification")
CLEAN, SUGGESTED, CONFIRMED = "clean", "suggested", "confirmed"
_BATCH = 500


def source_digest(row: dict[str, Any]) -> str:
    """SHA-256 of a comment's original texts: tells whether a redaction still matches them."""
    return hashlib.sha256("\x1f".join(row[f] or "" for f in FIELDS).encode()).hexdigest()


def apply_spans(text: str, spans: list[dict[str, Any]]) -> str:
    """`text` with every accepted span replaced by its placeholder."""
    out, last = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        if not span.get("accepted", True) or span["start"] < last:
            continue
        out.append(text[last:span["start"]])
        out.append(span["placeholder"])
        last = span["end"]
    out.append(text[last:])
    return "".join(out)


def suggest(row: dict[str, Any], language: str = "pl", known_names: Sequence[str] = ()
            ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Spans nlp.redact finds in each field of a comment (accepted by default) and the texts they give;
    `known_names` (the draft's institutions, places and streets) are never suggested as persons."""
    spans: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    for name in FIELDS:
        text = row[name] or ""
        redacted, found = redact(text, language or "pl", known_names=known_names) if text else (text, [])
        texts[name] = redacted
        spans += [{"field": name, "start": s.start, "end": s.end, "kind": s.kind, "text": s.text,
                   "placeholder": s.placeholder, "accepted": True} for s in found]
    return spans, texts


async def _draft_names(consultation_id: int) -> list[str]:
    """The names the current draft uses (streets, parks, institutions): a comment naming them names no person."""
    rows = await Section.select(Section.title, Section.body_text).where(
        (Section.document.consultation == consultation_id) & (Section.document.is_current == True)  # noqa: E712
    )
    return draft_names("\n".join(f"{r['title']}.\n{r['body_text']}" for r in rows))


async def suggest_missing(consultation_id: int) -> int:
    """Suggest redactions for published comments that have none, or whose text changed since; returns how many."""
    rows = await Comment.select(Comment.id, Comment.language, *(getattr(Comment, f) for f in FIELDS)).where(
        (Comment.consultation == consultation_id) & (Comment.status == CommentStatus.published)
    )
    known = {r["comment"]: r for r in await Redaction.select(
        Redaction.id, Redaction.comment, Redaction.source_digest).where(Redaction.consultation == consultation_id)}
    new: list[Redaction] = []
    names: list[str] | None = None
    for row in rows:
        digest = source_digest(row)
        old = known.get(row["id"])
        if old is not None and old["source_digest"] == digest:
            continue
        if names is None:
            names = await _draft_names(consultation_id)
        spans, texts = suggest(row, row["language"] or "pl", names)
        status = SUGGESTED if spans else CLEAN
        if old is not None:
            await Redaction.update({Redaction.source_digest: digest, Redaction.spans: spans, Redaction.texts: texts,
                                    Redaction.status: status, Redaction.confirmed_by: None,
                                    Redaction.confirmed_at: None}).where(Redaction.id == old["id"])
        else:
            new.append(Redaction(comment=row["id"], consultation=consultation_id, source_digest=digest,
                                 spans=spans, texts=texts, status=status))
    for start in range(0, len(new), _BATCH):
        await Redaction.insert(*new[start:start + _BATCH])
    return len(new)


@dataclass(slots=True)
class RedactionItem:
    """One comment awaiting (or past) an official's look: original, suggested spans, redacted texts."""

    comment_id: int
    reference: str
    status: str
    original: dict[str, str]
    spans: list[dict[str, Any]]
    texts: dict[str, str]


async def pending_count(consultation_id: int) -> int:
    """How many comments still have suggested redactions no official has confirmed."""
    return await Redaction.count().where(
        (Redaction.consultation == consultation_id) & (Redaction.status == SUGGESTED))


async def items(consultation_id: int, *, reference: str = "", limit: int = 50) -> list[RedactionItem]:
    """Comments with suggestions waiting first (or the one with `reference`), originals beside them."""
    where = Redaction.consultation == consultation_id
    if reference:
        where &= Redaction.comment.reference == reference.strip().upper()
    else:
        where &= Redaction.status != CLEAN
    rows = await Redaction.select(
        Redaction.comment, Redaction.status, Redaction.spans, Redaction.texts,
        Redaction.comment.reference.as_alias("reference"),
        *(getattr(Redaction.comment, f).as_alias(f) for f in FIELDS),
    ).where(where).order_by(Redaction.status, ascending=False).order_by(Redaction.comment).limit(limit)
    return [RedactionItem(comment_id=r["comment"], reference=r["reference"] or "", status=r["status"],
                          original={f: r[f] for f in FIELDS}, spans=_json(r["spans"]), texts=_json(r["texts"]))
            for r in rows]


def _json(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else value


async def confirm(user: CurrentUser, consultation_id: int, office_id: int, comment_id: int,
                  accepted: set[int], edited: dict[str, str] | None, now: datetime) -> bool:
    """An official's decision on one comment: the spans kept (by index) or the redacted texts written out."""
    row = await Redaction.select().where(
        (Redaction.comment == comment_id) & (Redaction.consultation == consultation_id)).first()
    if row is None:
        return False
    original = await Comment.select(*(getattr(Comment, f) for f in FIELDS)).where(Comment.id == comment_id).first()
    spans = _json(row["spans"])
    for index, span in enumerate(spans):
        span["accepted"] = index in accepted
    texts = {f: apply_spans(original[f] or "", [s for s in spans if s["field"] == f]) for f in FIELDS}
    if edited:
        texts.update({f: v.replace("\r\n", "\n").strip() for f, v in edited.items() if f in FIELDS})
    await Redaction.update({Redaction.spans: spans, Redaction.texts: texts, Redaction.status: CONFIRMED,
                            Redaction.confirmed_by: user.id, Redaction.confirmed_at: now}).where(
        Redaction.id == row["id"])
    await record(user, "report.redaction", "comment", comment_id,
                 after={"accepted": sorted(accepted), "edited": sorted(edited or {})}, office_id=office_id)
    return True


async def confirm_all(user: CurrentUser, consultation_id: int, office_id: int, now: datetime) -> int:
    """Confirm every waiting suggestion as suggested (an official's explicit choice); returns how many."""
    n = await pending_count(consultation_id)
    await Redaction.update({Redaction.status: CONFIRMED, Redaction.confirmed_by: user.id,
                            Redaction.confirmed_at: now}).where(
        (Redaction.consultation == consultation_id) & (Redaction.status == SUGGESTED))
    await record(user, "report.redaction_all", "consultation", consultation_id, after={"count": n},
                 office_id=office_id)
    return n


async def published_texts(consultation_id: int) -> dict[int, dict[str, str]]:
    """comment id → the texts to publish (confirmed, suggested or clean: never the raw original)."""
    rows = await Redaction.select(Redaction.comment, Redaction.texts).where(Redaction.consultation == consultation_id)
    return {r["comment"]: _json(r["texts"]) for r in rows}
