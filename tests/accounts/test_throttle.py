"""Failed sign-ins slow the client down instead of locking the account; unknown and existing
e-mails are answered alike, after the same work; password-reset answers do not wait for the lookup;
CSRF tokens are bound to the session."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.accounts import services
from consult.accounts.services import AccountError, create_user, sign_in
from consult.accounts.tables import OutboxMessage, SignInThrottle
from consult.lib import clock

PASSWORD = "haslo-do-testow-1"


async def _attempt(email: str, password: str, at, client: str) -> tuple[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    try:
        await sign_in(email, password, at, client=client)
    except AccountError as error:
        return error.message, error.params
    return "signed in", {}


def test_delays_grow_from_two_seconds_to_fifteen_minutes() -> None:
    delays = [services.throttle_delay(n, 4).total_seconds() for n in range(1, 16)]
    assert delays[:4] == [0, 0, 0, 0]
    assert delays[4:9] == [2, 4, 8, 16, 32]
    assert delays[-1] == 15 * 60 and max(delays) == 15 * 60


async def test_failures_slow_that_client_and_never_lock_the_account(db: str) -> None:
    await create_user("szef@example.org", PASSWORD, is_admin=True)
    now = clock.now()
    for _ in range(5):
        assert (await _attempt("szef@example.org", "zle-haslo-000", now, "203.0.113.9"))[0] == "Wrong e-mail or password."
    # The attacker's client waits 2 s, even with the right password …
    message, params = await _attempt("szef@example.org", PASSWORD, now + timedelta(seconds=1), "203.0.113.9")
    assert message == "Too many failed attempts. Try again in %(wait)s." and params == {"wait": "1 s"}
    # … while the administrator, elsewhere, signs in at once.
    assert (await _attempt("szef@example.org", PASSWORD, now + timedelta(seconds=1), "198.51.100.7"))[0] == "signed in"
    # Each further failure doubles the wait; after it, the right password works from there too.
    at = now + timedelta(seconds=3)
    assert (await _attempt("szef@example.org", "zle-haslo-000", at, "203.0.113.9"))[0] == "Wrong e-mail or password."
    assert (await _attempt("szef@example.org", PASSWORD, at + timedelta(seconds=3), "203.0.113.9"))[1] == {"wait": "1 s"}
    assert (await _attempt("szef@example.org", PASSWORD, at + timedelta(seconds=5), "203.0.113.9"))[0] == "signed in"


async def test_one_client_guessing_many_accounts_is_slowed(db: str) -> None:
    now = clock.now()
    for i in range(services.FREE_FAILURES_PER_CLIENT + 1):
        await _attempt(f"osoba{i}@example.org", "zle-haslo-000", now, "203.0.113.9")
    message, _ = await _attempt("jeszcze-inna@example.org", "zle-haslo-000", now, "203.0.113.9")
    assert message.startswith("Too many failed attempts")
    assert (await _attempt("jeszcze-inna@example.org", "zle-haslo-000", now, "198.51.100.7"))[0] == "Wrong e-mail or password."
    # What the table keeps: keyed digests, no e-mail.
    keys = [r["key"] for r in await SignInThrottle.select(SignInThrottle.key)]
    assert keys and all(len(k) == 64 and "@" not in k for k in keys)


async def test_unknown_and_existing_emails_get_the_same_answers_after_the_same_work(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await create_user("urzednik@example.org", PASSWORD)
    verified: list[str] = []
    real_verify = services.verify_password
    monkeypatch.setattr(services, "verify_password", lambda h, p: verified.append(h[:9]) or real_verify(h, p))
    now = clock.now()
    answers: dict[str, list[object]] = {}
    work: dict[str, list[int]] = {}
    for email, client in (("urzednik@example.org", "203.0.113.1"), ("nikt@example.org", "203.0.113.2")):
        answers[email], work[email] = [], []
        for step in range(8):
            before = len(verified)
            answers[email].append(await _attempt(email, "zle-haslo-000", now + timedelta(seconds=step), client))
            work[email].append(len(verified) - before)
    assert answers["urzednik@example.org"] == answers["nikt@example.org"]
    assert work["urzednik@example.org"] == work["nikt@example.org"]
    assert 1 in work["nikt@example.org"] and 0 in work["nikt@example.org"]  # a verification each time it is not throttled
    from consult.accounts.passwords import _DUMMY

    assert _DUMMY.startswith("$argon2id")  # what an unknown e-mail's password is verified against


async def test_password_reset_answers_before_the_lookup_and_alike(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer is sent before the account is looked up and mailed, so its timing cannot tell."""
    from tests.security.conftest import open_browser

    await create_user("urzednik@example.org", PASSWORD)
    async with open_browser(monkeypatch) as browser:
        pages = {}
        for email in ("urzednik@example.org", "nikt@example.org"):
            await browser.get("/haslo/przypomnij")
            pages[email] = await _raw_post(browser, "/haslo/przypomnij", {"email": email})
    (status, body, mail_when_sent), (status2, body2, _) = pages.values()
    assert status == status2 == 200 and body.replace(b"urzednik@example.org", b"X") == body2.replace(b"nikt@example.org", b"X")
    assert mail_when_sent == 0  # the page had been sent in full before any mail existed
    assert await OutboxMessage.count() == 1  # … and the mail went to the existing account afterwards


async def _raw_post(browser, path: str, form: dict[str, str]) -> tuple[int, bytes, int]:  # type: ignore[no-untyped-def]
    """POST through the ASGI interface itself; returns status, body, and the outbox's size at the
    moment the last byte of the answer was sent."""
    from urllib.parse import urlencode

    body = urlencode({"_csrf_token": browser.token, **form}).encode()
    cookie = "; ".join(f"{k}={v}" for k, v in browser.client.cookies.items())
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "https",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver.local"), (b"content-type", b"application/x-www-form-urlencoded"),
                         (b"content-length", str(len(body)).encode()), (b"cookie", cookie.encode())],
             "client": ("testclient", 50000), "server": ("testserver.local", 443), "state": {}}
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: dict[str, object] = {"body": b""}

    async def receive():  # type: ignore[no-untyped-def]
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):  # type: ignore[no-untyped-def]
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["body"] += message.get("body", b"")  # type: ignore[operator]
            if not message.get("more_body"):
                sent["outbox"] = await OutboxMessage.count()

    await browser.client.app(scope, receive, send)
    return int(sent["status"]), sent["body"], int(sent["outbox"])  # type: ignore[arg-type,call-overload]


async def test_a_planted_csrf_cookie_and_its_token_are_refused(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.security.conftest import open_browser
    from tests.test_route_matrix import _seed

    await _seed()
    async with open_browser(monkeypatch) as attacker:
        await attacker.get("/logowanie")
        planted_cookie, planted_token = attacker.client.cookies["csrftoken"], attacker.token
    assert planted_cookie == planted_token
    async with open_browser(monkeypatch) as victim:
        victim.client.cookies.set("consult_session", "token-admin")
        victim.client.cookies.set("csrftoken", planted_cookie, domain="testserver.local")
        refused = await victim.client.post("/admin/biura", data={"_csrf_token": planted_token, "name": "Biuro napastnika"},
                                           follow_redirects=False)
        assert refused.status_code == 403
        # Reading a page gives this session its own token (and cookie), which works.
        await victim.get("/admin")
        assert victim.token != planted_token and victim.client.cookies["csrftoken"] == victim.token
        done = await victim.post_form("/admin/biura", {"name": "Biuro prawdziwe"}, follow_redirects=False)
        assert done.status_code == 303
    from consult.consultations.tables import Office

    names = {r["name"] for r in await Office.select(Office.name)}
    assert "Biuro prawdziwe" in names and "Biuro napastnika" not in names
