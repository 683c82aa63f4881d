"""Residents hear back, in a real browser with JavaScript and without: the lookup, similar comments
and supporting one, the opt-in and the report's answer, unsubscribing, and linking a change of the draft."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser._office import office
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser
REFERENCE = re.compile(r"KS-\d{4}-\d{6}")
SHOTS = os.environ.get("CONSULT_SCREENSHOTS", "")


def _shot(page: Any, name: str) -> None:
    """Screenshots for people to look at, when CONSULT_SCREENSHOTS names a folder."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _query(site: Site, sql: str, *args: Any) -> list[sqlite3.Row]:
    with sqlite3.connect(site.db_path) as db:
        db.row_factory = sqlite3.Row
        return list(db.execute(sql, args).fetchall())


def _a_published_comment(site: Site) -> sqlite3.Row:
    return _query(site, "SELECT reference, remark, section FROM comment WHERE status = 'published' "
                        "AND length(remark) > 60 AND consultation = (SELECT id FROM consultation WHERE slug = ?) "
                        "ORDER BY id LIMIT 1", site.open_slug)[0]


@pytest.mark.parametrize("js", [True, False])
def test_find_your_comment(js: bool, page: Any, page_nojs: Any, site: Site) -> None:
    p = page if js else page_nojs
    known = _a_published_comment(site)["reference"]
    for start in ("/", f"/konsultacje/{site.open_slug}"):
        p.goto(start)
        p.fill("#f-numer", "KS-2026-99999x")
        p.get_by_role("button", name="Znajdź", exact=True).click()
        expect(p.locator("#err-numer")).to_contain_text("To nie jest numer uwagi.")
        expect(p.locator("#err-numer")).to_contain_text("KS-2026-000123")
        expect(p.locator("#f-numer")).to_have_value("KS-2026-99999x")
        if js:
            assert p.url.rstrip("/").endswith(start.rstrip("/"))  # the message came in place
        p.fill("#f-numer", "KS-2099-999999")
        p.get_by_role("button", name="Znajdź", exact=True).click()
        expect(p.locator("#err-numer")).to_contain_text("Nie ma uwagi o takim numerze.")
        p.fill("#f-numer", known.lower().replace("-", " "))
        p.get_by_role("button", name="Znajdź", exact=True).click()
        expect(p).to_have_url(re.compile(f"/uwagi/{known}$"))
        expect(p.locator("h1")).to_contain_text(known)


def test_similar_comments_as_you_type_and_support_with_javascript(page: Any, site: Site) -> None:
    first = _a_published_comment(site)
    page.goto(f"/konsultacje/{site.open_slug}/sekcje/{first['section']}")
    page.locator("#f-remark").press_sequentially(first["remark"][:120], delay=5)
    item = page.locator("#similar .similar-item", has_text=first["reference"])
    expect(item).to_be_visible(timeout=15_000)  # after the 500 ms pause, without any click
    assert page.locator("#similar .similar-item").count() <= 5
    _shot(page, "similar-js")
    item.get_by_role("button", name=re.compile("Popieram")).click()
    expect(page.locator("#similar .similar-item", has_text=first["reference"])).to_contain_text("Popierasz tę uwagę")
    expect(page.locator("#f-remark")).to_have_value(first["remark"][:120])  # the text stays
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator("#comment-form, .notice-success").first).to_contain_text(REFERENCE)


def test_similar_comments_with_the_button_and_support_without_javascript(page_nojs: Any, site: Site) -> None:
    first = _a_published_comment(site)
    page_nojs.goto(f"/konsultacje/{site.open_slug}/sekcje/{first['section']}")
    page_nojs.fill("#f-remark", first["remark"][:120])
    page_nojs.fill("#f-proposal", "Mój własny zapis.")
    page_nojs.get_by_role("button", name="Sprawdź podobne uwagi").click()
    item = page_nojs.locator("#similar .similar-item", has_text=first["reference"])
    expect(item).to_be_visible()
    expect(page_nojs.locator("#f-proposal")).to_have_value("Mój własny zapis.")
    before = _query(site, "SELECT support_count FROM comment WHERE reference = ?", first["reference"])[0][0]
    item.get_by_role("button", name=re.compile("Popieram")).click()
    expect(page_nojs.locator("#similar .similar-item", has_text=first["reference"])).to_contain_text("Popierasz tę uwagę")
    expect(page_nojs.locator("#f-remark")).to_have_value(first["remark"][:120])
    after = _query(site, "SELECT support_count FROM comment WHERE reference = ?", first["reference"])[0][0]
    assert after == before + 1
    page_nojs.get_by_role("button", name="Wyślij uwagę").click()
    expect(page_nojs.locator("h1")).to_contain_text(REFERENCE)


@pytest.mark.parametrize("js", [True, False])
def test_opt_in_answer_after_publication_and_unsubscribe(js: bool, page: Any, page_nojs: Any, site: Site) -> None:
    p = page if js else page_nojs
    slug = f"powiadomienia-{'js' if js else 'nojs'}"
    section = office(site, f'await make_consultation("{slug}")\n'
                           f'from tests.factories import section_id\nout = await section_id("{slug}", "3.1")')
    email = f"mieszkaniec-{slug}@example.org"
    p.goto(f"/konsultacje/{slug}/sekcje/{section}")
    p.fill("#f-remark", "Proszę o dłuższe godziny otwarcia klubów integracji społecznej.")
    p.check("#f-notify")
    p.get_by_role("button", name="Wyślij uwagę").click()
    expect(p.locator("#f-email[aria-invalid=true]")).to_be_visible()  # the tick needs an address
    expect(p.locator("#f-remark")).to_have_value("Proszę o dłuższe godziny otwarcia klubów integracji społecznej.")
    p.fill("#f-email", email)
    p.get_by_role("button", name="Wyślij uwagę").click()
    expect(p.locator("body")).to_contain_text("Twoja uwaga została przyjęta")
    reference = _query(site, "SELECT reference FROM comment WHERE email = ?", email)[0][0]
    mail = _query(site, "SELECT subject, body FROM outbox_message WHERE recipient = ?", email)
    assert len(mail) == 1 and reference in mail[0]["subject"]
    p.goto(f"/uwagi/{reference}")
    expect(p.locator("body")).not_to_contain_text("Odpowiedź urzędu")
    office(site, f'await position("{reference}", "partly", "Wydłużymy godziny w dwóch dzielnicach.")\n'
                 f'await close_and_publish("{slug}")')
    mail = _query(site, "SELECT body FROM outbox_message WHERE recipient = ? ORDER BY id", email)
    assert len(mail) == 2 and "częściowo uwzględniona" in mail[1]["body"]
    assert "Wydłużymy godziny w dwóch dzielnicach." in mail[1]["body"] and f"/raporty/{slug}" in mail[1]["body"]
    p.goto(f"/uwagi/{reference}")
    answer = p.locator("section.answer")
    expect(answer).to_contain_text("częściowo uwzględniona")
    expect(answer).to_contain_text("Wydłużymy godziny w dwóch dzielnicach.")
    expect(answer.get_by_role("link", name="Raport z konsultacji")).to_have_attribute("href", f"/raporty/{slug}")
    _shot(p, f"answer-{'js' if js else 'nojs'}")
    link = re.search(r"/powiadomienia/wypisz/\S+", mail[1]["body"]).group()
    p.goto(link[:-3] + "abc")
    expect(p.locator("body")).to_contain_text("Ten link jest uszkodzony lub niepełny.")
    assert _query(site, "SELECT COUNT(*) FROM subscription WHERE unsubscribed_at IS NOT NULL AND comment = "
                        "(SELECT id FROM comment WHERE reference = ?)", reference)[0][0] == 0
    p.goto(link)
    p.get_by_role("button", name="Nie wysyłajcie mi więcej wiadomości").click()
    expect(p.locator("body")).to_contain_text("Nie będziesz już otrzymywać wiadomości")
    assert _query(site, "SELECT COUNT(*) FROM subscription WHERE unsubscribed_at IS NOT NULL AND comment = "
                        "(SELECT id FROM comment WHERE reference = ?)", reference)[0][0] == 1


@pytest.mark.parametrize("js", [True, False])
def test_official_links_an_accepted_comment_to_the_change(js: bool, page: Any, page_nojs: Any, site: Site) -> None:
    p = page if js else page_nojs
    slug = f"zmiany-{'js' if js else 'nojs'}"
    refs = office(site, f'''
await make_consultation("{slug}")
accepted = await add_comment("{slug}", "3.1", "Dopiszcie kluby dla młodzieży.")
rejected = await add_comment("{slug}", "3.1", "Zlikwidujcie kluby.")
await position(accepted, "accepted", "Dopisano.")
await position(rejected, "rejected", "Nie.")
await user("urzednik@example.org", "official")
from consult.consultations.services import create_document
sections = draft()
sections[1].children[0].body_html = "<p>Miasto wspiera kluby integracji społecznej i kluby młodzieżowe.</p>"
c = await Consultation.select(Consultation.id).where(Consultation.slug == "{slug}").first()
await create_document(c["id"], "Projekt po uwagach", sections, note="v2")
out = [accepted, rejected]''')
    p.goto("/logowanie")
    p.fill("#f-email", "urzednik@example.org")
    p.fill("#f-password", "demo-konsultacje-2026")
    p.get_by_role("button", name="Zaloguj się").click()
    p.goto(f"/panel/konsultacje/{slug}/zmiany-po-uwagach")
    p.fill("#f-link-reference", refs[1])
    p.get_by_role("button", name="Powiąż ze zmianą", exact=True).click()
    expect(p.locator("#change-links [role=alert]")).to_contain_text("tylko uwagę uwzględnioną")
    row = p.locator("tr", has_text=refs[0])
    expect(row).to_contain_text("kluby młodzieżowe")
    row.get_by_role("button", name=re.compile("Powiąż ze zmianą")).click()
    expect(p.locator("#change-links [role=status]")).to_contain_text(refs[0])
    _shot(p, f"change-links-{'js' if js else 'nojs'}")
    p.goto(f"/uwagi/{refs[0]}")
    expect(p.locator("section.change")).to_contain_text("Uwzględniono w wersji 2")
    expect(p.locator("section.change")).to_contain_text("kluby młodzieżowe")


def test_the_story_first_resident_hears_back_second_supports(page: Any, new_page: Any, site: Site) -> None:
    """A resident comments with an address and the opt-in; a second one starting the same remark is shown
    it and supports it; the office answers and publishes; the first one's message carries the position and
    the comment's page shows it."""
    slug = "historia-mieszkancow"
    section = office(site, f'await make_consultation("{slug}")\n'
                           f'from tests.factories import section_id\nout = await section_id("{slug}", "3.1")')
    remark = "Kluby integracji społecznej na Targówku powinny być otwarte także w soboty i niedziele."
    page.goto(f"/konsultacje/{slug}/sekcje/{section}")
    page.fill("#f-remark", remark)
    page.fill("#f-email", "anna@example.org")
    page.check("#f-notify")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator("body")).to_contain_text("Twoja uwaga została przyjęta")
    reference = _query(site, "SELECT reference FROM comment WHERE email = 'anna@example.org'")[0][0]

    for width in (1280, 390):
        second = new_page()
        second.set_viewport_size({"width": width, "height": 900})
        second.goto(f"/konsultacje/{slug}/sekcje/{section}")
        second.locator("#f-remark").press_sequentially("Kluby integracji na Targówku otwarte w soboty i niedziele",
                                                       delay=5)
        item = second.locator("#similar .similar-item", has_text=reference)
        expect(item).to_be_visible(timeout=15_000)
        if SHOTS:
            second.locator(".comment-form-section").screenshot(path=f"{SHOTS}/story-similar-{width}.png")
        if width == 1280:
            item.get_by_role("button", name=re.compile("Popieram")).click()
            expect(second.locator("#similar .similar-item", has_text=reference)).to_contain_text("Popierasz tę uwagę")
    assert _query(site, "SELECT support_count FROM comment WHERE reference = ?", reference)[0][0] == 1

    office(site, f'await position("{reference}", "accepted", "Od stycznia kluby na Targówku będą otwarte w weekendy.")\n'
                 f'await close_and_publish("{slug}")')
    mail = _query(site, "SELECT subject, body FROM outbox_message WHERE recipient = 'anna@example.org' ORDER BY id")
    assert [m["subject"] for m in mail] == [f"Twoja uwaga {reference} została przyjęta",
                                           f"Raport z konsultacji: odpowiedź na uwagę {reference}"]
    assert "Stanowisko urzędu: uwzględniona." in mail[1]["body"]
    assert "Od stycznia kluby na Targówku będą otwarte w weekendy." in mail[1]["body"]
    if SHOTS:
        Path(SHOTS, "story-mail.txt").write_text(mail[1]["subject"] + "\n\n" + mail[1]["body"], encoding="utf-8")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/uwagi/{reference}")
        expect(page.locator("section.answer")).to_contain_text("Od stycznia kluby na Targówku będą otwarte w weekendy.")
        _shot(page, f"story-comment-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    if SHOTS:
        page.locator("#lookup").screenshot(path=f"{SHOTS}/story-lookup.png")


@pytest.mark.parametrize("js", [True, False])
def test_enter_in_a_field_submits_the_comment_not_the_similar_check(js: bool, page: Any, page_nojs: Any,
                                                                     site: Site) -> None:
    p = page if js else page_nojs
    p.goto(site.section_url())
    p.fill("#f-remark", f"Uwaga wysłana klawiszem Enter ({'js' if js else 'nojs'}).")
    p.fill("#f-submitter_name", "Jan Enter")
    p.locator("#f-submitter_name").press("Enter")
    expect(p.locator("body")).to_contain_text("Twoja uwaga została przyjęta")
