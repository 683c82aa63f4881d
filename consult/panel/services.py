"""Use cases of the officials' panel: their consultations, and opening and closing them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from piccolo.query.functions.aggregate import Count

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments.tables import Comment
from consult.consultations.schemas import Phase
from consult.consultations.services import phase_of
from consult.consultations.tables import Consultation, ConsultationStatus
from consult.lib.deadlines import ended_at, local, report_due
from consult.lib import clock
from consult.lib.i18n import N_
from consult.lib.errors import Refused

# Which status an office head may set from which: reports are published by the report feature.
TRANSITIONS: dict[str, set[str]] = {
    ConsultationStatus.draft.value: {ConsultationStatus.open.value},
    ConsultationStatus.open.value: {ConsultationStatus.closed.value, ConsultationStatus.draft.value},
    ConsultationStatus.closed.value: {ConsultationStatus.open.value},
    ConsultationStatus.report_published.value: set(),
}


class PanelError(Refused):
    """A refused panel action."""


@dataclass(slots=True)
class PanelRow:
    """One consultation in an official's list."""

    slug: str
    title: str
    office_id: int
    office_name: str
    status: str
    phase: Phase
    opens_at: datetime
    closes_at: datetime
    comments: dict[str, int]  # status → count
    may_publish: bool
    closed_at: datetime | None = None  # when its head closed it

    @property
    def ends_at(self) -> datetime:
        """The actual end once closed early, else the planned one."""
        return ended_at(self.closes_at, self.closed_at)


async def consultations_for(user: CurrentUser, now: datetime) -> list[PanelRow]:
    """The consultations of the user's offices (every one for an administrator), newest first."""
    query = Consultation.select(
        Consultation.id, Consultation.slug, Consultation.title, Consultation.status, Consultation.opens_at,
        Consultation.closes_at, Consultation.closed_at, Consultation.office.id.as_alias("office_id"),
        Consultation.office.name.as_alias("office_name"),
    ).order_by(Consultation.opens_at, ascending=False)
    if not user.is_admin:
        query = query.where(Consultation.office.is_in(list(user.roles) or [-1]))
    rows = await query
    counts: dict[int, dict[str, int]] = {}
    for row in await Comment.select(Comment.consultation, Comment.status, Count(Comment.id).as_alias("n")).group_by(
        Comment.consultation, Comment.status
    ):
        counts.setdefault(row["consultation"], {})[row["status"]] = row["n"]
    return [
        PanelRow(
            slug=r["slug"], title=r["title"], office_id=r["office_id"], office_name=r["office_name"],
            status=r["status"], phase=phase_of(r["status"], r["opens_at"], r["closes_at"], now),
            opens_at=r["opens_at"], closes_at=r["closes_at"], comments=counts.get(r["id"], {}),
            may_publish=user.may_publish(r["office_id"]), closed_at=r["closed_at"],
        )
        for r in rows
    ]


async def set_status(user: CurrentUser, slug: str, status: str) -> None:
    """Open, close or reopen a consultation (office heads); recorded in the audit log."""
    row = await Consultation.select(Consultation.id, Consultation.status, Consultation.office, Consultation.closed_at).where(
        Consultation.slug == slug
    ).first()
    if row is None:
        raise PanelError(N_("Page not found."))
    if status not in TRANSITIONS.get(row["status"], set()):
        raise PanelError(N_("This change of status is not allowed."))
    # The moment it closed is kept: dates, durations and the report's due date count from it.
    moment = clock.now()
    closed_at = moment if status == ConsultationStatus.closed.value else None
    await Consultation.update({Consultation.status: status, Consultation.closed_at: closed_at}).where(
        Consultation.id == row["id"])
    await record(
        user, "consultation.status", "consultation", slug,
        before={"status": row["status"], "closed_at": row["closed_at"].isoformat() if row["closed_at"] else None},
        after={"status": status, "closed_at": closed_at.isoformat() if closed_at else None}, office_id=row["office"],
    )
    if status == ConsultationStatus.closed.value:
        # Closing starts the analysis, so themes are ready when the review begins.
        from consult.review.jobs import queue_run

        await queue_run(row["id"], "full", user, moment)


@dataclass(slots=True)
class StatusPreview:
    """What a change of status will do, said before the office head confirms it."""

    slug: str
    title: str
    current: str
    target: str
    now: datetime
    opens_at: datetime
    closes_at: datetime
    report_due: date | None  # closing: 30 days from now
    days_early: int  # closing before the planned end: by how many days
    comments: int
    pending: int
    end_passed: bool  # opening or reopening after the planned end: comments stay refused


async def status_preview(user: CurrentUser, slug: str, status: str, now: datetime) -> StatusPreview:
    """The consequences of opening, closing or reopening a consultation now (nothing is changed)."""
    row = await Consultation.select(
        Consultation.id, Consultation.slug, Consultation.title, Consultation.status, Consultation.office,
        Consultation.opens_at, Consultation.closes_at,
    ).where(Consultation.slug == slug).first()
    if row is None:
        raise PanelError(N_("Page not found."))
    if not user.may_publish(row["office"]):
        raise PanelError(N_("You may not do this."), 403)
    if status not in TRANSITIONS.get(row["status"], set()):
        raise PanelError(N_("This change of status is not allowed."))
    counts = {r["status"]: r["n"] for r in await Comment.select(Comment.status, Count(Comment.id).as_alias("n")).where(
        Comment.consultation == row["id"]).group_by(Comment.status)}
    closing = status == ConsultationStatus.closed.value
    return StatusPreview(
        slug=slug, title=row["title"], current=row["status"], target=status, now=now, opens_at=row["opens_at"],
        # Closed after its planned end, it ended at that end (comments were refused from then on).
        closes_at=row["closes_at"], report_due=report_due(min(now, row["closes_at"])) if closing else None,
        days_early=max(0, (local(row["closes_at"]).date() - local(now).date()).days) if closing else 0,
        comments=counts.get("published", 0), pending=counts.get("pending", 0),
        end_passed=status == ConsultationStatus.open.value and now >= row["closes_at"],
    )
