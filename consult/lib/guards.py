"""Guards: who may reach a route. Office-scoped guards read the consultation from the path."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from consult.accounts.schemas import CurrentUser


def user_of(connection: ASGIConnection) -> CurrentUser | None:  # type: ignore[type-arg]
    """The signed-in user of a request, or None for an anonymous visitor."""
    user = connection.scope.get("user")
    return user if isinstance(user, CurrentUser) else None


def signed_in(connection: ASGIConnection, _: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Anyone with an account."""
    if user_of(connection) is None:
        raise NotAuthorizedException()


def staff(connection: ASGIConnection, _: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Officials, office heads and administrators."""
    user = user_of(connection)
    if user is None:
        raise NotAuthorizedException()
    if not user.is_staff:
        raise PermissionDeniedException()


def admin(connection: ASGIConnection, _: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Administrators only."""
    user = user_of(connection)
    if user is None:
        raise NotAuthorizedException()
    if not user.is_admin:
        raise PermissionDeniedException()


async def _office_from_path(connection: ASGIConnection) -> int:  # type: ignore[type-arg]
    from consult.consultations.services import office_of

    slug = connection.path_params.get("slug")
    office_id = await office_of(str(slug)) if slug else None
    if office_id is None:
        raise NotFoundException()
    return office_id


async def office_reviewer(connection: ASGIConnection, handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Officials and heads of the office responsible for the consultation in the path (and admins)."""
    staff(connection, handler)
    user = user_of(connection)
    assert user is not None
    if not user.may_review(await _office_from_path(connection)):
        raise PermissionDeniedException()


async def office_head(connection: ASGIConnection, handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Heads of the office responsible for the consultation in the path (and admins)."""
    staff(connection, handler)
    user = user_of(connection)
    assert user is not None
    if not user.may_publish(await _office_from_path(connection)):
        raise PermissionDeniedException()
