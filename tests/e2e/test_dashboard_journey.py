"""An editor signs in to the admin and finds on the dashboard the work waiting for them."""

import pytest

from portal.accounts.models import Programme
from tests.e2e.conftest import checked
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, UserFactory, totp_code

pytestmark = pytest.mark.e2e


def _sign_in_to_admin(page, site, person):
    page.goto(site.url + "/admin/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/")
    # The admin's messages ("Successfully signed in") fade in over half a second: let them
    # finish, or their contrast is measured half transparent.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every((list) => getComputedStyle(list).opacity === '1')"
    )


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_the_dashboard_leads_a_programme_admin_to_the_requests(site, viewport, request):
    page = request.getfixturevalue(viewport)
    programme = Programme.objects.order_by("name").first()
    admin = UserFactory(email="programme.admin@example.org", wagtail_admin=True)
    AffiliationFactory(user=admin, programme=programme, is_programme_admin=True)
    AffiliationFactory.create_batch(2, programme=programme, status="pending")

    _sign_in_to_admin(page, site, admin)
    checked(page, screenshot=f"dashboard-{viewport}")
    panel = page.locator("#affiliation_requests-section")
    assert panel.get_by_text("Affiliation requests to decide").is_visible()
    assert panel.get_by_text("2 requests waiting").is_visible()
    assert page.get_by_text("Cooperation Day events to moderate").count() == 0
    panel.get_by_role("link", name=programme.name).click()
    page.wait_for_url(f"**/programmes/{programme.slug}/requests/")
    checked(page)
