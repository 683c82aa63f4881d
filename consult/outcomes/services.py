"""Use cases of a comment's outcome: the answer the published report gives it, the lookup by reference,
and the change of the draft an accepted comment led to."""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments import services as comments
from consult.comments.schemas import CommentView
from consult.comments.tables import Comment, CommentStatus
from consult.consultations.tables import Consultation, Document, Section
from consult.imports import diff as differ
from consult.lib.i18n import N_
from consult.lib.i18n import gettext as _
from consult.outcomes.tables import CommentChange
from consult.reports.tables import ReportFile, ReportVersion
from consult.review.tables import Position
from consult.settings import get_settings

REFERENCE = re.compile(r"^([A-Z]{1,8})-?(\d{4})-?(\d{1,9})$")
LINKABLE = ("accepted", "partly")
_CACHE_SIZE = 4
_answers: OrderedDict[int, dict[str, dict[str, Any]]] = OrderedDict()


# ---------------------------------------------------------------- the answer in the published report


@dataclass(frozen=True, slots=True)
class Answer:
    """What the latest published report says of one comment."""

    position: str  # a PositionValue, or "" when the report gives none
    justification: str
    report_version: int
    published_at: datetime
    report_url: str
    campaign_size: int = 0  # > 0: the answer is the one given to the whole form letter


async def _report_rows(version_id: int) -> dict[str, dict[str, Any]]:
    """reference → the report's row answering it, read from the version's open-data JSON (cached:
    a published version never changes)."""
    if version_id in _answers:
        _answers.move_to_end(version_id)
        return _answers[version_id]
    row = await ReportFile.select(ReportFile.content).where(
        (ReportFile.version == version_id) & (ReportFile.format == "json")).first()
    rows: dict[str, dict[str, Any]] = {}
    if row is not None:
        for entry in json.loads(bytes(row["content"]).decode("utf-8")).get("comments", []):
            for reference in entry.get("campaign_references") or [entry["reference"]]:
                rows[reference] = entry
    _answers[version_id] = rows
    while len(_answers) > _CACHE_SIZE:
        _answers.popitem(last=False)
    return rows


async def latest_version(consultation_id: int) -> dict[str, Any] | None:
    """The newest published report version of a consultation (id, number, published_at), or None."""
    return await ReportVersion.select(ReportVersion.id, ReportVersion.number, ReportVersion.published_at).where(
        ReportVersion.consultation == consultation_id).order_by(ReportVersion.number, ascending=False).first()


async def answers(consultation_id: int, slug: str) -> dict[str, Answer]:
    """reference → Answer for every comment the latest published report answers ({} before publication)."""
    version = await latest_version(consultation_id)
    if version is None:
        return {}
    url = f"/raporty/{slug}"
    return {
        reference: Answer(
            position=entry.get("position") or "", justification=entry.get("position_justification") or "",
            report_version=version["number"], published_at=version["published_at"], report_url=url,
            campaign_size=int(entry.get("campaign_size") or 0),
        )
        for reference, entry in (await _report_rows(version["id"])).items()
    }


async def answer_of(comment: CommentView) -> Answer | None:
    """The published report's answer to this comment, or None (no report yet, or not in it)."""
    c = await Consultation.select(Consultation.id).where(Consultation.slug == comment.consultation_slug).first()
    if c is None:
        return None
    version = await latest_version(c["id"])
    if version is None:
        return None
    entry = (await _report_rows(version["id"])).get(comment.reference)
    if entry is None:
        return None
    return Answer(
        position=entry.get("position") or "", justification=entry.get("position_justification") or "",
        report_version=version["number"], published_at=version["published_at"],
        report_url=f"/raporty/{comment.consultation_slug}", campaign_size=int(entry.get("campaign_size") or 0),
    )


# ---------------------------------------------------------------- finding a comment by its number


class LookupError_(Exception):
    """A reference number that is malformed or names no public comment; `message` is a message id."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def normalise_reference(text: str) -> str | None:
    """"ks 2026 123", "KS-2026-000123" → "KS-2026-000123"; None when it cannot be a reference number."""
    compact = re.sub(r"[\s–—_/.]+", "-", text.strip().upper()).strip("-")
    compact = re.sub(r"-+", "-", compact)
    found = REFERENCE.match(compact)
    if found is None:
        return None
    prefix, year, number = found.groups()
    return f"{prefix}-{year}-{int(number):06d}"


def example_reference() -> str:
    """The shape residents are told to type, with this installation's prefix."""
    return f"{get_settings().reference_prefix}-2026-000123"


async def find_comment(text: str) -> str:
    """The reference of the public comment a typed number names; LookupError_ when there is none."""
    if not text.strip():
        raise LookupError_(N_("Type the reference number of your comment."), 400)
    reference = normalise_reference(text)
    if reference is None:
        raise LookupError_(N_("This is not a reference number."), 400)
    try:
        found = await comments.get_comment(reference)
    except comments.CommentNotFound:
        raise LookupError_(N_("No comment has this reference number."), 404) from None
    return found.reference


# ---------------------------------------------------------------- what changed because of a comment


class LinkError(Exception):
    """A refused link of a comment to a change; `message` is a message id, `status` the HTTP status."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class ChangeView:
    """"Uwzględniono w wersji N": the section of version N and the words of it that changed."""

    version: int
    section_id: int
    section_label: str
    inserted: str  # the words version N added or reworded ("" when it only removed words)
    removed: str  # the words version N removed
    slug: str

    @property
    def diff_url(self) -> str:
        return f"/konsultacje/{self.slug}/zmiany/{self.version}"


def _passage(ops: list[tuple[str, str]]) -> tuple[str, str]:
    """The inserted and the removed words of a section's change, runs joined by " … " (at most 600 characters)."""
    inserted = " … ".join(t for op, t in ops if op == "insert" and t)
    removed = " … ".join(t for op, t in ops if op == "delete" and t)
    return inserted[:600], removed[:600]


@dataclass(frozen=True, slots=True)
class _Changes:
    """The current version's word-level changes per section, and where older sections went."""

    version: int
    slug: str
    by_section: dict[int, tuple[str, str]]  # current section id → (inserted, removed), changed sections only
    successor: dict[int, int]  # section id of the version before → current section id
    current: set[int]  # the current version's section ids


async def _current_changes(consultation_id: int) -> _Changes | None:
    """What the current version of the draft changed against the one before (the diff residents see)."""
    from consult.imports.services import version_diff

    c = await Consultation.select(Consultation.slug).where(Consultation.id == consultation_id).first()
    current = await Document.select(Document.id, Document.version).where(
        (Document.consultation == consultation_id) & (Document.is_current == True)).first()  # noqa: E712
    if c is None or current is None or current["version"] < 2:
        return None
    diff = await version_diff(c["slug"], current["version"], public=False)
    if diff is None:
        return None
    by_section = {r.new.id: _passage(r.body_ops) for r in diff.rows
                  if r.new is not None and r.status in ("changed", "added") and differ.changed(r.body_ops)}
    successor = {r.old.id: r.new.id for r in diff.rows if r.old is not None and r.new is not None}
    ids = {r["id"] for r in await Section.select(Section.id).where(Section.document == current["id"])}
    return _Changes(current["version"], c["slug"], by_section, successor, ids)


async def _home(changes: _Changes, section_id: int) -> int | None:
    """The current section a comment's section is now (comments usually move with their section)."""
    if section_id in changes.current:
        return section_id
    if section_id in changes.successor:
        return changes.successor[section_id]
    from consult.imports.services import successor

    return await successor(section_id)


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """A comment an official may link, and the change of its section in the current draft (if any)."""

    comment_id: int
    reference: str
    remark: str
    position: str
    section_id: int
    section_label: str
    version: int
    change: tuple[str, str] | None  # (inserted, removed), None: the section did not change
    linked: bool


async def link_choices(consultation_id: int) -> list[LinkChoice]:
    """Accepted and partly accepted comments of a consultation made on an earlier version than the
    current one, with the change of their section in the current version."""
    changes = await _current_changes(consultation_id)
    if changes is None:
        return []
    rows = await Position.select(
        Position.comment.id.as_alias("id"), Position.comment.reference.as_alias("reference"),
        Position.comment.remark.as_alias("remark"), Position.value, Position.comment.section.as_alias("section"),
        Position.comment.document_version.as_alias("made_on"),
    ).where((Position.consultation == consultation_id) & Position.value.is_in(list(LINKABLE))
            & (Position.comment.status == CommentStatus.published)).order_by(Position.comment.id)
    linked = {r["comment"] for r in await CommentChange.select(CommentChange.comment).where(
        CommentChange.consultation == consultation_id)}
    labels = {r["id"]: f"{r['number']} {r['title']}".strip() for r in await Section.select(
        Section.id, Section.number, Section.title).where(Section.id.is_in(list(changes.current) or [-1]))}
    out: list[LinkChoice] = []
    for r in rows:
        if r["made_on"] >= changes.version:
            continue
        home = await _home(changes, r["section"])
        out.append(LinkChoice(r["id"], r["reference"] or "", r["remark"], r["value"], home or r["section"],
                              labels.get(home or -1, ""), changes.version,
                              changes.by_section.get(home) if home else None, r["id"] in linked))
    return out


async def link_comment(user: CurrentUser, consultation_id: int, office_id: int, reference: str,
                       now: datetime) -> ChangeView:
    """Record that this accepted (or partly accepted) comment led to its section's change in the current
    version; refused for a comment of another consultation, one not accepted, or a section that did not change."""
    comment = await Comment.select(Comment.id, Comment.consultation, Comment.section, Comment.document_version,
                                   Comment.status).where(Comment.reference == reference.strip().upper()).first()
    if comment is None or comment["consultation"] != consultation_id or comment["status"] != CommentStatus.published:
        raise LinkError(N_("This comment does not belong to this consultation."), 404)
    position = await Position.select(Position.value).where(Position.comment == comment["id"]).first()
    if position is None or position["value"] not in LINKABLE:
        raise LinkError(N_("Only an accepted or partly accepted comment can be linked to a change of the draft."))
    changes = await _current_changes(consultation_id)
    if changes is None or changes.version <= comment["document_version"]:
        raise LinkError(N_("There is no later version of the draft than the one this comment was made on."))
    home = await _home(changes, comment["section"])
    if home is None or home not in changes.by_section:
        raise LinkError(N_("The section of this comment did not change in the current version of the draft."))
    inserted, removed = changes.by_section[home]
    values = {CommentChange.section: home, CommentChange.version: changes.version,
              CommentChange.passage: json.dumps({"inserted": inserted, "removed": removed}, ensure_ascii=False),
              CommentChange.linked_by: user.id, CommentChange.created_at: now}
    if await CommentChange.exists().where(CommentChange.comment == comment["id"]):
        await CommentChange.update(values).where(CommentChange.comment == comment["id"])
    else:
        await CommentChange.insert(CommentChange(comment=comment["id"], consultation=consultation_id,
                                                 **{k._meta.name: v for k, v in values.items()}))
    await record(user, "comment.change_link", "comment", reference.strip().upper(),
                 after={"version": changes.version, "section": home}, office_id=office_id)
    found = await change_of(comment["id"])
    assert found is not None
    return found


async def unlink_comment(user: CurrentUser, consultation_id: int, office_id: int, reference: str) -> bool:
    """Remove the link of a comment of this consultation to a change; whether there was one."""
    comment = await Comment.select(Comment.id).where(
        (Comment.reference == reference.strip().upper()) & (Comment.consultation == consultation_id)).first()
    if comment is None:
        raise LinkError(N_("This comment does not belong to this consultation."), 404)
    gone = await CommentChange.delete().where(CommentChange.comment == comment["id"]).returning(CommentChange.id)
    if gone:
        await record(user, "comment.change_unlink", "comment", reference.strip().upper(), office_id=office_id)
    return bool(gone)


def _view(row: dict[str, Any]) -> ChangeView:
    passage = json.loads(row["passage"] or "{}")
    return ChangeView(version=row["version"], section_id=row["section"],
                      section_label=f"{row['s_number']} {row['s_title']}".strip(),
                      inserted=passage.get("inserted", ""), removed=passage.get("removed", ""), slug=row["slug"])


_CHANGE_COLUMNS = (
    CommentChange.comment, CommentChange.version, CommentChange.section, CommentChange.passage,
    CommentChange.section.number.as_alias("s_number"), CommentChange.section.title.as_alias("s_title"),
    CommentChange.consultation.slug.as_alias("slug"),
)


async def change_of(comment_id: int) -> ChangeView | None:
    """The change of the draft this comment led to, or None."""
    row = await CommentChange.select(*_CHANGE_COLUMNS).where(CommentChange.comment == comment_id).first()
    return _view(row) if row else None


async def changes_of(consultation_id: int) -> dict[int, ChangeView]:
    """comment id → the change it led to, for a whole consultation (the report's rows)."""
    rows = await CommentChange.select(*_CHANGE_COLUMNS).where(CommentChange.consultation == consultation_id)
    return {r["comment"]: _view(r) for r in rows}


def change_text(change: ChangeView) -> str:
    """The report's one-line statement in the current locale: "Uwzględniono w wersji 2: „…”"."""
    if change.inserted:
        return _(N_("Included in version %(version)d: “%(passage)s”")) % {"version": change.version,
                                                                          "passage": change.inserted}
    return _(N_("Included in version %(version)d: removed “%(passage)s”")) % {"version": change.version,
                                                                              "passage": change.removed}
