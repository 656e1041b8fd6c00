"""Ten identical "submit the event" requests arrive at once (PostgreSQL, over HTTP)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from campaigns.cooperation_day.models import Event
from tests.cooperation_day.test_views import _form_data
from tests.helpers import all_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REQUESTS = 10


@pytest.fixture
def clients(organiser):
    signed_in = []
    for _number in range(REQUESTS):
        client = Client()
        client.force_login(organiser)
        signed_in.append(client)
    return signed_in


def _send_all(clients, data) -> list:
    url = reverse("cooperation_day:event_create")
    answers = []
    errors = all_at_once(lambda client: answers.append(client.post(url, data)), clients)
    assert errors == []
    return answers


def test_without_a_token_identical_requests_register_several_events(edition, programme, clients):
    """The control: the form as it was, with no token, registers one event per request."""
    assert connection.vendor == "postgresql"
    answers = _send_all(clients, _form_data(edition, programme, action="submit"))
    assert {answer.status_code for answer in answers} == {302}
    assert Event.objects.count() > 1


def test_with_its_token_the_form_sent_ten_times_at_once_registers_one_event(
    edition, programme, clients
):
    data = _form_data(edition, programme, action="submit")
    data["submission_token"] = "one-event-form-shown-once-" + "y" * 30
    assert connection.vendor == "postgresql"
    answers = _send_all(clients, data)
    event = Event.objects.get()
    assert event.status == Event.Status.SUBMITTED
    assert {answer.status_code for answer in answers} == {302}
    detail = reverse("cooperation_day:event_detail", args=[event.public_id])
    locations = [answer["Location"] for answer in answers]
    assert locations.count(reverse("cooperation_day:my_events")) == 1
    assert locations.count(detail) == REQUESTS - 1
