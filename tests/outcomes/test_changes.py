"""Linking accepted comments to the change of their section in a later draft: shown on the comment's page
and in every format of the report, counted; bad links refused with nothing changed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from litestar.testing import AsyncTestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from consult.comments.tables import Comment
from consult.lib import clock
from consult.outcomes import services
from consult.outcomes.tables import CommentChange
from consult.reports.formats import render_all
from consult.reports.services import build_report
from consult.review.tables import Position
from tests.accounts.test_flows import sign_in
from tests.clients import Browser
from tests.factories import add_comment, make_consultation
from tests.outcomes.conftest import publish
from tests.reports.conftest import PASSWORD, SLUG, Seeded, seed_closed

PASSAGE = "Nowe brzmienie celu 3.1."


async def _cid() -> int:
    return (await Comment.select(Comment.consultation).first())["consultation"]


async def test_link_an_accepted_comment_to_its_sections_change(seeded: Seeded) -> None:
    cid = await _cid()
    choices = {c.reference: c for c in await services.link_choices(cid)}
    plain = choices[seeded.refs["plain"]]
    assert plain.version == 2 and plain.change is not None and PASSAGE in plain.change[0]
    assert seeded.refs["xss"] not in choices  # rejected: not offered
    change = await services.link_comment(seeded.official, cid, seeded.office_id, seeded.refs["plain"].lower(),
                                         clock.now())
    assert change.version == 2 and PASSAGE in change.inserted and change.section_label.startswith("3.1")
    assert services.change_text(change) == f"Uwzględniono w wersji 2: „{PASSAGE}”"
    assert await CommentChange.count() == 1
    assert (await services.link_choices(cid))[0].linked


async def test_bad_links_are_refused_and_change_nothing(seeded: Seeded) -> None:
    cid = await _cid()
    other = await make_consultation("inna")
    stranger = await add_comment("inna", "3.1", "Uwaga do innych konsultacji.")
    cases = [
        (stranger, "This comment does not belong to this consultation."),  # another consultation
        ("KS-2026-999999", "This comment does not belong to this consultation."),
        (seeded.refs["xss"], "Only an accepted or partly accepted comment can be linked to a change of the draft."),
        (seeded.refs["hidden"], "This comment does not belong to this consultation."),
    ]
    for reference, message in cases:
        with pytest.raises(services.LinkError) as refused:
            await services.link_comment(seeded.official, cid, seeded.office_id, reference, clock.now())
        assert refused.value.message == message
    # An accepted comment on the introduction, which did not change in version 2.
    intro = await Comment.select(Comment.id).where(Comment.reference == seeded.refs["anonymous_name"]).first()
    await Position.insert(Position(comment=intro["id"], consultation=cid, value="accepted"))
    with pytest.raises(services.LinkError) as unchanged:
        await services.link_comment(seeded.official, cid, seeded.office_id, seeded.refs["anonymous_name"], clock.now())
    assert "did not change" in unchanged.value.message
    assert await CommentChange.count() == 0 and other != cid


async def test_the_report_shows_and_counts_the_change_in_every_format(seeded: Seeded) -> None:
    cid = await _cid()
    await services.link_comment(seeded.official, cid, seeded.office_id, seeded.refs["plain"], clock.now())
    from consult.lib import i18n

    token = i18n.set_locale("pl")
    try:
        report = await build_report(SLUG, clock.now())
        files = render_all(report)
    finally:
        i18n.reset_locale(token)
    assert report.statistics.changed == 1
    row = next(r for r in report.comments if r.reference == seeded.refs["plain"])
    assert row.change == f"Uwzględniono w wersji 2: „{PASSAGE}”"
    assert all(not r.change for r in report.comments if r.reference != seeded.refs["plain"])
    expected = "Uwzględniono w wersji 2"
    assert expected in files["html"][0].decode() and PASSAGE in files["html"][0].decode()
    assert "Uwagi, które doprowadziły do zmiany projektu" in files["html"][0].decode()
    data = json.loads(files["json"][0])
    assert data["statistics"]["changed"] == 1
    assert next(c for c in data["comments"] if c["reference"] == seeded.refs["plain"])["change"] == row.change
    table = list(csv.reader(io.StringIO(files["csv"][0].decode("utf-8-sig")), delimiter=";"))
    assert "Zmiana projektu" in table[0]
    assert any(row.change in cells for cells in table)
    sheet = load_workbook(io.BytesIO(files["xlsx"][0]))
    assert any(row.change in [c.value for c in r] for ws in sheet.worksheets for r in ws.iter_rows())
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"][0])).pages)
    assert expected in " ".join(pdf.split())


async def test_comment_page_shows_the_change_and_the_panel_links_with_and_without_htmx(browser: Browser) -> None:
    seeded = await seed_closed()
    url = f"/panel/konsultacje/{SLUG}/zmiany-po-uwagach"
    assert (await sign_in(browser, "urzednik@example.org", PASSWORD)).status_code == 303
    page = await browser.get(url)
    assert page.status_code == 200 and seeded.refs["plain"] in page.text and PASSAGE in page.text
    done = await browser.post_form(url, {"reference": seeded.refs["plain"]}, follow_redirects=False)
    assert done.status_code == 303
    comment = await browser.get(f"/uwagi/{seeded.refs['plain']}")
    assert "Uwzględniono w wersji 2" in comment.text and PASSAGE in comment.text
    assert f'href="/konsultacje/{SLUG}/zmiany/2"' in comment.text
    await browser.get(url)
    htmx = {"HX-Request": "true", "HX-Target": "change-links"}
    refused = await browser.post_form(url, {"reference": seeded.refs["xss"]}, headers=htmx)
    assert refused.status_code == 422 and "Ze zmianą projektu można powiązać tylko" in refused.text
    assert "<html" not in refused.text
    plain_refused = await browser.post_form(url, {"reference": "KS-2026-999999"})
    assert plain_refused.status_code == 422 and "Ta uwaga nie należy do tych konsultacji." in plain_refused.text
    unlinked = await browser.post_form(url, {"reference": seeded.refs["plain"], "action": "unlink"}, headers=htmx)
    assert unlinked.status_code == 200 and await CommentChange.count() == 0


async def test_the_published_report_and_the_mail_carry_the_change(client: AsyncTestClient) -> None:
    seeded = await seed_closed()
    cid = await _cid()
    await services.link_comment(seeded.official, cid, seeded.office_id, seeded.refs["plain"], clock.now())
    await publish(seeded.head)
    for name in ("raport.html", "raport.json"):
        published = await client.get(f"/raporty/{SLUG}/{name}")
        assert published.status_code == 200 and "Uwzględniono w wersji 2" in published.text
    answer = await client.get(f"/uwagi/{seeded.refs['plain']}")
    assert "Odpowiedź urzędu" in answer.text and "Uwzględniono w wersji 2" in answer.text
