"""Pages of RODO self-service: see, export (JSON) and erase one's personal data."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Response, Template

from consult.accounts.middleware import SESSION_COOKIE
from consult.lib.guards import signed_in, user_of
from consult.lib.i18n import N_
from consult.lib.web import public_base_url
from consult.privacy import services
from consult.privacy.schemas import DataRequestForm


def _email_of(token: FromPath[str]) -> str:
    email = services.read_token(token, services.now())
    if email is None:
        raise NotFoundException(N_("This link is invalid or has expired."))
    return email


def _export(data: dict[str, Any]) -> Response[dict[str, Any]]:
    return Response(content=data, media_type="application/json",
                    headers={"Content-Disposition": 'attachment; filename="moje-dane.json"'})


async def _confirmed(request: Request) -> bool:  # type: ignore[type-arg]
    """Deleting takes two steps: the data page's button leads to a confirmation, which sends confirm=1."""
    return (await request.form()).get("confirm") == "1"


def _confirm_page(data: dict[str, Any], base: str) -> Template:
    return Template("privacy/confirm.html", context={"data": data, "base": base})


class PrivacyPages(Controller):
    """A resident's own data: by account when signed in, else by a link mailed to the e-mail."""

    path = "/moje-dane"
    include_in_schema = False

    @get("/", name="privacy")
    async def page(self, request: Request) -> Template:
        user = user_of(request)
        if user is None:
            return Template("privacy/request.html", context={"form": DataRequestForm()})
        return Template("privacy/data.html", context={"data": await services.data_of(user.email), "base": "/moje-dane"})

    @post("/")
    async def request_link(self, request: Request, data: URLEncodedBody[DataRequestForm]) -> Template:
        if "@" not in data.email or len(data.email) > 254:
            return Template("privacy/request.html", status_code=400,
                            context={"form": data, "error": N_("This does not look like an e-mail address.")})
        await services.mail_link(data.email, services.now(), public_base_url(request))
        return Template("privacy/request.html", context={"form": data, "sent": True})

    @get("/eksport", guards=[signed_in])
    async def export_account(self, request: Request) -> Response[dict[str, Any]]:
        return _export(await services.data_of(user_of(request).email))  # type: ignore[union-attr]

    @post("/usun", guards=[signed_in])
    async def erase_account(self, request: Request) -> Template:
        if not await _confirmed(request):
            return _confirm_page(await services.data_of(user_of(request).email), "/moje-dane")  # type: ignore[union-attr]
        counts = await services.erase(user_of(request).email, services.now())  # type: ignore[union-attr]
        response = Template("privacy/erased.html", context={"counts": counts})
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @get("/{token:str}")
    async def by_link(self, token: FromPath[str]) -> Template:
        data = await services.data_of(_email_of(token))
        return Template("privacy/data.html", context={"data": data, "base": f"/moje-dane/{token}"})

    @get("/{token:str}/eksport")
    async def export_by_link(self, token: FromPath[str]) -> Response[dict[str, Any]]:
        return _export(await services.data_of(_email_of(token)))

    @post("/{token:str}/usun")
    async def erase_by_link(self, request: Request, token: FromPath[str]) -> Template:
        if not await _confirmed(request):
            return _confirm_page(await services.data_of(_email_of(token)), f"/moje-dane/{token}")
        counts = await services.erase(_email_of(token), services.now())
        return Template("privacy/erased.html", context={"counts": counts})
