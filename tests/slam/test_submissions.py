"""Applying: the same application form sent twice makes one application."""

import pytest
from django.urls import reverse

from campaigns.slam.models import SlamApplication
from tests.factories.slam import make_slam_edition
from tests.helpers import submission_token_in

pytestmark = pytest.mark.django_db


def test_an_application_sent_twice_is_one_application(client, home, programme, applicant):
    edition = make_slam_edition(phase="applications")
    client.force_login(applicant)
    url = reverse("slam:apply") + f"?edition={edition.year}"
    data = {
        "programme": programme.pk,
        "project_name": "River Stories",
        "project_acronym": "RIST",
        "story": "Ana crosses the bridge every morning.",
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "action": "draft",
        "submission_token": submission_token_in(client.get(url)),
    }
    first, second = client.post(url, data), client.post(url, data)
    application = SlamApplication.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("slam:my_applications")
    assert second["Location"] == reverse("slam:application_edit", args=[application.public_id])
    assert client.get(second["Location"]).status_code == 200
