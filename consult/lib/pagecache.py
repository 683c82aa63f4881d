"""Anonymous public pages rendered once and served again while nothing they show has changed.

The database raises one number (the page stamp, `consult.cache`) on every change to comments,
supports, consultations, drafts and offices, whichever process makes it; a page rendered at the
current number is served from this process's memory without its queries and its templates. What
differs per visitor is put back in: the CSRF token and a fresh idempotency key for the comment
form. The answer carries an ETag (the stamp, the page and the visitor's token), so a browser that
asks again with If-None-Match gets 304, and `Cache-Control: private`: the page names the visitor's
token and no shared cache may keep it.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.response import Template
from litestar.utils.scope.state import ScopeState

from consult.settings import get_settings

MAX_ENTRIES = 256  # pages per process (about 40 KB each)
MAX_AGE = 60.0  # seconds an entry lives at most: a consultation's phase moves with the clock
CSRF_MARK = "\x1ecsrf-token\x1e"
KEY_MARK = "\x1esubmission-key\x1e"


@dataclass(frozen=True, slots=True)
class Entry:
    """One rendered page with the visitor's parts marked."""

    stamp: int
    born: float
    body: str
    status: int
    headers: tuple[tuple[str, str], ...]
    comment_ids: tuple[int, ...]  # shown on the page: a visitor who supports one of them gets a fresh page


# Kept per database engine: pages of one database are never served for another (tests, tools).
_by_engine: OrderedDict[int, tuple[Any, OrderedDict[tuple[str, ...], Entry]]] = OrderedDict()


def _entries() -> OrderedDict[tuple[str, ...], Entry]:
    from consult.db import current_engine

    engine = current_engine()
    found = _by_engine.get(id(engine))
    if found is None or found[0] is not engine:
        found = _by_engine[id(engine)] = (engine, OrderedDict())
        while len(_by_engine) > 4:
            _by_engine.popitem(last=False)
    return found[1]


def key_for(request: Request) -> tuple[str, ...] | None:
    """The cache key of an anonymous GET (path, query, language, htmx target), or None."""
    if request.method != "GET" or request.scope.get("user") is not None:
        return None
    headers = request.headers
    return (request.url.path, request.url.query or "", str(request.scope.get("state", {}).get("locale", "")),
            headers.get("hx-request", ""), headers.get("hx-target", ""), headers.get("hx-history-restore-request", ""))


async def current_stamp() -> int:
    """The page stamp now (one indexed read of one row)."""
    from consult.cache.tables import PageStamp

    row = await PageStamp.select(PageStamp.version).first()
    if row is None:  # a database emptied by hand: start again
        await PageStamp.insert(PageStamp(version=0))
        return 0
    return int(row["version"])


def _token(request: Request) -> str:
    return str(ScopeState.from_scope(request.scope).csrf_token or "")


def _etag(stamp: int, key: tuple[str, ...], token: str) -> str:
    digest = hashlib.blake2b(repr((stamp, key, token)).encode(), digest_size=12).hexdigest()
    return f'"{digest}"'


def lookup(key: tuple[str, ...], stamp: int) -> Entry | None:
    """The page rendered at this stamp, if this process has it and it is young enough."""
    entries = _entries()
    entry = entries.get(key)
    if entry is None:
        return None
    if entry.stamp != stamp or time.monotonic() - entry.born > MAX_AGE:
        entries.pop(key, None)
        return None
    entries.move_to_end(key)
    return entry


def _cache_control() -> str:
    seconds = get_settings().page_cache_seconds
    return f"private, max-age={seconds}" if seconds > 0 else "private, no-cache"


def respond(request: Request, key: tuple[str, ...], entry: Entry, cookies: list[Cookie]) -> Response[str]:
    """The cached page for this visitor: 304 when their copy is current, else the page with their parts."""
    token = _token(request)
    etag = _etag(entry.stamp, key, token)
    headers = dict(entry.headers) | {"ETag": etag, "Cache-Control": _cache_control()}
    if etag in (request.headers.get("if-none-match") or ""):
        return Response("", status_code=304, headers=headers, cookies=cookies)
    body = entry.body.replace(CSRF_MARK, token).replace(KEY_MARK, uuid.uuid4().hex)
    return Response(body, status_code=entry.status, media_type="text/html", headers=headers, cookies=cookies)


def render_and_keep(request: Request, key: tuple[str, ...], stamp: int, template: Template,
                    submission_key: str, comment_ids: list[int]) -> Response[str]:
    """Render the page now, keep it for the next anonymous visitors, and answer this one."""
    engine = request.app.template_engine
    assert engine is not None and template.template_name is not None
    body = engine.get_template(template.template_name).render(**template.create_template_context(request))
    token = _token(request)
    marked = body.replace(token, CSRF_MARK) if token else body
    if submission_key:
        marked = marked.replace(submission_key, KEY_MARK)
    headers = tuple((k, v) for k, v in template.headers.items())
    entry = Entry(stamp=stamp, born=time.monotonic(), body=marked, status=template.status_code or 200,
                  headers=headers, comment_ids=tuple(comment_ids))
    if entry.status == 200:
        entries = _entries()
        entries[key] = entry
        entries.move_to_end(key)
        while len(entries) > MAX_ENTRIES:
            entries.popitem(last=False)
    return respond(request, key, entry, list(template.cookies))


def kept_paths() -> list[str]:
    """The paths of the pages kept for the current database."""
    return [key[0] for key in _entries()]


def clear() -> None:
    """Forget every page kept for the current database."""
    _entries().clear()
