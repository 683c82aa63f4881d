"""Publishing versions (both engines): refusals, frozen snapshots, corrections, status and audit."""

from __future__ import annotations

import hashlib

import pytest

from consult.audit.tables import AuditEntry
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation
from consult.lib.clock import now
from consult.reports import redaction, services
from consult.reports.tables import ReportFile
from consult.review.tables import Position, Theme
from tests.reports.conftest import SLUG, Seeded


async def _ready(seeded: Seeded) -> None:
    await redaction.suggest_missing(seeded.consultation_id)
    await redaction.confirm_all(seeded.official, seeded.consultation_id, seeded.office_id, now())


async def test_refused_while_redactions_wait_then_while_positions_missing(seeded: Seeded) -> None:
    with pytest.raises(services.ReportError) as waiting:
        await services.publish(seeded.head, SLUG, "", False, now())
    assert "redactions" in waiting.value.message
    await _ready(seeded)
    with pytest.raises(services.ReportError) as missing:
        await services.publish(seeded.head, SLUG, "", False, now())
    assert sorted(missing.value.missing) == sorted([seeded.refs["anonymous_name"], seeded.refs["campaign3"]])
    assert await ReportFile.count() == 0
    assert (await Consultation.select(Consultation.status).first())["status"] == "closed"
    number = await services.publish(seeded.head, SLUG, "", True, now())
    assert number == 1


async def test_refused_before_closing(seeded: Seeded) -> None:
    await Consultation.update({Consultation.status: "open", Consultation.closes_at: now().replace(year=now().year + 1)}).where(
        Consultation.id == seeded.consultation_id)
    with pytest.raises(services.ReportError, match="after the consultation closes"):
        await services.publish(seeded.head, SLUG, "", True, now())


async def test_published_version_is_frozen_and_a_correction_is_a_new_version(seeded: Seeded) -> None:
    await _ready(seeded)
    first_moment = now()
    assert await services.publish(seeded.head, SLUG, "", True, first_moment) == 1
    row = await Consultation.select(Consultation.status, Consultation.report_published_at).first()
    assert row["status"] == "report_published" and row["report_published_at"] is not None
    stored = {f: await services.stored_file(SLUG, 1, f) for f in ("html", "pdf", "xlsx", "csv", "json")}
    for content, _media, sha, number in stored.values():
        assert hashlib.sha256(content).hexdigest() == sha and number == 1

    # Everything changes afterwards: positions, comments, themes.
    await Position.update({Position.value: "rejected", Position.justification: "Zmienione później."}).where(
        Position.consultation == seeded.consultation_id)
    await Comment.update({Comment.remark: "Zmieniona treść"}).where(Comment.reference == seeded.refs["plain"])
    await Theme.update({Theme.label_override: "Nowa nazwa"}).where(Theme.consultation == seeded.consultation_id)
    for fmt, (content, _media, sha, _n) in stored.items():
        again = await services.stored_file(SLUG, 1, fmt)
        assert again[0] == content and again[2] == sha, fmt

    with pytest.raises(services.ReportError, match="correction"):
        await services.publish(seeded.head, SLUG, "", True, now())
    await _ready(seeded)
    assert await services.publish(seeded.head, SLUG, "Poprawione stanowiska.", True, now()) == 2
    latest = await services.stored_file(SLUG, None, "json")
    assert latest[3] == 2 and latest[2] != stored["json"][2]
    assert "Zmienione później." in latest[0].decode() and "Zmienione później." not in stored["json"][0].decode()
    assert (await services.stored_file(SLUG, 1, "pdf"))[0] == stored["pdf"][0]
    versions = await services.versions(SLUG)
    assert [v.number for v in versions] == [2, 1] and versions[0].change_note == "Poprawione stanowiska."
    assert {f.format for f in versions[1].files} == {"html", "pdf", "xlsx", "csv", "json"}
    # The first publication's date stays; each publication is audited with its digests.
    assert (await Consultation.select(Consultation.report_published_at).first())["report_published_at"] == row["report_published_at"]
    audits = await AuditEntry.select().where(AuditEntry.action == "report.publish").order_by(AuditEntry.id)
    assert len(audits) == 2 and audits[0]["actor"] == seeded.head.id
