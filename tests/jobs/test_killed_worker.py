"""A worker killed (SIGKILL) in the middle of an analysis or a report publication: the run is noticed,
taken up again and finished once, and no half result or half version is ever stored."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from procrastinate import PsycopgConnector

from consult.consultations.tables import Consultation
from consult.db import postgres_config
from consult.lib.clock import now
from consult.reports import publication
from consult.reports.tables import PublicationRun, ReportFile, ReportVersion
from consult.review import services as review
from consult.review.jobs import queue_run
from consult.review.tables import AnalysisRun, CommentAnalysis
from consult.settings import get_settings
from tests.factories import add_comment, make_consultation
from tests.jobs.processes import Child, environment, free_port, wait_for, wait_http

TEXTS = [
    "Potrzebujemy więcej miejsc w klubach seniora na Bielanach.",
    "Kluby seniora są przepełnione, trzeba otworzyć nowe.",
    "Proszę o dodatkowe zajęcia dla seniorów w domach kultury.",
    "Brakuje mieszkań chronionych dla osób w kryzysie bezdomności.",
    "Mieszkanie najpierw powinno objąć więcej osób bezdomnych.",
    "Noclegownie zimą są przepełnione, potrzeba więcej miejsc.",
    "Asystenci rodzin mają za dużo rodzin pod opieką.",
    "Więcej asystentów rodziny w dzielnicach, gdzie jest najtrudniej.",
]


@pytest.fixture
def short_stale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process counts a run without a heartbeat for 4 s as dead, as the children do."""
    monkeypatch.setenv("CONSULT_RUN_STALE_SECONDS", "4")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def _conninfo(url: str) -> str:
    config = postgres_config(url)
    return f"host={config['host']} port={config['port']} user={config['user']} dbname={config['database']}"


@asynccontextmanager
async def _queue(url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """This process queues as the app does on PostgreSQL with CONSULT_EXTERNAL_WORKERS=1."""
    from consult.jobs.procrastinate_app import app

    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CONSULT_EXTERNAL_WORKERS", "1")
    get_settings.cache_clear()
    with app.replace_connector(PsycopgConnector(conninfo=_conninfo(url))) as queue:
        async with queue.open_async():
            exists = await queue.connector.execute_query_one_async(
                "SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS ok")
            if not exists["ok"]:
                await queue.schema_manager.apply_schema_async()
            # Jobs of earlier tests name runs whose ids the truncated tables hand out again.
            await queue.connector.execute_query_async("TRUNCATE procrastinate_jobs CASCADE")
            yield


async def _run(table: Any, run_id: int) -> dict[str, Any]:
    return await table.select().where(table.id == run_id).first()


async def _status_is(table: Any, run_id: int, *statuses: str) -> bool:
    return (await _run(table, run_id))["status"] in statuses


async def test_killed_worker_analysis_is_retried_on_the_next_click(
        db: str, postgres_url: str, tmp_path: Path, short_stale: None, monkeypatch: pytest.MonkeyPatch) -> None:
    if db != "postgres":
        pytest.skip("`consult worker` runs on PostgreSQL")
    cid = await make_consultation()
    for text in TEXTS:
        await add_comment("strategia", "3.1", text)
    env = environment(DATABASE_URL=postgres_url, CONSULT_EXTERNAL_WORKERS="1")
    async with _queue(postgres_url, monkeypatch):
        run_id = await queue_run(cid, "full", None, now())  # deferred as the app defers it
        first = Child(["worker"], env, tmp_path / "worker1.log")
        try:
            await wait_for(lambda: _status_is(AnalysisRun, run_id, "running", "done", "failed"), 120,
                           "the worker to take the run", first)
            first.kill()
        finally:
            first.kill()
        killed = await _run(AnalysisRun, run_id)
        assert killed["status"] == "running", "the analysis ended before the kill: the test proves nothing"
        assert await CommentAnalysis.count() == 0  # results are saved in one transaction at the end

        async def stalled() -> bool:
            return (await review.run_status("strategia", run_id)).stalled

        await wait_for(stalled, 10, "the run to look stalled")
        view = await review.run_status("strategia", run_id)
        assert view.active and view.retrying  # the page says it will be retried, not "10 %" forever

        # "Przeanalizuj" again: the dead run is queued again (attempt 2) and handed to the queue.
        assert await queue_run(cid, "full", None, now()) == run_id
        again = await review.run_status("strategia", run_id)
        assert again.status == "queued" and again.stage == "interrupted" and again.attempt == 2
        second = Child(["worker"], env, tmp_path / "worker2.log")
        try:
            await wait_for(lambda: _status_is(AnalysisRun, run_id, "done", "failed"), 180,
                           "the next worker to finish the run", second)
        finally:
            second.stop()
    done = await _run(AnalysisRun, run_id)
    assert done["status"] == "done", done["message"]
    assert done["attempts"] == 2
    assert await CommentAnalysis.count() == len(TEXTS)  # once, not twice
    assert await AnalysisRun.count() == 1


async def test_killed_worker_publication_is_taken_up_without_a_click(
        db: str, postgres_url: str, tmp_path: Path, short_stale: None, monkeypatch: pytest.MonkeyPatch) -> None:
    if db != "postgres":
        pytest.skip("`consult worker` runs on PostgreSQL")
    from tests.reports.conftest import SLUG, seed_closed
    from tests.reports.test_background import _head, _ready

    await seed_closed()
    closed = await Consultation.select(Consultation.status, Consultation.closes_at).first()
    await Consultation.update({Consultation.status: "open", Consultation.closes_at: now() + timedelta(days=1)}, force=True)
    for i in range(60):  # a report large enough to be caught while it renders
        await add_comment(SLUG, "3.1", f"{TEXTS[i % len(TEXTS)]} Uwaga numer {i}.")
    await Consultation.update({Consultation.status: closed["status"], Consultation.closes_at: closed["closes_at"]},
                              force=True)
    await _ready()
    env = environment(DATABASE_URL=postgres_url, CONSULT_EXTERNAL_WORKERS="1")
    async with _queue(postgres_url, monkeypatch):
        run_id = await publication.request_publication(await _head(), SLUG, "", confirm_missing=True)
        first = Child(["worker"], env, tmp_path / "worker1.log")
        try:
            await wait_for(lambda: _status_is(PublicationRun, run_id, "running", "done", "failed"), 120,
                           "the worker to take the publication", first)
            first.kill()
        finally:
            first.kill()
        killed = await _run(PublicationRun, run_id)
        assert killed["status"] == "running", "the publication ended before the kill: the test proves nothing"
        assert await ReportVersion.count() == 0 and await ReportFile.count() == 0  # no half version

        async def stalled() -> bool:
            view = await publication.publication_status(SLUG, run_id)
            return view is not None and view.stalled

        await wait_for(stalled, 10, "the publication to look stalled")
        # Nobody clicks: the next worker notices the dead run by itself.
        second = Child(["worker"], env, tmp_path / "worker2.log")
        try:
            await wait_for(lambda: _status_is(PublicationRun, run_id, "done", "failed"), 180,
                           "the next worker to publish", second)
        finally:
            second.stop()
    done = await _run(PublicationRun, run_id)
    assert done["status"] == "done", done["message"]
    assert done["attempts"] == 2 and done["version_number"] == 1
    assert await ReportVersion.count() == 1 and await ReportFile.count() == 5


async def test_killed_server_analysis_resumes_on_sqlite(db: str, tmp_path: Path, short_stale: None) -> None:
    if db != "sqlite":
        pytest.skip("the in-app worker is the embedded default's")
    cid = await make_consultation()
    for text in TEXTS:
        await add_comment("strategia", "3.1", text)
    path = Consultation._meta.db.path
    port = free_port()
    env = environment(CONSULT_SQLITE_PATH=path, DATABASE_URL="", CONSULT_IN_PROCESS_WORKER="1")
    run_id = await queue_run(cid, "full", None, now())
    first = Child(["serve", "--port", str(port)], env, tmp_path / "serve1.log")
    try:
        await wait_for(lambda: _status_is(AnalysisRun, run_id, "running", "done", "failed"), 120,
                       "the in-app worker to take the run", first)
        first.kill()
    finally:
        first.kill()
    assert (await _run(AnalysisRun, run_id))["status"] == "running"
    assert await CommentAnalysis.count() == 0

    async def stalled() -> bool:
        return (await review.run_status("strategia", run_id)).stalled

    await wait_for(stalled, 10, "the run to look stalled")
    assert (await review.run_status("strategia", run_id)).retrying
    second = Child(["serve", "--port", str(port)], env, tmp_path / "serve2.log")
    try:
        await wait_http(port, 60, second)
        await wait_for(lambda: _status_is(AnalysisRun, run_id, "done", "failed"), 180,
                       "the restarted app to finish the run", second)
    finally:
        second.stop()
    done = await _run(AnalysisRun, run_id)
    assert done["status"] == "done" and done["attempts"] == 2
    assert await CommentAnalysis.count() == len(TEXTS)
