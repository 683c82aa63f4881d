"""Use cases of the report: build its model, keep the office's additions, publish versions, serve them."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments.schemas import ORGANISATION_KINDS, public_name
from consult.comments.tables import Comment, CommentStatus
from consult.consultations.tables import Consultation, ConsultationStatus, Document, Office, Section
from consult.lib import i18n
from consult.lib.i18n import N_
from consult.lib.i18n import gettext as _
from consult.lib.templating import LANGUAGE_LABELS, POSITIONS, SENTIMENTS, SUBMITTER_KINDS, language_name
from consult.reports import redaction
from consult.reports.model import (
    CampaignGroup,
    Change,
    CommentRow,
    Count,
    Facts,
    HiddenComment,
    Report,
    SectionPart,
    Statistics,
    ThemeEntry,
    VersionInfo,
)
from consult.reports.tables import ReportFacts, ReportFile, ReportVersion, SectionResponse
from consult.review.schemas import SummaryLine, summary_lines
from consult.review.tables import Campaign, CommentAnalysis, Position, Theme
from consult.settings import get_settings
from consult.lib.deadlines import Deadline, days_open, deadline, ended_at, local, report_due  # noqa: F401  (re-exported)
from nlp.redaction import redact

HIDE_REASONS: dict[str, str] = {
    "offensive": N_("vulgar or offensive"),
    "personal_data": N_("personal data of others"),
    "off_topic": N_("not about the consultation"),
    "spam": N_("advertising or spam"),
    "duplicate": N_("duplicate"),
}
NO_POSITION = N_("no position")
PRIVATE_PERSON = N_("private person")


class ReportError(Exception):
    """A refused report action; `message` is a message id, `status` the HTTP status to answer."""

    def __init__(self, message: str, status: int = 409, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.missing = missing or []


# ---------------------------------------------------------------- dates


_local = local


# ---------------------------------------------------------------- the office's additions


async def consultation_row(slug: str) -> dict[str, Any]:
    """The consultation's id, office, status and dates; ReportError 404 when there is none."""
    row = await Consultation.select(
        Consultation.id, Consultation.slug, Consultation.title, Consultation.office, Consultation.status,
        Consultation.opens_at, Consultation.closes_at, Consultation.closed_at, Consultation.report_published_at,
    ).where(Consultation.slug == slug).first()
    if row is None:
        raise ReportError(N_("Page not found."), 404)
    row["ends_at"] = ended_at(row["closes_at"], row["closed_at"])
    return row


async def facts_of(consultation_id: int) -> dict[str, str]:
    """The facts the office adds to the report (empty strings until filled in)."""
    row = await ReportFacts.select(ReportFacts.form, ReportFacts.announced, ReportFacts.summary).where(
        ReportFacts.consultation == consultation_id).first()
    return row or {"form": "", "announced": "", "summary": ""}


async def responses_of(consultation_id: int) -> dict[int, str]:
    """section id → the office's overall response to that section's comments."""
    rows = await SectionResponse.select(SectionResponse.section, SectionResponse.text).where(
        SectionResponse.consultation == consultation_id)
    return {r["section"]: r["text"] for r in rows}


async def save_additions(user: CurrentUser, slug: str, facts: dict[str, str], responses: dict[int, str],
                         now: datetime) -> None:
    """Store the report's facts and per-section responses written by the office (audited)."""
    c = await consultation_row(slug)
    clean = {k: (facts.get(k) or "").replace("\r\n", "\n").strip()[:5000] for k in ("form", "announced", "summary")}
    before = await facts_of(c["id"])
    if await ReportFacts.exists().where(ReportFacts.consultation == c["id"]):
        await ReportFacts.update({ReportFacts.form: clean["form"], ReportFacts.announced: clean["announced"],
                                  ReportFacts.summary: clean["summary"], ReportFacts.updated_at: now}).where(
            ReportFacts.consultation == c["id"])
    else:
        await ReportFacts.insert(ReportFacts(consultation=c["id"], updated_at=now, **clean))
    sections = {r["id"] for r in await Section.select(Section.id).where(
        Section.document.consultation == c["id"])}
    for section_id, text in responses.items():
        if section_id not in sections:
            continue
        key = f"{c['id']}:{section_id}"
        text = text.replace("\r\n", "\n").strip()[:5000]
        if await SectionResponse.exists().where(SectionResponse.key == key):
            await SectionResponse.update({SectionResponse.text: text, SectionResponse.updated_at: now}).where(
                SectionResponse.key == key)
        else:
            await SectionResponse.insert(SectionResponse(consultation=c["id"], section=section_id, key=key,
                                                         text=text, updated_at=now))
    await record(user, "report.facts", "consultation", slug, before=dict(before), after=clean,
                 office_id=c["office"])


# ---------------------------------------------------------------- the model


def _submitter(kind: str, name: str, show_name: bool) -> str:
    """The submitter as the report names them: by the rule of the public pages (`public_name`)."""
    shown = public_name(kind, name, show_name)
    if shown:
        return shown
    return _(SUBMITTER_KINDS.get(kind, kind)) if kind in ORGANISATION_KINDS else _(PRIVATE_PERSON)


def _position(value: str) -> str:
    """The position's label in the current locale ("" or an unknown value: no position)."""
    return _(POSITIONS.get(value, NO_POSITION))


def _counts(counter: Counter[str], labels: dict[str, str] | None = None) -> list[Count]:
    return [Count(key=k, label=_(labels[k]) if labels and k in labels
                  else language_name(k) if labels is LANGUAGE_LABELS else k, count=n)
            for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def _redacted(text: str) -> str:
    return redact(text)[0] if text else text


def _sentence(line: SummaryLine) -> str:
    """A summary sentence for the report, redacted; one in another language marked with it: "… (angielski)"."""
    text = _redacted(line.text)
    return f"{text} ({_(LANGUAGE_LABELS.get(line.language, LANGUAGE_LABELS['other']))})" if line.language else text


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


async def _changes(consultation_id: int) -> tuple[dict[str, list[Change]], int, dict[int, str], list[dict[str, Any]]]:
    """Per current section key: what changed since the first version; also the number of versions,
    section id → key for every version's sections, and the current sections in reading order."""
    documents = await Document.select(Document.id, Document.version, Document.is_current).where(
        Document.consultation == consultation_id).order_by(Document.version)
    if not documents:
        return {}, 0, {}, []
    current = next((d for d in documents if d["is_current"]), documents[-1])
    first = documents[0]
    rows = await Section.select(Section.id, Section.document, Section.number, Section.title, Section.body_text,
                                Section.depth, Section.position).where(
        Section.document.is_in([d["id"] for d in documents])).order_by(Section.position)
    key_of = {r["id"]: f"{r['number']}|{r['title']}" for r in rows}
    now_rows = [r for r in rows if r["document"] == current["id"]]
    changes: dict[str, list[Change]] = defaultdict(list)
    if first["id"] != current["id"]:
        old = {key_of[r["id"]]: r for r in rows if r["document"] == first["id"]}
        new = {key_of[r["id"]]: r for r in now_rows}
        for key, r in new.items():
            label = f"{r['number']} {r['title']}".strip()
            if key not in old:
                changes[key].append(Change("added", label))
            elif old[key]["body_text"] != r["body_text"]:
                changes[key].append(Change("changed", label))
        # A removed section has no place in the current draft: it is listed under the report's first part.
        for key, r in old.items():
            if key not in new:
                changes[""].append(Change("removed", f"{r['number']} {r['title']}".strip()))
    return changes, len(documents), key_of, now_rows


def _campaign_group(number: int, campaign: dict[str, Any] | None, key: int, members: list[dict[str, Any]],
                    positions: dict[int, dict[str, Any]], texts: dict[int, dict[str, str]]) -> CampaignGroup:
    """A form letter as the report states it: text, copies, wordings and the office's position on it."""
    given = [positions[m["id"]] for m in members if m["id"] in positions]
    decided = Counter(p["value"] for p in given)
    value, justification = "", ""
    # The office answers a form letter once: copies without a position of their own (say, sent after
    # the letter was answered) take the one all the others got, with its most frequent justification
    # (the first copy's on a tie); only differing positions are "mixed".
    if len(decided) == 1:
        value = next(iter(decided))
        justification = Counter(p["justification"] for p in given).most_common(1)[0][0]
    elif given:
        value = "mixed"
    first = members[0]
    # The text as the analysis found it, else the first copy's (both with personal data redacted).
    template = _redacted((campaign or {}).get("template") or (texts.get(first["id"]) or {}).get("remark")
                         or first["remark"] or "")
    variants = (campaign or {}).get("variants") or []
    return CampaignGroup(
        key=(campaign or {}).get("key") or str(key), size=len(members), number=number,
        references=[x["reference"] or "" for x in members], template=template,
        variants=len(variants) if isinstance(variants, list) else 0, position=value,
        position_label=_(N_("different positions")) if value == "mixed" else _position(value),
        position_justification=_redacted(justification),
        positions=[Count(k, _position(k), n) for k, n in Counter(
            (positions[m["id"]]["value"] if m["id"] in positions else "missing") for m in members).most_common()],
    )


async def build_report(slug: str, now: datetime, *, version: VersionInfo | None = None) -> Report:
    """The report of a consultation as the database holds it now, labels in the current locale."""
    c = await Consultation.select(
        Consultation.id, Consultation.slug, Consultation.title, Consultation.legal_basis,
        Consultation.who_may_participate, Consultation.opens_at, Consultation.closes_at, Consultation.closed_at,
        Consultation.office.id.as_alias("office_id"),
    ).where(Consultation.slug == slug).first()
    if c is None:
        raise ReportError(N_("Page not found."), 404)
    cid = c["id"]
    office = await Office.select(Office.name, Office.address).where(Office.id == c["office_id"]).first()
    additions = await facts_of(cid)
    changes, n_versions, key_of, current_sections = await _changes(cid)
    document = await Document.select(Document.title).where(
        (Document.consultation == cid) & (Document.is_current == True)).first()  # noqa: E712
    await redaction.suggest_missing(cid)
    texts = await redaction.published_texts(cid)

    comments = await Comment.select(
        Comment.id, Comment.section, Comment.reference, Comment.quote_text, Comment.remark, Comment.proposal,
        Comment.justification, Comment.submitter_kind, Comment.submitter_name, Comment.show_name, Comment.email,
        Comment.language, Comment.status, Comment.support_count, Comment.hidden_reason, Comment.created_at,
        Comment.section.number.as_alias("s_number"), Comment.section.title.as_alias("s_title"),
    ).where(Comment.consultation == cid).order_by(Comment.created_at).order_by(Comment.id)
    analysis = {r["comment"]: r for r in await CommentAnalysis.select(
        CommentAnalysis.comment, CommentAnalysis.sentiment, CommentAnalysis.language, CommentAnalysis.campaign,
    ).where(CommentAnalysis.consultation == cid)}
    positions = {r["comment"]: r for r in await Position.select(
        Position.comment, Position.value, Position.justification).where(Position.consultation == cid)}
    campaigns = {r["id"]: r for r in await Campaign.select(
        Campaign.id, Campaign.key, Campaign.size, Campaign.template, Campaign.variants).where(
        Campaign.consultation == cid).output(load_json=True)}
    themes = await Theme.select(
        Theme.section, Theme.label, Theme.label_override, Theme.key_phrases, Theme.summary, Theme.size,
        Theme.is_other,
    ).where((Theme.consultation == cid) & Theme.merged_into.is_null()).order_by(Theme.is_other).order_by(
        Theme.size, ascending=False)
    responses = await responses_of(cid)
    from consult.outcomes.services import change_text, changes_of

    changed = await changes_of(cid)

    published = [r for r in comments if r["status"] == CommentStatus.published.value]
    hidden = [r for r in comments if r["status"] == CommentStatus.hidden.value]
    current_ids = {r["id"]: r for r in current_sections}
    by_key = {key_of[r["id"]]: r["id"] for r in current_sections}
    order = {r["id"]: r["position"] for r in current_sections}

    def home(row: dict[str, Any]) -> int | None:
        """The current section a comment belongs to (comments on an older draft follow number and title)."""
        if row["section"] in current_ids:
            return row["section"]
        return by_key.get(key_of.get(row["section"], f"{row['s_number']}|{row['s_title']}"))

    homes = {r["id"]: home(r) for r in published}
    published.sort(key=lambda r: (order.get(homes[r["id"]] or -1, 10**9), r["created_at"], r["id"]))

    # Participants are approximated: one per distinct e-mail, else per distinct name, else per comment.
    people: set[str] = set()
    for r in published:
        email, name = (r["email"] or "").strip().casefold(), (r["submitter_name"] or "").strip().casefold()
        people.add(f"e:{email}" if email else f"n:{r['submitter_kind']}:{name}" if name else f"c:{r['id']}")

    def language(r: dict[str, Any]) -> str:
        return r["language"] or (analysis.get(r["id"]) or {}).get("language") or "?"

    position_counts: Counter[str] = Counter(
        (positions[r["id"]]["value"] if r["id"] in positions else "missing") for r in published)
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in published:
        campaign = (analysis.get(r["id"]) or {}).get("campaign")
        if campaign:
            members[campaign].append(r)
    group_of = {k: _campaign_group(i, campaigns.get(k), k, m, positions, texts)
                for i, (k, m) in enumerate(sorted(members.items(), key=lambda kv: -len(kv[1])), start=1)}
    groups = list(group_of.values())
    by_day: Counter[date] = Counter(_local(r["created_at"]).date() for r in published)
    statistics = Statistics(
        comments=len(published), participants=len(people), supports=sum(r["support_count"] for r in published),
        hidden=len(hidden), pending=sum(1 for r in comments if r["status"] == CommentStatus.pending.value),
        by_section=[], by_kind=_counts(Counter(r["submitter_kind"] for r in published), SUBMITTER_KINDS),
        by_language=_counts(Counter(language(r) for r in published), LANGUAGE_LABELS),
        by_day=sorted(by_day.items()),
        positions=[Count(k, _position(k), position_counts[k])
                   for k in (*POSITIONS, "missing") if position_counts[k]],
        hidden_comments=[HiddenComment(r["reference"] or "", r["hidden_reason"],
                                       _(HIDE_REASONS.get(r["hidden_reason"], N_("other reason"))))
                         for r in hidden],
        hidden_by_reason=_counts(Counter(r["hidden_reason"] or "other" for r in hidden),
                                 {**HIDE_REASONS, "other": N_("other reason")}),
        campaigns=groups,
        changed=sum(1 for r in published if r["id"] in changed),
    )

    per_section: Counter[int | None] = Counter(homes.values())
    sentiment: dict[int | None, Counter[str]] = defaultdict(Counter)
    for r in published:
        s = (analysis.get(r["id"]) or {}).get("sentiment")
        if s:
            sentiment[homes[r["id"]]][s] += 1
    themes_of: dict[int, list[ThemeEntry]] = defaultdict(list)
    for t in themes:
        section_id = t["section"] if t["section"] in current_ids else by_key.get(key_of.get(t["section"], ""))
        if section_id is None:
            continue
        themes_of[section_id].append(ThemeEntry(
            label=_redacted(t["label_override"] or t["label"]), size=t["size"],
            summary=[_sentence(line) for line in summary_lines(_json(t["summary"]))],
            key_phrases=[_redacted(p) for p in _json(t["key_phrases"]) or []], is_other=t["is_other"]))
    sections = [
        SectionPart(id=s["id"], number=s["number"], title=s["title"], depth=s["depth"], comments=per_section[s["id"]],
                    sentiment=_counts(sentiment[s["id"]], SENTIMENTS), themes=themes_of.get(s["id"], []),
                    response=responses.get(s["id"], ""),
                    changes=changes.get(key_of[s["id"]], []) + (changes.get("", []) if i == 0 else []))
        for i, s in enumerate(current_sections)
    ]
    statistics.by_section = [Count(str(s.id), s.label, s.comments) for s in sections if s.comments]
    if per_section[None]:
        statistics.by_section.append(Count("", _(N_("sections no longer in the draft")), per_section[None]))

    rows: list[CommentRow] = []
    grouped: set[int] = set()
    for r in published:
        if r["id"] in grouped:
            continue
        t = texts.get(r["id"]) or redaction.suggest(r)[1]
        p = positions.get(r["id"])
        campaign = (analysis.get(r["id"]) or {}).get("campaign")
        group = members.get(campaign, []) if campaign else []
        if len(group) > 1:
            grouped.update(x["id"] for x in group)
        letter = group_of.get(campaign) if len(group) > 1 else None
        if letter is not None and letter.position and letter.position != "mixed":
            # The row stands for every copy: it carries the office's position on the form letter.
            p = {"value": letter.position, "justification": letter.position_justification}
        section_id = homes[r["id"]]
        section = current_ids.get(section_id) if section_id else None
        label = (f"{section['number']} {section['title']}" if section else f"{r['s_number']} {r['s_title']}").strip()
        rows.append(CommentRow(
            lp=len(rows) + 1, reference=r["reference"] or "", section=label, quote=r["quote_text"] or "",
            remark=t.get("remark", ""), proposal=t.get("proposal", ""), justification=t.get("justification", ""),
            submitter=_submitter(r["submitter_kind"], r["submitter_name"] or "", r["show_name"]),
            submitter_kind=r["submitter_kind"], created=_local(r["created_at"]).date(), supports=r["support_count"],
            position=p["value"] if p else "",
            position_label=(letter.position_label if letter is not None and letter.position else
                            _position(p["value"] if p else "")),
            position_justification=(", ".join(f"{k.label}: {k.count}" for k in letter.positions)
                                    if letter is not None and letter.position == "mixed" else
                                    p["justification"] if p else ""),
            campaign_size=len(group) if len(group) > 1 else 0,
            campaign_references=[x["reference"] or "" for x in group] if len(group) > 1 else [],
            campaign_number=letter.number if letter is not None else 0,
            campaign_variants=letter.variants if letter is not None else 0,
            change=change_text(changed[r["id"]]) if r["id"] in changed else "",
        ))

    end = ended_at(c["closes_at"], c["closed_at"])  # what the report states: the actual close
    facts = Facts(
        slug=c["slug"], title=c["title"], office_name=office["name"], office_address=office["address"],
        legal_basis=c["legal_basis"], who_may_participate=c["who_may_participate"], form=additions["form"],
        announced=additions["announced"], summary=additions["summary"], opens_at=c["opens_at"],
        closes_at=end, days_open=days_open(c["opens_at"], end),
        report_due=report_due(end), document_title=document["title"] if document else "",
        document_versions=n_versions, planned_closes_at=c["closes_at"], closed_early=end < c["closes_at"],
    )
    return Report(facts=facts, statistics=statistics, sections=sections, comments=rows, generated_at=now,
                  version=version)


# ---------------------------------------------------------------- publication


async def missing_positions(consultation_id: int) -> list[str]:
    """References of published comments that have no position of the office yet."""
    with_position = Position.select(Position.comment).where(Position.consultation == consultation_id)
    rows = await Comment.select(Comment.reference).where(
        (Comment.consultation == consultation_id) & (Comment.status == CommentStatus.published)
        & Comment.id.not_in(with_position)).order_by(Comment.id)
    return [r["reference"] or "" for r in rows]


@dataclass(slots=True)
class StoredFile:
    """A format of a published version as stored."""

    format: str
    media_type: str
    sha256: str
    size: int


@dataclass(slots=True)
class VersionView:
    """A published version as its list shows it."""

    number: int
    published_at: datetime
    published_by: str
    change_note: str
    missing: int
    files: list[StoredFile]


def _may_publish(status: str, closes_at: datetime, now: datetime) -> bool:
    return status in {ConsultationStatus.closed.value, ConsultationStatus.report_published.value} or (
        status == ConsultationStatus.open.value and now >= closes_at)


async def publish(user: CurrentUser, slug: str, change_note: str, confirm_missing: bool, now: datetime) -> int:
    """Publish a new version of the report: every format rendered once and stored; returns its number.

    Refused before the consultation closes, while suggested redactions wait for an official, for a
    correction without a change note, and while comments have no position unless the head confirms them.
    """
    c, number, note, missing = await check_publication(slug, change_note, confirm_missing, now)
    return await _render_and_store(user, slug, c, number, note, missing, now)


async def check_publication(slug: str, change_note: str, confirm_missing: bool,
                            now: datetime) -> tuple[dict[str, Any], int, str, list[str]]:
    """What publishing now would be: (the consultation, the next version's number, the change note, the
    comments without a position); raises ReportError when it may not be published."""
    c = await consultation_row(slug)
    if not _may_publish(c["status"], c["ends_at"], now):
        raise ReportError(N_("The report can be published only after the consultation closes."))
    latest = await ReportVersion.select(ReportVersion.number).where(
        ReportVersion.consultation == c["id"]).order_by(ReportVersion.number, ascending=False).first()
    number = latest["number"] + 1 if latest else 1
    note = change_note.replace("\r\n", "\n").strip()[:2000]
    if number > 1 and not note:
        raise ReportError(N_("Say what this correction changes."), 400)
    await redaction.suggest_missing(c["id"])
    if await redaction.pending_count(c["id"]):
        raise ReportError(N_("Some comments have suggested redactions of personal data that no official has confirmed yet."))
    missing = await missing_positions(c["id"])
    if missing and not confirm_missing:
        raise ReportError(N_("Some comments have no position of the office yet."), missing=missing)
    return c, number, note, missing


async def _render_and_store(user: CurrentUser, slug: str, c: dict[str, Any], number: int, note: str,
                            missing: list[str], now: datetime) -> int:
    """Render every format and store them as version `number` in one transaction."""
    from consult.reports.formats import render_all

    info = VersionInfo(number=number, published_at=now, published_by=user.display_name, change_note=note,
                       missing_positions=missing)
    token = i18n.set_locale("pl")  # an official Polish document, whatever the head's interface language
    try:
        report = await build_report(slug, now, version=info)
        # Rendering (the PDF above all) is CPU work: keep the event loop serving other requests.
        files = await asyncio.to_thread(render_all, report)
    finally:
        i18n.reset_locale(token)
    async with ReportVersion._meta.db.transaction():
        inserted = await ReportVersion.insert(ReportVersion(
            consultation=c["id"], number=number, key=f"{c['id']}:{number}", change_note=note,
            missing_positions=missing, published_by=user.id, published_by_name=user.display_name, published_at=now,
        )).returning(ReportVersion.id)
        version_id = inserted[0]["id"]
        for fmt, (content, media_type) in files.items():
            await ReportFile.insert(ReportFile(
                version=version_id, format=fmt, key=f"{version_id}:{fmt}", media_type=media_type, content=content,
                sha256=hashlib.sha256(content).hexdigest(), size=len(content)))
        update: dict[Any, Any] = {Consultation.status: ConsultationStatus.report_published.value}
        if c["report_published_at"] is None:
            update[Consultation.report_published_at] = now
        await Consultation.update(update).where(Consultation.id == c["id"])
    await record(user, "report.publish", "consultation", slug,
                 before={"status": c["status"]},
                 after={"status": ConsultationStatus.report_published.value, "version": number, "change_note": note,
                        "missing_positions": len(missing),
                        "sha256": {fmt: hashlib.sha256(content).hexdigest() for fmt, (content, _m) in files.items()}},
                 office_id=c["office"])
    return number


async def versions(slug: str) -> list[VersionView]:
    """Every published version of a consultation's report, newest first, with its files' digests."""
    c = await consultation_row(slug)
    rows = await ReportVersion.select().where(ReportVersion.consultation == c["id"]).order_by(
        ReportVersion.number, ascending=False)
    files = await ReportFile.select(ReportFile.version, ReportFile.format, ReportFile.media_type, ReportFile.sha256,
                                    ReportFile.size).where(ReportFile.version.is_in([r["id"] for r in rows] or [-1]))
    by_version: dict[int, list[StoredFile]] = defaultdict(list)
    for f in files:
        by_version[f["version"]].append(StoredFile(f["format"], f["media_type"], f["sha256"], f["size"]))
    order = {"html": 0, "pdf": 1, "xlsx": 2, "csv": 3, "json": 4}
    return [VersionView(number=r["number"], published_at=r["published_at"], published_by=r["published_by_name"],
                        change_note=r["change_note"], missing=len(_json(r["missing_positions"]) or []),
                        files=sorted(by_version[r["id"]], key=lambda f: order.get(f.format, 9)))
            for r in rows]


async def stored_file(slug: str, number: int | None, fmt: str) -> tuple[bytes, str, str, int]:
    """The stored bytes of one format of a version (the newest when `number` is None):
    (content, media type, sha256, version number)."""
    c = await consultation_row(slug)
    query = ReportVersion.select(ReportVersion.id, ReportVersion.number).where(ReportVersion.consultation == c["id"])
    if number is not None:
        query = query.where(ReportVersion.number == number)
    version = await query.order_by(ReportVersion.number, ascending=False).first()
    if version is None:
        raise ReportError(N_("Page not found."), 404)
    row = await ReportFile.select(ReportFile.content, ReportFile.media_type, ReportFile.sha256).where(
        (ReportFile.version == version["id"]) & (ReportFile.format == fmt)).first()
    if row is None:
        raise ReportError(N_("Page not found."), 404)
    return bytes(row["content"]), row["media_type"], row["sha256"], version["number"]


@dataclass(slots=True)
class Workspace:
    """What officials see on the report page of a consultation."""

    slug: str
    title: str
    status: str
    deadline: Deadline
    facts: dict[str, str]
    sections: list[dict[str, Any]]  # id, label, depth, comments, response
    missing: list[str]
    redactions_waiting: int
    versions: list[VersionView]
    may_publish_now: bool


async def workspace(slug: str, now: datetime) -> Workspace:
    """The report page of the panel: due date, the office's additions, what blocks publication, versions."""
    c = await consultation_row(slug)
    await redaction.suggest_missing(c["id"])
    _changes_, _n, _keys, current = await _changes(c["id"])
    counts = Counter(r["section"] for r in await Comment.select(Comment.section).where(
        (Comment.consultation == c["id"]) & (Comment.status == CommentStatus.published)))
    responses = await responses_of(c["id"])
    return Workspace(
        slug=slug, title=c["title"], status=c["status"],
        deadline=deadline(c["status"], c["opens_at"], c["closes_at"], now, c["closed_at"]), facts=await facts_of(c["id"]),
        sections=[{"id": s["id"], "label": f"{s['number']} {s['title']}".strip(), "depth": s["depth"],
                   "comments": counts[s["id"]], "response": responses.get(s["id"], "")} for s in current],
        missing=await missing_positions(c["id"]), redactions_waiting=await redaction.pending_count(c["id"]),
        versions=await versions(slug), may_publish_now=_may_publish(c["status"], c["ends_at"], now),
    )
