"""Consultation use cases on both engines: phases, the home order, the draft's tree, versions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from consult.consultations import services
from consult.consultations.schemas import Phase, SectionInput
from consult.consultations.tables import Document, Section
from consult.lib.clock import now
from tests.factories import add_comment, make_consultation

T0 = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


def test_phase_follows_status_and_clock() -> None:
    opens, closes = T0, T0 + timedelta(days=35)
    assert services.phase_of("open", opens, closes, T0 - timedelta(seconds=1)) is Phase.upcoming
    assert services.phase_of("open", opens, closes, T0) is Phase.open
    assert services.phase_of("open", opens, closes, closes - timedelta(seconds=1)) is Phase.open
    assert services.phase_of("open", opens, closes, closes) is Phase.closed
    assert services.phase_of("closed", opens, closes, T0 + timedelta(days=1)) is Phase.closed
    assert services.phase_of("draft", opens, closes, T0 + timedelta(days=1)) is Phase.draft
    assert services.phase_of("report_published", opens, closes, closes) is Phase.reported


async def test_home_order_and_counts(db: str) -> None:
    await make_consultation("a-otwarte-dlugo", opened=timedelta(days=1), duration=timedelta(days=60))
    await make_consultation("b-otwarte-krotko", opened=timedelta(days=1), duration=timedelta(days=36))
    await make_consultation("c-przyszle", opened=timedelta(days=-2), duration=timedelta(days=40))
    await make_consultation("d-stare", opened=timedelta(days=100), duration=timedelta(days=40))
    await make_consultation("e-nowsze-zamkniete", opened=timedelta(days=50), duration=timedelta(days=40))
    await make_consultation("f-szkic", status="draft")
    await add_comment("b-otwarte-krotko", "3.1", "Jedna")
    listed = await services.list_public_consultations(now())
    assert [c.slug for c in listed] == [
        "b-otwarte-krotko", "a-otwarte-dlugo", "c-przyszle", "e-nowsze-zamkniete", "d-stare",
    ]
    assert listed[0].comment_count == 1 and listed[0].days_left == 35
    assert listed[0].days_total == 36


async def test_tree_order_parents_and_section_navigation(db: str) -> None:
    await make_consultation()
    detail = await services.get_consultation("strategia", now())
    assert detail is not None
    assert [n.label for n in detail.flat_sections()] == [
        "Wprowadzenie", "3 Integracja i reintegracja społeczna i zawodowa",
        "3.1 Rozwój usług reintegracji", "3.2 Wsparcie osób w kryzysie bezdomności",
    ]
    goal = detail.sections[1]
    assert [c.number for c in goal.children] == ["3.1", "3.2"]
    section = await services.get_section("strategia", goal.children[1].id, now())
    assert section is not None
    assert [t.number for t in section.trail] == ["3"]
    assert section.previous is not None and section.previous.number == "3.1"
    assert section.next is None
    assert section.body_text == "Mieszkanie najpierw jako model wsparcia."


async def test_section_html_is_sanitised_and_plain_text_kept(db: str) -> None:
    cid = await make_consultation()
    await services.create_document(cid, "Wersja 2", [SectionInput(
        "1", "Zły HTML", "chapter",
        '<p onclick="x()">Tekst <script>alert(1)</script><a href="javascript:alert(1)">link</a></p><img src="x.png">',
    )])
    rows = await Section.select(Section.body_html, Section.body_text).where(Section.title == "Zły HTML")
    assert "script" not in rows[0]["body_html"] and "onclick" not in rows[0]["body_html"]
    assert "javascript:" not in rows[0]["body_html"] and "<img" not in rows[0]["body_html"]
    assert rows[0]["body_text"] == "Tekst link"


async def test_new_document_version_becomes_current(db: str) -> None:
    cid = await make_consultation()
    await services.create_document(cid, "Projekt, wersja 2", [SectionInput("1", "Nowy rozdział", "chapter")])
    versions = await Document.select(Document.version, Document.is_current).where(Document.consultation == cid).order_by(Document.version)
    assert [(v["version"], v["is_current"]) for v in versions] == [(1, False), (2, True)]
    detail = await services.get_consultation("strategia", now())
    assert detail is not None and detail.document_version == 2
    assert [n.title for n in detail.flat_sections()] == ["Nowy rozdział"]


async def test_closing_before_opening_is_refused(db: str) -> None:
    import pytest

    from consult.consultations.schemas import ConsultationInput

    office = await services.ensure_office("Biuro")
    with pytest.raises(ValueError):
        await services.create_consultation(ConsultationInput(
            slug="zle", title="Złe daty", office_id=office, opens_at=T0, closes_at=T0,
        ))
