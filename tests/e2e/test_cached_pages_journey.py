"""A visitor's repeat visit is answered from the shared copy with its headers; once signed in,
a new notification and reading it show in the header on the next page."""

import pytest

from portal.notifications import services as notifications
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e


def test_a_visitor_comes_back_then_signs_in_and_reads_a_notification(site, page):
    visit(page, f"{site.url}/")
    again = page.goto(f"{site.url}/")
    checked(page, screenshot="cached-home-again")
    assert again.status == 200 and again.headers["x-page-cache"] == "hit"
    assert "frame-ancestors 'self'" in again.headers["content-security-policy"]
    assert again.headers["content-language"] == "en"
    assert page.locator("html").get_attribute("lang") == "en"

    french = page.goto(f"{site.url}/fr/")
    checked(page)
    assert french.headers["content-language"] == "fr"
    assert page.locator("html").get_attribute("lang") == "fr"

    person = UserFactory(first_name="Ines", last_name="Duarte")
    visit(page, f"{site.url}/accounts/login/?next=/")
    sign_in_from(page, person.email)
    checked(page)
    assert page.locator(".notification-link__count").count() == 0

    notifications.notify(
        recipients=[person], kind="membership", verb="invited", target="Audit", url="/"
    )
    visit(page, f"{site.url}/")
    assert page.locator(".notification-link__count").inner_text().startswith("1")

    visit(page, f"{site.url}/notifications/")
    page.get_by_role("button", name="Mark all as read").click()
    checked(page, screenshot="cached-notifications-read")
    assert page.get_by_text("All notifications are marked as read.").is_visible()
    visit(page, f"{site.url}/")
    assert page.locator(".notification-link__count").count() == 0
