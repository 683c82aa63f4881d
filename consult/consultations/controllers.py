"""Pages of consultations: the home list, a consultation, the language switch."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.datastructures import Cookie
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from consult.consultations import services
from consult.lib import clock
from consult.lib.i18n import LOCALES
from consult.lib.web import LOCALE_COOKIE, YEAR, page_or_fragment, safe_next


class ConsultationPages(Controller):
    """What a resident reads before commenting."""

    include_in_schema = False

    @get("/", name="home")
    async def home(self, request: Request) -> Template:
        consultations = await services.list_public_consultations(clock.now())
        return page_or_fragment(request, "consultations/home.html", {}, {"consultations": consultations})

    @get("/konsultacje/{slug:str}", name="consultation")
    async def consultation(self, request: Request, slug: FromPath[str]) -> Template:
        detail = await services.get_consultation(slug, clock.now())
        if detail is None:
            raise NotFoundException()
        return page_or_fragment(request, "consultations/page.html", {}, {"c": detail})

    @get("/favicon.ico", name="favicon", cache=86400)
    async def favicon(self) -> Redirect:
        """Browsers ask for /favicon.ico on pages that name no icon (the downloadable report, files)."""
        return Redirect(path="/static/favicon.svg", status_code=301)

    @get("/jezyk/{code:str}", name="language")
    async def language(self, code: FromPath[str], next: FromQuery[str | None] = None) -> Redirect:
        """Switch the interface language and go back where the reader was."""
        if code not in LOCALES:
            raise NotFoundException()
        cookie = Cookie(key=LOCALE_COOKIE, value=code, max_age=YEAR, samesite="lax", path="/")
        return Redirect(path=safe_next(next), status_code=303, cookies=[cookie])
