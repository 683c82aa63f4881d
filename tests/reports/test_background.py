"""Publishing in the background: refusals at once, rendering by a worker, crashes leave nothing half-done."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.accounts.services import current_user
from consult.accounts.tables import User
from consult.consultations.tables import Consultation
from consult.jobs import runs
from consult.jobs.inprocess import work_once
from consult.lib import clock
from consult.reports import publication, services
from consult.reports.tables import PublicationRun, ReportFile, ReportVersion
from tests.reports.conftest import SLUG, seed_closed


async def _head():  # type: ignore[no-untyped-def]
    row = await User.select(User.id).where(User.email == "kierownik@example.org").first()
    user = await current_user(row["id"])
    assert user is not None
    return user


async def _ready() -> None:
    """Every suggested redaction confirmed, so that only the positions stand in the way."""
    from consult.reports import redaction

    c = await services.consultation_row(SLUG)
    await redaction.suggest_missing(c["id"])
    await redaction.confirm_all(await _head(), c["id"], c["office"], clock.now())


async def test_refusals_come_at_once_and_queue_nothing(db: str) -> None:
    await seed_closed()
    await _ready()
    with pytest.raises(services.ReportError) as refused:
        await publication.request_publication(await _head(), SLUG, "", confirm_missing=False)
    assert refused.value.missing  # comments without a position are listed
    assert await PublicationRun.count() == 0


async def test_worker_renders_and_stores_one_version(db: str) -> None:
    await seed_closed()
    await _ready()
    head = await _head()
    run_id = await publication.request_publication(head, SLUG, "", confirm_missing=True)
    assert await publication.request_publication(head, SLUG, "", confirm_missing=True) == run_id  # one at a time
    waiting = await publication.publication_status(SLUG, run_id)
    assert waiting is not None and waiting.active and await ReportVersion.count() == 0
    assert await work_once() is True
    done = await publication.publication_status(SLUG, run_id)
    assert done is not None and done.status == "done" and done.version == 1
    assert await ReportFile.count() == 5
    assert (await Consultation.select(Consultation.status).first())["status"] == "report_published"
    assert await work_once() is False


async def test_a_refusal_at_render_time_fails_the_request_and_stores_nothing(db: str) -> None:
    await seed_closed()
    await _ready()
    run_id = await publication.request_publication(await _head(), SLUG, "", confirm_missing=True)
    # Before the worker gets to it, the consultation is opened again.
    await Consultation.update({Consultation.status: "open", Consultation.closes_at: clock.now() + timedelta(days=5)}, force=True)
    assert await work_once() is True
    failed = await publication.publication_status(SLUG, run_id)
    assert failed is not None and failed.status == "failed" and failed.message
    assert await ReportVersion.count() == 0 and await ReportFile.count() == 0


async def test_a_dead_worker_is_noticed_and_the_request_runs_again(db: str) -> None:
    await seed_closed()
    await _ready()
    run_id = await publication.request_publication(await _head(), SLUG, "", confirm_missing=True)
    long_ago = clock.now() - timedelta(minutes=10)
    assert await runs.claim(None, long_ago, PublicationRun) == run_id  # a worker took it and died mid-render
    assert await ReportVersion.count() == 0
    assert await work_once() is True  # recovered, queued again, rendered
    done = await publication.publication_status(SLUG, run_id)
    assert done is not None and done.status == "done" and await ReportVersion.count() == 1
    assert (await PublicationRun.select(PublicationRun.attempts).first())["attempts"] == 2


async def test_procrastinate_worker_publishes_on_postgresql(db: str, postgres_url: str) -> None:
    if db != "postgres":
        pytest.skip("procrastinate runs on PostgreSQL only")
    from procrastinate import PsycopgConnector

    from consult.db import postgres_config
    from consult.jobs.procrastinate_app import app, job

    await seed_closed()
    await _ready()
    run_id = await publication.request_publication(await _head(), SLUG, "", confirm_missing=True)
    config = postgres_config(postgres_url)
    conninfo = f"host={config['host']} port={config['port']} user={config['user']} dbname={config['database']}"
    with app.replace_connector(PsycopgConnector(conninfo=conninfo)) as queue:
        async with queue.open_async():
            exists = await queue.connector.execute_query_one_async(
                "SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS ok")
            if not exists["ok"]:
                await queue.schema_manager.apply_schema_async()
            await job("publication").defer_async(run_id=run_id)
            await queue.run_worker_async(queues=["reports"], wait=False, install_signal_handlers=False)
    done = await publication.publication_status(SLUG, run_id)
    assert done is not None and done.status == "done" and await ReportVersion.count() == 1
