"""Plain descriptions of demo consultations and comments, independent of the database."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class OfficeSpec:
    """A city unit responsible for consultations."""

    name: str
    address: str
    email: str
    phone: str
    website: str = ""


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One node of a draft's tree; `body_html` uses only p, ul/ol/li, strong, em, h-less markup."""

    number: str  # as written in the draft: "I", "3", "3.1", "" for unnumbered parts
    title: str
    kind: str  # "part" | "chapter" | "strategic_goal" | "specific_goal"
    body_html: str = ""
    children: tuple[SectionSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class ConsultationSpec:
    """A consultation with its draft; dates are relative to the moment the demo is seeded."""

    slug: str
    title: str
    office: OfficeSpec
    lead: str
    description_html: str
    legal_basis: str
    who_may_participate: str
    how_to_participate_html: str
    contact_name: str
    contact_email: str
    contact_phone: str
    document_title: str
    sections: tuple[SectionSpec, ...]
    opened_days_ago: int
    duration_days: int  # closes at opened + duration
    status: str  # "open" | "closed" | "draft"


@dataclass(frozen=True, slots=True)
class CommentSpec:
    """One demo comment in the shape of the Polish "formularz zgłaszania uwag"."""

    section_number: str
    remark: str
    proposal: str = ""
    justification: str = ""
    submitter_kind: str = "resident"  # resident | ngo | institution | business | other
    submitter_name: str = ""
    show_name: bool = False
    email: str = ""
    quote: str = ""  # an exact substring of the section's plain text, or ""
    language: str = "pl"
    created_hours_after_open: float = 0.0
    supports: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)  # "campaign", "duplicate": for checks only
