"""Rate limits count per client; X-Forwarded-For names the client only when a trusted proxy sends it."""

from __future__ import annotations

import pytest

from consult.comments.tables import Comment
from tests.factories import make_consultation, section_id
from tests.security.conftest import open_browser


async def _post(browser, url: str, forwarded: str) -> int:  # type: ignore[no-untyped-def]
    response = await browser.post_form(url, {"remark": f"Uwaga od {forwarded}"}, headers={"x-forwarded-for": forwarded},
                                       follow_redirects=False)
    return response.status_code


async def test_forged_forwarded_for_is_ignored(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    async with open_browser(monkeypatch, CONSULT_RATE_COMMENTS="3") as browser:
        await browser.get(url)
        statuses = [await _post(browser, url + "/uwagi", f"198.51.100.{i}") for i in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    assert await Comment.count() == 3


async def test_a_trusted_proxy_names_the_client(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    # The test client's peer is "testclient"; behind it, a second proxy at 10.0.0.2.
    async with open_browser(monkeypatch, CONSULT_RATE_COMMENTS="2", CONSULT_TRUSTED_PROXIES="testclient, 10.0.0.0/24") as browser:
        await browser.get(url)
        # Two clients, each within its limit, though both come through the same proxy.
        assert [await _post(browser, url + "/uwagi", "203.0.113.5") for _ in range(2)] == [303, 303]
        assert [await _post(browser, url + "/uwagi", "203.0.113.6, 10.0.0.2") for _ in range(2)] == [303, 303]
        # What the client wrote itself stands left of what the proxies added: it changes nothing.
        assert await _post(browser, url + "/uwagi", "198.51.100.1, 203.0.113.5") == 429
        assert await _post(browser, url + "/uwagi", "203.0.113.6") == 429
    assert await Comment.count() == 4


def test_serve_leaves_forwarded_headers_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    import uvicorn

    from consult import cli

    seen: dict[str, object] = {}

    class Config:
        def __init__(self, *args: object, **kwargs: object) -> None:
            seen.update(kwargs)

    monkeypatch.setattr(cli, "_NoDelayConfig", Config)
    monkeypatch.setattr(uvicorn, "Server", lambda config: types.SimpleNamespace(run=lambda: None))
    cli.serve("127.0.0.1", 8000, workers=1)
    assert seen["proxy_headers"] is False
    seen.clear()
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    cli.serve("127.0.0.1", 8000, reload=True)
    assert seen["proxy_headers"] is False
