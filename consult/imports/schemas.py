"""Forms and view models of imports, versions and their diff."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("part", "chapter", "strategic_goal", "specific_goal")


@dataclass(slots=True)
class FlatSection:
    """A detected section in reading order; `depth` places it in the tree (0 = top)."""

    number: str
    title: str
    kind: str
    depth: int
    body_html: str = ""
    # As the file had it, [number, title, kind] (empty for a section an official made by splitting):
    # what a correction is remembered against.
    detected: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlatSection:
        detected = data.get("detected") or []
        return cls(str(data.get("number", "")), str(data.get("title", "")), str(data.get("kind", "chapter")),
                   int(data.get("depth", 0)), str(data.get("body_html", "")), [str(v) for v in detected][:3])

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(slots=True)
class Note:
    """A message id with its values, shown above a preview (e.g. images dropped)."""

    message: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class OfficeChoice:
    id: int
    name: str


@dataclass(slots=True)
class PreviewRow:
    """One section of a preview with what the page needs to show it."""

    index: int
    section: FlatSection
    words: int
    excerpt: str
    trail: str = ""  # the labels of its ancestors, "I › I.1"


@dataclass(slots=True)
class ImportPreview:
    """An import waiting to be corrected and saved."""

    id: int
    filename: str
    source_format: str
    title: str
    office_id: int
    office_name: str
    consultation_slug: str  # "" for a new consultation
    consultation_title: str
    next_version: int
    rows: list[PreviewRow]
    notes: list[Note]
    offices: list[OfficeChoice]

    @property
    def is_new(self) -> bool:
        return not self.consultation_slug


@dataclass(slots=True)
class TreeEdit:
    """The preview form: every row's fields (in order) and the button pressed ("merge:3" …)."""

    numbers: list[str]
    titles: list[str]
    kinds: list[str]
    depths: list[str]
    action: str = "save"
    at: int | None = None  # the block a split starts at


@dataclass
class NewConsultationForm:
    """Saving an import as a new consultation in draft."""

    title: str = ""
    slug: str = ""
    office_id: int = 0
    opens_on: str = ""
    closes_on: str = ""
    document_title: str = ""
    note: str = ""
    confirm_short: str = ""


@dataclass
class VersionForm:
    """Saving an import as a new version of the consultation's draft."""

    document_title: str = ""
    note: str = ""


@dataclass
class MatchForm:
    """An official's choice: this section of the new version continues that one of the previous."""

    previous: int = 0
    section: int = 0


@dataclass(slots=True)
class VersionRow:
    id: int
    version: int
    title: str
    note: str
    is_current: bool
    sections: int
    comments: int
    created_at: Any


@dataclass(slots=True)
class SectionRef:
    id: int
    number: str
    title: str
    comments: int = 0

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(slots=True)
class DiffRow:
    """One section's change between two versions; `ops` are (equal|insert|delete, words)."""

    status: str  # added | removed | changed | unchanged
    old: SectionRef | None
    new: SectionRef | None
    title_ops: list[tuple[str, str]]
    body_ops: list[tuple[str, str]]
    how: str = ""  # how the sections were matched


@dataclass(slots=True)
class VersionDiff:
    consultation_slug: str
    consultation_title: str
    old_version: int
    new_version: int
    rows: list[DiffRow]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


@dataclass(slots=True)
class Unmatched:
    """A section of the previous version with comments, which no section of the current continues."""

    previous: SectionRef
    version: int


@dataclass(slots=True)
class VersionsPage:
    slug: str
    title: str
    status: str
    versions: list[VersionRow]
    unmatched: list[Unmatched]
    current_sections: list[SectionRef]
    pending: list[tuple[int, str]]  # import previews waiting: id, filename
