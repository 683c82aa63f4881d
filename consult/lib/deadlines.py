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


def deadline(status: str, opens_at: datetime, closes_at: datetime, now: datetime) -> Deadline:
    """Due date and warnings of one consultation's report (`status` as stored: draft, open, closed …)."""
    due = report_due(closes_at)
    left = (due - local(now).date()).days
    published = status == "report_published"
    closed = now >= closes_at or status == "closed"
    n = days_open(opens_at, closes_at)
    return Deadline(due=due, days_left=left, days_open=n, too_short=n < MIN_DAYS,
                    warn=closed and not published and left <= WARN_DAYS, overdue=closed and not published and left < 0,
                    published=published)
