"""Saved searches are the person's data: in "download my data", and gone with the account."""

from datetime import UTC, date, datetime

import pytest

from hub.alerts.models import AlertDelivery, SavedSearch
from hub.alerts.services import alerts_send
from portal.accounts.gdpr import export_user_data
from portal.accounts.services import account_delete
from tests.factories import UserFactory

from .conftest import make_project, save_search

pytestmark = pytest.mark.django_db


def test_saved_searches_and_alerts_sent_are_in_the_export(project_source, alpine):
    person = UserFactory()
    save_search(person, "programme=alpine-space", name="Alpine Space")
    save_search(UserFactory(), "programme=alpine-space", name="Someone else's")
    make_project(alpine, starts=date(2027, 3, 10))
    alerts_send(now=datetime(2027, 3, 10, 9, tzinfo=UTC))

    data = export_user_data(person)["saved_searches"]

    assert [item["name"] for item in data["saved_searches"]] == ["Alpine Space"]
    assert data["saved_searches"][0]["filters"] == "programme=alpine-space"
    assert [item["occasion"] for item in data["alerts_sent"]] == ["opened"]


def test_they_go_with_the_account(project_source, alpine):
    person, other = UserFactory(), UserFactory()
    save_search(person, "programme=alpine-space")
    save_search(other, "programme=alpine-space")
    make_project(alpine, starts=date(2027, 3, 10))
    alerts_send(now=datetime(2027, 3, 10, 9, tzinfo=UTC))

    account_delete(user=person)

    assert list(SavedSearch.objects.values_list("user", flat=True)) == [other.pk]
    assert list(AlertDelivery.objects.values_list("user", flat=True)) == [other.pk]
