"""Every page of the route matrix in a real browser, as the role that may see it: at 390 px it fits
the screen (no page wider than the viewport), with JavaScript on and off, and on every page ids
are unique and every form control has a label."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site
from tests.test_route_matrix import MATRIX

pytestmark = pytest.mark.browser

PASSWORD = "demo-konsultacje-2026"
ACCOUNTS = {"resident": "mieszkanka@example.org", "official": "urzednik@example.org",
            "head": "kierownik@example.org", "admin": "admin@example.org"}
PHONE = {"width": 390, "height": 844}
# Set CONSULT_SCREENSHOTS=DIR to keep a PNG of every page at 390 px (and at 1280 px).
SHOTS = os.environ.get("CONSULT_SCREENSHOTS", "")

# GET routes that are not pages: data, files, redirects.
NOT_PAGES = {
    # Not walked yet: its page needs a bulk position saved during the walk.
    "GET /panel/konsultacje/{slug}/przeglad/zbiorcze/{batch}",
    "GET /favicon.ico", "GET /jezyk/{code}", "GET /static/{file_path}", "GET /schema", "GET /schema/openapi.json",
    "GET /schema/{path}", "GET /schematy/raport-v1.json", "GET /moje-dane/eksport", "GET /moje-dane/{token}/eksport",
}

# Measured in the page: the document's width against the viewport, the elements that stick out
# (to name them in a failure), ids used twice, and form controls without a label.
PROBE = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && getComputedStyle(el).position !== 'fixed') {
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') { inScroller = true; break; }
      }
      if (!inScroller) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
        ' ' + Math.round(r.right) + 'px');
    }
  }
  const count = {};
  for (const el of document.querySelectorAll('[id]')) count[el.id] = (count[el.id] || 0) + 1;
  const unlabelled = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') ||
      el.getAttribute('aria-labelledby') || el.getAttribute('title');
    if (!named) unlabelled.push(el.outerHTML.slice(0, 120));
  }
  return {scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
          wide: wide.slice(0, 8), duplicates: Object.keys(count).filter(k => count[k] > 1), unlabelled};
}"""


@dataclass
class Walk:
    """What the pages need beyond the demo: ids of things the walk created first."""

    values: dict[str, str] = field(default_factory=dict)


def _sign_in(page: Any, role: str) -> None:
    # A first page sets the CSRF cookie before the form is read (the page's own requests for its
    # style and scripts would otherwise each set a new one, racing the form's token).
    page.goto("/static/favicon.svg")
    page.goto("/logowanie")
    page.fill("#f-email", ACCOUNTS[role])
    page.fill("#f-password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    if "/logowanie" in page.url:
        pytest.skip("the demo accounts are not seeded (factories fallback): " + page.locator("main").inner_text()[:300])


def _query(site: Site, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(site.db_path) as db:
        return db.execute(sql, args).fetchall()


def _markdown(title: str) -> str:
    return (f"# {title}\n\n## Rozdział I. Wprowadzenie\n\nTekst wprowadzenia do programu.\n\n"
            "- pierwszy punkt listy\n- drugi punkt listy\n\n"
            "## Rozdział II. Cele programu\n\nCele programu opisane w kilku zdaniach. Drugi akapit celów.\n\n"
            "Trzeci akapit z pełnym opisem celu szczegółowego i działań, które go realizują.\n")


def _upload(page: Any, path: str, tmp: Path, title: str) -> str:
    """Upload a Markdown draft from `path` (its form); returns the preview's id."""
    source = tmp / "projekt.md"
    source.write_text(_markdown(title), encoding="utf-8")
    page.goto(path)
    page.locator("#f-file").set_input_files(str(source))
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/panel/import/\d+$"))
    return page.url.rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def walk(chromium: Any, site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    """An import preview, a second version of the upcoming consultation, its published report, a
    finished analysis run and a mailed RODO link: so that every page of the matrix has content."""
    tmp = tmp_path_factory.mktemp("walk")
    context = chromium.new_context(base_url=site.base_url, locale="pl-PL")
    context.set_default_timeout(20_000)
    page = context.new_page()
    walk = Walk()
    try:
        _sign_in(page, "official")
        walk.values["import_id"] = _upload(page, "/panel/import", tmp, "Projekt do podglądu")
        upcoming = _query(site, "SELECT slug FROM consultation WHERE status = 'open' AND opens_at > ? ORDER BY id LIMIT 1",
                          str(datetime.now(timezone.utc)))
        if not upcoming:
            pytest.skip("no upcoming consultation in the seeded data")
        slug = upcoming[0][0]
        walk.values["upcoming"] = slug
        preview = _upload(page, f"/panel/konsultacje/{slug}/wersje", tmp, "Program, wersja druga")
        page.goto(f"/panel/import/{preview}")
        page.locator("form[action$='/zapisz'] button[type=submit]").click()
        page.wait_for_url(re.compile(r"/wersje\?zapisano=\d+"))
        page.goto(f"/panel/konsultacje/{site.open_slug}/przeglad")
        button = page.get_by_role("button", name=re.compile(r"^Przeanalizuj"))  # "… uwagi" or "… ponownie"
        if button.count():
            button.first.click()
            page.wait_for_timeout(300)
        walk.values["run_id"] = str(_query(site, "SELECT max(id) FROM analysis_run")[0][0])
        page.context.clear_cookies()
        _sign_in(page, "head")
        # Closed in the database (the panel's closing flow is not what this walk is about).
        today = datetime.now(timezone.utc).replace(microsecond=0)
        _query(site, "UPDATE consultation SET status = 'closed', opens_at = ?, closes_at = ? WHERE slug = ?",
               str(today - timedelta(days=40)), str(today - timedelta(days=1)), slug)
        page.goto(f"/panel/konsultacje/{slug}/raport")
        page.locator("form[action$='/raport/publikacja'] button[type=submit]").click()
        deadline = time.monotonic() + 120
        while not _query(site, "SELECT 1 FROM report_version rv JOIN consultation c ON c.id = rv.consultation "
                         "WHERE c.slug = ?", slug):
            assert time.monotonic() < deadline, "the report was not published within 120 s"
            time.sleep(0.5)
        walk.values["publication_id"] = str(_query(site, "SELECT max(id) FROM publication_run")[0][0])
        page.context.clear_cookies()
        page.goto("/static/favicon.svg")
        page.goto("/moje-dane")
        page.locator("#f-email").fill("mieszkaniec.telefon@example.org")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        body = _query(site, "SELECT body FROM outbox_message WHERE recipient = ? ORDER BY id DESC LIMIT 1",
                      "mieszkaniec.telefon@example.org")
        link = re.search(r"/moje-dane/([\w.-]+)", body[0][0]) if body else None
        assert link, "no RODO link was mailed"
        walk.values["token"] = link.group(1)
        yield walk
    finally:
        context.close()


def _reference(site: Site) -> str:
    return str(_query(site, "SELECT reference FROM comment WHERE status = 'published' AND reference != '' "
                      "ORDER BY id LIMIT 1")[0][0])


# Route → (the role that sees the page, its address). Values from the walk are filled by name.
PAGES: dict[str, tuple[str, Callable[[Site, dict[str, str]], str]]] = {
    "GET /": ("anonymous", lambda s, w: "/"),
    "GET /konsultacje/{slug}": ("anonymous", lambda s, w: f"/konsultacje/{s.open_slug}"),
    "GET /uwagi/{reference}": ("anonymous", lambda s, w: f"/uwagi/{_reference(s)}"),
    "GET /uwagi/{reference}/zgloszenie": ("anonymous", lambda s, w: f"/uwagi/{_reference(s)}/zgloszenie"),
    "GET /konsultacje/{slug}/sekcje/{section_id}": ("anonymous", lambda s, w: s.section_url(s.busiest_section_id)),
    "GET /konsultacje/{slug}/zmiany/{version}": ("anonymous", lambda s, w: f"/konsultacje/{w['upcoming']}/zmiany/v2"),
    "GET /logowanie": ("anonymous", lambda s, w: "/logowanie"),
    "GET /haslo/przypomnij": ("anonymous", lambda s, w: "/haslo/przypomnij"),
    "GET /haslo/nowe/{token}": ("anonymous", lambda s, w: "/haslo/nowe/nie-ma-takiego"),
    "GET /moje-dane": ("resident", lambda s, w: "/moje-dane"),
    "GET /moje-dane/{token}": ("anonymous", lambda s, w: f"/moje-dane/{w['token']}"),
    "GET /konto": ("resident", lambda s, w: "/konto"),
    "GET /konto/haslo": ("resident", lambda s, w: "/konto/haslo"),
    "GET /raporty/{slug}": ("anonymous", lambda s, w: f"/raporty/{w['upcoming']}"),
    "GET /raporty/{slug}/{filename}": ("anonymous", lambda s, w: f"/raporty/{w['upcoming']}/raport.html"),
    "GET /raporty/{slug}/{version}/{filename}": ("anonymous", lambda s, w: f"/raporty/{w['upcoming']}/v1/raport.html"),
    "GET /panel": ("head", lambda s, w: "/panel"),
    "GET /panel/konsultacje/{slug}/informacje": ("official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/informacje"),
    "GET /panel/konsultacje/{slug}/status": ("head", lambda s, w: f"/panel/konsultacje/{s.open_slug}/status?na=closed"),
    "GET /panel/konsultacje/{slug}/zmiany-po-uwagach": (
        "official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/zmiany-po-uwagach"),
    "GET /uwagi": ("anonymous", lambda s, w: f"/uwagi?numer={_reference(s)}"),
    "GET /powiadomienia/wypisz/{token}": ("anonymous", lambda s, w: "/powiadomienia/wypisz/nie-ma-takiego"),
    "GET /admin": ("admin", lambda s, w: "/admin"),
    "GET /panel/dziennik": ("head", lambda s, w: "/panel/dziennik"),
    "GET /panel/konsultacje/{slug}/przeglad": ("official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/przeglad"),
    "GET /panel/konsultacje/{slug}/przeglad/uwagi": ("official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/przeglad/uwagi"),
    "GET /panel/konsultacje/{slug}/przeglad/sekcje/{section_id}": (
        "official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/przeglad/sekcje/{s.busiest_section_id}"),
    "GET /panel/konsultacje/{slug}/analiza/{run_id}": ("official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/analiza/{w['run_id']}"),
    "GET /panel/konsultacje/{slug}/moderacja": ("official", lambda s, w: f"/panel/konsultacje/{s.open_slug}/moderacja"),
    "GET /panel/konsultacje/{slug}/raport": ("head", lambda s, w: f"/panel/konsultacje/{s.closed_slug}/raport"),
    "GET /panel/konsultacje/{slug}/raport/podglad": ("head", lambda s, w: f"/panel/konsultacje/{s.closed_slug}/raport/podglad"),
    "GET /panel/konsultacje/{slug}/raport/anonimizacja": ("head", lambda s, w: f"/panel/konsultacje/{s.closed_slug}/raport/anonimizacja"),
    "GET /panel/konsultacje/{slug}/raport/publikacja/{run_id}": (
        "head", lambda s, w: f"/panel/konsultacje/{w['upcoming']}/raport/publikacja/{w['publication_id']}"),
    "GET /panel/import": ("official", lambda s, w: "/panel/import"),
    "GET /panel/import/{import_id}": ("official", lambda s, w: f"/panel/import/{w['import_id']}"),
    "GET /panel/import/{import_id}/podzial/{index}": ("official", lambda s, w: f"/panel/import/{w['import_id']}/podzial/0"),
    "GET /panel/konsultacje/{slug}/wersje": ("official", lambda s, w: f"/panel/konsultacje/{w['upcoming']}/wersje"),
    "GET /panel/konsultacje/{slug}/wersje/{version}/zmiany": ("official", lambda s, w: f"/panel/konsultacje/{w['upcoming']}/wersje/v2/zmiany"),
}
API = {key for key in MATRIX if key.startswith("GET /api/")}
ERROR_PAGES = {"GET /haslo/nowe/{token}", "GET /powiadomienia/wypisz/{token}"}  # their pages refuse an unknown token


def test_every_page_of_the_route_matrix_is_walked() -> None:
    pages = {key for key in MATRIX if key.startswith("GET ")} - NOT_PAGES - API
    assert not pages - set(PAGES), f"pages of the route matrix not walked at 390 px: {sorted(pages - set(PAGES))}"


def _pages_by_role() -> dict[str, list[str]]:
    by_role: dict[str, list[str]] = {}
    for key, (role, _url) in PAGES.items():
        if key not in API:
            by_role.setdefault(role, []).append(key)
    return by_role


def _save_a_position(page: Any, site: Site, javascript: bool) -> str:
    """Save a position on the first comment of the busiest section (swapped in, or a new page)."""
    url = f"/panel/konsultacje/{site.open_slug}/przeglad/sekcje/{site.busiest_section_id}"
    page.goto(url)
    form = page.locator("form.position-form").first
    form.get_by_label("uwzględniona", exact=True).check()
    if javascript:
        form.get_by_role("button", name="Zapisz stanowisko").click()
        page.locator(".position-saved").first.wait_for()
    else:
        with page.expect_navigation():
            form.get_by_role("button", name="Zapisz stanowisko").click()
    return url + " (after saving a position)"


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"), full_page=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("role", sorted(_pages_by_role()))
def test_pages_fit_a_phone_with_unique_ids_and_labelled_controls(
    role: str, javascript: bool, chromium: Any, site: Site, walk: Walk,
) -> None:
    context = chromium.new_context(base_url=site.base_url, locale="pl-PL", viewport=PHONE,
                                   java_script_enabled=javascript)
    context.set_default_timeout(20_000)
    problems: list[str] = []
    try:
        page = context.new_page()
        if role != "anonymous":
            _sign_in(page, role)
        for key in _pages_by_role()[role] + (["a position just saved"] if role == "official" else []):
            if key == "a position just saved":
                url = _save_a_position(page, site, javascript)
            else:
                url = PAGES[key][1](site, walk.values)
                response = page.goto(url)
                if response is not None and response.status >= 400 and key not in ERROR_PAGES:
                    problems.append(f"{key} ({url}): answered {response.status}, not the page")
            found = page.evaluate(PROBE)
            if found["scrollWidth"] > found["viewport"]:
                problems.append(f"{key} ({url}): {found['scrollWidth']} px wide at {found['viewport']} px; "
                                f"sticking out: {found['wide']}")
            if found["duplicates"]:
                problems.append(f"{key} ({url}): ids used more than once: {found['duplicates']}")
            if found["unlabelled"]:
                problems.append(f"{key} ({url}): form controls without a label: {found['unlabelled']}")
            _shot(page, f"{key}-390-{'js' if javascript else 'nojs'}")
            if SHOTS and javascript:
                page.set_viewport_size({"width": 1280, "height": 900})
                _shot(page, f"{key}-1280-js")
                page.set_viewport_size(PHONE)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
