"""The legal clock of a consultation: how long it is open and when its report is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from consult.settings import get_settings

REPORT_DAYS = 30  # the report is due this many days after the consultation closes
MIN_DAYS = 35  # art. 6 of the act on development policy: at least 35 days of consultation
WARN_DAYS = 7  # officials are warned this many days before the report is due


def local(value: datetime) -> datetime:
    """A moment in the office's time zone (days are counted there)."""
    return value.astimezone(ZoneInfo(get_settings().timezone))


def ended_at(closes_at: datetime, closed_at: datetime | None) -> datetime:
    """When a consultation stopped taking comments: closed by its head before the planned end, or
    the planned end (a head who closes it later does not reopen the days after the end)."""
    return min(closed_at, closes_at) if closed_at is not None else closes_at


def days_open(opens_at: datetime, closes_at: datetime) -> int:
    """Calendar days a consultation accepts comments, the first and the last one included."""
    return (local(closes_at).date() - local(opens_at).date()).days + 1


def report_due(closes_at: datetime) -> date:
    """The last day to publish the report: 30 days after the consultation closes."""
    return local(closes_at).date() + timedelta(days=REPORT_DAYS)


@dataclass(slots=True)
class Deadline:
    """The report's due date as officials see it, and the warnings that go with it."""

    due: date
    days_left: int
    days_open: int
    too_short: bool  # scheduled for fewer than 35 days
    warn: bool  # closed, no report yet, due within a week (or overdue)
    overdue: bool
    published: bool


def deadline(status: str, opens_at: datetime, closes_at: datetime, now: datetime,
             closed_at: datetime | None = None) -> Deadline:
    """Due date and warnings of one consultation's report (`status` as stored: draft, open, closed …),
    counted from the actual end (`closed_at` when its head closed it early)."""
    end = ended_at(closes_at, closed_at)
    due = report_due(end)
    left = (due - local(now).date()).days
    published = status == "report_published"
    closed = now >= end or status in {"closed", "report_published"}
    n = days_open(opens_at, end)
    return Deadline(due=due, days_left=left, days_open=n, too_short=days_open(opens_at, closes_at) < MIN_DAYS,
                    warn=closed and not published and left <= WARN_DAYS, overdue=closed and not published and left < 0,
                    published=published)
