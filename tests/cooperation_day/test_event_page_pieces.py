"""A published event's page is one shared copy for everyone: the places left, the person's own
place, and the organiser's and moderators' links are personal pieces, fresh on every request
and only the person's."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import Event, EventAttendee
from portal.accounts.services import account_delete
from tests.factories import UserFactory
from tests.factories.cooperation_day import make_event, make_moderator
from tests.helpers import count_queries, queries_at_10_and_1000, signed_in_client

pytestmark = pytest.mark.django_db

# A signed-in request served from the shared copy: what every signed-in request reads (its
# session, its person and their roles), then one query for the places left and the person's
# own place.
SIGNED_IN_SHARED_BUDGET = 4

PLACES = re.compile(rb"(\d+) places? left")
HAS_PLACE = b"You have a place at this event."
WAITING = b"You are on the waiting list for this event."
MANAGE = b"Manage this event in"
REVIEW = b"Review in the admin"


def _take_place(event, email, outbox, capture) -> EventAttendee:
    """Sign `email` up as a visitor does: the request, then the link the e-mail carries."""
    with capture(execute=True):
        services.sign_up_request(event=event, name="Someone", email=email)
    token = re.search(r"/cooperation-day/sign-up/(\S+)/confirm/", outbox[-1].body).group(1)
    with capture(execute=True):
        attendee, _created = services.sign_up_confirm(token=token)
    return attendee


@pytest.fixture
def event(edition, programme, organiser):
    return make_event(edition, programme, organiser, booking="sign_up", capacity=3)


def test_the_organiser_an_attendee_a_moderator_and_a_visitor_interleaved_see_their_own(
    event, organiser, outbox, django_capture_on_commit_callbacks
):
    attendee = UserFactory(email="ana@example.org")
    _take_place(event, attendee.email, outbox, django_capture_on_commit_callbacks)
    moderator = make_moderator("moderator@example.org", countries=["SK"])
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    clients = {
        "organiser": signed_in_client(organiser),
        "visitor": Client(),
        "attendee": signed_in_client(attendee),
        "moderator": signed_in_client(moderator),
    }
    responses = [(name, client.get(url)) for _round in range(2) for name, client in clients.items()]

    assert [response["X-Page-Cache"] for _name, response in responses] == ["miss"] + ["hit"] * 7
    for name, response in responses:
        content = response.content
        assert b"piece-" not in content
        assert PLACES.search(content).group(1) == b"2", name
        assert (MANAGE in content) == (name == "organiser"), name
        assert (REVIEW in content) == (name == "moderator"), name
        assert (HAS_PLACE in content) == (name == "attendee"), name
        assert (b"Sign in" in content) == (name == "visitor"), name


def test_signing_up_and_cancelling_show_on_the_next_request(
    event, outbox, django_capture_on_commit_callbacks
):
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    ana, ben = UserFactory(email="ana@example.org"), UserFactory(email="ben@example.org")
    ana_client, ben_client, visitor = signed_in_client(ana), signed_in_client(ben), Client()
    assert PLACES.search(visitor.get(url).content).group(1) == b"3"

    places = [
        _take_place(event, email, outbox, django_capture_on_commit_callbacks)
        for email in ("one@example.org", "two@example.org", "ana@example.org", "ben@example.org")
    ]
    ana_page, ben_page = ana_client.get(url), ben_client.get(url)
    assert ana_page["X-Page-Cache"] == ben_page["X-Page-Cache"] == "hit"
    assert HAS_PLACE in ana_page.content and WAITING not in ana_page.content
    assert WAITING in ben_page.content and HAS_PLACE not in ben_page.content
    visitor_page = visitor.get(url).content
    assert b"All places are taken" in visitor_page
    assert HAS_PLACE not in visitor_page and WAITING not in visitor_page

    services.sign_up_cancel(attendee=places[2])  # Ana's place goes to Ben, who was waiting
    ana_page, ben_page = ana_client.get(url).content, ben_client.get(url).content
    assert HAS_PLACE not in ana_page and WAITING not in ana_page
    assert HAS_PLACE in ben_page
    assert b"All places are taken" in visitor.get(url).content


def test_an_address_not_yet_confirmed_shows_no_place(
    event, outbox, django_capture_on_commit_callbacks
):
    _take_place(event, "ana@example.org", outbox, django_capture_on_commit_callbacks)
    Client().get(reverse("cooperation_day:event_detail", args=[event.public_id]))
    unconfirmed = signed_in_client(UserFactory(email="ana@example.org", verified=False))
    page = unconfirmed.get(reverse("cooperation_day:event_detail", args=[event.public_id]))
    assert HAS_PLACE not in page.content


def test_an_event_in_review_is_never_shared(submitted, organiser, moderator):
    url = reverse("cooperation_day:event_detail", args=[submitted.public_id])
    page = signed_in_client(organiser).get(url)
    assert page.status_code == 200 and "X-Page-Cache" not in page
    assert b"Preview: this event is not public" in page.content and MANAGE in page.content
    assert Client().get(url).status_code == 404
    assert REVIEW in signed_in_client(moderator).get(url).content


def test_the_shared_copy_ends_the_moment_the_event_does(event):
    ends = timezone.now() + timedelta(seconds=2)
    Event.objects.filter(pk=event.pk).update(starts_at=ends - timedelta(hours=2), ends_at=ends)
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    time.sleep(max((ends - timezone.now()).total_seconds(), 0) + 0.5)
    ended = Client().get(url)
    assert ended.get("X-Page-Cache") != "hit"
    assert b"This event has taken place." in ended.content
    assert b"Sign up" not in ended.content


def test_erasing_a_public_contact_drops_the_shared_copy(
    edition, programme, organiser, django_capture_on_commit_callbacks
):
    contact = UserFactory(email="contact@example.org")
    event = make_event(
        edition, programme, organiser, show_contact=True, contact_email="contact@example.org"
    )
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    assert b"contact@example.org" in Client().get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=contact)
    after = Client().get(url)
    assert after["X-Page-Cache"] == "miss"
    assert b"contact@example.org" not in after.content


def test_a_visitor_costs_one_query_and_a_signed_in_person_a_few_at_10_and_1000_sign_ups(event):
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    Event.objects.filter(pk=event.pk).update(capacity=5000)

    def grow(total):
        EventAttendee.objects.bulk_create(
            EventAttendee(event=event, name="Someone", email=f"person{number}@example.org")
            for number in range(EventAttendee.objects.count(), total)
        )

    visitor_few, visitor_many, visitor_page = queries_at_10_and_1000(Client(), url, grow)
    assert visitor_page["X-Page-Cache"] == "hit"
    assert visitor_few == visitor_many == 1
    EventAttendee.objects.all().delete()
    person = UserFactory(email="person3@example.org")
    few, many, page = queries_at_10_and_1000(signed_in_client(person), url, grow)
    assert page["X-Page-Cache"] == "hit" and HAS_PLACE in page.content
    assert few == many <= SIGNED_IN_SHARED_BUDGET, (few, many)
    queries, _page = count_queries(Client().get, url)
    assert queries == 1
