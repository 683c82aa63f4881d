"""Positions and theme edits on both engines: bulk, concurrency, edits kept across re-analysis."""

from __future__ import annotations

import pytest

from consult.accounts.services import create_user, current_user, grant_role
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.jobs.inprocess import work_once
from consult.lib.clock import now
from consult.review import services
from consult.review.jobs import queue_run
from consult.review.tables import CommentAnalysis, Position, Theme
from tests.factories import add_comment, make_consultation


async def _officials():  # type: ignore[no-untyped-def]
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    users = []
    for email in ("a@example.org", "b@example.org"):
        uid = await create_user(email, "haslo-urzednika")
        await grant_role(uid, office, "official")
        users.append(await current_user(uid))
    return users


async def _analysed() -> dict[str, int]:
    cid = await make_consultation()
    refs = {
        "s1": await add_comment("strategia", "3.1", "Więcej wsparcia dla seniorów"),
        "s2": await add_comment("strategia", "3.1", "Seniorzy są samotni"),
        "m1": await add_comment("strategia", "3.1", "Mieszkania chronione"),
        "k1": await add_comment("strategia", "3.2", "Podpisuję apel o mieszkania"),
        "k2": await add_comment("strategia", "3.2", "Podpisuję apel o mieszkania!"),
    }
    await queue_run(cid, "full", None, now())
    await work_once()
    ids = {k: (await Comment.select(Comment.id).where(Comment.reference == r).first())["id"] for k, r in refs.items()}
    return ids


async def _theme_of(comment_id: int) -> int | None:
    return (await CommentAnalysis.select(CommentAnalysis.theme).where(CommentAnalysis.comment == comment_id).first())["theme"]


async def test_position_then_concurrent_edit_is_reported_not_lost(db: str, fake_nlp: None) -> None:
    a, b = await _officials()
    ids = await _analysed()
    assert await services.record_position(a, "strategia", ids["s1"], "accepted", "", 0, now()) == 1
    # Both open version 1; A saves first, B is told and nothing of A's is overwritten.
    assert await services.record_position(a, "strategia", ids["s1"], "partly", "W części", 1, now()) == 2
    conflict = await services.record_position(b, "strategia", ids["s1"], "rejected", "Nie", 1, now())
    assert isinstance(conflict, services.Conflict)
    assert (conflict.value, conflict.justification, conflict.version, conflict.official) == ("partly", "W części", 2, "a@example.org")
    stored = await Position.select().where(Position.comment == ids["s1"]).first()
    assert (stored["value"], stored["justification"]) == ("partly", "W części")


async def test_position_rules(db: str, fake_nlp: None) -> None:
    a, _ = await _officials()
    ids = await _analysed()
    with pytest.raises(services.ReviewError, match="justification"):
        await services.record_position(a, "strategia", ids["s1"], "rejected", "  ", 0, now())
    with pytest.raises(services.ReviewError):
        await services.record_position(a, "strategia", ids["s1"], "maybe", "", 0, now())
    await Comment.update({Comment.status: "hidden"}).where(Comment.id == ids["s2"])
    with pytest.raises(services.ReviewError) as hidden:
        await services.record_position(a, "strategia", ids["s2"], "accepted", "", 0, now())
    assert hidden.value.status == 409
    assert await Position.count() == 0


async def test_bulk_positions_for_theme_and_campaign(db: str, fake_nlp: None) -> None:
    a, _ = await _officials()
    ids = await _analysed()
    senior = await _theme_of(ids["s1"])
    assert senior is not None
    assert (await services.bulk_position(a, "strategia", "accepted", "Uwzględniono", now(), theme_id=senior)).changed == 2
    campaign = (await CommentAnalysis.select(CommentAnalysis.campaign).where(CommentAnalysis.comment == ids["k1"]).first())["campaign"]
    assert (await services.bulk_position(a, "strategia", "rejected", "Poza zakresem", now(), campaign_id=campaign)).changed == 2
    values = {p["comment"]: p["value"] for p in await Position.select(Position.comment, Position.value)}
    assert values == {ids["s1"]: "accepted", ids["s2"]: "accepted", ids["k1"]: "rejected", ids["k2"]: "rejected"}
    # Each stays editable on its own afterwards.
    assert await services.record_position(a, "strategia", ids["s2"], "partly", "Częściowo", 1, now()) == 2
    with pytest.raises(services.ReviewError) as unknown:
        await services.bulk_position(a, "strategia", "accepted", "", now(), theme_id=999999)
    assert unknown.value.status == 404


async def test_edits_survive_reanalysis(db: str, fake_nlp: None) -> None:
    a, _ = await _officials()
    ids = await _analysed()
    senior = await _theme_of(ids["s1"])
    housing = await _theme_of(ids["m1"])
    assert senior and housing and senior != housing
    await services.rename_theme(a, "strategia", senior, "Samotność seniorów")
    await services.mark_other(a, "strategia", housing, True)
    await services.move_comment(a, "strategia", ids["s2"], housing)
    cid = (await Comment.select(Comment.consultation).first())["consultation"]
    await add_comment("strategia", "3.1", "Kluby seniora w każdej dzielnicy")
    await queue_run(cid, "full", None, now())
    await work_once()
    renamed = await Theme.select().where(Theme.id == senior).first()
    assert renamed["label_override"] == "Samotność seniorów"
    assert (await Theme.select(Theme.is_other).where(Theme.id == housing).first())["is_other"] is True
    assert await _theme_of(ids["s2"]) == housing  # moved by an official: stays
    newest = (await Comment.select(Comment.id).order_by(Comment.id, ascending=False).first())["id"]
    assert await _theme_of(newest) == senior
    sizes = {t["id"]: t["size"] for t in await Theme.select(Theme.id, Theme.size)}
    assert sizes[senior] == 2 and sizes[housing] == 2


async def test_merge_and_split(db: str, fake_nlp: None) -> None:
    a, _ = await _officials()
    ids = await _analysed()
    senior, housing = await _theme_of(ids["s1"]), await _theme_of(ids["m1"])
    await services.merge_themes(a, "strategia", housing, senior)  # type: ignore[arg-type]
    assert await _theme_of(ids["m1"]) == senior
    view = await services.section_review("strategia", (await Comment.select(Comment.section).where(Comment.id == ids["s1"]).first())["section"])
    assert [t.id for t in view.themes] == [senior] and view.themes[0].size == 3
    new_theme = await services.split_theme(a, "strategia", senior, [ids["m1"]], "Mieszkalnictwo")  # type: ignore[arg-type]
    assert await _theme_of(ids["m1"]) == new_theme
    with pytest.raises(services.ReviewError):
        await services.split_theme(a, "strategia", new_theme, [ids["m1"]], "Wszystko")
    with pytest.raises(services.ReviewError):
        await services.merge_themes(a, "strategia", senior, senior)  # type: ignore[arg-type]


async def test_incremental_assignment(db: str, fake_nlp: None) -> None:
    ids = await _analysed()
    cid = (await Comment.select(Comment.consultation).first())["consultation"]
    await add_comment("strategia", "3.1", "Seniorzy potrzebują opieki")
    await add_comment("strategia", "3.1", "Zupełnie inny temat")
    await services.start_incremental(None, "strategia", now())
    await work_once()
    rows = await CommentAnalysis.select(CommentAnalysis.comment, CommentAnalysis.theme).order_by(CommentAnalysis.comment)
    assert len(rows) == 7
    senior = await _theme_of(ids["s1"])
    assert rows[-2]["theme"] == senior and rows[-1]["theme"] is None
    assert cid


async def test_bulk_fills_only_empty_positions_unless_told_and_undoes_in_one_step(db: str, fake_nlp: None) -> None:
    from consult.audit.tables import AuditEntry

    a, b = await _officials()
    ids = await _analysed()
    senior = await _theme_of(ids["s1"])
    # B (say the office head) wrote one position by hand.
    assert await services.record_position(b, "strategia", ids["s1"], "partly", "Ręcznie", 0, now()) == 1
    preview = await services.bulk_preview("strategia", theme_id=senior)
    assert preview.total == 2 and [h.comment_id for h in preview.held] == [ids["s1"]]
    assert preview.officials == [("b@example.org", 1)]
    outcome = await services.bulk_position(a, "strategia", "accepted", "", now(), theme_id=senior)
    assert (outcome.changed, outcome.kept) == (1, 1)
    values = {p["comment"]: (p["value"], p["justification"]) for p in await Position.select(
        Position.comment, Position.value, Position.justification)}
    assert values == {ids["s1"]: ("partly", "Ręcznie"), ids["s2"]: ("accepted", "")}
    # Ticked: the hand-written one is replaced too, and the audit entry keeps both sides per comment.
    over = await services.bulk_position(a, "strategia", "rejected", "Poza zakresem", now(), theme_id=senior, overwrite=True)
    assert (over.changed, over.kept) == (2, 0) and over.batch is not None
    entry = await AuditEntry.select().where(AuditEntry.id == over.batch).output(load_json=True).first()
    refs = {k: (await Comment.select(Comment.reference).where(Comment.id == v).first())["reference"] for k, v in ids.items()}
    assert entry["before"]["comments"][refs["s1"]]["value"] == "partly"
    assert entry["before"]["comments"][refs["s1"]]["official"] == "b@example.org"
    assert entry["before"]["comments"][refs["s2"]]["value"] == "accepted"
    assert entry["after"]["comments"][refs["s2"]]["justification"] == "Poza zakresem"
    # One step puts every position back as it was, the hand-written one with its author.
    assert await services.undo_bulk(a, "strategia", over.batch, now()) == 2
    rows = {p["comment"]: (p["value"], p["justification"], p["official"]) for p in await Position.select(
        Position.comment, Position.value, Position.justification, Position.official)}
    assert rows[ids["s1"]] == ("partly", "Ręcznie", b.id) and rows[ids["s2"]][:2] == ("accepted", "")
    assert await AuditEntry.exists().where((AuditEntry.action == "position.bulk_undo") & (AuditEntry.object_id == str(over.batch)))
    with pytest.raises(services.ReviewError) as twice:
        await services.undo_bulk(a, "strategia", over.batch, now())
    assert twice.value.status == 409
    # The first bulk's comment has been changed since (by the second and its undo): nothing to put back.
    first = await AuditEntry.select(AuditEntry.id).where(AuditEntry.action == "position.bulk").order_by(AuditEntry.id).first()
    assert await services.undo_bulk(a, "strategia", first["id"], now()) == 0
    # Undoing a bulk that gave a comment its first position removes that position.
    await Position.delete().where(Position.comment == ids["s2"])
    given = await services.bulk_position(a, "strategia", "accepted", "", now(), theme_id=senior)
    assert given.changed == 1 and await services.undo_bulk(a, "strategia", given.batch, now()) == 1  # type: ignore[arg-type]
    assert not await Position.exists().where(Position.comment == ids["s2"])
    again = await services.bulk_position(a, "strategia", "accepted", "", now(), theme_id=senior)
    version = (await Position.select(Position.version).where(Position.comment == ids["s2"]).first())["version"]
    assert await services.record_position(b, "strategia", ids["s2"], "partly", "Poprawione", version, now()) == version + 1
    assert await services.undo_bulk(a, "strategia", again.batch, now()) == 0  # type: ignore[arg-type]
    assert (await Position.select(Position.value).where(Position.comment == ids["s2"]).first())["value"] == "partly"
    batch = await services.bulk_batch("strategia", again.batch)  # type: ignore[arg-type]
    assert batch.undone and [c.reference for c in batch.changes] == [refs["s2"]]
