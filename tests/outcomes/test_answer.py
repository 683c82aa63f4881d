"""The office's answer on a comment's page: absent until the report is published, then the report's own."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from consult.comments.services import get_comment
from consult.outcomes import services
from consult.review.tables import Position
from tests.outcomes.conftest import publish
from tests.reports.conftest import SLUG, Seeded, seed_closed


async def test_no_answer_before_publication_then_the_reports_answer(seeded: Seeded) -> None:
    plain = await get_comment(seeded.refs["plain"])
    assert await services.answer_of(plain) is None  # positions exist, but no report is out
    await publish(seeded.head)
    answer = await services.answer_of(plain)
    assert answer is not None and answer.position == "accepted" and answer.report_version == 1
    assert answer.justification == "Stanowisko urzędu w sprawie plain: zapis zostanie uzupełniony."
    assert answer.report_url == f"/raporty/{SLUG}" and answer.campaign_size == 0


async def test_a_campaign_member_gets_the_campaigns_position(seeded: Seeded) -> None:
    await publish(seeded.head)
    # campaign3 has no position of its own: the report answers the whole form letter once.
    member = await services.answer_of(await get_comment(seeded.refs["campaign3"]))
    first = await services.answer_of(await get_comment(seeded.refs["campaign1"]))
    assert member is not None and first is not None
    assert member.campaign_size == 3 and member.position == first.position == "accepted"
    assert member.justification == first.justification and "campaign1" in member.justification


async def test_a_position_changed_after_publication_is_not_shown_until_a_new_version(seeded: Seeded) -> None:
    await publish(seeded.head)
    plain = await get_comment(seeded.refs["plain"])
    await Position.update({Position.value: "rejected", Position.justification: "Zmiana po publikacji."}).where(
        Position.comment == plain.id)
    answer = await services.answer_of(plain)
    assert answer is not None and answer.position == "accepted"  # what the published report says


async def test_comment_page_shows_the_answer_only_after_publication(client: AsyncTestClient) -> None:
    seeded = await seed_closed()
    url = f"/uwagi/{seeded.refs['plain']}"
    before = await client.get(url)
    assert before.status_code == 200
    assert "zapis zostanie uzupełniony" not in before.text and f"/raporty/{SLUG}" not in before.text
    assert "Urząd przedstawi stanowisko" in before.text
    await publish(seeded.head)
    after = await client.get(url)
    assert after.status_code == 200
    assert "Stanowisko urzędu w sprawie plain: zapis zostanie uzupełniony." in after.text
    assert f'href="/raporty/{SLUG}"' in after.text and "uwzględniona" in after.text
    campaign = await client.get(f"/uwagi/{seeded.refs['campaign3']}")
    assert "akcji" in campaign.text and "Stanowisko urzędu w sprawie campaign1" in campaign.text
