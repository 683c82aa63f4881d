"""Builders of consultations, drafts and comments for tests, through the services themselves."""

from __future__ import annotations

from datetime import datetime, timedelta

from consult.comments.schemas import CommentForm, validate_comment
from consult.comments.services import new_submission_key, submit_comment
from consult.consultations.schemas import ConsultationInput, SectionInput
from consult.consultations.services import create_consultation, create_document, ensure_office, get_section
from consult.lib.clock import now as clock_now

SECTION_BODY = (
    "<p>Miasto wspiera <strong>Miejsca Aktywności Lokalnej</strong> w każdej dzielnicy.</p>"
    "<ul><li>Rozwój klubów integracji społecznej.</li><li>Wsparcie dla seniorów.</li></ul>"
)


def draft() -> list[SectionInput]:
    """A small strategy tree: an introduction, goal 3 with 3.1 and 3.2."""
    return [
        SectionInput("", "Wprowadzenie", "part", "<p>Strategia na lata 2021–2030.</p>"),
        SectionInput(
            "3", "Integracja i reintegracja społeczna i zawodowa", "strategic_goal", "<p>Cel strategiczny 3.</p>",
            [
                SectionInput("3.1", "Rozwój usług reintegracji", "specific_goal", SECTION_BODY),
                SectionInput("3.2", "Wsparcie osób w kryzysie bezdomności", "specific_goal",
                             "<p>Mieszkanie najpierw jako model wsparcia.</p>"),
            ],
        ),
    ]


async def make_consultation(
    slug: str = "strategia",
    *,
    opened: timedelta = timedelta(days=10),
    duration: timedelta = timedelta(days=45),
    status: str = "open",
    moderation: str = "post",
    now: datetime | None = None,
) -> int:
    """An office, a consultation opened `opened` ago, and its draft; returns the consultation id."""
    now = now or clock_now()
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych", "ul. Leona Kruczkowskiego 2, 00-412 Warszawa")
    cid = await create_consultation(
        ConsultationInput(
            slug=slug, title=f"Strategia ({slug})", office_id=office, opens_at=now - opened,
            closes_at=now - opened + duration, status=status, lead="Projekt strategii.",
            moderation=moderation,
        )
    )
    await create_document(cid, "Projekt strategii", draft())
    return cid


async def section_id(slug: str, number: str) -> int:
    """The id of the section with that number in the consultation's current draft."""
    from consult.consultations.services import get_consultation

    detail = await get_consultation(slug, clock_now())
    assert detail is not None
    return next(n.id for n in detail.flat_sections() if n.number == number)


async def add_comment(slug: str, number: str, remark: str, **fields: str) -> str:
    """Submit a comment through the service; returns its reference."""
    sid = await section_id(slug, number)
    section = await get_section(slug, sid, clock_now())
    assert section is not None
    clean = validate_comment(CommentForm(remark=remark, **fields), section.body_text, fallback_key=new_submission_key())
    outcome = await submit_comment(section, clean, clock_now(), prefix="KS", tz="Europe/Warsaw")  # type: ignore[arg-type]
    return outcome.comment.reference
