"""Tables of offices, consultations, their draft documents and the documents' sections."""

from __future__ import annotations

from enum import Enum

from piccolo.columns import (
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table


class ConsultationStatus(str, Enum):
    """The life cycle set by the office: draft → open → closed → report published."""

    draft = "draft"
    open = "open"
    closed = "closed"
    report_published = "report_published"


class SectionKind(str, Enum):
    """What a node of the draft's tree is."""

    part = "part"
    chapter = "chapter"
    strategic_goal = "strategic_goal"
    specific_goal = "specific_goal"


class Office(Table):
    """A city unit responsible for consultations."""

    name = Varchar(length=255, unique=True)
    address = Varchar(length=255, default="")
    email = Varchar(length=254, default="")
    phone = Varchar(length=64, default="")
    website = Varchar(length=255, default="")


class Consultation(Table):
    """A draft put to the public for a fixed period."""

    slug = Varchar(length=120, unique=True, index=True)
    title = Varchar(length=500)
    office = ForeignKey(references=Office, on_delete=OnDelete.restrict)
    lead = Text(default="")
    description_html = Text(default="")
    legal_basis = Text(default="")
    who_may_participate = Text(default="")
    how_to_participate_html = Text(default="")
    status = Varchar(length=32, choices=ConsultationStatus, default=ConsultationStatus.draft)
    opens_at = Timestamptz()
    closes_at = Timestamptz()  # the planned end
    closed_at = Timestamptz(null=True, default=None)  # when an office head closed it (early or late)
    contact_name = Varchar(length=200, default="")
    contact_email = Varchar(length=254, default="")
    contact_phone = Varchar(length=64, default="")
    moderation = Varchar(length=16, default="post")  # "post": published at once; "pre": held
    is_demo = Boolean(default=False)
    report_published_at = Timestamptz(null=True, default=None)  # starts the retention period
    created_at = Timestamptz(default=TimestamptzNow())


class Document(Table):
    """One version of a consultation's draft; exactly one is current."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.restrict)
    version = Integer(default=1)
    title = Varchar(length=500)
    note = Text(default="")
    is_current = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Section(Table):
    """A node of a document's tree (chapter → strategic goal → specific goal)."""

    document = ForeignKey(references=Document, index=True, on_delete=OnDelete.restrict)
    parent = ForeignKey(
        references=LazyTableReference("Section", module_path=__name__), null=True, default=None
    )
    kind = Varchar(length=32, choices=SectionKind, default=SectionKind.chapter)
    number = Varchar(length=32, default="")
    title = Varchar(length=500)
    body_html = Text(default="")  # sanitised on write
    body_text = Text(default="")  # plain text of body_html: quotes are offsets into it
    position = Integer(default=0)  # pre-order position within the document
    depth = Integer(default=0)
