"""The server killed (SIGKILL) in the middle of a load of comment posts: every comment it
acknowledged is stored, on both engines."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from consult.comments.tables import Comment
from consult.consultations.tables import Consultation
from tests.factories import make_consultation, section_id
from tests.jobs.processes import Child, environment, free_port, wait_http

CLIENTS = 16


async def test_every_acknowledged_comment_survives_a_kill(db: str, tmp_path: Path) -> None:
    await make_consultation()
    sid = await section_id("strategia", "3.1")
    if db == "postgres":
        from consult.db import current_engine

        config = current_engine().config  # type: ignore[attr-defined]
        settings = {"DATABASE_URL": f"postgresql://{config['user']}@{config['host']}:{config['port']}/{config['database']}"}
    else:
        settings = {"DATABASE_URL": "", "CONSULT_SQLITE_PATH": Consultation._meta.db.path}
    port = free_port()
    server = Child(["serve", "--port", str(port), "--workers", "1"],
                   environment(**settings, CONSULT_RATE_COMMENTS="1000000", CONSULT_IN_PROCESS_WORKER="0"),
                   tmp_path / "serve.log")
    acknowledged: list[str] = []
    try:
        await wait_http(port, 60, server)
        deadline = time.monotonic() + 20

        async def poster(n: int) -> None:
            async with httpx.AsyncClient(timeout=10) as client:
                i = 0
                while time.monotonic() < deadline:
                    i += 1
                    try:
                        response = await client.post(
                            f"http://127.0.0.1:{port}/api/v1/consultations/strategia/sections/{sid}/comments",
                            json={"remark": f"Uwaga {n}-{i} przed awarią"})
                    except httpx.HTTPError:
                        return  # the server is gone
                    assert response.status_code in (200, 201), response.text
                    acknowledged.append(response.json()["reference"])

        posters = [asyncio.create_task(poster(n)) for n in range(CLIENTS)]
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        server.kill()  # in the middle of the posts
        await asyncio.gather(*posters)
    finally:
        server.kill()
    assert len(acknowledged) >= 60
    stored = {r["reference"] for r in await Comment.select(Comment.reference)}
    missing = [ref for ref in acknowledged if ref not in stored]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged comments were lost"
    assert len(set(acknowledged)) == len(acknowledged)
