"""Queueing, claiming and recovering analysis runs, the same on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta

from consult.accounts.schemas import CurrentUser
from consult.review.tables import AnalysisRun, RunStatus

STALE_AFTER = timedelta(seconds=90)  # no heartbeat for this long: the worker died
MAX_ATTEMPTS = 3


async def queue_run(consultation_id: int, kind: str, user: CurrentUser | None, now: datetime) -> int:
    """Queue an analysis unless one is already queued or running; returns that run's id."""
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

    await dispatch(row[0]["id"])
    return row[0]["id"]


async def claim(run_id: int | None, now: datetime) -> int | None:
    """Mark a queued run (this one, or the oldest) as running for this worker; None if none is free.

    The status check in the UPDATE makes the claim atomic: two workers never run the same run.
    """
    if run_id is None:
        row = await AnalysisRun.select(AnalysisRun.id).where(AnalysisRun.status == RunStatus.queued).order_by(
            AnalysisRun.id).first()
        if row is None:
            return None
        run_id = row["id"]
    claimed = await AnalysisRun.update({
        AnalysisRun.status: RunStatus.running, AnalysisRun.started_at: now, AnalysisRun.heartbeat_at: now,
        AnalysisRun.attempts: AnalysisRun.attempts + 1, AnalysisRun.progress: 0.0, AnalysisRun.stage: "starting",
    }).where((AnalysisRun.id == run_id) & (AnalysisRun.status == RunStatus.queued)).returning(AnalysisRun.id)
    return run_id if claimed else None


async def recover_stale(now: datetime) -> list[int]:
    """Runs whose worker died: queued again (results are saved in one transaction at the end, so a
    rerun starts clean), or failed after too many attempts. Returns the ids queued again."""
    stale = await AnalysisRun.select(AnalysisRun.id, AnalysisRun.attempts).where(
        (AnalysisRun.status == RunStatus.running) & (AnalysisRun.heartbeat_at < now - STALE_AFTER)
    )
    again = []
    for run in stale:
        if run["attempts"] >= MAX_ATTEMPTS:
            await AnalysisRun.update({
                AnalysisRun.status: RunStatus.failed, AnalysisRun.finished_at: now,
                AnalysisRun.message: "The analysis was interrupted too many times.",
            }).where(AnalysisRun.id == run["id"])
        else:
            await AnalysisRun.update({AnalysisRun.status: RunStatus.queued, AnalysisRun.stage: "interrupted"}).where(
                (AnalysisRun.id == run["id"]) & (AnalysisRun.status == RunStatus.running)
            )
            again.append(run["id"])
    return again
