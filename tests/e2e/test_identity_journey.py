"""The identity journey: a member turns on TOTP, signs in with a code, asks for an affiliation;
the programme's admin approves it; the member's roles change; the member exports their data
and deletes the account."""

import json
from pathlib import Path

import pytest

from portal.accounts import roles
from portal.accounts.models import Programme
from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, UserFactory, totp_code

pytestmark = pytest.mark.e2e


def sign_in(page, site, email, secret=None):
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_load_state("load")
    if secret:
        checked(page)
        page.get_by_label("Code").fill("000000")
        page.get_by_role("button", name="Sign In", exact=True).click()
        checked(page)
        assert page.locator("#id_code_error").get_by_text("Incorrect code").is_visible()
        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url(site.url + "/")


def sign_out(page):
    page.locator("summary", has_text="Account").click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_load_state("load")


def confirm_password_if_asked(page):
    if "/reauthenticate/" in page.url:  # security changes ask for the password again
        checked(page)
        page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state("load")


def test_identity_journey(site, page, browser, mailoutbox):
    programme = Programme.objects.get(acronym="ALCOTRA")
    AffiliationFactory(
        programme=programme, is_programme_admin=True, user__email="admin@alcotra.example"
    )
    member = UserFactory(email="luca@example.org", first_name="Luca", last_name="Bianchi")

    # The member turns on an authenticator app…
    sign_in(page, site, member.email)
    visit(page, site.url + "/accounts/2fa/")
    page.get_by_role("link", name="Activate").click()
    confirm_password_if_asked(page)
    checked(page, screenshot="mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    checked(page)
    assert page.get_by_text("Recovery Codes").first.is_visible()
    visit(page, site.url + "/accounts/sessions/")
    sign_out(page)

    # …and from now on signs in with a code.
    sign_in(page, site, member.email, secret=secret)

    # The member finds the programme and asks to be recognised as its finance officer.
    visit(page, site.url + "/programmes/", screenshot="programmes")
    page.get_by_label("Strand").select_option("A")
    page.get_by_role("button", name="Show programmes").click()
    checked(page)
    page.get_by_role("link", name="Interreg VI-A France-Italy (ALCOTRA)").click()
    checked(page)
    visit(page, site.url + "/accounts/affiliations/")
    page.get_by_label("Programme", exact=True).select_option(label=str(programme))
    page.get_by_label("Your function").select_option("finance_officer")
    page.get_by_label("Show me on the programme's public page once approved").check()
    page.get_by_role("button", name="Send for approval").click()
    checked(page)
    assert page.get_by_text("Waiting for approval").is_visible()
    assert not roles.is_finance_staff(type(member).objects.get(pk=member.pk))
    assert mailoutbox[-1].to == ["admin@alcotra.example"]

    # The programme's admin, in another browser, declines without a reason (refused), then approves.
    admin_context = browser.new_context()
    admin_context.route("**/*", page.portal_guard.on_route)  # nothing may leave the machine
    admin = admin_context.new_page()
    admin.on("console", page.portal_guard.on_console)
    sign_in(admin, site, "admin@alcotra.example", secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    visit(admin, site.url + f"/programmes/{programme.slug}/requests/")
    admin.get_by_role("button", name="Decline").click()
    checked(admin)
    assert admin.get_by_text("Tell the person why").first.is_visible()
    admin.get_by_role("button", name="Approve").click()
    checked(admin)
    assert admin.get_by_text("There are no requests waiting for a decision.").is_visible()
    admin_context.close()

    # The member's roles answer differently now, and the programme page lists them.
    assert roles.is_finance_staff(type(member).objects.get(pk=member.pk))
    assert mailoutbox[-1].to == ["luca@example.org"]
    visit(page, site.url + "/accounts/affiliations/")
    assert page.get_by_text("Approved", exact=True).is_visible()
    visit(page, site.url + f"/programmes/{programme.slug}/")
    assert page.locator(".staff-list").get_by_text("Luca Bianchi").is_visible()

    # The member fills in a profile and makes it public.
    visit(page, site.url + "/accounts/profile/", screenshot="profile")
    page.get_by_label("Organisation", exact=True).fill("Joint Secretariat ALCOTRA")
    page.get_by_label("Italian").check()
    page.get_by_label("About me", exact=True).fill(
        "<p>Finance <b>and</b> audit trails.</p><script>x</script>"
    )
    page.get_by_label("Show my profile page to everyone").check()
    page.get_by_role("button", name="Save my profile").click()
    checked(page)
    page.get_by_role("link", name="See your public profile").click()
    checked(page)
    assert page.get_by_text("Joint Secretariat ALCOTRA").is_visible()
    assert page.locator("script", has_text="x").count() == 0

    # The member downloads their data…
    visit(page, site.url + "/accounts/my-data/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "luca@example.org"
    assert data["affiliations"][0]["programme"] == "ALCOTRA"
    assert data["affiliations"][0]["status"] == "approved"
    assert data["security"]["second_factors"]
    assert "secret" not in json.dumps(data["security"])

    # …and deletes the account.
    page.get_by_role("link", name="Delete my account…").click()
    confirm_password_if_asked(page)
    checked(page)
    page.get_by_label("Your e-mail address").fill("someone-else@example.org")
    page.get_by_role("button", name="Delete my account for good").click()
    checked(page)
    assert (
        page.locator("#id_confirm_email_error")
        .get_by_text("Type your e-mail address exactly")
        .is_visible()
    )
    page.get_by_label("Your e-mail address").fill("luca@example.org")
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_url(site.url + "/")
    checked(page)
    assert not type(member).objects.filter(email="luca@example.org").exists()
    assert page.get_by_role("link", name="Sign in").is_visible()
