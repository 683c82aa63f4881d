"""Hand a queued run to the engine's queue: the in-app worker on SQLite, procrastinate on PostgreSQL."""

from __future__ import annotations

from consult.settings import get_settings


async def dispatch(run_id: int, kind: str) -> None:
    """Tell the queue that run `run_id` of the registered kind `kind` waits; the in-app worker also
    polls, so nothing is lost if the wake-up is missed."""
    if get_settings().engine == "postgres" and get_settings().external_workers:
        from consult.jobs.procrastinate_app import job

        await job(kind).defer_async(run_id=run_id)
        return
    from consult.jobs.inprocess import wake

    wake()
