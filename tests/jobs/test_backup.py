"""`consult backup` and `consult restore` on both engines: every table comes back as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from consult.accounts.services import create_user
from consult.audit.services import record
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation
from consult.db import current_engine
from consult.settings import ROOT
from tests.factories import add_comment, make_consultation
from tests.jobs.processes import environment


def _settings(db: str) -> dict[str, str]:
    if db == "postgres":
        config = current_engine().config  # type: ignore[attr-defined]
        return {"DATABASE_URL": f"postgresql://{config['user']}@{config['host']}:{config['port']}/{config['database']}"}
    return {"DATABASE_URL": "", "CONSULT_SQLITE_PATH": Consultation._meta.db.path}


def _consult(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "consult", *args], cwd=ROOT, env=environment(**_settings(db)),
                          capture_output=True, text=True, timeout=300)


async def _everything(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the database (consult's, Piccolo's migrations, procrastinate's)."""
    engine = current_engine()
    if db == "postgres":
        names = [r["table_name"] for r in await engine._run_in_new_connection(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")]
    else:
        names = [r["name"] for r in await engine._run_in_new_connection(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    tables = {}
    for name in sorted(names):
        rows = await engine._run_in_new_connection(f'SELECT * FROM "{name}"')
        tables[name] = sorted((tuple(sorted((k, repr(v)) for k, v in row.items())) for row in rows), key=repr)
    return tables


async def test_backup_and_restore_give_back_every_table(db: str, tmp_path: Path) -> None:
    await make_consultation()
    for text in ("Więcej ławek w parku", "Zielone przystanki", "Ścieżka rowerowa na Żoliborzu"):
        await add_comment("strategia", "3.1", text, submitter_name="Zofia Źdźbło", email="zofia@example.org")
    user_id = await create_user("urzednik@example.org", "bardzo-tajne-haslo", "Urzędnik")
    from consult.accounts.services import current_user

    await record(await current_user(user_id), "comment.hide", "comment", "KS-1", after={"why": "test"})  # type: ignore[arg-type]
    before = await _everything(db)
    assert before["comment"] and before["audit_entry"]
    target = tmp_path / ("kopia.pgdump" if db == "postgres" else "kopia.sqlite3")
    made = _consult(db, "backup", str(target))
    assert made.returncode == 0, made.stdout + made.stderr
    assert target.stat().st_size > 0

    # Life goes on after the backup: a new comment, one changed, one consultation renamed.
    await add_comment("strategia", "3.1", "Uwaga po kopii")
    await Comment.update({Comment.support_count: 99}, force=True)
    await Consultation.update({Consultation.title: "Zmieniony tytuł"}, force=True)
    assert await _everything(db) != before

    refused = _consult(db, "restore", str(target))
    assert refused.returncode != 0 and "--yes" in refused.stderr  # nothing replaced without confirmation
    done = _consult(db, "restore", str(target), "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert await _everything(db) == before


async def test_restore_refuses_a_file_that_is_not_a_backup(db: str, tmp_path: Path) -> None:
    await make_consultation()
    before = await _everything(db)
    bogus = tmp_path / "nie-kopia.bin"
    bogus.write_bytes(b"to nie jest kopia bazy")
    refused = _consult(db, "restore", str(bogus), "--yes")
    assert refused.returncode != 0 and "Not done" in refused.stderr
    assert await _everything(db) == before
