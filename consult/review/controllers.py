"""Pages of the officials' review: dashboard, analysis progress, themes, finding comments, positions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from consult.lib import clock
from consult.lib.guards import office_reviewer, user_of
from consult.lib.i18n import gettext as _
from consult.lib.web import htmx_target, is_htmx, page_or_fragment, safe_next
from consult.review import services
from consult.review.schemas import BulkForm, PositionForm, ThemeForm

BASE = "/panel/konsultacje/{slug:str}"


def _fail(error: services.ReviewError) -> HTTPException:
    if error.status == 404:
        return NotFoundException()
    return HTTPException(status_code=error.status, detail=error.message)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


@dataclass
class _Back:
    next: str = ""


class ReviewPages(Controller):
    """The review workspace of one consultation, for its office."""

    include_in_schema = False
    guards = [office_reviewer]

    @get(BASE + "/przeglad", name="review_dashboard")
    async def dashboard(self, request: Request, slug: FromPath[str]) -> Template:
        try:
            view = await services.dashboard(slug)
        except services.ReviewError as error:
            raise _fail(error) from error
        return page_or_fragment(request, "review/dashboard.html", {"analysis-run": "review/_run.html"},
                                {"d": view, "run": view.run, "slug": slug})

    @post(BASE + "/analiza", name="review_start")
    async def start(self, request: Request, slug: FromPath[str]) -> Template | Redirect:
        try:
            run_id = await services.start_analysis(user_of(request), slug, clock.now())  # type: ignore[arg-type]
            run = await services.run_status(slug, run_id)
        except services.ReviewError as error:
            raise _fail(error) from error
        if is_htmx(request):
            return Template("review/_run.html", context={"run": run, "slug": slug})
        return Redirect(path=f"/panel/konsultacje/{slug}/przeglad", status_code=303)

    @get(BASE + "/analiza/{run_id:int}", name="review_run")
    async def run(self, request: Request, slug: FromPath[str], run_id: FromPath[int]) -> Template:
        try:
            run = await services.run_status(slug, run_id)
        except services.ReviewError as error:
            raise _fail(error) from error
        return page_or_fragment(request, "review/run.html", {"analysis-run": "review/_run.html"},
                                {"run": run, "slug": slug})

    @get(BASE + "/przeglad/sekcje/{section_id:int}", name="review_section")
    async def section(self, request: Request, slug: FromPath[str], section_id: FromPath[int]) -> Template:
        try:
            view = await services.section_review(slug, section_id)
        except services.ReviewError as error:
            raise _fail(error) from error
        return page_or_fragment(request, "review/section.html", {}, {"s": view, "slug": slug})

    @get(BASE + "/przeglad/uwagi", name="review_find")
    async def find(
        self, request: Request, slug: FromPath[str], q: FromQuery[str] = "", section: FromQuery[str] = "",
        theme: FromQuery[str] = "", position: FromQuery[str] = "", sentiment: FromQuery[str] = "",
        kind: FromQuery[str] = "", language: FromQuery[str] = "", campaign: FromQuery[str] = "",
        unassigned: FromQuery[str] = "", page: FromQuery[int] = 1,
    ) -> Template:
        filters = services.Filters(
            q=q[:200], section=_int(section), theme=_int(theme), position=position, sentiment=sentiment,
            kind=kind, language=language, campaign=_int(campaign), unassigned=unassigned == "1",
        )
        try:
            results = await services.find(slug, filters, page)
            dash = await services.dashboard(slug)
        except services.ReviewError as error:
            raise _fail(error) from error
        query = "&".join(f"{k}={v}" for k, v in request.query_params.items() if k != "page" and v)
        return page_or_fragment(request, "review/find.html", {"results": "review/_results.html"},
                                {"results": results, "f": filters, "d": dash, "slug": slug, "query": query})

    @post(BASE + "/przeglad/uwagi/{comment_id:int}/stanowisko", name="review_position")
    async def position(self, request: Request, slug: FromPath[str], comment_id: FromPath[int],
                       data: URLEncodedBody[PositionForm]) -> Template | Redirect:
        user = user_of(request)
        context: dict[str, Any] = {"slug": slug, "comment_id": comment_id, "form": data}
        try:
            outcome = await services.record_position(
                user, slug, comment_id, data.value, data.justification, _int(data.version) or 0, clock.now()  # type: ignore[arg-type]
            )
        except services.ReviewError as error:
            if error.status == 404:
                raise NotFoundException() from error
            # The form again with the message beside the field and what was typed (422: htmx swaps it).
            context["reference"] = await services.reference_of(comment_id)
            return Template("review/position_result.html" if not is_htmx(request) else "review/_position_result.html",
                            status_code=error.status, context={**context, "error": error.message,
                                                               "error_field": error.params.get("field", "")})
        if isinstance(outcome, services.Conflict):
            context["reference"] = await services.reference_of(comment_id)
            return Template("review/position_result.html" if not is_htmx(request) else "review/_position_result.html",
                            status_code=409, context={**context, "conflict": outcome})
        if is_htmx(request):
            return Template("review/_position_result.html", context={**context, "saved": True, "version": outcome})
        return Redirect(path=safe_next(data.next) if data.next else f"/panel/konsultacje/{slug}/przeglad/uwagi",
                        status_code=303)

    async def _bulk(self, request: Request, slug: str, data: BulkForm, kind: str, target_id: int) -> Template | Redirect:
        target = {"theme_id": target_id} if kind == "theme" else {"campaign_id": target_id}
        bid = data.form_id if re.fullmatch(r"bulk-(theme|campaign)-[0-9-]+", data.form_id) else f"bulk-{kind}-{target_id}"
        back = safe_next(data.next) if data.next else f"/panel/konsultacje/{slug}/przeglad"
        action = f"/panel/konsultacje/{slug}/przeglad/{'tematy' if kind == 'theme' else 'kampanie'}/{target_id}/stanowisko"
        context: dict[str, Any] = {"slug": slug, "bid": bid, "back": back, "action": action, "form": data,
                                   "label": data.label[:300] or (_("campaign") if kind == "campaign" else "")}
        try:
            outcome = await services.bulk_position(user_of(request), slug, data.value, data.justification,  # type: ignore[arg-type]
                                                   clock.now(), overwrite=data.overwrite == "1", **target)
        except services.ReviewError as error:
            if error.status == 404:
                raise NotFoundException() from error
            if error.status != 422:
                raise _fail(error) from error
            preview = await services.bulk_preview(slug, **target)
            context.update(error=error.message, error_field=error.params.get("field", ""), preview=preview)
            return Template("review/_bulk_form.html" if is_htmx(request) else "review/bulk_form.html",
                            status_code=422, context={**context, "bare": True})
        if is_htmx(request):
            return Template("review/_bulk_result.html", context={**context, "outcome": outcome})
        if outcome.batch is None:
            return Redirect(path=back, status_code=303)
        return Redirect(path=f"/panel/konsultacje/{slug}/przeglad/zbiorcze/{outcome.batch}", status_code=303)

    @post(BASE + "/przeglad/tematy/{theme_id:int}/stanowisko", name="review_theme_position")
    async def theme_position(self, request: Request, slug: FromPath[str], theme_id: FromPath[int],
                             data: URLEncodedBody[BulkForm]) -> Template | Redirect:
        return await self._bulk(request, slug, data, "theme", theme_id)

    @post(BASE + "/przeglad/kampanie/{campaign_id:int}/stanowisko", name="review_campaign_position")
    async def campaign_position(self, request: Request, slug: FromPath[str], campaign_id: FromPath[int],
                                data: URLEncodedBody[BulkForm]) -> Template | Redirect:
        return await self._bulk(request, slug, data, "campaign", campaign_id)

    @get(BASE + "/przeglad/zbiorcze/{batch:int}", name="review_bulk_batch")
    async def bulk_batch(self, request: Request, slug: FromPath[str], batch: FromPath[int]) -> Template:
        try:
            view = await services.bulk_batch(slug, batch)
        except services.ReviewError as error:
            raise _fail(error) from error
        return Template("review/bulk.html", context={"b": view, "slug": slug})

    @post(BASE + "/przeglad/zbiorcze/{batch:int}/cofnij", name="review_bulk_undo")
    async def bulk_undo(self, request: Request, slug: FromPath[str], batch: FromPath[int],
                        data: URLEncodedBody[_Back]) -> Template | Redirect:
        try:
            restored = await services.undo_bulk(user_of(request), slug, batch, clock.now())  # type: ignore[arg-type]
        except services.ReviewError as error:
            raise _fail(error) from error
        if is_htmx(request):
            return Template("review/_undo_result.html", context={"restored": restored, "bid": htmx_target(request)})
        return Redirect(path=f"/panel/konsultacje/{slug}/przeglad/zbiorcze/{batch}", status_code=303)

    async def _edit(self, slug: str, back: str, action: Any) -> Redirect:
        try:
            await action
        except services.ReviewError as error:
            raise _fail(error) from error
        return Redirect(path=safe_next(back) if back else f"/panel/konsultacje/{slug}/przeglad", status_code=303)

    @post(BASE + "/przeglad/tematy/{theme_id:int}/nazwa", name="review_theme_rename")
    async def rename(self, request: Request, slug: FromPath[str], theme_id: FromPath[int],
                     data: URLEncodedBody[ThemeForm]) -> Redirect:
        return await self._edit(slug, data.next, services.rename_theme(user_of(request), slug, theme_id, data.label))  # type: ignore[arg-type]

    @post(BASE + "/przeglad/tematy/{theme_id:int}/inne", name="review_theme_other")
    async def other(self, request: Request, slug: FromPath[str], theme_id: FromPath[int],
                    data: URLEncodedBody[ThemeForm]) -> Redirect:
        return await self._edit(slug, data.next, services.mark_other(user_of(request), slug, theme_id, data.is_other == "1"))  # type: ignore[arg-type]

    @post(BASE + "/przeglad/tematy/{theme_id:int}/scal", name="review_theme_merge")
    async def merge(self, request: Request, slug: FromPath[str], theme_id: FromPath[int],
                    data: URLEncodedBody[ThemeForm]) -> Redirect:
        into = _int(data.into)
        if into is None:
            raise HTTPException(status_code=400, detail="Choose the theme to merge into.")
        return await self._edit(slug, data.next, services.merge_themes(user_of(request), slug, theme_id, into))  # type: ignore[arg-type]

    @post(BASE + "/przeglad/tematy/{theme_id:int}/podziel", name="review_theme_split")
    async def split(self, request: Request, slug: FromPath[str], theme_id: FromPath[int]) -> Redirect:
        form = await request.form()
        ids = [int(v) for v in form.getall("comment_ids") if str(v).isdigit()] if hasattr(form, "getall") else []
        label = str(form.get("label") or "")
        back = str(form.get("next") or "")
        return await self._edit(slug, back, services.split_theme(user_of(request), slug, theme_id, ids, label))  # type: ignore[arg-type]

    @post(BASE + "/przeglad/uwagi/{comment_id:int}/temat", name="review_move")
    async def move(self, request: Request, slug: FromPath[str], comment_id: FromPath[int],
                   data: URLEncodedBody[ThemeForm]) -> Redirect:
        return await self._edit(slug, data.next, services.move_comment(user_of(request), slug, comment_id, _int(data.theme)))  # type: ignore[arg-type]
