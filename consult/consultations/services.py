"""Use cases of reading consultations: the home list, a consultation, a section."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from piccolo.query.functions.aggregate import Count

from consult.comments.tables import Comment, CommentStatus
from consult.consultations.schemas import (
    ConsultationDetail,
    ConsultationInput,
    SectionInput,
    ConsultationSummary,
    OfficeView,
    Phase,
    SectionDetail,
    SectionNode,
)
from consult.consultations.tables import Consultation, ConsultationStatus, Document, Office, Section
from consult.lib.deadlines import ended_at
from consult.lib.text import plain_text, sanitise_html

_SUMMARY_COLUMNS = (
    Consultation.id,
    Consultation.slug,
    Consultation.title,
    Consultation.lead,
    Consultation.status,
    Consultation.opens_at,
    Consultation.closes_at,
    Consultation.closed_at,
    Consultation.is_demo,
    Consultation.moderation,
    Consultation.office.name.as_alias("office_name"),
)


def phase_of(status: str, opens_at: datetime, closes_at: datetime, now: datetime) -> Phase:
    """A resident's view of a consultation: the office's status read against the clock."""
    if status == ConsultationStatus.draft:
        return Phase.draft
    if status == ConsultationStatus.report_published:
        return Phase.reported
    if status == ConsultationStatus.closed or now >= closes_at:
        return Phase.closed
    if now < opens_at:
        return Phase.upcoming
    return Phase.open


def _summary(row: dict[str, Any], counts: dict[int, int], now: datetime) -> ConsultationSummary:
    phase = phase_of(row["status"], row["opens_at"], row["closes_at"], now)
    seconds_left = (row["closes_at"] - now).total_seconds()
    # A closed consultation lasted until it actually closed; an open one is planned until its end.
    end = ended_at(row["closes_at"], row["closed_at"]) if phase in {Phase.closed, Phase.reported} else row["closes_at"]
    return ConsultationSummary(
        id=row["id"],
        slug=row["slug"],
        title=row["title"],
        lead=row["lead"],
        office_name=row["office_name"],
        opens_at=row["opens_at"],
        closes_at=row["closes_at"],
        phase=phase,
        days_left=max(0, math.ceil(seconds_left / 86400)),
        days_total=round((end - row["opens_at"]).total_seconds() / 86400),
        comment_count=counts.get(row["id"], 0),
        is_demo=row["is_demo"],
        moderation=row["moderation"],
        closed_at=row["closed_at"],
    )


async def _published_counts_by(column: Any, where: Any) -> dict[int, int]:
    rows = await (
        Comment.select(column.as_alias("key"), Count(Comment.id).as_alias("n"))
        .where(where & (Comment.status == CommentStatus.published))
        .group_by(column)
    )
    return {row["key"]: row["n"] for row in rows}


async def list_public_consultations(now: datetime) -> list[ConsultationSummary]:
    """Every consultation a resident may see: open ones first (closing soonest first), then
    upcoming, then closed and reported (most recent first)."""
    rows = await Consultation.select(*_SUMMARY_COLUMNS).where(
        Consultation.status != ConsultationStatus.draft
    )
    counts = await _published_counts_by(Comment.consultation, Comment.id.is_not_null())
    summaries = [_summary(row, counts, now) for row in rows]
    order = {Phase.open: 0, Phase.upcoming: 1, Phase.closed: 2, Phase.reported: 2}

    def key(item: ConsultationSummary) -> tuple[int, float]:
        rank = order[item.phase]
        if item.phase is Phase.open:
            return rank, item.closes_at.timestamp()
        if item.phase is Phase.upcoming:
            return rank, item.opens_at.timestamp()
        return rank, -item.closes_at.timestamp()

    return sorted(summaries, key=key)


async def _tree(document_id: int, counts: dict[int, int] | None = None) -> list[SectionNode]:
    """The draft's sections as a tree, with the published comments of each (counted here unless given)."""
    rows = await Section.select(
        Section.id, Section.parent, Section.number, Section.title, Section.kind, Section.depth
    ).where(Section.document == document_id).order_by(Section.position)
    if counts is None:
        counts = await _published_counts_by(Comment.section, Comment.section.document == document_id)
    nodes = {
        row["id"]: SectionNode(
            id=row["id"], number=row["number"], title=row["title"], kind=row["kind"],
            depth=row["depth"], comment_count=counts.get(row["id"], 0),
        )
        for row in rows
    }
    roots: list[SectionNode] = []
    for row in rows:
        node = nodes[row["id"]]
        parent = nodes.get(row["parent"]) if row["parent"] else None
        (parent.children if parent else roots).append(node)
    return roots


async def get_consultation(slug: str, now: datetime) -> ConsultationDetail | None:
    """A public consultation with its office and the current draft's table of contents."""
    row = await (
        Consultation.select(
            *_SUMMARY_COLUMNS,
            Consultation.description_html,
            Consultation.legal_basis,
            Consultation.who_may_participate,
            Consultation.how_to_participate_html,
            Consultation.contact_name,
            Consultation.contact_email,
            Consultation.contact_phone,
            Consultation.office.id.as_alias("office_id"),
            # The office in the same query (one round trip fewer on every public page).
            Consultation.office.address.as_alias("office_address"),
            Consultation.office.email.as_alias("office_email"),
            Consultation.office.phone.as_alias("office_phone"),
            Consultation.office.website.as_alias("office_website"),
        )
        .where((Consultation.slug == slug) & (Consultation.status != ConsultationStatus.draft))
        .first()
    )
    if row is None:
        return None
    document = await (
        Document.select(Document.id, Document.title, Document.version)
        .where((Document.consultation == row["id"]) & (Document.is_current == True))  # noqa: E712
        .first()
    )
    # One count per section serves both the consultation's total (comments on the whole document,
    # with no section, included) and the table of contents.
    by_section = await _published_counts_by(Comment.section, Comment.consultation == row["id"])
    counts = {row["id"]: sum(by_section.values())}
    tree = await _tree(document["id"], by_section) if document else []
    return ConsultationDetail(
        summary=_summary(row, counts, now),
        office=OfficeView(id=row["office_id"], name=row["office_name"], address=row["office_address"],
                          email=row["office_email"], phone=row["office_phone"], website=row["office_website"]),
        description_html=row["description_html"],
        legal_basis=row["legal_basis"],
        who_may_participate=row["who_may_participate"],
        how_to_participate_html=row["how_to_participate_html"],
        contact_name=row["contact_name"],
        contact_email=row["contact_email"],
        contact_phone=row["contact_phone"],
        document_id=document["id"] if document else 0,
        document_title=document["title"] if document else "",
        document_version=document["version"] if document else 0,
        sections=tree,
    )


async def get_section(slug: str, section_id: int, now: datetime) -> SectionDetail | None:
    """A section of a public consultation's current draft, with its place in the tree."""
    consultation = await get_consultation(slug, now)
    if consultation is None:
        return None
    row = await (
        Section.select()
        .where((Section.id == section_id) & (Section.document == consultation.document_id))
        .first()
    )
    if row is None:
        return None
    flat = consultation.flat_sections()
    index = next(i for i, node in enumerate(flat) if node.id == section_id)
    by_id = {node.id: node for node in flat}
    trail: list[SectionNode] = []
    parent_id = row["parent"]
    parents = {node.id: None for node in flat}
    for node in flat:
        for child in node.children:
            parents[child.id] = node.id
    while parent_id:
        trail.insert(0, by_id[parent_id])
        parent_id = parents.get(parent_id)
    node = flat[index]
    return SectionDetail(
        id=row["id"],
        number=row["number"],
        title=row["title"],
        kind=row["kind"],
        body_html=row["body_html"],
        body_text=row["body_text"],
        document_version=consultation.document_version,
        consultation=consultation,
        trail=trail,
        children=node.children,
        previous=flat[index - 1] if index > 0 else None,
        next=flat[index + 1] if index + 1 < len(flat) else None,
        comment_count=node.comment_count,
    )


async def ensure_office(name: str, address: str = "", email: str = "", phone: str = "", website: str = "") -> int:
    """The id of the office with this name, created if it does not exist yet."""
    row = await Office.select(Office.id).where(Office.name == name).first()
    if row:
        return row["id"]
    inserted = await Office.insert(
        Office(name=name, address=address, email=email, phone=phone, website=website)
    ).returning(Office.id)
    return inserted[0]["id"]


async def create_consultation(data: ConsultationInput) -> int:
    """Store a new consultation (its draft comes with `create_document`); returns its id."""
    if data.closes_at <= data.opens_at:
        raise ValueError("a consultation must close after it opens")
    inserted = await Consultation.insert(
        Consultation(
            slug=data.slug, title=data.title, office=data.office_id, lead=data.lead,
            description_html=sanitise_html(data.description_html), legal_basis=data.legal_basis,
            who_may_participate=data.who_may_participate,
            how_to_participate_html=sanitise_html(data.how_to_participate_html),
            status=data.status, opens_at=data.opens_at, closes_at=data.closes_at,
            contact_name=data.contact_name, contact_email=data.contact_email,
            contact_phone=data.contact_phone, moderation=data.moderation, is_demo=data.is_demo,
        )
    ).returning(Consultation.id)
    return inserted[0]["id"]


async def create_document(
    consultation_id: int, title: str, sections: list[SectionInput], note: str = ""
) -> int:
    """Store a new version of a consultation's draft and make it the current one."""
    async with Document._meta.db.transaction():
        latest = await (
            Document.select(Document.version)
            .where(Document.consultation == consultation_id)
            .order_by(Document.version, ascending=False)
            .first()
        )
        await Document.update({Document.is_current: False}).where(Document.consultation == consultation_id)
        inserted = await Document.insert(
            Document(consultation=consultation_id, version=(latest["version"] + 1) if latest else 1,
                     title=title, note=note, is_current=True)
        ).returning(Document.id)
        document_id = inserted[0]["id"]
        position = 0

        async def store(nodes: list[SectionInput], parent: int | None, depth: int) -> None:
            nonlocal position
            for node in nodes:
                body = sanitise_html(node.body_html)
                row = await Section.insert(
                    Section(document=document_id, parent=parent, kind=node.kind, number=node.number,
                            title=node.title, body_html=body, body_text=plain_text(body),
                            position=position, depth=depth)
                ).returning(Section.id)
                position += 1
                await store(node.children, row[0]["id"], depth + 1)

        await store(sections, None, 0)
    return document_id


async def office_of(slug: str) -> int | None:
    """The office responsible for a consultation, whatever its status."""
    row = await Consultation.select(Consultation.office).where(Consultation.slug == slug).first()
    return row["office"] if row else None
