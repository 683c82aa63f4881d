"""Mail to submitters who opted in: the confirmation, the report's answer once each, unsubscribing, RODO."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from consult.accounts.tables import OutboxMessage
from consult.comments.tables import Comment
from consult.jobs.inprocess import work_once
from consult.lib import clock
from consult.notifications import jobs, services
from consult.notifications.tables import MailRun, SentNotice, Subscription
from consult.privacy import services as privacy
from tests.outcomes.conftest import publish
from tests.reports.conftest import SLUG, Seeded

SUBSCRIBERS = ("plain", "named", "ngo", "campaign1", "campaign2", "campaign3", "xss")


async def _subscribe_all(seeded: Seeded) -> dict[str, int]:
    """Give several comments an address and an opt-in; returns key → subscription id."""
    subs = {}
    for key in SUBSCRIBERS:
        await Comment.update({Comment.email: f"{key}@example.org"}).where(Comment.reference == seeded.refs[key])
        comment = await Comment.select(Comment.id).where(Comment.reference == seeded.refs[key]).first()
        subscription = await services.subscribe(comment["id"], clock.now())
        assert subscription is not None
        subs[key] = subscription
    return subs


async def _report_mail() -> list[dict]:  # type: ignore[type-arg]
    return await OutboxMessage.select().where(OutboxMessage.subject.like("Raport z konsultacji%")).order_by(
        OutboxMessage.id)


async def test_confirmation_only_for_an_address_and_once(seeded: Seeded) -> None:
    plain = await Comment.select(Comment.id).where(Comment.reference == seeded.refs["plain"]).first()
    assert await services.subscribe(plain["id"], clock.now()) is None  # no address on the comment
    assert await OutboxMessage.count() == 0 and await Subscription.count() == 0
    named = await Comment.select(Comment.id).where(Comment.reference == seeded.refs["named"]).first()
    first = await services.subscribe(named["id"], clock.now())
    assert first is not None and await services.subscribe(named["id"], clock.now()) == first
    mail = await OutboxMessage.select().where(OutboxMessage.recipient == "zofia@example.org")
    assert len(mail) == 1
    assert seeded.refs["named"] in mail[0]["subject"] and f"/uwagi/{seeded.refs['named']}" in mail[0]["body"]
    assert "/powiadomienia/wypisz/" in mail[0]["body"]


async def test_publication_mails_each_subscriber_once_with_the_answer(seeded: Seeded) -> None:
    subs = await _subscribe_all(seeded)
    await services.unsubscribe(services.unsubscribe_token(subs["ngo"]), clock.now())
    await publish(seeded.head)  # the publication queues the mail run; work_once sends it
    mail = await _report_mail()
    recipients = sorted(m["recipient"] for m in mail)
    assert recipients == sorted(f"{k}@example.org" for k in SUBSCRIBERS if k != "ngo")
    plain = next(m for m in mail if m["recipient"] == "plain@example.org")
    assert "Stanowisko urzędu: uwzględniona." in plain["body"]
    assert "Stanowisko urzędu w sprawie plain: zapis zostanie uzupełniony." in plain["body"]
    assert f"/raporty/{SLUG}" in plain["body"] and f"/uwagi/{seeded.refs['plain']}" in plain["body"]
    xss = next(m for m in mail if m["recipient"] == "xss@example.org")
    assert "nieuwzględniona" in xss["body"]
    member = next(m for m in mail if m["recipient"] == "campaign3@example.org")
    assert "3 razy" in member["body"] and "w sprawie campaign1" in member["body"]  # the campaign's position
    # Nobody who did not opt in hears anything: the comments with an address but no subscription.
    assert not [m for m in await OutboxMessage.select() if m["recipient"] == "jan@example.org"]
    # A second run for the same report (a rerun, a correction) sends nothing again.
    c = (await Comment.select(Comment.consultation).first())["consultation"]
    assert await services.report_published(c, 1) is not None
    while await work_once():
        pass
    assert len(await _report_mail()) == len(mail)
    assert (await MailRun.select(MailRun.status).order_by(MailRun.id, ascending=False).first())["status"] == "done"


async def test_a_worker_killed_mid_run_and_rerun_sends_nobody_twice(seeded: Seeded,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    await _subscribe_all(seeded)
    monkeypatch.setattr(jobs, "BATCH", 2)
    stored: list[int] = []

    async def killed_after_three(run_id: int, sent: int) -> None:
        stored.append(sent)
        if sent == 3:
            raise asyncio.CancelledError  # the process dies: no handler runs, the run stays "running"

    monkeypatch.setattr(jobs, "after_message", killed_after_three)
    with pytest.raises(asyncio.CancelledError):
        await publish(seeded.head)
    assert len(await _report_mail()) == 3
    run = await MailRun.select(MailRun.id, MailRun.status).first()
    assert run["status"] == "running"
    monkeypatch.setattr(jobs, "after_message", _noop)
    # Later, the dead worker's heartbeat is stale: the run is queued again and finishes.
    await MailRun.update({MailRun.heartbeat_at: clock.now() - timedelta(minutes=10)}).where(MailRun.id == run["id"])
    while await work_once():
        pass
    mail = await _report_mail()
    assert sorted(m["recipient"] for m in mail) == sorted(f"{k}@example.org" for k in SUBSCRIBERS)
    assert await SentNotice.count().where(SentNotice.kind == "report") == len(SUBSCRIBERS)
    done = await MailRun.select(MailRun.status, MailRun.attempts).where(MailRun.id == run["id"]).first()
    assert done["status"] == "done" and done["attempts"] == 2


async def _noop(run_id: int, sent: int) -> None:
    return None


async def test_a_tampered_token_changes_nothing(seeded: Seeded) -> None:
    subs = await _subscribe_all(seeded)
    token = services.unsubscribe_token(subs["plain"])
    other = services.unsubscribe_token(subs["named"])
    for bad in (token[:-1] + ("0" if token[-1] != "0" else "1"), f"{subs['named']}.{token.split('.')[1]}",
                "x" + token, "", other.split(".")[0]):
        assert await services.unsubscribe(bad, clock.now()) is None
    assert await Subscription.count().where(Subscription.unsubscribed_at.is_not_null()) == 0
    done = await services.unsubscribe(token, clock.now())
    assert done is not None and not done.active
    assert await Subscription.count().where(Subscription.unsubscribed_at.is_not_null()) == 1


async def test_rodo_export_lists_and_erasure_removes_subscriptions(seeded: Seeded) -> None:
    await _subscribe_all(seeded)
    data = await privacy.data_of("plain@example.org")
    assert [s["reference"] for s in data["subscriptions"]] == [seeded.refs["plain"]]
    assert data["subscriptions"][0]["messages"][0]["kind"] == "confirm"
    await privacy.erase("plain@example.org", clock.now())
    assert (await privacy.data_of("plain@example.org"))["subscriptions"] == []
    assert await Subscription.count() == len(SUBSCRIBERS) - 1
    await publish(seeded.head)
    assert "plain@example.org" not in {m["recipient"] for m in await _report_mail()}


async def test_procrastinate_worker_sends_the_report_mail_on_postgresql(seeded: Seeded, db: str,
                                                                        postgres_url: str) -> None:
    if db != "postgres":
        pytest.skip("procrastinate runs on PostgreSQL only")
    from procrastinate import PsycopgConnector

    from consult.db import postgres_config
    from consult.jobs.procrastinate_app import app, job

    send_report_mail = job("mail")

    await _subscribe_all(seeded)
    c = (await Comment.select(Comment.consultation).first())["consultation"]
    await publish(seeded.head)
    before = len(await _report_mail())
    await SentNotice.delete().where(SentNotice.kind == "report")  # as if the in-app worker had not run
    await OutboxMessage.delete().where(OutboxMessage.subject.like("Raport z konsultacji%"))
    run_id = await services.report_published(c, 1)
    config = postgres_config(postgres_url)
    conninfo = f"host={config['host']} port={config['port']} user={config['user']} dbname={config['database']}"
    with app.replace_connector(PsycopgConnector(conninfo=conninfo)) as queue:
        async with queue.open_async():
            exists = await queue.connector.execute_query_one_async(
                "SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS ok")
            if not exists["ok"]:
                await queue.schema_manager.apply_schema_async()
            await send_report_mail.defer_async(run_id=run_id)
            await send_report_mail.defer_async(run_id=run_id)  # a duplicate wake-up finds the run taken
            await queue.run_worker_async(queues=["mail"], wait=False, install_signal_handlers=False)
    assert len(await _report_mail()) == before == len(SUBSCRIBERS)
