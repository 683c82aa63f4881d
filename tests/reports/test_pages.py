"""The report through the pages: the office prepares, redacts and publishes; everyone downloads."""

from __future__ import annotations

import hashlib
import json

from litestar.testing import AsyncTestClient

from consult.jobs.inprocess import work_once
from consult.reports.tables import ReportFacts
from tests.accounts.test_flows import sign_in
from tests.clients import Browser
from tests.reports.conftest import PASSWORD, PESEL, SLUG, seed_closed

PANEL = f"/panel/konsultacje/{SLUG}/raport"


async def test_head_prepares_redacts_and_publishes(browser: Browser) -> None:
    seeded = await seed_closed()
    assert (await sign_in(browser, "kierownik@example.org", PASSWORD)).status_code == 303
    page = await browser.get(PANEL)
    assert page.status_code == 200 and "2026" in page.text and seeded.refs["anonymous_name"] in page.text
    saved = await browser.post_form(PANEL + "/dane", {"form": "Formularz elektroniczny", "announced": "BIP i strona miasta",
                                                      "summary": "", f"response-{999999}": "nic"}, follow_redirects=False)
    assert saved.status_code == 303
    assert (await ReportFacts.select(ReportFacts.announced).first())["announced"] == "BIP i strona miasta"
    preview = await browser.get(PANEL + "/podglad")
    assert preview.status_code == 200 and "BIP i strona miasta" in preview.text and PESEL not in preview.text
    redactions = await browser.get(PANEL + "/anonimizacja")
    assert redactions.status_code == 200 and seeded.refs["personal"] in redactions.text
    assert "(Treść uwagi)" in redactions.text and "(remark)" not in redactions.text  # fields named in Polish
    refused = await browser.post_form(PANEL + "/publikacja", {"change_note": ""})
    assert refused.status_code == 409  # suggested redactions wait
    await browser.get(PANEL + "/anonimizacja")
    assert (await browser.post_form(PANEL + "/anonimizacja", {}, follow_redirects=False)).status_code == 303
    await browser.get(PANEL)
    missing = await browser.post_form(PANEL + "/publikacja", {"change_note": ""})
    assert missing.status_code == 409
    assert seeded.refs["anonymous_name"] in missing.text and seeded.refs["campaign3"] in missing.text
    published = await browser.post_form(PANEL + "/publikacja", {"confirm_missing": "1"}, follow_redirects=False)
    assert published.status_code == 303 and published.headers["location"].startswith(PANEL + "/publikacja/")
    waiting = await browser.get(published.headers["location"])
    assert waiting.status_code == 200 and 'hx-trigger="every 2s"' in waiting.text  # the worker has not run yet
    polled = await browser.client.get(published.headers["location"], headers={"hx-request": "true"})
    assert "hx-refresh" not in polled.headers  # still running: only the status box changes
    not_yet = await browser.client.get(f"/raporty/{SLUG}")
    assert not_yet.status_code == 404 and "nie został jeszcze opublikowany" in not_yet.text
    assert "zostanie opublikowany do" in not_yet.text  # with its due date, for a link shared too early
    assert await work_once() is True  # the worker renders every format and stores the version
    status = await browser.client.get(published.headers["location"], headers={"hx-request": "true"})
    assert f'href="/raporty/{SLUG}?wersja=1"' in status.text and "hx-trigger" not in status.text
    assert status.headers.get("hx-refresh") == "true"  # the page reloads: its form and versions are new

    versions = await browser.client.get(f"/raporty/{SLUG}")
    assert versions.status_code == 200
    pdf = await browser.client.get(f"/raporty/{SLUG}/v1/raport.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    sha = hashlib.sha256(pdf.content).hexdigest()
    assert pdf.headers["x-content-sha256"] == sha and sha in versions.text
    latest = await browser.client.get(f"/raporty/{SLUG}/najnowszy.json")
    assert latest.status_code == 200 and json.loads(latest.content)["version"]["number"] == 1
    html = await browser.client.get(f"/raporty/{SLUG}/v1/raport.html")
    assert "BIP i strona miasta" in html.text and html.headers["x-content-type-options"] == "nosniff"
    csv = await browser.client.get(f"/raporty/{SLUG}/v1/raport.csv")
    assert csv.content.startswith(b"\xef\xbb\xbf") and "attachment" in csv.headers["content-disposition"]
    assert (await browser.client.get(f"/raporty/{SLUG}/v2/raport.pdf")).status_code == 404
    assert (await browser.client.get(f"/raporty/{SLUG}/v1/raport.exe")).status_code == 404
    schema = await browser.client.get("/schematy/raport-v1.json")
    assert schema.status_code == 200 and json.loads(schema.content)["title"]


async def test_official_prepares_but_does_not_publish(browser: Browser) -> None:
    await seed_closed()
    await sign_in(browser, "urzednik@example.org", PASSWORD)
    page = await browser.get(PANEL)
    assert page.status_code == 200 and "/publikacja" not in page.text
    refused = await browser.post_form(PANEL + "/publikacja", {"confirm_missing": "1"}, follow_redirects=False)
    assert refused.status_code == 403
    not_yet = await browser.client.get(f"/raporty/{SLUG}")
    assert not_yet.status_code == 404 and "nie został jeszcze opublikowany" in not_yet.text
    assert "zostanie opublikowany do" in not_yet.text  # with its due date, for a link shared too early


async def test_report_address_before_publication_says_when_and_hides_drafts(client: AsyncTestClient) -> None:
    from tests.factories import make_consultation

    await make_consultation("otwarte")
    await make_consultation("szkic", status="draft")
    open_page = await client.get("/raporty/otwarte")
    assert open_page.status_code == 404 and "Konsultacje trwają do" in open_page.text
    draft = await client.get("/raporty/szkic")
    assert draft.status_code == 404 and "Nie znaleziono strony" in draft.text
    assert "nie został jeszcze opublikowany" not in draft.text  # a draft is not public
