"""Accounts through the pages: sign in and out, lockout, password change and reset, the panel."""

from __future__ import annotations

import re

from consult.accounts import services
from consult.accounts.tables import OutboxMessage, Session
from consult.audit.tables import AuditEntry
from consult.consultations.tables import Consultation
from tests.factories import make_consultation
from tests.clients import Browser

PASSWORD = "bardzo-tajne-haslo"


async def _official(role: str = "official", email: str = "urzednik@example.org") -> int:
    from consult.consultations.services import ensure_office

    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    user_id = await services.create_user(email, PASSWORD, "Jan Urzędnik")
    await services.grant_role(user_id, office, role)
    return user_id


async def sign_in(browser: Browser, email: str, password: str = PASSWORD, next_: str = ""):  # type: ignore[no-untyped-def]
    await browser.get("/logowanie")
    return await browser.post_form("/logowanie", {"email": email, "password": password, "next": next_}, follow_redirects=False)


async def test_sign_in_sets_http_only_session_and_sign_out_ends_it(browser: Browser) -> None:
    await _official()
    response = await sign_in(browser, "URZEDNIK@example.org ")
    assert response.status_code == 303 and response.headers["location"] == "/panel"
    cookie = response.headers["set-cookie"]
    assert "consult_session=" in cookie and "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    panel = await browser.get("/panel")
    assert panel.status_code == 200 and "Jan Urzędnik" in panel.text
    assert await Session.count() == 1
    out = await browser.post_form("/wyloguj", {}, follow_redirects=False)
    assert out.status_code == 303 and await Session.count() == 0
    after = await browser.client.get("/panel", follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"].startswith("/logowanie?next=%2Fpanel")


async def test_wrong_password_is_answered_alike_and_never_locks(browser: Browser) -> None:
    await _official()
    answers = set()
    for email in ("urzednik@example.org", "nikt@example.org"):
        wrong = await sign_in(browser, email, "zle-haslo-123")
        assert wrong.status_code == 400 and "Nieprawidłowy e-mail lub hasło." in wrong.text
        assert f'value="{email}"' in wrong.text
        answers.add(wrong.text.replace(email, "EMAIL"))
    assert len(answers) == 1  # the same page for an account and for no account
    assert (await sign_in(browser, "urzednik@example.org", PASSWORD)).status_code == 303


async def test_password_change_and_reset_by_mail(browser: Browser) -> None:
    await _official()
    await sign_in(browser, "urzednik@example.org")
    await browser.get("/konto/haslo")
    weak = await browser.post_form("/konto/haslo", {"current_password": PASSWORD, "new_password": "krotkie", "new_password_again": "krotkie"})
    assert weak.status_code == 400 and "co najmniej 10 znaków" in weak.text
    ok = await browser.post_form("/konto/haslo", {"current_password": PASSWORD, "new_password": "nowe-haslo-2026", "new_password_again": "nowe-haslo-2026"})
    assert ok.status_code == 200 and "zostało zmienione" in ok.text
    await browser.post_form("/wyloguj", {})
    await browser.get("/haslo/przypomnij")
    sent = await browser.post_form("/haslo/przypomnij", {"email": "urzednik@example.org"})
    same = await browser.post_form("/haslo/przypomnij", {"email": "nikt@example.org"})
    assert "wysłaliśmy" in sent.text and "wysłaliśmy" in same.text
    mail = await OutboxMessage.select().first()
    assert await OutboxMessage.count() == 1 and mail["recipient"] == "urzednik@example.org"
    token = re.search(r"/haslo/nowe/(\S+)", mail["body"]).group(1)  # type: ignore[union-attr]
    page = await browser.get(f"/haslo/nowe/{token}")
    assert page.status_code == 200
    done = await browser.post_form(f"/haslo/nowe/{token}", {"new_password": "haslo-z-maila-1", "new_password_again": "haslo-z-maila-1"})
    assert "Nowe hasło zostało ustawione." in done.text
    reused = await browser.get(f"/haslo/nowe/{token}")
    assert reused.status_code == 400 and "wygasł" in reused.text
    assert (await sign_in(browser, "urzednik@example.org", "haslo-z-maila-1")).status_code == 303


async def test_panel_lists_own_office_and_head_opens_and_closes(browser: Browser) -> None:
    await make_consultation("moja", status="draft")
    await _official("office_head", "kierownik@example.org")
    await sign_in(browser, "kierownik@example.org")
    panel = await browser.get("/panel")
    assert "Strategia (moja)" in panel.text
    opened = await browser.post_form("/panel/konsultacje/moja/status", {"status": "open", "confirm": "1"}, follow_redirects=False)
    assert opened.status_code == 303
    assert (await Consultation.select(Consultation.status).where(Consultation.slug == "moja").first())["status"] == "open"
    bad = await browser.post_form("/panel/konsultacje/moja/status", {"status": "report_published"})
    assert bad.status_code == 409 and "niedozwolona" in bad.text
    entry = await AuditEntry.select().first()
    assert entry["action"] == "consultation.status" and entry["actor_email"] == "kierownik@example.org"


async def test_official_cannot_change_status_and_other_office_sees_nothing(browser: Browser) -> None:
    from consult.consultations.services import ensure_office

    await make_consultation("moja", status="draft")
    await _official("official")
    other = await ensure_office("Inne biuro")
    outsider = await services.create_user("inny@example.org", PASSWORD)
    await services.grant_role(outsider, other, "office_head")
    await sign_in(browser, "urzednik@example.org")
    refused = await browser.post_form("/panel/konsultacje/moja/status", {"status": "open"})
    assert refused.status_code == 403
    await browser.post_form("/wyloguj", {})
    await sign_in(browser, "inny@example.org")
    panel = await browser.get("/panel")
    assert "Strategia (moja)" not in panel.text
    assert (await browser.post_form("/panel/konsultacje/moja/status", {"status": "open"})).status_code == 403
