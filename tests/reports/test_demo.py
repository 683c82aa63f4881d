"""Done-when: in the demo, the office head publishes the report of the closed "Program Wspólnota"
consultation (positions still missing: the head confirms the list), and every format opens."""

from __future__ import annotations

import io
import json

import jsonschema
from openpyxl import load_workbook
from pypdf import PdfReader

from consult.accounts.services import grant_role
from consult.accounts.tables import User
from consult.consultations.tables import Consultation
from consult.demo.content import COMMUNITY_SLUG
from consult.demo.seed import DEMO_PASSWORD, seed_demo
from consult.jobs.inprocess import work_once
from consult.lib.clock import now
from consult.reports.formats.opendata import schema
from tests.accounts.test_flows import sign_in
from tests.clients import Browser


async def test_demo_head_publishes_program_wspolnota(browser: Browser) -> None:
    await seed_demo(now())
    community = await Consultation.select(Consultation.office).where(Consultation.slug == COMMUNITY_SLUG).first()
    head = await User.select(User.id).where(User.email == "kierownik@example.org").first()
    # The demo's head leads the strategy's office; here she also heads the office of "Program Wspólnota".
    await grant_role(head["id"], community["office"], "office_head")
    await sign_in(browser, "kierownik@example.org", DEMO_PASSWORD)
    panel = f"/panel/konsultacje/{COMMUNITY_SLUG}/raport"
    page = await browser.get(panel)
    assert page.status_code == 200
    await browser.post_form(panel + "/dane", {"form": "Formularz elektroniczny i spotkania",
                                              "announced": "Strona miasta, BIP, plakaty w dzielnicach"})
    await browser.get(panel + "/anonimizacja")
    await browser.post_form(panel + "/anonimizacja", {})
    await browser.get(panel)
    refused = await browser.post_form(panel + "/publikacja", {})
    assert refused.status_code == 409 and "KS-" in refused.text  # the list of comments without a position
    done = await browser.post_form(panel + "/publikacja", {"confirm_missing": "1"}, follow_redirects=False)
    assert done.status_code == 303
    assert await work_once() is True
    assert (await Consultation.select(Consultation.status).where(Consultation.slug == COMMUNITY_SLUG).first())[
        "status"] == "report_published"
    base = f"/raporty/{COMMUNITY_SLUG}/v1/raport"
    pdf = (await browser.client.get(base + ".pdf")).content
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 10
    wb = load_workbook(io.BytesIO((await browser.client.get(base + ".xlsx")).content))
    assert wb.worksheets[1].max_row > 100
    data = json.loads((await browser.client.get(f"/raporty/{COMMUNITY_SLUG}/najnowszy.json")).content)
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert data["statistics"]["comments"] == 130 and data["facts"]["announced"].startswith("Strona miasta")
    html = (await browser.client.get(base + ".html")).text
    assert "Wspólnota" in html
    assert (await browser.client.get(base + ".csv")).content.startswith(b"\xef\xbb\xbf")
