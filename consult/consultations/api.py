"""JSON API (read) of consultations and their sections under /api/v1."""

from __future__ import annotations

from datetime import datetime

import msgspec
from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.openapi.datastructures import ResponseSpec

from consult.consultations import services
from consult.consultations.schemas import ConsultationDetail, ConsultationSummary, SectionDetail
from consult.lib import clock


class ErrorOut(msgspec.Struct):
    status_code: int
    detail: str


NOT_FOUND = {404: ResponseSpec(data_container=ErrorOut, description="No such consultation or section")}


class ConsultationOut(msgspec.Struct):
    slug: FromPath[str]
    title: str
    lead: str
    office: str
    opens_at: datetime
    closes_at: datetime
    phase: str
    accepts_comments: bool
    days_left: int
    comment_count: int
    url: str
    # When comments actually stopped: the office's early close, else the planned end (closes_at).
    ended_at: datetime | None
    closed_early: bool


class SectionOut(msgspec.Struct):
    id: int
    number: str
    title: str
    kind: str
    depth: int
    parent_id: int | None
    comment_count: int


class ConsultationDetailOut(ConsultationOut):
    office_address: str
    legal_basis: str
    who_may_participate: str
    document_title: str
    document_version: int
    sections: list[SectionOut]


class SectionDetailOut(SectionOut):
    consultation: str
    body_html: str
    body_text: str
    document_version: int


def consultation_out(s: ConsultationSummary) -> ConsultationOut:
    return ConsultationOut(
        slug=s.slug, title=s.title, lead=s.lead, office=s.office_name, opens_at=s.opens_at,
        closes_at=s.closes_at, phase=s.phase.value, accepts_comments=s.accepts_comments,
        days_left=s.days_left, comment_count=s.comment_count, url=f"/konsultacje/{s.slug}",
        ended_at=s.ends_at if s.phase.value in {"closed", "reported"} else None,
        closed_early=s.closed_early and s.phase.value in {"closed", "reported"},
    )


def sections_out(detail: ConsultationDetail) -> list[SectionOut]:
    out: list[SectionOut] = []

    def walk(nodes: list, parent: int | None) -> None:  # type: ignore[type-arg]
        for n in nodes:
            out.append(SectionOut(id=n.id, number=n.number, title=n.title, kind=n.kind, depth=n.depth,
                                  parent_id=parent, comment_count=n.comment_count))
            walk(n.children, n.id)

    walk(detail.sections, None)
    return out


def section_out(s: SectionDetail) -> SectionDetailOut:
    return SectionDetailOut(
        id=s.id, number=s.number, title=s.title, kind=s.kind, depth=len(s.trail),
        parent_id=s.trail[-1].id if s.trail else None, comment_count=s.comment_count,
        consultation=s.consultation.summary.slug, body_html=s.body_html, body_text=s.body_text,
        document_version=s.document_version,
    )


class ConsultationsApi(Controller):
    """Read-only access to public consultations and their drafts."""

    path = "/api/v1/consultations"
    tags = ["consultations"]

    @get("/", summary="Public consultations, open ones first")
    async def list_consultations(self) -> list[ConsultationOut]:
        return [consultation_out(s) for s in await services.list_public_consultations(clock.now())]

    @get("/{slug:str}", summary="One consultation with its table of contents", responses=NOT_FOUND)
    async def get_consultation(self, slug: FromPath[str]) -> ConsultationDetailOut:
        detail = await services.get_consultation(slug, clock.now())
        if detail is None:
            raise NotFoundException("No such consultation")
        base = consultation_out(detail.summary)
        return ConsultationDetailOut(
            **msgspec.structs.asdict(base), office_address=detail.office.address,
            legal_basis=detail.legal_basis, who_may_participate=detail.who_may_participate,
            document_title=detail.document_title, document_version=detail.document_version,
            sections=sections_out(detail),
        )

    @get("/{slug:str}/sections", summary="Sections of the current draft in reading order", responses=NOT_FOUND)
    async def list_sections(self, slug: FromPath[str]) -> list[SectionOut]:
        detail = await services.get_consultation(slug, clock.now())
        if detail is None:
            raise NotFoundException("No such consultation")
        return sections_out(detail)

    @get("/{slug:str}/sections/{section_id:int}", summary="One section with its text", responses=NOT_FOUND)
    async def get_section(self, slug: FromPath[str], section_id: FromPath[int]) -> SectionDetailOut:
        section = await services.get_section(slug, section_id, clock.now())
        if section is None:
            raise NotFoundException("No such section")
        return section_out(section)
