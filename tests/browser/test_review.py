"""The officials' review in a real browser: sign in, analyse, watch progress, read the themes of
3.2, record positions one by one and for a theme — with axe on each review page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


def _no_serious(axe: Axe, page: Any, name: str) -> None:
    violations = axe.run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']})" for v in violations if v["impact"] in {"serious", "critical"}]
    assert not serious, f"{name}: {serious}"


def test_official_reviews_with_analysis_and_positions(page: Any, site: Site) -> None:
    page.goto("/logowanie")
    page.fill("#f-email", "urzednik@example.org")
    page.fill("#f-password", "demo-konsultacje-2026")
    page.locator("main button[type=submit]").click()
    if "/panel" not in page.url:
        pytest.skip("the demo accounts are not seeded (factories fallback)")
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad")
    # "Przeanalizuj uwagi", or "… ponownie" once another test has analysed them (a run may still be going).
    analyse = page.get_by_role("button", name=re.compile(r"^Przeanalizuj"))
    analyse.wait_for(timeout=120_000)
    analyse.click()
    # htmx swaps in the progress and polls until the worker in the app has finished.
    page.get_by_text("Ostatnia analiza zakończyła się").wait_for(timeout=90_000)
    axe = Axe()
    _no_serious(axe, page, "dashboard")
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad/sekcje/{site.section_id}")
    assert page.locator("section.theme").count() >= 1
    assert page.get_by_text("Kluczowe wyrażenia").first.is_visible()
    _no_serious(axe, page, "themes")
    first = page.locator("form.position-form").first
    first.get_by_label("uwzględniona", exact=True).check()
    first.get_by_role("button", name="Zapisz stanowisko").click()
    page.get_by_text("Zapisano").first.wait_for()
    theme_bulk = page.locator("section.theme details.bulk").last
    theme_bulk.locator("summary").click()
    theme_bulk.get_by_label("nie dotyczy").check()
    theme_bulk.get_by_role("button", name="Nadaj to stanowisko wszystkim").click()
    page.get_by_text("Stanowisko nadano").first.wait_for()
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad")
    assert "0 / " not in page.locator(".stat-row").inner_text()
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad/uwagi?position=none")
    _no_serious(axe, page, "find")
