"""The one guard every request passes: integers the database cannot hold, characters no stored text
may hold, and JSON nested too deep are dealt with before any handler sees them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import ClientException, NotFoundException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from consult.lib.i18n import N_
from consult.lib.text import clean_text, needs_cleaning

# Ids are PostgreSQL `integer`s (SERIAL); SQLite holds more, but both engines answer alike.
ID_MIN, ID_MAX = -(2**31), 2**31 - 1
MAX_JSON_DEPTH = 32
_BODY_TYPES = ("application/x-www-form-urlencoded", "application/json")


def in_id_range(value: int) -> bool:
    """Whether `value` fits an id column on every engine."""
    return ID_MIN <= value <= ID_MAX


def json_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): _clean_json(v) for k, v in value.items()}
    return value


def _clean_pairs(raw: str) -> str | None:
    """The url-encoded `raw` with its keys and values cleaned, or None when nothing needs it (or
    it is not valid UTF-8: the framework refuses that itself)."""
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    if not any(needs_cleaning(k) or needs_cleaning(v) for k, v in pairs):
        return None
    return urlencode([(clean_text(k), clean_text(v)) for k, v in pairs])


def clean_body(content_type: str, body: bytes) -> bytes | None:
    """A request body with the characters no stored text may hold taken out, or None when it needs no
    change. Raises ClientException for JSON nested deeper than MAX_JSON_DEPTH."""
    if content_type.startswith("application/json"):
        if json_depth(body) > MAX_JSON_DEPTH:
            raise ClientException(N_("The JSON document is nested too deeply."))
        if b"\\u" not in body and body.isascii():
            return None  # raw control characters in a JSON string make it invalid JSON: refused anyway
        try:
            value = json.loads(body)
        except (ValueError, RecursionError):
            return None  # the framework answers a broken document with 400 itself
        cleaned = _clean_json(value)
        return None if cleaned == value else json.dumps(cleaned, ensure_ascii=False).encode()
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        return None
    cleaned_form = _clean_pairs(text)
    return None if cleaned_form is None else cleaned_form.encode()


class InputGuard(ASGIMiddleware):
    """Answers 404 to ids beyond the id columns' range and to paths with control characters,
    400 to JSON nested too deep, and takes control characters out of query strings and of
    url-encoded and JSON bodies, so that PostgreSQL and SQLite store the same text and a report
    never meets a character its formats refuse."""

    scopes = ("http",)  # type: ignore[assignment]

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if needs_cleaning(scope["path"]):
            raise NotFoundException()
        for value in scope.get("path_params", {}).values():
            if isinstance(value, int) and not in_id_range(value):
                raise NotFoundException()
            if isinstance(value, str) and needs_cleaning(value):
                raise NotFoundException()
        query = scope.get("query_string", b"")
        if query:
            cleaned = _clean_pairs(query.decode("latin-1"))
            if cleaned is not None:
                scope["query_string"] = cleaned.encode()
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            receive = await self._cleaned_receive(scope, receive)
        await next_app(scope, receive, send)

    async def _cleaned_receive(self, scope: Scope, receive: Receive) -> Receive:
        content_type = ""
        for key, value in scope.get("headers", []):
            if key == b"content-type":
                content_type = value.decode("latin-1").lower()
        if not content_type.startswith(_BODY_TYPES):
            return receive
        handler = scope.get("route_handler")
        limit = handler.resolve_request_max_body_size() if handler is not None else None
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return _replay(chunks, receive, tail=message)
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if limit is not None and size > limit and more:
                return _replay(chunks, receive, more=True)  # the framework answers 413 as it reads on
        cleaned = clean_body(content_type, b"".join(chunks))
        if cleaned is None:
            return _replay(chunks, receive)
        headers = MutableScopeHeaders(scope)
        if "content-length" in headers:
            headers["content-length"] = str(len(cleaned))
        return _replay([cleaned], receive)


def _replay(chunks: list[bytes], receive: Receive, *, more: bool = False, tail: Message | None = None) -> Receive:
    """A `receive` that gives `chunks` as one message first, then defers to the real one."""
    pending: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": more}]
    if tail is not None:
        pending.append(tail)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
