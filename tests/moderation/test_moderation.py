"""Moderation on both engines: hold, publish, hide, restore, flags, the mode, and their audit entries."""

from __future__ import annotations

import pytest

from consult.accounts.schemas import CurrentUser
from consult.accounts.services import create_user, current_user, grant_role
from consult.audit.tables import AuditEntry
from consult.comments.services import get_comment, list_comments, CommentNotFound
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.consultations.tables import Consultation
from consult.lib.clock import now
from consult.moderation import services
from consult.moderation.services import ModerationError
from consult.moderation.tables import Flag, ModerationDecision
from tests.factories import add_comment, make_consultation, section_id


async def official(role: str = "official", email: str = "moderator@example.org") -> CurrentUser:
    """A signed-in official (or head) of the office that runs the test consultations."""
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    uid = await create_user(email, "haslo-moderatora")
    await grant_role(uid, office, role)
    user = await current_user(uid)
    assert user is not None
    return user


async def comment_id(reference: str) -> int:
    return (await Comment.select(Comment.id).where(Comment.reference == reference).first())["id"]


async def _audit() -> list[dict[str, object]]:
    return await AuditEntry.select(AuditEntry.action, AuditEntry.object_id, AuditEntry.before, AuditEntry.after,
                                   AuditEntry.actor_email, AuditEntry.office).order_by(AuditEntry.id).output(load_json=True)


async def test_hold_publish_hide_restore_round_trip(db: str) -> None:
    await make_consultation(moderation="pre")
    user = await official()
    ref = await add_comment("strategia", "3.1", "Czeka na moderację")
    cid = await comment_id(ref)
    assert (await Comment.select(Comment.status).where(Comment.id == cid).first())["status"] == "pending"
    assert [i.reference for i in (await services.queue(user, "strategia")).pending] == [ref]

    assert await services.decide(user, "strategia", cid, "publish", now=now()) == services.Outcome("publish", ref)
    await services.decide(user, "strategia", cid, "hide", "spam", " reklama sklepu ", now=now())
    row = await Comment.select().where(Comment.id == cid).first()
    assert (row["status"], row["hidden_reason"], row["hidden_note"]) == ("hidden", "spam", "reklama sklepu")
    view = await services.queue(user, "strategia")
    assert [i.reference for i in view.hidden] == [ref] and view.pending == []

    await services.decide(user, "strategia", cid, "restore", now=now())
    row = await Comment.select().where(Comment.id == cid).first()
    assert (row["status"], row["hidden_reason"], row["hidden_note"]) == ("published", "", "")

    decisions = await ModerationDecision.select(ModerationDecision.action, ModerationDecision.reason,
                                                ModerationDecision.official).order_by(ModerationDecision.id)
    assert [(d["action"], d["reason"], d["official"]) for d in decisions] == [
        ("publish", "", user.id), ("hide", "spam", user.id), ("restore", "", user.id)]
    audit = await _audit()
    assert [a["action"] for a in audit] == ["comment.publish", "comment.hide", "comment.restore"]
    assert {a["object_id"] for a in audit} == {ref} and {a["actor_email"] for a in audit} == {user.email}
    assert audit[0]["before"]["status"] == "pending" and audit[0]["after"]["status"] == "published"
    assert audit[1]["before"] == {"status": "published", "reason": "", "note": ""}
    assert audit[1]["after"] == {"status": "hidden", "reason": "spam", "note": "reklama sklepu"}
    assert audit[2]["before"]["reason"] == "spam" and audit[2]["after"]["status"] == "published"
    assert all(a["office"] is not None for a in audit)


async def test_hidden_comment_leaves_public_services_and_comes_back(db: str) -> None:
    await make_consultation()
    user = await official()
    ref = await add_comment("strategia", "3.1", "Uwaga do ukrycia")
    sid = await section_id("strategia", "3.1")
    await services.decide(user, "strategia", await comment_id(ref), "hide", "offensive", now=now())
    assert (await list_comments(sid, 1, 10, "newest")).total == 0
    with pytest.raises(CommentNotFound):
        await get_comment(ref)
    await services.decide(user, "strategia", await comment_id(ref), "restore", now=now())
    assert (await list_comments(sid, 1, 10, "newest")).total == 1
    assert (await get_comment(ref)).reference == ref


async def test_bad_moderation_input_changes_nothing(db: str) -> None:
    await make_consultation()
    await make_consultation("inna")
    user = await official()
    ref = await add_comment("strategia", "3.1", "Opublikowana")
    other = await add_comment("inna", "3.1", "Z innych konsultacji")
    cid = await comment_id(ref)
    refusals = [
        ((cid, "hide", "bo tak"), 422),  # not a reason of the list
        ((cid, "hide", ""), 422),
        ((cid, "restore", ""), 409),  # not hidden
        ((cid, "publish", ""), 409),  # already published
        ((cid, "delete", ""), 400),  # no such action
        ((await comment_id(other), "hide", "spam"), 404),  # a comment of another consultation
        ((424242, "hide", "spam"), 404),
    ]
    for (target, action, reason), status in refusals:
        with pytest.raises(ModerationError) as refused:
            await services.decide(user, "strategia", target, action, reason, now=now())
        assert refused.value.status == status, (action, reason)
    with pytest.raises(ModerationError) as too_long:
        await services.decide(user, "strategia", cid, "hide", "spam", "x" * 1001, now=now())
    assert too_long.value.status == 422
    with pytest.raises(ModerationError) as unknown:
        await services.decide(user, "nie-ma", cid, "hide", "spam", now=now())
    assert unknown.value.status == 404

    await services.decide(user, "strategia", cid, "hide", "duplicate", now=now())
    with pytest.raises(ModerationError) as twice:  # hiding an already hidden comment
        await services.decide(user, "strategia", cid, "hide", "spam", now=now())
    assert twice.value.status == 409
    row = await Comment.select().where(Comment.id == cid).first()
    assert (row["status"], row["hidden_reason"]) == ("hidden", "duplicate")
    assert {r["status"] for r in await Comment.select(Comment.status).where(Comment.id != cid)} == {"published"}
    assert await AuditEntry.count() == 1 and await ModerationDecision.count() == 1


async def test_flags_once_per_person_reach_the_queue_then_hide(db: str) -> None:
    await make_consultation()
    user = await official()
    ref = await add_comment("strategia", "3.1", "Wulgarna uwaga")
    calm = await add_comment("strategia", "3.1", "Spokojna uwaga")
    assert await services.flag(ref, "offensive", "obraźliwe", "alice", now()) is True
    assert await services.flag(ref.lower(), "spam", "", "alice", now()) is False  # one per person
    assert await services.flag(ref, "spam", "", "u7", now()) is True
    assert await services.flag(calm, "duplicate", "", "alice", now()) is True
    assert await Flag.count() == 3
    flagged = (await services.queue(user, "strategia")).flagged
    assert [i.reference for i in flagged] == [ref, calm]  # the most reported first
    assert flagged[0].flags == {"offensive": 1, "spam": 1} and flagged[0].flag_notes == ["obraźliwe"]

    await services.decide(user, "strategia", await comment_id(ref), "hide", "offensive", now=now())
    await services.decide(user, "strategia", await comment_id(calm), "keep", note="w porządku", now=now())
    assert (await services.queue(user, "strategia")).flagged == []
    outcomes = {f["comment"]: (f["outcome"], f["resolved_by"]) for f in await Flag.select(
        Flag.comment, Flag.outcome, Flag.resolved_by)}
    assert outcomes == {await comment_id(ref): ("hidden", user.id), await comment_id(calm): ("kept", user.id)}
    assert (await Comment.select(Comment.status).where(Comment.reference == calm).first())["status"] == "published"
    audit = await _audit()
    assert [a["action"] for a in audit] == ["comment.hide", "comment.keep"]
    assert audit[0]["after"]["flags"] == 2
    assert audit[1]["before"]["status"] == audit[1]["after"]["status"] == "published"
    assert audit[1]["after"]["flags"] == 1 and audit[1]["after"]["decision_note"] == "w porządku"
    with pytest.raises(ModerationError) as hidden:  # a hidden comment cannot be flagged
        await services.flag(ref, "spam", "", "bob", now())
    assert hidden.value.status == 404


async def test_flag_refuses_bad_input_and_held_comments(db: str) -> None:
    await make_consultation(moderation="pre")
    held = await add_comment("strategia", "3.1", "Czeka")
    for reason, note, status in (("spam", "", 404),):
        with pytest.raises(ModerationError) as refused:
            await services.flag(held, reason, note, "alice", now())
        assert refused.value.status == status
    await Consultation.update({Consultation.moderation: "post"}).where(Consultation.slug == "strategia")
    ref = await add_comment("strategia", "3.1", "Opublikowana")
    for reason, note in (("nie-ma", ""), ("", ""), ("spam", "x" * 1001)):
        with pytest.raises(ModerationError) as refused:
            await services.flag(ref, reason, note, "alice", now())
        assert refused.value.status == 422
    assert await Flag.count() == 0


async def test_office_head_switches_the_mode_audited(db: str) -> None:
    await make_consultation()
    head = await official("office_head", "szefowa@example.org")
    assert (await services.queue(head, "strategia")).may_switch is True
    assert await services.set_mode(head, "strategia", "pre") is True
    assert await services.set_mode(head, "strategia", "pre") is False  # no change, no entry
    with pytest.raises(ModerationError):
        await services.set_mode(head, "strategia", "sometimes")
    assert (await Consultation.select(Consultation.moderation).first())["moderation"] == "pre"
    ref = await add_comment("strategia", "3.1", "Teraz czeka")
    assert (await Comment.select(Comment.status).where(Comment.reference == ref).first())["status"] == "pending"
    audit = await _audit()
    assert [(a["action"], a["before"], a["after"]) for a in audit] == [
        ("consultation.moderation", {"moderation": "post"}, {"moderation": "pre"})]
    user = await official()
    assert (await services.queue(user, "strategia")).may_switch is False
