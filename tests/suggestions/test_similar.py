"""Similar comments while writing: the section's published comments that say nearly the same, supported in place."""

from __future__ import annotations

import pytest

from consult.comments.tables import Comment, Support
from consult.suggestions import services
from tests.clients import Browser
from tests.factories import add_comment, make_consultation, section_id

BENCHES = "Proszę o więcej ławek w parku przy ulicy Lipowej, seniorzy nie mają gdzie usiąść."


async def _seed() -> dict[str, str]:
    services.clear()
    await make_consultation()
    return {
        "benches": await add_comment("strategia", "3.1", BENCHES),
        "benches2": await add_comment("strategia", "3.1", "Więcej ławek w parku na Lipowej dla seniorów, bardzo proszę."),
        "other": await add_comment("strategia", "3.1", "Kluby integracji społecznej powinny działać także w weekendy."),
        "elsewhere": await add_comment("strategia", "3.2", BENCHES),
    }


async def test_only_published_comments_of_the_same_section_that_say_nearly_the_same(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "CHECK_SECONDS", 0.0)  # compare the signature on every call
    refs = await _seed()
    s31 = await section_id("strategia", "3.1")
    found = await services.similar_comments(s31, "Brakuje ławek w parku przy Lipowej, seniorzy nie mają gdzie usiąść")
    assert {s.reference for s in found} == {refs["benches"], refs["benches2"]}
    assert refs["elsewhere"] not in {s.reference for s in found} and refs["other"] not in {s.reference for s in found}
    assert found[0].score >= found[-1].score >= services.MIN_SCORE
    assert await services.similar_comments(s31, "ławki") == []  # too short to say anything yet
    await Comment.update({Comment.status: "hidden"}).where(Comment.reference == refs["benches"])
    again = await services.similar_comments(s31, BENCHES)
    assert refs["benches"] not in {s.reference for s in again}  # the signature saw the moderation


async def test_a_new_comment_invalidates_the_cached_index_and_at_most_five_come_back(db: str) -> None:
    await _seed()
    s31 = await section_id("strategia", "3.1")
    first = await services.similar_comments(s31, BENCHES)
    assert len(first) == 2
    for i in range(6):
        await add_comment("strategia", "3.1", f"Więcej ławek w parku na Lipowej, seniorzy nie mają gdzie usiąść ({i}).")
        services.invalidate(s31)  # what the submit page does after storing a comment
    found = await services.similar_comments(s31, BENCHES)
    assert len(found) == services.MAX_SUGGESTIONS


async def _form(browser: Browser) -> tuple[str, dict[str, str]]:
    url = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    await browser.get(url)
    return url, {"remark": "Brakuje ławek w parku przy Lipowej, seniorzy nie mają gdzie usiąść",
                 "proposal": "Dopisać ławki.", "email": "ewa@example.org", "submission_key": "h" * 32}


async def test_the_form_has_the_debounced_trigger_and_the_button(browser: Browser) -> None:
    await _seed()
    url, _form_data = await _form(browser)
    page = await browser.get(url)
    assert 'hx-trigger="keyup changed delay:500ms from:#f-remark"' in page.text
    assert f'formaction="{url}/podobne"' in page.text and "Sprawdź podobne uwagi" in page.text


async def test_suggestions_without_javascript_keep_the_text_and_support_in_place(browser: Browser) -> None:
    refs = await _seed()
    url, data = await _form(browser)
    page = await browser.post_form(url + "/podobne", data)
    assert page.status_code == 200 and "<html" in page.text
    assert refs["benches"] in page.text and "Podobne uwagi już złożone" in page.text
    assert data["remark"] in page.text and "Dopisać ławki." in page.text and 'value="ewa@example.org"' in page.text
    assert f'name="support" value="{refs["benches"]}"' in page.text
    supported = await browser.post_form(url + "/podobne/poparcie", {**data, "support": refs["benches"]})
    assert supported.status_code == 200 and "Popierasz tę uwagę" in supported.text
    assert data["remark"] in supported.text and 'name="submission_key" value="' + "h" * 32 in supported.text
    row = await Comment.select(Comment.support_count).where(Comment.reference == refs["benches"]).first()
    assert row["support_count"] == 1 and await Support.count() == 1
    # The resident still submits their own comment with the same form.
    done = await browser.post_form(url + "/uwagi", data, follow_redirects=False)
    assert done.status_code == 303 and await Comment.count() == 5
    mine = done.headers["location"].split("/")[-1].split("?")[0]
    # The next resident writing the same is shown it at once: the submit invalidated the section's index.
    again = await browser.post_form(url + "/podobne", {**data, "submission_key": "i" * 32})
    assert mine in again.text


async def test_suggestions_with_htmx_are_a_fragment(browser: Browser) -> None:
    refs = await _seed()
    url, data = await _form(browser)
    headers = {"HX-Request": "true", "HX-Target": "similar"}
    fragment = await browser.post_form(url + "/podobne", data, headers=headers)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="similar"') and refs["benches"] in fragment.text
    supported = await browser.post_form(url + "/podobne/poparcie", {**data, "support": refs["benches"]}, headers=headers)
    assert supported.status_code == 200 and "Popierasz tę uwagę" in supported.text and "<html" not in supported.text
    twice = await browser.post_form(url + "/podobne/poparcie", {**data, "support": refs["benches"]}, headers=headers)
    assert twice.status_code == 200
    assert (await Comment.select(Comment.support_count).where(Comment.reference == refs["benches"]).first())[
        "support_count"] == 1


async def test_supporting_a_comment_not_suggested_is_refused_and_keeps_the_text(browser: Browser) -> None:
    refs = await _seed()
    url, data = await _form(browser)
    for headers in ({}, {"HX-Request": "true", "HX-Target": "similar"}):
        refused = await browser.post_form(url + "/podobne/poparcie", {**data, "support": refs["elsewhere"]},
                                          headers=headers)
        assert refused.status_code == 422 and "Tej uwagi nie ma wśród podobnych" in refused.text
    assert await Support.count() == 0
    refused = await browser.post_form(url + "/podobne/poparcie", {**data, "support": refs["elsewhere"]})
    assert data["remark"] in refused.text
