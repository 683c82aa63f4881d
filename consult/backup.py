"""`consult backup` and `consult restore`: the whole database to one file and back, on either engine.

SQLite: SQLite's online backup API (a consistent copy while the app keeps serving; WAL included).
PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists` (Debian's
postgresql-client), with the connection taken from DATABASE_URL.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from consult.db import postgres_config
from consult.settings import get_settings

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _pg_env_args(url: str) -> tuple[dict[str, str], list[str]]:
    config = postgres_config(url)
    env = {**os.environ}
    if "password" in config:
        env["PGPASSWORD"] = str(config["password"])
    args = ["--host", str(config["host"]), "--port", str(config["port"]), "--username", str(config["user"])]
    return env, args + ["--dbname", str(config["database"])]


def _sqlite_progress(status: int, remaining: int, total: int) -> None:
    """Nothing to show; lets SQLite copy in steps so that writers are not held up for long."""


def backup(target: Path) -> str:
    """Write the configured database to `target`; returns a line saying what was written."""
    settings = get_settings()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if settings.engine == "sqlite":
        source_path = settings.sqlite_path
        if not source_path.is_file():
            raise BackupError(f"There is no database at {source_path}.")
        source = sqlite3.connect(source_path, timeout=settings.sqlite_busy_ms / 1000)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy, pages=1024, progress=_sqlite_progress)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
            source.close()
    else:
        env, args = _pg_env_args(settings.database_url)
        result = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), *args],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError("pg_dump failed: " + result.stderr.strip())
    partial.replace(target)  # a backup file is complete or absent, never half written
    return f"{settings.engine} database written to {target} ({target.stat().st_size:,} bytes)"


def restore(source: Path) -> str:
    """Replace the configured database's content by the backup in `source`."""
    settings = get_settings()
    if not source.is_file():
        raise BackupError(f"There is no file {source}.")
    head = source.read_bytes()[:16]
    if settings.engine == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} is not a SQLite backup (a PostgreSQL one is restored with DATABASE_URL set).")
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in backup_db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"consultation", "comment", "migration"} <= tables:
                raise BackupError(f"{source} is not a consult database.")
            settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            live = sqlite3.connect(settings.sqlite_path, timeout=settings.sqlite_busy_ms / 1000)
            try:
                backup_db.backup(live)  # page by page under the write lock: readers see before or after
            finally:
                live.close()
        finally:
            backup_db.close()
    else:
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{source} is not a pg_dump backup (a SQLite one is restored without DATABASE_URL).")
        env, args = _pg_env_args(settings.database_url)
        result = subprocess.run(
            [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", *args, str(source)], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError("pg_restore failed (the database was left as it was): " + result.stderr.strip())
    return f"{settings.engine} database restored from {source}"
