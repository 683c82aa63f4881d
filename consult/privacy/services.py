"""Finding, exporting and anonymising the personal data tied to an e-mail, and retention."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta
from typing import Any

from consult.accounts.mail import send_mail
from consult.accounts.tables import Membership, PasswordReset, Session, User
from consult.audit import services as audit
from consult.comments.tables import Comment, Support
from consult.consultations.tables import Consultation
from consult.lib import clock
from consult.moderation.tables import Flag
from consult.settings import get_settings

LINK_VALIDITY = timedelta(hours=1)
COMMENT_FIELDS = (
    Comment.id, Comment.reference, Comment.consultation.slug, Comment.consultation.title, Comment.created_at, Comment.remark,
    Comment.proposal, Comment.justification, Comment.submitter_kind, Comment.submitter_name,
    Comment.show_name, Comment.email, Comment.status, Comment.anonymised_at,
)
ERASED = {Comment.submitter_name: "", Comment.show_name: False, Comment.email: ""}


def normalise(email: str) -> str:
    """E-mails are compared casefolded and trimmed."""
    return email.strip().casefold()


def _sign(payload: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, b"privacy:" + payload.encode(), hashlib.sha256).hexdigest()[:40]


def make_token(email: str, now: datetime) -> str:
    """A signed link token naming the e-mail and its expiry: no table needed."""
    expires = int((now + LINK_VALIDITY).timestamp())
    payload = f"{base64.urlsafe_b64encode(normalise(email).encode()).decode().rstrip('=')}.{expires}"
    return f"{payload}.{_sign(payload)}"


def read_token(token: str, now: datetime) -> str | None:
    """The e-mail a valid, unexpired token names, else None."""
    try:
        encoded, expires, signature = token.split(".")
        payload = f"{encoded}.{expires}"
        if not hmac.compare_digest(signature, _sign(payload)) or int(expires) < now.timestamp():
            return None
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


async def mail_link(email: str, now: datetime, base_url: str) -> None:
    """Mail a link to the data held for this e-mail (sent even if we hold none: no enumeration);
    `base_url` is the address the app is served on (see consult.lib.web.public_base_url)."""
    email = normalise(email)
    url = f"{base_url.rstrip('/')}/moje-dane/{make_token(email, now)}"
    body = (
        "Ktoś (zapewne Ty) poprosił o dostęp do danych osobowych związanych z tym adresem e-mail "
        f"w serwisie konsultacji społecznych.\n\nLink jest ważny przez godzinę:\n{url}\n\n"
        "Jeśli to nie Ty, zignoruj tę wiadomość."
    )
    await send_mail(email, "Twoje dane w konsultacjach społecznych", body)


def _like(email: str):  # type: ignore[no-untyped-def]
    """A case-insensitive match (SQLite's LIKE already ignores ASCII case; ILIKE would warn)."""
    return Comment.email.like(email) if Comment._meta.db.engine_type == "sqlite" else Comment.email.ilike(email)


async def data_of(email: str) -> dict[str, Any]:
    """Everything we hold tied to this e-mail: the account (if any) and the comments."""
    email = normalise(email)
    account = await User.select(
        User.id, User.email, User.full_name, User.is_admin, User.is_active, User.created_at, User.last_sign_in_at
    ).where(User.email == email).first()
    comments = [] if not email else [c for c in await Comment.select(*COMMENT_FIELDS).where(
        _like(email)  # LIKE's wildcards may match more: keep exact matches only
    ).order_by(Comment.created_at) if normalise(c["email"]) == email]
    from consult.notifications.services import subscriptions_of

    return {"email": email, "account": account, "comments": comments,
            "subscriptions": await subscriptions_of([c["id"] for c in comments])}


async def erase(email: str, now: datetime) -> dict[str, int]:
    """Anonymise the comments tied to the e-mail and erase the account's personal fields."""
    email = normalise(email)
    ids = [c["id"] for c in (await data_of(email))["comments"]]
    if ids:
        from consult.notifications.services import forget

        await forget(ids)
        await Comment.update({**ERASED, Comment.anonymised_at: now}).where(Comment.id.is_in(ids))
    account = await User.select(User.id).where(User.email == email).first()
    if account:
        uid = account["id"]
        await Session.delete().where(Session.user == uid)
        await PasswordReset.delete().where(PasswordReset.user == uid)
        await Membership.delete().where(Membership.user == uid)
        await User.update({
            User.email: f"usuniete-{uid}@invalid", User.full_name: "", User.password_hash: "",
            User.is_active: False, User.is_admin: False,
        }).where(User.id == uid)
    counts = {"comments": len(ids), "accounts": 1 if account else 0}
    if ids or account:
        await audit.record(None, "privacy.erase", "person", account["id"] if account else 0, after=counts)
    return counts


def retention_months() -> int:
    """N of the retention period, from CONSULT_RETENTION_MONTHS (default 12)."""
    return get_settings().retention_months


async def retention(months: int, now: datetime, dry_run: bool = False) -> int:
    """Anonymise submitters of consultations whose report is older than `months`; returns how many.

    The pseudonymous digests kept to count one support and one flag per person go too (the
    support and the flag stay counted), and so do the notes residents wrote with their flags.
    """
    cutoff = now - timedelta(days=round(months * 30.44))
    old = [r["id"] for r in await Consultation.select(Consultation.id).where(
        Consultation.report_published_at.is_not_null() & (Consultation.report_published_at < cutoff)
    )]
    if not old:
        return 0
    due = Comment.consultation.is_in(old) & Comment.anonymised_at.is_null()
    count = await Comment.count().where(due)
    if not dry_run:
        async with Comment._meta.db.transaction():
            if count:
                await Comment.update({**ERASED, Comment.anonymised_at: now}).where(due)
            await _forget_digests(old)
    return count


async def _forget_digests(consultations: list[int]) -> None:
    """Replace the per-person keys of supports and flags by row numbers; drop flag notes."""
    marks = ", ".join("{}" for _ in consultations)
    of_comments = f"comment IN (SELECT id FROM comment WHERE consultation IN ({marks}))"
    # `||` concatenates on both engines; the row id keeps each key unique (and a rerun idempotent).
    await Support.raw(
        f"UPDATE support SET key = CAST(comment AS TEXT) || ':r' || CAST(id AS TEXT) WHERE {of_comments}",
        *consultations)
    await Flag.raw(
        f"UPDATE flag SET reporter = '', note = '', key = CAST(comment AS TEXT) || ':r' || CAST(id AS TEXT) "
        f"WHERE {of_comments}", *consultations)


def now() -> datetime:
    """The clock, for controllers and the CLI."""
    return clock.now()
