"""The project search, a project's page and the programme directory are one shared copy for
visitors and signed-in people alike: each person's header is filled in for them only, and a
signed-in request costs the same few queries however many projects there are."""

import pytest
from django.test import Client

from hub.models import Project
from portal.notifications import services as notifications
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.hub import ProjectFactory
from tests.helpers import queries_at_10_and_1000, signed_in_client

pytestmark = pytest.mark.django_db

# What a signed-in request served from a shared copy costs (tests/core/test_personal_pieces.py):
# the person, their signed-in device, the second-factor rule, the restriction check and the
# unread count.
SIGNED_IN_SHARED_BUDGET = 15


@pytest.fixture
def project(home):
    return ProjectFactory(keep_id="8125", acronym="HEALTH-SI-IT", programme=ProgrammeFactory())


@pytest.mark.parametrize("address", ["/projects/", "project", "/programmes/"])
def test_two_people_and_a_visitor_interleaved_each_see_their_own_header(project, address):
    url = project.get_absolute_url() if address == "project" else address
    ana = UserFactory(first_name="Ana", last_name="Kovač")
    ben = UserFactory(first_name="Ben", last_name="Moreau")
    notifications.notify(
        recipients=[ana], kind="membership", verb="request_declined", target="Finance", url="/"
    )
    clients = (
        ("ana", signed_in_client(ana)),
        ("visitor", Client()),
        ("ben", signed_in_client(ben)),
    )

    responses = [(name, client.get(url)) for _round in range(2) for name, client in clients]

    assert [response["X-Page-Cache"] for _name, response in responses] == ["miss"] + ["hit"] * 5
    for name, response in responses:
        content = response.content.decode()
        assert "piece-" not in content
        assert ("Signed in as Ana Kovač" in content) == (name == "ana")
        assert ("Signed in as Ben Moreau" in content) == (name == "ben")
        assert ('notification-link__count">1' in content) == (name == "ana")
        assert ("Create account" in content) == (name == "visitor")


def test_a_signed_in_search_of_projects_costs_the_same_at_10_and_1000_projects(project):
    programme = project.programme

    def grow(total):
        start = Project.objects.count()
        Project.objects.bulk_create(
            Project(
                keep_id=f"b{number}",
                acronym=f"B{number}",
                name="Care",
                programme=programme,
                period="2021-2027",
            )
            for number in range(start, total)
        )

    client = signed_in_client(UserFactory())
    few, many, response = queries_at_10_and_1000(client, "/projects/", grow)
    assert response["X-Page-Cache"] == "hit"
    assert few == many
    assert many <= SIGNED_IN_SHARED_BUDGET, many
