"""Opting in on the comment form and unsubscribing through the pages, with and without htmx."""

from __future__ import annotations

from consult.accounts.tables import OutboxMessage
from consult.comments.tables import Comment
from consult.notifications import services
from consult.notifications.tables import Subscription
from tests.clients import Browser
from tests.factories import make_consultation, section_id


async def _url() -> str:
    await make_consultation()
    return f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"


async def test_form_offers_the_opt_in(browser: Browser) -> None:
    page = await browser.get(await _url())
    assert 'name="notify"' in page.text and "gdy zostanie opublikowany raport" in page.text


async def test_opt_in_without_javascript_mails_a_confirmation(browser: Browser) -> None:
    url = await _url()
    await browser.get(url)
    done = await browser.post_form(url + "/uwagi", {"remark": "Więcej zieleni.", "email": "ala@example.org",
                                                    "notify": "on", "submission_key": "c" * 32},
                                   follow_redirects=False)
    assert done.status_code == 303
    reference = (await Comment.select(Comment.reference).first())["reference"]
    mail = await OutboxMessage.select().where(OutboxMessage.recipient == "ala@example.org")
    assert len(mail) == 1 and reference in mail[0]["body"] and await Subscription.count() == 1
    # The same form sent again (a double click) stores one comment and mails once.
    await browser.post_form(url + "/uwagi", {"remark": "Więcej zieleni.", "email": "ala@example.org",
                                             "notify": "on", "submission_key": "c" * 32})
    assert await OutboxMessage.count() == 1


async def test_an_address_without_the_tick_gets_nothing(browser: Browser) -> None:
    url = await _url()
    await browser.get(url)
    await browser.post_form(url + "/uwagi", {"remark": "Bez powiadomień.", "email": "ola@example.org",
                                             "submission_key": "d" * 32})
    assert await Comment.count() == 1 and await Subscription.count() == 0 and await OutboxMessage.count() == 0


async def test_the_tick_without_an_address_is_pointed_out_with_htmx_too(browser: Browser) -> None:
    url = await _url()
    await browser.get(url)
    for headers in ({}, {"HX-Request": "true", "HX-Target": "comment-form"}):
        refused = await browser.post_form(url + "/uwagi", {"remark": "Chcę odpowiedzi.", "notify": "on",
                                                           "submission_key": "e" * 32}, headers=headers)
        assert refused.status_code == 422
        assert "Podaj adres e-mail, aby otrzymać odpowiedź" in refused.text and "Chcę odpowiedzi." in refused.text
        assert 'name="notify" id="f-notify" checked' in refused.text
    assert await Comment.count() == 0 and await OutboxMessage.count() == 0


async def test_opt_in_with_htmx(browser: Browser) -> None:
    url = await _url()
    await browser.get(url)
    done = await browser.post_form(url + "/uwagi", {"remark": "Przez htmx.", "email": "ela@example.org",
                                                    "notify": "on", "submission_key": "f" * 32},
                                   headers={"HX-Request": "true", "HX-Target": "comment-form"})
    assert done.status_code == 200 and await OutboxMessage.count() == 1


async def test_unsubscribe_page_confirms_and_a_damaged_link_changes_nothing(browser: Browser) -> None:
    url = await _url()
    await browser.get(url)
    await browser.post_form(url + "/uwagi", {"remark": "Wypiszę się.", "email": "iza@example.org",
                                             "notify": "on", "submission_key": "g" * 32})
    body = (await OutboxMessage.select(OutboxMessage.body).first())["body"]
    link = next(line for line in body.splitlines() if "/powiadomienia/wypisz/" in line).strip()
    path = link[link.index("/powiadomienia/"):]
    for bad in (path[:-2], path + "0", path.replace("/wypisz/", "/wypisz/9")):
        page = await browser.get(bad)
        assert page.status_code == 400 and "Ten link jest uszkodzony lub niepełny." in page.text
        posted = await browser.post_form(bad, {})
        assert posted.status_code == 400
    assert await Subscription.count().where(Subscription.unsubscribed_at.is_not_null()) == 0
    page = await browser.get(path)
    assert page.status_code == 200 and "Nie wysyłajcie mi więcej wiadomości" in page.text
    done = await browser.post_form(path, {})
    assert done.status_code == 200 and "Nie będziesz już otrzymywać wiadomości" in done.text
    assert await Subscription.count().where(Subscription.unsubscribed_at.is_not_null()) == 1
    assert services.read_token(path.rsplit("/", 1)[1]) is not None
