"""Hand a queued run to the engine's queue: the in-app worker on SQLite, procrastinate on PostgreSQL."""

from __future__ import annotations

from consult.settings import get_settings


async def dispatch(run_id: int, kind: str = "analysis") -> None:
    """Tell the queue that run `run_id` (an "analysis" or a report "publication") waits; the in-app
    worker also polls, so nothing is lost if the wake-up is missed."""
    if get_settings().engine == "postgres" and get_settings().external_workers:
        from consult.jobs.procrastinate_app import analyse_run, publish_report, send_report_mail

        task = {"publication": publish_report, "mail": send_report_mail}.get(kind, analyse_run)
        await task.defer_async(run_id=run_id)
        return
    from consult.jobs.inprocess import wake

    wake()
