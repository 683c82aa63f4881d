"""Similar comments under the remark being written: as the resident types (htmx) or on a button press."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Template

from consult.comments import services as comments
from consult.comments.schemas import CommentForm, FormErrors
from consult.consultations.services import get_section
from consult.lib import clock
from consult.lib.i18n import N_
from consult.lib.web import is_htmx, supporter_digest, supporter_token
from consult.settings import get_settings
from consult.suggestions import services

BASE = "/konsultacje/{slug:str}/sekcje/{section_id:int}/podobne"


@dataclass
class SimilarForm(CommentForm):
    """The comment form as it stands, and which suggested comment the resident supports (if any)."""

    support: str = ""


class SuggestionPages(Controller):
    """The comment form's "Sprawdź podobne uwagi": the fragment for htmx, the whole page without JavaScript."""

    include_in_schema = False

    async def _answer(self, request: Request, slug: str, section_id: int, form: SimilarForm, message: str = "",
                      status: int = 200, cookies: list | None = None) -> Template:  # type: ignore[type-arg]
        now = clock.now()
        section = await get_section(slug, section_id, now)
        if section is None:
            raise NotFoundException()
        token, new_cookies = supporter_token(request)
        similar = await services.similar_comments(section_id, form.remark)
        supported = await comments.supported_by(supporter_digest(token), [s.id for s in similar])
        context = {"section": section, "c": section.consultation, "form": form, "errors": FormErrors(),
                   "similar": similar, "similar_supported": supported, "similar_message": message}
        cookies = (cookies or []) + new_cookies
        if is_htmx(request):
            return Template("suggestions/_similar.html", context=context, status_code=status, cookies=cookies)
        view = await comments.section_page(slug, section_id, 1, get_settings().page_size, "newest",
                                           supporter_digest(token), now)
        return Template("comments/section.html", context={**context, "view": view}, status_code=status,
                        cookies=cookies)

    @post(BASE, name="similar_comments")
    async def similar(self, request: Request, slug: FromPath[str], section_id: FromPath[int],
                      data: URLEncodedBody[SimilarForm]) -> Template:
        return await self._answer(request, slug, section_id, data)

    @post(BASE + "/poparcie", name="similar_support")
    async def support(self, request: Request, slug: FromPath[str], section_id: FromPath[int],
                      data: URLEncodedBody[SimilarForm]) -> Template:
        """Support a suggested comment with the existing support flow, keeping the text being written."""
        reference = data.support.strip().upper()
        found = await services.similar_comments(section_id, data.remark)
        if reference not in {s.reference for s in found}:
            return await self._answer(request, slug, section_id, data,
                                      N_("That comment is not among the similar ones of this section."), 422)
        token, cookies = supporter_token(request)
        try:
            await comments.support_comment(reference, supporter_digest(token), clock.now())
        except comments.CommentNotFound:
            return await self._answer(request, slug, section_id, data,
                                      N_("That comment is not among the similar ones of this section."), 422)
        except comments.CommentingClosed:
            return await self._answer(request, slug, section_id, data,
                                      N_("This consultation is not open, so comments cannot be supported."), 409)
        return await self._answer(request, slug, section_id, data, cookies=cookies)
