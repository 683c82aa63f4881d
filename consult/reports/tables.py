"""Tables of reports: the facts the office adds, per-section responses, redactions, published versions."""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, Bytea, Float, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.accounts.tables import User
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation, Section
from consult.review.tables import RunStatus


class ReportFacts(Table):
    """What the report states that the consultation itself does not hold; filled in before publishing."""

    consultation = ForeignKey(references=Consultation, unique=True, on_delete=OnDelete.cascade)
    form = Text(default="")  # form of the consultation (e.g. the online form, meetings)
    announced = Text(default="")  # how the consultation was announced
    summary = Text(default="")  # the office's introduction to the results
    updated_at = Timestamptz(default=TimestamptzNow())


class SectionResponse(Table):
    """The office's overall response to the comments on one section."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    section = ForeignKey(references=Section, on_delete=OnDelete.cascade)
    key = Varchar(length=40, unique=True)  # f"{consultation}:{section}"
    text = Text(default="")
    updated_at = Timestamptz(default=TimestamptzNow())


class Redaction(Table):
    """Published wording of one comment with personal data removed; the comment keeps the original."""

    comment = ForeignKey(references=Comment, unique=True, on_delete=OnDelete.cascade)
    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    source_digest = Varchar(length=64)  # SHA-256 of the original texts: a changed comment is suggested again
    spans = JSON(default="[]")  # [{field, start, end, kind, text, placeholder, accepted}]
    texts = JSON(default="{}")  # field → redacted text, as confirmed
    status = Varchar(length=16, default="suggested", index=True)  # "suggested" | "confirmed"
    confirmed_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    confirmed_at = Timestamptz(null=True, default=None)


class ReportVersion(Table):
    """One published version of a consultation's report: frozen, never updated."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.restrict)
    number = Integer(default=1)
    key = Varchar(length=40, unique=True)  # f"{consultation}:{number}": one version of each number
    change_note = Text(default="")
    missing_positions = JSON(default="[]")  # references the head confirmed were published without a position
    published_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    published_by_name = Varchar(length=254, default="")
    published_at = Timestamptz(default=TimestamptzNow())


class ReportFile(Table):
    """One format of a published version, rendered once at publication, with its SHA-256."""

    version = ForeignKey(references=ReportVersion, index=True, on_delete=OnDelete.restrict)
    format = Varchar(length=8)  # "html" | "pdf" | "xlsx" | "csv" | "json"
    key = Varchar(length=48, unique=True)  # f"{version}:{format}"
    media_type = Varchar(length=100)
    content = Bytea()
    sha256 = Varchar(length=64)
    size = Integer(default=0)


class PublicationRun(Table):
    """The head's request to publish the next version of a report; a worker renders every format and
    stores the version in one transaction, so a crash leaves no half-published version."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    status = Varchar(length=16, choices=RunStatus, default=RunStatus.queued, index=True)
    progress = Float(default=0.0)  # 0..1
    stage = Varchar(length=200, default="")
    message = Text(default="")  # why it failed, in words an official understands (a message id)
    attempts = Integer(default=0)
    requested_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    change_note = Text(default="")
    confirm_missing = Boolean(default=False)
    version_number = Integer(default=0)  # the version it published
    created_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    heartbeat_at = Timestamptz(null=True, default=None)  # a stale heartbeat means the worker died
    finished_at = Timestamptz(null=True, default=None)
