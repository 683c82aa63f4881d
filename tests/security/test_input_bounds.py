"""Hostile values in every route's path, query and form: integers beyond the database's range and
characters PostgreSQL refuses (NUL) give 4xx on both engines, never a 500."""

from __future__ import annotations

import re

import pytest

from tests.clients import Browser
from tests.test_route_matrix import FORMS, JSON_BODIES, MATRIX, _seed

HUGE = (2**63, 2**31)
INT_PLACES = ("section_id", "user_id", "comment_id", "theme_id", "campaign_id", "run_id", "import_id", "index", "batch")
QUERY_INTS = "?page={n}&section={n}&theme={n}&nowa={n}&strona={n}"


def _fill(template: str, ids: dict[str, object], huge: dict[str, str]) -> str:
    values = {"slug": "strategia", "code": "en", "reference": ids["reference"], "section_id": ids["section_id"],
              "token": "no-such-token", "user_id": ids["user:resident"], "file_path": "css/consult.css",
              "path": "openapi.json", "office": ids["office"], "comment_id": ids["comment_id"],
              "theme_id": 424242, "campaign_id": 424242, "run_id": 424242, "action": "hide", "filename": "raport.json",
              "version": "v1", "import_id": 424242, "index": 0, "batch": 424242, **huge}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def _int_routes() -> list[str]:
    return sorted(k for k in MATRIX if any("{" + p + "}" in k for p in INT_PLACES) or k in FORMS or k.startswith("GET"))


@pytest.mark.parametrize("n", HUGE)
async def test_huge_integers_never_give_500(engine_browser: Browser, db: str, n: int) -> None:
    if db == "sqlite" and n == 2**31:
        pytest.skip("SQLite holds 64-bit integers: 2**31 is an ordinary unknown id there")
    ids = await _seed()
    client = engine_browser.client
    client.cookies.set("consult_session", "token-admin")
    await engine_browser.get("/")
    failures = []
    for key in _int_routes():
        method, template = key.split(" ", 1)
        variants = [{p: str(n)} for p in INT_PLACES if "{" + p + "}" in template]
        if "{version}" in template:  # report versions ("v3") and draft versions ("3")
            variants += [{"version": f"v{n}"}, {"version": str(n)}]
        variants = variants or [{}]
        for huge in variants:
            url = _fill(template, ids, huge)
            if method == "GET":
                response = await client.get(url + QUERY_INTS.format(n=n), follow_redirects=False)
            elif key in JSON_BODIES:
                response = await client.post(url, json=JSON_BODIES[key], follow_redirects=False)
            else:
                form = {k: (str(n) if re.fullmatch(r"\{?\w*\}?|\d+", v) and (v.isdigit() or v.startswith("{")) else _fill(v, ids, {}))
                        for k, v in FORMS.get(key, {}).items()}
                form |= {"version": str(n), "into": str(n), "section": str(n), "previous": str(n), "office": str(n),
                         "theme": str(n), "comment_ids": str(n), f"response-{n}": "Odpowiedź"}
                response = await client.post(url, data={"_csrf_token": engine_browser.token, **form}, follow_redirects=False)
            if response.status_code >= 500:
                failures.append(f"{key} {huge}: {response.status_code}")
            elif huge and method == "GET" and response.status_code not in (400, 404):
                failures.append(f"{key} {huge}: {response.status_code} (expected 400 or 404)")
    assert not failures, failures


BAD = "a\x00b\x0bc\x01d\x7fe\x85f"  # NUL (PostgreSQL refuses it), Word's soft line break, other controls
TEXT_FORMS = {
    "POST /logowanie": {"email": f"admin{BAD}@example.org", "password": BAD},
    "POST /haslo/przypomnij": {"email": f"admin{BAD}@example.org"},
    "POST /moje-dane": {"email": f"admin{BAD}@example.org"},
    "POST /konsultacje/{slug}/sekcje/{section_id}/uwagi": {"remark": BAD, "proposal": BAD, "justification": BAD,
                                                          "submitter_name": BAD, "submitter_email": BAD},
    "POST /panel/konsultacje/{slug}/przeglad/uwagi/{comment_id}/stanowisko": {"value": "rejected", "version": "0",
                                                                               "justification": f"Uzasadnienie {BAD}"},
    "POST /panel/konsultacje/{slug}/moderacja/{comment_id}/{action}": {"reason": "spam", "note": BAD},
    "POST /panel/konsultacje/{slug}/raport/dane": {"form": BAD, "announced": BAD, "summary": BAD},
    "POST /admin/biura": {"name": f"Biuro {BAD}"},
    "POST /haslo/nowe/{token}": {"new_password": BAD * 3, "new_password_again": BAD * 3},
}
TEXT_QUERIES = [
    "/panel/konsultacje/strategia/przeglad/uwagi?q={bad}&section={bad}&theme={bad}&position={bad}",
    "/panel/konsultacje/strategia/moderacja?numer={bad}",
    "/panel/konsultacje/strategia/raport/anonimizacja?numer={bad}",
    "/panel/dziennik?action={bad}&consultation={bad}",
    "/logowanie?next={bad}",
]
TEXT_PATHS = ["/uwagi/KS-2026%00-000001", "/konsultacje/strat%00egia", "/api/v1/comments/KS%00",
              "/api/v1/consultations/strat%00egia", "/raporty/strat%00egia", "/moje-dane/tok%00en",
              "/haslo/nowe/tok%00en", "/konsultacje/strategia/zmiany/v%001"]


async def _texts_stored() -> list[str]:
    """Every text value stored in the tables the forms above write."""
    from consult.audit.tables import AuditEntry
    from consult.comments.tables import Comment
    from consult.consultations.tables import Office

    found: list[str] = []
    for table in (Comment, Office, AuditEntry):
        for row in await table.select():
            found.extend(str(v) for v in row.values() if isinstance(v, (str, dict, list)))
    return found


async def test_control_characters_in_every_text_input(engine_browser: Browser) -> None:
    from urllib.parse import quote

    ids = await _seed()
    client = engine_browser.client
    failures = []
    for role in ("anonymous", "admin"):
        client.cookies.set("consult_session", f"token-{role}")
        await engine_browser.get("/")
        for key, form in TEXT_FORMS.items():
            url = _fill(key.split(" ", 1)[1], ids, {})
            response = await client.post(url, data={"_csrf_token": engine_browser.token, **form}, follow_redirects=False)
            if response.status_code >= 500:
                failures.append(f"{role} {key}: {response.status_code}")
        for url in TEXT_QUERIES:
            response = await client.get(url.format(bad=quote(BAD)), follow_redirects=False)
            if response.status_code >= 500:
                failures.append(f"{role} {url}: {response.status_code}")
        for url in TEXT_PATHS:
            response = await client.get(url, follow_redirects=False)
            if response.status_code != 404:
                failures.append(f"{role} {url}: {response.status_code} (expected 404)")
    response = await client.post(f"/api/v1/consultations/strategia/sections/{ids['section_id']}/comments",
                                 json={"remark": BAD, "justification": BAD})
    if response.status_code != 201:
        failures.append(f"API comment: {response.status_code} {response.text}")
    assert not failures, failures
    stored = await _texts_stored()
    assert any("ab\ncdef" in text for text in stored), "the cleaned comment was stored"
    assert not [t for t in stored if any(ch in t for ch in "\x00\x0b\x01\x7f\x85")]
