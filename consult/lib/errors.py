"""Error pages: every failure answers with a readable page (or JSON under /api), never a traceback."""

from __future__ import annotations

import logging
from http import HTTPStatus

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException, ValidationException
from litestar.response import Redirect
from litestar.response import Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from consult.lib.i18n import N_
from consult.lib.i18n import gettext as _

log = logging.getLogger("consult")


class Refused(Exception):
    """An action a service refuses: `message` is a message id for the user, `status` the HTTP status.

    Each feature names its own subclass (ReviewError, ModerationError …) with its usual status."""

    status: int = 400

    def __init__(self, message: str, status: int | None = None, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params
        if status is not None:
            self.status = status


class FieldRefused(Exception):
    """A rendered document refused one stored value: says where it is, for the person who can fix it."""

    def __init__(self, part: str, row: int, field: str, item: str) -> None:
        super().__init__(f"{part}, row {row}, {field}: {item}")
        self.part, self.row, self.field, self.item = part, row, field, item

    def describe(self) -> str:
        """The message in the current language."""
        return _("The report could not be prepared: the field \u201e%(field)s\u201d of %(item)s (sheet \u201e%(part)s\u201d, "
                 "row %(row)s) holds a character the spreadsheet format refuses. Correct that text and publish again.") % {
            "field": self.field, "item": self.item, "part": self.part, "row": self.row}


_TITLES = {
    400: N_("The request could not be understood."),
    401: N_("Please sign in."),
    403: N_("You may not do this."),
    404: N_("Page not found."),
    405: N_("This address does not accept that kind of request."),
    409: N_("This cannot be done now."),
    413: N_("What you sent is too large."),
    415: N_("This kind of content is not accepted here."),
    422: N_("Please correct the form."),
    429: N_("Too many requests. Please wait a moment and try again."),
    500: N_("Something went wrong on our side."),
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.startswith("/schema")


def error_response(
    request: Request, status: int, detail: str = "", headers: dict[str, str] | None = None
) -> Response:
    """The error as JSON for the API and as a page in the user's language elsewhere."""
    title = _(_TITLES.get(status, _TITLES[500] if status >= 500 else _TITLES[400]))
    if _wants_json(request):
        return Response(
            content={"status_code": status, "detail": detail or title},
            status_code=status,
            media_type=MediaType.JSON,
            headers=headers,
        )
    return Template(
        template_name="errors/page.html",
        context={"status": status, "title": title, "detail": detail},
        status_code=status,
        headers=headers,
    )


def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    """Litestar's HTTP errors (404, 400 from a bad parameter, 405 …) as readable answers."""
    detail = ""
    if isinstance(exc, NotAuthorizedException) and not _wants_json(request):
        # A page that needs an account: sign in first, then come back.
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Redirect(path="/logowanie", query_params={"next": target}, status_code=303)
    if isinstance(exc, ValidationException):
        detail = _("A value in the address or the form is not valid.")
        if _wants_json(request):
            return Response(
                content={"status_code": 400, "detail": "Validation failed", "extra": exc.extra},
                status_code=400,
                media_type=MediaType.JSON,
            )
    elif isinstance(exc, NotFoundException):
        detail = _("Check the address, or start from the list of consultations.")
    elif exc.status_code < 500 and exc.detail and exc.detail != HTTPStatus(exc.status_code).phrase:
        # Our own refusals carry a message id as detail: say it in the reader's language.
        detail = exc.detail if _wants_json(request) else _(exc.detail)
    # Keep headers the protocol requires, such as Allow on 405; tell a throttled client when to retry.
    headers = dict(exc.headers or {})
    reset = {k.lower(): v for k, v in headers.items()}.get("ratelimit-reset")
    if exc.status_code == 429 and reset:
        headers["Retry-After"] = str(reset)
    return error_response(request, exc.status_code, detail, headers)


def _out_of_range(exc: BaseException) -> bool:
    """Whether a database driver refused an integer its column cannot hold (SQLite: beyond 64 bits;
    PostgreSQL: beyond the column's `integer` or `bigint`), somewhere in the exception's chain."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OverflowError) or (
            type(exc).__name__ == "DataError" and "out of int" in str(exc)
        ) or type(exc).__name__ == "NumericValueOutOfRangeError":
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1  # type: ignore[assignment]
    return False


def internal_error_handler(request: Request, exc: Exception) -> Response:
    """An unexpected failure: logged in full, shown to the user without internals. A number too
    large for the database, from any query or form field, is the client's error: 400."""
    if _out_of_range(exc):
        log.info("integer out of the database's range on %s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 400, _("A value in the address or the form is not valid."))
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, HTTP_500_INTERNAL_SERVER_ERROR)
