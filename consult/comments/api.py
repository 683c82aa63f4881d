"""JSON API of comments under /api/v1: list a section's comments, submit one, look one up."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from consult.comments import services
from consult.comments.schemas import MAX_EMAIL, MAX_FIELD, MAX_NAME, CommentForm, CommentView, FormErrors, validate_comment
from consult.consultations.api import NOT_FOUND, ErrorOut
from consult.consultations.services import get_section
from consult.lib import clock
from consult.lib.i18n import gettext as _
from consult.settings import get_settings


class CommentOut(msgspec.Struct):
    reference: str
    section_id: FromPath[int]
    section: str
    consultation: str
    quote_text: str
    remark: str
    proposal: str
    justification: str
    submitter_kind: str
    submitter_name: str
    status: str
    support_count: int
    document_version: int
    created_at: datetime
    url: str


class CommentPageOut(msgspec.Struct):
    items: list[CommentOut]
    page: int
    per_page: int
    total: int
    pages: int


def _text(max_length: int, *, required: bool = False) -> msgspec.Meta:
    """A text field's limits as the schema states them; the form's own check enforces them, so that
    a breach is answered 422 with a message per field rather than a bare 400."""
    extra: dict[str, object] = {"max_length": max_length}
    if required:
        extra |= {"min_length": 1, "pattern": r"\S"}  # something besides spaces
    return msgspec.Meta(extra_json_schema={"extra": extra})


class CommentIn(msgspec.Struct):
    """A comment in the shape of the Polish comment form; only `remark` is required."""

    remark: Annotated[str, _text(MAX_FIELD, required=True)]
    proposal: Annotated[str, _text(MAX_FIELD)] = ""
    justification: Annotated[str, _text(MAX_FIELD)] = ""
    quote_text: Annotated[str, _text(MAX_FIELD)] = ""
    quote_start: int | None = None
    quote_end: int | None = None
    submitter_kind: Literal["resident", "ngo", "institution", "business", "other"] = "resident"
    submitter_name: Annotated[str, _text(MAX_NAME)] = ""
    show_name: bool = False
    email: Annotated[str, _text(MAX_EMAIL)] = ""
    submission_key: str = ""


class FormErrorOut(msgspec.Struct):
    status_code: int
    detail: str
    errors: dict[str, str]


SUBMIT_RESPONSES = {
    **NOT_FOUND,
    200: ResponseSpec(data_container=CommentOut, description="Already received: the same submission key was sent before"),
    409: ResponseSpec(data_container=ErrorOut, description="The consultation does not accept comments now"),
    422: ResponseSpec(data_container=FormErrorOut, description="The comment is not valid; messages per field"),
}


def comment_out(c: CommentView) -> CommentOut:
    visible = c.status == "published"
    return CommentOut(
        reference=c.reference, section_id=c.section_id, section=c.section_label,
        consultation=c.consultation_slug, quote_text=c.quote_text if visible else "",
        remark=c.remark if visible else "", proposal=c.proposal if visible else "",
        justification=c.justification if visible else "", submitter_kind=c.submitter_kind,
        submitter_name=c.submitter_name if visible else "", status=c.status,
        support_count=c.support_count, document_version=c.document_version,
        created_at=c.created_at, url=f"/uwagi/{c.reference}",
    )


class CommentsApi(Controller):
    """Comments of public consultations."""

    path = "/api/v1"
    tags = ["comments"]

    @get("/consultations/{slug:str}/sections/{section_id:int}/comments",
         summary="Published comments of a section", responses=NOT_FOUND)
    async def list_comments(
        self,
        slug: FromPath[str],
        section_id: FromPath[int],
        page: Annotated[int, QueryParameter(ge=1, le=100000)] = 1,
        sort: FromQuery[Literal["newest", "supported", "oldest"]] = "newest",
    ) -> CommentPageOut:
        now = clock.now()
        section = await get_section(slug, section_id, now)
        if section is None:
            raise NotFoundException("No such section")
        result = await services.list_comments(section_id, page, get_settings().page_size, sort)
        return CommentPageOut(items=[comment_out(c) for c in result.items], page=result.page,
                              per_page=result.per_page, total=result.total, pages=result.pages)

    @post("/consultations/{slug:str}/sections/{section_id:int}/comments",
          summary="Submit a comment on a section", responses=SUBMIT_RESPONSES, status_code=201)
    async def submit_comment(self, slug: FromPath[str], section_id: FromPath[int], data: JSONBody[CommentIn]) -> Response[CommentOut]:
        settings = get_settings()
        now = clock.now()
        section = await get_section(slug, section_id, now)
        if section is None:
            raise NotFoundException("No such section")
        if not section.consultation.summary.accepts_comments:
            return Response(ErrorOut(409, _("This consultation does not accept comments now.")), status_code=409)  # type: ignore[arg-type]
        form = CommentForm(
            remark=data.remark, proposal=data.proposal, justification=data.justification,
            quote_text=data.quote_text,
            quote_start="" if data.quote_start is None else str(data.quote_start),
            quote_end="" if data.quote_end is None else str(data.quote_end),
            submitter_kind=data.submitter_kind, submitter_name=data.submitter_name,
            show_name="on" if data.show_name else "", email=data.email, submission_key=data.submission_key,
        )
        clean = validate_comment(form, section.body_text, services.new_submission_key())
        if isinstance(clean, FormErrors):
            errors = {name: _(message) for name, message in clean.fields.items()}
            return Response(FormErrorOut(422, _("Please correct the form."), errors), status_code=422)  # type: ignore[arg-type]
        try:
            outcome = await services.submit_comment(
                section, clean, now, prefix=settings.reference_prefix, tz=settings.timezone
            )
        except services.CommentingClosed:
            return Response(ErrorOut(409, _("This consultation does not accept comments now.")), status_code=409)  # type: ignore[arg-type]
        return Response(comment_out(outcome.comment), status_code=201 if outcome.created else 200)

    @get("/comments/{reference:str}", summary="A comment by its reference number", responses=NOT_FOUND)
    async def get_comment(self, reference: FromPath[str]) -> CommentOut:
        try:
            return comment_out(await services.get_comment(reference))
        except services.CommentNotFound as exc:
            raise NotFoundException("No such comment") from exc
