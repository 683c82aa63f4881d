"""Pages of outcomes: finding a comment by its number, and officials linking comments to draft changes."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.plugins.htmx import ClientRedirect
from litestar.response import Redirect, Template

from consult.consultations.tables import Consultation
from consult.lib import clock
from consult.lib.guards import office_reviewer, user_of
from consult.lib.web import is_htmx, page_or_fragment
from consult.outcomes import services

PANEL = "/panel/konsultacje/{slug:str}/zmiany-po-uwagach"


@dataclass
class LinkForm:
    """An official's choice: link (or unlink) this comment to its section's change."""

    reference: str = ""
    action: str = "link"  # "link" | "unlink"


class LookupPages(Controller):
    """"Znajdź swoją uwagę": a reference number leads to the comment's page."""

    include_in_schema = False

    @get("/uwagi", name="find_comment")
    async def find(self, request: Request, numer: FromQuery[str] = "") -> Template | Redirect | ClientRedirect:
        try:
            reference = await services.find_comment(numer)
        except services.LookupError_ as error:
            context = {"lookup_value": numer, "lookup_error": error.message, "example": services.example_reference()}
            # htmx swaps 422 answers (base.html's responseHandling), so the box shows the message in place.
            status = 422 if is_htmx(request) else error.status
            return page_or_fragment(request, "outcomes/lookup.html", {"lookup": "outcomes/_lookup.html"}, context,
                                    status_code=status)
        if is_htmx(request):
            return ClientRedirect(redirect_to=f"/uwagi/{reference}")
        return Redirect(path=f"/uwagi/{reference}", status_code=303)


async def _consultation(slug: str) -> dict:  # type: ignore[type-arg]
    row = await Consultation.select(Consultation.id, Consultation.slug, Consultation.title, Consultation.office).where(
        Consultation.slug == slug).first()
    if row is None:
        raise NotFoundException()
    return row


class ChangeLinkPages(Controller):
    """Officials state which accepted comments led to which change of the later draft."""

    include_in_schema = False

    async def _page(self, request: Request, slug: str, error: str = "", done: str = "", status: int = 200,
                    typed: str = "") -> Template:
        c = await _consultation(slug)
        choices = await services.link_choices(c["id"])
        return page_or_fragment(request, "outcomes/links.html", {"change-links": "outcomes/_links.html"},
                                {"c": c, "choices": choices, "error": error, "done": done, "typed": typed},
                                status_code=status)

    @get(PANEL, name="change_links", guards=[office_reviewer])
    async def page(self, request: Request, slug: FromPath[str], zapisano: FromQuery[str] = "") -> Template:
        return await self._page(request, slug, done=zapisano)

    @post(PANEL, name="change_link", guards=[office_reviewer])
    async def link(self, request: Request, slug: FromPath[str], data: URLEncodedBody[LinkForm]) -> Template | Redirect:
        c = await _consultation(slug)
        user = user_of(request)
        assert user is not None
        try:
            if data.action == "unlink":
                await services.unlink_comment(user, c["id"], c["office"], data.reference)
            else:
                await services.link_comment(user, c["id"], c["office"], data.reference, clock.now())
        except services.LinkError as error:
            # The form comes back with the number typed and the message tied to it, with htmx or without.
            return await self._page(request, slug, error=error.message, status=422,
                                    typed=data.reference if data.action != "unlink" else "")
        reference = data.reference.strip().upper()
        if is_htmx(request):
            return await self._page(request, slug, done=reference)
        return Redirect(path=f"/panel/konsultacje/{slug}/zmiany-po-uwagach?zapisano={reference}", status_code=303)
