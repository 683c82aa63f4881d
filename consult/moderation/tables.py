"""Tables of moderation: residents' flags on comments and officials' decisions."""

from __future__ import annotations

from enum import Enum

from piccolo.columns import ForeignKey, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.accounts.tables import User
from consult.comments.tables import Comment


class HideReason(str, Enum):
    """The fixed reasons for hiding a comment, as the report lists them."""

    offensive = "offensive"  # vulgar or offensive
    personal_data = "personal_data"  # personal data of others
    off_topic = "off_topic"
    spam = "spam"  # advertising or spam
    duplicate = "duplicate"


class Flag(Table):
    """A resident's report that a comment breaks the rules; it waits in the moderation queue."""

    comment = ForeignKey(references=Comment, index=True, on_delete=OnDelete.cascade)
    reason = Varchar(length=32, choices=HideReason)
    note = Text(default="")
    reporter = Varchar(length=64, default="")  # supporter digest or user id: one flag per person
    key = Varchar(length=120, unique=True)  # f"{comment}:{reporter}"
    created_at = Timestamptz(default=TimestamptzNow())
    resolved_at = Timestamptz(null=True, default=None)
    resolved_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    outcome = Varchar(length=16, default="")  # "hidden" | "kept"


class ModerationDecision(Table):
    """Each publish, hide or restore of a comment by an official, with the reason."""

    comment = ForeignKey(references=Comment, index=True, on_delete=OnDelete.cascade)
    action = Varchar(length=16)  # "publish" | "hide" | "restore"
    reason = Varchar(length=32, default="")
    note = Text(default="")
    official = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
