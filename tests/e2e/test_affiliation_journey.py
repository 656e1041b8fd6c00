"""A member asks to be recognised as finance officer; the programme's admin approves it."""

import pytest

from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, UserFactory

pytestmark = pytest.mark.e2e


def sign_in(page, site, email):
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(site.url + "/")


def sign_out(page):
    page.locator("summary", has_text="Account").click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_load_state("load")


def test_affiliation_is_requested_approved_and_changes_the_roles(site, page, mailoutbox):
    from portal.accounts import roles
    from portal.accounts.models import Programme

    programme = Programme.objects.get(acronym="ALCOTRA")
    AffiliationFactory(
        programme=programme, is_programme_admin=True, user__email="admin@alcotra.example"
    )
    member = UserFactory(email="luca@example.org", first_name="Luca", last_name="Bianchi")

    visit(page, site.url + "/programmes/", screenshot="programmes")
    page.get_by_label("Strand").select_option("A")
    page.get_by_role("button", name="Show programmes").click()
    checked(page)
    page.get_by_role("link", name="Interreg VI-A France-Italy (ALCOTRA)").click()
    checked(page)

    sign_in(page, site, member.email)
    visit(page, site.url + "/accounts/affiliations/")
    page.get_by_label("Programme", exact=True).select_option(label=str(programme))
    page.get_by_label("Your function").select_option("finance_officer")
    page.get_by_label("Show me on the programme's public page once approved").check()
    page.get_by_role("button", name="Send for approval").click()
    checked(page)
    assert page.get_by_text("Waiting for approval").is_visible()
    assert not roles.is_finance_staff(member)
    assert mailoutbox[-1].to == ["admin@alcotra.example"]
    sign_out(page)

    sign_in(page, site, "admin@alcotra.example")
    visit(page, site.url + f"/programmes/{programme.slug}/requests/")
    page.get_by_role("button", name="Decline").click()
    checked(page)
    assert page.get_by_text("Tell the person why").first.is_visible()
    page.get_by_role("button", name="Approve").click()
    checked(page)
    assert page.get_by_text("There are no requests waiting for a decision.").is_visible()
    sign_out(page)

    member = type(member).objects.get(pk=member.pk)  # a new request sees the new answers
    assert roles.is_finance_staff(member)
    assert mailoutbox[-1].to == ["luca@example.org"]
    visit(page, site.url + f"/programmes/{programme.slug}/")
    assert page.get_by_text("Luca Bianchi").is_visible()
