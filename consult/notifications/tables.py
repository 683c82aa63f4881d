"""Tables of notifications: who asked to be told, what was sent to whom, and the mailing jobs."""

from __future__ import annotations

from piccolo.columns import Float, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.accounts.tables import OutboxMessage
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation
from consult.review.tables import RunStatus


class Subscription(Table):
    """A submitter's opt-in to hear about their comment; the address stays on the comment only."""

    comment = ForeignKey(references=Comment, unique=True, on_delete=OnDelete.cascade)
    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    created_at = Timestamptz(default=TimestamptzNow())
    unsubscribed_at = Timestamptz(null=True, default=None)


class SentNotice(Table):
    """One message sent about one comment; the unique key makes every kind of message go out once."""

    key = Varchar(length=64, unique=True)  # f"{kind}:{comment id}"
    kind = Varchar(length=16)  # "confirm" | "report"
    comment = ForeignKey(references=Comment, index=True, on_delete=OnDelete.cascade)
    outbox = ForeignKey(references=OutboxMessage, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())


class MailRun(Table):
    """Telling a consultation's subscribers that its report is out, done by a worker in batches.

    Has the run columns of consult.jobs.runs (claimed, heart-beating, recovered when its worker dies)."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    version_number = Integer(default=1)  # the report version the messages point to
    status = Varchar(length=16, choices=RunStatus, default=RunStatus.queued, index=True)
    progress = Float(default=0.0)  # 0..1
    stage = Varchar(length=200, default="")
    message = Text(default="")  # why it failed (a message id)
    attempts = Integer(default=0)
    sent = Integer(default=0)  # messages this run put in the outbox
    created_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    heartbeat_at = Timestamptz(null=True, default=None)
    finished_at = Timestamptz(null=True, default=None)
