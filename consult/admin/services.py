"""Use cases of administration: offices, user accounts and their roles (all audited)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from consult.accounts import services as accounts
from consult.accounts.schemas import CurrentUser
from consult.accounts.tables import Membership, Session, User
from consult.audit.services import record
from consult.consultations.tables import Office
from consult.lib.i18n import N_
from consult.lib.errors import Refused


class AdminError(Refused):
    """A refused administrative action."""


@dataclass(slots=True)
class UserRow:
    id: int
    email: str
    full_name: str
    is_admin: bool
    is_active: bool
    roles: list[tuple[int, str, str]]  # office id, office name, role


@dataclass(slots=True)
class Overview:
    offices: list[dict[str, object]]
    users: list[UserRow]


async def overview() -> Overview:
    """Every office and every account with its roles."""
    offices = await Office.select().order_by(Office.name)
    names = {o["id"]: o["name"] for o in offices}
    memberships: dict[int, list[tuple[int, str, str]]] = {}
    for m in await Membership.select(Membership.user, Membership.office, Membership.role):
        memberships.setdefault(m["user"], []).append((m["office"], names.get(m["office"], "?"), m["role"]))
    users = await User.select(User.id, User.email, User.full_name, User.is_admin, User.is_active).order_by(User.email)
    return Overview(
        offices=offices,
        users=[UserRow(u["id"], u["email"], u["full_name"], u["is_admin"], u["is_active"], memberships.get(u["id"], []))
               for u in users],
    )


async def create_office(actor: CurrentUser, name: str, address: str, email: str, phone: str) -> int:
    """A new office; names are unique."""
    name = " ".join(name.split())
    if not name or len(name) > 255:
        raise AdminError(N_("Give the name of the office."))
    if await Office.exists().where(Office.name == name):
        raise AdminError(N_("An office with this name already exists."))
    row = await Office.insert(Office(name=name, address=address.strip()[:255], email=email.strip()[:254],
                                     phone=phone.strip()[:64])).returning(Office.id)
    await record(actor, "office.create", "office", row[0]["id"], after={"name": name}, office_id=row[0]["id"])
    return row[0]["id"]


async def invite_user(actor: CurrentUser, email: str, full_name: str, office_id: int | None, role: str, now: datetime) -> int:
    """A new account with an unguessable password; the person sets their own through the mailed link."""
    try:
        user_id = await accounts.create_user(email, secrets.token_urlsafe(24), full_name)
    except accounts.AccountError as error:
        raise AdminError(error.message) from error
    if office_id:
        await grant(actor, user_id, office_id, role)
    await accounts.request_password_reset(email, now)
    await record(actor, "user.create", "user", user_id, after={"email": accounts.normalise_email(email)}, office_id=office_id)
    return user_id


async def grant(actor: CurrentUser, user_id: int, office_id: int, role: str) -> None:
    """Give a user a role in an office."""
    if not await Office.exists().where(Office.id == office_id) or not await User.exists().where(User.id == user_id):
        raise AdminError(N_("Page not found."))
    try:
        await accounts.grant_role(user_id, office_id, role)
    except accounts.AccountError as error:
        raise AdminError(error.message) from error
    await record(actor, "user.role", "user", user_id, after={"office": office_id, "role": role}, office_id=office_id)


async def revoke(actor: CurrentUser, user_id: int, office_id: int) -> None:
    """Take a user's role in an office away."""
    await accounts.revoke_role(user_id, office_id)
    await record(actor, "user.role_revoked", "user", user_id, before={"office": office_id}, office_id=office_id)


async def set_active(actor: CurrentUser, user_id: int, active: bool) -> None:
    """Deactivate (and sign out everywhere) or reactivate an account; nobody deactivates themselves."""
    if user_id == actor.id and not active:
        raise AdminError(N_("You cannot deactivate your own account."))
    row = await User.select(User.is_active).where(User.id == user_id).first()
    if row is None:
        raise AdminError(N_("Page not found."))
    await User.update({User.is_active: active}).where(User.id == user_id)
    if not active:
        await Session.delete().where(Session.user == user_id)
    await record(actor, "user.active", "user", user_id, before={"active": row["is_active"]}, after={"active": active})
