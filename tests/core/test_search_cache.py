"""Searchers share the results of each search until the next publish, or until a result
changes by the clock (a vacancy closing); signed-in searchers too, unless a page restriction
admits them, when they get their own."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory
from tests.factories.pages import StandardPageFactory
from tests.factories.vacancies import make_vacancy
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

URL = "/search/?q=quokka"
# A signed-in request served from the shared copy: what every signed-in request reads (its
# session, its person and their roles), and nothing more.
SIGNED_IN_SHARED_BUDGET = 3


def test_the_same_search_is_answered_from_the_cache_until_something_is_published(client, home):
    StandardPageFactory(title="Quokka habitats", summary="Quokkas by the lake.")
    first = client.get(URL)
    assert first["X-Page-Cache"] == "miss" and "Quokka habitats" in first.content.decode()
    queries, second = count_queries(client.get, URL)
    assert second["X-Page-Cache"] == "hit" and queries == 0
    assert second.content == first.content
    assert client.get("/fr/search/?q=quokka")["X-Page-Cache"] == "miss"  # each language its own
    assert client.get("/search/?q=lake")["X-Page-Cache"] == "miss"  # each search its own

    StandardPageFactory(title="Quokka crossings", summary="Quokkas crossing the border.")
    after = client.get(URL)
    assert after["X-Page-Cache"] == "miss" and "Quokka crossings" in after.content.decode()


def test_signed_in_searchers_who_see_what_visitors_see_share_the_results(client, home, user):
    StandardPageFactory(title="Quokka habitats", summary="Quokkas by the lake.")
    client.get(URL)
    client.force_login(user)
    response = client.get(URL)
    assert response["X-Page-Cache"] == "hit" and "Quokka habitats" in response.content.decode()
    assert user.email.encode() not in Client().get(URL).content


def test_a_member_of_a_restricted_pages_group_gets_their_own_results(home, user):
    members = Group.objects.create(name="Quokka keepers")
    hidden = StandardPageFactory(title="Quokka feeding plan", summary="For keepers only.")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(members)
    StandardPageFactory(title="Quokka habitats", summary="Quokkas by the lake.")
    keeper = UserFactory()
    keeper.groups.add(members)
    visitor, outsider, member = Client(), Client(), Client()
    outsider.force_login(user)
    member.force_login(keeper)

    for _round in range(2):
        member_page = member.get(URL)
        visitor_page = visitor.get(URL)
        outsider_page = outsider.get(URL)
        assert "X-Page-Cache" not in member_page
        assert "Quokka feeding plan" in member_page.content.decode()
        assert visitor_page["X-Page-Cache"] in ("miss", "hit")
        assert outsider_page["X-Page-Cache"] == "hit"
        for page in (visitor_page, outsider_page):
            assert "Quokka feeding plan" not in page.content.decode()
            assert "Quokka habitats" in page.content.decode()


def test_a_signed_in_searcher_served_the_shared_results_costs_a_few_queries(client, home, user):
    StandardPageFactory(title="Quokka habitats", summary="Quokkas by the lake.")
    client.get(URL)
    client.force_login(user)
    client.get(URL)
    queries, response = count_queries(client.get, URL)
    assert response["X-Page-Cache"] == "hit"
    assert queries <= SIGNED_IN_SHARED_BUDGET, queries


def test_shared_results_end_when_a_vacancy_in_them_closes(client, home):
    closes = timezone.now() + timedelta(seconds=2)
    make_vacancy(title="Quokka keeper", closes_at=closes)
    assert "Quokka keeper" in client.get(URL).content.decode()
    assert client.get(URL)["X-Page-Cache"] == "hit"
    time.sleep(max((closes - timezone.now()).total_seconds(), 0) + 0.5)
    after = client.get(URL)
    assert after.get("X-Page-Cache") != "hit" and "Quokka keeper" not in after.content.decode()
