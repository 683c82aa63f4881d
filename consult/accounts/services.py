"""Use cases of accounts: create users and roles, sign in and out, sessions, passwords."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from consult.accounts.mail import send_mail
from consult.accounts.passwords import hash_password, needs_rehash, password_problem, verify_password
from consult.accounts.schemas import CurrentUser
from consult.accounts.tables import Membership, PasswordReset, Role, Session, SignInThrottle, User
from consult.lib.i18n import N_
from consult.lib.i18n import gettext as _
from consult.settings import get_settings
from consult.lib.errors import Refused

# No account is ever locked: failed sign-ins slow down the client that makes them. Per e-mail and
# client, the 5th failure within an hour makes the next attempt wait 2 s, each further one twice as
# long, up to 15 minutes; per client, across e-mails, the same from the 21st failure. Another client
# (the account's owner elsewhere) is not slowed, so nobody can keep an account closed to its owner.
FREE_FAILURES_PER_ACCOUNT = 4
FREE_FAILURES_PER_CLIENT = 20
FIRST_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=15)
FAILURE_WINDOW = timedelta(hours=1)
RESET_VALIDITY = timedelta(hours=2)


class AccountError(Refused):
    """A refused account operation; `params` fill the message's placeholders."""


def digest(token: str) -> str:
    """What the database keeps of a session or reset token."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().casefold()


async def create_user(email: str, password: str, full_name: str = "", is_admin: bool = False) -> int:
    """A new account; refuses a taken e-mail or a weak password."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(N_("This does not look like an e-mail address (for example name@example.pl)."))
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    if await User.exists().where(User.email == email):
        raise AccountError(N_("An account with this e-mail already exists."))
    row = await User.insert(
        User(email=email, full_name=full_name.strip(), password_hash=hash_password(password), is_admin=is_admin)
    ).returning(User.id)
    return row[0]["id"]


async def grant_role(user_id: int, office_id: int, role: str) -> None:
    """Give a user a role in an office (replacing the role they had there)."""
    if role not in {r.value for r in Role}:
        raise AccountError(N_("Unknown role."))
    key = f"{office_id}:{user_id}"
    if await Membership.exists().where(Membership.key == key):
        await Membership.update({Membership.role: role}).where(Membership.key == key)
    else:
        await Membership.insert(Membership(user=user_id, office=office_id, role=role, key=key))


async def revoke_role(user_id: int, office_id: int) -> None:
    """Take away a user's role in an office."""
    await Membership.delete().where(Membership.key == f"{office_id}:{user_id}")


async def current_user(user_id: int) -> CurrentUser | None:
    """The active user with that id and their roles, or None."""
    user = await User.select(User.id, User.email, User.full_name, User.is_admin).where(
        (User.id == user_id) & (User.is_active == True)  # noqa: E712
    ).first()
    if user is None:
        return None
    memberships = await Membership.select(Membership.office, Membership.role).where(Membership.user == user_id)
    return CurrentUser(
        id=user["id"], email=user["email"], full_name=user["full_name"], is_admin=user["is_admin"],
        roles={m["office"]: m["role"] for m in memberships},
    )


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new session: the token for the cookie and when it expires."""

    token: str
    expires_at: datetime
    user: CurrentUser


def throttle_delay(failures: int, free: int) -> timedelta:
    """How long the next attempt waits after `failures` failures, the first `free` of them free."""
    if failures <= free:
        return timedelta(0)
    return min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - free - 1, 20))


def _throttle_keys(email: str, client: str) -> dict[str, int]:
    """Keyed digests (the e-mail is never stored) → the failures each lets pass without delay."""
    secret = get_settings().secret_key.encode()

    def key(*parts: str) -> str:
        return hmac.new(secret, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()

    return {key("account", normalise_email(email), client): FREE_FAILURES_PER_ACCOUNT,
            key("client", client): FREE_FAILURES_PER_CLIENT}


def _wait_text(delta: timedelta) -> str:
    seconds = max(1, math.ceil(delta.total_seconds()))
    return f"{seconds} s" if seconds < 120 else f"{math.ceil(seconds / 60)} min"


async def _record_failure(keys: dict[str, int], now: datetime) -> None:
    for key, free in keys.items():
        row = await SignInThrottle.select(SignInThrottle.failures, SignInThrottle.updated_at).where(
            SignInThrottle.key == key).first()
        recent = row is not None and row["updated_at"] > now - FAILURE_WINDOW
        failures = (row["failures"] if recent else 0) + 1
        changes = {SignInThrottle.failures: failures, SignInThrottle.updated_at: now,
                   SignInThrottle.blocked_until: now + throttle_delay(failures, free)}
        if row is None:
            try:
                await SignInThrottle.insert(SignInThrottle(key=key, **{c._meta.name: v for c, v in changes.items()}))
                continue
            except Exception:  # noqa: BLE001  (a concurrent failure inserted it first: count on it)
                pass
        await SignInThrottle.update(changes).where(SignInThrottle.key == key)
    await SignInThrottle.delete().where(SignInThrottle.updated_at < now - FAILURE_WINDOW - MAX_DELAY)


async def sign_in(email: str, password: str, now: datetime, user_agent: str = "", client: str = "") -> SignedIn:
    """Check the password and open a session. Failures slow the client down (see FREE_FAILURES_*);
    an unknown e-mail is answered as a wrong password is, after the same work, throttled alike."""
    keys = _throttle_keys(email, client)
    blocks = await SignInThrottle.select(SignInThrottle.blocked_until).where(SignInThrottle.key.is_in(list(keys)))
    until = max((b["blocked_until"] for b in blocks if b["blocked_until"] and b["blocked_until"] > now), default=None)
    if until is not None:
        raise AccountError(N_("Too many failed attempts. Try again in %(wait)s."), wait=_wait_text(until - now))
    row = await User.select().where(User.email == normalise_email(email)).first()
    known = row is not None and row["is_active"]
    # One Argon2 verification either way (against a dummy hash for an unknown e-mail): same time.
    if not verify_password(row["password_hash"] if known else "", password) or not known:
        await _record_failure(keys, now)
        raise AccountError(N_("Wrong e-mail or password."))
    await SignInThrottle.delete().where(SignInThrottle.key == next(iter(keys)))
    changes: dict = {User.failed_sign_ins: 0, User.locked_until: None, User.last_sign_in_at: now}  # type: ignore[type-arg]
    if needs_rehash(row["password_hash"]):
        changes[User.password_hash] = hash_password(password)
    await User.update(changes).where(User.id == row["id"])
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(days=get_settings().session_days)
    await Session.insert(
        Session(token_digest=digest(token), user=row["id"], created_at=now, expires_at=expires_at,
                user_agent=user_agent[:255])
    )
    user = await current_user(row["id"])
    assert user is not None
    return SignedIn(token=token, expires_at=expires_at, user=user)


async def user_for_session(token: str, now: datetime) -> CurrentUser | None:
    """The user of a live session token, or None (unknown, expired or deactivated)."""
    if not token or len(token) > 100:
        return None
    row = await Session.select(Session.user, Session.expires_at).where(Session.token_digest == digest(token)).first()
    if row is None or row["expires_at"] <= now:
        return None
    return await current_user(row["user"])


async def sign_out(token: str) -> None:
    """End the session of this token."""
    await Session.delete().where(Session.token_digest == digest(token))


async def change_password(user_id: int, current: str, new: str, again: str, keep_token: str) -> None:
    """Set a new password after checking the current one; other sessions are ended."""
    row = await User.select(User.password_hash).where(User.id == user_id).first()
    if row is None or not verify_password(row["password_hash"], current):
        raise AccountError(N_("The current password is wrong."))
    problem = password_problem(new, again)
    if problem:
        raise AccountError(problem)
    await User.update({User.password_hash: hash_password(new)}).where(User.id == user_id)
    await Session.delete().where((Session.user == user_id) & (Session.token_digest != digest(keep_token)))


async def request_password_reset(email: str, now: datetime) -> None:
    """Mail a one-time reset link if an active account has this e-mail (silently nothing otherwise)."""
    row = await User.select(User.id, User.email).where(
        (User.email == normalise_email(email)) & (User.is_active == True)  # noqa: E712
    ).first()
    if row is None:
        return
    token = secrets.token_urlsafe(32)
    await PasswordReset.insert(
        PasswordReset(token_digest=digest(token), user=row["id"], created_at=now, expires_at=now + RESET_VALIDITY)
    )
    link = f"{get_settings().base_url}/haslo/nowe/{token}"
    await send_mail(
        row["email"],
        _("Setting a new password"),
        _("Someone asked to set a new password for your account. If it was you, open this link within two hours:")
        + f"\n\n{link}\n\n"
        + _("If it was not you, ignore this message: your password stays as it is."),
    )


async def reset_is_valid(token: str, now: datetime) -> bool:
    """Whether a reset link can still be used."""
    row = await PasswordReset.select(PasswordReset.expires_at, PasswordReset.used_at).where(
        PasswordReset.token_digest == digest(token)
    ).first()
    return bool(row) and row["used_at"] is None and row["expires_at"] > now


async def reset_password(token: str, new: str, again: str, now: datetime) -> None:
    """Set a new password through a valid reset link; the link then expires, sessions end."""
    row = await PasswordReset.select().where(PasswordReset.token_digest == digest(token)).first()
    if row is None or row["used_at"] is not None or row["expires_at"] <= now:
        raise AccountError(N_("This link has expired or was already used. Ask for a new one."))
    problem = password_problem(new, again)
    if problem:
        raise AccountError(problem)
    async with User._meta.db.transaction():
        await User.update(
            {User.password_hash: hash_password(new), User.failed_sign_ins: 0, User.locked_until: None}
        ).where(User.id == row["user"])
        await PasswordReset.update({PasswordReset.used_at: now}).where(PasswordReset.id == row["id"])
        await Session.delete().where(Session.user == row["user"])
