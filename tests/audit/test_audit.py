"""The audit log: append-only on both engines, who reads what, filters, and the page."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from piccolo.querystring import QueryString

from consult.accounts.services import current_user
from consult.audit import services
from consult.audit.services import record
from consult.audit.tables import AuditEntry
from consult.consultations.services import ensure_office
from consult.lib.clock import now
from consult.moderation import services as moderation
from tests.clients import Browser
from tests.factories import add_comment, make_consultation
from tests.moderation.test_moderation import comment_id
from tests.moderation.test_pages import OFFICE, person
from tests.accounts.test_flows import sign_in


async def _user(email: str, role: str = "", office: str = OFFICE, admin: bool = False):  # type: ignore[no-untyped-def]
    user = await current_user(await person(email, role, office, admin))
    assert user is not None
    return user


async def test_audit_log_is_append_only(db: str) -> None:
    official = await _user("urzednik@example.org", "official")
    await record(official, "test.action", "thing", 1, after={"x": 1})
    engine = AuditEntry._meta.db
    for statement in ("UPDATE audit_entry SET action = 'changed'", "DELETE FROM audit_entry",
                      "UPDATE audit_entry SET actor_email = actor_email WHERE id = 1"):
        with pytest.raises(Exception, match="append-only"):
            await engine.run_querystring(QueryString(statement))
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.delete(force=True)
    rows = await AuditEntry.select(AuditEntry.action, AuditEntry.after).output(load_json=True)
    assert rows == [{"action": "test.action", "after": {"x": 1}}]


async def test_heads_read_their_offices_and_admins_everything(db: str) -> None:
    await make_consultation()
    other_office = await ensure_office("Inne biuro")
    official = await _user("urzednik@example.org", "official")
    head = await _user("szefowa@example.org", "office_head")
    other_head = await _user("inny@example.org", "office_head", "Inne biuro")
    admin = await _user("admin@example.org", admin=True)
    ref = await add_comment("strategia", "3.1", "Reklama")
    await moderation.decide(official, "strategia", await comment_id(ref), "hide", "spam", now=now())
    await moderation.set_mode(head, "strategia", "pre")
    await record(other_head, "office.note", "office", other_office, after={"x": "ż"}, office_id=other_office)
    await record(None, "privacy.erase", "person", 0, after={"comments": 1})

    mine = await services.entries_for(head)
    assert [e.action for e in mine.items] == ["consultation.moderation", "comment.hide"]  # newest first
    assert mine.items[1].actor == "urzednik@example.org" and mine.items[1].office == OFFICE
    assert [e.action for e in (await services.entries_for(other_head)).items] == ["office.note"]
    assert (await services.entries_for(admin)).total == 4
    assert services.may_read(head) and services.may_read(admin) and not services.may_read(official)

    hide = mine.items[1]
    changes = {c.field: (c.before, c.after, c.changed) for c in hide.changes}
    assert changes["status"] == ("published", "hidden", True) and changes["reason"] == ("", "spam", True)
    assert changes["note"] == ("", "", False) and "flags" not in changes
    note = (await services.entries_for(admin, action="office.note")).items[0]
    assert [(c.field, c.before, c.after) for c in note.changes] == [("x", None, "ż")]

    filters = await services.filters_for(head)
    assert filters.actions == ["comment.hide", "consultation.moderation"]
    assert filters.consultations == [("strategia", "Strategia (strategia)")]
    assert (await services.filters_for(other_head)).consultations == []
    assert len((await services.filters_for(admin)).actions) == 4


async def test_filters_by_action_and_consultation_and_pages(db: str) -> None:
    await make_consultation()
    await make_consultation("inna")
    head = await _user("szefowa@example.org", "office_head")
    refs = [await add_comment("strategia", "3.1", f"Uwaga {i}") for i in range(3)]
    elsewhere = await add_comment("inna", "3.1", "Gdzie indziej")
    for slug, ref in [("strategia", r) for r in refs] + [("inna", elsewhere)]:
        await moderation.decide(head, slug, await comment_id(ref), "hide", "duplicate", now=now())
    await moderation.set_mode(head, "inna", "pre")
    assert (await services.entries_for(head)).total == 5
    about = await services.entries_for(head, consultation="strategia")
    assert about.total == 3 and {e.object_id for e in about.items} == set(refs)
    other = await services.entries_for(head, consultation="inna")
    assert [e.object_id for e in other.items] == ["inna", elsewhere]
    assert (await services.entries_for(head, action="consultation.moderation")).total == 1
    assert (await services.entries_for(head, action="comment.hide", consultation="inna")).total == 1
    assert (await services.entries_for(head, consultation="nie-ma")).total == 0

    first = await services.entries_for(head, 1, per_page=2)
    second = await services.entries_for(head, 2, per_page=2)
    last = await services.entries_for(head, 99, per_page=2)  # past the end: the last page
    assert (first.pages, first.has_next, last.page) == (3, True, 3)
    ids = [e.id for e in first.items + second.items + last.items]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 5


async def test_audit_page_for_heads_and_admins_only(browser: Browser) -> None:
    await make_consultation()
    office = await ensure_office(OFFICE)
    await person("szefowa@example.org", "office_head")
    await person("urzednik@example.org", "official")
    await person("mieszkanka@example.org")
    await person("admin@example.org", admin=True)
    await AuditEntry.insert(AuditEntry(actor=None, actor_email="urzednik@example.org", office=office,
                                       action="comment.hide", object_type="comment", object_id="KS-2026-000001",
                                       before={"status": "published", "reason": ""},
                                       after={"status": "hidden", "reason": "spam", "tags": ["łąka"]},
                                       created_at=datetime(2026, 7, 1, 10, 30, tzinfo=timezone.utc)))
    for i in range(60):
        await AuditEntry.insert(AuditEntry(actor_email="x@example.org", office=office, action="theme.rename",
                                           object_type="theme", object_id=str(i), before={"label": f"a{i}"},
                                           after={"label": f"b{i}"}, created_at=now() + timedelta(seconds=i)))

    anonymous = await browser.client.get("/panel/dziennik", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/logowanie?next=%2Fpanel%2Fdziennik"
    for email, status in (("mieszkanka@example.org", 403), ("urzednik@example.org", 403),
                          ("szefowa@example.org", 200), ("admin@example.org", 200)):
        await sign_in(browser, email)
        assert (await browser.get("/panel/dziennik")).status_code == status, email
        await browser.post_form("/wyloguj", {})

    await sign_in(browser, "szefowa@example.org")
    first = await browser.get("/panel/dziennik")
    assert 'id="wpis-61"' in first.text and 'id="wpis-1"' not in first.text  # newest first, 50 a page
    assert 'rel="next"' in first.text and "page=2" in first.text
    second = await browser.get("/panel/dziennik?page=2")
    assert 'id="wpis-1"' in second.text and 'rel="prev"' in second.text
    hidden = await browser.get("/panel/dziennik?action=comment.hide")
    assert "1 lipca 2026, 12:30:00" in hidden.text  # Europe/Warsaw
    assert "<del>opublikowane</del> → <ins>ukryte</ins>" in hidden.text and '<ins>[&#34;łąka&#34;]</ins>' in hidden.text
    assert 'id="wpis-2"' not in hidden.text
    fragment = await browser.get("/panel/dziennik?consultation=strategia",
                                 headers={"hx-request": "true", "hx-target": "audit-log"})
    assert fragment.text.lstrip().startswith('<div id="audit-log"') and "<html" not in fragment.text
    assert (await browser.post_form("/panel/dziennik", {})).status_code == 405  # read-only: no way to write
    assert await AuditEntry.count() == 61
