"""The resident's pages: home, consultation, section, comment; languages; page or fragment."""

from __future__ import annotations

from datetime import timedelta

from litestar.testing import AsyncTestClient

from tests.factories import add_comment, make_consultation, section_id


async def test_home_lists_open_before_closed_with_days_left(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation("otwarte", opened=timedelta(days=10), duration=timedelta(days=45))
    await make_consultation("zamkniete", opened=timedelta(days=60), duration=timedelta(days=40))
    await make_consultation("szkic", status="draft")
    response = await client.get("/")
    assert response.status_code == 200
    html = response.text
    assert html.index("/konsultacje/otwarte") < html.index("/konsultacje/zamkniete")
    assert "/konsultacje/szkic" not in html
    assert "Trwa zgłaszanie uwag" in html and "Zakończone konsultacje i raporty" in html
    assert "35 dni" in html or "36 dni" in html


async def test_consultation_page_shows_office_dates_and_toc_counts(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    await add_comment("strategia", "3.1", "Pierwsza")
    await add_comment("strategia", "3.1", "Druga")
    response = await client.get("/konsultacje/strategia")
    assert response.status_code == 200
    html = response.text
    assert "Biuro Pomocy i Projektów Społecznych" in html
    assert "3.2" in html and "Wsparcie osób w kryzysie bezdomności" in html
    assert "2 uwagi" in html


async def test_unknown_consultation_and_section_are_readable_404(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    for url in ("/konsultacje/nie-ma", "/konsultacje/strategia/sekcje/99999", "/uwagi/KS-2026-999999"):
        response = await client.get(url)
        assert response.status_code == 404
        assert "Nie znaleziono strony." in response.text and "Traceback" not in response.text
    bad = await client.get("/konsultacje/strategia/sekcje/abc")
    assert bad.status_code in (400, 404) and "<html" in bad.text


async def test_english_interface_by_cookie_and_switch(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    switch = await client.get("/jezyk/en?next=/konsultacje/strategia", follow_redirects=False)
    assert switch.status_code == 303 and switch.headers["location"] == "/konsultacje/strategia"
    page = await client.get("/konsultacje/strategia")
    assert 'lang="en"' in page.text and "How to take part" in page.text
    evil = await client.get("/jezyk/pl?next=//evil.example", follow_redirects=False)
    assert evil.headers["location"] == "/"


async def test_section_page_has_text_form_and_fragment_for_htmx(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    sid = await section_id("strategia", "3.1")
    for i in range(7):
        await add_comment("strategia", "3.1", f"Uwaga {i}")
    page = await client.get(f"/konsultacje/strategia/sekcje/{sid}")
    assert page.status_code == 200
    assert "Miejsca Aktywności Lokalnej" in page.text
    assert 'name="remark"' in page.text and "Strona 1 z 2" in page.text
    fragment = await client.get(
        f"/konsultacje/strategia/sekcje/{sid}?page=2", headers={"HX-Request": "true", "HX-Target": "comments"}
    )
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'id="comments"' in fragment.text
    assert "Uwaga 0" in fragment.text and "Uwaga 6" not in fragment.text


async def test_pages_name_the_site_icon_and_favicon_ico_leads_to_it(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    home = await client.get("/")
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in home.text
    old = await client.get("/favicon.ico", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == "/static/favicon.svg"
    icon = await client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in icon.text and "§" in icon.text
