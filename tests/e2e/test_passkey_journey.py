"""A member adds a passkey and signs in with it alone (Chromium's virtual authenticator)."""

import pytest
from allauth.mfa.models import Authenticator

from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_member_adds_a_passkey_and_signs_in_with_it(site, page):
    # A passkey belongs to a domain name; browsers refuse IP addresses, so use "localhost".
    base = site.url.replace("127.0.0.1", "localhost")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    member = UserFactory(email="eva@example.org")
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url(base + "/")

    visit(page, base + "/accounts/2fa/webauthn/add/")
    if "/reauthenticate/" in page.url:
        page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state("load")
    checked(page)
    page.get_by_label("Name").fill("Laptop")
    page.get_by_label("Passwordless").check()
    with page.expect_navigation():  # the authenticator answers, then the form is sent
        page.get_by_role("button", name="Add").click()
    checked(page)

    assert Authenticator.objects.filter(user=member, type="webauthn").exists()

    page.locator("summary", has_text="Account").click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_load_state("load")

    visit(page, base + "/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(base + "/")
    assert page.locator("summary", has_text="Account").is_visible()
