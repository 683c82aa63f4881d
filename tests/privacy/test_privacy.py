"""RODO: see, export and erase one's data by link or account, and the retention command."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consult.accounts import services as accounts
from consult.accounts.tables import OutboxMessage, User
from consult.audit.tables import AuditEntry
from consult.comments import services as comments
from consult.comments.tables import Comment, Support
from consult.consultations.tables import Consultation
from consult.lib import clock
from consult.moderation import services as moderation
from consult.moderation.tables import Flag
from consult.privacy import services
from tests.clients import Browser
from tests.factories import add_comment, make_consultation

XSS = '<script>alert(1)</script>'


async def _comments() -> None:
    await make_consultation()
    await add_comment("strategia", "3.1", "Pierwsza", submitter_name="Anna Nowak", email="Anna@Example.org", show_name="on")
    await add_comment("strategia", "3.1", "Druga", email="anna@example.org")
    await add_comment("strategia", "3.1", "Cudza", submitter_name="Jan", email="annaXexample.org@x.pl")


async def test_export_and_erase_round_trip(db: str) -> None:
    await _comments()
    await accounts.create_user("anna@example.org", "bardzo-tajne-haslo", "Anna Nowak")
    data = await services.data_of(" ANNA@example.org")
    assert data["account"]["full_name"] == "Anna Nowak"
    assert sorted(c["remark"] for c in data["comments"]) == ["Druga", "Pierwsza"]
    counts = await services.erase("anna@example.org", clock.now())
    assert counts == {"comments": 2, "accounts": 1}
    rows = await Comment.select().order_by(Comment.id)
    assert [r["remark"] for r in rows] == ["Pierwsza", "Druga", "Cudza"]
    assert all(r["email"] == "" and r["submitter_name"] == "" and not r["show_name"] and r["anonymised_at"] for r in rows[:2])
    assert rows[2]["email"] == "annaXexample.org@x.pl" and rows[2]["anonymised_at"] is None
    user = await User.select().first()
    assert user["email"].endswith("@invalid") and user["full_name"] == "" and not user["is_active"] and not user["password_hash"]
    assert (await services.data_of("anna@example.org"))["comments"] == []
    assert await AuditEntry.count().where(AuditEntry.action == "privacy.erase") == 1


async def test_retention_round_trip(db: str) -> None:
    now = clock.now()
    await _comments()
    await make_consultation("nowa")
    await add_comment("nowa", "3.1", "Świeża", submitter_name="Ewa", email="ewa@example.org")
    await Consultation.update({Consultation.report_published_at: now - timedelta(days=400)}).where(Consultation.slug == "strategia")
    await Consultation.update({Consultation.report_published_at: now - timedelta(days=30)}).where(Consultation.slug == "nowa")
    assert await services.retention(12, now, dry_run=True) == 3
    assert await Comment.count().where(Comment.anonymised_at.is_not_null()) == 0
    assert await services.retention(12, now) == 3
    assert await services.retention(12, now) == 0
    fresh = await Comment.select().where(Comment.remark == "Świeża").first()
    assert fresh["email"] == "ewa@example.org" and fresh["anonymised_at"] is None
    assert await Comment.count().where(Comment.email != "") == 1


async def test_retention_forgets_who_supported_and_flagged(db: str) -> None:
    now = clock.now()
    await _comments()
    await make_consultation("nowa")
    await add_comment("nowa", "3.1", "Świeża")
    old, fresh = [r["reference"] for r in await Comment.select(Comment.reference).where(
        Comment.remark.is_in(["Pierwsza", "Świeża"])).order_by(Comment.id)]
    for ref in (old, fresh):
        await comments.support_comment(ref, "a" * 64, now)
        await comments.support_comment(ref, "b" * 64, now)
        assert await moderation.flag(ref, "off_topic", "Moim zdaniem nie na temat", "c" * 64, now)
    await Consultation.update({Consultation.report_published_at: now - timedelta(days=400)}).where(Consultation.slug == "strategia")
    await Consultation.update({Consultation.report_published_at: now - timedelta(days=30)}).where(Consultation.slug == "nowa")
    await services.retention(12, now, dry_run=True)
    assert await Support.count().where(Support.key.like("%" + "a" * 64)) == 2  # a dry run changes nothing
    await services.retention(12, now)
    await services.retention(12, now)  # a second run changes nothing more and does not fail
    old_id = (await Comment.select(Comment.id).where(Comment.reference == old).first())["id"]
    supports = await Support.select(Support.comment, Support.key).order_by(Support.id)
    assert [s["key"] for s in supports if s["comment"] == old_id] == [
        f"{old_id}:r{s['id']}" for s in await Support.select(Support.id).where(Support.comment == old_id).order_by(Support.id)]
    assert sum("a" * 64 in s["key"] or "b" * 64 in s["key"] for s in supports) == 2  # only the fresh ones
    flags = {f["comment"]: f for f in await Flag.select()}
    assert flags[old_id]["reporter"] == "" and flags[old_id]["note"] == "" and "c" * 64 not in flags[old_id]["key"]
    assert [f["reporter"] for c, f in flags.items() if c != old_id] == ["c" * 64]
    assert (await Comment.select(Comment.support_count).where(Comment.id == old_id).first())["support_count"] == 2


def test_token_is_signed_and_expires() -> None:
    now = clock.now()
    token = services.make_token("A@b.pl", now)
    assert services.read_token(token, now) == "a@b.pl"
    assert services.read_token(token, now + timedelta(hours=2)) is None
    assert services.read_token(token[:-1] + ("0" if token[-1] != "0" else "1"), now) is None
    assert services.read_token("nonsense", now) is None


async def test_by_mailed_link(browser: Browser) -> None:
    await make_consultation()
    await add_comment("strategia", "3.1", XSS, submitter_name=XSS, email="anna@example.org")
    page = await browser.get("/moje-dane")
    assert page.status_code == 200 and 'class="privacy"' in page.text
    sent = await browser.post_form("/moje-dane", {"email": "anna@example.org"})
    assert sent.status_code == 200
    mail = await OutboxMessage.select().first()
    # The link names the address the app is served on (no CONSULT_BASE_URL in the tests).
    found = re.search(r"(https?://\S+?)(/moje-dane/\S+)", mail["body"])
    assert found and found.group(1) == "https://testserver.local"
    link = found.group(2)
    mine = await browser.get(link)
    assert mine.status_code == 200 and "&lt;script&gt;" in mine.text and "<script>alert" not in mine.text
    assert '<span lang="pl">Strategia (strategia)</span>' in mine.text  # the title, not only the slug
    assert "button-danger" in mine.text and 'name="confirm"' not in mine.text
    export = await browser.client.get(link + "/eksport")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert export.json()["comments"][0]["remark"] == XSS
    asked = await browser.post_form(link + "/usun", {})  # the first step only asks
    assert asked.status_code == 200 and 'name="confirm" value="1"' in asked.text and "button-danger" in asked.text
    assert "1 uwaga zostanie zanonimizowana" in asked.text
    assert await Comment.count().where(Comment.email == "") == 0
    erased = await browser.post_form(link + "/usun", {"confirm": "1"})
    assert erased.status_code == 200 and await Comment.count().where(Comment.email == "") == 1
    assert (await browser.client.get("/moje-dane/zly.123.abc")).status_code == 404


async def test_signed_in_resident_sees_and_erases_account(browser: Browser) -> None:
    await make_consultation()
    await add_comment("strategia", "3.1", "Moja", email="anna@example.org")
    await accounts.create_user("anna@example.org", "bardzo-tajne-haslo", "Anna Nowak")
    await browser.get("/logowanie")
    await browser.post_form("/logowanie", {"email": "anna@example.org", "password": "bardzo-tajne-haslo"})
    page = await browser.get("/moje-dane")
    assert "Anna Nowak" in page.text and "Moja" in page.text
    assert (await browser.client.get("/moje-dane/eksport")).json()["account"]["email"] == "anna@example.org"
    assert (await browser.post_form("/moje-dane/usun", {})).status_code == 200
    assert (await User.select(User.is_active).first())["is_active"] is True  # not before it is confirmed
    assert (await browser.post_form("/moje-dane/usun", {"confirm": "1"})).status_code == 200
    assert (await User.select(User.is_active).first())["is_active"] is False
    assert (await browser.client.get("/moje-dane/eksport", follow_redirects=False)).status_code in (302, 303, 401)


async def test_request_without_csrf_refused(browser: Browser) -> None:
    await browser.get("/moje-dane")
    assert (await browser.client.post("/moje-dane", data={"email": "a@b.pl"})).status_code == 403
    assert await OutboxMessage.count() == 0


def test_retention_command_parses_and_reports(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from consult import cli

    calls = []
    monkeypatch.setattr(cli, "migrate", lambda: None)
    monkeypatch.setattr(cli, "retention", lambda months, dry_run: calls.append((months, dry_run)))
    cli.main(["retention", "--months", "6", "--dry-run"])
    cli.main(["retention"])
    assert calls == [(6, True), (None, False)]


async def test_mailed_link_uses_the_configured_base_url(browser: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    from consult.settings import get_settings

    monkeypatch.setenv("CONSULT_BASE_URL", "https://konsultacje.miasto.example/")
    get_settings.cache_clear()
    try:
        await browser.get("/moje-dane")
        assert (await browser.post_form("/moje-dane", {"email": "anna@example.org"})).status_code == 200
    finally:
        monkeypatch.delenv("CONSULT_BASE_URL")
        get_settings.cache_clear()
    body = (await OutboxMessage.select(OutboxMessage.body).first())["body"]
    assert "https://konsultacje.miasto.example/moje-dane/" in body and "testserver" not in body


async def test_every_page_links_to_the_personal_data_page(browser: Browser) -> None:
    await make_consultation()
    for url in ("/", "/konsultacje/strategia", "/logowanie", "/nie-ma-takiej-strony"):
        page = await browser.get(url)
        footer = page.text[page.text.index('<footer'):]
        assert 'href="/moje-dane"' in footer, url
