"""The review pages through the browser-like client: dashboard, progress, themes, search, positions."""

from __future__ import annotations

from typing import Any

import pytest

from consult.comments.tables import Comment
from consult.jobs.inprocess import work_once
from consult.review.tables import Position, Theme
from tests.accounts.test_flows import PASSWORD, _official, sign_in
from tests.clients import Browser
from tests.factories import add_comment, make_consultation

BASE = "/panel/konsultacje/strategia"


async def _ready(browser: Browser) -> None:
    await make_consultation()
    for text in ("Więcej wsparcia dla seniorów", "Seniorzy są samotni", "Mieszkania chronione"):
        await add_comment("strategia", "3.1", text)
    await _official()
    await sign_in(browser, "urzednik@example.org")


async def test_start_analysis_watch_progress_and_read_themes(browser: Browser, fake_nlp: None) -> None:
    await _ready(browser)
    page = await browser.get(BASE + "/przeglad")
    assert page.status_code == 200 and "Uwagi nie zostały jeszcze przeanalizowane." in page.text
    assert "Wydźwięk pojawi się po analizie uwag." in page.text
    assert "Żadna uwaga nie ma jeszcze stanowiska urzędu." in page.text
    started = await browser.post_form(BASE + "/analiza", {}, headers={"HX-Request": "true", "HX-Target": "analysis-run"})
    assert started.status_code == 200 and 'hx-trigger="every 1s"' in started.text and "<progress" in started.text
    run_url = BASE + "/analiza/1"
    polled = await browser.get(run_url, headers={"HX-Request": "true", "HX-Target": "analysis-run"})
    assert "<html" not in polled.text and "Trwa analiza" in polled.text
    assert await work_once()
    finished = await browser.get(run_url, headers={"HX-Request": "true", "HX-Target": "analysis-run"})
    assert "every 1s" not in finished.text and "objęła uwag: 3" in finished.text
    dashboard = await browser.get(BASE + "/przeglad")
    assert "0 / 3" in dashboard.text and "Wydźwięk pojawi się" not in dashboard.text
    section = (await Comment.select(Comment.section).first())["section"]
    themes = await browser.get(f"{BASE}/przeglad/sekcje/{section}")
    assert themes.status_code == 200 and "senior" in themes.text and "Reprezentatywne uwagi" in themes.text


async def test_positions_through_pages_with_and_without_htmx(browser: Browser, fake_nlp: None) -> None:
    await _ready(browser)
    await browser.post_form(BASE + "/analiza", {})
    await work_once()
    found = await browser.get(BASE + "/przeglad/uwagi?q=SENIOR")
    assert found.status_code == 200 and "2 uwagi" in found.text
    first = (await Comment.select(Comment.id).first())["id"]
    saved = await browser.post_form(f"{BASE}/przeglad/uwagi/{first}/stanowisko",
                                    {"value": "accepted", "justification": "", "version": "0"},
                                    headers={"HX-Request": "true", "HX-Target": f"position-{first}"})
    assert saved.status_code == 200 and "Zapisano" in saved.text and 'name="version" value="1"' in saved.text
    stale = await browser.post_form(f"{BASE}/przeglad/uwagi/{first}/stanowisko",
                                    {"value": "rejected", "justification": "Moje uzasadnienie", "version": "0"})
    assert stale.status_code == 409 and "Moje uzasadnienie" in stale.text and "ktoś inny zapisał" in stale.text
    missing = await browser.post_form(f"{BASE}/przeglad/uwagi/{first}/stanowisko", {"value": "rejected", "version": "1"})
    # Refused without JavaScript: the page shows the form again, the message tied to the field.
    assert missing.status_code == 422 and "Podaj uzasadnienie" in missing.text and 'aria-invalid="true"' in missing.text
    assert f'id="perr-{first}"' in missing.text and 'value="rejected" checked' in missing.text
    typed = await browser.post_form(f"{BASE}/przeglad/uwagi/{first}/stanowisko", {"value": "rejected", "version": "1",
                                    "justification": " "}, headers={"HX-Request": "true", "HX-Target": f"position-{first}"})
    assert typed.status_code == 422 and "<html" not in typed.text and typed.text.count(f'id="position-{first}"') == 1
    plain = await browser.post_form(f"{BASE}/przeglad/uwagi/{first}/stanowisko",
                                    {"value": "partly", "justification": "Częściowo", "version": "1", "next": BASE + "/przeglad/uwagi"},
                                    follow_redirects=False)
    assert plain.status_code == 303
    assert (await Position.select(Position.value).first())["value"] == "partly"
    theme = (await Theme.select(Theme.id).where(Theme.label == "senior").first())["id"]
    page = await browser.get(f"{BASE}/przeglad/sekcje/{(await Comment.select(Comment.section).first())['section']}")
    assert "1 z nich ma już stanowisko" in page.text and "Zastąp także 1 stanowisko już nadane" in page.text
    refused = await browser.post_form(f"{BASE}/przeglad/tematy/{theme}/stanowisko", {"value": "rejected", "justification": "",
                                      "label": "senior"}, headers={"HX-Request": "true"})
    assert refused.status_code == 422 and "Podaj uzasadnienie" in refused.text and 'value="rejected" checked' in refused.text
    refused_plain = await browser.post_form(f"{BASE}/przeglad/tematy/{theme}/stanowisko", {"value": "rejected"})
    assert refused_plain.status_code == 422 and "<html" in refused_plain.text and "Podaj uzasadnienie" in refused_plain.text
    bulk = await browser.post_form(f"{BASE}/przeglad/tematy/{theme}/stanowisko", {"value": "accepted", "justification": "Tak"},
                                   headers={"HX-Request": "true"})
    # The hand-written position is kept: only the comment without one is filled.
    assert "Stanowisko nadano 1 uwadze." in bulk.text and "1 uwaga zachowała" in bulk.text and "Cofnij" in bulk.text
    assert (await Position.select(Position.value).where(Position.comment == first).first())["value"] == "partly"
    plain_bulk = await browser.post_form(f"{BASE}/przeglad/tematy/{theme}/stanowisko",
                                         {"value": "not_applicable", "justification": "Nie dotyczy", "overwrite": "1"},
                                         follow_redirects=False)
    assert plain_bulk.status_code == 303 and "/przeglad/zbiorcze/" in plain_bulk.headers["location"]
    batch = await browser.get(plain_bulk.headers["location"])
    assert batch.status_code == 200 and "częściowo uwzględniona — Częściowo" in batch.text and "Cofnij" in batch.text
    undone = await browser.post_form(plain_bulk.headers["location"] + "/cofnij", {}, follow_redirects=False)
    assert undone.status_code == 303
    assert (await Position.select(Position.value).where(Position.comment == first).first())["value"] == "partly"
    assert "zostało cofnięte" in (await browser.get(plain_bulk.headers["location"])).text
    unknown = await browser.post_form(f"{BASE}/przeglad/tematy/424242/stanowisko", {"value": "accepted"})
    assert unknown.status_code == 404
    filtered = await browser.get(BASE + "/przeglad/uwagi?position=none")
    assert "1 uwaga" in filtered.text


async def test_other_office_and_residents_are_kept_out(browser: Browser) -> None:
    from consult.accounts.services import create_user, grant_role
    from consult.consultations.services import ensure_office

    await make_consultation()
    other = await ensure_office("Inne biuro")
    uid = await create_user("inny@example.org", PASSWORD)
    await grant_role(uid, other, "office_head")
    await sign_in(browser, "inny@example.org")
    assert (await browser.get(BASE + "/przeglad")).status_code == 403
    assert (await browser.post_form(BASE + "/analiza", {})).status_code == 403


async def test_a_consultation_without_comments_says_so_instead_of_empty_charts(browser: Browser) -> None:
    await make_consultation()
    await _official()
    await sign_in(browser, "urzednik@example.org")
    page = await browser.get(BASE + "/przeglad")
    assert page.status_code == 200
    assert "Do tej konsultacji nie wpłynęła jeszcze żadna uwaga." in page.text
    assert "Przeanalizuj uwagi" not in page.text and "Uwagi w czasie" not in page.text
    await add_comment("strategia", "3.1", "Pierwsza uwaga")
    page = await browser.get(BASE + "/przeglad")
    assert "nie wpłynęła jeszcze" not in page.text and "Przeanalizuj uwagi" in page.text


async def test_a_summary_sentence_in_another_language_is_marked(browser: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp.summaries import SummarySentence

    from consult.review.schemas import SummaryLine, stored_summary, summary_lines
    from tests.review.conftest import keyword_analysis

    def with_english(*args: Any) -> Any:
        analysis = keyword_analysis(*args)
        for theme in analysis.themes:
            theme.summary = [SummarySentence("Seniorzy są samotni.", "pl"),
                             SummarySentence("Older people feel lonely.", "en")]
        return analysis

    monkeypatch.setattr("consult.review.analysis._run_nlp", with_english)
    await _ready(browser)
    await browser.post_form(BASE + "/analiza", {})
    assert await work_once()
    stored = (await Theme.select(Theme.summary).where(Theme.label == "senior").output(load_json=True).first())["summary"]
    assert stored == ["Seniorzy są samotni.", {"text": "Older people feel lonely.", "language": "en"}]
    section = (await Comment.select(Comment.section).first())["section"]
    page = await browser.get(f"{BASE}/przeglad/sekcje/{section}")
    assert "<li>Seniorzy są samotni.</li>" in page.text
    assert '<li lang="en">Older people feel lonely. <span class="badge" lang="pl">angielski</span></li>' in page.text
    # Summaries stored before sentences had a language read as in the consultation's language.
    assert summary_lines(["Zdanie."]) == [SummaryLine("Zdanie.")]
    assert stored_summary(["Zdanie."]) == ["Zdanie."]
