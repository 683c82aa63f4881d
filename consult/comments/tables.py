"""Tables of residents' comments ("formularz zgłaszania uwag") and their supports."""

from __future__ import annotations

from enum import Enum

from piccolo.columns import Boolean, OnDelete, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.consultations.tables import Consultation, Section


class CommentStatus(str, Enum):
    """Whether the public sees a comment."""

    published = "published"
    pending = "pending"  # awaiting moderation
    hidden = "hidden"


class SubmitterKind(str, Enum):
    """Who submits: the categories of the Polish comment form."""

    resident = "resident"
    ngo = "ngo"
    institution = "institution"
    business = "business"
    other = "other"


class Comment(Table):
    """A remark on a section or a quoted passage, with proposed wording and justification."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.restrict)
    section = ForeignKey(references=Section, index=True, on_delete=OnDelete.restrict)
    document_version = Integer(default=1)
    reference = Varchar(length=32, unique=True, null=True, default=None)
    submission_key = Varchar(length=64, unique=True)  # makes a repeated submit idempotent
    quote_text = Text(default="")
    quote_start = Integer(null=True, default=None)
    quote_end = Integer(null=True, default=None)
    remark = Text()
    proposal = Text(default="")
    justification = Text(default="")
    submitter_kind = Varchar(length=16, choices=SubmitterKind, default=SubmitterKind.resident)
    submitter_name = Varchar(length=200, default="")
    show_name = Boolean(default=False)
    email = Varchar(length=254, default="")  # never shown publicly
    language = Varchar(length=8, default="")
    status = Varchar(length=16, choices=CommentStatus, default=CommentStatus.published, index=True)
    support_count = Integer(default=0)
    hidden_reason = Varchar(length=32, default="")  # a moderation.HideReason when hidden
    hidden_note = Text(default="")
    anonymised_at = Timestamptz(null=True, default=None)  # personal data removed (RODO)
    search_text = Text(default="")  # casefolded text: SQLite's LIKE folds ASCII only
    is_demo = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow(), index=True)


class Support(Table):
    """One "popieram" of a comment by one browser or person."""

    comment = ForeignKey(references=Comment, index=True)
    key = Varchar(length=160, unique=True)  # comment id + supporter digest: once per person
    created_at = Timestamptz(default=TimestamptzNow())
