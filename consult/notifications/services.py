"""Use cases of notifications: opting in on the comment form, the confirmation, unsubscribing, RODO,
and queueing the mail that tells subscribers the report is out."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from consult.accounts import mail
from consult.accounts.tables import OutboxMessage
from consult.comments.schemas import CleanComment, CommentForm, FormErrors
from consult.comments.tables import Comment
from consult.lib import clock
from consult.lib.i18n import N_
from consult.notifications import messages
from consult.notifications.tables import MailRun, SentNotice, Subscription
from consult.review.tables import RunStatus
from consult.settings import get_settings

log = logging.getLogger("consult.notifications")
YES = {"on", "true", "1", "yes"}


def wants_mail(form: CommentForm) -> bool:
    """Whether the submitter ticked that they want to hear about their comment."""
    return (getattr(form, "notify", "") or "").strip().lower() in YES


def check_opt_in(form: CommentForm, clean: CleanComment | FormErrors) -> CleanComment | FormErrors:
    """A tick without an e-mail address is a mistake the form points out (other errors kept)."""
    if not wants_mail(form) or (form.email or "").strip():
        return clean
    errors = clean if isinstance(clean, FormErrors) else FormErrors()
    errors.fields.setdefault("email", N_("Give your e-mail address to receive the answer, or untick the box."))
    return errors


# ---------------------------------------------------------------- links


def _sign(subscription_id: int) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"unsubscribe:{subscription_id}".encode(), hashlib.sha256).hexdigest()[:32]


def unsubscribe_token(subscription_id: int) -> str:
    """The signed token of a subscription's one unsubscribe link (no secret stored)."""
    return f"{subscription_id}.{_sign(subscription_id)}"


def read_token(token: str) -> int | None:
    """The subscription a token names if its signature holds, else None."""
    head, _, signature = token.partition(".")
    if not head.isdigit() or len(head) > 12 or not hmac.compare_digest(signature.encode(), _sign(int(head)).encode()):
        return None
    return int(head)


def _url(path: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}{path}"


def unsubscribe_url(subscription_id: int) -> str:
    return _url(f"/powiadomienia/wypisz/{unsubscribe_token(subscription_id)}")


# ---------------------------------------------------------------- sending


async def store_message(key: str, kind: str, comment_id: int, recipient: str, subject: str, body: str,
                        now: datetime) -> int | None:
    """Put one message in the outbox together with its sent marker, in one transaction; None when the
    marker already exists (the message went out before and is not sent again)."""
    if await SentNotice.exists().where(SentNotice.key == key):
        return None
    try:
        async with OutboxMessage._meta.db.transaction():
            row = await OutboxMessage.insert(OutboxMessage(recipient=recipient, subject=subject, body=body,
                                                           created_at=now)).returning(OutboxMessage.id)
            outbox_id = int(row[0]["id"])
            await SentNotice.insert(SentNotice(key=key, kind=kind, comment=comment_id, outbox=outbox_id,
                                               created_at=now))
    except mail_unique_errors():
        return None  # another worker stored it first: its transaction holds the only copy
    return outbox_id


def mail_unique_errors() -> tuple[type[BaseException], ...]:
    from consult.comments.services import _UNIQUE_ERRORS

    return _UNIQUE_ERRORS


async def deliver(outbox_id: int) -> None:
    """Send a stored message through SMTP when configured, recording when it went or why it failed."""
    if not get_settings().smtp_host:
        return
    row = await OutboxMessage.select(OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body).where(
        OutboxMessage.id == outbox_id).first()
    if row is None:
        return
    try:
        await asyncio.to_thread(mail._send_smtp, row["recipient"], row["subject"], row["body"])
    except (OSError, smtplib.SMTPException) as exc:
        await OutboxMessage.update({OutboxMessage.error: str(exc)[:500]}).where(OutboxMessage.id == outbox_id)
    else:
        await OutboxMessage.update({OutboxMessage.sent_at: clock.now()}).where(OutboxMessage.id == outbox_id)


async def subscribe(comment_id: int, now: datetime) -> int | None:
    """Record the opt-in of a just-submitted comment and send its confirmation; the subscription's id.

    Nothing happens for a comment without an e-mail address."""
    row = await Comment.select(Comment.id, Comment.reference, Comment.email, Comment.consultation,
                               Comment.consultation.title.as_alias("title")).where(Comment.id == comment_id).first()
    if row is None or not (row["email"] or "").strip():
        return None
    existing = await Subscription.select(Subscription.id).where(Subscription.comment == comment_id).first()
    if existing:
        return int(existing["id"])
    try:
        inserted = await Subscription.insert(Subscription(comment=comment_id, consultation=row["consultation"],
                                                          created_at=now)).returning(Subscription.id)
    except mail_unique_errors():
        return None
    subscription_id = int(inserted[0]["id"])
    subject, body = messages.confirmation(row["reference"], row["title"], _url(f"/uwagi/{row['reference']}"),
                                          unsubscribe_url(subscription_id))
    outbox_id = await store_message(f"confirm:{comment_id}", "confirm", comment_id, row["email"].strip(), subject,
                                    body, now)
    if outbox_id is not None:
        await deliver(outbox_id)
    return subscription_id


# ---------------------------------------------------------------- unsubscribing


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    """A subscription as its unsubscribe page shows it."""

    id: int
    reference: str
    consultation_title: str
    active: bool


async def subscription(token: str) -> SubscriptionView | None:
    """The subscription a valid token names, or None (tampered or unknown)."""
    subscription_id = read_token(token)
    if subscription_id is None:
        return None
    row = await Subscription.select(
        Subscription.id, Subscription.unsubscribed_at, Subscription.comment.reference.as_alias("reference"),
        Subscription.consultation.title.as_alias("title")).where(Subscription.id == subscription_id).first()
    if row is None:
        return None
    return SubscriptionView(row["id"], row["reference"] or "", row["title"], row["unsubscribed_at"] is None)


async def unsubscribe(token: str, now: datetime) -> SubscriptionView | None:
    """Stop the messages of the subscription a valid token names; None (and nothing changed) otherwise."""
    found = await subscription(token)
    if found is None:
        return None
    await Subscription.update({Subscription.unsubscribed_at: now}).where(
        (Subscription.id == found.id) & Subscription.unsubscribed_at.is_null())
    return SubscriptionView(found.id, found.reference, found.consultation_title, False)


# ---------------------------------------------------------------- RODO


async def subscriptions_of(comment_ids: list[int]) -> list[dict[str, Any]]:
    """The subscriptions of these comments and the messages sent about them (for the RODO export)."""
    if not comment_ids:
        return []
    rows = await Subscription.select(Subscription.comment, Subscription.comment.reference.as_alias("reference"),
                                     Subscription.created_at, Subscription.unsubscribed_at).where(
        Subscription.comment.is_in(comment_ids)).order_by(Subscription.id)
    sent = await SentNotice.select(SentNotice.comment, SentNotice.kind, SentNotice.created_at).where(
        SentNotice.comment.is_in(comment_ids)).order_by(SentNotice.id)
    return [{"reference": r["reference"], "created_at": r["created_at"], "unsubscribed_at": r["unsubscribed_at"],
             "messages": [{"kind": s["kind"], "sent_at": s["created_at"]} for s in sent if s["comment"] == r["comment"]]}
            for r in rows]


async def forget(comment_ids: list[int]) -> int:
    """Delete the subscriptions of these comments (an erasure request); how many there were.

    The sent markers stay (they hold no personal data) so that nothing is ever sent twice."""
    if not comment_ids:
        return 0
    gone = await Subscription.delete().where(Subscription.comment.is_in(comment_ids)).returning(Subscription.id)
    return len(gone)


# ---------------------------------------------------------------- the report is out


async def report_published(consultation_id: int, version: int) -> int | None:
    """Queue telling the consultation's subscribers that version `version` of its report is out; the
    run's id (None when nobody subscribed). A run already queued or running for it is reused."""
    if not await Subscription.exists().where(
            (Subscription.consultation == consultation_id) & Subscription.unsubscribed_at.is_null()):
        return None
    active = await MailRun.select(MailRun.id).where(
        (MailRun.consultation == consultation_id) & MailRun.status.is_in([RunStatus.queued, RunStatus.running])).first()
    if active:
        return int(active["id"])
    row = await MailRun.insert(MailRun(consultation=consultation_id, version_number=version, status=RunStatus.queued,
                                       created_at=clock.now())).returning(MailRun.id)
    from consult.jobs.dispatch import dispatch

    await dispatch(row[0]["id"], "mail")
    return int(row[0]["id"])


async def report_published_hook(slug: str, version: int) -> None:
    """Called once a report version is stored; a failure here never undoes the publication."""
    from consult.consultations.tables import Consultation

    try:
        c = await Consultation.select(Consultation.id).where(Consultation.slug == slug).first()
        if c is not None:
            await report_published(c["id"], version)
    except Exception:  # noqa: BLE001 — the report is published; the mail can be queued again from the CLI
        log.exception("could not queue the report mail of %s", slug)
