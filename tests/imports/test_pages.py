"""Done when: an official creates the Warsaw strategy consultation by uploading a DOCX of it, corrects the detected
tree, the head publishes it, a second version is uploaded, and residents see which version their comment refers to."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from consult.accounts import services as accounts
from consult.consultations.services import ensure_office
from consult.demo.content import STRATEGY
from consult.demo.specs import SectionSpec
from consult.lib import i18n
from consult.lib.clock import now
from tests.accounts.test_flows import PASSWORD, sign_in
from tests.clients import Browser
from tests.imports import documents

SLUG = "strategia-z-pliku"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pl(message: str, **values: object) -> str:
    """A message as the Polish page shows it (the catalog may not have it yet: then the English id)."""
    token = i18n.set_locale("pl")
    try:
        return i18n.gettext(message) % values if values else i18n.gettext(message)
    finally:
        i18n.reset_locale(token)


def _heading(spec: SectionSpec) -> str:
    if not spec.number:
        return spec.title
    prefix = {"part": "Część ", "strategic_goal": "Cel strategiczny ", "specific_goal": "Cel szczegółowy "}.get(spec.kind, "")
    if spec.kind == "chapter" and "." not in spec.number:
        prefix = "Rozdział "
    return f"{prefix}{spec.number}. {spec.title}"


def strategy_docx(change: bool = False) -> tuple[bytes, list[tuple[int, str, str, str]]]:
    """The demo strategy as DOCX with one stray heading and one typo to correct; or (change) its second version."""
    sections: list[tuple[int, str, str]] = []
    expected: list[tuple[int, str, str, str]] = []

    def walk(specs: tuple[SectionSpec, ...], level: int) -> None:
        for spec in specs:
            if change and spec.number == "3.2":
                continue  # removed in version 2
            title = spec.title
            body = spec.body_html
            if change and spec.number == "3.1":
                body = body.replace("</p>", " Dodano w wersji drugiej.</p>", 1)
            heading = _heading(SectionSpec(spec.number, title, spec.kind))
            if not change and spec.number == "3.3":
                heading = heading.replace(title, title + " (literówka)")
            sections.append((level, heading, body))
            expected.append((level - 1, spec.kind, spec.number, title))
            if not change and spec.number == "3.1":
                sections.append((3, "Uwagi redakcyjne", "<p>Do usunięcia przed publikacją.</p>"))
            walk(spec.children, level + 1)

    walk(STRATEGY.sections, 1)
    if change:
        sections.append((2, "Cel szczegółowy 3.11. Mieszkania wspomagane", "<p>Nowy cel szczegółowy.</p>"))
    return documents.docx(sections, image=False), expected


async def _accounts() -> int:
    office = await ensure_office(STRATEGY.office.name, STRATEGY.office.address)
    for email, role in (("urzednik@example.org", "official"), ("kierownik@example.org", "office_head")):
        user_id = await accounts.create_user(email, PASSWORD, email.split("@")[0])
        await accounts.grant_role(user_id, office, role)
    return office


def _rows(page: str) -> list[tuple[str, str, str, str]]:
    """(depth, number, title, kind) of each row of the preview form."""
    depth = re.findall(r'name="depth" type="number" min="0" max="12" value="(\d+)"', page)
    number = re.findall(r'name="number" type="text" maxlength="32" size="6" value="([^"]*)"', page)
    title = re.findall(r'name="title" type="text" maxlength="300" value="([^"]*)"', page)
    kinds = re.findall(r'<select id="k-\d+" name="kind">.*?<option value="(\w+)" selected', page)
    return list(zip(depth, number, title, kinds))


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


async def _upload(browser: Browser, url: str, name: str, content: bytes, **fields: str):  # type: ignore[no-untyped-def]
    return await browser.client.post(url, data={"_csrf_token": browser.token, **fields},
                                     files={"file": (name, content, DOCX)}, follow_redirects=False)


async def test_official_imports_the_strategy_head_publishes_second_version_residents_see_versions(browser: Browser) -> None:
    office = await _accounts()
    content, expected = strategy_docx()
    await sign_in(browser, "urzednik@example.org")
    form = await browser.get("/panel/import")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    bad = await _upload(browser, "/panel/import", "strategia.xlsx", b"\x00\x01", office_id=str(office))
    assert bad.status_code == 400 and pl("This kind of file cannot be imported. Upload a DOCX, ODT, PDF, HTML or Markdown file.") in _unescape(bad.text)
    uploaded = await _upload(browser, "/panel/import", "strategia.docx", content, office_id=str(office))
    assert uploaded.status_code == 303
    preview_url = uploaded.headers["location"]
    page = await browser.get(preview_url)
    rows = [tuple(map(_unescape, r)) for r in _rows(page.text)]
    stray = next(i for i, r in enumerate(rows) if r[2] == "Uwagi redakcyjne")
    assert rows[stray - 1][1] == "3.1"
    # Correct: merge the stray heading into 3.1, fix the typo in 3.3's title.
    titles = [r[2] for r in rows]
    typo = next(i for i, r in enumerate(rows) if r[1] == "3.3")
    titles[typo] = titles[typo].replace(" (literówka)", "")
    data = {"number": [r[1] for r in rows], "title": titles, "kind": [r[3] for r in rows], "depth": [r[0] for r in rows],
            "action": f"merge:{stray}", "_csrf_token": browser.token}
    merged = await browser.client.post(preview_url, data=data, follow_redirects=False)
    assert merged.status_code == 303
    page = await browser.get(preview_url)
    rows = [tuple(map(_unescape, r)) for r in _rows(page.text)]
    assert [(int(d), k, n, t) for d, n, t, k in rows] == expected
    today = now().astimezone(ZoneInfo("Europe/Warsaw")).date()
    short = await browser.post_form(f"{preview_url}/zapisz", {
        "target": "new", "title": STRATEGY.title, "slug": SLUG, "office_id": str(office),
        "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=20)).isoformat()})
    assert short.status_code == 400 and 'name="confirm_short"' in short.text
    saved = await browser.post_form(f"{preview_url}/zapisz", {
        "target": "new", "title": STRATEGY.title, "slug": SLUG, "office_id": str(office),
        "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=45)).isoformat(),
        "document_title": STRATEGY.document_title}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith(f"/panel/konsultacje/{SLUG}/wersje")
    assert (await browser.client.get(f"/konsultacje/{SLUG}")).status_code == 404  # a draft: not public yet
    assert f'href="/panel/konsultacje/{SLUG}/wersje">' in (await browser.get("/panel")).text  # the draft's title leads there
    await browser.post_form("/wyloguj", {})

    # The head opens it.
    await sign_in(browser, "kierownik@example.org")
    await browser.get("/panel")
    opened = await browser.post_form(f"/panel/konsultacje/{SLUG}/status", {"status": "open", "confirm": "1"}, follow_redirects=False)
    assert opened.status_code == 303
    await browser.post_form("/wyloguj", {})

    # A resident comments on 3.1 of version 1.
    public = await browser.get(f"/konsultacje/{SLUG}")
    assert public.status_code == 200
    section_1 = re.search(rf'href="/konsultacje/{SLUG}/sekcje/(\d+)"[^>]*>\s*(?:<[^>]+>\s*)*3\.1\b', public.text)
    assert section_1 is not None
    section_url = f"/konsultacje/{SLUG}/sekcje/{section_1.group(1)}"
    await browser.get(section_url)
    sent = await browser.post_form(f"{section_url}/uwagi", {"remark": "Proszę doprecyzować standard klubów."},
                                   follow_redirects=False)
    assert sent.status_code == 303
    comment_url = sent.headers["location"].split("?")[0]

    # The official uploads version 2.
    await sign_in(browser, "urzednik@example.org")
    await browser.get(f"/panel/konsultacje/{SLUG}/wersje")
    second, _ = strategy_docx(change=True)
    uploaded = await _upload(browser, f"/panel/konsultacje/{SLUG}/wersje", "strategia-v2.docx", second)
    assert uploaded.status_code == 303
    await browser.get(uploaded.headers["location"])
    saved = await browser.post_form(f"{uploaded.headers['location']}/zapisz",
                                    {"target": "version", "note": "Po pierwszym tygodniu konsultacji"},
                                    follow_redirects=False)
    assert saved.status_code == 303
    versions = await browser.get(saved.headers["location"])
    assert versions.status_code == 200 and "Po pierwszym tygodniu konsultacji" in versions.text
    assert re.search(r"3\.2\s", _unescape(versions.text))  # 3.2 left without a counterpart, listed to resolve
    changes = await browser.get(f"/panel/konsultacje/{SLUG}/wersje/2/zmiany")
    assert "<ins>Dodano w wersji drugiej.</ins>" in changes.text or "Dodano w wersji drugiej." in changes.text
    await browser.post_form("/wyloguj", {})

    # Residents: the public diff, the comment still saying it was made on version 1, the section now in version 2.
    diff = await browser.get(f"/konsultacje/{SLUG}/zmiany/2")
    assert diff.status_code == 200 and "<ins>" in diff.text and "3.11 Mieszkania wspomagane" in _unescape(diff.text)
    comment = await browser.get(comment_url)
    assert f"{pl('draft version')} 1" in comment.text
    public = await browser.get(f"/konsultacje/{SLUG}")
    assert "3.11" in public.text
    # The comment moved with 3.1 into version 2: shown there, marked with the version it was made on.
    current = re.search(rf'href="/konsultacje/{SLUG}/sekcje/(\d+)"[^>]*>\s*(?:<[^>]+>\s*)*3\.1\b', public.text)
    assert current is not None and current.group(1) != section_1.group(1)
    section_2 = await browser.get(f"/konsultacje/{SLUG}/sekcje/{current.group(1)}")
    assert "Proszę doprecyzować standard klubów." in section_2.text
    assert f'<span class="version-tag">{pl("draft version")} 1</span>' in section_2.text
    assert f'href="/konsultacje/{SLUG}/zmiany/2"' in section_2.text
    # An old link to 3.1 of version 1 leads to 3.1 of version 2; a removed section has nowhere to lead.
    old_link = await browser.client.get(section_url, follow_redirects=False)
    assert old_link.status_code == 301 and old_link.headers["location"] == f"/konsultacje/{SLUG}/sekcje/{current.group(1)}"


async def test_panel_leads_to_import_and_versions(browser: Browser) -> None:
    from consult.consultations.tables import Consultation
    from tests.factories import make_consultation

    await make_consultation("strategia")
    office = (await Consultation.select(Consultation.office).first())["office"]
    await accounts.grant_role(await accounts.create_user("urzednik@example.org", PASSWORD, "U"), office, "official")
    await sign_in(browser, "urzednik@example.org")
    panel = await browser.get("/panel")
    assert 'href="/panel/import"' in panel.text and 'href="/panel/konsultacje/strategia/wersje"' in panel.text


async def test_section_page_shows_comments_of_earlier_versions(browser: Browser) -> None:
    from consult.imports import services
    from tests.factories import add_comment, make_consultation, section_id

    await make_consultation("strategia")
    await add_comment("strategia", "3.1", "Uwaga złożona do wersji pierwszej")
    await services.import_file("v2.html", documents.html().encode(), "strategia")
    page = await browser.get(f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}")
    assert "Uwaga złożona do wersji pierwszej" in page.text
    assert f"{pl('draft version')} 1" in page.text


async def test_bad_uploads_through_the_page_store_nothing(browser: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    from consult.imports import parsers
    from consult.imports.tables import ImportDraft

    office = await _accounts()
    await sign_in(browser, "urzednik@example.org")
    await browser.get("/panel/import")
    pages = await _upload(browser, "/panel/import", "raport.pdf", documents.blank_pdf(200), office_id=str(office))
    assert pages.status_code == 400
    assert pl("The PDF has %(pages)s pages; at most %(limit)s can be imported. Split the document or upload it as DOCX.",
              pages=200, limit=150) in _unescape(pages.text)
    locked = await _upload(browser, "/panel/import", "strategia.pdf", documents.encrypted_pdf(), office_id=str(office))
    assert pl("The file is protected with a password. Remove the password and upload it again.") in _unescape(locked.text)
    monkeypatch.setattr(parsers, "MAX_BYTES", 1000)
    large = await _upload(browser, "/panel/import", "strategia.docx", documents.docx(), office_id=str(office))
    assert large.status_code == 400 and pl("The file is too large: at most %(mb)s MB.", mb=0) in _unescape(large.text)
    # A body over the request limit is cut off before the handler: the same message, a way back, nothing stored.
    handler = browser.client.app.get_handler_index_by_name("import_upload")["handler"]  # type: ignore[index]
    monkeypatch.setattr(handler, "_resolved_request_max_body_size", 3000)
    cut = await _upload(browser, "/panel/import", "strategia.docx", documents.docx(), office_id=str(office))
    assert cut.status_code == 413
    assert pl("The file is too large: at most %(mb)s MB.", mb=20) in _unescape(cut.text) and 'href="/panel/import"' in cut.text
    assert await ImportDraft.count() == 0
