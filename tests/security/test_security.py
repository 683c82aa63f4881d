"""Security headers, CSRF, request size and rate limits, and HTML payloads rendered inert."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar, Response, get
from litestar.testing import AsyncTestClient

from consult.comments.tables import Comment
from consult.lib.security import add_security_headers
from consult.settings import get_settings
from tests.clients import Browser
from tests.factories import add_comment, make_consultation, section_id

PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}"]


async def test_headers_on_pages_and_api(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    for url in ("/", "/api/v1/consultations", "/nie-ma-takiej-strony"):
        response = await client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "max-age" in response.headers["strict-transport-security"]


async def test_pages_have_no_inline_script_or_style(browser: Browser) -> None:
    import re

    await make_consultation()
    await add_comment("strategia", "3.1", "Uwaga")
    for url in ("/", "/konsultacje/strategia", f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"):
        html = (await browser.get(url)).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert " style=" not in html and not re.search(r"\son[a-z]+=", html)


async def test_csrf_required_on_forms(browser: Browser) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}/uwagi"
    await browser.get("/")
    refused = await browser.client.post(url, data={"remark": "bez tokenu"})
    wrong = await browser.client.post(url, data={"remark": "zły token", "_csrf_token": "x" * 40})
    assert refused.status_code == 403 and wrong.status_code == 403
    assert "Traceback" not in refused.text and await Comment.count() == 0


async def test_oversized_request_gets_413(browser: Browser) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}/uwagi"
    await browser.get("/")
    response = await browser.post_form(url, {"remark": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "zbyt duże" in response.text
    assert await Comment.count() == 0


async def test_payloads_inert_on_every_page_and_in_the_api(browser: Browser) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    await browser.get(url)
    refs = []
    for payload in PAYLOADS:
        response = await browser.post_form(url + "/uwagi", {
            "remark": payload, "proposal": payload, "justification": payload, "submitter_name": payload,
            "show_name": "on"}, follow_redirects=False)
        refs.append(response.headers["location"].split("?")[0])
    for page in [url, *refs, "/konsultacje/strategia"]:
        html = (await browser.get(page)).text
        assert "<script>alert" not in html and "<img src=x" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    api = await browser.client.get(f"/api/v1/consultations/strategia/sections/{url.rsplit('/', 1)[1]}/comments")
    assert api.headers["content-type"].startswith("application/json")
    assert {c["remark"] for c in api.json()["items"]} == set(PAYLOADS)


@pytest.fixture
async def limited(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Browser]:
    from consult.app import create_app

    monkeypatch.setenv("CONSULT_RATE_COMMENTS", "3")
    monkeypatch.setenv("CONSULT_RATE_SIGN_IN", "2")
    get_settings.cache_clear()
    try:
        async with AsyncTestClient(app=create_app(), base_url="https://testserver.local") as client:
            yield Browser(client)
    finally:
        get_settings.cache_clear()


async def test_rate_limits_answer_429_readably(limited: Browser) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    await limited.get(url)
    statuses = [(await limited.post_form(url + "/uwagi", {"remark": f"Uwaga {i}"}, follow_redirects=False)).status_code
                for i in range(4)]
    assert statuses == [303, 303, 303, 429]
    blocked = await limited.post_form(url + "/uwagi", {"remark": "jeszcze"})
    assert "Zbyt wiele żądań" in blocked.text and "retry-after" in {k.lower() for k in blocked.headers}
    api = await limited.client.post(f"/api/v1/consultations/strategia/sections/{url.rsplit('/', 1)[1]}/comments",
                                    json={"remark": "API"})
    assert api.status_code == 429 and api.headers["content-type"].startswith("application/json")
    # Other actions count apart: reading and signing in still work.
    assert (await limited.get("/")).status_code == 200
    assert (await limited.post_form("/logowanie", {"email": "a@example.org", "password": "x"})).status_code == 400
    assert await Comment.count() == 3


async def test_data_request_is_rate_limited(limited: Browser) -> None:
    await limited.get("/moje-dane")
    statuses = [(await limited.post_form("/moje-dane", {"email": "a@example.org"})).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


async def test_content_type_names_its_charset_once(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    """Litestar appends a charset to every text type, also to one given (or stored) with it."""
    @get("/f", sync_to_thread=False)
    def stored_file() -> Response[bytes]:
        return Response(b"a;b", media_type="text/csv; charset=utf-8")

    async with AsyncTestClient(app=Litestar([stored_file], before_send=[add_security_headers])) as bare:
        assert (await bare.get("/f")).headers["content-type"] == "text/csv; charset=utf-8"
    for url in ("/", "/nie-ma-takiej-strony", "/static/css/consult.css"):
        content_type = (await client.get(url)).headers["content-type"]
        assert content_type.count("charset") == 1, (url, content_type)
