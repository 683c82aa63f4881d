"""Web clients on both engines for the security tests: the app over a clean database of each engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from piccolo.engine.postgres import PostgresEngine

import consult.app
from consult.consultations.tables import Consultation
from tests.clients import Browser


@asynccontextmanager
async def _no_pool(_app: Litestar) -> AsyncIterator[None]:
    yield


@asynccontextmanager
async def open_browser(monkeypatch: pytest.MonkeyPatch, **env: str) -> AsyncIterator[Browser]:
    """A CSRF-speaking client of an app made with the environment `env` on the bound engine.

    The test client serves the app from an event loop of its own, so on PostgreSQL neither the
    test nor the app keeps a pool: each query connects anew, from whichever loop runs it."""
    from consult.settings import get_settings

    engine = Consultation._meta.db
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
        monkeypatch.setattr(consult.app, "database_pool", _no_pool)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        async with AsyncTestClient(app=consult.app.create_app(), base_url="https://testserver.local") as client:
            yield Browser(client)
    finally:
        for name in env:
            monkeypatch.delenv(name)
        get_settings.cache_clear()


@pytest.fixture
async def engine_browser(db: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Browser]:
    """A CSRF-speaking client of the app on the `db` fixture's engine (SQLite, then PostgreSQL)."""
    async with open_browser(monkeypatch) as browser:
        yield browser
