"""Anonymous searchers share the results of each search until the next publish, or until a
result changes by the clock (a vacancy closing); signed-in searchers get their own."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.pages import StandardPageFactory
from tests.factories.vacancies import make_vacancy
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

URL = "/search/?q=quokka"


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


def test_signed_in_searchers_get_their_own_results(client, home, user):
    StandardPageFactory(title="Quokka habitats", summary="Quokkas by the lake.")
    client.get(URL)
    client.force_login(user)
    response = client.get(URL)
    assert "X-Page-Cache" not in response and "Quokka habitats" in response.content.decode()


def test_shared_results_end_when_a_vacancy_in_them_closes(client, home):
    closes = timezone.now() + timedelta(seconds=2)
    make_vacancy(title="Quokka keeper", closes_at=closes)
    assert "Quokka keeper" in client.get(URL).content.decode()
    assert client.get(URL)["X-Page-Cache"] == "hit"
    time.sleep(max((closes - timezone.now()).total_seconds(), 0) + 0.5)
    after = client.get(URL)
    assert after.get("X-Page-Cache") != "hit" and "Quokka keeper" not in after.content.decode()
