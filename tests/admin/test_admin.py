"""Administration through the pages: offices, invitations, roles, deactivation, all audited."""

from __future__ import annotations

from consult.accounts import services
from consult.accounts.tables import Membership, OutboxMessage, Session, User
from consult.audit.tables import AuditEntry
from consult.consultations.tables import Office
from tests.accounts.test_flows import PASSWORD, sign_in
from tests.clients import Browser


async def _admin(browser: Browser) -> int:
    admin_id = await services.create_user("admin@example.org", PASSWORD, "Admin", is_admin=True)
    await sign_in(browser, "admin@example.org")
    await browser.get("/admin")
    return admin_id


async def test_office_creation_and_duplicate_name(browser: Browser) -> None:
    await _admin(browser)
    created = await browser.post_form("/admin/biura", {"name": "  Biuro  Kultury ", "address": "ul. Senatorska 1"}, follow_redirects=False)
    assert created.status_code == 303
    assert (await Office.select(Office.name).first())["name"] == "Biuro Kultury"
    duplicate = await browser.post_form("/admin/biura", {"name": "Biuro Kultury", "address": "zachowany adres"})
    assert duplicate.status_code == 400 and "już istnieje" in duplicate.text and "zachowany adres" in duplicate.text
    assert await Office.count() == 1


async def test_invitation_mails_a_link_and_roles_can_change(browser: Browser) -> None:
    await _admin(browser)
    await browser.post_form("/admin/biura", {"name": "Biuro Kultury"})
    office = (await Office.select(Office.id).first())["id"]
    invited = await browser.post_form("/admin/uzytkownicy", {"email": "Nowa@Example.org", "full_name": "Nowa", "office": str(office), "role": "office_head"}, follow_redirects=False)
    assert invited.status_code == 303
    user = await User.select().where(User.email == "nowa@example.org").first()
    assert (await Membership.select(Membership.role).where(Membership.user == user["id"]).first())["role"] == "office_head"
    mail = await OutboxMessage.select().first()
    assert mail["recipient"] == "nowa@example.org" and "/haslo/nowe/" in mail["body"]
    await browser.post_form(f"/admin/uzytkownicy/{user['id']}/role/usun", {"office": str(office)})
    assert await Membership.count() == 0
    bad_role = await browser.post_form(f"/admin/uzytkownicy/{user['id']}/role", {"office": str(office), "role": "king"})
    assert bad_role.status_code == 400 and await Membership.count() == 0
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)]
    assert actions == ["office.create", "user.role", "user.create", "user.role_revoked"]


async def test_deactivation_signs_out_and_self_deactivation_is_refused(browser: Browser) -> None:
    admin_id = await _admin(browser)
    other = await services.create_user("urzednik@example.org", PASSWORD)
    from consult.lib.clock import now

    await services.sign_in("urzednik@example.org", PASSWORD, now())  # the other person's browser
    assert len(await Session.select().where(Session.user == other)) == 1
    off = await browser.post_form(f"/admin/uzytkownicy/{other}/aktywny", {"active": "0"}, follow_redirects=False)
    assert off.status_code == 303
    assert await Session.select().where(Session.user == other) == []
    assert (await sign_in(browser, "urzednik@example.org")).status_code == 400
    await sign_in(browser, "admin@example.org")
    await browser.get("/admin")
    own = await browser.post_form(f"/admin/uzytkownicy/{admin_id}/aktywny", {"active": "0"})
    assert own.status_code == 400 and "własnego konta" in own.text
