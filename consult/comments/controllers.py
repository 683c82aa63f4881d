"""Pages of comments: a section with its comments and form, submitting, a comment, supporting."""

from __future__ import annotations


from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from consult.comments import services
from consult.comments.schemas import CommentForm, FormErrors, validate_comment
from consult.consultations.schemas import SectionDetail
from consult.consultations.services import get_section
from consult.lib import clock, pagecache
from consult.lib.web import is_htmx, page_or_fragment, safe_next, supporter_digest, supporter_token
from consult.settings import get_settings
from consult.imports import services as imports
from consult.moderation import services as moderation
from consult.outcomes import services as outcomes
from consult.notifications import services as notifications
from consult.suggestions import services as suggestions

SECTION_FRAGMENTS = {"comments": "comments/_list.html", "comment-form": "comments/_form.html"}
Form = URLEncodedBody[CommentForm]


def _closed(request: Request, section: SectionDetail, form: CommentForm) -> Template:
    """The refusal of a comment outside the consultation's dates, handing the text back."""
    return page_or_fragment(
        request, "comments/closed.html", {"comment-form": "comments/_closed.html"},
        {"section": section, "c": section.consultation, "form": form}, status_code=409,
    )


class CommentPages(Controller):
    """The resident's journey from a section's text to a confirmed comment."""

    include_in_schema = False

    @get("/konsultacje/{slug:str}/sekcje/{section_id:int}", name="section")
    async def section(
        self, request: Request, slug: FromPath[str], section_id: FromPath[int], page: FromQuery[int] = 1, sort: FromQuery[str] = "newest"
    ) -> Template | Redirect | Response[str]:
        token, cookies = supporter_token(request)
        digest = supporter_digest(token)
        key = pagecache.key_for(request)
        stamp = 0
        if key is not None:
            stamp = await pagecache.current_stamp()
            kept = pagecache.lookup(key, stamp)
            # A token made just now (no cookie yet) supports nothing: no need to ask the database.
            if kept is not None and (cookies or not await services.supported_by(digest, list(kept.comment_ids))):
                return pagecache.respond(request, key, kept, cookies)
        view = await services.section_page(
            slug, section_id, page, get_settings().page_size, sort, digest, clock.now()
        )
        if view is None:
            # A link to a section of an earlier version of the draft leads to the section that continues it.
            newer = await imports.successor(section_id)
            if newer is not None and await get_section(slug, newer, clock.now()) is not None:
                return Redirect(path=f"/konsultacje/{slug}/sekcje/{newer}", status_code=301)
            raise NotFoundException()
        form = CommentForm(submission_key=services.new_submission_key())
        context = {
            "view": view, "section": view.section, "c": view.section.consultation, "form": form, "errors": FormErrors(),
        }
        page_view = page_or_fragment(request, "comments/section.html", SECTION_FRAGMENTS, context, cookies=cookies)
        if key is not None and not view.supported:
            # The same for every anonymous visitor who supports none of these comments: kept.
            return pagecache.render_and_keep(request, key, stamp, page_view, form.submission_key,
                                             [c.id for c in view.comments.items])
        return page_view

    @post("/konsultacje/{slug:str}/sekcje/{section_id:int}/uwagi", name="submit_comment")
    async def submit(self, request: Request, slug: FromPath[str], section_id: FromPath[int], data: Form) -> Template | Redirect:
        settings = get_settings()
        now = clock.now()
        section = await get_section(slug, section_id, now)
        if section is None:
            raise NotFoundException()
        if not section.consultation.summary.accepts_comments:
            return _closed(request, section, data)
        clean = validate_comment(data, section.body_text, services.new_submission_key())
        clean = notifications.check_opt_in(data, clean)
        if isinstance(clean, FormErrors):
            token, _ = supporter_token(request)
            view = await services.section_page(
                slug, section_id, 1, settings.page_size, "newest", supporter_digest(token), now
            )
            context = {"view": view, "section": section, "c": section.consultation, "form": data, "errors": clean}
            return page_or_fragment(
                request, "comments/section.html", {"comment-form": "comments/_form.html"}, context,
                status_code=422,
            )
        try:
            outcome = await services.submit_comment(
                section, clean, now, prefix=settings.reference_prefix, tz=settings.timezone
            )
        except services.CommentingClosed:
            return _closed(request, section, data)
        if outcome.created:
            suggestions.invalidate(outcome.comment.section_id)
            if notifications.wants_mail(data):
                await notifications.subscribe(outcome.comment.id, now)
        if is_htmx(request):
            token, _ = supporter_token(request)
            view = await services.section_page(
                slug, section_id, 1, settings.page_size, "newest", supporter_digest(token), now
            )
            return Template(
                template_name="comments/_submitted.html",
                context={"comment": outcome.comment, "created": outcome.created, "section": section,
                         "c": section.consultation, "view": view, "oob": True},
            )
        return Redirect(path=f"/uwagi/{outcome.comment.reference}?nowa=1", status_code=303)

    @get("/uwagi/{reference:str}", name="comment")
    async def comment(self, request: Request, reference: FromPath[str], nowa: FromQuery[int] = 0) -> Template:
        try:
            comment = await services.get_comment(reference)
        except services.CommentNotFound as exc:
            hidden = await moderation.hidden_comment(reference)
            if hidden is None:
                raise NotFoundException() from exc
            # 410 Gone: the number exists, the comment was withdrawn from public view on purpose.
            return Template("comments/hidden.html", status_code=410,
                            context={"hidden": hidden, "reasons": moderation.REASON_LABELS})
        context = {"comment": comment, "new": bool(nowa), "answer": await outcomes.answer_of(comment),
                   "change": await outcomes.change_of(comment.id)}
        return page_or_fragment(request, "comments/comment.html", {}, context)

    @post("/uwagi/{reference:str}/poparcie", name="support")
    async def support(self, request: Request, reference: FromPath[str]) -> Template | Redirect:
        token, cookies = supporter_token(request)
        form = await request.form()
        back = safe_next(str(form.get("next") or f"/uwagi/{reference}"))
        try:
            outcome = await services.support_comment(reference, supporter_digest(token), clock.now())
        except services.CommentNotFound as exc:
            raise NotFoundException() from exc
        except services.CommentingClosed:
            if is_htmx(request):
                return Template(
                    template_name="comments/_support.html", status_code=409,
                    context={"reference": reference, "count": None, "open": False, "closed": True, "back": back},
                )
            return Template(
                template_name="comments/support_closed.html", status_code=409,
                context={"reference": reference, "back": back},
            )
        if is_htmx(request):
            return Template(
                template_name="comments/_support.html",
                context={"reference": reference, "count": outcome.count, "supported": True,
                         "open": True, "back": back},
                cookies=cookies,
            )
        return Redirect(path=back, status_code=303, cookies=cookies)
