"""Positions and theme edits on both engines: bulk, concurrency, edits kept across re-analysis."""

from __future__ import annotations

import pytest

from consult.accounts.services import create_user, current_user, grant_role
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.jobs import runs
from consult.jobs.inprocess import work_once
from consult.lib.clock import now
from consult.review import services
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
    await runs.queue_run(cid, "full", None, now())
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
    assert await services.bulk_position(a, "strategia", "accepted", "Uwzględniono", now(), theme_id=senior) == 2
    campaign = (await CommentAnalysis.select(CommentAnalysis.campaign).where(CommentAnalysis.comment == ids["k1"]).first())["campaign"]
    assert await services.bulk_position(a, "strategia", "rejected", "Poza zakresem", now(), campaign_id=campaign) == 2
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
    await runs.queue_run(cid, "full", None, now())
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
