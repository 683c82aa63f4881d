"""Password hashing with Argon2id and the rules a new password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from consult.lib.i18n import N_

_HASHER = PasswordHasher()
MIN_LENGTH = 10
MAX_LENGTH = 256
# A dummy hash so that unknown e-mails take as long to refuse as wrong passwords.
_DUMMY = _HASHER.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches; an empty or broken hash never matches."""
    try:
        return _HASHER.verify(password_hash or _DUMMY, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(password_hash)


def password_problem(password: str, again: str | None = None) -> str | None:
    """Why a new password is not acceptable (a message id), or None."""
    if len(password) < MIN_LENGTH:
        return N_("The password must have at least 10 characters.")
    if len(password) > MAX_LENGTH:
        return N_("The password is too long: at most 256 characters.")
    if password.isdigit() or len(set(password)) < 4:
        return N_("This password is too easy to guess.")
    if again is not None and password != again:
        return N_("The two passwords are not the same.")
    return None
