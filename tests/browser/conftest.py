"""Browser tests: the app served by `python -m consult serve` on a seeded SQLite file, driven by
Debian's Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from consult.settings import ROOT

CHROMIUM = Path(os.environ.get("CONSULT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
PAGE_SIZE = 10  # small pages, so the busiest section has several


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine; under CI a missing browser is a failure."""
    if _in_ci():
        pytest.fail(f"Browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True, slots=True)
class Site:
    """The running app and the demo data the tests walk through."""

    base_url: str
    db_path: Path
    open_slug: str
    section_id: int  # a specific goal of the open consultation (3.2 in the demo)
    section_number: str
    busiest_section_id: int  # the open consultation's section with the most comments
    closed_slug: str
    closed_section_id: int

    def url(self, path: str) -> str:
        return self.base_url + path

    def section_url(self, section_id: int | None = None, slug: str | None = None) -> str:
        return self.url(f"/konsultacje/{slug or self.open_slug}/sekcje/{section_id or self.section_id}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return json.load(response)


# Used when the demo content is missing: a small open and a closed consultation built with the
# test factories (through the services), with enough comments on 3.1 for several pages.
_FALLBACK_SEED = """
import asyncio
from datetime import timedelta
from tests.factories import add_comment, make_consultation

async def main():
    await make_consultation("strategia", opened=timedelta(days=10), duration=timedelta(days=45))
    await make_consultation("zamkniete", opened=timedelta(days=60), duration=timedelta(days=40))
    for i in range(25):
        await add_comment("strategia", "3.1", f"Uwaga testowa numer {i}. " + "Treść uwagi. " * (i % 4))
    for i in range(3):
        await add_comment("strategia", "3.2", f"Uwaga o bezdomności {i}")

asyncio.run(main())
"""


def _seed(env: dict[str, str], log: Path) -> None:
    if os.environ.get("CONSULT_BROWSER_SEED") == "factories":  # exercise the fallback on purpose
        demo = subprocess.CompletedProcess([], 1, "", "demo skipped (CONSULT_BROWSER_SEED=factories)")
    else:
        demo = _run_demo_seed(env)
    log.write_text(demo.stdout + demo.stderr)
    if demo.returncode == 0:
        return
    # No demo content yet: build a smaller data set with tests/factories.py.
    for command in ([sys.executable, "-m", "consult", "migrate"], [sys.executable, "-c", _FALLBACK_SEED]):
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, f"{' '.join(command[:3])} failed:\n{result.stdout}{result.stderr}"


def _run_demo_seed(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consult", "seed-demo"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=180,
    )


def _discover(base_url: str, db_path: Path) -> Site:
    consultations = _get_json(base_url + "/api/v1/consultations")
    open_c = next(c for c in consultations if c["phase"] == "open" and c["comment_count"] > 0)
    closed_c = next(c for c in consultations if c["phase"] in ("closed", "reported"))
    sections = _get_json(f"{base_url}/api/v1/consultations/{open_c['slug']}/sections")
    goals = [s for s in sections if s["kind"] == "specific_goal"]
    chosen = next((s for s in goals if s["number"] == "3.2"), goals[0] if goals else sections[0])
    busiest = max(sections, key=lambda s: s["comment_count"])
    closed_sections = _get_json(f"{base_url}/api/v1/consultations/{closed_c['slug']}/sections")
    return Site(
        base_url=base_url, db_path=db_path, open_slug=open_c["slug"], section_id=chosen["id"],
        section_number=chosen["number"], busiest_section_id=busiest["id"], closed_slug=closed_c["slug"],
        closed_section_id=max(closed_sections, key=lambda s: s["comment_count"])["id"],
    )


@pytest.fixture(scope="package")  # closed when the browser tests end: sync Playwright holds an event loop
def site() -> Iterator[Site]:
    """A fresh SQLite file seeded with the demo (or the factories), served on a free local port."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (install it with: apt-get install -y chromium)")
    tmp = Path(tempfile.mkdtemp(prefix="consult-browser-"))
    db_path = tmp / "browser.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({
        "CONSULT_SQLITE_PATH": str(db_path), "CONSULT_DEMO": "1", "CONSULT_SECRET_KEY": "browser-tests",
        "CONSULT_PAGE_SIZE": str(PAGE_SIZE), "PYTHONPATH": str(ROOT),
        "CONSULT_IN_PROCESS_WORKER": "1",  # the served app analyses comments itself, as in the demo
    })
    _seed(env, tmp / "seed.log")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "consult", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"the server exited with {server.returncode}:\n{(tmp / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(base_url + "/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not answer within 30 s:\n{(tmp / 'server.log').read_text()}")
            time.sleep(0.2)
        yield _discover(base_url, db_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="package")  # closed when the browser tests end: sync Playwright holds an event loop
def chromium(site: Site) -> Iterator[Any]:
    """Debian's Chromium, headless, launched once for the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        _unavailable(f"playwright is not installed: {exc}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _context(chromium: Any, site: Site, **options: Any) -> Any:
    context = chromium.new_context(base_url=site.base_url, locale="pl-PL", viewport={"width": 1280, "height": 900}, **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(chromium: Any, site: Site) -> Iterator[Any]:
    """A page in a fresh browser context (its own cookies) with JavaScript on."""
    context = _context(chromium, site)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page_nojs(chromium: Any, site: Site) -> Iterator[Any]:
    """A page in a fresh browser context with JavaScript off: plain forms and links only."""
    context = _context(chromium, site, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def new_page(chromium: Any, site: Site) -> Iterator[Any]:
    """A factory of pages, each in its own fresh context (another browser, another person)."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = _context(chromium, site, **options)
        contexts.append(context)
        return context.new_page()

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
