"""My events is kept for each organiser alone (portal.core.cache.kept_for_person): two
organisers and a visitor interleaved each get their own, and each change the page shows (a
sign-up, a moderator's decision, a new event) shows on the next request; what changes by the
clock bounds the copy."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.cooperation_day import selectors, services
from campaigns.cooperation_day.models import Event
from tests.factories import UserFactory
from tests.factories.cooperation_day import make_event, make_moderator
from tests.helpers import count_queries, page_text, signed_in_client

pytestmark = pytest.mark.django_db

URL = reverse("cooperation_day:my_events")


def _page(client) -> str:
    return page_text(client, URL)


def test_two_organisers_and_a_visitor_interleaved_each_get_their_own(client, edition, programme):
    ana, ben = UserFactory(), UserFactory()
    make_event(edition, programme, ana, title="Bridge walk of Ana")
    make_event(edition, programme, ben, title="River day of Ben")
    own = {ana: "Bridge walk of Ana", ben: "River day of Ben"}
    clients = {person: signed_in_client(person) for person in own}
    for round_number in range(2):
        for person, other in ((ana, ben), (ben, ana)):
            response = clients[person].get(URL)
            page = response.content.decode()
            assert own[person] in page and own[other] not in page
            assert response["X-Page-Cache"] == ("miss" if round_number == 0 else "hit")
            assert not re.search(r"piece-[0-9a-f]{32}-", page)
        assert client.get(URL).status_code == 302
    queries, response = count_queries(clients[ana].get, URL)
    assert response["X-Page-Cache"] == "hit" and queries <= 1, queries


def test_a_sign_up_shows_in_the_count_on_the_next_request(
    client, edition, programme, organiser, outbox, django_capture_on_commit_callbacks
):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=10)
    organiser_client = signed_in_client(organiser)
    _page(organiser_client)
    assert "0 confirmed, 0 waiting" in _page(organiser_client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cooperation_day:sign_up", args=[event.public_id]),
            {"name": "Ana Ribeiro", "email": "ana@example.org"},
        )
    link = re.search(r"http://\S+(/cooperation-day/sign-up/\S+/confirm/)", outbox[-1].body)
    assert "You are signed up" in client.post(link.group(1)).content.decode()
    assert "1 confirmed, 0 waiting" in _page(organiser_client)


def test_a_moderators_decision_shows_on_the_next_request(edition, programme, organiser):
    event = make_event(edition, programme, organiser, status=Event.Status.SUBMITTED)
    moderator = make_moderator("moderator@example.org", countries=["AT"])
    organiser_client = signed_in_client(organiser)
    _page(organiser_client)
    assert "Please add the programme logo" not in _page(organiser_client)
    services.event_request_changes(
        event=event,
        moderator=moderator,
        reason="incomplete",
        message="Please add the programme logo",
    )
    assert "Please add the programme logo" in _page(organiser_client)


def test_a_new_event_shows_on_the_next_request(edition, programme, organiser):
    organiser_client = signed_in_client(organiser)
    make_event(edition, programme, organiser, title="First open day")
    _page(organiser_client)
    assert "Second open day" not in _page(organiser_client)
    make_event(edition, programme, organiser, title="Second open day")
    page = _page(organiser_client)
    assert "First open day" in page and "Second open day" in page


def test_the_copy_is_kept_no_later_than_an_event_ends_or_registration_turns(
    edition, programme, organiser
):
    event = make_event(edition, programme, organiser)
    zone = timezone.get_current_timezone()
    opens = datetime.combine(edition.registration_opens, time.min, tzinfo=zone)
    closed = datetime.combine(
        edition.registration_closes + timedelta(days=1), time.min, tzinfo=zone
    )
    changes_at = selectors.my_events_changes_at
    assert changes_at([event], edition, now=opens - timedelta(days=1)) == opens
    assert changes_at([event], edition, now=opens) == min(event.ends_at, closed)
    assert changes_at([event], edition, now=max(event.ends_at, closed)) is None
