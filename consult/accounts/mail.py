"""Outgoing e-mail: every message is kept in the outbox, and sent through SMTP when configured."""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage

from consult.accounts.tables import OutboxMessage
from consult.lib import clock
from consult.settings import get_settings


def _send_smtp(recipient: str, subject: str, body: str) -> None:
    settings = get_settings()
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = recipient
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


async def send_mail(recipient: str, subject: str, body: str) -> int:
    """Queue a message in the outbox and send it if SMTP is set; returns the outbox id."""
    row = await OutboxMessage.insert(
        OutboxMessage(recipient=recipient, subject=subject, body=body, created_at=clock.now())
    ).returning(OutboxMessage.id)
    message_id = row[0]["id"]
    if get_settings().smtp_host:
        try:
            await asyncio.to_thread(_send_smtp, recipient, subject, body)
        except (OSError, smtplib.SMTPException) as exc:
            await OutboxMessage.update({OutboxMessage.error: str(exc)[:500]}).where(OutboxMessage.id == message_id)
        else:
            await OutboxMessage.update({OutboxMessage.sent_at: clock.now()}).where(OutboxMessage.id == message_id)
    return message_id
