"""Tables of the officials' review: analysis runs, themes, campaigns, per-comment results, positions."""

from __future__ import annotations

from enum import Enum

from piccolo.columns import (
    JSON,
    Boolean,
    Float,
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

from consult.accounts.tables import User
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation, Section
from consult.jobs.runs import RunStatus  # noqa: F401 — the run tables' status, imported from here by the features


class PositionValue(str, Enum):
    """The office's position on a comment, as the Polish report states it."""

    accepted = "accepted"  # uwzględniona
    partly = "partly"  # częściowo uwzględniona
    rejected = "rejected"  # nieuwzględniona
    not_applicable = "not_applicable"  # nie dotyczy


class AnalysisRun(Table):
    """One analysis of a consultation's comments, full or incremental, run by a worker."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16, default="full")  # "full" | "incremental"
    status = Varchar(length=16, choices=RunStatus, default=RunStatus.queued, index=True)
    progress = Float(default=0.0)  # 0..1
    stage = Varchar(length=200, default="")
    message = Text(default="")  # why it failed, in words an official understands
    attempts = Integer(default=0)
    requested_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    heartbeat_at = Timestamptz(null=True, default=None)  # a stale heartbeat means the worker died
    finished_at = Timestamptz(null=True, default=None)
    comment_count = Integer(default=0)
    state = JSON(default="{}")  # nlp.Analysis.state: lets new comments join themes incrementally


class Campaign(Table):
    """A form letter found in a consultation: many near-identical comments."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    key = Varchar(length=64)
    size = Integer(default=0)
    template = Text(default="")
    variants = JSON(default="[]")


class Theme(Table):
    """A theme of one section; officials' edits (label, other, merges) survive re-analysis."""

    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    section = ForeignKey(references=Section, index=True, on_delete=OnDelete.cascade)
    key = Varchar(length=64, default="")  # the analysis' theme id ("" for a theme an official made)
    label = Varchar(length=300, default="")  # from the analysis
    label_override = Varchar(length=300, default="")  # an official's name for it
    key_phrases = JSON(default="[]")
    summary = JSON(default="[]")
    representative_ids = JSON(default="[]")  # comment ids
    sentiment_mix = JSON(default="{}")
    size = Integer(default=0)
    is_other = Boolean(default=False)
    merged_into = ForeignKey(
        references=LazyTableReference("Theme", module_path=__name__), null=True, default=None,
        on_delete=OnDelete.set_null,
    )
    made_by_official = Boolean(default=False)
    updated_at = Timestamptz(default=TimestamptzNow())


class CommentAnalysis(Table):
    """What the analysis says of one comment, and where an official put it."""

    comment = ForeignKey(references=Comment, unique=True, on_delete=OnDelete.cascade)
    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    theme = ForeignKey(references=Theme, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    pinned = Boolean(default=False)  # moved by an official: re-analysis leaves it where it is
    language = Varchar(length=8, default="")
    sentiment = Varchar(length=16, default="")
    sentiment_score = Float(default=0.0)
    duplicate_group = Varchar(length=64, default="")
    campaign = ForeignKey(references=Campaign, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    run = ForeignKey(references=AnalysisRun, null=True, default=None, on_delete=OnDelete.set_null)


class Position(Table):
    """The office's position on a comment with its justification; `version` guards concurrent edits."""

    comment = ForeignKey(references=Comment, unique=True, on_delete=OnDelete.cascade)
    consultation = ForeignKey(references=Consultation, index=True, on_delete=OnDelete.cascade)
    value = Varchar(length=16, choices=PositionValue)
    justification = Text(default="")
    official = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    version = Integer(default=1)
    updated_at = Timestamptz(default=TimestamptzNow())
