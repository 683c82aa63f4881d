"""One row whose number the database raises on every change to what public pages show."""

from __future__ import annotations

from piccolo.columns import BigInt, Bytea, Timestamptz, Varchar
from piccolo.table import Table


class PageStamp(Table):
    """Raised by triggers on comments, supports, consultations, documents, sections and offices;
    a cached anonymous page is good while the number it was rendered at is still the current one."""

    version = BigInt(default=0)


class SharedEntry(Table):
    """A value every app process sees (rate-limit counters): Litestar's stores, kept in the database."""

    key = Varchar(length=500, unique=True)  # "<store>:<key>"
    value = Bytea()
    expires_at = Timestamptz(null=True, default=None, index=True)
