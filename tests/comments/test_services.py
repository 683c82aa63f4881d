"""Comment use cases on both engines: submit, idempotency, listing, supports, closed consultations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.comments import services
from consult.comments.schemas import CommentForm, validate_comment
from consult.comments.tables import Comment
from consult.consultations.services import get_section
from consult.lib.clock import now
from tests.factories import add_comment, make_consultation, section_id


async def test_submit_gives_reference_and_stores_every_field(db: str) -> None:
    await make_consultation()
    ref = await add_comment(
        "strategia", "3.1", "Więcej MAL-i na Pradze.", proposal="Dodać MAL w każdej dzielnicy.",
        justification="Seniorzy są samotni.", submitter_kind="ngo", submitter_name="Fundacja Przykład",
        show_name="on", email="a@example.org", quote_text="Wsparcie dla seniorów.",
    )
    year = now().year
    assert ref.startswith(f"KS-{year}-") and len(ref) == len(f"KS-{year}-000001")
    row = await Comment.select().where(Comment.reference == ref).first()
    assert row["remark"] == "Więcej MAL-i na Pradze."
    assert row["proposal"] == "Dodać MAL w każdej dzielnicy."
    assert row["email"] == "a@example.org"
    assert row["submitter_name"] == "Fundacja Przykład" and row["show_name"] is True
    section = await get_section("strategia", row["section"], now())
    assert section is not None
    assert section.body_text[row["quote_start"]:row["quote_end"]] == "Wsparcie dla seniorów."
    assert row["search_text"] == "wiecej mal-i na pradze. dodac mal w kazdej dzielnicy. seniorzy sa samotni."


async def test_same_submission_key_stores_once(db: str) -> None:
    await make_consultation()
    sid = await section_id("strategia", "3.1")
    section = await get_section("strategia", sid, now())
    assert section is not None
    form = CommentForm(remark="Uwaga", submission_key="k" * 32)
    first = await services.submit_comment(section, validate_comment(form, "", "x" * 32), now(), prefix="KS", tz="Europe/Warsaw")  # type: ignore[arg-type]
    second = await services.submit_comment(section, validate_comment(form, "", "y" * 32), now(), prefix="KS", tz="Europe/Warsaw")  # type: ignore[arg-type]
    assert first.created and not second.created
    assert first.comment.reference == second.comment.reference
    assert await Comment.count() == 1


async def test_closed_and_upcoming_consultations_refuse_comments(db: str) -> None:
    await make_consultation("zamkniete", opened=timedelta(days=50), duration=timedelta(days=40))
    await make_consultation("przyszle", opened=timedelta(days=-3), duration=timedelta(days=40))
    for slug, phase in (("zamkniete", "closed"), ("przyszle", "upcoming")):
        sid = await section_id(slug, "3.1")
        section = await get_section(slug, sid, now())
        assert section is not None
        clean = validate_comment(CommentForm(remark="Za późno"), section.body_text, "z" * 32)
        with pytest.raises(services.CommentingClosed) as info:
            await services.submit_comment(section, clean, now(), prefix="KS", tz="Europe/Warsaw")  # type: ignore[arg-type]
        assert info.value.phase.value == phase
    assert await Comment.count() == 0


async def test_list_sorts_and_paginates(db: str) -> None:
    await make_consultation()
    refs = [await add_comment("strategia", "3.1", f"Uwaga numer {i}") for i in range(7)]
    await services.support_comment(refs[2], "alice", now())
    await services.support_comment(refs[2], "bob", now())
    await services.support_comment(refs[4], "alice", now())
    sid = await section_id("strategia", "3.1")
    newest = await services.list_comments(sid, 1, 5, "newest")
    assert newest.total == 7 and newest.pages == 2
    assert [c.reference for c in newest.items] == list(reversed(refs))[:5]
    second = await services.list_comments(sid, 2, 5, "newest")
    assert [c.reference for c in second.items] == [refs[1], refs[0]]
    supported = await services.list_comments(sid, 1, 5, "supported")
    assert [c.reference for c in supported.items][:2] == [refs[2], refs[4]]
    assert supported.items[0].support_count == 2


async def test_support_counts_once_per_supporter(db: str) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Popieram MAL")
    first = await services.support_comment(ref, "alice", now())
    again = await services.support_comment(ref, "alice", now())
    other = await services.support_comment(ref, "bob", now())
    assert (first.count, first.added) == (1, True)
    assert (again.count, again.added) == (1, False)
    assert (other.count, other.added) == (2, True)


async def test_moderated_consultation_holds_comments(db: str) -> None:
    await make_consultation(moderation="pre")
    ref = await add_comment("strategia", "3.1", "Czekam na moderację")
    sid = await section_id("strategia", "3.1")
    assert (await services.list_comments(sid, 1, 5, "newest")).total == 0
    comment = await services.get_comment(ref)
    assert comment.status == "pending"
    with pytest.raises(services.CommentNotFound):
        await services.support_comment(ref, "alice", now())


async def test_hidden_comment_cannot_be_looked_up(db: str) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Reklama")
    await Comment.update({Comment.status: "hidden"}).where(Comment.reference == ref)
    with pytest.raises(services.CommentNotFound):
        await services.get_comment(ref)
