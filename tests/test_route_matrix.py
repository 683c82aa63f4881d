"""Every route × every role: the status each kind of visitor gets. A route missing here fails."""

from __future__ import annotations

import asyncio
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient
from piccolo.engine.sqlite import SQLiteEngine

from consult.accounts.passwords import hash_password
from consult.accounts.services import digest
from consult.accounts.tables import Membership, Session, User
from consult.app import create_app
from consult.comments.tables import Comment
from consult.consultations.services import ensure_office
from consult.lib.clock import now
from tests.conftest import bind
from tests.factories import add_comment, make_consultation, section_id

ROLES = ("anonymous", "resident", "official", "other_official", "head", "admin")
# Expected status per role, in the order of ROLES. 303 for anonymous on a page that needs an
# account is the redirect to the sign-in page.
MATRIX: dict[str, tuple[int, int, int, int, int, int]] = {
    "GET /": (200,) * 6,
    "GET /konsultacje/{slug}": (200,) * 6,
    "GET /favicon.ico": (301,) * 6,
    "GET /jezyk/{code}": (303,) * 6,
    "GET /uwagi/{reference}": (200,) * 6,
    "GET /konsultacje/{slug}/sekcje/{section_id}": (200,) * 6,
    "POST /konsultacje/{slug}/sekcje/{section_id}/uwagi": (303,) * 6,
    "POST /uwagi/{reference}/poparcie": (303,) * 6,
    "GET /api/v1/consultations": (200,) * 6,
    "GET /api/v1/consultations/{slug}": (200,) * 6,
    "GET /api/v1/consultations/{slug}/sections": (200,) * 6,
    "GET /api/v1/consultations/{slug}/sections/{section_id}": (200,) * 6,
    "GET /api/v1/consultations/{slug}/sections/{section_id}/comments": (200,) * 6,
    "POST /api/v1/consultations/{slug}/sections/{section_id}/comments": (201,) * 6,
    "GET /api/v1/comments/{reference}": (200,) * 6,
    "GET /logowanie": (200,) * 6,
    "POST /logowanie": (400,) * 6,
    "POST /wyloguj": (303,) * 6,
    "GET /konto": (303, 200, 200, 200, 200, 200),
    "GET /konto/haslo": (303, 200, 200, 200, 200, 200),
    "POST /konto/haslo": (303, 400, 400, 400, 400, 400),
    "GET /haslo/przypomnij": (200,) * 6,
    "POST /haslo/przypomnij": (200,) * 6,
    "GET /haslo/nowe/{token}": (400,) * 6,
    "POST /haslo/nowe/{token}": (400,) * 6,
    "GET /panel": (303, 403, 200, 200, 200, 200),
    "POST /panel/konsultacje/{slug}/status": (303, 403, 403, 403, 303, 303),
    "GET /panel/konsultacje/{slug}/status": (303, 403, 403, 403, 409, 409),  # no ?na=: no change to confirm
    "GET /panel/konsultacje/{slug}/informacje": (303, 403, 200, 403, 200, 200),
    "POST /panel/konsultacje/{slug}/informacje": (303, 403, 303, 403, 303, 303),
    "GET /admin": (303, 403, 403, 403, 403, 200),
    "POST /admin/biura": (303, 403, 403, 403, 403, 303),
    "POST /admin/uzytkownicy": (303, 403, 403, 403, 403, 303),
    "POST /admin/uzytkownicy/{user_id}/role": (303, 403, 403, 403, 403, 303),
    "POST /admin/uzytkownicy/{user_id}/role/usun": (303, 403, 403, 403, 403, 303),
    "POST /admin/uzytkownicy/{user_id}/aktywny": (303, 403, 403, 403, 403, 303),
    # The review workspace: the office's officials and head (and admins); unknown ids answer 404
    # once the guard has let the person through.
    "GET /panel/konsultacje/{slug}/przeglad": (303, 403, 200, 403, 200, 200),
    "GET /panel/konsultacje/{slug}/przeglad/uwagi": (303, 403, 200, 403, 200, 200),
    "GET /panel/konsultacje/{slug}/przeglad/sekcje/{section_id}": (303, 403, 200, 403, 200, 200),
    "GET /panel/konsultacje/{slug}/analiza/{run_id}": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/analiza": (303, 403, 303, 403, 303, 303),
    "POST /panel/konsultacje/{slug}/przeglad/uwagi/{comment_id}/stanowisko": (303, 403, 303, 403, 303, 303),
    "POST /panel/konsultacje/{slug}/przeglad/uwagi/{comment_id}/temat": (303, 403, 409, 403, 409, 409),
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/stanowisko": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/przeglad/kampanie/{campaign_id}/stanowisko": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/nazwa": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/inne": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/scal": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/podziel": (303, 403, 404, 403, 404, 404),
    "GET /panel/konsultacje/{slug}/przeglad/zbiorcze/{batch}": (303, 403, 404, 403, 404, 404),
    "POST /panel/konsultacje/{slug}/przeglad/zbiorcze/{batch}/cofnij": (303, 403, 404, 403, 404, 404),
    # Reports: published versions for everyone (none is published in this data: downloads are
    # tested in tests/reports); preparing for the office; publishing for its head (409: still open).
    "GET /raporty/{slug}": (404,) * 6,
    "GET /raporty/{slug}/{filename}": (404,) * 6,
    "GET /raporty/{slug}/{version}/{filename}": (404,) * 6,
    "GET /schematy/raport-v1.json": (200,) * 6,
    "GET /panel/konsultacje/{slug}/raport": (303, 403, 200, 403, 200, 200),
    "GET /panel/konsultacje/{slug}/raport/podglad": (303, 403, 200, 403, 200, 200),
    "GET /panel/konsultacje/{slug}/raport/anonimizacja": (303, 403, 200, 403, 200, 200),
    "POST /panel/konsultacje/{slug}/raport/dane": (303, 403, 303, 403, 303, 303),
    "POST /panel/konsultacje/{slug}/raport/anonimizacja": (303, 403, 303, 403, 303, 303),
    "POST /panel/konsultacje/{slug}/raport/anonimizacja/{comment_id}": (303, 403, 303, 403, 303, 303),
    "POST /panel/konsultacje/{slug}/raport/publikacja": (303, 403, 403, 403, 409, 409),
    "GET /panel/konsultacje/{slug}/raport/publikacja/{run_id}": (303, 403, 404, 403, 404, 404),
    "GET /panel/konsultacje/{slug}/moderacja": (303, 403, 200, 403, 200, 200),
    "POST /panel/konsultacje/{slug}/moderacja/{comment_id}/{action}": (303, 403, 303, 403, 303, 303),
    "POST /panel/konsultacje/{slug}/moderacja-tryb": (303, 403, 403, 403, 303, 303),
    "GET /panel/dziennik": (303, 403, 403, 403, 200, 200),
    "GET /uwagi/{reference}/zgloszenie": (200,) * 6,
    "POST /uwagi/{reference}/zgloszenie": (200,) * 6,
    "GET /moje-dane": (200,) * 6,
    "POST /moje-dane": (400,) * 6,  # an empty form
    "GET /moje-dane/eksport": (303, 200, 200, 200, 200, 200),
    "POST /moje-dane/usun": (303, 200, 200, 200, 200, 200),
    "GET /moje-dane/{token}": (404,) * 6,  # "no-such-token"
    "GET /moje-dane/{token}/eksport": (404,) * 6,
    "POST /moje-dane/{token}/usun": (404,) * 6,
    "GET /static/{file_path}": (200,) * 6,
    "GET /schema": (200,) * 6,
    "GET /schema/openapi.json": (200,) * 6,
    "GET /schema/{path}": (200,) * 6,
    # Imports: any official uploads for their offices; previews are seen by the office's staff (424242: none);
    # versions and the diff of the office's consultations; the public diff of a non-draft consultation.
    "GET /panel/import": (303, 403, 200, 200, 200, 200),
    "POST /panel/import": (303, 403, 400, 400, 400, 400),  # no file in the form
    "GET /panel/import/{import_id}": (303, 403, 404, 404, 404, 404),
    "POST /panel/import/{import_id}": (303, 403, 404, 404, 404, 404),
    "GET /panel/import/{import_id}/podzial/{index}": (303, 403, 404, 404, 404, 404),
    "POST /panel/import/{import_id}/zapisz": (303, 403, 404, 404, 404, 404),
    "POST /panel/import/{import_id}/usun": (303, 403, 404, 404, 404, 404),
    "GET /panel/konsultacje/{slug}/wersje": (303, 403, 200, 403, 200, 200),
    "POST /panel/konsultacje/{slug}/wersje": (303, 403, 400, 403, 400, 400),  # no file in the form
    "GET /panel/konsultacje/{slug}/wersje/{version}/zmiany": (303, 403, 200, 403, 200, 200),
    "POST /panel/konsultacje/{slug}/wersje/dopasowania": (303, 403, 404, 403, 404, 404),
    "GET /konsultacje/{slug}/zmiany/{version}": (200,) * 6,
    # Residents hear back: the lookup (an empty number: 400), similar comments and supporting one of them,
    # the unsubscribe link ("no-such-token": 400), and the office's links of comments to draft changes
    # (409: the comment has no position, so it cannot be linked).
    "GET /uwagi": (400,) * 6,
    "POST /konsultacje/{slug}/sekcje/{section_id}/podobne": (200,) * 6,
    "POST /konsultacje/{slug}/sekcje/{section_id}/podobne/poparcie": (200,) * 6,
    "GET /powiadomienia/wypisz/{token}": (400,) * 6,
    "POST /powiadomienia/wypisz/{token}": (400,) * 6,
    "GET /panel/konsultacje/{slug}/zmiany-po-uwagach": (303, 403, 200, 403, 200, 200),
    "POST /panel/konsultacje/{slug}/zmiany-po-uwagach": (303, 403, 422, 403, 422, 422),
}
# What each POST sends (besides the CSRF token): a valid request, so that only the role decides.
FORMS: dict[str, dict[str, str]] = {
    "POST /konsultacje/{slug}/sekcje/{section_id}/uwagi": {"remark": "Uwaga z macierzy ról"},
    "POST /panel/konsultacje/{slug}/status": {"status": "closed", "confirm": "1"},
    "POST /panel/konsultacje/{slug}/informacje": {"description": "Opis konsultacji.", "opens_on": "2026-01-05",
                                                  "closes_on": "2030-12-31"},
    "POST /panel/konsultacje/{slug}/raport/dane": {"form": "Formularz elektroniczny", "announced": "BIP"},
    "POST /panel/konsultacje/{slug}/raport/anonimizacja/{comment_id}": {"span": "0"},
    "POST /panel/konsultacje/{slug}/raport/publikacja": {"confirm_missing": "1"},
    "POST /admin/biura": {"name": "Nowe biuro"},
    "POST /admin/uzytkownicy": {"email": "zaproszona@example.org", "full_name": "Zaproszona"},
    "POST /admin/uzytkownicy/{user_id}/role": {"office": "{office}", "role": "official"},
    "POST /admin/uzytkownicy/{user_id}/role/usun": {"office": "{office}"},
    "POST /admin/uzytkownicy/{user_id}/aktywny": {"active": "0"},
    "POST /panel/konsultacje/{slug}/moderacja/{comment_id}/{action}": {"reason": "spam"},
    "POST /panel/konsultacje/{slug}/moderacja-tryb": {"mode": "pre"},
    "POST /uwagi/{reference}/zgloszenie": {"reason": "spam"},
    "POST /panel/konsultacje/{slug}/przeglad/uwagi/{comment_id}/stanowisko": {"value": "accepted", "version": "0"},
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/stanowisko": {"value": "accepted"},
    "POST /panel/konsultacje/{slug}/przeglad/kampanie/{campaign_id}/stanowisko": {"value": "accepted"},
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/scal": {"into": "424242"},
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{theme_id}/podziel": {"comment_ids": "{comment_id}"},
    "POST /panel/import/{import_id}/zapisz": {"target": "version"},
    "POST /panel/konsultacje/{slug}/wersje/dopasowania": {"previous": "424242", "section": "424242"},
    "POST /konsultacje/{slug}/sekcje/{section_id}/podobne": {"remark": "Uwaga do poparcia"},
    "POST /konsultacje/{slug}/sekcje/{section_id}/podobne/poparcie": {"remark": "Uwaga do poparcia",
                                                                      "support": "{reference}"},
    "POST /panel/konsultacje/{slug}/zmiany-po-uwagach": {"reference": "{reference}"},
}
JSON_BODIES: dict[str, dict[str, str]] = {
    "POST /api/v1/consultations/{slug}/sections/{section_id}/comments": {"remark": "Uwaga z macierzy (API)"},
}


def app_routes() -> set[str]:
    """Every method and path the app serves (automatic OPTIONS and HEAD aside)."""
    found = set()
    for route in create_app().routes:
        if isinstance(route, HTTPRoute):
            path = re.sub(r"\{(\w+):[^}]+\}", r"{\1}", route.path)
            found.update(f"{m} {path}" for m in route.methods if m not in {"OPTIONS", "HEAD"})
    return found


def test_every_route_has_an_entry() -> None:
    routes = app_routes()
    assert not routes - set(MATRIX), f"routes without an entry in MATRIX: {sorted(routes - set(MATRIX))}"
    assert not set(MATRIX) - routes, f"MATRIX entries for routes that no longer exist: {sorted(set(MATRIX) - routes)}"


async def _seed() -> dict[str, object]:
    await make_consultation("strategia")
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    other = await ensure_office("Inne biuro")
    reference = await add_comment("strategia", "3.1", "Uwaga do poparcia")
    password = hash_password("haslo-do-testow")
    ids: dict[str, object] = {"office": office, "reference": reference, "section_id": await section_id("strategia", "3.1")}
    ids["comment_id"] = (await Comment.select(Comment.id).where(Comment.reference == reference).first())["id"]
    for role in ROLES[1:]:
        row = await User.insert(User(email=f"{role}@example.org", password_hash=password, is_admin=role == "admin")).returning(User.id)
        user_id = row[0]["id"]
        ids[f"user:{role}"] = user_id
        office_id = other if role == "other_official" else office
        if role in {"official", "other_official", "head"}:
            await Membership.insert(Membership(user=user_id, office=office_id, key=f"{office_id}:{user_id}",
                                               role="office_head" if role == "head" else "official"))
        await Session.insert(Session(token_digest=digest(f"token-{role}"), user=user_id,
                                     expires_at=now().replace(year=now().year + 1)))
    return ids


@pytest.fixture(scope="module")
def seeded(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    path = tmp_path_factory.mktemp("matrix") / "seeded.sqlite3"
    shutil.copy(sqlite_template, path)
    bind(SQLiteEngine(path=str(path)))
    with ThreadPoolExecutor(max_workers=1) as pool:
        ids = pool.submit(asyncio.run, _seed()).result()
    return path, ids


def _fill(template: str, ids: dict[str, object]) -> str:
    values = {"slug": "strategia", "code": "en", "reference": ids["reference"], "section_id": ids["section_id"],
              "token": "no-such-token", "user_id": ids["user:resident"], "file_path": "css/consult.css",
              "path": "openapi.json", "office": ids["office"], "comment_id": ids["comment_id"],
              "theme_id": 424242, "campaign_id": 424242, "run_id": 424242, "action": "hide", "filename": "raport.json",
              "version": "v1", "import_id": 424242, "index": 0, "batch": 424242}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


from consult.suggestions import services as suggestions  # noqa: E402

APP = create_app()  # tables follow `bind`, so one app serves every copy of the database


@pytest.mark.parametrize("key", sorted(MATRIX))
async def test_route_statuses_per_role(key: str, seeded: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    source, ids = seeded
    method, template = key.split(" ", 1)
    url = _fill(template, ids)
    got = []
    for index, role in enumerate(ROLES):
        path = tmp_path / f"{index}.sqlite3"
        shutil.copy(source, path)  # each role meets the same, untouched data
        bind(SQLiteEngine(path=str(path)))
        suggestions.clear()  # the similar-comments indexes are kept per process, by section id
        async with AsyncTestClient(app=APP, base_url="https://testserver.local") as client:
            if role != "anonymous":
                client.cookies.set("consult_session", f"token-{role}")
            await client.get("/")
            token = client.cookies.get("csrftoken", "")
            if method == "GET":
                response = await client.get(url, follow_redirects=False)
            elif key in JSON_BODIES:
                response = await client.post(url, json=JSON_BODIES[key], follow_redirects=False)
            else:
                form = {name: _fill(value, ids) for name, value in FORMS.get(key, {}).items()}
                response = await client.post(url, data={"_csrf_token": token, **form}, follow_redirects=False)
            if response.status_code == 303 and MATRIX[key][index] == 303 and role == "anonymous" and template.startswith(("/konto", "/panel", "/admin")):
                assert response.headers["location"].startswith("/logowanie?next=")
            got.append(response.status_code)
    assert tuple(got) == MATRIX[key], f"{key}: expected {dict(zip(ROLES, MATRIX[key]))}, got {dict(zip(ROLES, got))}"


async def test_hidden_consultation_data_stays_with_its_office(seeded: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    """An official of another office cannot act on this office's consultation (spot check beyond statuses)."""
    source, _ids = seeded
    path = tmp_path / "x.sqlite3"
    shutil.copy(source, path)
    bind(SQLiteEngine(path=str(path)))
    async with AsyncTestClient(app=create_app(), base_url="https://testserver.local") as client:
        client.cookies.set("consult_session", "token-other_official")
        panel = await client.get("/panel")
        assert "Strategia (strategia)" not in panel.text
    assert await Comment.count() == 1
