"""The analysis as a kind of background run: queued here, registered with consult.jobs."""

from __future__ import annotations

from datetime import datetime

from consult.accounts.schemas import CurrentUser
from consult.jobs import registry
from consult.jobs.dispatch import dispatch
from consult.jobs.runs import recover_and_dispatch
from consult.review.analysis import execute_run
from consult.review.tables import AnalysisRun, RunStatus

GAVE_UP = "The analysis was interrupted too many times."

registry.register("analysis", table=AnalysisRun, execute=execute_run, name="analyse_run", queue="analysis",
                  gave_up=GAVE_UP)


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
    await dispatch(row[0]["id"], "analysis")
    return row[0]["id"]
