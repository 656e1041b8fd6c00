"""The unread count in every page's header is kept per person between requests, and every
change to a person's notifications shows on their next request."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from community import access
from community.models import Space
from community.services import SCOPE
from portal.accounts import services as accounts
from portal.notifications import services as notifications
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space
from tests.helpers import count_queries, signed_in_client

pytestmark = pytest.mark.django_db


def _notify(*people, target="Finance") -> list[Notification]:
    return notifications.notify(
        recipients=people, kind="membership", verb="request_declined", target=target, url="/"
    )


def _badge(client) -> str | None:
    found = re.search(rb'notification-link__count">(\d+)', client.get("/").content)
    return found.group(1).decode() if found else None


def test_a_new_notification_shows_on_the_next_request(home):
    person = UserFactory()
    client = signed_in_client(person)
    assert _badge(client) is None
    _notify(person)
    assert _badge(client) == "1"
    _notify(person, target="Audit")
    assert _badge(client) == "2"


def test_notifications_made_for_many_people_at_once_show_for_each(home):
    ana, ben, cleo = UserFactory(), UserFactory(), UserFactory()
    clients = {person: signed_in_client(person) for person in (ana, ben, cleo)}
    for client in clients.values():
        assert _badge(client) is None
    notifications.notify_each(
        kind="membership",
        notices=[
            notifications.Notice(recipient=ana, verb="request_declined", target="A", url="/"),
            notifications.Notice(recipient=ben, verb="request_declined", target="B", url="/"),
            notifications.Notice(recipient=ana, verb="request_declined", target="C", url="/"),
        ],
    )
    assert _badge(clients[ana]) == "2"
    assert _badge(clients[ben]) == "1"
    assert _badge(clients[cleo]) is None


def test_opening_one_and_reading_all_show_on_the_next_request(home):
    person = UserFactory()
    first, *_others = _notify(person)
    _notify(person, target="Audit")
    _notify(person, target="Reporting")
    client = signed_in_client(person)
    assert _badge(client) == "3"
    opened = client.post(reverse("notifications:open", args=[first.pk]))
    assert opened.status_code == 302
    assert _badge(client) == "2"
    assert client.post(reverse("notifications:mark_all_read")).status_code == 302
    client.get(reverse("notifications:centre"))  # shows, and so clears, the flash message
    assert _badge(client) is None


def test_someone_elses_reading_leaves_a_persons_count_alone(home):
    ana, ben = UserFactory(), UserFactory()
    _notify(ana, ben)
    ana_client, ben_client = signed_in_client(ana), signed_in_client(ben)
    assert _badge(ana_client) == _badge(ben_client) == "1"
    ben_client.post(reverse("notifications:mark_all_read"))
    assert _badge(ana_client) == "1"


def test_a_notification_about_a_space_left_since_is_not_counted(home):
    space = make_space(kind=Space.Kind.ON_REQUEST)
    reader = make_member(space)
    notifications.notify(
        recipients=[reader],
        kind="membership",
        verb="invited",
        target=space.name,
        url="/",
        scope=(SCOPE, space.pk),
    )
    assert notifications.unread_count(reader) == 1
    # What a person may see is asked on every request; only the counting is kept.
    space.memberships.filter(user=reader).delete()
    access.forget(reader)
    assert notifications.unread_count(reader) == 0


def test_deleting_an_account_forgets_its_count(home):
    person = UserFactory()
    _notify(person)
    assert notifications.unread_count(person) == 1
    key = notifications._unread_key(person)
    assert cache.get(key) is not None
    accounts.account_delete(user=person)
    assert cache.get(key) is None
    assert not Notification.objects.filter(recipient_id=person.pk).exists()


def test_a_signed_in_shared_page_asks_one_query_fewer_once_the_count_is_kept(home):
    person = UserFactory()
    _notify(person)
    client = signed_in_client(person)
    client.get("/")  # the shared copy and the person's session are in place
    kept, response = count_queries(client.get, "/")
    assert response["X-Page-Cache"] == "hit"
    cache.delete(notifications._unread_key(person))
    counted, response = count_queries(client.get, "/")
    assert response["X-Page-Cache"] == "hit"
    assert counted == kept + 1
