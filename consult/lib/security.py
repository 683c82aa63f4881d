"""Security headers on every response, the rate limits of the actions people can repeat, the
client's address behind trusted proxies, and CSRF tokens bound to the session."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from functools import lru_cache
from secrets import compare_digest

from litestar import Request
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import RequestEncodingType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, CSRFMiddleware, generate_csrf_hash, generate_csrf_token
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.types import Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState
from litestar.middleware._utils import should_bypass_middleware

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
        content_type = headers.get("content-type")
        if content_type:
            headers["content-type"] = single_charset(content_type)


def single_charset(content_type: str) -> str:
    """A Content-Type with one charset parameter: Litestar appends `charset=utf-8` to every text
    type, also to one given (or stored with a report file) with its charset already."""
    parts = [part.strip() for part in content_type.split(";")]
    seen: set[str] = set()
    kept = [parts[0]]
    for part in parts[1:]:
        name = part.split("=", 1)[0].strip().lower()
        if part and name not in seen:
            seen.add(name)
            kept.append(part)
    return "; ".join(kept)


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
                        check_throttle_handler=_posting(r"^/uwagi/[^/]+/(poparcie|zgloszenie)$|^/konsultacje/[^/]+/sekcje/\d+/podobne/poparcie$")),
        RateLimitConfig(rate_limit=("minute", settings.rate_sign_in), store="rate_sign_in", identifier_for_request=client_address,
                        check_throttle_handler=_posting(r"^/(logowanie|haslo/przypomnij|moje-dane)/?$")),
    ]


class SessionBoundCSRF(CSRFMiddleware):
    """Litestar's double-submit CSRF check with a token signed for the browser's session: the
    secret that signs it is derived from the session cookie, so a `csrftoken` cookie and token
    minted in another browser (or before signing in) fail in this one. A page read with a token of
    another session gets a fresh token (and cookie) for this one."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or should_bypass_middleware(
            scope=scope, scopes=self.scopes, exclude_opt_key=self.config.exclude_from_csrf_key,
            exclude_path_pattern=self.exclude,
        ):
            await self.app(scope, receive, send)
            return
        request: Request = scope["litestar_app"].request_class(scope=scope, receive=receive)  # type: ignore[type-arg]
        secret = _session_secret(self.config.secret, request.cookies.get(SESSION_COOKIE_NAME, ""))
        cookie = request.cookies.get(self.config.cookie_name)
        state = ScopeState.from_scope(scope)
        if request.method in self.config.safe_methods:
            valid = cookie if cookie and _signed_by(cookie, secret) else None
            token = state.csrf_token = valid or generate_csrf_token(secret=secret)
            await self.app(scope, receive, self.create_send_wrapper(send=send, csrf_cookie=valid, token=token))
            return
        sent = request.headers.get(self.config.header_name)
        content_type, _ = request.content_type
        if not sent and content_type in {RequestEncodingType.URL_ENCODED, RequestEncodingType.MULTI_PART}:
            sent = (await request.form()).get("_csrf_token")
        if sent and cookie and compare_digest(sent, cookie) and _signed_by(cookie, secret):
            state.csrf_token = sent
            await self.app(scope, receive, self._follow_session(send))
            return
        raise PermissionDeniedException("CSRF token verification failed")

    def _follow_session(self, send: Send) -> Send:
        """When an answer sets a new session cookie (signing in or out), it also sets a CSRF cookie
        for that session, so that the next form works without first reading a page."""

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                for value in headers.getall("set-cookie", []):
                    if value.startswith(SESSION_COOKIE_NAME + "="):
                        session = value.split(";", 1)[0].split("=", 1)[1].strip('"')
                        token = generate_csrf_token(secret=_session_secret(self.config.secret, session))
                        self._set_cookie_if_needed(message=message, token=token)  # type: ignore[arg-type]
                        break
            await send(message)

        return wrapped


SESSION_COOKIE_NAME = "consult_session"


def _session_secret(secret: str, session_token: str) -> str:
    return hmac.new(secret.encode(), b"csrf\x00" + session_token.encode(), hashlib.sha256).hexdigest()


def _signed_by(token: str, secret: str) -> bool:
    if len(token) <= CSRF_SECRET_LENGTH:
        return False
    return compare_digest(token[CSRF_SECRET_LENGTH:], generate_csrf_hash(token=token[:CSRF_SECRET_LENGTH], secret=secret))


def csrf_middleware(config: CSRFConfig) -> DefineMiddleware:
    """The session-bound CSRF check, for the app's middleware list."""
    return DefineMiddleware(SessionBoundCSRF, config=config)
