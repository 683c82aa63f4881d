"""Closing early: the actual closing time is stored and every date, duration and due date counts from it;
closing and reopening first say what follows."""

from __future__ import annotations

import json
from datetime import timedelta

import jsonschema

from consult.accounts.schemas import CurrentUser
from consult.accounts.services import create_user, current_user, grant_role
from consult.consultations.services import ensure_office
from consult.consultations.tables import Consultation
from consult.lib.clock import now
from consult.lib.deadlines import local, report_due
from consult.lib.i18n import format_d
from consult.panel import services as panel
from consult.reports import services
from consult.reports.formats import opendata
from consult.review.tables import AnalysisRun
from consult.settings import get_settings
from tests.accounts.test_flows import sign_in
from tests.clients import Browser
from tests.factories import make_consultation

SLUG = "strategia"


def _day(value) -> str:  # type: ignore[no-untyped-def]
    return format_d(value, get_settings().timezone)


async def _head() -> CurrentUser:
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    uid = await create_user("kierownik@example.org", "haslo-kierownika", "Katarzyna Kierownik")
    await grant_role(uid, office, "office_head")
    user = await current_user(uid)
    assert user is not None
    return user


async def test_closing_early_stores_the_moment_and_the_report_counts_from_it(db: str) -> None:
    await make_consultation(SLUG, opened=timedelta(days=10), duration=timedelta(days=45))
    head = await _head()
    moment = now()
    planned = (await Consultation.select(Consultation.closes_at).first())["closes_at"]
    preview = await panel.status_preview(head, SLUG, "closed", moment)
    assert preview.report_due == report_due(moment) and preview.days_early == (local(planned).date() - local(moment).date()).days
    await panel.set_status(head, SLUG, "closed")
    row = await Consultation.select(Consultation.status, Consultation.closed_at).first()
    assert row["status"] == "closed" and abs((row["closed_at"] - moment).total_seconds()) < 60
    assert await AnalysisRun.count() == 1  # the analysis is queued on closing
    report = await services.build_report(SLUG, now())
    f = report.facts
    assert f.closes_at == row["closed_at"] and f.closed_early and f.planned_closes_at == planned
    assert f.days_open == 11 and f.report_due == local(row["closed_at"]).date() + timedelta(days=30)
    data = json.loads(opendata.render(report))
    jsonschema.validate(data, opendata.schema())
    assert data["facts"]["closes_at"] == row["closed_at"].isoformat() and data["facts"]["closed_early"] is True
    workspace = await services.workspace(SLUG, now())
    assert workspace.deadline.due == f.report_due and workspace.may_publish_now
    # Reopened: the stored moment goes, and the planned end holds again.
    await panel.set_status(head, SLUG, "open")
    assert (await Consultation.select(Consultation.closed_at).first())["closed_at"] is None
    assert (await services.build_report(SLUG, now())).facts.closes_at == planned


async def test_head_confirms_closing_and_reopening_and_pages_show_the_actual_dates(browser: Browser) -> None:
    await make_consultation(SLUG, opened=timedelta(days=10), duration=timedelta(days=45))
    await _head()
    await sign_in(browser, "kierownik@example.org", "haslo-kierownika")
    planned = (await Consultation.select(Consultation.closes_at).first())["closes_at"]
    panel_page = await browser.get("/panel")
    assert f"/panel/konsultacje/{SLUG}/status?na=closed" in panel_page.text
    confirm = await browser.get(f"/panel/konsultacje/{SLUG}/status?na=closed")
    due = _day(now() + timedelta(days=30))
    assert confirm.status_code == 200 and "odrzucane" in confirm.text and "analiza" in confirm.text.lower()
    assert f"Termin raportu: {due}" in confirm.text and _day(planned) in confirm.text
    # A post without the confirmation only shows that step again; nothing changes.
    unconfirmed = await browser.post_form(f"/panel/konsultacje/{SLUG}/status", {"status": "closed"})
    assert unconfirmed.status_code == 200 and "Tak, zamknij teraz" in unconfirmed.text
    assert (await Consultation.select(Consultation.status).first())["status"] == "open"
    closed = await browser.post_form(f"/panel/konsultacje/{SLUG}/status", {"status": "closed", "confirm": "1"},
                                     follow_redirects=False)
    assert closed.status_code == 303
    public = await browser.get(f"/konsultacje/{SLUG}")
    today = _day(now())
    notice = public.text.split("Konsultacje zakończyły się ", 1)[1][:40]
    assert notice.startswith(today), notice
    assert _day(planned) in public.text and "zamknął je wcześniej" in public.text
    assert f"zostanie opublikowany do {due}" in public.text
    panel_page = await browser.get("/panel")
    assert "zamknięte wcześniej" in panel_page.text
    api = (await browser.get(f"/api/v1/consultations/{SLUG}")).json()
    stored = (await Consultation.select(Consultation.closed_at).first())["closed_at"]
    assert api["closed_early"] is True and api["ended_at"].startswith(stored.isoformat()[:16])
    reopen = await browser.get(f"/panel/konsultacje/{SLUG}/status?na=open")
    assert reopen.status_code == 200 and "ponownie" in reopen.text
    again = await browser.post_form(f"/panel/konsultacje/{SLUG}/status", {"status": "open", "confirm": "1"},
                                    follow_redirects=False)
    assert again.status_code == 303
    assert (await Consultation.select(Consultation.status, Consultation.closed_at).first()) == {"status": "open", "closed_at": None}
