"""Moderation and flags through the pages: without JavaScript, with htmx, and who may do what."""

from __future__ import annotations

from consult.accounts.services import create_user, grant_role
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.moderation.tables import Flag
from tests.accounts.test_flows import PASSWORD, sign_in
from tests.clients import Browser
from tests.factories import add_comment, make_consultation, section_id
from tests.moderation.test_moderation import comment_id

OFFICE = "Biuro Pomocy i Projektów Społecznych"
HTMX = {"hx-request": "true", "hx-target": "queue"}


async def person(email: str, role: str = "", office: str = OFFICE, admin: bool = False) -> int:
    """An account; with a role in `office` when `role` is given."""
    uid = await create_user(email, PASSWORD, is_admin=admin)
    if role:
        await grant_role(uid, await ensure_office(office), role)
    return uid


async def _status(ref: str) -> str:
    return (await Comment.select(Comment.status).where(Comment.reference == ref).first())["status"]


async def test_hold_publish_hide_restore_without_javascript(browser: Browser) -> None:
    await make_consultation(moderation="pre")
    ref = await add_comment("strategia", "3.1", "Reklama: najlepsze okna w mieście")
    cid = await comment_id(ref)
    section = f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}"
    assert "najlepsze okna" not in (await browser.get(section)).text  # held
    await person("urzednik@example.org", "official")
    await sign_in(browser, "urzednik@example.org")
    page = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert page.status_code == 200 and f'id="m-{cid}"' in page.text and "najlepsze okna" in page.text
    assert "moderacja-tryb" not in page.text  # only the head switches the mode

    base = f"/panel/konsultacje/strategia/moderacja/{cid}"
    published = await browser.post_form(f"{base}/publish", {}, follow_redirects=False)
    assert published.status_code == 303 and published.headers["location"].startswith("/panel/konsultacje/strategia/moderacja?")
    assert "zrobione=publish" in published.headers["location"]
    confirmed = await browser.get(published.headers["location"])
    assert "notice-success" in confirmed.text and ref in confirmed.text
    assert "najlepsze okna" in (await browser.get(section)).text

    hidden = await browser.post_form(f"{base}/hide", {"reason": "spam", "note": "reklama"}, follow_redirects=False)
    assert hidden.status_code == 303 and await _status(ref) == "hidden"
    assert "najlepsze okna" not in (await browser.get(section)).text
    gone = await browser.get(f"/uwagi/{ref}")  # the author is told why, the text stays hidden
    assert gone.status_code == 410 and "najlepsze okna" not in gone.text
    assert "Ta uwaga została ukryta przez moderację" in gone.text and "reklama lub spam" in gone.text
    assert ref in gone.text and (await browser.get("/uwagi/KS-2026-999999")).status_code == 404
    assert (await browser.client.get(f"/api/v1/comments/{ref}")).status_code == 404
    listed = await browser.client.get(f"/api/v1/consultations/strategia/sections/{await section_id('strategia', '3.1')}/comments")
    assert listed.status_code == 200 and listed.json()["total"] == 0
    queue = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert 'class="hidden-reason"' in queue.text and "reklama" in queue.text and f"{base}/restore" in queue.text

    restored = await browser.post_form(f"{base}/restore", {}, follow_redirects=False)
    assert restored.status_code == 303 and await _status(ref) == "published"
    assert (await browser.get(f"/uwagi/{ref}")).status_code == 200
    assert "najlepsze okna" in (await browser.get(section)).text


async def test_htmx_swaps_the_queue_and_shows_refusals(browser: Browser) -> None:
    await make_consultation(moderation="pre")
    ref = await add_comment("strategia", "3.1", "Uwaga czekająca")
    cid = await comment_id(ref)
    await person("urzednik@example.org", "official")
    await sign_in(browser, "urzednik@example.org")
    page = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert 'id="queue"' in page.text and 'hx-target="#queue"' in page.text
    base = f"/panel/konsultacje/strategia/moderacja/{cid}"

    refused = await browser.post_form(f"{base}/hide", {"reason": "bo-tak", "note": "zostaje"}, headers=HTMX)
    assert refused.status_code == 422 and refused.text.lstrip().startswith('<div id="queue"')
    assert 'id="form-errors"' in refused.text and f'id="merr-{cid}"' in refused.text and 'value="zostaje"' in refused.text
    assert await _status(ref) == "pending"

    swapped = await browser.post_form(f"{base}/hide", {"reason": "duplicate"}, headers=HTMX)
    assert swapped.status_code == 200 and swapped.text.lstrip().startswith('<div id="queue"')
    assert "<html" not in swapped.text and "notice-success" in swapped.text and f"{base}/restore" in swapped.text
    again = await browser.post_form(f"{base}/hide", {"reason": "spam"}, headers=HTMX)  # already hidden
    assert again.status_code == 409 and 'id="form-errors"' in again.text
    row = await Comment.select(Comment.hidden_reason).where(Comment.id == cid).first()
    assert row["hidden_reason"] == "duplicate"


async def test_bad_input_without_javascript_answers_4xx_and_changes_nothing(browser: Browser) -> None:
    await make_consultation()
    await make_consultation("inna")
    ref = await add_comment("strategia", "3.1", "Uwaga")
    other = await add_comment("inna", "3.1", "Uwaga z innych konsultacji")
    await person("urzednik@example.org", "official")
    await sign_in(browser, "urzednik@example.org")
    await browser.get("/panel/konsultacje/strategia/moderacja")
    base = "/panel/konsultacje/strategia/moderacja"
    unknown_reason = await browser.post_form(f"{base}/{await comment_id(ref)}/hide", {"reason": "nie-ma"})
    assert unknown_reason.status_code == 422 and 'id="form-errors"' in unknown_reason.text and "<html" in unknown_reason.text
    assert (await browser.post_form(f"{base}/{await comment_id(ref)}/restore", {})).status_code == 409
    assert (await browser.post_form(f"{base}/{await comment_id(ref)}/usun", {})).status_code == 400
    assert (await browser.post_form(f"{base}/{await comment_id(other)}/hide", {"reason": "spam"})).status_code == 404
    long_note = await browser.post_form(f"{base}/{await comment_id(ref)}/hide", {"reason": "spam", "note": "x" * 1001})
    assert long_note.status_code == 422
    assert (await browser.post_form("/panel/konsultacje/strategia/moderacja-tryb", {"mode": "pre"})).status_code == 403
    assert {r["status"] for r in await Comment.select(Comment.status)} == {"published"}


async def test_only_the_office_moderates(browser: Browser) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Uwaga")
    cid = await comment_id(ref)
    routes = [("GET", "/panel/konsultacje/strategia/moderacja", {})] + [
        ("POST", f"/panel/konsultacje/strategia/moderacja/{cid}/{action}", {"reason": "spam"})
        for action in ("publish", "hide", "restore", "keep")] + [
        ("POST", "/panel/konsultacje/strategia/moderacja-tryb", {"mode": "pre"})]
    await browser.get("/")
    for method, url, form in routes:  # anonymous: to the sign-in page
        response = await (browser.client.get(url, follow_redirects=False) if method == "GET"
                          else browser.post_form(url, form, follow_redirects=False))
        assert response.status_code == 303 and response.headers["location"].startswith("/logowanie?next="), url
    await person("inny@example.org", "office_head", office="Inne biuro")
    await person("mieszkanka@example.org")
    for email in ("inny@example.org", "mieszkanka@example.org"):
        await sign_in(browser, email)
        for method, url, form in routes:
            response = await (browser.get(url) if method == "GET" else browser.post_form(url, form))
            assert response.status_code == 403, (email, url)
        await browser.post_form("/wyloguj", {})
    assert await _status(ref) == "published"


async def test_head_switches_to_premoderation(browser: Browser) -> None:
    await make_consultation()
    await person("szefowa@example.org", "office_head")
    await sign_in(browser, "szefowa@example.org")
    page = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert 'action="/panel/konsultacje/strategia/moderacja-tryb"' in page.text and 'value="pre"' in page.text
    switched = await browser.post_form("/panel/konsultacje/strategia/moderacja-tryb", {"mode": "pre"}, follow_redirects=False)
    assert switched.status_code == 303
    assert 'value="post"' in (await browser.get("/panel/konsultacje/strategia/moderacja")).text
    ref = await add_comment("strategia", "3.1", "Czeka teraz")
    assert await _status(ref) == "pending"
    assert (await browser.post_form("/panel/konsultacje/strategia/moderacja-tryb", {"mode": "czasem"})).status_code == 400


async def test_resident_flags_once_and_the_flag_reaches_the_queue(browser: Browser) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Wulgarna uwaga <script>alert(1)</script>")
    section = await browser.get(f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}")
    assert f'href="/uwagi/{ref}/zgloszenie"' in section.text
    form = await browser.get(f"/uwagi/{ref}/zgloszenie")
    assert form.status_code == 200 and 'class="privacy"' in form.text and "PUODO" in form.text
    assert "Wulgarna uwaga" in form.text and "<script>alert" not in form.text
    bad = await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "nie-ma", "note": "zachowaj"})
    assert bad.status_code == 422 and "zachowaj" in bad.text and 'id="form-errors"' in bad.text
    long_note = await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "spam", "note": "x" * 1001})
    assert long_note.status_code == 422
    sent = await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "offensive", "note": "obraża"})
    assert sent.status_code == 200 and "notice-success" in sent.text and "Dziękujemy" in sent.text
    again = await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "spam"})
    assert again.status_code == 200 and await Flag.count() == 1  # one per person (the browser's cookie)

    resident = await person("mieszkanka@example.org")
    await sign_in(browser, "mieszkanka@example.org")
    await browser.get(f"/uwagi/{ref}/zgloszenie")
    await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "spam"})
    await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "spam"})
    reporters = {f["reporter"] for f in await Flag.select(Flag.reporter)}
    assert f"u{resident}" in reporters and len(reporters) == 2 and await Flag.count() == 2
    await browser.post_form("/wyloguj", {})

    await person("urzednik@example.org", "official")
    await sign_in(browser, "urzednik@example.org")
    queue = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert f'id="m-{await comment_id(ref)}"' in queue.text and "obraża" in queue.text and 'class="flags"' in queue.text
    await browser.post_form(f"/panel/konsultacje/strategia/moderacja/{await comment_id(ref)}/hide", {"reason": "offensive"})
    assert await _status(ref) == "hidden"
    assert {f["outcome"] for f in await Flag.select(Flag.outcome)} == {"hidden"}
    assert (await browser.get(f"/uwagi/{ref}/zgloszenie")).status_code == 404  # hidden: nothing to flag
    assert (await browser.post_form(f"/uwagi/{ref}/zgloszenie", {"reason": "spam"})).status_code == 404
    assert (await browser.get("/uwagi/KS-2026-999999/zgloszenie")).status_code == 404


async def test_moderator_finds_and_hides_a_comment_nobody_flagged(browser: Browser) -> None:
    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Jan Kowalski z ul. Prostej 5 to oszust")
    await make_consultation("inna")
    other = await add_comment("inna", "3.1", "Uwaga z innych konsultacji")
    await person("urzednik@example.org", "official")
    await sign_in(browser, "urzednik@example.org")
    page = await browser.get("/panel/konsultacje/strategia/moderacja")
    assert "oszust" not in page.text  # published and unflagged: not in the queue

    found = await browser.get(f"/panel/konsultacje/strategia/moderacja?numer={ref.lower()}")
    cid = await comment_id(ref)
    assert found.status_code == 200 and "oszust" in found.text
    assert f"/panel/konsultacje/strategia/moderacja/{cid}/hide" in found.text
    missing = await browser.get(f"/panel/konsultacje/strategia/moderacja?numer={other}")
    assert "Żadna opublikowana uwaga" in missing.text and "innych konsultacji" not in missing.text

    hidden = await browser.post_form(f"/panel/konsultacje/strategia/moderacja/{cid}/hide",
                                     {"reason": "personal_data"}, follow_redirects=False)
    assert hidden.status_code == 303 and await _status(ref) == "hidden"
    again = await browser.get(f"/panel/konsultacje/strategia/moderacja?numer={ref}")
    assert "Żadna opublikowana uwaga" in again.text  # now among the hidden ones, restorable there
