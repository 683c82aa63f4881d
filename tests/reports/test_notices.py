"""The due-date notices other pages include: the public consultation page and the officials' panel."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from consult.reports.formats.web import environment


def _macros():  # type: ignore[no-untyped-def]
    return environment().get_template("reports/_macros.html").module


def test_public_page_shows_the_due_date_or_the_report() -> None:
    closes = datetime(2026, 10, 1, 21, 0, tzinfo=timezone.utc)
    closed = SimpleNamespace(phase=SimpleNamespace(value="closed"), closes_at=closes, slug="s")
    assert "2026-10-31" in str(_macros().due_notice(closed))
    reported = SimpleNamespace(phase=SimpleNamespace(value="reported"), closes_at=closes, slug="s")
    assert 'href="/raporty/s"' in str(_macros().due_notice(reported))


def test_panel_warns_as_the_due_date_nears_and_for_short_consultations() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    near = SimpleNamespace(phase=SimpleNamespace(value="closed"), slug="s", title="T",
                           opens_at=now - timedelta(days=70), closes_at=now - timedelta(days=25))
    html = str(_macros().panel_report(near, now))
    assert "/panel/konsultacje/s/raport" in html and 'class="warning"' in html
    calm = SimpleNamespace(phase=SimpleNamespace(value="closed"), slug="s", title="T",
                           opens_at=now - timedelta(days=50), closes_at=now - timedelta(days=2))
    assert 'class="warning"' not in str(_macros().panel_report(calm, now))
    short = SimpleNamespace(phase=SimpleNamespace(value="upcoming"), slug="s", title="T",
                            opens_at=now + timedelta(days=7), closes_at=now + timedelta(days=37))
    assert 'class="warning"' in str(_macros().panel_report(short, now))
