"""Database engines: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from consult.settings import get_settings


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


def make_engine(url: str | None = None, sqlite_path: str | None = None) -> Engine:
    """The engine for the configured database, or for the URL / SQLite file given."""
    settings = get_settings()
    url = settings.database_url if url is None else url
    if url:
        return PostgresEngine(config=postgres_config(url))
    path = sqlite_path or str(settings.sqlite_path)
    return SQLiteEngine(path=path)
