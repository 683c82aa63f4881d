"""View models of consultations and sections, built by the services for pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class Phase(str, Enum):
    """Where a consultation stands for a resident right now."""

    draft = "draft"
    upcoming = "upcoming"
    open = "open"
    closed = "closed"
    reported = "reported"


@dataclass(slots=True)
class OfficeView:
    id: int
    name: str
    address: str
    email: str
    phone: str
    website: str


@dataclass(slots=True)
class ConsultationSummary:
    id: int
    slug: str
    title: str
    lead: str
    office_name: str
    opens_at: datetime
    closes_at: datetime
    phase: Phase
    days_left: int
    days_total: int
    comment_count: int
    is_demo: bool
    moderation: str
    closed_at: datetime | None = None  # when its head closed it; None: open, or ended as planned

    @property
    def ends_at(self) -> datetime:
        """When comments stopped (or stop) being accepted: the actual close, else the planned end."""
        return min(self.closed_at, self.closes_at) if self.closed_at is not None else self.closes_at

    @property
    def closed_early(self) -> bool:
        return self.closed_at is not None and self.closed_at < self.closes_at

    @property
    def accepts_comments(self) -> bool:
        return self.phase is Phase.open


@dataclass(slots=True)
class SectionNode:
    id: int
    number: str
    title: str
    kind: str
    depth: int
    comment_count: int = 0
    children: list[SectionNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(slots=True)
class ConsultationDetail:
    summary: ConsultationSummary
    office: OfficeView
    description_html: str
    legal_basis: str
    who_may_participate: str
    how_to_participate_html: str
    contact_name: str
    contact_email: str
    contact_phone: str
    document_id: int
    document_title: str
    document_version: int
    sections: list[SectionNode]  # roots of the tree

    def flat_sections(self) -> list[SectionNode]:
        """The tree in reading order."""
        out: list[SectionNode] = []

        def walk(nodes: list[SectionNode]) -> None:
            for node in nodes:
                out.append(node)
                walk(node.children)

        walk(self.sections)
        return out


@dataclass(slots=True)
class SectionDetail:
    id: int
    number: str
    title: str
    kind: str
    body_html: str
    body_text: str
    document_version: int
    consultation: ConsultationDetail
    trail: list[SectionNode]  # ancestors, root first
    children: list[SectionNode]
    previous: SectionNode | None
    next: SectionNode | None
    comment_count: int

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(slots=True)
class SectionInput:
    """A section to store: the shape an import or the demo hands to `create_document`."""

    number: str
    title: str
    kind: str
    body_html: str = ""
    children: list[SectionInput] = field(default_factory=list)


@dataclass(slots=True)
class ConsultationInput:
    """A consultation to create, with its responsible office named."""

    slug: str
    title: str
    office_id: int
    opens_at: datetime
    closes_at: datetime
    status: str = "draft"
    lead: str = ""
    description_html: str = ""
    legal_basis: str = ""
    who_may_participate: str = ""
    how_to_participate_html: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    moderation: str = "post"
    is_demo: bool = False
