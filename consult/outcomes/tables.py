"""The link between an accepted comment and the change of its section in a later version of the draft."""

from __future__ import annotations

from piccolo.columns import ForeignKey, Integer, OnDelete, Text, Timestamptz
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.accounts.tables import User
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation, Section


class CommentChange(Table):
    """"Uwzględniono w wersji N": the section of version N whose change this comment led to."""

    comment = ForeignKey(references=Comment, unique=True, on_delete=OnDelete.cascade)
    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    section = ForeignKey(references=Section, on_delete=OnDelete.cascade)  # the section in version N
    version = Integer()
    passage = Text(default="")  # the changed words of version N, as the diff shows them
    linked_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
