"""Use cases of the review workspace: dashboard, themes per section, finding comments, positions,
theme edits and starting an analysis. Every change an official makes is audited."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.audit.tables import AuditEntry
from consult.comments.tables import Comment, CommentStatus
from consult.consultations.tables import Consultation, Section
from consult.jobs.runs import is_stale
from consult.review.jobs import queue_run
from consult.lib import clock
from consult.lib.i18n import N_
from consult.lib.pagination import Page, clamp_page
from consult.lib.text import fold
from consult.review.analysis import refresh_sizes
from consult.review.schemas import Dashboard, ReviewComment, RunView, SectionReview, ThemeView, summary_lines
from consult.review.tables import AnalysisRun, Campaign, CommentAnalysis, Position, PositionValue, Theme
from consult.settings import get_settings
from consult.lib.errors import Refused

MAX_JUSTIFICATION = 5000
NEEDS_JUSTIFICATION = {PositionValue.rejected.value, PositionValue.partly.value}


class ReviewError(Refused):
    """A refused review action."""


@dataclass(slots=True)
class Conflict:
    """Another official saved this position first: what is stored now."""

    value: str
    justification: str
    version: int
    official: str


async def consultation_row(slug: str) -> dict[str, Any]:
    row = await Consultation.select(Consultation.id, Consultation.slug, Consultation.title, Consultation.office).where(
        Consultation.slug == slug).first()
    if row is None:
        raise ReviewError(N_("Page not found."), 404)
    return row


def _run_view(row: dict[str, Any] | None) -> RunView | None:
    if row is None:
        return None
    return RunView(id=row["id"], kind=row["kind"], status=row["status"], progress=row["progress"], stage=row["stage"],
                   message=row["message"], created_at=row["created_at"], finished_at=row["finished_at"],
                   comment_count=row["comment_count"], attempts=row["attempts"],
                   stalled=is_stale(row["status"], row["heartbeat_at"], clock.now()))


async def latest_run(consultation_id: int) -> RunView | None:
    return _run_view(await AnalysisRun.select().where(AnalysisRun.consultation == consultation_id).order_by(
        AnalysisRun.id, ascending=False).first())


async def run_status(slug: str, run_id: int) -> RunView:
    c = await consultation_row(slug)
    row = await AnalysisRun.select().where((AnalysisRun.id == run_id) & (AnalysisRun.consultation == c["id"])).first()
    if row is None:
        raise ReviewError(N_("Page not found."), 404)
    return _run_view(row)  # type: ignore[return-value]


async def start_analysis(user: CurrentUser, slug: str, now: datetime) -> int:
    """Queue a full analysis (officials' edits of themes are kept through it)."""
    c = await consultation_row(slug)
    run_id = await queue_run(c["id"], "full", user, now)
    await record(user, "analysis.start", "consultation", slug, after={"run": run_id}, office_id=c["office"])
    return run_id


async def start_incremental(user: CurrentUser | None, slug: str, now: datetime) -> int:
    """Queue the assignment of new comments to the existing themes."""
    c = await consultation_row(slug)
    return await queue_run(c["id"], "incremental", user, now)


async def _review_rows(where: Any, limit: int | None = None, offset: int = 0) -> list[ReviewComment]:
    query = Comment.select(
        Comment.id, Comment.reference, Comment.section.id.as_alias("section_id"),
        Comment.section.number.as_alias("section_number"), Comment.section.title.as_alias("section_title"),
        Comment.quote_text, Comment.remark, Comment.proposal, Comment.justification, Comment.submitter_kind,
        Comment.submitter_name, Comment.status, Comment.created_at, Comment.language,
    ).where(where).order_by(Comment.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = await query
    ids = [r["id"] for r in rows]
    analysis = {a["comment"]: a for a in await CommentAnalysis.select().where(CommentAnalysis.comment.is_in(ids or [-1]))}
    positions = {p["comment"]: p for p in await Position.select().where(Position.comment.is_in(ids or [-1]))}
    out = []
    for r in rows:
        a = analysis.get(r["id"], {})
        p = positions.get(r["id"], {})
        out.append(ReviewComment(
            id=r["id"], reference=r["reference"] or "", section_id=r["section_id"],
            section_label=f"{r['section_number']} {r['section_title']}".strip(), quote_text=r["quote_text"],
            remark=r["remark"], proposal=r["proposal"], justification=r["justification"],
            submitter_kind=r["submitter_kind"], submitter_name=r["submitter_name"], status=r["status"],
            created_at=r["created_at"], language=a.get("language") or r["language"], sentiment=a.get("sentiment", ""),
            theme_id=a.get("theme"), campaign_id=a.get("campaign"), position=p.get("value", ""),
            justification_of_position=p.get("justification", ""), position_version=p.get("version", 0),
        ))
    return out


def _visible(consultation_id: int) -> Any:
    return (Comment.consultation == consultation_id) & (Comment.status != CommentStatus.hidden)


async def dashboard(slug: str) -> Dashboard:
    """The numbers of a consultation's review: comments, participants, positions, analysis."""
    c = await consultation_row(slug)
    rows = await Comment.select(
        Comment.id, Comment.section, Comment.submitter_kind, Comment.created_at, Comment.email, Comment.submitter_name,
        Comment.language,
    ).where(_visible(c["id"]))
    analysis = {a["comment"]: a for a in await CommentAnalysis.select(
        CommentAnalysis.comment, CommentAnalysis.sentiment, CommentAnalysis.language).where(
        CommentAnalysis.consultation == c["id"])}
    positions = {p["comment"]: p["value"] for p in await Position.select(Position.comment, Position.value).where(
        Position.consultation == c["id"])}
    tz = ZoneInfo(get_settings().timezone)
    by_day = Counter(r["created_at"].astimezone(tz).date().isoformat() for r in rows)
    sections = await Section.select(Section.id, Section.number, Section.title, Section.position).where(
        Section.id.is_in(list({r["section"] for r in rows}) or [-1])).order_by(Section.position)
    per_section = Counter(r["section"] for r in rows)
    per_section_pos = Counter(r["section"] for r in rows if r["id"] in positions)
    participants = {(r["email"] or "").casefold() or f"name:{fold(r['submitter_name'])}" if (r["email"] or r["submitter_name"]) else f"anon:{r['id']}" for r in rows}
    campaigns = await Campaign.select().where(Campaign.consultation == c["id"]).order_by(
        Campaign.size, ascending=False).output(load_json=True)
    return Dashboard(
        consultation_id=c["id"], slug=slug, title=c["title"], office_id=c["office"], total=len(rows),
        with_position=sum(1 for r in rows if r["id"] in positions), participants=len(participants),
        by_day=sorted(by_day.items()),
        by_section=[(s["id"], f"{s['number']} {s['title']}".strip(), per_section[s["id"]], per_section_pos[s["id"]])
                    for s in sections],
        by_kind=dict(Counter(r["submitter_kind"] for r in rows)),
        by_language=dict(Counter((analysis.get(r["id"], {}).get("language") or r["language"] or "?") for r in rows)),
        by_sentiment=dict(Counter(a["sentiment"] for a in analysis.values() if a["sentiment"])),
        by_position=dict(Counter(positions.values())),
        campaigns=campaigns, run=await latest_run(c["id"]),
        unanalysed=len(rows) - len(analysis),
    )


async def section_review(slug: str, section_id: int) -> SectionReview:
    """The themes of one section with their summaries, representatives and campaigns."""
    c = await consultation_row(slug)
    section = await Section.select(Section.id, Section.number, Section.title).where(
        (Section.id == section_id) & (Section.document.consultation == c["id"])).first()
    if section is None:
        raise ReviewError(N_("Page not found."), 404)
    themes = await Theme.select().where(
        (Theme.section == section_id) & (Theme.consultation == c["id"]) & Theme.merged_into.is_null()
    ).order_by(Theme.is_other).order_by(Theme.size, ascending=False).output(load_json=True)
    total = await Comment.count().where(_visible(c["id"]) & (Comment.section == section_id))
    members = await CommentAnalysis.select(CommentAnalysis.comment, CommentAnalysis.theme, CommentAnalysis.campaign).where(
        CommentAnalysis.theme.is_in([t["id"] for t in themes] or [-1]))
    positioned = {p["comment"] for p in await Position.select(Position.comment).where(
        Position.comment.is_in([m["comment"] for m in members] or [-1]))}
    campaign_rows = {k["id"]: k for k in await Campaign.select().where(Campaign.consultation == c["id"]).output(load_json=True)}
    reps = await _review_rows(Comment.id.is_in([int(i) for t in themes for i in (t["representative_ids"] or [])] or [-1]))
    reps_by_id = {r.id: r for r in reps}
    views = []
    for t in themes:
        in_theme = [m for m in members if m["theme"] == t["id"]]
        camp_counts = Counter(m["campaign"] for m in in_theme if m["campaign"])
        views.append(ThemeView(
            id=t["id"], label=t["label_override"] or t["label"] or "—", analysis_label=t["label"],
            key_phrases=list(t["key_phrases"] or []), summary=summary_lines(t["summary"]), size=t["size"],
            share=(t["size"] / total) if total else 0.0, sentiment_mix=dict(t["sentiment_mix"] or {}),
            is_other=t["is_other"],
            representatives=[reps_by_id[int(i)] for i in (t["representative_ids"] or []) if int(i) in reps_by_id],
            campaigns=[{**campaign_rows[k], "in_theme": n} for k, n in camp_counts.most_common() if k in campaign_rows],
            with_position=sum(1 for m in in_theme if m["comment"] in positioned),
        ))
    # What each bulk form would reach, and who already gave a position there.
    campaign_ids = sorted({k["id"] for v in views for k in v.campaigns})
    targets: dict[tuple[str, int], list[int]] = {("theme", v.id): [m["comment"] for m in members if m["theme"] == v.id]
                                                 for v in views}
    for m in await CommentAnalysis.select(CommentAnalysis.comment, CommentAnalysis.campaign).where(
            CommentAnalysis.campaign.is_in(campaign_ids or [-1])):
        targets.setdefault(("campaign", m["campaign"]), []).append(m["comment"])
    previews = await bulk_previews(c["id"], targets)
    for v in views:
        v.bulk = previews[("theme", v.id)]
        for k in v.campaigns:
            k["bulk"] = previews.get(("campaign", k["id"]))
    assigned = sum(t.size for t in views)
    all_themes = [(t["id"], t["label_override"] or t["label"]) for t in await Theme.select(
        Theme.id, Theme.label, Theme.label_override).where(
        (Theme.consultation == c["id"]) & (Theme.section == section_id) & Theme.merged_into.is_null())]
    return SectionReview(
        consultation_id=c["id"], slug=slug, title=c["title"], section_id=section_id,
        section_label=f"{section['number']} {section['title']}".strip(), themes=views,
        unassigned=max(0, total - assigned), total=total, all_themes=all_themes,
    )


@dataclass
class Filters:
    """What an official searches comments by; empty means any."""

    q: str = ""
    section: int | None = None
    theme: int | None = None
    position: str = ""  # a PositionValue, or "none" for comments without one
    sentiment: str = ""
    kind: str = ""
    language: str = ""
    campaign: int | None = None
    unassigned: bool = False


async def find(slug: str, filters: Filters, page: int, per_page: int = 25) -> Page[ReviewComment]:
    """Comments of a consultation matching the filters, paginated in submission order."""
    c = await consultation_row(slug)
    where = _visible(c["id"])
    if filters.q.strip():
        where &= Comment.search_text.like(f"%{fold(filters.q.strip())}%") | (Comment.reference == filters.q.strip().upper())
    if filters.section:
        where &= Comment.section == filters.section
    if filters.kind:
        where &= Comment.submitter_kind == filters.kind
    ids: set[int] | None = None

    def narrow(found: set[int]) -> None:
        nonlocal ids
        ids = found if ids is None else ids & found

    analysis_where = CommentAnalysis.consultation == c["id"]
    if filters.theme:
        narrow({r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(
            analysis_where & (CommentAnalysis.theme == filters.theme))})
    if filters.unassigned:
        narrow({r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(
            analysis_where & CommentAnalysis.theme.is_null())})
    if filters.campaign:
        narrow({r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(
            analysis_where & (CommentAnalysis.campaign == filters.campaign))})
    if filters.sentiment:
        narrow({r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(
            analysis_where & (CommentAnalysis.sentiment == filters.sentiment))})
    if filters.language:
        where &= Comment.language == filters.language
    if filters.position == "none":
        with_position = {r["comment"] for r in await Position.select(Position.comment).where(Position.consultation == c["id"])}
        if with_position:
            where &= Comment.id.not_in(list(with_position))
    elif filters.position:
        narrow({r["comment"] for r in await Position.select(Position.comment).where(
            (Position.consultation == c["id"]) & (Position.value == filters.position))})
    if ids is not None:
        where &= Comment.id.is_in(list(ids) or [-1])
    page = clamp_page(page)
    total = await Comment.count().where(where)
    items = await _review_rows(where, per_page, (page - 1) * per_page)
    return Page(items=items, page=page, per_page=per_page, total=total)


async def reference_of(comment_id: int) -> str:
    """A comment's public reference number ("" when there is none), to name it in a form shown again."""
    row = await Comment.select(Comment.reference).where(Comment.id == comment_id).first()
    return (row or {}).get("reference") or ""


async def _comment_of(consultation_id: int, comment_id: int) -> dict[str, Any]:
    row = await Comment.select(Comment.id, Comment.reference, Comment.status).where(
        (Comment.id == comment_id) & (Comment.consultation == consultation_id)).first()
    if row is None:
        raise ReviewError(N_("Page not found."), 404)
    if row["status"] == CommentStatus.hidden:
        raise ReviewError(N_("This comment is hidden by moderation: restore it before giving a position."), 409)
    return row


def _check_position(value: str, justification: str) -> str:
    """The justification to store; a refusal (422) names the field it is about, for the form."""
    if value not in {v.value for v in PositionValue}:
        raise ReviewError(N_("Choose the office's position."), 422, field="value")
    justification = justification.strip()
    if len(justification) > MAX_JUSTIFICATION:
        raise ReviewError(N_("The justification is too long: at most 5000 characters."), 422, field="justification")
    if value in NEEDS_JUSTIFICATION and not justification:
        raise ReviewError(N_("Give the justification of a position that does not accept the comment in full."), 422,
                          field="justification")
    return justification


async def _position_row(comment_id: int) -> dict[str, Any] | None:
    return await Position.select(Position.value, Position.justification, Position.version,
                                 Position.official.email.as_alias("email")).where(Position.comment == comment_id).first()


def _conflict(row: dict[str, Any]) -> Conflict:
    return Conflict(row["value"], row["justification"], row["version"], row["email"] or "")


async def _stored(comment_id: int) -> Conflict:
    """What another official stored while this one was editing."""
    row = await _position_row(comment_id)
    assert row is not None
    return _conflict(row)


async def record_position(
    user: CurrentUser, slug: str, comment_id: int, value: str, justification: str, version: int, now: datetime
) -> Conflict | int:
    """Save the office's position on one comment; returns the new version, or the conflict when
    another official saved it since this one opened it (nothing is overwritten then)."""
    c = await consultation_row(slug)
    comment = await _comment_of(c["id"], comment_id)
    justification = _check_position(value, justification)
    current = await _position_row(comment_id)
    if current is None:
        if version != 0:
            raise ReviewError(N_("Page not found."), 404)
        from consult.comments.services import _UNIQUE_ERRORS

        try:
            await Position.insert(Position(comment=comment_id, consultation=c["id"], value=value,
                                           justification=justification, official=user.id, version=1, updated_at=now))
        except _UNIQUE_ERRORS:
            return await _stored(comment_id)
        new_version = 1
    else:
        if current["version"] != version:
            return _conflict(current)
        updated = await Position.update({
            Position.value: value, Position.justification: justification, Position.official: user.id,
            Position.version: version + 1, Position.updated_at: now,
        }).where((Position.comment == comment_id) & (Position.version == version)).returning(Position.id)
        if not updated:
            return await _stored(comment_id)
        new_version = version + 1
    await record(user, "position.set", "comment", comment["reference"],
                 before={"value": current["value"], "justification": current["justification"]} if current else {},
                 after={"value": value, "justification": justification}, office_id=c["office"])
    return new_version


@dataclass(slots=True)
class Held:
    """A comment of a bulk target that already has a position: what it is and who set it."""

    comment_id: int
    reference: str
    value: str
    justification: str
    official: str
    version: int
    official_id: int | None = None


@dataclass(slots=True)
class BulkPreview:
    """What a bulk position would touch: the target's visible comments, and those already decided."""

    total: int
    held: list[Held]

    @property
    def officials(self) -> list[tuple[str, int]]:
        """Who set the existing positions, with how many each, most first."""
        return Counter(h.official or "—" for h in self.held).most_common()


@dataclass(slots=True)
class BulkOutcome:
    """What one bulk position did; `batch` is the audit entry an undo refers to."""

    changed: int
    kept: int
    batch: int | None


async def _bulk_members(consultation_id: int, theme_id: int | None, campaign_id: int | None) -> list[int]:
    if theme_id is not None:
        if not await Theme.exists().where((Theme.id == theme_id) & (Theme.consultation == consultation_id)):
            raise ReviewError(N_("Unknown theme."), 404)
        where = CommentAnalysis.theme == theme_id
    elif campaign_id is not None:
        if not await Campaign.exists().where((Campaign.id == campaign_id) & (Campaign.consultation == consultation_id)):
            raise ReviewError(N_("Unknown campaign."), 404)
        where = CommentAnalysis.campaign == campaign_id
    else:
        raise ReviewError(N_("Choose a theme or a campaign."))
    members = [r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(where)]
    return [r["id"] for r in await Comment.select(Comment.id).where(
        Comment.id.is_in(members or [-1]) & (Comment.status != CommentStatus.hidden)).order_by(Comment.id)]


async def _held(comment_ids: list[int]) -> list[Held]:
    rows = await Position.select(
        Position.comment, Position.value, Position.justification, Position.version, Position.official,
        Position.comment.reference.as_alias("reference"), Position.official.email.as_alias("email"),
        Position.official.full_name.as_alias("full_name"),
    ).where(Position.comment.is_in(comment_ids or [-1])).order_by(Position.comment)
    return [Held(comment_id=r["comment"], reference=r["reference"] or "", value=r["value"],
                 justification=r["justification"], official=r["full_name"] or r["email"] or "", version=r["version"],
                 official_id=r["official"])
            for r in rows]


async def bulk_preview(slug: str, *, theme_id: int | None = None, campaign_id: int | None = None) -> BulkPreview:
    """How many comments a bulk position reaches and which of them already have a position."""
    c = await consultation_row(slug)
    visible = await _bulk_members(c["id"], theme_id, campaign_id)
    return BulkPreview(total=len(visible), held=await _held(visible))


async def bulk_previews(consultation_id: int, members: dict[tuple[str, int], list[int]]) -> dict[tuple[str, int], BulkPreview]:
    """Previews of many bulk targets at once (a section page's themes and campaigns), in two queries."""
    everyone = sorted({i for ids in members.values() for i in ids})
    visible = {r["id"] for r in await Comment.select(Comment.id).where(
        Comment.id.is_in(everyone or [-1]) & (Comment.status != CommentStatus.hidden))}
    held = {h.comment_id: h for h in await _held(sorted(visible))}
    return {key: BulkPreview(total=sum(1 for i in ids if i in visible), held=[held[i] for i in sorted(ids) if i in held])
            for key, ids in members.items()}


def _state(held: Held | None) -> dict[str, Any] | None:
    if held is None:
        return None
    return {"value": held.value, "justification": held.justification, "official": held.official,
            "official_id": held.official_id}


async def bulk_position(
    user: CurrentUser, slug: str, value: str, justification: str, now: datetime,
    *, theme_id: int | None = None, campaign_id: int | None = None, overwrite: bool = False,
) -> BulkOutcome:
    """Give one position to the comments of a theme or a campaign that have none; with `overwrite`
    also replace the positions already given. Each stays editable alone; the audit entry keeps
    every comment's position before and after, so the whole action can be undone."""
    c = await consultation_row(slug)
    justification = _check_position(value, justification)
    visible = await _bulk_members(c["id"], theme_id, campaign_id)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    kept = 0
    async with Position._meta.db.transaction():
        held = {h.comment_id: h for h in await _held(visible)}
        references = {r["id"]: r["reference"] for r in await Comment.select(Comment.id, Comment.reference).where(
            Comment.id.is_in(visible or [-1]))}
        for comment_id in visible:
            current = held.get(comment_id)
            if current is not None and not overwrite:
                kept += 1
                continue
            if current is not None and (current.value, current.justification) == (value, justification):
                continue
            if current is not None:
                await Position.update({Position.value: value, Position.justification: justification,
                                       Position.official: user.id, Position.version: current.version + 1,
                                       Position.updated_at: now}).where(Position.comment == comment_id)
            else:
                await Position.insert(Position(comment=comment_id, consultation=c["id"], value=value,
                                               justification=justification, official=user.id, version=1, updated_at=now))
            reference = references[comment_id] or str(comment_id)
            before[reference] = _state(current)
            after[reference] = {"value": value, "justification": justification, "official": user.display_name,
                                "version": current.version + 1 if current else 1}
        if not after:
            return BulkOutcome(changed=0, kept=kept, batch=None)
        await record(user, "position.bulk", "theme" if theme_id else "campaign", theme_id or campaign_id,
                     before={"comments": before}, after={"comments": after, "kept": kept}, office_id=c["office"])
        entry = await AuditEntry.select(AuditEntry.id).where(
            (AuditEntry.action == "position.bulk") & (AuditEntry.actor == user.id)).order_by(
            AuditEntry.id, ascending=False).first()
    return BulkOutcome(changed=len(after), kept=kept, batch=entry["id"] if entry else None)


async def undo_bulk(user: CurrentUser, slug: str, batch: int, now: datetime) -> int:
    """Put back the positions one bulk action replaced (and remove those it gave); a comment whose
    position someone changed since is left as it is. Returns how many were restored; audited."""
    c = await consultation_row(slug)
    entry = await AuditEntry.select().where(
        (AuditEntry.id == batch) & (AuditEntry.action == "position.bulk") & (AuditEntry.office == c["office"])
    ).output(load_json=True).first()
    if entry is None:
        raise ReviewError(N_("Page not found."), 404)
    if await AuditEntry.exists().where((AuditEntry.action == "position.bulk_undo") & (AuditEntry.object_id == str(batch))):
        raise ReviewError(N_("This bulk position has already been undone."), 409)
    before: dict[str, Any] = dict(entry["before"].get("comments", {}))
    after: dict[str, Any] = dict(entry["after"].get("comments", {}))
    restored_before: dict[str, Any] = {}
    restored_after: dict[str, Any] = {}
    skipped: list[str] = []
    async with Position._meta.db.transaction():
        ids = {r["reference"]: r["id"] for r in await Comment.select(Comment.id, Comment.reference).where(
            Comment.reference.is_in(list(after) or ["-"]) & (Comment.consultation == c["id"]))}
        current = {h.comment_id: h for h in await _held(list(ids.values()))}
        for reference, given in after.items():
            comment_id = ids.get(reference)
            now_held = current.get(comment_id) if comment_id else None
            if comment_id is None or now_held is None or now_held.version != given.get("version"):
                skipped.append(reference)  # changed by hand since: the later decision stands
                continue
            previous = before.get(reference)
            if previous is None:
                await Position.delete().where(Position.comment == comment_id)
            else:
                await Position.update({Position.value: previous["value"], Position.justification: previous["justification"],
                                       Position.official: previous.get("official_id"),
                                       Position.version: now_held.version + 1,
                                       Position.updated_at: now}).where(Position.comment == comment_id)
            restored_before[reference] = _state(now_held)
            restored_after[reference] = previous
        await record(user, "position.bulk_undo", "audit", batch, before={"comments": restored_before},
                     after={"comments": restored_after, "left_as_changed_since": skipped}, office_id=c["office"])
    return len(restored_after)


@dataclass(slots=True)
class BatchChange:
    """One comment a bulk position changed: its position before (None: it had none) and after."""

    reference: str
    before: dict[str, Any] | None
    after: dict[str, Any]


@dataclass(slots=True)
class BatchView:
    """A bulk position as the audit log keeps it, and whether it has been undone."""

    id: int
    actor: str
    created_at: datetime
    target: str  # "theme" | "campaign"
    target_id: str
    kept: int
    changes: list[BatchChange]
    undone: bool


async def bulk_batch(slug: str, batch: int) -> BatchView:
    """What one bulk position changed, read back from its audit entry."""
    c = await consultation_row(slug)
    entry = await AuditEntry.select().where(
        (AuditEntry.id == batch) & (AuditEntry.action == "position.bulk") & (AuditEntry.office == c["office"])
    ).output(load_json=True).first()
    if entry is None:
        raise ReviewError(N_("Page not found."), 404)
    before = entry["before"].get("comments", {})
    after = entry["after"].get("comments", {})
    return BatchView(
        id=batch, actor=entry["actor_email"], created_at=entry["created_at"], target=entry["object_type"],
        target_id=entry["object_id"], kept=int(entry["after"].get("kept", 0)),
        changes=[BatchChange(reference=r, before=before.get(r), after=a) for r, a in after.items()],
        undone=await AuditEntry.exists().where((AuditEntry.action == "position.bulk_undo")
                                               & (AuditEntry.object_id == str(batch))),
    )


async def _theme(consultation_id: int, theme_id: int) -> dict[str, Any]:
    row = await Theme.select().where((Theme.id == theme_id) & (Theme.consultation == consultation_id)
                                     & Theme.merged_into.is_null()).first()
    if row is None:
        raise ReviewError(N_("Unknown theme."), 404)
    return row


async def rename_theme(user: CurrentUser, slug: str, theme_id: int, label: str) -> None:
    c = await consultation_row(slug)
    theme = await _theme(c["id"], theme_id)
    label = " ".join(label.split())[:300]
    await Theme.update({Theme.label_override: label}).where(Theme.id == theme_id)
    await record(user, "theme.rename", "theme", theme_id, before={"label": theme["label_override"] or theme["label"]},
                 after={"label": label or theme["label"]}, office_id=c["office"])


async def mark_other(user: CurrentUser, slug: str, theme_id: int, is_other: bool) -> None:
    c = await consultation_row(slug)
    theme = await _theme(c["id"], theme_id)
    await Theme.update({Theme.is_other: is_other}).where(Theme.id == theme_id)
    await record(user, "theme.other", "theme", theme_id, before={"other": theme["is_other"]}, after={"other": is_other},
                 office_id=c["office"])


async def merge_themes(user: CurrentUser, slug: str, theme_id: int, into_id: int) -> None:
    """Move every comment of a theme into another theme of the same section; the merge is kept."""
    c = await consultation_row(slug)
    source = await _theme(c["id"], theme_id)
    target = await _theme(c["id"], into_id)
    if theme_id == into_id or source["section"] != target["section"]:
        raise ReviewError(N_("Themes can be merged only with another theme of the same section."))
    async with Theme._meta.db.transaction():
        await CommentAnalysis.update({CommentAnalysis.theme: into_id, CommentAnalysis.pinned: True}).where(
            CommentAnalysis.theme == theme_id)
        await Theme.update({Theme.merged_into: into_id}).where(Theme.id == theme_id)
        await refresh_sizes(c["id"])
    await record(user, "theme.merge", "theme", theme_id, after={"into": into_id}, office_id=c["office"])


async def split_theme(user: CurrentUser, slug: str, theme_id: int, comment_ids: list[int], label: str) -> int:
    """Make a new theme of the chosen comments of a theme; they stay there across re-analysis."""
    c = await consultation_row(slug)
    source = await _theme(c["id"], theme_id)
    members = {r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(
        CommentAnalysis.theme == theme_id)}
    chosen = [i for i in comment_ids if i in members]
    if not chosen or len(chosen) == len(members):
        raise ReviewError(N_("Choose some, but not all, comments of the theme to split off."))
    label = " ".join(label.split())[:300] or source["label_override"] or source["label"]
    async with Theme._meta.db.transaction():
        row = await Theme.insert(Theme(consultation=c["id"], section=source["section"], label_override=label,
                                       made_by_official=True)).returning(Theme.id)
        new_id = row[0]["id"]
        await CommentAnalysis.update({CommentAnalysis.theme: new_id, CommentAnalysis.pinned: True}).where(
            CommentAnalysis.comment.is_in(chosen))
        await refresh_sizes(c["id"])
    await record(user, "theme.split", "theme", theme_id, after={"new_theme": new_id, "comments": len(chosen)},
                 office_id=c["office"])
    return new_id


async def move_comment(user: CurrentUser, slug: str, comment_id: int, theme_id: int | None) -> None:
    """Put a comment into another theme of its section (or none); re-analysis leaves it there."""
    c = await consultation_row(slug)
    comment = await Comment.select(Comment.id, Comment.section, Comment.reference).where(
        (Comment.id == comment_id) & (Comment.consultation == c["id"])).first()
    if comment is None:
        raise ReviewError(N_("Page not found."), 404)
    if theme_id is not None:
        theme = await _theme(c["id"], theme_id)
        if theme["section"] != comment["section"]:
            raise ReviewError(N_("A comment can be moved only to a theme of its own section."))
    current = await CommentAnalysis.select(CommentAnalysis.theme).where(CommentAnalysis.comment == comment_id).first()
    if current is None:
        raise ReviewError(N_("Run the analysis before moving comments between themes."), 409)
    await CommentAnalysis.update({CommentAnalysis.theme: theme_id, CommentAnalysis.pinned: True}).where(
        CommentAnalysis.comment == comment_id)
    await refresh_sizes(c["id"])
    await record(user, "comment.move", "comment", comment["reference"], before={"theme": current["theme"]},
                 after={"theme": theme_id}, office_id=c["office"])
