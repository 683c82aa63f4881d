"""The consultation's public information as the office edits it: what it is about, how and who may
take part, the legal basis, the contact person and the dates; validated and audited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from lxml import html as lxml_html

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.consultations.tables import Consultation, ConsultationStatus
from consult.lib.deadlines import MIN_DAYS, local
from consult.lib.errors import Refused
from consult.lib.i18n import N_
from consult.lib.text import sanitise_html
from consult.settings import get_settings

# Longest text kept per field (characters); the form says so and the server names a longer one.
LIMITS = {"lead": 1000, "description": 20000, "how_to_participate": 10000, "who_may_participate": 2000,
          "legal_basis": 2000, "contact_name": 200, "contact_email": 254, "contact_phone": 64}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class DetailsErrors(Refused):
    """A form to correct: field name → message."""

    status = 400

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(N_("Please correct the form."))
        self.errors = errors


@dataclass
class DetailsForm:
    """The form as typed: the two long texts in a light Markdown (paragraphs, "- " lists, links)."""

    lead: str = ""
    description: str = ""
    how_to_participate: str = ""
    who_may_participate: str = ""
    legal_basis: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    opens_on: str = ""
    closes_on: str = ""
    confirm_short: str = ""


@dataclass(slots=True)
class DetailsPage:
    """What the edit page needs besides the form."""

    slug: str
    title: str
    status: str
    dates_locked: bool  # the report is published: its dates are a fact now


def _inline(element: Any) -> str:
    """An element's content as light Markdown: bold, italics and links kept, spaces collapsed."""
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        inner = _inline(child)
        if tag in {"strong", "b"} and inner.strip():
            parts.append(f"**{inner.strip()}**")
        elif tag in {"em", "i"} and inner.strip():
            parts.append(f"*{inner.strip()}*")
        elif tag == "a" and child.get("href"):
            parts.append(f"[{inner.strip()}]({child.get('href')})")
        elif tag == "br":
            parts.append(" ")
        else:
            parts.append(inner)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def html_to_text(value: str) -> str:
    """Stored HTML as the light Markdown the form edits: paragraphs apart, list items as "- ",
    bold, italics and links kept, so that saving the form again loses nothing."""
    if not value.strip():
        return ""
    root = lxml_html.fragment_fromstring(value, create_parent="div")
    blocks: list[str] = []
    if root.text and root.text.strip():
        blocks.append(" ".join(root.text.split()))
    for element in root:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in {"ul", "ol"}:
            blocks.append("\n".join(f"- {_inline(li)}" for li in element.iter("li")))
        else:
            text = _inline(element)
            if text:
                blocks.append(text)
        if element.tail and element.tail.strip():
            blocks.append(" ".join(element.tail.split()))
    return "\n\n".join(blocks)


def text_to_html(value: str) -> str:
    """The form's light Markdown as sanitised HTML (raw HTML typed in is shown as text)."""
    from markdown_it import MarkdownIt

    if not value.strip():
        return ""
    return sanitise_html(MarkdownIt("commonmark", {"html": False}).render(value.replace("\r\n", "\n")))


def form_of(row: dict[str, Any]) -> DetailsForm:
    """The form filled from a stored consultation."""
    return DetailsForm(
        lead=row["lead"], description=html_to_text(row["description_html"]),
        how_to_participate=html_to_text(row["how_to_participate_html"]),
        who_may_participate=row["who_may_participate"], legal_basis=row["legal_basis"],
        contact_name=row["contact_name"], contact_email=row["contact_email"], contact_phone=row["contact_phone"],
        opens_on=local(row["opens_at"]).date().isoformat(), closes_on=local(row["closes_at"]).date().isoformat(),
    )


_COLUMNS = (Consultation.id, Consultation.slug, Consultation.title, Consultation.status, Consultation.office,
            Consultation.lead, Consultation.description_html, Consultation.how_to_participate_html,
            Consultation.who_may_participate, Consultation.legal_basis, Consultation.contact_name,
            Consultation.contact_email, Consultation.contact_phone, Consultation.opens_at, Consultation.closes_at)


async def _row(slug: str) -> dict[str, Any] | None:
    return await Consultation.select(*_COLUMNS).where(Consultation.slug == slug).first()


async def details_of(slug: str) -> tuple[DetailsPage, DetailsForm] | None:
    """The edit page of a consultation and its form as stored, or None if there is no such slug."""
    row = await _row(slug)
    if row is None:
        return None
    return _page(row), form_of(row)


def _page(row: dict[str, Any]) -> DetailsPage:
    return DetailsPage(slug=row["slug"], title=row["title"], status=row["status"],
                       dates_locked=row["status"] == ConsultationStatus.report_published.value)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _check(form: DetailsForm, row: dict[str, Any]) -> tuple[datetime, datetime]:
    """The opening and closing moments of a valid form, or DetailsErrors naming each field."""
    errors: dict[str, str] = {}
    for name, limit in LIMITS.items():
        if len(getattr(form, name).strip()) > limit:
            errors[name] = N_("This field is too long.")
    email = form.contact_email.strip()
    if email and "contact_email" not in errors and not _EMAIL.fullmatch(email):
        errors["contact_email"] = N_("This does not look like an e-mail address.")
    opens, closes = _day(form.opens_on), _day(form.closes_on)
    old_opens, old_closes = local(row["opens_at"]), local(row["closes_at"])
    if row["status"] == ConsultationStatus.report_published.value:
        opens, closes = old_opens.date(), old_closes.date()  # the form shows them, but they are kept
    if opens is None:
        errors["opens_on"] = N_("Give the date the consultation opens.")
    if closes is None:
        errors["closes_on"] = N_("Give the date the consultation closes.")
    elif opens is not None and closes <= opens:
        errors["closes_on"] = N_("The consultation must close after it opens.")
    elif opens is not None and (closes - opens).days + 1 < MIN_DAYS and not form.confirm_short \
            and (opens, closes) != (old_opens.date(), old_closes.date()):
        errors["confirm_short"] = N_("The consultation would last less than 35 days. Strategies must be consulted for at least 35 days; tick the box to confirm a shorter period.")
    if errors:
        raise DetailsErrors(errors)
    assert opens is not None and closes is not None
    zone = ZoneInfo(get_settings().timezone)
    # An unchanged day keeps its stored moment (an import may have set another hour).
    opens_at = row["opens_at"] if opens == old_opens.date() else datetime.combine(opens, time.min, zone)
    closes_at = row["closes_at"] if closes == old_closes.date() else datetime.combine(closes, time(23, 59, 59), zone)
    return opens_at, closes_at


async def save_details(user: CurrentUser, slug: str, form: DetailsForm) -> list[str] | None:
    """Store the edited information; returns the names of the fields that changed (None: no such
    consultation). One audit entry keeps each changed field before and after."""
    async with Consultation._meta.db.transaction():
        row = await _row(slug)
        if row is None:
            return None
        opens_at, closes_at = _check(form, row)
        new: dict[Any, Any] = {
            Consultation.lead: form.lead.strip(),
            Consultation.description_html: text_to_html(form.description),
            Consultation.how_to_participate_html: text_to_html(form.how_to_participate),
            Consultation.who_may_participate: form.who_may_participate.strip(),
            Consultation.legal_basis: form.legal_basis.strip(),
            Consultation.contact_name: form.contact_name.strip(),
            Consultation.contact_email: form.contact_email.strip(),
            Consultation.contact_phone: form.contact_phone.strip(),
            Consultation.opens_at: opens_at,
            Consultation.closes_at: closes_at,
        }
        changed = {column: value for column, value in new.items() if row[column._meta.name] != value}
        if not changed:
            return []
        await Consultation.update(changed).where(Consultation.id == row["id"])

        def shown(value: Any) -> Any:
            return value.isoformat() if isinstance(value, datetime) else value

        names = [column._meta.name for column in changed]
        await record(user, "consultation.details", "consultation", slug, office_id=row["office"],
                     before={name: shown(row[name]) for name in names},
                     after={column._meta.name: shown(value) for column, value in changed.items()})
        return names

