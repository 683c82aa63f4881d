"""Pages of accounts: sign in and out, the account page, password change and reset."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.background_tasks import BackgroundTask
from litestar.datastructures import Cookie
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from consult.accounts import services
from consult.accounts.middleware import SESSION_COOKIE
from consult.accounts.schemas import PasswordChangeForm, ResetForm, ResetRequestForm, SignInForm
from consult.lib import clock
from consult.lib.guards import signed_in, user_of
from consult.lib.security import client_address
from consult.lib.web import safe_next
from consult.settings import get_settings


def _session_cookie(token: str, max_age: int) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE, value=token, max_age=max_age, httponly=True, samesite="lax", path="/",
        secure=get_settings().secure_cookies,
    )


def _error_text(error: services.AccountError) -> dict[str, str]:
    return {"wait": str(error.params["wait"])} if "wait" in error.params else {}


class AccountPages(Controller):
    """Signing in and looking after one's own account."""

    include_in_schema = False

    @get("/logowanie", name="sign_in")
    async def sign_in_page(self, request: Request, next: FromQuery[str] = "") -> Template:
        return Template("accounts/sign_in.html", context={"form": SignInForm(next=safe_next(next or "/panel"))})

    @post("/logowanie")
    async def sign_in(self, request: Request, data: URLEncodedBody[SignInForm]) -> Template | Redirect:
        try:
            session = await services.sign_in(
                data.email, data.password, clock.now(), request.headers.get("user-agent", ""), client_address(request)
            )
        except services.AccountError as error:
            data.password = ""
            return Template(
                "accounts/sign_in.html", status_code=400,
                context={"form": data, "error": error.message, "params": _error_text(error)},
            )
        target = safe_next(data.next) if data.next else ("/panel" if session.user.is_staff else "/konto")
        if target.startswith("/panel") and not session.user.is_staff:
            target = "/konto"
        max_age = int((session.expires_at - clock.now()).total_seconds())
        return Redirect(path=target, status_code=303, cookies=[_session_cookie(session.token, max_age)])

    @post("/wyloguj", name="sign_out")
    async def sign_out(self, request: Request) -> Redirect:
        token = request.cookies.get(SESSION_COOKIE, "")
        if token:
            await services.sign_out(token)
        return Redirect(path="/", status_code=303, cookies=[_session_cookie("", 0)])

    @get("/konto", name="account", guards=[signed_in])
    async def account(self, request: Request) -> Template:
        return Template("accounts/account.html", context={"user": user_of(request)})

    @get("/konto/haslo", name="password_change", guards=[signed_in])
    async def password_page(self) -> Template:
        return Template("accounts/password.html", context={"errors": {}})

    @post("/konto/haslo", guards=[signed_in])
    async def change_password(self, request: Request, data: URLEncodedBody[PasswordChangeForm]) -> Template:
        user = user_of(request)
        assert user is not None
        try:
            await services.change_password(
                user.id, data.current_password, data.new_password, data.new_password_again,
                request.cookies.get(SESSION_COOKIE, ""),
            )
        except services.AccountError as error:
            return Template("accounts/password.html", status_code=400, context={"error": error.message})
        return Template("accounts/password.html", context={"done": True})

    @get("/haslo/przypomnij", name="password_reset_request")
    async def reset_request_page(self) -> Template:
        return Template("accounts/reset_request.html", context={"form": ResetRequestForm()})

    @post("/haslo/przypomnij")
    async def reset_request(self, data: URLEncodedBody[ResetRequestForm]) -> Template:
        # The same answer, at the same moment, whether or not the account exists: the lookup and
        # the mail happen after the answer is sent, so its timing tells nothing about who has one.
        return Template("accounts/reset_request.html", context={"form": data, "sent": True},
                        background=BackgroundTask(services.request_password_reset, data.email, clock.now()))

    @get("/haslo/nowe/{token:str}", name="password_reset")
    async def reset_page(self, token: FromPath[str]) -> Template:
        valid = await services.reset_is_valid(token, clock.now())
        return Template("accounts/reset.html", status_code=200 if valid else 400,
                        context={"token": token, "expired": not valid})

    @post("/haslo/nowe/{token:str}")
    async def reset(self, token: FromPath[str], data: URLEncodedBody[ResetForm]) -> Template:
        try:
            await services.reset_password(token, data.new_password, data.new_password_again, clock.now())
        except services.AccountError as error:
            return Template("accounts/reset.html", status_code=400, context={"token": token, "error": error.message})
        return Template("accounts/reset.html", context={"token": "", "done": True})
