"""The public pages: accessible, keyboard-usable, responsive down to 360 px, all local."""

import pytest

from tests.e2e.conftest import checked, visit
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.e2e

PUBLIC_PATHS = [
    "/",
    "/academy/",
    "/cooperation-day/",
    "/slam/",
    "/brand/",
    "/community/",
    "/about/",
    "/accessibility/",
    "/search/?q=programme",
    "/search/?q=zzzzzz",
    "/no-such-page/",
    "/accounts/login/",
    "/accounts/password/reset/",
]
SCREENSHOTS = {"/academy/": "academy", "/no-such-page/": "not-found"}


def test_every_public_page_is_accessible_and_loads_nothing_from_outside(site, page):
    for path in PUBLIC_PATHS:
        status = 404 if path == "/no-such-page/" else 200
        visit(page, site.url + path, status=status, screenshot=SCREENSHOTS.get(path, ""))
        assert page.locator("header").count() >= 1 and page.locator("main").count() == 1
        assert (
            page.locator("footer")
            .get_by_text("Co-funded by the European Union", exact=True)
            .is_visible()
        )


def test_keyboard_users_can_skip_to_content_and_reach_every_section(site, page):
    visit(page, site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Brand").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/brand/")
    checked(page)
    assert nav.get_by_role("link", name="Brand").get_attribute("aria-current") == "page"


def test_phone_layout_has_a_working_menu_and_no_sideways_scrolling(site, phone_page):
    page = phone_page
    visit(page, site.url + "/", screenshot="home-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    assert not page.get_by_role("navigation", name="Main").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Community").is_visible()
    checked(page)
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    for path in ("/academy/", "/accounts/signup/", "/search/?q=brand"):
        visit(page, site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_videos_load_only_when_the_visitor_asks(site, page):
    StandardPageFactory(
        title="Slam final video",
        slug="slam-final",
        body=[("embed", {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Slam final 2026"})],
    )
    visit(page, site.url + "/slam-final/")
    assert page.locator("iframe").count() == 0
    assert page.get_by_role("button", name="Play the video here").is_visible()
