"""The notification centre is kept for each reader alone (portal.core.cache.kept_for_person):
two readers and a visitor interleaved each get their own, and every change that the centre
shows (a new notification, one read, all read, an actor renamed or erased, a space's
notifications no longer theirs to see) shows on the next request."""

import re

import pytest
from django.urls import reverse

from community import services as community
from community.models import Membership, Space
from portal.accounts.models import Profile
from portal.accounts.services import account_delete
from portal.notifications import services as notifications
from portal.notifications.models import Notification
from tests.accounts.test_profile_and_data import profile_post
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space
from tests.factories.notifications import grow_notifications
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, count_queries, signed_in_client

pytestmark = pytest.mark.django_db

CENTRE = "notifications:centre"


def _notify(person, target, *, actor=None):
    notifications.notify(
        recipients=[person],
        kind=Notification.Kind.REPLY,
        verb=Notification.Verb.REPLIED,
        target=target,
        url="/community/",
        actor=actor,
    )


def _centre(client):
    response = client.get(reverse(CENTRE))
    assert response.status_code == 200, response.status_code
    return response


def _csrf_tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))


def test_two_readers_and_a_visitor_interleaved_each_get_their_own(client, home):
    ana, ben = UserFactory(first_name="Ana"), UserFactory(first_name="Ben")
    actor = UserFactory(first_name="Carla", last_name="Actor")
    _notify(ana, "Thread of Ana", actor=actor)
    _notify(ben, "Thread of Ben", actor=actor)
    ana_client, ben_client = signed_in_client(ana), signed_in_client(ben)
    for round_number in range(2):
        ana_page = _centre(ana_client)
        ben_page = _centre(ben_client)
        visitor = client.get(reverse(CENTRE))
        assert visitor.status_code == 302
        assert "Thread of Ana" not in visitor.content.decode()
        for response, own, other in ((ana_page, "Ana", "Ben"), (ben_page, "Ben", "Ana")):
            page = response.content.decode()
            assert f"Thread of {own}" in page
            assert f"Thread of {other}" not in page
        # The second round is served from each reader's own kept copy.
        expected = "miss" if round_number == 0 else "hit"
        assert ana_page["X-Page-Cache"] == ben_page["X-Page-Cache"] == expected
        # Each reader's forms carry their own CSRF token, filled in for each request.
        ana_tokens = _csrf_tokens(ana_page.content.decode())
        ben_tokens = _csrf_tokens(ben_page.content.decode())
        assert ana_tokens and ben_tokens
        assert ana_tokens.isdisjoint(ben_tokens)
        assert not re.search(r"piece-[0-9a-f]{32}-", ana_page.content.decode())


def test_a_new_notification_shows_on_the_next_request(home):
    reader = UserFactory()
    _notify(reader, "First thread")
    reader_client = signed_in_client(reader)
    _centre(reader_client)
    assert _centre(reader_client)["X-Page-Cache"] == "hit"
    _notify(reader, "Second thread")
    page = _centre(reader_client).content.decode()
    assert "Second thread" in page and "First thread" in page


def test_opening_a_notification_marks_it_read_on_the_next_request(home):
    reader = UserFactory()
    _notify(reader, "Budget rules")
    notification = Notification.objects.get(recipient=reader)
    reader_client = signed_in_client(reader)
    _centre(reader_client)
    assert "Unread:" in _centre(reader_client).content.decode()
    opened = reader_client.post(reverse("notifications:open", args=[notification.pk]))
    assert opened.status_code == 302
    assert "Unread:" not in _centre(reader_client).content.decode()


def test_marking_all_read_shows_its_message_once_then_the_page_read(home):
    reader = UserFactory()
    _notify(reader, "Budget rules")
    reader_client = signed_in_client(reader)
    _centre(reader_client)
    _centre(reader_client)
    reader_client.post(reverse("notifications:mark_all_read"))
    first = _centre(reader_client).content.decode()
    assert "All notifications are marked as read." in first
    assert "Unread:" not in first
    # The page carrying the message was not kept: the next one is without it.
    second = _centre(reader_client).content.decode()
    assert "All notifications are marked as read." not in second
    assert "Unread:" not in second


def test_an_actor_renaming_themselves_shows_in_other_peoples_centres(home):
    reader, actor = UserFactory(), UserFactory(first_name="Maria", last_name="Bianchi")
    Profile.objects.get_or_create(user=actor)
    _notify(reader, "Budget rules", actor=actor)
    reader_client = signed_in_client(reader)
    _centre(reader_client)
    assert "Maria Bianchi replied" in _centre(reader_client).content.decode()
    renamed = profile_post(signed_in_client(actor), first_name="Maria", last_name="Rossi")
    assert renamed.status_code == 302
    page = _centre(reader_client).content.decode()
    assert "Maria Rossi replied" in page and "Bianchi" not in page


def test_an_erased_actor_shows_as_a_former_member_on_the_next_request(home):
    reader, actor = UserFactory(), UserFactory(first_name="Maria", last_name="Bianchi")
    _notify(reader, "Budget rules", actor=actor)
    reader_client = signed_in_client(reader)
    _centre(reader_client)
    assert "Maria Bianchi replied" in _centre(reader_client).content.decode()
    account_delete(user=actor)
    page = _centre(reader_client).content.decode()
    assert "A former member replied" in page and "Bianchi" not in page


def test_leaving_a_space_hides_its_notifications_on_the_next_request(home):
    space = make_space(kind=Space.Kind.ON_REQUEST)  # read by its members only
    starter, watcher = make_member(space), make_member(space)
    thread = community.thread_create(
        user=starter, space=space, title="Audit trail", kind="discussion", source="?"
    )
    community.subscription_set(user=watcher, level="watching", space=space)
    community.post_create(user=make_member(space), thread=thread, source="A reply.")
    assert Notification.objects.filter(recipient=watcher).exists()
    watcher_client = signed_in_client(watcher)
    _centre(watcher_client)
    assert "Audit trail" in _centre(watcher_client).content.decode()
    Membership.objects.filter(user=watcher, space=space).delete()
    assert "Audit trail" not in _centre(watcher_client).content.decode()


def test_a_kept_centre_and_a_rendered_one_cost_the_same_at_10_and_1000_notifications(home):
    reader, actor = UserFactory(), UserFactory()
    reader_client = signed_in_client(reader)
    counts = {}
    for total in (10, 1000):
        grow_notifications(reader, actor, total)
        # What everything that creates notifications does (notify_each); the first request
        # fills what every page keeps (site, header), the second renders the centre again.
        notifications.unread_changed(users=[reader])
        _centre(reader_client)
        notifications.unread_changed(users=[reader])
        rendered, response = count_queries(_centre, reader_client)
        assert response["X-Page-Cache"] == "miss"
        assert response.context["page_obj"].paginator.count == total
        kept, response = count_queries(_centre, reader_client)
        assert response["X-Page-Cache"] == "hit"
        assert f"Thread {total - 1}" in response.content.decode()
        counts[total] = (rendered, kept)
    assert counts[10] == counts[1000], counts
    rendered, kept = counts[1000]
    assert rendered <= PERSONAL_PAGE_QUERY_BUDGET, rendered
    assert kept <= 1, kept  # the person's row; their identity and pieces are kept
