"""Claiming and recovering runs of every registered kind, the same on both engines.

A run table has the columns status, progress, stage, message, attempts, created_at, started_at,
heartbeat_at and finished_at."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from piccolo.table import Table

from consult.jobs import registry
from consult.settings import get_settings

MAX_ATTEMPTS = 3


class RunStatus(str, Enum):
    """The life of a run."""

    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


def stale_after() -> timedelta:
    """No heartbeat for this long: the worker died (CONSULT_RUN_STALE_SECONDS, default 90 s)."""
    return timedelta(seconds=get_settings().run_stale_seconds)


def heartbeat_seconds(longest: float) -> float:
    """How often a live worker marks its run: often enough that it never looks dead."""
    return min(longest, get_settings().run_stale_seconds / 3)


def is_stale(status: str, heartbeat_at: datetime | None, now: datetime) -> bool:
    """Whether a run says "running" though its worker stopped sending heartbeats."""
    return status == RunStatus.running and heartbeat_at is not None and heartbeat_at < now - stale_after()


async def claim(run_id: int | None, now: datetime, table: type[Table]) -> int | None:
    """Mark a queued run (this one, or the oldest) as running for this worker; None if none is free.

    The status check in the UPDATE makes the claim atomic: two workers never run the same run.
    """
    t: Any = table
    if run_id is None:
        row = await t.select(t.id).where(t.status == RunStatus.queued).order_by(t.id).first()
        if row is None:
            return None
        run_id = row["id"]
    claimed = await t.update({
        t.status: RunStatus.running, t.started_at: now, t.heartbeat_at: now,
        t.attempts: t.attempts + 1, t.progress: 0.0, t.stage: "starting",
    }).where((t.id == run_id) & (t.status == RunStatus.queued)).returning(t.id)
    return run_id if claimed else None


async def recover_stale(now: datetime, table: type[Table], gave_up: str) -> list[int]:
    """Runs whose worker died: queued again (results are saved in one transaction at the end, so a
    rerun starts clean), or failed after too many attempts. Returns the ids queued again."""
    t: Any = table
    stale = await t.select(t.id, t.attempts).where(
        (t.status == RunStatus.running) & (t.heartbeat_at < now - stale_after())
    )
    again = []
    for run in stale:
        if run["attempts"] >= MAX_ATTEMPTS:
            await t.update({t.status: RunStatus.failed, t.finished_at: now, t.message: gave_up,
                            t.stage: "failed"}).where((t.id == run["id"]) & (t.status == RunStatus.running))
        else:
            await t.update({t.status: RunStatus.queued, t.stage: "interrupted"}).where(
                (t.id == run["id"]) & (t.status == RunStatus.running)
            )
            again.append(run["id"])
    return again


async def recover_and_dispatch(now: datetime) -> dict[str, list[int]]:
    """Recover the dead runs of every registered kind and hand each one queued again to the queue (a
    procrastinate job on PostgreSQL with external workers; a wake-up of the in-app worker otherwise).
    Returns the ids queued again, by kind."""
    from consult.jobs.dispatch import dispatch

    again = {task.kind: await recover_stale(now, task.table, task.gave_up) for task in registry.tasks()}
    for kind, ids in again.items():
        for run_id in ids:
            await dispatch(run_id, kind)
    return again
