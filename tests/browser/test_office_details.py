"""In a real browser: an official edits the consultation's public information (JavaScript on and
off), and the comment form counts characters live and names a field that is too long."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site
from tests.browser.test_pages_on_a_phone import _sign_in

pytestmark = pytest.mark.browser


def _details(page: Any, site: Site) -> None:
    _sign_in(page, "official")
    page.goto(f"/panel/konsultacje/{site.open_slug}/informacje")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Informacje o konsultacjach")


def test_official_edits_the_public_information_with_javascript(page: Any, site: Site) -> None:
    _details(page, site)
    page.get_by_label("Czego dotyczą konsultacje").fill("Konsultujemy **program** pomocy.\n\n- punkt pierwszy\n- punkt drugi")
    page.get_by_label("Kto może wziąć udział").fill("Każda osoba mieszkająca w Warszawie")
    page.get_by_label("Podstawa prawna").fill("Uchwała nr XII/34/2026 Rady m.st. Warszawy")
    page.locator("#f-contact_name").fill("Anna Kowalska")
    page.locator("#f-contact_email").fill("anna.kowalska@um.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Zapisz informacje").click()
    expect(page.locator("#saved")).to_be_visible()
    page.goto(f"/konsultacje/{site.open_slug}")
    about = page.locator("section[aria-labelledby=about-heading]")
    expect(about.locator("strong")).to_have_text("program")
    expect(about.locator("li")).to_have_count(2)
    facts = page.locator("aside.side-col")
    expect(facts).to_contain_text("Każda osoba mieszkająca w Warszawie")
    expect(facts).to_contain_text("Uchwała nr XII/34/2026")
    expect(facts.get_by_role("link", name="anna.kowalska@um.example")).to_have_attribute(
        "href", "mailto:anna.kowalska@um.example")


def test_wrong_dates_and_long_text_are_named_without_javascript(page_nojs: Any, site: Site) -> None:
    page = page_nojs
    _details(page, site)
    opens = page.locator("#f-opens_on").input_value()
    page.locator("#f-closes_on").fill(opens)  # closes the day it opens
    page.get_by_label("Podstawa prawna").fill("x" * 2001)
    with page.expect_navigation():
        page.get_by_role("button", name="Zapisz informacje").click()
    summary = page.locator("#form-errors")
    expect(summary).to_contain_text("Koniec: Konsultacje muszą")
    expect(summary).to_contain_text("Podstawa prawna: To pole jest za długie.")
    expect(page.locator("#f-closes_on")).to_have_attribute("aria-invalid", "true")
    assert page.locator("#f-legal_basis").input_value() == "x" * 2001  # what was typed is kept


def test_live_counter_and_the_server_naming_a_long_field(page: Any, site: Site) -> None:
    page.goto(site.section_url())
    remark = page.locator("#f-remark")
    remark.fill("Krótka uwaga")
    counter = page.locator("#count-f-remark")
    expect(counter).to_have_text(re.compile(r"^12 z 5\s?000 znaków$"))  # Polish groups 4 digits or not
    remark.fill("ż" * 5003)  # never cut by the browser
    expect(counter).to_have_text(re.compile(r"skróć tekst o 3\.$"))
    expect(counter).to_have_class(re.compile("counter-over"))
    assert len(remark.input_value()) == 5003
    page.get_by_role("button", name="Wyślij uwagę").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Treść uwagi: To pole jest za długie")
    assert len(page.locator("#f-remark").input_value()) == 5003
