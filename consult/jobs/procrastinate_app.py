"""procrastinate on PostgreSQL: separate worker processes share the runs of every registered kind.

Start workers with `python -m consult worker` (as many, on as many machines, as needed). Each
worker also watches for the work of workers that died (`watch`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from procrastinate import App, PsycopgConnector

from consult.db import postgres_config
from consult.jobs import registry
from consult.settings import get_settings


def _conninfo() -> str:
    config = postgres_config(get_settings().database_url)
    parts = [f"host={config['host']}", f"port={config['port']}", f"user={config['user']}", f"dbname={config['database']}"]
    if "password" in config:
        parts.append(f"password={config['password']}")
    return " ".join(parts)


log = logging.getLogger("consult.jobs")
app = App(connector=PsycopgConnector(conninfo=_conninfo()) if get_settings().database_url else PsycopgConnector())
_jobs: dict[str, Any] = {}  # kind -> its procrastinate task


def job(kind: str) -> Any:
    """The procrastinate task of the registered kind `kind` (made on first use)."""
    install()
    return _jobs[kind]


def install() -> list[str]:
    """Give every registered kind its procrastinate task (once); returns the queues they use."""
    for task in registry.tasks():
        if task.kind not in _jobs:
            _jobs[task.kind] = app.task(name=task.name, queue=task.queue, retry=2)(_runner(task))
    return registry.queues()


def _runner(task: registry.Task) -> Callable[[int], Awaitable[None]]:
    async def run(run_id: int) -> None:
        """Claim and execute one run (a run another worker already took is skipped)."""
        from consult.jobs.runs import claim
        from consult.lib import clock

        await requeue_dead(skip=(task.kind, run_id))
        if await claim(run_id, clock.now(), task.table) is not None:
            await task.execute(run_id)

    return run


async def ensure_schema() -> None:
    """Create procrastinate's tables once (its own schema, next to consult's migrations)."""
    from psycopg import AsyncConnection

    async with await AsyncConnection.connect(_conninfo()) as conn:
        cursor = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
        exists = (await cursor.fetchone())[0]  # type: ignore[index]
    if not exists:
        await app.schema_manager.apply_schema_async()


async def requeue_dead(skip: tuple[str, int] | None = None) -> int:
    """Runs whose worker stopped sending heartbeats go back to the queue (or fail after too many
    attempts), each with a new job; returns how many were queued again. `skip` is the (kind, run) the
    caller is about to claim itself."""
    from consult.jobs.runs import recover_stale
    from consult.lib import clock

    count = 0
    for task in registry.tasks():
        for run_id in await recover_stale(clock.now(), task.table, task.gave_up):
            if skip != (task.kind, run_id):
                await job(task.kind).defer_async(run_id=run_id)
            count += 1
    return count


async def defer_orphans() -> int:
    """Runs queued for a while with no job waiting for them (the app stopped between saving the run
    and queueing its job) get one; returns how many."""
    from consult.jobs.runs import RunStatus, stale_after
    from consult.lib import clock

    count = 0
    for task in registry.tasks():
        t: Any = task.table
        waiting = await t.select(t.id).where((t.status == RunStatus.queued) & (t.created_at < clock.now() - stale_after()))
        if not waiting:
            continue
        rows = await app.connector.execute_query_all_async(
            "SELECT (args->>'run_id')::bigint AS run_id FROM procrastinate_jobs "
            "WHERE task_name = %(task)s AND status IN ('todo', 'doing')", task=task.name)
        jobs = {row["run_id"] for row in rows}
        for run in waiting:
            if run["id"] not in jobs:
                await job(task.kind).defer_async(run_id=run["id"])
                count += 1
    return count


async def retry_stalled_jobs() -> int:
    """procrastinate's own recovery: jobs left "doing" by a worker whose heartbeat stopped are
    retried (their run is claimed again once its own heartbeat is stale too)."""
    from consult.jobs.runs import heartbeat_seconds

    stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=max(30.0, heartbeat_seconds(30.0) * 3))
    for job in stalled:
        await app.job_manager.retry_job(job)
    return len(list(stalled))


async def watch() -> None:
    """For the life of a worker: every few seconds, take back the work of workers that died."""
    from consult.jobs.runs import heartbeat_seconds

    while True:
        try:
            stalled = await retry_stalled_jobs()
            dead = await requeue_dead()
            orphans = await defer_orphans()
            if stalled or dead or orphans:
                log.warning("took back %s stalled job(s) and %s run(s) of a worker that stopped; "
                            "%s queued run(s) without a job got one", stalled, dead, orphans)
        except Exception:  # noqa: BLE001 — the watch must outlive a database hiccup
            log.exception("watching for dead workers failed")
        await asyncio.sleep(heartbeat_seconds(15.0))
