"""The resident's journey in a real browser, with JavaScript (htmx, quoting) and without it."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest
from playwright.sync_api import expect

from consult.lib.text import normalise_whitespace, plain_text
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"KS-\d{4}-\d{6}")

# Select part of the section's text across two blocks, as a resident would with the mouse, and
# release the button: the enhancement then offers to quote it.
SELECT_PASSAGE = """(body) => {
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (walker.currentNode.nodeValue.trim().length > 20) nodes.push(walker.currentNode);
  const first = nodes[Math.min(1, nodes.length - 1)], last = nodes[Math.min(2, nodes.length - 1)];
  const range = document.createRange();
  range.setStart(first, 4);
  range.setEnd(last, Math.min(last === first ? 40 : 18, last.nodeValue.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  return selection.toString();
}"""


def _section_html(site: Site, section_id: int) -> str:
    with sqlite3.connect(site.db_path) as db:
        return str(db.execute("SELECT body_html FROM section WHERE id = ?", (section_id,)).fetchone()[0])


def _stored(site: Site, reference: str) -> dict[str, Any]:
    with sqlite3.connect(site.db_path) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM comment WHERE reference = ?", (reference,)).fetchone()
    assert row is not None, reference
    return dict(row)


def _active_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_journey_with_javascript_quotes_a_passage_and_confirms(page: Any, site: Site) -> None:
    page.goto("/")
    page.locator(f"a[href='/konsultacje/{site.open_slug}']").first.click()
    expect(page).to_have_url(site.url(f"/konsultacje/{site.open_slug}"))
    page.locator(f".toc a[href$='/sekcje/{site.section_id}']").first.click()
    expect(page).to_have_url(site.section_url())
    expect(page.locator("h1")).to_contain_text(site.section_number)

    selected = page.locator("#section-body").evaluate(SELECT_PASSAGE)
    button = page.get_by_role("button", name="Cytuj ten fragment w uwadze")
    expect(button).to_be_visible()
    button.click()
    quote = page.locator("#f-quote_text").input_value()
    start = int(page.locator("input[name=quote_start]").input_value())
    end = int(page.locator("input[name=quote_end]").input_value())
    # The selection grows to whole words; the browser's offsets agree with the server's plain
    # text of the section (the contract between static/js/consult.js and consult.lib.text).
    assert normalise_whitespace(selected) in quote
    assert plain_text(_section_html(site, site.section_id))[start:end] == quote
    expect(page.locator("#f-remark")).to_be_focused()

    remark = "Brakuje terminów realizacji. Proszę dopisać harmonogram działań (test JS)."
    page.locator("#f-remark").fill(remark)
    page.locator("#f-proposal").fill("Dodać harmonogram na lata 2026–2028.")
    page.get_by_role("button", name="Wyślij uwagę").click()

    confirmation = page.locator("#comment-form.notice-success")
    expect(confirmation).to_contain_text("Dziękujemy. Twoja uwaga została przyjęta.")
    expect(page).to_have_url(site.section_url())  # htmx swapped the form, no navigation
    reference = REFERENCE.search(confirmation.locator(".reference").inner_text())
    assert reference, confirmation.inner_text()
    expect(confirmation).to_be_focused()
    stored = _stored(site, reference.group())
    assert (stored["quote_text"], stored["quote_start"], stored["quote_end"]) == (quote, start, end)

    page.goto(site.section_url())  # newest first: the comment leads the list
    card = page.locator(f"#uwaga-{reference.group()}")
    expect(card).to_contain_text(remark)
    expect(card.locator("blockquote.quote")).to_contain_text(quote)

    page.goto(f"/uwagi/{reference.group()}")
    expect(page.locator("h1")).to_contain_text(reference.group())
    expect(page.locator("blockquote.quote")).to_contain_text(quote)
    expect(page.locator(".remark")).to_contain_text(remark)


def test_journey_without_javascript_redirects_to_the_confirmation(page_nojs: Any, site: Site) -> None:
    page = page_nojs
    page.goto(site.section_url())
    expect(page.locator(".quote-button")).to_have_count(0)  # the enhancement did not run
    remark = "Uwaga wysłana bez JavaScriptu: proszę uwzględnić osoby starsze."
    page.locator("#f-remark").fill(remark)
    page.locator("#f-justification").fill("Bo to ważne.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page).to_have_url(re.compile(r"/uwagi/KS-\d{4}-\d{6}\?nowa=1$"))
    expect(page.get_by_role("status")).to_contain_text("Dziękujemy. Twoja uwaga została przyjęta.")
    reference = REFERENCE.search(page.url)
    assert reference
    expect(page.locator(".notice-success .reference")).to_have_text(reference.group())
    expect(page.locator(".remark")).to_contain_text(remark)


def test_empty_remark_without_javascript_keeps_the_other_fields(page_nojs: Any, site: Site) -> None:
    page = page_nojs
    page.goto(site.section_url())
    page.locator("#f-proposal").fill("Nowe brzmienie punktu.")
    page.locator("#f-justification").fill("Uzasadnienie <b>bez</b> uwagi.")
    page.get_by_label("Organizacja pozarządowa").check()
    page.locator("#f-submitter_name").fill("Fundacja Testowa")
    page.locator("#f-email").fill("fundacja@example.org")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Wyślij uwagę").click()
    assert posted.value.status == 422
    expect(page).to_have_url(re.compile(r"/uwagi$"))
    expect(page.locator("#form-errors")).to_contain_text("Popraw formularz.")
    expect(page.locator("#err-remark")).to_have_text("Wpisz treść uwagi.")
    expect(page.locator("#f-remark")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-proposal")).to_have_value("Nowe brzmienie punktu.")
    expect(page.locator("#f-justification")).to_have_value("Uzasadnienie <b>bez</b> uwagi.")
    expect(page.get_by_label("Organizacja pozarządowa")).to_be_checked()
    expect(page.locator("#f-submitter_name")).to_have_value("Fundacja Testowa")
    expect(page.locator("#f-email")).to_have_value("fundacja@example.org")


def test_validation_with_javascript_moves_focus_to_the_errors(page: Any, site: Site) -> None:
    page.goto(site.section_url())
    page.locator("#f-proposal").fill("Propozycja bez treści uwagi.")
    page.locator("#f-submitter_name").fill("Jan Kowalski")
    page.locator("#f-show_name").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Wyślij uwagę").click()
    assert posted.value.status == 422
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Wpisz treść uwagi.")
    expect(page).to_have_url(site.section_url())
    expect(page.locator("#f-remark")).to_have_attribute("aria-describedby", re.compile("err-remark"))
    expect(page.locator("#f-proposal")).to_have_value("Propozycja bez treści uwagi.")
    expect(page.locator("#f-submitter_name")).to_have_value("Jan Kowalski")
    expect(page.locator("#f-show_name")).to_be_checked()
    # The summary's link leads to the field; the form still works after the swap.
    summary.get_by_role("link").click()
    expect(page.locator("#f-remark")).to_be_focused()
    page.keyboard.type("Teraz z treścią.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator("#comment-form.notice-success")).to_be_visible()


def _count(text: str) -> int:
    """The number of supports in a support box ("… 3 poparcia")."""
    found = re.search(r"(\d+)\s+popar", text)
    assert found, text
    return int(found.group(1))


def _support_one(page: Any, site: Site, index: int) -> tuple[str, int]:
    """Open the section oldest-first and support the `index`-th comment; its reference and count."""
    page.goto(site.section_url() + "?sort=oldest")
    card = page.locator("article.comment").nth(index)
    reference = str(card.locator(".reference").inner_text())
    before = _count(card.locator(".support").inner_text())
    card.get_by_role("button", name=re.compile("^Popieram")).click()
    return reference, before


def test_support_once_per_browser_with_javascript(page: Any, site: Site, new_page: Any) -> None:
    reference, before = _support_one(page, site, 0)
    box = page.locator(f"#support-{reference}")
    expect(box).to_contain_text("Popierasz tę uwagę")
    expect(box).to_contain_text(f"{before + 1} popar")
    expect(box).to_be_focused()
    page.reload()
    box = page.locator(f"#support-{reference}")
    expect(box).to_contain_text("Popierasz tę uwagę")
    expect(box.get_by_role("button")).to_have_count(0)
    # Another browser is another person: one more support.
    other = new_page()
    reference_again, before_again = _support_one(other, site, 0)
    assert (reference_again, before_again) == (reference, before + 1)
    expect(other.locator(f"#support-{reference}")).to_contain_text(f"{before + 2} popar")


def test_support_once_per_browser_without_javascript(page_nojs: Any, site: Site) -> None:
    page = page_nojs
    reference, before = _support_one(page, site, 1)
    expect(page).to_have_url(re.compile(rf"/sekcje/{site.section_id}(\?.*)?#uwaga-{reference}$"))
    box = page.locator(f"#support-{reference}")
    expect(box).to_contain_text("Popierasz tę uwagę")
    expect(box).to_contain_text(f"{before + 1} popar")
    expect(box.get_by_role("button")).to_have_count(0)


def test_sorting_and_pages_of_comments_update_the_list_and_the_url(page: Any, site: Site) -> None:
    page.goto(site.section_url(site.busiest_section_id))
    page.evaluate("window.__sameDocument = true")
    comments = page.locator("#comments")
    expect(comments.locator(".pager")).to_contain_text("Strona 1 z")

    comments.get_by_role("link", name="najczęściej popierane").click()
    expect(page).to_have_url(re.compile(r"\?sort=supported$"))
    expect(comments.locator(".sort [aria-current]")).to_have_text("najczęściej popierane")
    counts = [
        _count(text)
        for text in comments.locator("article.comment .support").all_inner_texts()
    ]
    assert counts == sorted(counts, reverse=True)

    comments.get_by_role("link", name=re.compile("Następna")).click()
    expect(page).to_have_url(re.compile(r"\?sort=supported&page=2$"))
    expect(comments.locator(".pager")).to_contain_text("Strona 2 z")
    expect(page.locator("#comments")).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped the list, no reload

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?sort=supported$"))


def test_language_switch_to_english_and_back(page: Any, site: Site) -> None:
    page.goto(site.section_url())
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.get_by_role("navigation", name="Język").get_by_role("link", name="English").click()
    expect(page).to_have_url(site.section_url())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#form-heading")).to_have_text("Your comment")
    expect(page.get_by_role("button", name="Submit comment")).to_be_visible()
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Public consultations")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Polski").click()
    expect(page).to_have_url(site.url("/"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("h1")).to_have_text("Konsultacje społeczne")


def test_closed_consultation_shows_no_form_and_says_why(page: Any, site: Site) -> None:
    page.goto(site.section_url(site.closed_section_id, site.closed_slug))
    expect(page.locator("form#comment-form")).to_have_count(0)
    expect(page.locator("textarea")).to_have_count(0)
    notice = page.locator("#comment-form")
    expect(notice).to_contain_text("Zgłaszanie uwag zostało zakończone.")
    expect(notice).to_contain_text("zakończyły się")
    expect(page.get_by_role("button", name=re.compile("^Popieram"))).to_have_count(0)
    page.goto(f"/konsultacje/{site.closed_slug}")
    expect(page.locator(".badge-closed, .badge-reported").first).to_be_visible()


def test_support_after_a_form_error_without_javascript_returns_to_the_section(page_nojs: Any, site: Site) -> None:
    """The page re-rendered after an error lives at the POST-only …/uwagi URL: a support made
    from there must lead back to the section, not to that URL."""
    page = page_nojs
    page.goto(site.section_url())
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator("#form-errors")).to_be_visible()
    card = page.locator("article.comment").nth(2)
    reference = str(card.locator(".reference").inner_text())
    card.get_by_role("button", name=re.compile("^Popieram")).click()
    expect(page).to_have_url(re.compile(rf"/sekcje/{site.section_id}#uwaga-{reference}$"))
    expect(page.locator(f"#support-{reference}")).to_contain_text("Popierasz tę uwagę")
