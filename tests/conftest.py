"""Test set-up: the environment before the app is imported, databases on both engines, clients."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="consult-tests-"))
os.environ.pop("DATABASE_URL", None)
os.environ["CONSULT_SQLITE_PATH"] = str(_TMP / "unused.sqlite3")
os.environ["CONSULT_SECRET_KEY"] = "test-secret"
os.environ.setdefault("CONSULT_PAGE_SIZE", "5")
for _limit in ("CONSULT_RATE_COMMENTS", "CONSULT_RATE_SUPPORTS", "CONSULT_RATE_SIGN_IN"):
    os.environ.setdefault(_limit, "10000")  # the rate-limit tests set their own, small limits
os.environ["CONSULT_IN_PROCESS_WORKER"] = "0"  # tests run jobs explicitly (work_once), never racing a worker

import asyncpg  # noqa: E402
import pytest  # noqa: E402
from piccolo.conf.apps import Finder  # noqa: E402
from piccolo.engine.base import Engine  # noqa: E402
from piccolo.engine.postgres import PostgresEngine  # noqa: E402
from piccolo.engine.sqlite import SQLiteEngine  # noqa: E402

from consult.db import postgres_config  # noqa: E402
from consult.settings import ROOT  # noqa: E402

PG_ADMIN_URL = os.environ.get("CONSULT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
TABLES = Finder().get_table_classes()


def _migrate(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "consult", "migrate"], cwd=ROOT, env={**os.environ, **env},
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def bind(engine: Engine) -> None:
    """Point every table at `engine` (Piccolo binds tables to an engine at import)."""
    for table in TABLES:
        table._meta.db = engine


@pytest.fixture(scope="session")
def sqlite_template() -> Path:
    """A SQLite file with every migration applied, copied for each test."""
    path = _TMP / "template.sqlite3"
    _migrate({"CONSULT_SQLITE_PATH": str(path), "DATABASE_URL": ""})
    return path


def _pg_admin(sql: str) -> None:
    """Run one statement on the server's admin database, outside any test's event loop."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def run() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database created for this run, migrated, and dropped at the end."""
    name = f"consult_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        _pg_admin(f'CREATE DATABASE "{name}"')
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("CI") or os.environ.get("CONSULT_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required but not reachable at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        _migrate({"DATABASE_URL": url})
        yield url
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
async def db(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> AsyncIterator[str]:
    """A clean, migrated database on each engine; yields the engine's name."""
    if request.param == "sqlite":
        path = tmp_path / "db.sqlite3"
        shutil.copy(sqlite_template, path)
        bind(SQLiteEngine(path=str(path)))
    else:
        url = request.getfixturevalue("postgres_url")
        engine = PostgresEngine(config=postgres_config(url))
        bind(engine)
        names = ", ".join(f'"{t._meta.tablename}"' for t in TABLES)
        await engine._run_in_new_connection(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        # A pool per test (same event loop as the test): connecting per query is slow.
        await engine.start_connection_pool(min_size=1, max_size=4)
        try:
            yield request.param
        finally:
            await engine.close_connection_pool()
        return
    yield request.param


@pytest.fixture
async def sqlite_db(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[str]:
    """A clean, migrated SQLite database (for the web tests)."""
    path = tmp_path / "db.sqlite3"
    shutil.copy(sqlite_template, path)
    bind(SQLiteEngine(path=str(path)))
    yield "sqlite"


from tests.clients import browser, client  # noqa: E402,F401  (fixtures for every test folder)
