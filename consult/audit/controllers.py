"""The audit log page: read-only, for office heads (their offices) and administrators (all)."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromQuery
from litestar.response import Template

from consult.audit import services
from consult.lib.guards import staff, user_of
from consult.lib.web import page_or_fragment

LOG_FRAGMENTS = {"audit-log": "audit/_entries.html"}


def audit_reader(connection: ASGIConnection, handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Office heads and administrators; other officials and residents are refused, visitors sent to sign in."""
    staff(connection, handler)
    user = user_of(connection)
    if user is None or not services.may_read(user):
        raise PermissionDeniedException()


class AuditPages(Controller):
    """The audit log: who did what and when, with the state before and after. No way to change it."""

    include_in_schema = False

    @get("/panel/dziennik", name="audit", guards=[audit_reader])
    async def page(self, request: Request, page: FromQuery[int] = 1, action: FromQuery[str] = "",
                   consultation: FromQuery[str] = "") -> Template:
        user = user_of(request)
        assert user is not None
        action, consultation = action.strip()[:64], consultation.strip()[:100]
        entries = await services.entries_for(user, page, action, consultation)
        context = {"entries": entries, "action": action, "consultation": consultation,
                   "filters": await services.filters_for(user), "labels": services.ACTION_LABELS,
                   "objects": services.OBJECT_LABELS, "fields": services.FIELD_LABELS,
                   "values": services.value_labels()}
        return page_or_fragment(request, "audit/page.html", LOG_FRAGMENTS, context)
