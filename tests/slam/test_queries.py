"""Query budgets: the Slam's gallery asks the database as often with many entries as with few."""

import pytest
from django.urls import reverse

from campaigns.slam.jury_versions import jury_changed
from campaigns.slam.models import SlamApplication, SlamAssignment, SlamJuror, SlamVideo
from campaigns.slam.selectors import JURY_QUEUE_PER_PAGE, hall_of_fame
from tests.factories import UserFactory
from tests.factories.slam import (
    make_applicant,
    make_application,
    make_slam_edition,
)
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, count_queries, queries_at_10_and_1000

pytestmark = pytest.mark.django_db


def test_the_gallery_opens_with_the_vote_and_keeps_its_queries(client, voting, programme):
    edition, _entries = voting
    early = make_slam_edition(year=2031, phase="review")
    response = client.get(reverse("slam:gallery") + f"?edition={early.year}")
    assert "The gallery opens with the public vote." in response.content.decode()

    applicant = make_applicant(programme)

    def add(count):
        for _ in range(count):
            entry = make_application(edition, programme, applicant, status="shortlisted")
            SlamVideo.objects.create(
                application=entry, video_url="https://youtu.be/dQw4w9WgXcQ", description="Film"
            )

    url = reverse("slam:gallery") + f"?edition={edition.year}"
    add(10)
    client.get(url + "&warm=1")
    few, _ = count_queries(client.get, url + "&a=1")
    add(988)
    many, response = count_queries(client.get, url + "&a=2")
    assert response.status_code == 200 and many == few


def test_the_hall_of_fame_lists_the_winner_first_then_the_awards(home, programme):
    edition = make_slam_edition(year=2020, phase="results")
    applicant = make_applicant(programme)
    for name, award in [
        ("Alpha", ""),
        ("Bravo", "audience"),
        ("Charlie", "jury"),
        ("Delta", "winner"),
    ]:
        make_application(
            edition,
            programme,
            applicant,
            status="shortlisted",
            is_finalist=True,
            award=award,
            project_name=name,
        )
    [entry] = hall_of_fame(year=2020)
    names = [item.application.project_name for item in entry["finalists"]]
    assert names == ["Delta", "Charlie", "Bravo", "Alpha"]


def test_the_jury_workspace_keeps_its_queries_at_10_and_1000_assignments(client, home, programme):
    edition = make_slam_edition(phase="review", blind_review=True)
    applicant = make_applicant(programme)
    juror = UserFactory()
    SlamJuror.objects.create(edition=edition, user=juror)

    def grow(total):
        existing = SlamApplication.objects.filter(edition=edition).count()
        made = SlamApplication.objects.bulk_create(
            SlamApplication(
                edition=edition,
                programme=programme,
                applicant=applicant,
                status="submitted",
                public_id=f"budget{number:06}",
                project_name=f"Project {number}",
                project_acronym=f"P{number}",
                story="Once, the river was a border.",
                theme_fit="It crosses borders.",
                contact_name="Contact",
                contact_email="contact@example.org",
            )
            for number in range(existing, total)
        )
        SlamAssignment.objects.bulk_create(
            SlamAssignment(application=application, juror=juror) for application in made
        )

    client.force_login(juror)
    url = reverse("slam:jury")
    query = {"edition": edition.year, "page": 2}
    # The page is kept for the juror (campaigns.slam.jury_versions): the budget is its render's.
    few, many, response = queries_at_10_and_1000(
        client, url, grow, query=query, forget=jury_changed
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    applications = response.context["applications"]
    assert applications.paginator.count == 1000
    assert len(applications.object_list) == JURY_QUEUE_PER_PAGE
    # Blind review numbers the applications across pages.
    first_on_page = JURY_QUEUE_PER_PAGE + 1
    assert f"Application {first_on_page}<" in response.content.decode()
