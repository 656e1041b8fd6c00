"""A member turns on an authenticator app, and from then on signs in with a code."""

import pytest

from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.e2e


def test_member_enables_totp_and_signs_in_with_a_code(site, page):
    member = UserFactory(email="sofia@example.org")
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(site.url + "/")

    visit(page, site.url + "/accounts/2fa/")
    page.get_by_role("link", name="Activate").click()
    checked(page)
    if "/reauthenticate/" in page.url:  # changing security settings asks for the password again
        page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    checked(page, screenshot="mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    checked(page)
    assert page.get_by_text("Recovery Codes").first.is_visible()

    visit(page, site.url + "/accounts/sessions/")
    assert page.get_by_text("127.0.0.1").first.is_visible()

    page.locator("summary", has_text="Account").click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_load_state("load")

    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    checked(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    checked(page)
    assert page.get_by_text("Incorrect code").is_visible()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(site.url + "/")
    assert page.locator("summary", has_text="Account").is_visible()
