"""Anonymous section pages served from the page cache: never stale, never another visitor's token."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
import httpx

from consult.app import create_app
from consult.comments.tables import Comment
from consult.lib import pagecache
from tests.factories import add_comment, make_consultation, section_id

TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')


def _client(app: object) -> httpx.AsyncClient:
    # In the test's own event loop, so that PostgreSQL's pool (opened by the fixture) serves the app.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver.local")  # type: ignore[arg-type]


@pytest.fixture
async def app_client(db: str) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(create_app()) as client:
        yield client


async def _page(client: httpx.AsyncClient, url: str) -> str:
    response = await client.get(url)
    assert response.status_code == 200
    return response.text


async def test_a_new_comment_a_support_and_a_hidden_comment_show_at_once(app_client: httpx.AsyncClient) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Pierwsza uwaga o ławkach")
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    first = await _page(app_client, url)
    assert "Pierwsza uwaga o ławkach" in first
    assert url in pagecache.kept_paths()  # kept for the next visitor
    await add_comment("strategia", "3.1", "Druga uwaga o zieleni")
    assert "Druga uwaga o zieleni" in await _page(app_client, url)
    await Comment.update({Comment.support_count: 7}).where(Comment.reference == ref)
    assert "7 poparć" in await _page(app_client, url)
    await Comment.update({Comment.status: "hidden"}).where(Comment.reference == ref)
    assert "Pierwsza uwaga o ławkach" not in await _page(app_client, url)


async def test_each_visitor_gets_their_own_token_and_a_fresh_form_key(db: str) -> None:
    await make_consultation()
    await add_comment("strategia", "3.1", "Uwaga")
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    app = create_app()
    pages = []
    for _ in range(2):  # two browsers, one after the other: the second is served from the cache
        async with _client(app) as client:
            text = await _page(client, url)
            pages.append((client.cookies.get("csrftoken"), set(TOKEN.findall(text)), KEY.findall(text)))
    (cookie1, tokens1, keys1), (cookie2, tokens2, keys2) = pages
    assert cookie1 and cookie2 and cookie1 != cookie2
    assert tokens1 == {cookie1} and tokens2 == {cookie2}  # the page names the visitor's own token
    assert keys1 and keys2 and keys1 != keys2


async def test_a_current_copy_gets_304_and_pages_are_private(app_client: httpx.AsyncClient) -> None:
    await make_consultation()
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    first = await app_client.get(url)
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("private")
    again = await app_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.text == ""
    await add_comment("strategia", "3.1", "Nowa uwaga")
    changed = await app_client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Nowa uwaga" in changed.text and changed.headers["etag"] != etag


async def test_a_visitor_who_supported_a_comment_is_not_served_the_common_page(browser) -> None:  # type: ignore[no-untyped-def]
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Uwaga do poparcia")
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    common = (await browser.get(url)).text
    await browser.post_form(f"/uwagi/{ref}/poparcie", {"next": url}, follow_redirects=False)
    mine = (await browser.get(url)).text
    assert "✓" not in common and "✓" in mine  # "you support this comment", for this visitor only
