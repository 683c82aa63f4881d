"""Forms and view models of moderation: the queue, an official's decision, a resident's flag."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class DecisionForm:
    reason: str = ""
    note: str = ""
    find: str = ""  # the reference looked up on the page, so a refusal shows that comment again


@dataclass
class FlagForm:
    reason: str = ""
    note: str = ""


@dataclass
class ModeForm:
    mode: str = ""


@dataclass(slots=True)
class QueueItem:
    """A comment as moderators see it, with the unresolved flags on it."""

    id: int
    reference: str
    section: str
    remark: str
    proposal: str
    justification: str
    submitter_name: str
    status: str
    hidden_reason: str
    hidden_note: str
    created_at: datetime
    flags: dict[str, int] = field(default_factory=dict)  # reason → how many residents
    flag_notes: list[str] = field(default_factory=list)

    @property
    def flag_count(self) -> int:
        return sum(self.flags.values())


@dataclass(slots=True)
class Queue:
    """The moderation page of one consultation."""

    slug: str
    title: str
    moderation: str  # "pre" | "post"
    may_switch: bool  # the viewer heads the office (or administers)
    pending: list[QueueItem]
    flagged: list[QueueItem]
    hidden: list[QueueItem]
    find: str = ""  # a reference number the moderator looked up
    found: QueueItem | None = None  # that comment, when it is a published one of this consultation


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a decision did, for the confirmation."""

    action: str
    reference: str


@dataclass(frozen=True, slots=True)
class FlagTarget:
    """The published comment a resident is about to report."""

    reference: str
    remark: str
    consultation: str
