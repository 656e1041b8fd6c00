"""Who may open what in the Slam, and text that people typed stays text on its pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.slam.models import SlamApplication, SlamVote
from tests.factories import UserFactory
from tests.factories.slam import (
    make_applicant,
    make_application,
    make_slam_edition,
)

pytestmark = pytest.mark.django_db


def test_jury_pages_are_for_the_jury_and_blind_review_hides_names(client, judged, programme):
    edition, (first, *_rest), (_chair, juror, _other) = judged
    client.force_login(UserFactory())
    assert client.get(reverse("slam:jury") + f"?edition={edition.year}").status_code == 403
    assert client.get(reverse("slam:review", args=[first.public_id])).status_code == 403
    client.force_login(juror)
    assert client.get(reverse("slam:ranking") + f"?edition={edition.year}").status_code == 403
    edition.blind_review = True
    edition.save_revision().publish()
    page = client.get(reverse("slam:review", args=[first.public_id])).content.decode()
    assert first.project_name not in page and programme.name not in page
    assert "Once, the river was a border." in page


def test_non_jurors_are_told_why_the_jury_page_is_closed(client, judged):
    edition, *_rest = judged
    client.force_login(UserFactory())
    response = client.get(reverse("slam:jury") + f"?edition={edition.year}")
    assert response.status_code == 403
    assert "Only this edition&#x27;s jury can open the jury pages." in response.content.decode()


def test_the_vote_audit_is_for_staff(client, voting, superuser):
    edition, (first, _second) = voting

    joined = timezone.now() - timedelta(minutes=10)
    for _ in range(6):
        voter = UserFactory()
        type(voter).objects.filter(pk=voter.pk).update(date_joined=joined)
        SlamVote.objects.create(edition=edition, voter=voter, application=first)
    url = reverse("slam_admin:vote_audit", args=[edition.year])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302
    client.force_login(superuser)
    audit = client.get(url)
    assert audit.context["clusters"][0]["accounts"] == 6
    assert dict(audit.context["by_age"])["under an hour"] == 6


def test_applications_belong_to_their_applicant(client, home, programme, applicant):
    edition = make_slam_edition(phase="applications")
    application = make_application(edition, programme, applicant, status="draft")
    client.force_login(make_applicant(programme))
    url = reverse("slam:application_edit", args=[application.public_id])
    assert client.get(url).status_code == 404
    assert client.get(reverse("slam:video", args=[application.public_id])).status_code == 404
    client.force_login(applicant)
    assert client.get(url).status_code == 200


def test_slam_pages_render_and_show_text_as_text(client, voting, programme):
    edition, (first, _second) = voting
    SlamApplication.objects.filter(pk=first.pk).update(
        project_name="<script>alert(1)</script>", story="<img src=x onerror=alert(1)>"
    )
    past = make_slam_edition(year=2020, phase="results", theme="Past theme")
    winner = make_application(
        past,
        programme,
        make_applicant(programme),
        status="shortlisted",
        is_finalist=True,
        award="winner",
        project_name="Old winner",
    )
    for url in ("/slam/", edition.url, reverse("slam:gallery")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    fame = client.get(reverse("slam:hall_of_fame") + "?year=2020").content.decode()
    assert winner.project_name in fame and "Winner" in fame
    assert "Old winner" in client.get(reverse("slam:results", args=[2020])).content.decode()
