"""Accessibility in a real browser: axe-core on every resident page, keyboard-only use, and
markup ready for a Content Security Policy without inline scripts or styles."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import Site
from tests.browser.test_pages_on_a_phone import PROBE

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def _with_form_errors(page: Any, site: Site) -> None:
    """The section after an htmx submission of an empty remark (errors swapped in)."""
    page.goto(site.section_url())
    page.locator("#f-proposal").fill("Bez treści uwagi.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator("#form-errors")).to_be_focused()


def _with_form_errors_full_page(page: Any, site: Site) -> None:
    """The section re-rendered as a whole page with errors (the form posted without htmx)."""
    page.goto(site.section_url())
    with page.expect_navigation():
        page.evaluate("document.getElementById('comment-form').submit()")
    expect(page.locator("#form-errors")).to_be_visible()


def _comment(page: Any, site: Site) -> None:
    page.goto(site.section_url())
    reference = page.locator("article.comment .reference").first.inner_text()
    page.goto(f"/uwagi/{reference}")


def _new_comment(page: Any, site: Site) -> None:
    """The confirmation page after a submission without htmx."""
    page.goto(site.section_url())
    page.locator("#f-remark").fill("Uwaga do sprawdzenia dostępności strony potwierdzenia.")
    with page.expect_navigation():
        page.evaluate("document.getElementById('comment-form').submit()")
    expect(page).to_have_url(re.compile(r"nowa=1$"))


def _english_home(page: Any, site: Site) -> None:
    page.goto("/jezyk/en?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def _english_section(page: Any, site: Site) -> None:
    page.goto(f"/jezyk/en?next=/konsultacje/{site.open_slug}/sekcje/{site.section_id}")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def _phone_section(page: Any, site: Site) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.section_url())


def _goto(path: str | Callable[[Site], str]) -> Callable[[Any, Site], None]:
    def visit(page: Any, site: Site) -> None:
        page.goto(path(site) if callable(path) else path)
    return visit


PAGES: dict[str, Callable[[Any, Site], None]] = {
    "home": _goto("/"),
    "consultation": _goto(lambda s: f"/konsultacje/{s.open_slug}"),
    "section": _goto(lambda s: s.section_url()),
    "section, second page of comments": _goto(lambda s: s.section_url(s.busiest_section_id) + "?sort=supported&page=2"),
    "section with form errors (htmx)": _with_form_errors,
    "section with form errors (full page)": _with_form_errors_full_page,
    "comment": _comment,
    "comment just submitted": _new_comment,
    "closed consultation": _goto(lambda s: f"/konsultacje/{s.closed_slug}"),
    "closed section": _goto(lambda s: s.section_url(s.closed_section_id, s.closed_slug)),
    "404": _goto("/konsultacje/nie-ma-takich-konsultacji"),
    "English home": _english_home,
    "English section": _english_section,
    "section at phone width": _phone_section,
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(name: str, page: Any, site: Site, axe: Axe) -> None:
    PAGES[name](page, site)
    violations = axe.run(page).response["violations"]
    for v in violations:
        if v["impact"] not in BLOCKING:
            print(f"[{name}] axe {v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
    blocking = [
        f"{v['impact']}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations if v["impact"] in BLOCKING
    ]
    assert not blocking, f"{name} ({page.url}):\n" + "\n".join(blocking)
    found = page.evaluate(PROBE)  # beside axe: ids used once, every form control labelled
    assert not found["duplicates"], f"{name} ({page.url}): ids used more than once: {found['duplicates']}"
    assert not found["unlabelled"], f"{name} ({page.url}): form controls without a label: {found['unlabelled']}"


def test_skip_link_comes_first_and_moves_focus_to_main(page: Any, site: Site) -> None:
    page.goto(site.section_url())
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # shown when focused
    expect(skip).to_have_text("Przejdź do treści")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the main content, not the header
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def _tab_to(page: Any, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_form_filled_and_submitted_with_the_keyboard_only(page: Any, site: Site) -> None:
    page.goto(site.section_url())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip link
    _tab_to(page, "#f-remark")
    page.keyboard.type("Uwaga wpisana wyłącznie z klawiatury.")
    _tab_to(page, "input[name=submitter_kind]")
    page.keyboard.press("ArrowRight")  # radio group: the next kind, "NGO"
    expect(page.locator("input[name=submitter_kind][value=ngo]")).to_be_checked()
    _tab_to(page, "#f-submitter_name")
    page.keyboard.type("Stowarzyszenie Klawiatura")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # show the name
    expect(page.locator("#f-show_name")).to_be_checked()
    _tab_to(page, "#comment-form .actions button[type=submit]")  # past "Sprawdź podobne uwagi"
    # The focus indicator is drawn (an outline) on the focused button.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    confirmation = page.locator("#comment-form.notice-success")
    expect(confirmation).to_be_focused()
    reference = re.search(r"KS-\d{4}-\d{6}", confirmation.inner_text())
    assert reference
    page.goto(f"/uwagi/{reference.group()}")
    expect(page.locator(".comment-single")).to_contain_text("Stowarzyszenie Klawiatura")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.I)


def test_pages_have_no_inline_scripts_styles_or_handlers(site: Site) -> None:
    """Ready for a Content-Security-Policy without 'unsafe-inline'."""
    paths = ["/", f"/konsultacje/{site.open_slug}", f"/konsultacje/{site.open_slug}/sekcje/{site.section_id}",
             f"/konsultacje/{site.closed_slug}/sekcje/{site.closed_section_id}", "/nie-ma"]
    for path in paths:
        try:
            with urllib.request.urlopen(site.url(path), timeout=10) as response:  # noqa: S310
                html = response.read().decode()
        except urllib.error.HTTPError as error:
            html = error.read().decode()
        assert not INLINE_SCRIPT.search(html), path
        assert not INLINE_STYLE.search(html), (path, INLINE_STYLE.search(html))
