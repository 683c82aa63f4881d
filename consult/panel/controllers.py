"""The officials' panel: their consultations, opening and closing them."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from consult.lib import clock
from consult.lib.guards import office_head, staff, user_of
from consult.panel import services


@dataclass
class StatusForm:
    status: str = ""


class PanelPages(Controller):
    """Where officials start."""

    include_in_schema = False

    @get("/panel", name="panel", guards=[staff])
    async def panel(self, request: Request) -> Template:
        user = user_of(request)
        assert user is not None
        rows = await services.consultations_for(user, clock.now())
        return Template("panel/page.html", context={"rows": rows, "user": user})

    @post("/panel/konsultacje/{slug:str}/status", name="panel_status", guards=[office_head])
    async def set_status(self, request: Request, slug: FromPath[str], data: URLEncodedBody[StatusForm]) -> Template | Redirect:
        user = user_of(request)
        assert user is not None
        try:
            await services.set_status(user, slug, data.status)
        except services.PanelError as error:
            if error.message == "Page not found.":
                raise NotFoundException() from error
            rows = await services.consultations_for(user, clock.now())
            return Template("panel/page.html", status_code=409,
                            context={"rows": rows, "user": user, "error": error.message})
        return Redirect(path="/panel", status_code=303)
