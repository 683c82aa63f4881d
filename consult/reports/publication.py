"""Publishing a report in the background: the head's request is checked at once, a worker renders."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from consult.accounts.schemas import CurrentUser
from consult.accounts.services import current_user
from consult.jobs.dispatch import dispatch
from consult.lib import clock
from consult.lib.errors import FieldRefused
from consult.lib.i18n import N_
from consult.reports import services
from consult.reports.tables import PublicationRun
from consult.review.tables import RunStatus

log = logging.getLogger("consult.jobs")
GAVE_UP = N_("The publication was interrupted too many times. Try again.")
FAILED = N_("The report could not be prepared. Try again; if it fails again, tell the administrator.")
HEARTBEAT_SECONDS = 20.0  # at most; shorter when CONSULT_RUN_STALE_SECONDS is short


@dataclass(frozen=True, slots=True)
class PublicationView:
    """Where a publication request stands, for the head's page."""

    id: int
    status: str  # queued | running | done | failed
    message: str  # a message id when it failed
    version: int  # the published version when done
    attempts: int = 0
    stalled: bool = False  # "running", but its worker stopped sending heartbeats: it will be retried
    stage: str = ""

    @property
    def active(self) -> bool:
        return self.status in (RunStatus.queued.value, RunStatus.running.value)

    @property
    def retrying(self) -> bool:
        """An earlier attempt was interrupted and this one resumes it."""
        return self.active and (self.stalled or self.stage == "interrupted" or self.attempts > 1)

    @property
    def attempt(self) -> int:
        """The attempt under way (or the next one, while queued again)."""
        return self.attempts + 1 if self.status == "queued" else max(self.attempts, 1)

    @property
    def max_attempts(self) -> int:
        from consult.jobs.runs import MAX_ATTEMPTS

        return MAX_ATTEMPTS


async def request_publication(user: CurrentUser, slug: str, change_note: str, confirm_missing: bool) -> int:
    """Check that the report may be published now and queue its rendering; returns the request's id.

    Refusals (ReportError) come at once, with nothing queued; a request already waiting is returned."""
    c, _number, note, _missing = await services.check_publication(slug, change_note, confirm_missing, clock.now())
    from consult.jobs.runs import recover_and_dispatch

    await recover_and_dispatch(clock.now())  # a request whose worker died is queued again, or failed
    active = await PublicationRun.select(PublicationRun.id).where(
        (PublicationRun.consultation == c["id"])
        & PublicationRun.status.is_in([RunStatus.queued, RunStatus.running])).first()
    if active:
        return int(active["id"])
    row = await PublicationRun.insert(PublicationRun(
        consultation=c["id"], status=RunStatus.queued, requested_by=user.id, change_note=note,
        confirm_missing=confirm_missing, created_at=clock.now(),
    )).returning(PublicationRun.id)
    await dispatch(row[0]["id"], "publication")
    return int(row[0]["id"])


async def _beat(run_id: int) -> None:
    while True:
        from consult.jobs.runs import heartbeat_seconds

        await asyncio.sleep(heartbeat_seconds(HEARTBEAT_SECONDS))
        await PublicationRun.update({PublicationRun.heartbeat_at: clock.now()}).where(PublicationRun.id == run_id)


async def _finish(run_id: int, status: RunStatus, message: str = "", version: int = 0) -> None:
    await PublicationRun.update({
        PublicationRun.status: status, PublicationRun.message: message, PublicationRun.version_number: version,
        PublicationRun.finished_at: clock.now(), PublicationRun.progress: 1.0 if version else 0.0,
    }).where(PublicationRun.id == run_id)


async def execute_publication(run_id: int) -> None:
    """Render and store the version a claimed request asks for; a refusal or an error fails the
    request with a message and stores nothing (the version is stored in one transaction)."""
    run = await PublicationRun.select(
        PublicationRun.requested_by, PublicationRun.change_note, PublicationRun.confirm_missing,
        PublicationRun.consultation.slug.as_alias("slug"), PublicationRun.consultation.office.as_alias("office"),
    ).where(PublicationRun.id == run_id).first()
    if run is None:
        return
    user = await current_user(run["requested_by"]) if run["requested_by"] else None
    if user is None or not user.may_publish(run["office"]):
        await _finish(run_id, RunStatus.failed, N_("You may not do this."))
        return
    await PublicationRun.update({PublicationRun.stage: "rendering"}).where(PublicationRun.id == run_id)
    beat = asyncio.create_task(_beat(run_id))
    try:
        number = await services.publish(user, run["slug"], run["change_note"], run["confirm_missing"], clock.now())
    except services.ReportError as error:
        await _finish(run_id, RunStatus.failed, error.message)
    except FieldRefused as error:
        log.warning("report publication %s refused a stored value: %s", run_id, error)
        await _finish(run_id, RunStatus.failed, error.describe())
    except Exception:  # noqa: BLE001 — the head gets a message; the worker lives on
        log.exception("report publication %s failed", run_id)
        await _finish(run_id, RunStatus.failed, FAILED)
    else:
        await _finish(run_id, RunStatus.done, version=number)
        from consult.notifications.services import report_published_hook

        await report_published_hook(run["slug"], number)
    finally:
        beat.cancel()


async def publication_status(slug: str, run_id: int) -> PublicationView | None:
    """One publication request of this consultation, or None."""
    row = await PublicationRun.select(
        PublicationRun.id, PublicationRun.status, PublicationRun.message, PublicationRun.version_number,
        PublicationRun.attempts, PublicationRun.heartbeat_at, PublicationRun.stage,
    ).where((PublicationRun.id == run_id) & (PublicationRun.consultation.slug == slug)).first()
    if row is None:
        return None
    from consult.jobs.runs import is_stale

    return PublicationView(row["id"], row["status"], row["message"], row["version_number"], row["attempts"],
                           is_stale(row["status"], row["heartbeat_at"], clock.now()), row["stage"])
