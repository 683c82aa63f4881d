"""`python -m consult import`: a new consultation, a new version, and a clear failure with a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from consult.consultations.services import ensure_office
from consult.consultations.tables import Consultation, Document
from consult.settings import ROOT
from tests.imports import documents


def _consult(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONSULT_SQLITE_PATH": str(database), "DATABASE_URL": ""}
    return subprocess.run([sys.executable, "-m", "consult", "import", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


async def test_import_command(sqlite_db: str, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    await ensure_office("Biuro Pomocy i Projektów Społecznych")
    draft = tmp_path / "strategia.docx"
    draft.write_bytes(documents.docx())
    created = _consult(database, str(draft), "--consultation", "strategia-cli", "--new", "--title", "Strategia z CLI",
                       "--office", "Biuro Pomocy i Projektów Społecznych")
    assert created.returncode == 0, created.stderr
    assert "version 1 saved with 4 sections" in created.stdout
    second = tmp_path / "strategia-v2.md"
    second.write_text(documents.markdown(), encoding="utf-8")
    version = _consult(database, str(second), "--consultation", "strategia-cli", "--note", "druga wersja")
    assert version.returncode == 0 and "version 2 saved" in version.stdout and "4 matched" in version.stdout
    broken = tmp_path / "zepsuty.pdf"
    broken.write_bytes(b"%PDF-1.7 broken")
    failed = _consult(database, str(broken), "--consultation", "strategia-cli")
    assert failed.returncode != 0 and "Not imported" in failed.stderr
    missing = _consult(database, str(draft), "--consultation", "nie-ma-takiej")
    assert missing.returncode != 0 and "nie-ma-takiej" in missing.stderr
    assert await Consultation.count() == 1
    assert await Document.count() == 2
