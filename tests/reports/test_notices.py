"""The due-date notices other pages include: the public consultation page and the officials' panel."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from consult.lib import clock, i18n
from consult.reports.formats.web import environment
from tests.accounts.test_flows import PASSWORD, sign_in
from tests.clients import Browser
from tests.factories import make_consultation

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _macros():  # type: ignore[no-untyped-def]
    return environment().get_template("reports/_macros.html").module


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _row(phase: str, opens: timedelta, closes: timedelta, status: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(phase=SimpleNamespace(value=phase), status=status or phase, slug="s", title="T",
                           opens_at=NOW + opens, closes_at=NOW + closes, closed_at=None)


def test_public_page_shows_the_due_date_or_the_report(frozen: None) -> None:
    closes = datetime(2026, 10, 1, 21, 0, tzinfo=timezone.utc)  # 23:00 in Warsaw
    closed = SimpleNamespace(phase=SimpleNamespace(value="closed"), opens_at=closes - timedelta(days=40),
                             closes_at=closes, closed_at=None, slug="s")
    early = SimpleNamespace(**{**vars(closed), "closed_at": closes - timedelta(days=10)})
    token = i18n.set_locale("pl")
    try:
        assert "31 października 2026" in str(_macros().due_notice(closed))
        assert "21 października 2026" in str(_macros().due_notice(early))  # 30 days from the actual close
    finally:
        i18n.reset_locale(token)
    reported = SimpleNamespace(phase=SimpleNamespace(value="reported"), closes_at=closes, slug="s")
    assert 'href="/raporty/s"' in str(_macros().due_notice(reported))


def test_panel_warns_as_the_due_date_nears_and_for_short_consultations(frozen: None) -> None:
    near = _row("closed", -timedelta(days=70), -timedelta(days=25))
    html = str(_macros().panel_report(near))
    assert "/panel/konsultacje/s/raport" in html and 'class="warning"' in html
    late = str(_macros().panel_report(_row("closed", -timedelta(days=80), -timedelta(days=35))))
    assert "overdue" in late or "po terminie" in late or "minął" in late
    calm = _row("closed", -timedelta(days=50), -timedelta(days=2))
    assert 'class="warning"' not in str(_macros().panel_report(calm))
    short = _row("upcoming", timedelta(days=7), timedelta(days=37), status="open")
    assert 'class="warning"' in str(_macros().panel_report(short))
    published = _row("reported", -timedelta(days=90), -timedelta(days=40), status="report_published")
    assert 'class="warning"' not in str(_macros().panel_report(published))


async def test_panel_and_consultation_page_carry_the_notices(browser: Browser) -> None:
    from consult.accounts import services as accounts
    from consult.consultations.tables import Consultation

    await make_consultation("zamkniete", opened=timedelta(days=60), duration=timedelta(days=36), status="closed")
    office = (await Consultation.select(Consultation.office).first())["office"]
    await accounts.grant_role(await accounts.create_user("urzednik@example.org", PASSWORD, "U"), office, "official")
    page = await browser.get("/konsultacje/zamkniete")
    assert 'class="report-due"' in page.text
    await sign_in(browser, "urzednik@example.org")
    panel = await browser.get("/panel")
    assert 'href="/panel/konsultacje/zamkniete/raport"' in panel.text and 'class="warning"' in panel.text  # 6 days left
