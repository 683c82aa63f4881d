"""Tables of import previews (a file cut into sections, not yet saved) and links between versions' sections."""

from __future__ import annotations

from piccolo.columns import ForeignKey, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.accounts.tables import User
from consult.consultations.tables import Consultation, Office, Section


class ImportDraft(Table):
    """A file read and cut into sections, waiting for an official to correct and save it."""

    office = ForeignKey(references=Office, index=True, on_delete=OnDelete.cascade)
    consultation = ForeignKey(references=Consultation, null=True, default=None, on_delete=OnDelete.cascade)  # None: a new one
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    filename = Varchar(length=255, default="")
    source_format = Varchar(length=16, default="")
    title = Varchar(length=500, default="")
    sections_json = Text(default="[]")  # FlatSection dicts in reading order
    notes_json = Text(default="[]")  # [message id, values] pairs shown above the preview
    created_at = Timestamptz(default=TimestamptzNow())


class SectionLink(Table):
    """A section of a new version and its counterpart in the version before: its comments follow it."""

    section = ForeignKey(references=Section, index=True, on_delete=OnDelete.cascade)
    previous = ForeignKey(references=Section, index=True, on_delete=OnDelete.cascade)
    how = Varchar(length=16, default="same")  # same | number | title | official
    key = Varchar(length=40, unique=True)  # "section:previous": one link per pair


class SectionCorrection(Table):
    """An official's correction of a detected section (its number, title, kind), kept per
    consultation so that the next version's file, detected the same way, gets it again."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    key = Varchar(length=80, unique=True)  # f"{consultation}:{digest of the detected number and title}"
    detected_number = Varchar(length=32, default="")
    detected_title = Varchar(length=500, default="")
    number = Varchar(length=32, default="")
    title = Varchar(length=500, default="")
    kind = Varchar(length=32, default="")
