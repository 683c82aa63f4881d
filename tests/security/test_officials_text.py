"""Officials' text is cleaned as residents' is, and a report that still meets a character its formats
refuse (text stored before input was cleaned) says which comment and field are at fault."""

from __future__ import annotations

from consult.accounts.services import current_user
from consult.accounts.tables import User
from consult.comments.tables import Comment
from consult.jobs.inprocess import work_once
from consult.lib import clock
from consult.lib.text import clean_text
from consult.reports import publication, services
from consult.reports.tables import ReportVersion
from consult.review.tables import Position
from tests.reports.conftest import SLUG, pl, seed_closed


def test_clean_text_keeps_text_and_drops_what_no_format_holds() -> None:
    assert clean_text("Zażółć gęślą jaźń\tok\r\n") == "Zażółć gęślą jaźń\tok\r\n"
    assert clean_text("linia\x0bdruga\x0cstrona") == "linia\ndruga\nstrona"  # Word's soft line and page breaks
    assert clean_text("a\x00b\x01c\x1fd\x7fe\x85f\ufffeg") == "abcdefg"


async def test_a_render_failure_names_the_comment_and_field(db: str) -> None:
    await seed_closed()
    from consult.reports import redaction

    head_row = await User.select(User.id).where(User.email == "kierownik@example.org").first()
    head = await current_user(head_row["id"])
    assert head is not None
    c = await services.consultation_row(SLUG)
    await redaction.suggest_missing(c["id"])
    await redaction.confirm_all(head, c["id"], c["office"], clock.now())
    # A justification stored before input was cleaned, straight into the table.
    position = await Position.select(Position.id, Position.comment).first()
    await Position.update({Position.justification: "Nie\x0buwzględniono"}).where(Position.id == position["id"])
    reference = (await Comment.select(Comment.reference).where(Comment.id == position["comment"]).first())["reference"]
    run_id = await publication.request_publication(head, SLUG, "", confirm_missing=True)
    assert await work_once() is True
    failed = await publication.publication_status(SLUG, run_id)
    assert failed is not None and failed.status == "failed"
    assert reference in failed.message and pl("Justification of the position") in failed.message, failed.message
    assert "administrator" not in failed.message
    assert await ReportVersion.count() == 0
