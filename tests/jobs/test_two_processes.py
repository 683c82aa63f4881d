"""Two app processes behind one address: a visitor moved to the other process on every request keeps
their session, their CSRF token, their rate limit and sees the same background jobs."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from consult.accounts.services import create_user, grant_role
from consult.consultations.services import ensure_office
from consult.consultations.tables import Consultation
from tests.factories import make_consultation, section_id
from tests.jobs.processes import Child, environment, free_port, wait_http

TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
PASSWORD = "dwa-procesy-haslo"


async def test_a_visitor_alternating_between_two_processes(db: str, tmp_path: Path) -> None:
    await make_consultation()
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    user = await create_user("urzednik@example.org", PASSWORD, "Urzędnik")
    await grant_role(user, office, "official")
    section = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    if db == "postgres":
        from consult.db import current_engine

        config = current_engine().config  # type: ignore[attr-defined]
        settings = {"DATABASE_URL": f"postgresql://{config['user']}@{config['host']}:{config['port']}/{config['database']}"}
    else:
        settings = {"DATABASE_URL": "", "CONSULT_SQLITE_PATH": Consultation._meta.db.path}
    env = environment(**settings, CONSULT_SECURE_COOKIES="0", CONSULT_RATE_COMMENTS="3",
                      CONSULT_IN_PROCESS_WORKER="0", CONSULT_SECRET_KEY="one-secret-for-both")
    ports = [free_port(), free_port()]
    children = [Child(["serve", "--port", str(p), "--workers", "1"], env, tmp_path / f"serve{i}.log")
                for i, p in enumerate(ports)]
    try:
        for child, port in zip(children, ports):
            await wait_http(port, 60, child)
        turn = [0]

        def url(path: str) -> str:
            # Each request goes to the other process (cookies know no ports: one address for the browser).
            turn[0] += 1
            return f"http://127.0.0.1:{ports[turn[0] % 2]}{path}"

        async with httpx.AsyncClient(timeout=30) as browser:
            # CSRF: the token from one process's page is good on the other.
            page = await browser.get(url(section))
            token = TOKEN.search(page.text).group(1)  # type: ignore[union-attr]
            statuses = []
            for n in range(5):
                response = await browser.post(url(section + "/uwagi"), data={
                    "_csrf_token": token, "remark": f"Uwaga numer {n} z dwóch procesów",
                    "submitter_kind": "resident", "submission_key": f"{n:032d}"})
                statuses.append(response.status_code)
            # Rate limit 3 a minute, counted once for both processes (each alone would allow 3).
            assert statuses == [303, 303, 303, 429, 429], statuses

            # Session: signed in on one process, signed in on the other.
            page = await browser.get(url("/logowanie"))
            token = TOKEN.search(page.text).group(1)  # type: ignore[union-attr]
            signed = await browser.post(url("/logowanie"), data={
                "_csrf_token": token, "email": "urzednik@example.org", "password": PASSWORD})
            assert signed.status_code in (302, 303), signed.text[:500]
            panel = await browser.get(url("/panel"))
            assert panel.status_code == 200 and "Urzędnik" in panel.text

            # Jobs: an analysis queued through one process is followed through the other.
            review = await browser.get(url("/panel/konsultacje/strategia/przeglad"))
            token = TOKEN.search(review.text).group(1)  # type: ignore[union-attr]
            queued = await browser.post(url("/panel/konsultacje/strategia/analiza"), data={"_csrf_token": token})
            assert queued.status_code in (200, 302, 303)
            from consult.review.tables import AnalysisRun

            run = await AnalysisRun.select(AnalysisRun.id).first()
            assert run is not None
            status = await browser.get(url(f"/panel/konsultacje/strategia/analiza/{run['id']}"))
            assert status.status_code == 200 and "analysis-run" in status.text
    finally:
        for child in children:
            child.stop()
