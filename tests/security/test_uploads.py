"""Hostile uploads through the web: refused with a clear message while the server keeps serving
others, and nothing stored, on both engines."""

from __future__ import annotations

import asyncio
import time

import pytest

from consult.imports import parsers
from consult.imports.tables import ImportDraft
from tests.clients import Browser
from tests.imports import documents
from tests.test_route_matrix import _seed


async def _upload(browser: Browser, name: str, content: bytes, office: object):  # type: ignore[no-untyped-def]
    return await browser.client.post(
        "/panel/import", data={"_csrf_token": browser.token, "office_id": str(office)},
        files={"file": (name, content, "application/octet-stream")}, follow_redirects=False)


async def test_other_requests_are_served_while_a_hostile_file_is_refused(
    engine_browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await _seed()
    engine_browser.client.cookies.set("consult_session", "token-official")
    await engine_browser.get("/panel/import")
    monkeypatch.setattr(parsers, "MAX_PARSE_SECONDS", 3)
    slow = ("- " + "lista " * 20 + "\n").encode() * 150_000  # 19 MB of list items: many seconds to read
    answered: list[float] = []

    async def reader() -> None:
        await asyncio.sleep(0.5)  # the upload is being read by now
        for _ in range(5):
            started = time.monotonic()
            assert (await engine_browser.client.get("/konsultacje/strategia")).status_code == 200
            answered.append(time.monotonic() - started)
            await asyncio.sleep(0.2)

    started = time.monotonic()
    upload, _ = await asyncio.gather(_upload(engine_browser, "dlugi.md", slow, ids["office"]), reader())
    took = time.monotonic() - started
    assert upload.status_code == 400 and "sekund" in upload.text  # the Polish message about the time limit
    assert took < 15 and len(answered) == 5 and max(answered) < 2.0, (took, answered)
    assert sum(answered) + 0.5 < took  # the reads were answered while the upload was still being refused
    assert await ImportDraft.count() == 0


async def test_oversized_sections_and_bombs_store_nothing(engine_browser: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = await _seed()
    engine_browser.client.cookies.set("consult_session", "token-official")
    await engine_browser.get("/panel/import")
    from consult.imports import services

    monkeypatch.setattr(services, "MAX_SECTION_CHARS", 40)
    refused = await _upload(engine_browser, "strategia.docx", documents.docx(), ids["office"])
    assert refused.status_code == 400 and "znaków" in refused.text
    monkeypatch.setattr(parsers, "MAX_UNPACKED", 10_000)
    refused = await _upload(engine_browser, "strategia.odt", documents.odt(), ids["office"])
    assert refused.status_code == 400 and "MB" in refused.text
    assert await ImportDraft.count() == 0
    monkeypatch.setattr(services, "MAX_SECTION_CHARS", parsers.MAX_SECTION_CHARS)
    monkeypatch.setattr(parsers, "MAX_UNPACKED", 100 * 1024 * 1024)
    accepted = await _upload(engine_browser, "strategia.docx", documents.docx(), ids["office"])
    assert accepted.status_code == 303 and await ImportDraft.count() == 1
