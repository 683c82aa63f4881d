"""Tables of accounts: users, their roles in offices, sessions, password resets, sign-in throttles,
outgoing mail."""

from __future__ import annotations

from enum import Enum

from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from consult.consultations.tables import Office


class Role(str, Enum):
    """What a person may do in an office. A user with no role is a resident."""

    official = "official"  # reviews the consultations of the office
    office_head = "office_head"  # also opens/closes consultations and publishes reports


class User(Table, tablename="account_user"):
    """A person who signs in: a resident, an official, an office head or an administrator."""

    email = Varchar(length=254, unique=True, index=True)  # stored casefolded
    full_name = Varchar(length=200, default="")
    password_hash = Varchar(length=255, default="")
    is_admin = Boolean(default=False)
    is_active = Boolean(default=True)
    failed_sign_ins = Integer(default=0)
    locked_until = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    last_sign_in_at = Timestamptz(null=True, default=None)


class Membership(Table):
    """A user's role in an office; "office:user" is unique."""

    user = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    office = ForeignKey(references=Office, index=True, on_delete=OnDelete.cascade)
    role = Varchar(length=16, choices=Role, default=Role.official)
    key = Varchar(length=40, unique=True)  # f"{office}:{user}"


class Session(Table, tablename="account_session"):
    """A signed-in browser; the cookie holds a random token, the table only its digest."""

    token_digest = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    user_agent = Varchar(length=255, default="")


class PasswordReset(Table):
    """A one-time password-reset link; the mail holds the token, the table its digest."""

    token_digest = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SignInThrottle(Table):
    """Failed sign-ins counted per client and per e-mail-and-client (whether or not the account
    exists), and until when the next attempt waits; keys are keyed digests, never the e-mail."""

    key = Varchar(length=64, unique=True)
    failures = Integer(default=0)
    blocked_until = Timestamptz(null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow(), index=True)


class OutboxMessage(Table):
    """Outgoing e-mail: sent through SMTP when configured, and always readable here."""

    recipient = Varchar(length=254)
    subject = Varchar(length=255)
    body = Text()
    created_at = Timestamptz(default=TimestamptzNow())
    sent_at = Timestamptz(null=True, default=None)
    error = Text(default="")
