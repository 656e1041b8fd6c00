"""A visitor signs up, verifies the address, signs in, searches and signs out."""

import re

import pytest

from portal.accounts.models import ConsentRecord
from tests.e2e.conftest import checked, visit

pytestmark = pytest.mark.e2e

EMAIL = "maria.rossi@example.org"
PASSWORD = "cooperation across borders 2027"


def test_sign_up_verify_sign_in_search_sign_out(site, page, mailoutbox):
    visit(page, site.url + "/", screenshot="home")
    page.get_by_role("link", name="Create account").click()
    checked(page, screenshot="sign-up")

    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    checked(page)
    assert (
        page.locator("#id_accept_privacy_notice_error")
        .get_by_text("Please accept the privacy notice")
        .is_visible()
    )
    assert page.get_by_label("Email").input_value() == EMAIL
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I have read and accept the privacy notice").check()
    page.get_by_role("button", name="Sign Up").click()
    checked(page)
    assert page.get_by_role("heading", name="Verify Your Email Address").is_visible()

    consent = ConsentRecord.objects.get(user__email=EMAIL)
    assert (consent.document, consent.version) == ("privacy_notice", "2026-11")

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    visit(page, link)
    page.get_by_role("button", name="Confirm").click()
    checked(page, screenshot="signed-in-after-confirming")
    # Confirming the address in the browser that signed up signs the person in.
    assert page.get_by_text("Account").first.is_visible()
    assert page.get_by_role("link", name="Sign in").count() == 0

    page.get_by_role("searchbox", name="Search the portal").fill("cooperation")
    page.get_by_role("search").get_by_role("button", name="Search").first.click()
    checked(page, screenshot="search")
    results = page.locator(".search-results")
    assert results.get_by_role("link", name="Cooperation Day").is_visible()

    page.locator("summary", has_text="Account").click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    checked(page)
    if page.get_by_role("button", name="Sign Out").count():
        page.get_by_role("button", name="Sign Out").click()
        checked(page)
    assert page.get_by_role("link", name="Sign in").is_visible()


def test_sign_up_mistakes_are_explained_next_to_the_field(site, page):
    visit(page, site.url + "/accounts/signup/")
    page.get_by_label("Email").fill("not-an-address")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("different")
    page.get_by_role("button", name="Sign Up").click()
    checked(page)
    email = page.get_by_label("Email")
    assert email.input_value() == "not-an-address"
    assert email.get_attribute("aria-invalid") == "true"
    assert "id_email_error" in email.get_attribute("aria-describedby")
    assert page.locator("#id_email_error").is_visible()
