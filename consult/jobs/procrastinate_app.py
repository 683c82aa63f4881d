"""procrastinate on PostgreSQL: separate worker processes share the analysis runs.

Start workers with `python -m consult worker` (as many, on as many machines, as needed).
"""

from __future__ import annotations

from procrastinate import App, PsycopgConnector

from consult.db import postgres_config
from consult.settings import get_settings


def _conninfo() -> str:
    config = postgres_config(get_settings().database_url)
    parts = [f"host={config['host']}", f"port={config['port']}", f"user={config['user']}", f"dbname={config['database']}"]
    if "password" in config:
        parts.append(f"password={config['password']}")
    return " ".join(parts)


app = App(connector=PsycopgConnector(conninfo=_conninfo()) if get_settings().database_url else PsycopgConnector())


@app.task(name="analyse_run", queue="analysis", retry=2)
async def analyse_run(run_id: int) -> None:
    """Claim and execute one analysis run (a run another worker already took is skipped)."""
    from consult.jobs.runs import claim, recover_stale
    from consult.lib import clock
    from consult.review.analysis import execute_run

    for again in await recover_stale(clock.now()):
        if again != run_id:
            await analyse_run.defer_async(run_id=again)
    if await claim(run_id, clock.now()) is not None:
        await execute_run(run_id)


@app.task(name="publish_report", queue="reports", retry=2)
async def publish_report(run_id: int) -> None:
    """Claim and execute one report publication (render every format, store the version)."""
    from consult.jobs.runs import claim, recover_stale
    from consult.lib import clock
    from consult.reports.publication import GAVE_UP, execute_publication
    from consult.reports.tables import PublicationRun

    for again in await recover_stale(clock.now(), PublicationRun, GAVE_UP):
        if again != run_id:
            await publish_report.defer_async(run_id=again)
    if await claim(run_id, clock.now(), PublicationRun) is not None:
        await execute_publication(run_id)


@app.task(name="send_report_mail", queue="mail", retry=2)
async def send_report_mail(run_id: int) -> None:
    """Claim and execute one mailing of a published report to its subscribers (each message once)."""
    from consult.jobs.runs import claim, recover_stale
    from consult.lib import clock
    from consult.notifications.jobs import GAVE_UP, execute_mail_run
    from consult.notifications.tables import MailRun

    for again in await recover_stale(clock.now(), MailRun, GAVE_UP):
        if again != run_id:
            await send_report_mail.defer_async(run_id=again)
    if await claim(run_id, clock.now(), MailRun) is not None:
        await execute_mail_run(run_id)


async def ensure_schema() -> None:
    """Create procrastinate's tables once (its own schema, next to consult's migrations)."""
    from psycopg import AsyncConnection

    async with await AsyncConnection.connect(_conninfo()) as conn:
        cursor = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
        exists = (await cursor.fetchone())[0]  # type: ignore[index]
    if not exists:
        await app.schema_manager.apply_schema_async()
