"""The mailing job: every subscriber of a consultation gets the report's answer to their comment, once.

Each message is stored with its sent marker (SentNotice, unique per comment) in one transaction, so a
worker killed at any point and the rerun that follows never put a second copy in the outbox."""

from __future__ import annotations

import logging
from typing import Any

from consult.consultations.tables import Consultation
from consult.jobs import registry
from consult.lib import clock
from consult.lib.i18n import N_
from consult.notifications import messages, services
from consult.notifications.tables import MailRun, SentNotice, Subscription
from consult.review.tables import RunStatus

log = logging.getLogger("consult.jobs")
BATCH = 200
GAVE_UP = N_("Sending the report's messages was interrupted too many times.")
FAILED = N_("The report's messages could not be sent.")


async def _pending(consultation_id: int, after: int, limit: int) -> list[dict[str, Any]]:
    """Active subscriptions (with an address still on the comment) not yet told of the report, by id."""
    told = SentNotice.select(SentNotice.comment).where(SentNotice.kind == "report")
    return await Subscription.select(
        Subscription.id, Subscription.comment, Subscription.comment.reference.as_alias("reference"),
        Subscription.comment.email.as_alias("email"),
    ).where(
        (Subscription.consultation == consultation_id) & Subscription.unsubscribed_at.is_null()
        & (Subscription.id > after) & (Subscription.comment.email != "") & Subscription.comment.not_in(told)
    ).order_by(Subscription.id).limit(limit)


async def execute_mail_run(run_id: int) -> None:
    """Send what a claimed run still has to send, in batches, beating its heart after each."""
    from consult.outcomes import services as outcomes

    run = await MailRun.select(MailRun.consultation, MailRun.version_number, MailRun.sent).where(
        MailRun.id == run_id).first()
    if run is None:
        return
    c = await Consultation.select(Consultation.id, Consultation.slug, Consultation.title).where(
        Consultation.id == run["consultation"]).first()
    try:
        answers = await outcomes.answers(c["id"], c["slug"])
        changes = await outcomes.changes_of(c["id"])
        total = await Subscription.count().where(
            (Subscription.consultation == c["id"]) & Subscription.unsubscribed_at.is_null())
        sent, last = int(run["sent"]), 0
        while True:
            batch = await _pending(c["id"], last, BATCH)
            if not batch:
                break
            for row in batch:
                last = row["id"]
                answer = answers.get(row["reference"] or "")
                if answer is None:
                    continue  # not in the report (e.g. hidden since): nothing to tell
                change = changes.get(row["comment"])
                subject, body = messages.report_published(
                    row["reference"], c["title"], answer.position, answer.justification, answer.campaign_size,
                    outcomes.change_text(change) if change else "", services._url(f"/uwagi/{row['reference']}"),
                    services._url(answer.report_url), services.unsubscribe_url(row["id"]))
                outbox_id = await services.store_message(f"report:{row['comment']}", "report", row["comment"],
                                                         row["email"].strip(), subject, body, clock.now())
                if outbox_id is not None:
                    sent += 1
                    await services.deliver(outbox_id)
                await after_message(run_id, sent)
            await MailRun.update({MailRun.heartbeat_at: clock.now(), MailRun.sent: sent,
                                  MailRun.progress: min(1.0, sent / total) if total else 1.0,
                                  MailRun.stage: "sending"}).where(MailRun.id == run_id)
    except Exception:  # noqa: BLE001 — the run fails with a message; what was stored stays stored once
        log.exception("mail run %s failed", run_id)
        await MailRun.update({MailRun.status: RunStatus.failed, MailRun.message: FAILED,
                              MailRun.finished_at: clock.now()}).where(MailRun.id == run_id)
        return
    await MailRun.update({MailRun.status: RunStatus.done, MailRun.progress: 1.0, MailRun.sent: sent,
                          MailRun.stage: "done", MailRun.finished_at: clock.now()}).where(MailRun.id == run_id)


async def after_message(run_id: int, sent: int) -> None:
    """A point after each stored message (tests stop the worker here, as a crash would)."""



registry.register("mail", table=MailRun, execute=execute_mail_run, name="send_report_mail", queue="mail",
                  gave_up=GAVE_UP)
