"""Submitting and supporting comments through the pages, with and without htmx; bad input."""

from __future__ import annotations

import unicodedata

import re
from datetime import timedelta

import pytest

from consult.comments.tables import Comment
from tests.factories import add_comment, make_consultation, section_id
from tests.clients import Browser

REF = re.compile(r"KS-\d{4}-\d{6}")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


async def _section_url(slug: str = "strategia", number: str = "3.1") -> str:
    return f"/konsultacje/{slug}/sekcje/{await section_id(slug, number)}"


async def test_submit_without_javascript_redirects_to_confirmation(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    response = await browser.post_form(
        url + "/uwagi",
        {"remark": "Proszę o więcej MAL-i.", "proposal": "Nowy zapis", "justification": "Bo tak",
         "submitter_kind": "resident", "submission_key": "a" * 32},
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert REF.search(location) and location.endswith("?nowa=1")
    page = await browser.get(location)
    assert "Dziękujemy. Twoja uwaga została przyjęta." in page.text
    assert "Proszę o więcej MAL-i." in page.text and "Nowy zapis" in page.text


async def test_submit_with_htmx_returns_confirmation_fragment(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    response = await browser.post_form(
        url + "/uwagi", {"remark": "Przez htmx", "submission_key": "b" * 32},
        headers={"HX-Request": "true", "HX-Target": "comment-form"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text and REF.search(response.text)
    assert 'id="comment-form"' in response.text
    # The list comes along out of band, so the new comment shows without a reload.
    assert 'id="comments" hx-swap-oob="true"' in response.text and "Przez htmx" in response.text


async def test_errors_rerender_form_with_fields_kept(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    response = await browser.post_form(
        url + "/uwagi",
        {"remark": "   ", "proposal": "Zachowaj mnie ąęśćż", "justification": "Uzasadnienie",
         "email": "zly-adres", "submitter_kind": "ngo", "submitter_name": "", "submission_key": "c" * 32},
    )
    assert response.status_code == 422
    html = response.text
    assert "Wpisz treść uwagi." in html
    assert "To nie wygląda na adres e-mail" in html
    assert "Podaj nazwę organizacji." in html
    assert "Zachowaj mnie ąęśćż" in html and "Uzasadnienie" in html and 'value="zly-adres"' in html
    assert 'aria-invalid="true"' in html and 'id="err-remark"' in html
    assert await Comment.count() == 0
    fragment = await browser.post_form(
        url + "/uwagi", {"remark": ""}, headers={"HX-Request": "true", "HX-Target": "comment-form"}
    )
    assert fragment.status_code == 422 and "<html" not in fragment.text and "Wpisz treść uwagi." in fragment.text


async def test_oversized_fields_are_refused_and_kept(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    long_text = "ż" * 5001
    response = await browser.post_form(url + "/uwagi", {"remark": long_text, "justification": "j" * 5001})
    assert response.status_code == 422
    assert response.text.count("To pole jest za długie: najwyżej 5000 znaków.") >= 2
    summary = response.text[response.text.index('id="form-errors"'):]
    summary = summary[:summary.index("</ul>")]
    # The summary names each field by its label, and the browser is never told to cut the text.
    assert "Treść uwagi: To pole jest za długie" in summary and "Uzasadnienie: To pole jest za długie" in summary
    assert 'maxlength="5000"' not in response.text and 'data-limit="5000"' in response.text
    assert long_text in response.text
    ok = await browser.post_form(url + "/uwagi", {"remark": "ż" * 5000}, follow_redirects=False)
    assert ok.status_code == 303


async def test_quote_must_come_from_the_section(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    bad = await browser.post_form(url + "/uwagi", {"remark": "x", "quote_text": "Tego zdania nie ma w tekście."})
    assert bad.status_code == 422 and "Nie znaleziono cytowanego fragmentu" in bad.text
    good = await browser.post_form(
        url + "/uwagi", {"remark": "x", "quote_text": "Wsparcie dla seniorów.", "quote_start": "0", "quote_end": "3"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    row = await Comment.select(Comment.quote_text, Comment.quote_start).first()
    assert row["quote_text"] == "Wsparcie dla seniorów." and row["quote_start"] > 0


async def test_a_pasted_quote_matches_with_other_quotes_dashes_spacing_and_capitals(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url(number="3.2")
    await browser.get(url)
    # The section reads "Mieszkanie najpierw jako model wsparcia."; typed with other capitals and
    # spacing, in straight quotes, decomposed (NFD) and without offsets (no JavaScript).
    typed = unicodedata.normalize("NFD", '"MIESZKANIE  najpierw\njako model"')
    good = await browser.post_form(url + "/uwagi", {"remark": "x", "quote_text": typed}, follow_redirects=False)
    assert good.status_code == 303
    row = await Comment.select(Comment.quote_text, Comment.quote_start, Comment.quote_end).first()
    assert row["quote_text"] == "Mieszkanie najpierw jako model"  # stored as the draft words it
    assert (row["quote_start"], row["quote_end"]) == (0, len("Mieszkanie najpierw jako model"))


async def test_html_in_every_field_is_shown_as_text(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    fields = {name: XSS for name in ("remark", "proposal", "justification", "submitter_name")}
    response = await browser.post_form(url + "/uwagi", {**fields, "show_name": "on"}, follow_redirects=False)
    assert response.status_code == 303
    for page_url in (response.headers["location"], url):
        page = await browser.get(page_url)
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    stored = await Comment.select(Comment.remark).first()
    assert stored["remark"] == XSS  # kept exactly as written, escaped only when shown


async def test_double_submit_stores_one_comment(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    data = {"remark": "Dwa kliknięcia", "submission_key": "d" * 32}
    first = await browser.post_form(url + "/uwagi", data, follow_redirects=False)
    second = await browser.post_form(url + "/uwagi", data, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    assert await Comment.count() == 1


@pytest.mark.parametrize("opened,duration,message", [
    (timedelta(days=60), timedelta(days=40), "Zgłaszanie uwag zostało zakończone."),
    (timedelta(days=-5), timedelta(days=40), "Zgłaszanie uwag jeszcze się nie rozpoczęło."),
])
async def test_closed_or_upcoming_consultation_refuses_and_hides_form(
    browser: Browser, opened: timedelta, duration: timedelta, message: str
) -> None:
    await make_consultation("k", opened=opened, duration=duration)
    url = await _section_url("k")
    page = await browser.get(url)
    assert 'name="remark"' not in page.text and message in page.text
    response = await browser.post_form(url + "/uwagi", {"remark": "Moja spóźniona uwaga"})
    assert response.status_code == 409
    assert message in response.text and "Moja spóźniona uwaga" in response.text
    assert await Comment.count() == 0


async def test_unknown_section_and_missing_csrf(browser: Browser) -> None:
    await make_consultation()
    url = await _section_url()
    await browser.get(url)
    missing = await browser.post_form("/konsultacje/strategia/sekcje/424242/uwagi", {"remark": "x"})
    assert missing.status_code == 404 and "Nie znaleziono strony." in missing.text
    forged = await browser.client.post(url + "/uwagi", data={"remark": "bez tokenu"})
    assert forged.status_code == 403 and "Traceback" not in forged.text
    assert await Comment.count() == 0


async def test_support_once_per_browser_without_and_with_htmx(browser: Browser) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Popierajcie")
    url = await _section_url()
    await browser.get(url)
    first = await browser.post_form(f"/uwagi/{ref}/poparcie", {"next": url}, follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == url
    again = await browser.post_form(
        f"/uwagi/{ref}/poparcie", {"next": url}, headers={"HX-Request": "true", "HX-Target": f"support-{ref}"}
    )
    assert again.status_code == 200 and "Popierasz tę uwagę" in again.text and "1 poparcie" in again.text
    row = await Comment.select(Comment.support_count).where(Comment.reference == ref).first()
    assert row["support_count"] == 1
    page = await browser.get(url)
    assert "Popierasz tę uwagę" in page.text


async def test_support_on_closed_consultation_is_refused(browser: Browser) -> None:
    from consult.consultations.tables import Consultation

    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Za późno na poparcie")
    await Consultation.update({Consultation.status: "closed"}).where(Consultation.slug == "strategia")
    await browser.get(await _section_url())
    response = await browser.post_form(f"/uwagi/{ref}/poparcie", {"next": "/"})
    assert response.status_code == 409 and "nie można popierać uwag" in response.text
