"""The server's idea of now: always timezone-aware, replaceable in tests."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def now() -> datetime:
    """The current moment in UTC."""
    return datetime.now(timezone.utc)


def local(value: datetime, tz: str) -> datetime:
    """`value` seen on the office's wall clock (Europe/Warsaw by default)."""
    return value.astimezone(ZoneInfo(tz))
