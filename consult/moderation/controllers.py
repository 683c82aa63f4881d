"""Pages of moderation (officials of the office) and residents' flags on comments."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from consult.lib import clock
from consult.lib.guards import office_head, office_reviewer, user_of
from consult.lib.web import is_htmx, page_or_fragment, supporter_digest, supporter_token
from consult.moderation import services
from consult.moderation.schemas import DecisionForm, FlagForm, ModeForm, Outcome

QUEUE_FRAGMENTS = {"queue": "moderation/_queue.html"}


def _fail(error: services.ModerationError) -> HTTPException:
    return NotFoundException() if error.status == 404 else HTTPException(status_code=error.status, detail=error.message)


async def _queue_page(request: Request, slug: str, *, done: Outcome | None = None, error: str = "",
                      form: DecisionForm | None = None, failed_id: int = 0, status_code: int = 200,
                      find: str = "") -> Template:
    """The moderation page, or for htmx only the queue it includes."""
    user = user_of(request)
    assert user is not None  # the guards let only officials through
    try:
        view = await services.queue(user, slug, find)
    except services.ModerationError as exc:
        raise _fail(exc) from exc
    context = {"q": view, "slug": slug, "reasons": services.REASON_LABELS, "done": done, "error": error,
               "form": form or DecisionForm(), "failed_id": failed_id}
    return page_or_fragment(request, "moderation/page.html", QUEUE_FRAGMENTS, context, status_code=status_code)


class ModerationPages(Controller):
    """The moderation queue of one consultation: publish, hide, restore, dismiss flags."""

    include_in_schema = False

    @get("/panel/konsultacje/{slug:str}/moderacja", name="moderation", guards=[office_reviewer])
    async def page(self, request: Request, slug: FromPath[str], zrobione: FromQuery[str] = "",
                   uwaga: FromQuery[str] = "", numer: FromQuery[str] = "") -> Template:
        done = Outcome(zrobione, uwaga[:40]) if zrobione in services.ACTIONS else None
        return await _queue_page(request, slug, done=done, find=numer)

    @post("/panel/konsultacje/{slug:str}/moderacja/{comment_id:int}/{action:str}", name="moderation_decide",
          guards=[office_reviewer])
    async def decide(self, request: Request, slug: FromPath[str], comment_id: FromPath[int], action: FromPath[str],
                     data: URLEncodedBody[DecisionForm]) -> Template | Redirect:
        user = user_of(request)
        assert user is not None
        try:
            done = await services.decide(user, slug, comment_id, action, data.reason, data.note, now=clock.now())
        except services.ModerationError as error:
            if error.status in {404, 400}:
                raise _fail(error) from error
            # The queue again with the message and what was typed; nothing has changed.
            return await _queue_page(request, slug, error=error.message, form=data, failed_id=comment_id,
                                     status_code=error.status, find=data.find.strip()[:40])
        if is_htmx(request):
            return await _queue_page(request, slug, done=done)
        return Redirect(path=f"/panel/konsultacje/{slug}/moderacja",
                        query_params={"zrobione": done.action, "uwaga": done.reference}, status_code=303)

    @post("/panel/konsultacje/{slug:str}/moderacja-tryb", name="moderation_mode", guards=[office_head])
    async def mode(self, request: Request, slug: FromPath[str], data: URLEncodedBody[ModeForm]) -> Redirect:
        user = user_of(request)
        assert user is not None
        try:
            await services.set_mode(user, slug, data.mode)
        except services.ModerationError as error:
            raise _fail(error) from error
        return Redirect(path=f"/panel/konsultacje/{slug}/moderacja", status_code=303)


class FlagPages(Controller):
    """A resident reports a comment that breaks the rules; the report reaches the moderators."""

    include_in_schema = False

    @get("/uwagi/{reference:str}/zgloszenie", name="flag")
    async def form(self, reference: FromPath[str]) -> Template:
        try:
            target = await services.flag_target(reference)
        except services.ModerationError as error:
            raise _fail(error) from error
        return Template("moderation/flag.html", context={"target": target, "reasons": services.REASON_LABELS,
                                                         "form": FlagForm()})

    @post("/uwagi/{reference:str}/zgloszenie", name="flag_send")
    async def flag(self, request: Request, reference: FromPath[str], data: URLEncodedBody[FlagForm]) -> Template:
        user = user_of(request)
        token, cookies = ("", []) if user else supporter_token(request)
        reporter = f"u{user.id}" if user else supporter_digest(token)
        try:
            target = await services.flag_target(reference)
            new = await services.flag(target.reference, data.reason, data.note, reporter, clock.now())
        except services.ModerationError as error:
            if error.status == 404:
                raise _fail(error) from error
            return Template("moderation/flag.html", status_code=error.status, context={
                "target": target, "reasons": services.REASON_LABELS, "form": data, "error": error.message})
        return Template("moderation/flag.html", cookies=cookies,
                        context={"target": target, "done": True, "new": new, "reasons": services.REASON_LABELS})
