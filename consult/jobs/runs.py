"""Queueing, claiming and recovering runs (analyses and report publications), the same on both engines.

A run table has the columns status, progress, stage, message, attempts, started_at, heartbeat_at and
finished_at (review.AnalysisRun, reports.PublicationRun)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from consult.accounts.schemas import CurrentUser
from piccolo.table import Table

from consult.review.tables import AnalysisRun, RunStatus
from consult.settings import get_settings

MAX_ATTEMPTS = 3


def stale_after() -> timedelta:
    """No heartbeat for this long: the worker died (CONSULT_RUN_STALE_SECONDS, default 90 s)."""
    return timedelta(seconds=get_settings().run_stale_seconds)


def heartbeat_seconds(longest: float) -> float:
    """How often a live worker marks its run: often enough that it never looks dead."""
    return min(longest, get_settings().run_stale_seconds / 3)


def is_stale(status: str, heartbeat_at: datetime | None, now: datetime) -> bool:
    """Whether a run says "running" though its worker stopped sending heartbeats."""
    return status == RunStatus.running and heartbeat_at is not None and heartbeat_at < now - stale_after()


async def queue_run(consultation_id: int, kind: str, user: CurrentUser | None, now: datetime) -> int:
    """Queue an analysis unless one is already queued or running; returns that run's id.

    A run whose worker died is recovered first: queued again (and handed to the queue once more) or,
    after too many attempts, failed, so that this request starts a new one."""
    await recover_and_dispatch(now)
    active = await AnalysisRun.select(AnalysisRun.id).where(
        (AnalysisRun.consultation == consultation_id)
        & AnalysisRun.status.is_in([RunStatus.queued, RunStatus.running])
    ).first()
    if active:
        return active["id"]
    row = await AnalysisRun.insert(AnalysisRun(
        consultation=consultation_id, kind=kind, status=RunStatus.queued, created_at=now,
        requested_by=user.id if user else None,
    )).returning(AnalysisRun.id)
    from consult.jobs.dispatch import dispatch

    await dispatch(row[0]["id"], "analysis")
    return row[0]["id"]


async def claim(run_id: int | None, now: datetime, table: type[Table] = AnalysisRun) -> int | None:
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


async def recover_stale(now: datetime, table: type[Table] = AnalysisRun,
                        gave_up: str = "The analysis was interrupted too many times.") -> list[int]:
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


async def recover_and_dispatch(now: datetime) -> tuple[list[int], list[int]]:
    """Recover the dead analyses and publications and hand each one queued again to the queue (a
    procrastinate job on PostgreSQL with external workers; a wake-up of the in-app worker otherwise).
    Returns the (analysis, publication) ids queued again."""
    from consult.jobs.dispatch import dispatch
    from consult.reports.publication import GAVE_UP
    from consult.reports.tables import PublicationRun

    analyses = await recover_stale(now)
    publications = await recover_stale(now, PublicationRun, GAVE_UP)
    for run_id in analyses:
        await dispatch(run_id, "analysis")
    for run_id in publications:
        await dispatch(run_id, "publication")
    return analyses, publications
