"""Query budget: the notification centre costs the same, and little, however many
notifications a person has."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.notifications import services as notifications
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, queries_at_10_and_1000

pytestmark = pytest.mark.django_db


def test_the_centre_keeps_its_queries_at_10_and_1000_notifications(client, home):
    reader, actor = UserFactory(), UserFactory()

    def grow(total):
        existing = Notification.objects.filter(recipient=reader).count()
        Notification.objects.bulk_create(
            Notification(
                recipient=reader,
                kind=Notification.Kind.REPLY,
                verb=Notification.Verb.REPLIED,
                actor=actor,
                target=f"Thread {number}",
                url="/community/",
                read_at=None if number % 2 else timezone.now(),
            )
            for number in range(existing, total)
        )

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
