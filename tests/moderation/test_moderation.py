"""Moderation on both engines and through the pages: hold, publish, hide, restore, flags, audit."""

from __future__ import annotations

from consult.accounts.services import create_user, current_user, grant_role
from consult.audit.tables import AuditEntry
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.lib.clock import now
from consult.moderation import services
from consult.moderation.tables import Flag, ModerationDecision
from tests.accounts.test_flows import _official, sign_in
from tests.clients import Browser
from tests.factories import add_comment, make_consultation, section_id


async def _official_user():  # type: ignore[no-untyped-def]
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    uid = await create_user("moderator@example.org", "haslo-moderatora")
    await grant_role(uid, office, "official")
    return await current_user(uid)


async def _id(ref: str) -> int:
    return (await Comment.select(Comment.id).where(Comment.reference == ref).first())["id"]


async def test_hold_publish_hide_restore_round_trip(db: str) -> None:
    await make_consultation(moderation="pre")
    official = await _official_user()
    ref = await add_comment("strategia", "3.1", "Czeka na moderację")
    assert [i.reference for i in (await services.queue("strategia")).pending] == [ref]
    await services.decide(official, "strategia", await _id(ref), "publish", now=now())
    await services.decide(official, "strategia", await _id(ref), "hide", "spam", "reklama sklepu", now=now())
    row = await Comment.select().where(Comment.reference == ref).first()
    assert (row["status"], row["hidden_reason"], row["hidden_note"]) == ("hidden", "spam", "reklama sklepu")
    assert [i.reference for i in (await services.queue("strategia")).hidden] == [ref]
    await services.decide(official, "strategia", await _id(ref), "restore", now=now())
    assert (await Comment.select(Comment.status).where(Comment.reference == ref).first())["status"] == "published"
    assert [d["action"] for d in await ModerationDecision.select(ModerationDecision.action).order_by(ModerationDecision.id)] == ["publish", "hide", "restore"]
    audit = await AuditEntry.select(AuditEntry.action, AuditEntry.before, AuditEntry.after).order_by(AuditEntry.id).output(load_json=True)
    assert [a["action"] for a in audit] == ["comment.publish", "comment.hide", "comment.restore"]
    assert audit[1]["before"]["status"] == "published" and audit[1]["after"]["reason"] == "spam"


async def test_bad_moderation_input_changes_nothing(db: str) -> None:
    import pytest

    await make_consultation()
    await make_consultation("inna")
    official = await _official_user()
    ref = await add_comment("strategia", "3.1", "Opublikowana")
    other = await add_comment("inna", "3.1", "Z innych konsultacji")
    with pytest.raises(services.ModerationError):
        await services.decide(official, "strategia", await _id(ref), "hide", "bo tak", now=now())
    with pytest.raises(services.ModerationError) as wrong_state:
        await services.decide(official, "strategia", await _id(ref), "restore", now=now())
    assert wrong_state.value.status == 409
    with pytest.raises(services.ModerationError) as elsewhere:
        await services.decide(official, "strategia", await _id(other), "hide", "spam", now=now())
    assert elsewhere.value.status == 404
    assert {r["status"] for r in await Comment.select(Comment.status)} == {"published"}
    assert await AuditEntry.count() == 0


async def test_flags_once_per_person_reach_the_queue(db: str) -> None:
    await make_consultation()
    official = await _official_user()
    ref = await add_comment("strategia", "3.1", "Wulgarna uwaga")
    assert await services.flag(ref, "offensive", "obraźliwe", "alice", now()) is True
    assert await services.flag(ref, "offensive", "", "alice", now()) is False
    assert await services.flag(ref, "spam", "", "bob", now()) is True
    flagged = (await services.queue("strategia")).flagged
    assert [i.reference for i in flagged] == [ref] and flagged[0].flags == {"offensive": 1, "spam": 1}
    await services.decide(official, "strategia", await _id(ref), "hide", "offensive", now=now())
    assert (await services.queue("strategia")).flagged == []
    assert {f["outcome"] for f in await Flag.select(Flag.outcome)} == {"hidden"}


async def test_audit_log_is_append_only(db: str) -> None:
    import pytest
    from piccolo.querystring import QueryString

    official = await _official_user()
    from consult.audit.services import record

    await record(official, "test.action", "thing", 1, after={"x": 1})
    engine = AuditEntry._meta.db
    for statement in ("UPDATE audit_entry SET action = 'changed'", "DELETE FROM audit_entry"):
        with pytest.raises(Exception, match="append-only"):
            await engine.run_querystring(QueryString(statement))
    assert (await AuditEntry.select(AuditEntry.action).first())["action"] == "test.action"


async def test_pages_hidden_comment_disappears_and_flag_form(browser: Browser) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Reklama: najlepsze okna")
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    await browser.get(f"/uwagi/{ref}/zgloszenie")
    flagged = await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "spam", "note": "reklama"})
    assert flagged.status_code == 200 and "Dziękujemy" in flagged.text
    bad = await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "nie-ma", "note": "zachowaj"})
    assert bad.status_code == 400 and "zachowaj" in bad.text
    await _official()
    await sign_in(browser, "urzednik@example.org")
    queue = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert queue.status_code == 200 and ref in queue.text
    hidden = await browser.post_form(f"/panel/konsultacje/strategia/moderacja/{await _id(ref)}/hide", {"reason": "spam"}, follow_redirects=False)
    assert hidden.status_code == 303
    assert "najlepsze okna" not in (await browser.get(url)).text
    assert (await browser.get(f"/uwagi/{ref}")).status_code == 404
    assert (await browser.client.get(f"/api/v1/comments/{ref}")).status_code == 404
    log = await browser.get("/panel/dziennik")
    assert log.status_code == 403  # an official, not a head
