"""The office's loop in a real browser: one position for a theme keeps the positions written by hand
and is undone in one step (JavaScript on and off); reopening and closing say what follows."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


def _sign_in(page: Any) -> None:
    page.goto("/logowanie")
    page.fill("#f-email", "kierownik@example.org")
    page.fill("#f-password", "demo-konsultacje-2026")
    page.locator("main button[type=submit]").click()
    if "/panel" not in page.url:
        pytest.skip("the demo accounts are not seeded (factories fallback)")


def _themes_page(page: Any, site: Site) -> str:
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad")
    if page.get_by_text("Ostatnia analiza zakończyła się").count() == 0:
        button = page.get_by_role("button", name=re.compile(r"^Przeanalizuj"))
        if button.count():
            button.click()
        page.get_by_text("Ostatnia analiza zakończyła się").wait_for(timeout=120_000)
    url = f"/panel/konsultacje/{site.open_slug}/przeglad/sekcje/{site.busiest_section_id}"
    page.goto(url)
    if page.locator("section.theme form.position-form").count() == 0:
        pytest.skip("the busiest section has no theme with representative comments")
    return url


def _hand_written(page: Any) -> tuple[Any, str]:
    """The first theme's first representative comment gets a position written by hand."""
    theme = page.locator("section.theme").first
    form = theme.locator("form.position-form").first
    form_id = form.get_attribute("id")
    form.locator("input[name=value][value=partly]").check()
    form.locator("[name=justification]").fill("Napisane ręcznie przez kierownika")
    form.locator("button[type=submit]").click()
    return theme, str(form_id)


def _still_hand_written(page: Any, url: str, form_id: str) -> None:
    page.goto(url)
    form = page.locator(f"[id='{form_id}']")
    assert form.locator("input[name=value][value=partly]").is_checked()
    assert form.locator("[name=justification]").input_value() == "Napisane ręcznie przez kierownika"


def test_bulk_position_keeps_hand_written_ones_and_undoes_with_javascript(page: Any, site: Site) -> None:
    _sign_in(page)
    url = _themes_page(page, site)
    _theme, form_id = _hand_written(page)
    page.get_by_text("Zapisano").first.wait_for()
    page.goto(url)
    bulk = page.locator("section.theme").first.locator("details.bulk:has(form[action*='/tematy/'])").first
    bulk.locator("> summary").click()
    hint = bulk.locator(".hint").inner_text()
    assert re.search(r"\d+ z nich ma(ją)? już stanowisko", hint) and "Katarzyna Kierownik" in hint
    bulk.locator("details > summary").click()
    assert bulk.locator(".held-list li").count() >= 1  # the positions that would be replaced, listed
    bulk.locator("input[name=value][value=accepted]").check()
    bulk.locator("button[type=submit]").click()
    result = page.locator(".bulk-result").first
    result.wait_for()
    assert "zachował" in result.inner_text()  # the hand-written one kept its position
    result.get_by_role("button", name="Cofnij").click()
    page.get_by_text("Zbiorcze stanowisko cofnięto").wait_for()
    _still_hand_written(page, url, form_id)


def test_bulk_position_replaces_only_when_ticked_and_undoes_without_javascript(page_nojs: Any, site: Site) -> None:
    page = page_nojs
    _sign_in(page)
    url = _themes_page(page, site)
    _theme, form_id = _hand_written(page)
    page.wait_for_load_state()
    page.goto(url)
    bulk = page.locator("section.theme").first.locator("details.bulk:has(form[action*='/tematy/'])").first
    bulk.locator("> summary").click()
    bulk.locator("input[name=value][value=not_applicable]").check()
    bulk.locator("[name=justification]").fill("Poza zakresem projektu")
    bulk.locator("input[name=overwrite]").check()
    bulk.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/przeglad/zbiorcze/\d+$"))
    reference = page.locator("main table tbody tr").filter(has_text="Napisane ręcznie przez kierownika")
    assert reference.count() == 1
    assert "częściowo uwzględniona" in reference.inner_text() and "Poza zakresem projektu" in reference.inner_text()
    page.get_by_role("button", name="Cofnij").click()
    page.wait_for_load_state()
    assert page.get_by_text("To zbiorcze stanowisko zostało cofnięte.").count() == 1
    _still_hand_written(page, url, form_id)


def test_reopening_and_closing_say_what_follows(page: Any, page_nojs: Any, site: Site) -> None:
    from babel.dates import format_date

    _sign_in(page)
    closed = page.request.get(f"/api/v1/consultations/{site.closed_slug}").json()
    page.goto("/panel")
    page.locator(f"a[href='/panel/konsultacje/{site.closed_slug}/status?na=open']").click()
    notice = page.locator(".confirm-notice").inner_text()
    assert "ponownie zgłaszać uwagi" in notice and "już minął" in notice  # its planned end is behind it
    page.get_by_role("button", name="Tak, otwórz ponownie").click()
    page.wait_for_url(re.compile(r"/panel$"))
    _sign_in(page_nojs)
    page_nojs.goto("/panel")
    page_nojs.locator(f"a[href='/panel/konsultacje/{site.closed_slug}/status?na=closed']").click()
    notice = page_nojs.locator(".confirm-notice").inner_text()
    from datetime import datetime
    from zoneinfo import ZoneInfo

    planned_end = datetime.fromisoformat(closed["closes_at"]).astimezone(ZoneInfo("Europe/Warsaw"))
    due = format_date((planned_end + timedelta(days=30)).date(), format="long", locale="pl")
    assert "odrzucane" in notice and "Analiza wszystkich uwag" in notice and f"Termin raportu: {due}" in notice
    page_nojs.get_by_role("button", name="Tak, zamknij teraz").click()
    page_nojs.wait_for_url(re.compile(r"/panel$"))
    public = page_nojs.goto(f"/konsultacje/{site.closed_slug}")
    assert public is not None and public.status == 200
    assert page_nojs.get_by_text("Konsultacje zakończyły się").count() == 1
