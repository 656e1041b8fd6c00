import re

import pytest
from django.urls import reverse

from portal.accounts.models import Affiliation
from tests.factories import AffiliationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(acronym="EMR-TEST", name="Interreg Euregio Test", slug="emr-test")


def test_a_member_asks_for_an_affiliation_and_sees_it_pending(client, home, user, programme):
    client.force_login(user)
    response = client.post(
        reverse("accounts:affiliations"),
        {"programme": programme.pk, "function": "finance_officer", "listed": "on"},
    )
    assert response.status_code == 302
    page = client.get(reverse("accounts:affiliations")).content.decode()
    assert "Interreg Euregio Test" in page
    assert "Waiting for approval" in page
    assert "Your request was sent" in page


def test_a_repeated_request_is_explained_and_the_form_keeps_its_values(
    client, home, user, programme
):
    AffiliationFactory(user=user, programme=programme, function="auditor", status="pending")
    client.force_login(user)
    response = client.post(
        reverse("accounts:affiliations"), {"programme": programme.pk, "function": "auditor"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "waiting for approval" in html
    assert f'<option value="{programme.pk}" selected>' in html


def test_invalid_choices_get_messages_next_to_the_fields(client, home, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:affiliations"), {"programme": "999999", "function": "king"}
    )
    html = response.content.decode()
    assert 'id="id_programme_error"' in html and 'id="id_function_error"' in html
    assert not Affiliation.objects.exists()


def test_members_withdraw_only_their_own(client, home, user):
    mine = AffiliationFactory(user=user, status="pending")
    theirs = AffiliationFactory(status="pending")
    client.force_login(user)
    assert (
        client.post(reverse("accounts:affiliation_withdraw", args=[theirs.pk])).status_code == 404
    )
    assert client.post(reverse("accounts:affiliation_withdraw", args=[mine.pk])).status_code == 302
    assert list(Affiliation.objects.all()) == [theirs]


def test_programme_admin_approves_and_declines_requests(client, home, programme, mailoutbox):
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    approve_me = AffiliationFactory(programme=programme, status="pending", function="auditor")
    decline_me = AffiliationFactory(programme=programme, status="pending", function="controller")
    client.force_login(admin)
    url = reverse("accounts:programme_requests", args=[programme.slug])
    page = client.get(url).content.decode()
    assert approve_me.user.email in page and decline_me.user.email in page

    response = client.post(url, {"affiliation": approve_me.pk, "decision": "approve"})
    assert response.status_code == 302
    approve_me.refresh_from_db()
    assert approve_me.status == "approved" and approve_me.decided_by == admin

    missing_reason = client.post(url, {"affiliation": decline_me.pk, "decision": "decline"})
    assert missing_reason.status_code == 200
    assert "Tell the person why" in missing_reason.content.decode()
    decline_me.refresh_from_db()
    assert decline_me.status == "pending"

    client.post(
        url, {"affiliation": decline_me.pk, "decision": "decline", "message": "Not our staff"}
    )
    decline_me.refresh_from_db()
    assert (decline_me.status, decline_me.decision_message) == ("declined", "Not our staff")


def test_requests_of_another_programme_cannot_be_decided_here(client, home, programme):
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    elsewhere = AffiliationFactory(status="pending")
    client.force_login(admin)
    url = reverse("accounts:programme_requests", args=[programme.slug])
    assert client.post(url, {"affiliation": elsewhere.pk, "decision": "approve"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == "pending"


def test_a_decline_without_a_message_leads_with_the_summary_of_that_request(
    client, home, programme
):
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    first = AffiliationFactory(programme=programme, status="pending", function="auditor")
    declined = AffiliationFactory(programme=programme, status="pending", function="controller")
    client.force_login(admin)
    url = reverse("accounts:programme_requests", args=[programme.slug])
    assert not _title(client.get(url).content.decode()).startswith("Error:")

    response = client.post(url, {"affiliation": declined.pk, "decision": "decline"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _title(html).startswith("Error: ")
    assert html.count("data-error-summary") == 1
    summary_at = html.index("data-error-summary")
    # The summary opens the declined request's form; the other request's form has none.
    declined_form = html.index(f'name="affiliation" value="{declined.pk}"')
    assert declined_form < summary_at and "<form" not in html[declined_form:summary_at]
    assert f'name="affiliation" value="{first.pk}"' in html
    summary = html[summary_at : html.index("</ul>", summary_at)]
    assert f'<a href="#a{declined.pk}_message">Message to the person:' in summary
    assert "Tell the person why" in summary
    assert 'aria-invalid="true"' in html and f'id="a{declined.pk}_message_error"' in html


def _title(html: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
