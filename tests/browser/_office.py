"""Office steps for the browser tests, run against the served SQLite file in a child process (the same
services the panel calls): a fresh consultation, positions, closing, publishing, a second draft."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from consult.settings import ROOT
from tests.browser.conftest import Site

_PRELUDE = """
import asyncio, json, sys
from datetime import timedelta
from consult.accounts.services import create_user, current_user, grant_role
from consult.accounts.tables import User
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.consultations.tables import Consultation
from consult.jobs.inprocess import work_once
import consult.app  # noqa: F401  (each feature registers its jobs when the app is wired)
from consult.lib import clock
from consult.reports import publication, redaction, services as reports
from consult.review.tables import Position
from tests.factories import add_comment, draft, make_consultation

OFFICE = "Biuro Pomocy i Projektów Społecznych"
PASSWORD = "demo-konsultacje-2026"

async def user(email, role):
    office = await ensure_office(OFFICE)
    row = await User.select(User.id).where(User.email == email).first()
    uid = row["id"] if row else await create_user(email, PASSWORD, email.split("@")[0])
    try:
        await grant_role(uid, office, role)
    except Exception:
        pass
    return await current_user(uid)

async def position(reference, value, text):
    row = await Comment.select(Comment.id, Comment.consultation).where(Comment.reference == reference).first()
    await Position.insert(Position(comment=row["id"], consultation=row["consultation"], value=value, justification=text))

async def close_and_publish(slug):
    head = await user("kierownik@example.org", "office_head")
    await Consultation.update({Consultation.status: "closed", Consultation.closes_at: clock.now() - timedelta(minutes=1)}).where(Consultation.slug == slug)
    c = await reports.consultation_row(slug)
    await redaction.suggest_missing(c["id"])
    await redaction.confirm_all(head, c["id"], c["office"], clock.now())
    await publication.request_publication(head, slug, "", confirm_missing=True)
    while await work_once():
        pass
"""


def office(site: Site, body: str) -> Any:
    """Run `body` (async statements; `out = …` is returned as JSON) against the site's database."""
    code = _PRELUDE + "\nasync def main():\n    out = None\n" + "".join(
        f"    {line}\n" for line in body.strip().splitlines()) + "    print(json.dumps(out))\n\nasyncio.run(main())\n"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"CONSULT_SQLITE_PATH": str(site.db_path), "CONSULT_SECRET_KEY": "browser-tests",
                "PYTHONPATH": str(ROOT), "CONSULT_IN_PROCESS_WORKER": "0"})
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
