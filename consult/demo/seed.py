"""Put the demo consultations and their comments into the database (idempotent, reproducible)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from consult.comments.services import reference_for
from consult.comments.tables import Comment, CommentStatus, Support
from consult.consultations.schemas import ConsultationInput, SectionInput
from consult.consultations.services import create_consultation, create_document, ensure_office
from consult.consultations.tables import Consultation, Section
from consult.demo.specs import ConsultationSpec, SectionSpec
from consult.lib.text import fold
from consult.settings import get_settings


DEMO_PASSWORD = "demo-konsultacje-2026"


@dataclass(slots=True)
class SeedReport:
    """What seeding did: which consultations were created and how many comments each got."""

    created: dict[str, int]
    skipped: list[str]
    accounts: list[tuple[str, str]] = field(default_factory=list)
    password: str = DEMO_PASSWORD


OTHER_OFFICE = ("Biuro Polityki Zdrowotnej", "ul. Przykładowa 1, 00-001 Warszawa")
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str], ...] = (
    # e-mail, name, role, office ("main" = the strategy's office, "other" = another office)
    ("admin@example.org", "Administrator Demo", "admin", ""),
    ("kierownik@example.org", "Katarzyna Kierownik (demo)", "office_head", "main"),
    ("urzednik@example.org", "Tomasz Urzędnik (demo)", "official", "main"),
    ("urzednik.inny@example.org", "Olga Inna (demo)", "official", "other"),
    ("mieszkanka@example.org", "Maria Mieszkanka (demo)", "resident", ""),
)


async def seed_accounts(demo_office_ids: list[int]) -> list[tuple[str, str]]:
    """Demo accounts for each role (created once); "main" roles hold in every demo office."""
    from consult.accounts.services import create_user, grant_role
    from consult.accounts.tables import User

    other_office_id = await ensure_office(*OTHER_OFFICE)
    created: list[tuple[str, str]] = []
    for email, name, role, office in DEMO_ACCOUNTS:
        if not await User.exists().where(User.email == email):
            user_id = await create_user(email, DEMO_PASSWORD, name, is_admin=role == "admin")
            for office_id in (demo_office_ids if office == "main" else [other_office_id] if office else []):
                await grant_role(user_id, office_id, role)
        where = "offices of the demo consultations" if office == "main" else OTHER_OFFICE[0]
        created.append((email, role + (f" ({where})" if office else "")))
    return created


def _sections(specs: tuple[SectionSpec, ...]) -> list[SectionInput]:
    return [SectionInput(s.number, s.title, s.kind, s.body_html, _sections(s.children)) for s in specs]


def _start_of_day(moment: datetime, tz: str) -> datetime:
    local = moment.astimezone(ZoneInfo(tz))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


async def seed_consultation(spec: ConsultationSpec, comments: list, now: datetime) -> int:  # type: ignore[type-arg]
    """Create one demo consultation with its draft and comments; returns the number of comments."""
    settings = get_settings()
    office_id = await ensure_office(
        spec.office.name, spec.office.address, spec.office.email, spec.office.phone, spec.office.website
    )
    opens_at = _start_of_day(now - timedelta(days=spec.opened_days_ago), settings.timezone)
    closes_at = (opens_at + timedelta(days=spec.duration_days)).replace(hour=23, minute=59, second=59)
    consultation_id = await create_consultation(
        ConsultationInput(
            slug=spec.slug, title=spec.title, office_id=office_id, opens_at=opens_at, closes_at=closes_at,
            status=spec.status, lead=spec.lead, description_html=spec.description_html,
            legal_basis=spec.legal_basis, who_may_participate=spec.who_may_participate,
            how_to_participate_html=spec.how_to_participate_html, contact_name=spec.contact_name,
            contact_email=spec.contact_email, contact_phone=spec.contact_phone, is_demo=True,
        )
    )
    document_id = await create_document(consultation_id, spec.document_title, _sections(spec.sections))
    rows = await Section.select(Section.id, Section.number, Section.body_text).where(Section.document == document_id)
    by_number = {r["number"]: r for r in rows}
    last_moment = min(now, closes_at)
    async with Comment._meta.db.transaction():
        for index, c in enumerate(comments):
            section = by_number[c.section_number]
            created = min(opens_at + timedelta(hours=c.created_hours_after_open), last_moment)
            start = section["body_text"].find(c.quote) if c.quote else -1
            inserted = await Comment.insert(
                Comment(
                    consultation=consultation_id, section=section["id"], document_version=1,
                    submission_key=f"demo-{spec.slug}-{index}"[:64], quote_text=c.quote,
                    quote_start=start if start >= 0 else None,
                    quote_end=start + len(c.quote) if start >= 0 else None,
                    remark=c.remark, proposal=c.proposal, justification=c.justification,
                    submitter_kind=c.submitter_kind, submitter_name=c.submitter_name,
                    show_name=c.show_name, email=c.email, language=c.language,
                    status=CommentStatus.published, support_count=c.supports,
                    search_text=fold(" ".join((c.remark, c.proposal, c.justification))),
                    is_demo=True, created_at=created,
                )
            ).returning(Comment.id)
            comment_id = inserted[0]["id"]
            await Comment.update(
                {Comment.reference: reference_for(comment_id, created, settings.reference_prefix, settings.timezone)}
            ).where(Comment.id == comment_id)
            if c.supports:
                await Support.insert(
                    *[Support(comment=comment_id, key=f"{comment_id}:demo-{n}", created_at=created)
                      for n in range(c.supports)]
                )
    return len(comments)


async def seed_demo(now: datetime, seed: int = 2026) -> SeedReport:
    """Create every demo consultation that is not in the database yet."""
    from consult.demo.comments import comments_for
    from consult.demo.content import consultations

    report = SeedReport(created={}, skipped=[])
    for spec in consultations():
        if await Consultation.exists().where(Consultation.slug == spec.slug):
            report.skipped.append(spec.slug)
            continue
        report.created[spec.slug] = await seed_consultation(spec, comments_for(spec, seed), now)
    offices = {spec.office.name: spec.office for spec in consultations()}
    report.accounts = await seed_accounts([await ensure_office(o.name, o.address) for o in offices.values()])
    return report
