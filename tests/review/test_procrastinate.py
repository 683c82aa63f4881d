"""On PostgreSQL the analysis goes through procrastinate: deferred by the app, done by a worker."""

from __future__ import annotations

import pytest
from procrastinate import PsycopgConnector

from consult.db import postgres_config
from consult.jobs.procrastinate_app import app, job
from consult.lib.clock import now
from consult.review.tables import AnalysisRun, CommentAnalysis
from tests.factories import add_comment, make_consultation


async def test_worker_process_takes_a_deferred_run(db: str, postgres_url: str, fake_nlp: None) -> None:
    if db != "postgres":
        pytest.skip("procrastinate runs on PostgreSQL only")
    config = postgres_config(postgres_url)
    conninfo = f"host={config['host']} port={config['port']} user={config['user']} dbname={config['database']}"
    cid = await make_consultation()
    await add_comment("strategia", "3.1", "Więcej wsparcia dla seniorów")
    row = await AnalysisRun.insert(AnalysisRun(consultation=cid, kind="full", status="queued", created_at=now())).returning(AnalysisRun.id)
    run_id = row[0]["id"]
    with app.replace_connector(PsycopgConnector(conninfo=conninfo)) as queue:
        async with queue.open_async():
            connector = queue.connector
            exists = await connector.execute_query_one_async("SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS ok")
            if not exists["ok"]:
                await queue.schema_manager.apply_schema_async()
            await job("analysis").defer_async(run_id=run_id)
            # A worker that stops when the queue is empty: as `consult worker` does, minus the waiting.
            await queue.run_worker_async(queues=["analysis"], wait=False, install_signal_handlers=False)
    run = await AnalysisRun.select().where(AnalysisRun.id == run_id).first()
    assert run["status"] == "done" and run["attempts"] == 1
    assert await CommentAnalysis.count() == 1
