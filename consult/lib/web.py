"""Web helpers shared by the features: locale per request, page-or-fragment rendering, cookies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from http.cookies import SimpleCookie
from typing import Any

from litestar import Request
from litestar.datastructures import Cookie
from litestar.middleware import ASGIMiddleware
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from litestar.types import ASGIApp, Receive, Scope, Send

from consult.lib.i18n import negotiate, reset_locale, set_locale
from consult.settings import get_settings

LOCALE_COOKIE = "lang"
SUPPORTER_COOKIE = "consult_supporter"
YEAR = 365 * 24 * 3600


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


class LocaleMiddleware(ASGIMiddleware):
    """Sets the interface language for everything a request renders (cookie, then browser)."""

    scopes = ("http",)  # type: ignore[assignment]

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        cookies = SimpleCookie(_header(scope, b"cookie") or "")
        chosen = cookies[LOCALE_COOKIE].value if LOCALE_COOKIE in cookies else None
        locale = negotiate(chosen, _header(scope, b"accept-language"))
        scope.setdefault("state", {})["locale"] = locale
        token = set_locale(locale)
        try:
            await next_app(scope, receive, send)
        finally:
            reset_locale(token)


def is_htmx(request: Request) -> bool:
    """Whether htmx sent this request (and wants a fragment rather than a page)."""
    return bool(getattr(request, "htmx", False)) if isinstance(request, HTMXRequest) else bool(
        request.headers.get("hx-request")
    )


def htmx_target(request: Request) -> str:
    """The id of the element htmx will swap, without '#'."""
    return (request.headers.get("hx-target") or "").lstrip("#")


def page_or_fragment(
    request: Request,
    page: str,
    fragments: Mapping[str, str],
    context: dict[str, Any],
    *,
    status_code: int = 200,
    cookies: list[Cookie] | None = None,
) -> Template:
    """One URL, two renderings: the full page, or for htmx the fragment the page includes for
    the element htmx targets (a request from htmx with an unknown target gets the page)."""
    name = page
    if is_htmx(request) and not request.headers.get("hx-history-restore-request"):
        name = fragments.get(htmx_target(request), page)
    return Template(
        template_name=name,
        context=context,
        status_code=status_code,
        cookies=cookies or [],
        headers={"Vary": "HX-Request, HX-Target, Cookie, Accept-Language"},
    )


def supporter_token(request: Request) -> tuple[str, list[Cookie]]:
    """The browser's anonymous supporter token, and the cookie to set when it is new."""
    token = request.cookies.get(SUPPORTER_COOKIE, "")
    if len(token) == 43 and token.replace("-", "").replace("_", "").isalnum():
        return token, []
    token = secrets.token_urlsafe(32)
    cookie = Cookie(key=SUPPORTER_COOKIE, value=token, max_age=YEAR, httponly=True, samesite="lax", path="/",
                    secure=get_settings().secure_cookies)
    return token, [cookie]


def supporter_digest(token: str) -> str:
    """What the database keeps of a supporter token: a keyed digest, not the token."""
    secret = get_settings().secret_key.encode()
    return hmac.new(secret, token.encode(), hashlib.sha256).hexdigest()[:40]


def safe_next(target: str | None) -> str:
    """A local path to return to; anything else (another host, a scheme) becomes the home page."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def public_base_url(request: Request) -> str:  # type: ignore[type-arg]
    """The address links in mail start with: CONSULT_BASE_URL when set, else the one the request
    came to (scheme, host and port as the visitor sees them), without a trailing slash."""
    settings = get_settings()
    if settings.base_url_set:
        return settings.base_url
    return str(request.base_url).rstrip("/")
