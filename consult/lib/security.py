"""Security headers on every response, and the rate limits of the actions people can repeat."""

from __future__ import annotations

import re

from litestar import Request
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.types import Message, Scope

from consult.settings import get_settings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


async def add_security_headers(message: Message, scope: Scope) -> None:
    """A `before_send` hook, so that every answer has the headers, 404s of unknown paths too
    (those are answered before any middleware runs). HSTS only when cookies are Secure (HTTPS)."""
    if message["type"] == "http.response.start":
        headers = MutableScopeHeaders.from_message(message)
        for name, value in HEADERS.items():
            headers.setdefault(name, value)
        if get_settings().secure_cookies:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")


def _posting(pattern: str):  # type: ignore[no-untyped-def]
    compiled = re.compile(pattern)

    def counts(request: Request) -> bool:  # type: ignore[type-arg]
        return request.method == "POST" and bool(compiled.search(request.url.path))

    return counts


def rate_limits() -> list[RateLimitConfig]:
    """Per-client limits on posting comments, supporting and flagging, and signing in; each kind
    counts apart (its own store; asking for the RODO link counts with signing in), and a request
    past the limit gets 429 with Retry-After."""
    settings = get_settings()
    return [
        RateLimitConfig(rate_limit=("minute", settings.rate_comments), store="rate_comments",
                        check_throttle_handler=_posting(r"^/konsultacje/[^/]+/sekcje/\d+/uwagi$|/comments$")),
        RateLimitConfig(rate_limit=("minute", settings.rate_supports), store="rate_supports",
                        check_throttle_handler=_posting(r"^/uwagi/[^/]+/(poparcie|zgloszenie)$|^/konsultacje/[^/]+/sekcje/\d+/podobne/poparcie$")),
        RateLimitConfig(rate_limit=("minute", settings.rate_sign_in), store="rate_sign_in",
                        check_throttle_handler=_posting(r"^/(logowanie|haslo/przypomnij|moje-dane)/?$")),
    ]
