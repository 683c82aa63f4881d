"""Security headers on every response, and the rate limits of the actions people can repeat."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

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


@lru_cache(maxsize=4)
def _trusted(proxies: tuple[str, ...]) -> tuple[set[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
    literals: set[str] = set()
    networks = []
    for entry in proxies:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            literals.add(entry)  # a name such as a Unix socket's, compared as it is
    return literals, networks


def is_trusted_proxy(host: str) -> bool:
    """Whether `host` is one of CONSULT_TRUSTED_PROXIES (an address, a network or a literal name)."""
    literals, networks = _trusted(get_settings().trusted_proxies)
    if host in literals:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def client_address(request: Request) -> str:  # type: ignore[type-arg]
    """The client's address: the peer's, or, when the peer is a trusted proxy, the right-most
    address in X-Forwarded-For that is not itself a trusted proxy (what the proxy saw). A header
    from anyone else is ignored, so a client cannot pick the address its limits count under."""
    peer = request.client.host if request.client else ""
    if not peer or not is_trusted_proxy(peer):
        return peer or "unknown"
    chain = [hop.strip() for value in request.headers.getall("x-forwarded-for", []) for hop in value.split(",")]
    for hop in reversed([h for h in chain if h]):
        if not is_trusted_proxy(hop):
            return hop
    return peer


def _posting(pattern: str):  # type: ignore[no-untyped-def]
    compiled = re.compile(pattern)

    def counts(request: Request) -> bool:  # type: ignore[type-arg]
        return request.method == "POST" and bool(compiled.search(request.url.path))

    return counts


def rate_limits() -> list[RateLimitConfig]:
    """Per-client limits on posting comments, supporting and flagging, and signing in; each kind
    counts apart (its own store; asking for the RODO link counts with signing in), and a request
    past the limit gets 429 with Retry-After. Clients are told apart by `client_address`."""
    settings = get_settings()
    return [
        RateLimitConfig(rate_limit=("minute", settings.rate_comments), store="rate_comments", identifier_for_request=client_address,
                        check_throttle_handler=_posting(r"^/konsultacje/[^/]+/sekcje/\d+/uwagi$|/comments$")),
        RateLimitConfig(rate_limit=("minute", settings.rate_supports), store="rate_supports", identifier_for_request=client_address,
                        check_throttle_handler=_posting(r"^/uwagi/[^/]+/(poparcie|zgloszenie)$")),
        RateLimitConfig(rate_limit=("minute", settings.rate_sign_in), store="rate_sign_in", identifier_for_request=client_address,
                        check_throttle_handler=_posting(r"^/(logowanie|haslo/przypomnij|moje-dane)/?$")),
    ]
