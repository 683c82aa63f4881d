"""Recording and reading the audit log; entries are only ever added."""

from __future__ import annotations

from typing import Any

from consult.accounts.schemas import CurrentUser
from consult.audit.tables import AuditEntry
from consult.lib import clock


async def record(
    actor: CurrentUser | None,
    action: str,
    object_type: str,
    object_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    office_id: int | None = None,
) -> None:
    """Append who did what to which object, with its state before and after."""
    await AuditEntry.insert(
        AuditEntry(
            actor=actor.id if actor else None,
            actor_email=actor.email if actor else "",
            office=office_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            before=before or {},
            after=after or {},
            created_at=clock.now(),
        )
    )
