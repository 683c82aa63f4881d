"""The report model: plain data built once from the database; every format renders from it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from consult.lib.i18n import N_

SCHEMA_VERSION = "1.0"
CHANGE_KINDS: dict[str, str] = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
PRIVATE_PERSON = "osoba prywatna"  # replaced by the translated label when rendered


@dataclass(slots=True)
class Facts:
    """The consultation as the report describes it."""

    slug: str
    title: str
    office_name: str
    office_address: str
    legal_basis: str
    who_may_participate: str
    form: str
    announced: str
    summary: str
    opens_at: datetime
    closes_at: datetime  # when comments actually stopped: closed early by the office, else as planned
    days_open: int
    report_due: date  # 30 days after `closes_at`
    document_title: str
    document_versions: int
    planned_closes_at: datetime | None = None  # the end announced when it opened
    closed_early: bool = False


@dataclass(slots=True)
class Count:
    """One labelled number of a statistic (`key` stays stable, `label` is for people)."""

    key: str
    label: str
    count: int


@dataclass(slots=True)
class HiddenComment:
    """A comment rejected for formal reasons: its number and the reason, never its text."""

    reference: str
    reason: str
    reason_label: str


@dataclass(slots=True)
class CampaignGroup:
    """A form letter: its text, how many sent it (and in how many wordings), the office's position on
    it and the reference numbers of the copies. `position` is "mixed" when the copies got different
    positions (then `positions` counts them), "" when none has one."""

    key: str
    size: int
    references: list[str]
    number: int = 0  # 1, 2 … in the report's order (largest first)
    template: str = ""  # the common text, personal data redacted
    variants: int = 0  # wordings other than the template
    position: str = ""
    position_label: str = ""
    position_justification: str = ""
    positions: list[Count] = field(default_factory=list)


@dataclass(slots=True)
class Statistics:
    """The figures of the consultation's course."""

    comments: int
    participants: int
    supports: int
    hidden: int
    pending: int
    by_section: list[Count]
    by_kind: list[Count]
    by_language: list[Count]
    by_day: list[tuple[date, int]]
    positions: list[Count]
    hidden_comments: list[HiddenComment]
    hidden_by_reason: list[Count]
    campaigns: list[CampaignGroup]
    changed: int = 0  # published comments an official linked to a change of a later draft version


@dataclass(slots=True)
class ThemeEntry:
    """A theme of a section as the analysis and the officials left it (personal data redacted)."""

    label: str
    size: int
    summary: list[str]
    key_phrases: list[str]
    is_other: bool


@dataclass(slots=True)
class Change:
    """A difference between the first and the current draft: "added", "removed" or "changed"."""

    kind: str
    label: str


@dataclass(slots=True)
class SectionPart:
    """What the report says of one section."""

    id: int
    number: str
    title: str
    depth: int
    comments: int
    sentiment: list[Count]
    themes: list[ThemeEntry]
    response: str
    changes: list[Change]

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(slots=True)
class CommentRow:
    """One line of the table of comments, in the columns of the Polish comment form."""

    lp: int
    reference: str
    section: str
    quote: str
    remark: str
    proposal: str
    justification: str
    submitter: str
    submitter_kind: str
    created: date
    supports: int
    position: str  # a PositionValue, or "" when the office gave none
    position_label: str
    position_justification: str
    campaign_size: int = 0  # > 0: the row stands for a form letter sent this many times
    campaign_references: list[str] = field(default_factory=list)
    campaign_number: int = 0  # the form letter's number in part 6
    campaign_variants: int = 0
    change: str = ""  # "Uwzględniono w wersji 2: „…”" when the comment led to a change of the draft


@dataclass(slots=True)
class VersionInfo:
    """Which published version this is (absent in a preview)."""

    number: int
    published_at: datetime
    published_by: str
    change_note: str
    missing_positions: list[str]


@dataclass(slots=True)
class Report:
    """Everything the report states, in the order it states it."""

    facts: Facts
    statistics: Statistics
    sections: list[SectionPart]
    comments: list[CommentRow]
    generated_at: datetime
    version: VersionInfo | None = None

    def to_json(self) -> dict[str, Any]:
        """The open-data form, valid against consult/reports/schema/report-v1.json."""
        data = asdict(self)
        data["schema_version"] = SCHEMA_VERSION
        data["statistics"]["by_day"] = [{"date": d, "count": n} for d, n in self.statistics.by_day]
        return _jsonable(data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
