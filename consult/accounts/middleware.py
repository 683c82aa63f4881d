"""Resolves the session cookie into the signed-in user (scope["user"]) for every request."""

from __future__ import annotations

from http.cookies import SimpleCookie

from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from consult.accounts.services import user_for_session
from consult.lib import clock

SESSION_COOKIE = "consult_session"


class SessionMiddleware(ASGIMiddleware):
    """Puts the user of a live session, or None, into the scope; static files are skipped."""

    scopes = ("http",)  # type: ignore[assignment]
    should_bypass_for_scope = staticmethod(lambda scope: scope["path"].startswith("/static/"))  # type: ignore[assignment]

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        token = ""
        for key, value in scope.get("headers", []):
            if key == b"cookie":
                cookies = SimpleCookie(value.decode("latin-1"))
                if SESSION_COOKIE in cookies:
                    token = cookies[SESSION_COOKIE].value
        scope["user"] = await user_for_session(token, clock.now()) if token else None
        scope["auth"] = token or None
        await next_app(scope, receive, send)
