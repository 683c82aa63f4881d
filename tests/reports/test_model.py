"""The report model built from the database (both engines): facts, statistics, sections, the comment table."""

from __future__ import annotations

from consult.comments.tables import Comment
from consult.lib.clock import now
from consult.reports import redaction, services
from tests.reports.conftest import PESEL, SLUG, Seeded, pl


async def test_statistics_and_table(seeded: Seeded) -> None:
    report = await services.build_report(SLUG, now())
    s = report.statistics
    assert s.comments == 9 and s.hidden == 1
    # One per distinct e-mail, else distinct name, else per comment: 2 e-mails + 2 names + 5 others.
    assert s.participants == 9
    assert [(h.reference, h.reason) for h in s.hidden_comments] == [(seeded.refs["hidden"], "offensive")]
    assert {c.key: c.count for c in s.by_kind} == {"resident": 8, "ngo": 1}
    assert {c.key: c.count for c in s.positions} == {"accepted": 6, "rejected": 1, "missing": 2}
    assert s.campaigns[0].size == 3 and set(s.campaigns[0].references) == {
        seeded.refs["campaign1"], seeded.refs["campaign2"], seeded.refs["campaign3"]}
    assert sum(n for _d, n in s.by_day) == 9
    # The form letter is one row with its count; the hidden comment is not in the table.
    assert len(report.comments) == 7 and [r.lp for r in report.comments] == list(range(1, 8))
    rows = {r.reference: r for r in report.comments}
    assert seeded.refs["hidden"] not in rows
    campaign = next(r for r in report.comments if r.campaign_size)
    assert campaign.campaign_size == 3 and len(campaign.campaign_references) == 3
    assert rows[seeded.refs["ngo"]].submitter == "Fundacja Ławka"
    assert rows[seeded.refs["named"]].submitter == "Zofia Źdźbło"
    assert rows[seeded.refs["anonymous_name"]].submitter == pl("private person") or rows[
        seeded.refs["anonymous_name"]].submitter == "private person"
    plain = rows[seeded.refs["plain"]]
    assert plain.quote == "Rozwój klubów integracji społecznej." and plain.proposal == "Dodać zapis o żłobkach."
    assert plain.position == "accepted" and "zapis zostanie uzupełniony" in plain.position_justification
    assert rows[seeded.refs["anonymous_name"]].position == ""


async def test_personal_data_redacted_and_originals_kept(seeded: Seeded) -> None:
    report = await services.build_report(SLUG, now())
    row = next(r for r in report.comments if r.reference == seeded.refs["personal"])
    assert PESEL not in row.remark and "600 123 456" not in row.remark and "Kowalski" not in row.remark
    assert "[PESEL]" in row.remark and "[TELEFON]" in row.remark
    original = await Comment.select(Comment.remark).where(Comment.reference == seeded.refs["personal"]).first()
    assert PESEL in original["remark"]
    assert await redaction.pending_count(seeded.consultation_id) >= 1


async def test_official_corrects_a_redaction(seeded: Seeded) -> None:
    await services.build_report(SLUG, now())
    items = await redaction.items(seeded.consultation_id, reference=seeded.refs["personal"])
    item = items[0]
    kinds = [s["kind"] for s in item.spans]
    assert "PESEL" in kinds and "PHONE" in kinds
    keep = {i for i, s in enumerate(item.spans) if s["kind"] != "PHONE"}  # the official rejects one suggestion
    assert await redaction.confirm(seeded.official, seeded.consultation_id, seeded.office_id, item.comment_id,
                                   keep, None, now())
    row = next(r for r in (await services.build_report(SLUG, now())).comments if r.reference == seeded.refs["personal"])
    assert "600 123 456" in row.remark and PESEL not in row.remark
    edited = {"remark": "Tekst poprawiony ręcznie przez urzędnika."}
    await redaction.confirm(seeded.official, seeded.consultation_id, seeded.office_id, item.comment_id, set(), edited, now())
    row = next(r for r in (await services.build_report(SLUG, now())).comments if r.reference == seeded.refs["personal"])
    assert row.remark == edited["remark"]
    # A comment changed afterwards is suggested again rather than published with a stale redaction.
    await Comment.update({Comment.remark: f"Nowy tekst z PESEL {PESEL}"}).where(Comment.id == item.comment_id)
    await redaction.suggest_missing(seeded.consultation_id)
    again = (await redaction.items(seeded.consultation_id, reference=seeded.refs["personal"]))[0]
    assert again.status == redaction.SUGGESTED and PESEL not in again.texts["remark"]


async def test_sections_themes_and_changes(seeded: Seeded) -> None:
    report = await services.build_report(SLUG, now())
    assert report.facts.document_versions == 2
    by_number = {s.number: s for s in report.sections}
    assert set(by_number) == {"", "3", "3.1", "4"}
    assert [c.kind for c in by_number["3.1"].changes] == ["changed"]
    assert [c.kind for c in by_number["4"].changes] == ["added"]
    assert any(c.kind == "removed" and c.label.startswith("3.2") for c in report.sections[0].changes)
    assert by_number["3.1"].themes[0].label == "kluby integracji" and by_number["3.1"].comments == 2
    assert {c.key: c.count for c in by_number["3.1"].sentiment} == {"negative": 1, "positive": 1}
    # Comments on a section removed from the draft are still counted, under their own label.
    assert sum(c.count for c in report.statistics.by_section) == 9


async def test_deadline_and_short_consultation_warning() -> None:
    from datetime import timedelta

    moment = now()
    d = services.deadline("closed", moment - timedelta(days=40), moment - timedelta(days=25), moment)
    assert d.warn and not d.overdue and d.days_left == 5 and d.too_short  # 16 days open
    ok = services.deadline("open", moment - timedelta(days=1), moment + timedelta(days=40), moment)
    assert not ok.warn and not ok.too_short and ok.days_open >= 35
    late = services.deadline("closed", moment - timedelta(days=80), moment - timedelta(days=31), moment)
    assert late.overdue
    assert not services.deadline("report_published", moment - timedelta(days=80), moment - timedelta(days=31), moment).warn


async def test_a_summary_sentence_in_another_language_is_marked_in_the_report(seeded: Seeded) -> None:
    from consult.review.tables import Theme

    await Theme.update({Theme.summary: ["Mieszkańcy chcą więcej klubów.",
                                        {"text": "Residents want more clubs, call 600 123 456.", "language": "en"}]}).where(
        Theme.key == "t1")
    report = await services.build_report(SLUG, now())
    [theme] = {s.number: s for s in report.sections}["3.1"].themes
    assert theme.summary == ["Mieszkańcy chcą więcej klubów.", "Residents want more clubs, call [TELEFON]. (angielski)"]

async def test_names_the_draft_uses_are_not_suggested_as_persons(seeded: Seeded) -> None:
    from consult.consultations.tables import Document, Section

    async def suggested(remark: str) -> list[str]:
        await Comment.update({Comment.remark: remark}).where(Comment.reference == seeded.refs["plain"])
        await redaction.suggest_missing(seeded.consultation_id)
        item = (await redaction.items(seeded.consultation_id, reference=seeded.refs["plain"]))[0]
        return [s["text"] for s in item.spans if s["kind"] == "PERSON"]

    assert await suggested("Ławki od strony Mickiewicza są zniszczone, pisze Anna Nowak.") == ["Mickiewicza", "Anna Nowak"]
    current = await Document.select(Document.id).where(
        (Document.consultation == seeded.consultation_id) & (Document.is_current == True)).first()  # noqa: E712
    section = await Section.select(Section.id, Section.body_text).where(Section.document == current["id"]).first()
    await Section.update({Section.body_text: section["body_text"] + " Remont Parku im. Adama Mickiewicza."}).where(
        Section.id == section["id"])
    assert await suggested("Ławki od strony Mickiewicza są zniszczone, pisze Anna Nowak!") == ["Anna Nowak"]
