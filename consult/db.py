"""Database engines: SQLite by default (WAL, busy timeout, pooled connections), PostgreSQL when
DATABASE_URL is set (an asyncpg pool per process)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import unquote, urlparse

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory

from consult.settings import get_settings

SQLITE_POOL = 8  # connections per process: reads run side by side in WAL mode, writes wait their turn


def postgres_config(url: str) -> dict[str, object]:
    """asyncpg connection keywords from a postgresql:// URL."""
    parsed = urlparse(url)
    config: dict[str, object] = {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 5432,
        "user": unquote(parsed.username or "postgres"),
        "database": parsed.path.lstrip("/") or "consult",
    }
    if parsed.password:
        config["password"] = unquote(parsed.password)
    return config


class PooledSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine, made for many clients and several processes on one file.

    Piccolo opens a new connection (and a thread) for every query; this engine keeps a few open.
    Every connection waits up to the busy timeout for another writer instead of failing with
    "database is locked", the file is in WAL mode (readers never wait for a writer), and
    transactions of a serving process take the write lock when they begin (BEGIN IMMEDIATE), so that
    a transaction that read first never fails when it comes to write. (Migrations keep Piccolo's
    deferred transactions: one of them writes through a second connection inside its transaction.)
    """

    def __init__(self, path: str, busy_ms: int = 30000, pool_size: int = SQLITE_POOL) -> None:
        super().__init__(path=path, timeout=busy_ms / 1000)
        self.busy_ms = busy_ms
        self.pool_size = pool_size
        self._idle: list[aiosqlite.Connection] = []
        self._limits: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}
        self._wal = False
        # open_pool() turns on the pool, WAL and immediate transactions for the app and the workers;
        # a short command (migrate) opens and closes a connection per query, as Piccolo does.
        self.serving = False

    async def get_connection(self) -> aiosqlite.Connection:
        """A new connection set up for consult (used by transactions, closed at their end)."""
        pending = aiosqlite.connect(**self.connection_kwargs)
        # A pooled connection left open must never keep a finished command from exiting.
        pending._thread.daemon = True
        connection = await pending
        connection.row_factory = dict_factory  # type: ignore[assignment]
        await connection.execute("PRAGMA foreign_keys = 1")
        await connection.execute(f"PRAGMA busy_timeout = {int(self.busy_ms)}")
        if self.serving and not self._wal:
            try:
                await connection.execute("PRAGMA journal_mode = WAL")
                self._wal = True
            except sqlite3.OperationalError:  # another process holds the file right now: next time
                pass
        return connection

    def _limit(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        limit = self._limits.get(loop)
        if limit is None:
            self._limits = {k: v for k, v in self._limits.items() if not k.is_closed()}
            limit = self._limits[loop] = asyncio.Semaphore(self.pool_size)
        return limit

    async def _run_in_new_connection(self, query: str, args: list[Any] | None = None,
                                     query_type: str = "generic", table: Any = None) -> Any:
        async with self._limit():
            connection = self._idle.pop() if self._idle else await self.get_connection()
            ok = False
            try:
                async with connection.execute(query, args or []) as cursor:
                    rows = await cursor.fetchall()
                ok = True
                return rows
            finally:
                if ok and self.serving and len(self._idle) < self.pool_size:
                    self._idle.append(connection)
                else:
                    await connection.close()

    def transaction(self, transaction_type: TransactionType | None = None,
                    allow_nested: bool = True) -> SQLiteTransaction:
        """A transaction; in a serving process it holds the write lock from its start (waiting for
        it, never failing)."""
        if transaction_type is None:
            transaction_type = TransactionType.immediate if self.serving else TransactionType.deferred
        return SQLiteTransaction(engine=self, transaction_type=transaction_type, allow_nested=allow_nested)

    async def close_pool(self) -> None:
        """Close the idle connections (the app's shutdown)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()


def make_engine(url: str | None = None, sqlite_path: str | None = None) -> Engine:
    """The engine for the configured database, or for the URL / SQLite file given."""
    settings = get_settings()
    url = settings.database_url if url is None else url
    if url:
        return PostgresEngine(config=postgres_config(url))
    path = sqlite_path or str(settings.sqlite_path)
    return PooledSQLiteEngine(path=path, busy_ms=settings.sqlite_busy_ms)


def current_engine() -> Engine:
    """The engine the tables are bound to now (tests rebind them)."""
    from consult.consultations.tables import Consultation

    return Consultation._meta.db


@asynccontextmanager
async def open_pool() -> AsyncIterator[None]:
    """Keep database connections open for the life of a process (the app, a worker)."""
    engine = current_engine()
    if isinstance(engine, PostgresEngine):
        if engine.pool is not None:  # opened by whoever runs this app (a test, a host process)
            yield
            return
        size = get_settings().pool_size
        await engine.start_connection_pool(min_size=min(2, size), max_size=size)
        try:
            yield
        finally:
            await engine.close_connection_pool()
        return
    if isinstance(engine, PooledSQLiteEngine):
        engine.serving = True
    try:
        yield
    finally:
        if isinstance(engine, PooledSQLiteEngine):
            engine.serving = False
            await engine.close_pool()
