"""Browser tests: Playwright drives Debian's Chromium against the app served on 127.0.0.1.

Every page a journey visits is checked with axe-core (no serious or critical violations),
and a test fails on any console error or any request that would leave this machine.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from portal.home.demo import seed_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
BLOCKING_IMPACTS = {"serious", "critical"}
SCREENSHOT_DIR = os.environ.get("PORTAL_SCREENSHOTS", "")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Browser tests are required but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """SQLite's shared in-memory test database locks whole tables between connections, so two
    requests of one signed-in browser (a page and its previews, each recording the session's
    activity) would fail each other. On SQLite the live server answers one request at a time;
    on PostgreSQL it stays threaded, as in production."""

    class SerialWSGIServer(WSGIServer):
        # The live server thread already uses the test's connections for every request.
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        LiveServerThread.server_class = SerialWSGIServer
    yield


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageGuard:
    """Collects what must never happen while a journey runs."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []
        self.expected_not_found: set[str] = set()  # pages a test opens to see the 404 page

    def on_console(self, message):
        if message.type != "error":
            return
        location = message.location.get("url", "")
        if location in self.expected_not_found and "status of 404" in message.text:
            return
        self.console_errors.append(f"{message.text} ({location})")

    def on_page_error(self, error):
        self.console_errors.append(f"uncaught: {error}")

    def on_route(self, route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server with the demo site in it, building its links (e-mails, calendar files)
    with its own address, as the development server does with its port."""
    settings.SITE_BASE_URL = live_server.url
    seed_site()
    return live_server


def _make_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="en-GB")
    guard = PageGuard()
    context.route("**/*", guard.on_route)
    page = context.new_page()
    page.portal_guard = guard
    page.on("console", guard.on_console)
    page.on("pageerror", guard.on_page_error)
    page.set_default_timeout(15_000)
    return context, page, guard


def _finish(context, guard):
    context.close()
    assert guard.outside_requests == [], "requests left the machine"
    assert guard.console_errors == [], "console errors"


@pytest.fixture
def page(browser):
    context, page, guard = _make_page(browser, {"width": 1280, "height": 900})
    yield page
    _finish(context, guard)


@pytest.fixture
def phone_page(browser):
    context, page, guard = _make_page(browser, {"width": 360, "height": 740})
    yield page
    _finish(context, guard)


def assert_accessible(page, label: str = "") -> None:
    results = Axe().run(page)
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], f"axe violations on {label or page.url}"


def visit(page, url: str, *, screenshot: str = "", status: int = 200) -> None:
    """Open `url`, check its status and accessibility, and save a screenshot when asked to."""
    if status == 404:
        page.portal_guard.expected_not_found.add(url)
    response = page.goto(url)
    assert response is not None and response.status == status, url
    checked(page, screenshot=screenshot)


def checked(page, *, screenshot: str = "") -> None:
    """Check the page the browser is on now (after a click or a form submission)."""
    page.wait_for_load_state("load")
    assert_accessible(page)
    if SCREENSHOT_DIR and screenshot:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{screenshot}.png"), full_page=True)
