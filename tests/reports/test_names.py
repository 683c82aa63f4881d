"""Submitters' names: one rule on the public pages and in every format of the report — organisations
and institutions named, private persons only with their consent — and the comment form says so."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from consult.lib.clock import now
from consult.reports import redaction, services
from tests.clients import Browser
from tests.factories import add_comment, section_id
from tests.reports.conftest import SLUG, Seeded, pl

# In the seed: an NGO that did not tick the box, a resident who did, and one who did not.
NAMED = {"ngo": "Fundacja Ławka", "named": "Zofia Źdźbło"}
UNNAMED = {"anonymous_name": "Ukryty Mieszkaniec"}


async def test_public_pages_and_every_report_format_name_the_same_submitters(seeded_sqlite: Seeded, browser: Browser,
                                                                             tmp_path: Path) -> None:
    s = seeded_sqlite
    private = pl("Private person")
    for key, name in NAMED.items():
        page = (await browser.get(f"/uwagi/{s.refs[key]}")).text
        head = page.split('class="meta submitter"', 1)[1].split("</p>", 1)[0]
        assert name in head and private not in head, (key, head)
    for key, name in UNNAMED.items():
        page = (await browser.get(f"/uwagi/{s.refs[key]}")).text
        assert name not in page and private in page
    # The list of a section's comments: an institution that ticked nothing is named there too.
    from consult.consultations.tables import Consultation

    closed = await Consultation.select(Consultation.status, Consultation.closes_at).first()
    await Consultation.update({Consultation.status: "open", Consultation.closes_at: now().replace(year=now().year + 1)}).where(
        Consultation.slug == SLUG)
    institution = await add_comment(SLUG, "3.1", "Uwaga instytucji.", submitter_kind="institution",
                                    submitter_name="Ośrodek Pomocy Społecznej Wola")
    await Consultation.update({Consultation.status: closed["status"], Consultation.closes_at: closed["closes_at"]}).where(
        Consultation.slug == SLUG)
    listing = (await browser.get(f"/konsultacje/{SLUG}/sekcje/{await section_id(SLUG, '3.1')}?sort=newest")).text
    head = listing.split(f'id="ref-{institution}"', 1)[1].split("</header>", 1)[0]
    assert "Ośrodek Pomocy Społecznej Wola" in head and private not in head

    await redaction.suggest_missing(s.consultation_id)
    await redaction.confirm_all(s.official, s.consultation_id, s.office_id, now())
    await services.publish(s.head, SLUG, "", True, now())
    files = {fmt: (await services.stored_file(SLUG, 1, fmt))[0] for fmt in ("html", "pdf", "xlsx", "csv", "json")}
    data = json.loads(files["json"])
    by_ref = {c["reference"]: c["submitter"] for c in data["comments"]}
    table = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig")), delimiter=";"))
    csv_by_ref = {r[1]: r[table[0].index(pl("Submitter"))] for r in table[1:]}
    sheet = load_workbook(io.BytesIO(files["xlsx"])).worksheets
    cells = " ".join(str(c.value) for ws in sheet for row in ws.iter_rows() for c in row if c.value)
    # pypdf keeps a table cell's lines together (narrow columns hyphenate names).
    pdf = re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\n", "", "\n".join(
        p.extract_text() or "" for p in PdfReader(io.BytesIO(files["pdf"])).pages)))
    html = files["html"].decode()
    for key, name in NAMED.items():
        assert by_ref[s.refs[key]] == name and csv_by_ref[s.refs[key]] == name, key
        assert name in cells and name in html
    assert "Ławka" in pdf and "Źdźbło" in pdf
    for key, name in UNNAMED.items():
        assert by_ref[s.refs[key]] == pl("osoba prywatna") and csv_by_ref[s.refs[key]] == pl("osoba prywatna")
        for text in (cells, html, pdf, files["json"].decode()):
            assert name not in text


async def test_the_comment_form_states_the_rule(seeded_sqlite: Seeded, browser: Browser) -> None:
    from consult.consultations.tables import Consultation

    await Consultation.update({Consultation.status: "open", Consultation.closes_at: now().replace(year=now().year + 1)}).where(
        Consultation.slug == SLUG)
    page = (await browser.get(f"/konsultacje/{SLUG}/sekcje/{await section_id(SLUG, '3.1')}")).text
    assert "są osobami prawnymi: ich nazwa jest zawsze publikowana" in page
    assert "Jestem osobą prywatną i zgadzam się na publikację" in page
