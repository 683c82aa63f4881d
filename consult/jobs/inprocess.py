"""The worker inside the app process (the embedded default): one run at a time, in a thread."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar

from consult.jobs import registry
from consult.jobs.runs import claim, recover_stale
from consult.lib import clock

log = logging.getLogger("consult.jobs")
_wakeup: asyncio.Event | None = None
POLL_SECONDS = 5.0


def wake() -> None:
    """Let the worker look for work now rather than at its next poll."""
    if _wakeup is not None:
        _wakeup.set()


async def work_once() -> bool:
    """Recover dead runs, then claim and execute one queued run (of the first registered kind that has
    one: an analysis before a report publication before a mailing); whether one was run."""
    for task in registry.tasks():
        await recover_stale(clock.now(), task.table, task.gave_up)
    for task in registry.tasks():
        run_id = await claim(None, clock.now(), task.table)
        if run_id is not None:
            log.info("%s run %s started", task.kind, run_id)
            await task.execute(run_id)
            return True
    return False


async def _loop() -> None:
    global _wakeup
    _wakeup = asyncio.Event()
    while True:
        try:
            while await work_once():
                pass
        except Exception:  # noqa: BLE001 — the worker must outlive a bad run or a database hiccup
            log.exception("worker error")
        try:
            await asyncio.wait_for(_wakeup.wait(), timeout=POLL_SECONDS)
        except TimeoutError:
            pass
        _wakeup.clear()


@asynccontextmanager
async def in_process_worker(app: Litestar) -> AsyncIterator[None]:
    """Run the worker for the app's life, or open the procrastinate queue when external workers do the work."""
    from consult.settings import get_settings

    settings = get_settings()
    if settings.external_workers:
        # The app only queues; `consult worker` processes run the work.
        from consult.jobs.procrastinate_app import app as queue

        async with queue.open_async():
            yield
        return
    if not settings.in_process_worker:
        yield
        return
    task = asyncio.create_task(_loop())
    try:
        yield
    finally:
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):  # noqa: BLE001
            pass
