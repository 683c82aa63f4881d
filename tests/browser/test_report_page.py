"""The web report as a page: a table of contents, each section's comments folded with the office's
position in view (1280 px and 390 px), and every comment printed when the page is printed."""

from __future__ import annotations

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


def test_the_report_page_reads_on_a_wide_and_a_narrow_screen_and_prints_whole(page: Any, site: Site) -> None:
    _sign_in(page)
    page.goto(f"/panel/konsultacje/{site.closed_slug}/raport/podglad")
    groups = page.locator("details.comment-rows")
    assert groups.count() >= 1
    assert page.locator("details.comment-rows[open]").count() == 0  # folded until a reader opens one
    targets = page.eval_on_selector_all("nav.report-toc a[href^='#']", "as => as.map(a => a.getAttribute('href'))")
    assert len(targets) > 7  # the parts, and the sections under them
    for target in targets:
        assert page.locator(f"[id='{target[1:]}']").count() == 1, target
    rows = page.locator("table.comments-table tbody tr").count()
    folded_height = page.evaluate("document.documentElement.scrollHeight")
    assert folded_height < 20_000 + 40 * groups.count(), folded_height

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        first = groups.first
        if first.get_attribute("open") is None:
            first.locator("summary").click()
        cell = first.locator("td.c-pos").first
        cell.scroll_into_view_if_needed()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (width, box)
        assert cell.inner_text().strip()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width

    # Printed, every section's comments are there, folded or not.
    page.emulate_media(media="print")
    assert page.locator("details.comment-rows td.c-pos:visible").count() == rows
    assert page.locator("details.comment-rows > summary:visible").count() == 0
