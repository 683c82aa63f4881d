"""Analysis jobs on both engines: queued, running, progress, done, failed, resumed after a crash."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.jobs import runs
from consult.jobs.inprocess import work_once
from consult.lib.clock import now
from consult.review.jobs import GAVE_UP, queue_run
from consult.review.tables import AnalysisRun, CommentAnalysis, Theme
from tests.factories import add_comment, make_consultation


async def _setup() -> int:
    cid = await make_consultation()
    await add_comment("strategia", "3.1", "Więcej wsparcia dla seniorów")
    await add_comment("strategia", "3.1", "Seniorzy są samotni")
    await add_comment("strategia", "3.2", "Mieszkania dla bezdomnych")
    return cid


async def _run(run_id: int) -> dict:  # type: ignore[type-arg]
    return await AnalysisRun.select().where(AnalysisRun.id == run_id).first()


async def test_lifecycle_queued_running_done(db: str, fake_nlp: None) -> None:
    cid = await _setup()
    run_id = await queue_run(cid, "full", None, now())
    assert (await _run(run_id))["status"] == "queued"
    assert await queue_run(cid, "full", None, now()) == run_id  # one at a time
    assert await work_once() is True
    run = await _run(run_id)
    assert run["status"] == "done" and run["progress"] == 1.0 and run["comment_count"] == 3
    assert await CommentAnalysis.count() == 3
    labels = sorted(t["label"] for t in await Theme.select(Theme.label))
    assert labels == ["mieszkan", "senior"]
    assert await work_once() is False


async def test_a_late_progress_write_does_not_undo_done(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Progress is written from the analysis thread; a write still on its way when the analysis returns
    must land before the final status, not after it."""
    import asyncio

    from consult.review import analysis
    from tests.review.conftest import keyword_analysis

    cid = await _setup()
    real_update = analysis._update

    async def slow_progress(run_id: int, **values: object) -> None:
        if values.get("stage") == "late":
            await asyncio.sleep(0.3)
        await real_update(run_id, **values)

    def analyse_then_report(kind: str, rows: list, state: dict, progress: object) -> object:  # type: ignore[type-arg]
        result = keyword_analysis(kind, rows, state, progress)
        progress(1.0, "late")  # type: ignore[operator]
        return result

    monkeypatch.setattr(analysis, "_update", slow_progress)
    monkeypatch.setattr(analysis, "_run_nlp", analyse_then_report)
    run_id = await queue_run(cid, "full", None, now())
    await work_once()
    await asyncio.sleep(0.5)  # long enough for any write still pending to land
    run = await _run(run_id)
    assert (run["status"], run["progress"], run["stage"]) == ("done", 1.0, "done")


async def test_failure_is_recorded_with_a_message(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = await _setup()

    def broken(*args: object) -> None:
        raise ValueError("słownik nie został wczytany")

    monkeypatch.setattr("consult.review.analysis._run_nlp", broken)
    run_id = await queue_run(cid, "full", None, now())
    await work_once()
    run = await _run(run_id)
    assert run["status"] == "failed" and "słownik nie został wczytany" in run["message"]
    assert await CommentAnalysis.count() == 0


async def test_claim_is_atomic(db: str) -> None:
    cid = await _setup()
    run_id = await queue_run(cid, "full", None, now())
    assert await runs.claim(run_id, now(), AnalysisRun) == run_id
    assert await runs.claim(run_id, now(), AnalysisRun) is None
    assert await runs.claim(None, now(), AnalysisRun) is None


async def test_interrupted_run_is_resumed_and_finishes_once(db: str, fake_nlp: None) -> None:
    cid = await _setup()
    run_id = await queue_run(cid, "full", None, now())
    await runs.claim(run_id, now() - timedelta(minutes=10), AnalysisRun)  # a worker took it, then died
    assert (await _run(run_id))["status"] == "running"
    assert await runs.recover_stale(now(), AnalysisRun, GAVE_UP) == [run_id]
    assert (await _run(run_id))["status"] == "queued"
    await work_once()
    run = await _run(run_id)
    assert run["status"] == "done" and run["attempts"] == 2
    assert await CommentAnalysis.count() == 3  # saved once, not twice


async def test_run_interrupted_too_often_fails(db: str) -> None:
    cid = await _setup()
    run_id = await queue_run(cid, "full", None, now())
    await AnalysisRun.update({AnalysisRun.status: "running", AnalysisRun.attempts: runs.MAX_ATTEMPTS,
                              AnalysisRun.heartbeat_at: now() - timedelta(hours=1)}).where(AnalysisRun.id == run_id)
    assert await runs.recover_stale(now(), AnalysisRun, GAVE_UP) == []
    run = await _run(run_id)
    assert run["status"] == "failed" and "interrupted" in run["message"]


async def test_closing_a_consultation_queues_an_analysis(db: str) -> None:
    from consult.accounts.services import create_user, current_user
    from consult.panel.services import set_status

    cid = await _setup()
    head = await current_user(await create_user("k@example.org", "haslo-kierownika", is_admin=True))
    assert head is not None
    await set_status(head, "strategia", "closed")
    queued = await AnalysisRun.select().where(AnalysisRun.consultation == cid)
    assert len(queued) == 1 and queued[0]["status"] == "queued"


async def test_in_app_worker_picks_up_queued_runs(db: str, fake_nlp: None) -> None:
    import asyncio

    from consult.jobs import inprocess

    cid = await _setup()
    task = asyncio.create_task(inprocess._loop())
    try:
        run_id = await queue_run(cid, "full", None, now())  # wakes the worker
        for _ in range(100):
            if (await _run(run_id))["status"] == "done":
                break
            await asyncio.sleep(0.05)
        assert (await _run(run_id))["status"] == "done"
    finally:
        task.cancel()
