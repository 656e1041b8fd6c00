"""An editor signs in through the one sign-in form, edits a page in Wagtail and publishes it."""

import pytest

from portal.home.models import StandardPage
from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.e2e


def test_editor_publishes_a_change_that_visitors_see_at_once(site, page, browser):
    editor = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    visitor_context = browser.new_context()
    visitor = visitor_context.new_page()
    visitor.goto(site.url + "/about/")
    assert visitor.get_by_role("heading", name="About the portal").is_visible()

    page.goto(site.url + "/admin/")
    assert "/accounts/login/" in page.url
    checked(page)
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    checked(page)  # the second step: the authenticator code
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/")

    about = StandardPage.objects.get(slug="about")
    page.goto(f"{site.url}/admin/pages/{about.pk}/edit/")
    page.locator("#id_title").fill("About the Interreg portal")
    page.get_by_role("button", name="More actions").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url("**/admin/pages/**")

    visitor.goto(site.url + "/about/")
    assert visitor.get_by_role("heading", name="About the Interreg portal").is_visible()
    visitor_context.close()
    visit(page, site.url + "/about/")
