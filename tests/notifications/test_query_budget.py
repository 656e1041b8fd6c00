"""Query budget: the notification centre costs the same, and little, however many
notifications a person has."""

import pytest
from django.urls import reverse

from portal.notifications import services as notifications
from tests.factories import UserFactory
from tests.factories.notifications import grow_notifications
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, queries_at_10_and_1000

pytestmark = pytest.mark.django_db


def test_the_centre_keeps_its_queries_at_10_and_1000_notifications(client, home):
    reader, actor = UserFactory(), UserFactory()

    def grow(total):
        grow_notifications(reader, actor, total, half_read=True)

    client.force_login(reader)
    # Written in bulk: what creating notifications does to the reader's kept centre is done
    # before each counted request, which renders it.
    few, many, response = queries_at_10_and_1000(
        client,
        reverse("notifications:centre"),
        grow,
        forget=lambda: notifications.unread_changed(users=[reader]),
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    assert response.context["page_obj"].paginator.count == 1000
    assert f"{actor.display_name} replied in “Thread 999”" in response.content.decode()
