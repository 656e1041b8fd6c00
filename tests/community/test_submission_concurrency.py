"""Ten identical "start the thread" requests arrive at once (PostgreSQL, over HTTP)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Thread
from tests.factories.community import make_member, make_space
from tests.helpers import all_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REQUESTS = 10


@pytest.fixture
def posting(home):
    space = make_space()
    member = make_member(space, date_joined=timezone.now() - timedelta(days=30))
    clients = []
    for _number in range(REQUESTS):
        client = Client()
        client.force_login(member)
        clients.append(client)
    return space, clients


def _send_all(clients, url, data) -> list:
    answers = []
    errors = all_at_once(lambda client: answers.append(client.post(url, data)), clients)
    assert errors == []
    return answers


def test_without_a_token_identical_requests_store_several_threads(posting):
    """The control: the form as it was, with no token, stores one thread per request."""
    space, clients = posting
    url = reverse("community:thread_create", args=[space.slug])
    data = {"title": "Closure of accounts", "kind": "discussion", "source": "Who has done it?"}
    assert connection.vendor == "postgresql"
    answers = _send_all(clients, url, data)
    assert {answer.status_code for answer in answers} == {302}
    assert Thread.objects.filter(space=space).count() > 1


def test_with_its_token_the_form_sent_ten_times_at_once_stores_one_thread(posting):
    space, clients = posting
    url = reverse("community:thread_create", args=[space.slug])
    data = {
        "title": "Closure of accounts",
        "kind": "discussion",
        "source": "Who has done it?",
        "submission_token": "one-form-shown-once-" + "x" * 30,
    }
    assert connection.vendor == "postgresql"
    answers = _send_all(clients, url, data)
    thread = Thread.objects.get(space=space)
    assert thread.posts.count() == 1
    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {thread.get_absolute_url()}
