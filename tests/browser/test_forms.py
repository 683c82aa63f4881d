"""Every htmx form of the route matrix, sent with a value the server refuses. With JavaScript the
server's message appears in place, tied to the field (aria-invalid, aria-describedby), and what was
typed stays; without it the page comes back with the form, the message and the typed text.

The pages walked are the GET pages of tests/test_route_matrix.py; a new htmx form on any of them
fails this test until it is given a case below (or is listed as having nothing a person types)."""

from __future__ import annotations

import re
from urllib.parse import urlparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.browser.conftest import Site
from tests.test_route_matrix import MATRIX

pytestmark = pytest.mark.browser

PASSWORD = "demo-konsultacje-2026"


@dataclass(frozen=True)
class Case:
    """How to make one form fail: `fill` types into it (and leaves a required value out), `field` is
    the control the message must be tied to, `kept` the controls whose typed value must survive."""

    region: str  # where the form is and where the answer lands (CSS, within the page)
    form: str  # the form, within the region
    fill: Callable[[Any], None]
    field: str  # the invalid control (or its fieldset), within the region
    kept: dict[str, str]  # control → the value typed into it
    checked: str = ""  # a radio that must still be checked
    open_first: str = ""  # a <details> summary to open before filling


def _comment(form: Any) -> None:
    form.locator("[name=remark]").fill("")
    form.locator("[name=proposal]").fill("Mój proponowany zapis celu")


def _position(form: Any) -> None:
    form.locator("input[name=value][value=rejected]").check()
    form.locator("[name=justification]").fill("")


def _bulk(text: str) -> Callable[[Any], None]:
    def fill(form: Any) -> None:
        for radio in form.locator("input[name=value]").all():
            radio.evaluate("r => { r.checked = false; }")
        form.locator("[name=justification]").fill(text)
    return fill


def _typed(value: str) -> Callable[[Any], None]:
    def fill(form: Any) -> None:
        form.locator("input[type=text] >> nth=0").fill(value)
    return fill


def _hide(form: Any) -> None:
    form.locator("[name=reason]").select_option("")
    form.locator("[name=note]").fill("Notatka moderatora do sprawdzenia")
    # The browser's own check (required) would stop the form first: turn it off to reach the server's.
    form.evaluate("f => { f.noValidate = true; }")


CASES: dict[str, Case] = {
    "POST /konsultacje/{slug}/sekcje/{id}/uwagi": Case(
        "#comment-form", "", _comment, "#f-remark", {"#f-proposal": "Mój proponowany zapis celu"}),
    "POST /panel/konsultacje/{slug}/przeglad/uwagi/{id}/stanowisko": Case(
        "form.position-form >> nth=0", "", _position, "textarea[name=justification]", {},
        checked="input[name=value][value=rejected]"),
    "POST /panel/konsultacje/{slug}/przeglad/tematy/{id}/stanowisko": Case(
        "form.bulk-form[action*='/tematy/'] >> nth=0", "", _bulk("Wspólne uzasadnienie tematu"), "fieldset",
        {"textarea[name=justification]": "Wspólne uzasadnienie tematu"},
        open_first="details.bulk:has(form[action*='/tematy/']) > summary >> nth=0"),
    "POST /panel/konsultacje/{slug}/przeglad/kampanie/{id}/stanowisko": Case(
        "form.bulk-form[action*='/kampanie/'] >> nth=0", "", _bulk("Wspólne uzasadnienie apelu"), "fieldset",
        {"textarea[name=justification]": "Wspólne uzasadnienie apelu"},
        open_first="details.bulk:has(form[action*='/kampanie/']) > summary >> nth=0"),
    "POST /panel/konsultacje/{slug}/zmiany-po-uwagach": Case(
        "#change-links", "form.inline-form", _typed("KS-1999-000001"), "#f-link-reference",
        {"#f-link-reference": "KS-1999-000001"}),
    "POST /panel/konsultacje/{slug}/moderacja/{id}/hide": Case(
        "#queue", "form.hide-form >> nth=0", _hide, "select[name=reason] >> nth=0",
        {"input[name=note] >> nth=0": "Notatka moderatora do sprawdzenia"}),
}
# Forms with nothing a person types: a button (support, start the analysis, moderation decisions, undo).
NO_FIELDS = {
    "POST /uwagi/{reference}/poparcie", "POST /panel/konsultacje/{slug}/analiza",
    "POST /panel/konsultacje/{slug}/moderacja/{id}/publish", "POST /panel/konsultacje/{slug}/moderacja/{id}/keep",
    "POST /panel/konsultacje/{slug}/moderacja/{id}/restore", "POST /panel/konsultacje/{slug}/przeglad/zbiorcze/{id}/cofnij",
}
# Search filters: every value is accepted (choices from lists, free text searched as typed).
FILTERS = {"GET /panel/konsultacje/{slug}/przeglad/uwagi", "GET /panel/dziennik",
           # The reference lookup is a GET (400/404 without JavaScript, 422 with it): its refusal in place is
           # walked by tests/browser/test_residents.py.
           "GET /uwagi"}
# GET routes that are not pages with forms to walk (files, API, redirects, one-time links, ids only a run makes).
NOT_PAGES = re.compile(r"^GET (/api/|/static/|/schema|/schematy/|/raporty/|/jezyk/|/favicon|/haslo/nowe/|/moje-dane/\{token\}"
                       r"|/moje-dane/eksport|/panel/import/\{import_id\}|/panel/konsultacje/\{slug\}/(analiza|raport/publikacja)/\{run_id\}"
                       r"|/panel/konsultacje/\{slug\}/przeglad/zbiorcze/|/panel/konsultacje/\{slug\}/status$|/wyloguj"
                       r"|/powiadomienia/wypisz/\{token\})")


def _sign_in(page: Any) -> None:
    page.goto("/logowanie")
    page.fill("#f-email", "kierownik@example.org")
    page.fill("#f-password", PASSWORD)
    page.locator("main button[type=submit]").click()
    if "/panel" not in page.url:
        pytest.skip("the demo accounts are not seeded (factories fallback)")


def _analysed(page: Any, site: Site) -> None:
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad")
    if page.get_by_text("Ostatnia analiza zakończyła się").count() == 0:
        button = page.get_by_role("button", name=re.compile(r"^Przeanalizuj"))
        if button.count():
            button.click()
        page.get_by_text("Ostatnia analiza zakończyła się").wait_for(timeout=120_000)


def _pages(page: Any, site: Site) -> list[str]:
    """The GET pages of the route matrix, with the demo's ids (a section with a form letter for the review)."""
    sections = page.request.get(f"/api/v1/consultations/{site.open_slug}/sections").json()
    review_section = site.section_id
    for s in sorted(sections, key=lambda s: -s["comment_count"]):
        page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad/sekcje/{s['id']}")
        if page.locator("form[action*='/kampanie/']").count() and page.locator("form[action*='/tematy/']").count():
            review_section = s["id"]
            break
    comments = page.request.get(f"/api/v1/consultations/{site.open_slug}/sections/{site.section_id}/comments").json()
    items = comments["items"] if isinstance(comments, dict) else comments
    reference = items[0]["reference"]
    values = {"slug": site.open_slug, "reference": reference, "version": "1", "code": "pl"}
    urls = []
    for key in sorted(MATRIX):
        if not key.startswith("GET ") or NOT_PAGES.match(key):
            continue
        path = key[4:]
        section = review_section if "/przeglad/" in path else site.section_id
        filled = re.sub(r"\{(\w+)\}", lambda m: str(section if m.group(1) == "section_id" else values.get(m.group(1), "{" + m.group(1) + "}")), path)
        assert "{" not in filled, f"{key}: give this test a value for the placeholder, or list the route in NOT_PAGES"
        if filled.endswith("/moderacja"):
            filled += f"?numer={reference}"  # a comment found by its number gets a hide form
        urls.append(filled)
    return urls


def _key(method: str, action: str, slug: str) -> str:
    path = action.split("?", 1)[0].replace(f"/{slug}/", "/{slug}/")
    path = re.sub(r"/KS-\d{4}-\d{6}", "/{reference}", path)
    return f"{method} " + re.sub(r"/\d+(?=/|$)", "/{id}", path)


def _forms_on(page: Any, slug: str) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all(
        "form[hx-post], form[hx-get]",
        "fs => fs.map(f => f.hasAttribute('hx-post') ? ['POST', f.getAttribute('hx-post')] : ['GET', f.getAttribute('hx-get')])")
    return [(_key(m, a, slug), page.url) for m, a in found]


def _assert_in_place(page: Any, case: Case, root: Any) -> None:
    field = root.locator(case.field).first
    field.wait_for(state="attached")
    invalid = field.get_attribute("aria-invalid")
    described = (field.get_attribute("aria-describedby") or "").split()
    assert invalid == "true", f"{case.field}: aria-invalid={invalid!r}"
    messages = [page.locator(f"[id='{i}']") for i in described]
    shown = [m.inner_text().strip() for m in messages if m.count() and m.is_visible() and m.inner_text().strip()]
    assert shown, f"{case.field}: no visible message among aria-describedby={described}"
    for control, value in case.kept.items():
        assert root.locator(control).first.input_value() == value, control
    if case.checked:
        assert root.locator(case.checked).first.is_checked()


def _walk(page: Any, case: Case, url: str, javascript: bool) -> None:
    page.goto(url)
    if case.open_first:
        page.locator(case.open_first).click()
    region = page.locator(case.region).first
    form = region.locator(case.form).first if case.form else region
    # The element the answer is looked for in: the form's id, else its nearest ancestor's (both kept by the swap).
    anchor = form.evaluate("f => f.id || f.closest('[id]').id")
    case.fill(form)
    # Only the form's own answer (typing may also send the similar-comments check of the comment form).
    target = form.evaluate("e => { const f = e.tagName === 'FORM' ? e : (e.querySelector('form[hx-post]') || e.querySelector('form'));"
                           " return new URL(f.getAttribute('hx-post') || f.action, location.href).pathname; }")
    with page.expect_response(lambda r: r.request.method == "POST" and urlparse(r.url).path == target) as answer:
        form.locator("button[type=submit]:not([formaction]):visible").first.click()
    assert answer.value.status == 422, f"{url}: {answer.value.status}"
    if not javascript:
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1  # a whole page, with the form again
    _assert_in_place(page, case, page.locator(f"[id='{anchor}']").first)


def test_every_htmx_form_shows_the_servers_refusal_in_place(page: Any, page_nojs: Any, site: Site) -> None:
    _sign_in(page)
    _analysed(page, site)
    seen: dict[str, str] = {}
    for url in _pages(page, site):
        response = page.goto(url)
        assert response is not None and response.status < 500, url
        for key, where in _forms_on(page, site.open_slug):
            seen.setdefault(key, where)
    unknown = set(seen) - set(CASES) - NO_FIELDS - FILTERS
    assert not unknown, f"htmx forms without a case in this test: {sorted(unknown)}"
    missing = set(CASES) - set(seen)
    assert not missing, f"cases whose form no page of the route matrix showed: {sorted(missing)}"

    _sign_in(page_nojs)
    for key, case in CASES.items():
        _walk(page, case, seen[key], javascript=True)
        _walk(page_nojs, case, seen[key], javascript=False)
    # Nothing was stored by the refused forms: the typed note hid nothing, the position was not saved.
    page.goto(seen["POST /panel/konsultacje/{slug}/moderacja/{id}/hide"])
    assert page.locator("#queue .hidden-reason:has-text('Notatka moderatora')").count() == 0


def test_a_refusal_htmx_does_not_swap_is_shown_in_the_form(page: Any, site: Site) -> None:
    """An error page (here a 404 for a comment that is gone) is not swapped in: its message appears
    in the form, tied to it, and what was typed stays."""
    _sign_in(page)
    page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad/uwagi")
    form = page.locator("form.position-form").first
    form.evaluate("""f => { const gone = f.getAttribute('hx-post').replace(/uwagi\\/\\d+\\//, 'uwagi/999999999/');
                            f.setAttribute('hx-post', gone); htmx.process(f); }""")
    form.locator("input[name=value][value=partly]").check()
    form.locator("[name=justification]").fill("Tekst, który nie może zginąć")
    # Only the form's own answer (typing may also send the similar-comments check of the comment form).
    target = form.evaluate("e => { const f = e.tagName === 'FORM' ? e : (e.querySelector('form[hx-post]') || e.querySelector('form'));"
                           " return new URL(f.getAttribute('hx-post') || f.action, location.href).pathname; }")
    with page.expect_response(lambda r: r.request.method == "POST" and urlparse(r.url).path == target) as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == 404
    note = form.locator(".htmx-failure")
    note.wait_for()
    assert "Nie znaleziono strony" in note.inner_text()
    assert note.get_attribute("id") in (form.get_attribute("aria-describedby") or "").split()
    assert form.locator("[name=justification]").input_value() == "Tekst, który nie może zginąć"
    assert form.locator("input[name=value][value=partly]").is_checked()
