"""The Slam's landing page and an edition's page are one shared copy for everyone: the links
to the jury's pages and to "My applications" are a personal piece, fresh on every request and
only the person's."""

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.slam.models import SlamApplication, SlamJuror
from tests.factories import UserFactory
from tests.factories.slam import make_applicant, make_application, make_slam_edition
from tests.helpers import count_queries, queries_at_10_and_1000, signed_in_client

pytestmark = pytest.mark.django_db

# A signed-in request served from the shared copy: its session, its person, their roles and
# their part in the edition are all kept between requests.
SIGNED_IN_SHARED_BUDGET = 0

JURY_LINK = f'href="{reverse("slam:jury")}?edition='.encode()
MY_APPLICATIONS_LINK = f'href="{reverse("slam:my_applications")}"'.encode()


@pytest.fixture
def applying(home, programme):
    return make_slam_edition(phase="applications")


def test_an_applicant_a_juror_and_a_visitor_interleaved_each_see_their_own_links(
    applying, programme
):
    edition = applying
    applicant = make_applicant(programme)
    make_application(edition, programme, applicant)
    juror = UserFactory()
    SlamJuror.objects.create(edition=edition, user=juror)
    clients = {
        "applicant": signed_in_client(applicant),
        "visitor": Client(),
        "juror": signed_in_client(juror),
    }
    for url in ("/slam/", edition.url):
        responses = [
            (name, client.get(url)) for _round in range(2) for name, client in clients.items()
        ]
        assert [response["X-Page-Cache"] for _name, response in responses] == ["miss"] + ["hit"] * 5
        for name, response in responses:
            content = response.content
            assert b"piece-" not in content
            assert (MY_APPLICATIONS_LINK in content) == (name == "applicant"), (url, name)
            assert (JURY_LINK in content) == (name == "juror"), (url, name)
            assert (b"Sign in" in content) == (name == "visitor"), (url, name)


def test_an_application_shows_its_link_on_the_next_request_of_the_shared_copy(applying, programme):
    applicant = make_applicant(programme)
    client = signed_in_client(applicant)
    before = client.get("/slam/")
    assert MY_APPLICATIONS_LINK not in before.content
    make_application(applying, programme, applicant)
    after = client.get("/slam/")
    assert after["X-Page-Cache"] == "hit"
    assert MY_APPLICATIONS_LINK in after.content
    assert MY_APPLICATIONS_LINK not in Client().get("/slam/").content


def test_a_seat_on_the_jury_given_and_taken_shows_on_the_next_request(applying):
    juror, other = UserFactory(), UserFactory()
    juror_client, other_client, visitor = signed_in_client(juror), signed_in_client(other), Client()
    for client in (juror_client, other_client, visitor):
        assert JURY_LINK not in client.get("/slam/").content
    seat = SlamJuror.objects.create(edition=applying, user=juror)
    assert [
        JURY_LINK in client.get("/slam/").content
        for client in (juror_client, other_client, visitor)
    ] == [True, False, False]
    seat.delete()
    assert JURY_LINK not in juror_client.get("/slam/").content


def test_the_shared_landing_page_costs_the_same_at_10_and_1000_applications(applying, programme):
    applicant = make_applicant(programme)

    def grow(total):
        SlamApplication.objects.bulk_create(
            SlamApplication(
                edition=applying,
                programme=programme,
                applicant=applicant,
                project_name=f"Project {number}",
                project_acronym=f"P{number}",
                story="Once, the river was a border.",
            )
            for number in range(SlamApplication.objects.count(), total)
        )

    few, many, response = queries_at_10_and_1000(signed_in_client(applicant), "/slam/", grow)
    assert response["X-Page-Cache"] == "hit"
    assert MY_APPLICATIONS_LINK in response.content
    assert few == many <= SIGNED_IN_SHARED_BUDGET, (few, many)


def test_a_visitor_is_answered_from_the_shared_copy_without_queries(applying):
    Client().get("/slam/")
    queries, response = count_queries(Client().get, "/slam/")
    assert response["X-Page-Cache"] == "hit"
    assert queries == 0
