"""Administration pages: offices, accounts and roles."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from consult.admin import services
from consult.lib import clock
from consult.lib.guards import admin, user_of
from consult.lib.i18n import N_


@dataclass
class OfficeForm:
    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class UserForm:
    email: str = ""
    full_name: str = ""
    office: str = ""
    role: str = "official"


@dataclass
class RoleForm:
    office: str = ""
    role: str = "official"


@dataclass
class ActiveForm:
    active: str = ""


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


class AdminPages(Controller):
    """What administrators manage."""

    include_in_schema = False
    guards = [admin]

    async def _page(self, request: Request, error: str = "", status: int = 200, **forms: object) -> Template:
        context = {"overview": await services.overview(), "error": error, "me": user_of(request),
                   "office_form": forms.get("office_form", OfficeForm()), "user_form": forms.get("user_form", UserForm())}
        return Template("admin/page.html", context=context, status_code=status)

    @get("/admin", name="admin")
    async def page(self, request: Request) -> Template:
        return await self._page(request)

    @post("/admin/biura")
    async def create_office(self, request: Request, data: URLEncodedBody[OfficeForm]) -> Template | Redirect:
        try:
            await services.create_office(user_of(request), data.name, data.address, data.email, data.phone)  # type: ignore[arg-type]
        except services.AdminError as error:
            return await self._page(request, error.message, 400, office_form=data)
        return Redirect(path="/admin", status_code=303)

    @post("/admin/uzytkownicy")
    async def create_user(self, request: Request, data: URLEncodedBody[UserForm]) -> Template | Redirect:
        try:
            await services.invite_user(
                user_of(request), data.email, data.full_name, _int(data.office), data.role, clock.now()  # type: ignore[arg-type]
            )
        except services.AdminError as error:
            return await self._page(request, error.message, 400, user_form=data)
        return Redirect(path="/admin", status_code=303)

    @post("/admin/uzytkownicy/{user_id:int}/role")
    async def grant(self, request: Request, user_id: FromPath[int], data: URLEncodedBody[RoleForm]) -> Template | Redirect:
        office = _int(data.office)
        if office is None:
            return await self._page(request, N_("Choose an office."), 400)
        try:
            await services.grant(user_of(request), user_id, office, data.role)  # type: ignore[arg-type]
        except services.AdminError as error:
            if error.message == "Page not found.":
                raise NotFoundException() from error
            return await self._page(request, error.message, 400)
        return Redirect(path="/admin", status_code=303)

    @post("/admin/uzytkownicy/{user_id:int}/role/usun")
    async def revoke(self, request: Request, user_id: FromPath[int], data: URLEncodedBody[RoleForm]) -> Redirect:
        office = _int(data.office)
        if office is not None:
            await services.revoke(user_of(request), user_id, office)  # type: ignore[arg-type]
        return Redirect(path="/admin", status_code=303)

    @post("/admin/uzytkownicy/{user_id:int}/aktywny")
    async def set_active(self, request: Request, user_id: FromPath[int], data: URLEncodedBody[ActiveForm]) -> Template | Redirect:
        try:
            await services.set_active(user_of(request), user_id, data.active == "1")  # type: ignore[arg-type]
        except services.AdminError as error:
            if error.message == "Page not found.":
                raise NotFoundException() from error
            return await self._page(request, error.message, 400)
        return Redirect(path="/admin", status_code=303)
