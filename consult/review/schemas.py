"""View models and forms of the review workspace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class RunView:
    id: int
    kind: str
    status: str
    progress: float
    stage: str
    message: str
    created_at: datetime
    finished_at: datetime | None
    comment_count: int
    attempts: int = 0
    stalled: bool = False  # "running", but its worker stopped sending heartbeats: it will be retried

    @property
    def active(self) -> bool:
        return self.status in {"queued", "running"}

    @property
    def retrying(self) -> bool:
        """An earlier attempt was interrupted and this one resumes it."""
        return self.active and (self.stalled or self.stage == "interrupted" or self.attempts > 1)

    @property
    def attempt(self) -> int:
        """The attempt under way (or the next one, while queued again)."""
        return self.attempts + 1 if self.status == "queued" else max(self.attempts, 1)

    @property
    def max_attempts(self) -> int:
        from consult.jobs.runs import MAX_ATTEMPTS

        return MAX_ATTEMPTS

    @property
    def percent(self) -> int:
        return round(self.progress * 100)


@dataclass(slots=True)
class Dashboard:
    consultation_id: int
    slug: str
    title: str
    office_id: int
    total: int
    with_position: int
    participants: int
    by_day: list[tuple[str, int]]
    by_section: list[tuple[int, str, int, int]]  # id, label, comments, with position
    by_kind: dict[str, int]
    by_language: dict[str, int]
    by_sentiment: dict[str, int]
    by_position: dict[str, int]
    campaigns: list[dict[str, Any]]
    run: RunView | None
    unanalysed: int


@dataclass(slots=True)
class ReviewComment:
    id: int
    reference: str
    section_id: int
    section_label: str
    quote_text: str
    remark: str
    proposal: str
    justification: str
    submitter_kind: str
    submitter_name: str
    status: str
    created_at: datetime
    language: str
    sentiment: str
    theme_id: int | None
    campaign_id: int | None
    position: str
    justification_of_position: str
    position_version: int


CONSULTATION_LANGUAGE = "pl"


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One sentence of a theme's summary; `language` is set when it is not in the consultation's language."""

    text: str
    language: str = ""


def summary_lines(stored: Any) -> list[SummaryLine]:
    """A theme's stored summary: a text per sentence, or {"text", "language"} for one in another language."""
    out = []
    for item in stored or []:
        if isinstance(item, dict):
            language = str(item.get("language") or "")
            out.append(SummaryLine(str(item.get("text") or ""), "" if language == CONSULTATION_LANGUAGE else language))
        else:
            out.append(SummaryLine(str(item)))
    return out


def stored_summary(sentences: Any) -> list[Any]:
    """The analysis's summary sentences as stored: a text, or {"text", "language"} for one in another language."""
    out: list[Any] = []
    for s in sentences:
        language = getattr(s, "language", CONSULTATION_LANGUAGE)
        out.append(str(s) if language == CONSULTATION_LANGUAGE else {"text": str(s), "language": language})
    return out


@dataclass(slots=True)
class ThemeView:
    id: int
    label: str
    analysis_label: str
    key_phrases: list[str]
    summary: list[SummaryLine]
    size: int
    share: float
    sentiment_mix: dict[str, int]
    is_other: bool
    representatives: list[ReviewComment]
    campaigns: list[dict[str, Any]]  # id, size, template, variants, in_theme
    with_position: int
    bulk: Any = None  # services.BulkPreview of the theme's bulk form


@dataclass(slots=True)
class SectionReview:
    consultation_id: int
    slug: str
    title: str
    section_id: int
    section_label: str
    themes: list[ThemeView]
    unassigned: int
    total: int
    all_themes: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class PositionForm:
    value: str = ""
    justification: str = ""
    version: str = "0"
    next: str = ""


@dataclass
class BulkForm:
    value: str = ""
    justification: str = ""
    overwrite: str = ""  # "1": also replace the positions already given
    next: str = ""
    label: str = ""  # the theme's name, to show the form again after a refusal
    form_id: str = ""  # the form's id on the page, kept when it is shown again


@dataclass
class ThemeForm:
    label: str = ""
    into: str = ""
    comment_ids: str = ""  # comma-separated, or repeated field values joined
    theme: str = ""
    is_other: str = ""
    next: str = ""
