"""Pages of moderation (officials of the office), residents' flags, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, get, post
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from consult.audit.services import entries_for, may_read
from consult.lib import clock
from consult.lib.guards import office_head, office_reviewer, staff, user_of
from consult.lib.pagination import Page
from consult.lib.web import supporter_digest, supporter_token
from consult.moderation import services


@dataclass
class DecisionForm:
    reason: str = ""
    note: str = ""


@dataclass
class FlagForm:
    reason: str = ""
    note: str = ""


@dataclass
class ModeForm:
    mode: str = ""


def _fail(error: services.ModerationError) -> HTTPException:
    return NotFoundException() if error.status == 404 else HTTPException(status_code=error.status, detail=error.message)


class ModerationPages(Controller):
    """The moderation queue of one consultation."""

    include_in_schema = False

    @get("/panel/konsultacje/{slug:str}/moderacja", name="moderation", guards=[office_reviewer])
    async def page(self, request: Request, slug: FromPath[str]) -> Template:
        try:
            view = await services.queue(slug)
        except services.ModerationError as error:
            raise _fail(error) from error
        user = user_of(request)
        return Template("moderation/page.html", context={"q": view, "slug": slug, "reasons": services.REASON_LABELS,
                                                         "may_switch": bool(user) and user.is_admin or bool(user and "office_head" in user.roles.values())})

    @post("/panel/konsultacje/{slug:str}/moderacja/{comment_id:int}/{action:str}", name="moderation_decide",
          guards=[office_reviewer])
    async def decide(self, request: Request, slug: FromPath[str], comment_id: FromPath[int], action: FromPath[str],
                     data: URLEncodedBody[DecisionForm]) -> Redirect:
        try:
            await services.decide(user_of(request), slug, comment_id, action, data.reason, data.note, now=clock.now())  # type: ignore[arg-type]
        except services.ModerationError as error:
            raise _fail(error) from error
        return Redirect(path=f"/panel/konsultacje/{slug}/moderacja", status_code=303)

    @post("/panel/konsultacje/{slug:str}/moderacja-tryb", name="moderation_mode", guards=[office_head])
    async def mode(self, request: Request, slug: FromPath[str], data: URLEncodedBody[ModeForm]) -> Redirect:
        try:
            await services.set_mode(user_of(request), slug, data.mode)  # type: ignore[arg-type]
        except services.ModerationError as error:
            raise _fail(error) from error
        return Redirect(path=f"/panel/konsultacje/{slug}/moderacja", status_code=303)


class FlagPages(Controller):
    """A resident reports a comment that breaks the rules."""

    include_in_schema = False

    @get("/uwagi/{reference:str}/zgloszenie", name="flag")
    async def form(self, reference: FromPath[str]) -> Template:
        return Template("moderation/flag.html", context={"reference": reference, "reasons": services.REASON_LABELS,
                                                         "form": FlagForm()})

    @post("/uwagi/{reference:str}/zgloszenie")
    async def flag(self, request: Request, reference: FromPath[str], data: URLEncodedBody[FlagForm]) -> Template:
        user = user_of(request)
        token, cookies = supporter_token(request)
        reporter = f"u{user.id}" if user else supporter_digest(token)
        try:
            new = await services.flag(reference, data.reason, data.note, reporter, clock.now())
        except services.ModerationError as error:
            if error.status == 404:
                raise NotFoundException() from error
            return Template("moderation/flag.html", status_code=400, context={
                "reference": reference, "reasons": services.REASON_LABELS, "form": data, "error": error.message})
        return Template("moderation/flag.html", cookies=cookies,
                        context={"reference": reference, "done": True, "new": new, "reasons": services.REASON_LABELS})


class AuditPages(Controller):
    """The audit log for office heads and administrators."""

    include_in_schema = False

    @get("/panel/dziennik", name="audit", guards=[staff])
    async def page(self, request: Request, page: FromQuery[int] = 1, action: FromQuery[str] = "") -> Template:
        user = user_of(request)
        if user is None or not may_read(user):
            raise PermissionDeniedException()
        rows, total = await entries_for(user, page, action[:64])
        return Template("audit/page.html", context={"entries": Page(items=rows, page=max(1, page), per_page=50, total=total),
                                                    "action": action})
