"""Finding a comment by its reference number, from the home page and a consultation page."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from consult.outcomes import services
from tests.factories import add_comment, make_consultation


@pytest.mark.parametrize("typed, expected", [
    ("KS-2026-000123", "KS-2026-000123"), (" ks-2026-123 ", "KS-2026-000123"), ("KS 2026 000123", "KS-2026-000123"),
    ("ks–2026–000123", "KS-2026-000123"), ("KS2026000123", "KS-2026-000123"),
    ("2026-000123", None), ("KS-26-000123", None), ("uwaga", None), ("KS-2026-", None),
])
def test_reference_numbers_are_read_leniently_but_not_guessed(typed: str, expected: str | None) -> None:
    assert services.normalise_reference(typed) == expected


async def test_the_box_is_on_the_home_and_consultation_pages(client: AsyncTestClient) -> None:
    await make_consultation()
    for url in ("/", "/konsultacje/strategia"):
        page = await client.get(url)
        assert page.status_code == 200
        assert 'action="/uwagi"' in page.text and "Znajdź swoją uwagę" in page.text and "KS-2026-000123" in page.text


async def test_a_known_number_leads_to_the_comment(client: AsyncTestClient) -> None:
    await make_consultation()
    reference = await add_comment("strategia", "3.1", "Więcej ławek w parkach.")
    typed = reference.lower().replace("-", " ")
    found = await client.get("/uwagi", params={"numer": typed}, follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == f"/uwagi/{reference}"
    htmx = await client.get("/uwagi", params={"numer": reference}, headers={"HX-Request": "true", "HX-Target": "lookup"})
    assert htmx.status_code == 200 and htmx.headers["hx-redirect"] == f"/uwagi/{reference}"


@pytest.mark.parametrize("typed, status, message", [
    ("KS-2026-999999", 404, "Nie ma uwagi o takim numerze."),
    ("KS-20x6-000001", 400, "To nie jest numer uwagi."),
    ("", 400, "Wpisz numer swojej uwagi."),
])
async def test_a_wrong_number_is_explained_and_kept(client: AsyncTestClient, typed: str, status: int,
                                                    message: str) -> None:
    await make_consultation()
    await add_comment("strategia", "3.1", "Więcej ławek w parkach.")
    page = await client.get("/uwagi", params={"numer": typed})
    assert page.status_code == status
    assert message in page.text and "KS-2026-000123: litery, rok i sześć cyfr" in page.text
    assert f'value="{typed}"' in page.text and 'aria-invalid="true"' in page.text
    fragment = await client.get("/uwagi", params={"numer": typed}, headers={"HX-Request": "true", "HX-Target": "lookup"})
    assert fragment.status_code == 422  # swapped in place by htmx
    assert fragment.text.lstrip().startswith("<form id=\"lookup\"") and "<html" not in fragment.text
    assert message in fragment.text and f'value="{typed}"' in fragment.text


async def test_find_comment_on_both_engines(db: str) -> None:
    await make_consultation()
    reference = await add_comment("strategia", "3.1", "Więcej ławek w parkach.")
    assert await services.find_comment(f"  {reference.lower()} ") == reference
    with pytest.raises(services.LookupError_) as unknown:
        await services.find_comment("KS-2026-000777")
    assert unknown.value.status == 404
    from consult.comments.tables import Comment

    await Comment.update({Comment.status: "hidden"}).where(Comment.reference == reference)
    with pytest.raises(services.LookupError_):
        await services.find_comment(reference)  # a hidden comment is not found by the public
