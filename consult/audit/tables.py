"""The audit log: every official's action, append-only (database triggers refuse changes)."""

from __future__ import annotations

from piccolo.columns import JSON, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.accounts.tables import User
from consult.consultations.tables import Office


class AuditEntry(Table):
    """Who did what, when, to which object, with the object's state before and after."""

    actor = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    actor_email = Varchar(length=254, default="")  # kept even if the account is removed
    office = ForeignKey(references=Office, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    action = Varchar(length=64, index=True)  # e.g. "comment.hide", "consultation.status"
    object_type = Varchar(length=32)
    object_id = Varchar(length=64)
    before = JSON(default="{}")
    after = JSON(default="{}")
    created_at = Timestamptz(default=TimestamptzNow(), index=True)
