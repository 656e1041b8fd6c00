"""Query budgets: the engine does not ask the database more when more people save the same
filters, the saved searches page does not grow with its rows, and the listings' button costs
one query at most."""

from datetime import UTC, date, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from hub.alerts import selectors
from hub.alerts.models import SavedSearch
from hub.alerts.services import alerts_send
from portal.accounts.models import User
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.hub import ThemeFactory
from tests.helpers import count_queries

from .conftest import KIND, make_project, save_search

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
FILTER_SETS = [f"programme=alpine-space&theme=theme-{number}" for number in range(10)]


def _people_saving(total: int, start: int) -> None:
    """`total` verified people, each saving one of the ten filter sets."""
    people = User.objects.bulk_create(
        User(email=f"watcher{start + number}@example.org", first_name="Sam", last_name="Watcher")
        for number in range(total)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=person, email=person.email, verified=True, primary=True)
        for person in people
    )
    SavedSearch.objects.bulk_create(
        SavedSearch(user=person, kind=KIND, query=FILTER_SETS[number % 10], name="Alpine")
        for number, person in enumerate(people)
    )


def _projects_starting(day: date, programme, themes) -> None:
    for theme in themes:
        make_project(programme, starts=day, themes=[theme])


@pytest.mark.postgres  # SQLite splits a bulk insert of 1,000 rows into several statements
def test_the_engine_asks_the_same_at_10_and_1000_saved_searches(project_source, alpine):
    themes = [ThemeFactory(slug=f"theme-{number}") for number in range(10)]
    alerts_send(now=NOW - timedelta(days=1))  # the clock exists from the first run on

    _people_saving(10, start=0)
    _projects_starting(NOW.date(), alpine, themes[:3])
    small, sent_small = count_queries(alerts_send, now=NOW)

    _people_saving(990, start=10)
    _projects_starting(NOW.date() + timedelta(days=1), alpine, themes[:3])
    large, sent_large = count_queries(alerts_send, now=NOW + timedelta(days=1))

    assert (sent_small, sent_large) == (3, 300)
    assert Notification.objects.filter(kind=Notification.Kind.ALERTS).count() == 303
    assert small == large


def test_the_saved_searches_page_keeps_its_queries_at_10_and_1000_rows(client, project_source):
    person = UserFactory()
    client.force_login(person)
    url = reverse("hub_alerts:alert_list")
    client.get(url)  # warm up: session, site, settings

    def seed(total):
        existing = SavedSearch.objects.filter(user=person).count()
        SavedSearch.objects.bulk_create(
            SavedSearch(user=person, kind=KIND, query=f"theme=t{number}", name=f"Theme {number}")
            for number in range(existing, total)
        )

    seed(10)
    small, response = count_queries(client.get, url)
    assert len(response.context["saved_searches"]) == 10
    seed(1000)
    large, response = count_queries(client.get, url)
    assert len(response.context["saved_searches"]) == 1000
    assert small == large


def test_the_button_s_state_costs_one_query_then_none_until_a_search_is_saved(
    project_source, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    person = UserFactory()
    save_search(person, "programme=alpine-space&theme=health")

    queries, saved = count_queries(
        selectors.saved_state, person, KIND, "theme=health&page=4&programme=alpine-space"
    )
    assert (queries, saved) == (1, True)
    # The person's saved searches are kept with their identity.
    assert count_queries(selectors.saved_state, person, KIND, "theme=water") == (0, False)
    save_search(person, "theme=water")
    assert count_queries(selectors.saved_state, person, KIND, "theme=water") == (1, True)
    assert count_queries(selectors.saved_state, AnonymousUser(), KIND, "theme=health") == (0, False)
    assert count_queries(selectors.saved_state, person, "unknown", "theme=health") == (0, False)
    assert count_queries(selectors.saved_state, person, KIND, "bad=\x00") == (0, False)
