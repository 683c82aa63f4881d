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


async def entries_for(user: CurrentUser, page: int, action: str = "", per_page: int = 50) -> tuple[list[dict[str, Any]], int]:
    """The log as the user may read it: an office head their offices', an administrator all of it."""
    from consult.lib.pagination import clamp_page

    heads_of = [office for office, role in user.roles.items() if role == "office_head"]
    where = AuditEntry.id.is_not_null() if user.is_admin else AuditEntry.office.is_in(heads_of or [-1])
    if action:
        where &= AuditEntry.action == action
    total = await AuditEntry.count().where(where)
    rows = await AuditEntry.select(
        AuditEntry.all_columns(), AuditEntry.office.name.as_alias("office_name")
    ).where(where).order_by(AuditEntry.id, ascending=False).limit(per_page).offset(
        (clamp_page(page) - 1) * per_page).output(load_json=True)
    return rows, total


def may_read(user: CurrentUser) -> bool:
    """Office heads and administrators read the audit log."""
    return user.is_admin or "office_head" in user.roles.values()
