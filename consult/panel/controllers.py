"""The officials' panel: their consultations, opening and closing them."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from consult.consultations import details
from consult.lib import clock
from consult.lib.guards import office_head, office_reviewer, staff, user_of
from consult.panel import services


@dataclass
class StatusForm:
    status: str = ""
    confirm: str = ""  # "1" once the head has read what follows


class PanelPages(Controller):
    """Where officials start."""

    include_in_schema = False

    @get("/panel", name="panel", guards=[staff])
    async def panel(self, request: Request) -> Template:
        user = user_of(request)
        assert user is not None
        rows = await services.consultations_for(user, clock.now())
        return Template("panel/page.html", context={"rows": rows, "user": user})

    async def _confirmation(self, request: Request, slug: str, status: str, code: int = 200) -> Template:
        user = user_of(request)
        assert user is not None
        try:
            preview = await services.status_preview(user, slug, status, clock.now())
        except services.PanelError as error:
            if error.message == "Page not found.":
                raise NotFoundException() from error
            rows = await services.consultations_for(user, clock.now())
            return Template("panel/page.html", status_code=403 if error.status == 403 else 409,
                            context={"rows": rows, "user": user, "error": error.message})
        return Template("panel/status.html", status_code=code, context={"p": preview})

    @get("/panel/konsultacje/{slug:str}/status", name="panel_status_confirm", guards=[office_head])
    async def confirm_status(self, request: Request, slug: FromPath[str], na: FromQuery[str] = "") -> Template:
        """Before a consultation opens, closes or reopens: what will follow, and the button that does it."""
        return await self._confirmation(request, slug, na)

    @post("/panel/konsultacje/{slug:str}/status", name="panel_status", guards=[office_head])
    async def set_status(self, request: Request, slug: FromPath[str], data: URLEncodedBody[StatusForm]) -> Template | Redirect:
        user = user_of(request)
        assert user is not None
        if data.confirm != "1":
            # Not confirmed yet (an old form, or a click past the page): say what follows first.
            return await self._confirmation(request, slug, data.status)
        try:
            await services.set_status(user, slug, data.status)
        except services.PanelError as error:
            if error.message == "Page not found.":
                raise NotFoundException() from error
            rows = await services.consultations_for(user, clock.now())
            return Template("panel/page.html", status_code=409,
                            context={"rows": rows, "user": user, "error": error.message})
        return Redirect(path="/panel", status_code=303)

    @get("/panel/konsultacje/{slug:str}/informacje", name="panel_details", guards=[office_reviewer])
    async def details_form(self, slug: FromPath[str], zapisano: FromQuery[int] = 0) -> Template:
        found = await details.details_of(slug)
        if found is None:
            raise NotFoundException()
        page, form = found
        return Template("panel/details.html", context={"d": page, "form": form, "errors": {}, "saved": bool(zapisano),
                                                       "limits": details.LIMITS})

    @post("/panel/konsultacje/{slug:str}/informacje", name="panel_details_save", guards=[office_reviewer])
    async def details_save(self, request: Request, slug: FromPath[str],
                           data: URLEncodedBody[details.DetailsForm]) -> Template | Redirect:
        user = user_of(request)
        assert user is not None
        try:
            changed = await details.save_details(user, slug, data)
        except details.DetailsErrors as error:
            found = await details.details_of(slug)
            assert found is not None
            return Template("panel/details.html", status_code=400, context={
                "d": found[0], "form": data, "errors": error.errors, "saved": False, "limits": details.LIMITS})
        if changed is None:
            raise NotFoundException()
        return Redirect(path=f"/panel/konsultacje/{slug}/informacje", query_params={"zapisano": "1"}, status_code=303)
