"""Web test clients: the app on a clean SQLite database and a browser-like client that speaks CSRF."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient

from consult.app import create_app

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


class Browser:
    """A test client that remembers cookies and posts forms with the CSRF token of the last page."""

    def __init__(self, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
        self.client = client
        self.token = ""

    async def get(self, url: str, **kwargs: object):  # type: ignore[no-untyped-def]
        response = await self.client.get(url, **kwargs)  # type: ignore[arg-type]
        found = _TOKEN.search(response.text)
        if found:
            self.token = found.group(1)
        return response

    async def post_form(self, url: str, data: dict[str, str], **kwargs: object):  # type: ignore[no-untyped-def]
        # The cookie first: signing in or out sets a new one, bound to the new session.
        token = self.client.cookies.get("csrftoken", "") or self.token
        return await self.client.post(url, data={"_csrf_token": token, **data}, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
async def client(sqlite_db: str) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    # HTTPS, as in production: session cookies are Secure.
    async with AsyncTestClient(app=create_app(), base_url="https://testserver.local") as test_client:
        yield test_client


@pytest.fixture
async def browser(client: AsyncTestClient) -> Browser:  # type: ignore[type-arg]
    return Browser(client)
