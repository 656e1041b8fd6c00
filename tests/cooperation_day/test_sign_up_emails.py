"""Confirmation e-mails for sign-ups: limited per address and day, whoever asks from wherever."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import Event, SignUpEmail
from tests.factories.cooperation_day import make_event

pytestmark = pytest.mark.django_db

VICTIM = "Victim@Example.org"


@pytest.fixture
def sign_up_event(edition, programme, organiser):
    return make_event(edition, programme, organiser, booking=Event.Booking.SIGN_UP, capacity=50)


def _ask(client, event, address, *, email=VICTIM):
    return client.post(
        reverse("cooperation_day:sign_up", args=[event.public_id]),
        {"name": "Someone", "email": email},
        REMOTE_ADDR=address,
    )


def test_thirty_clients_asking_for_one_address_send_it_only_the_limit(
    client, sign_up_event, outbox, django_capture_on_commit_callbacks
):
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(30):
            answers.append(_ask(client, sign_up_event, f"203.0.113.{number + 1}"))
    limit = settings.SIGN_UP_EMAILS_PER_EVENT_PER_DAY
    assert len(outbox) == limit
    assert all(message.to == [VICTIM] for message in outbox)
    # Every asker gets the same "check your inbox" page: nothing tells them apart.
    assert {answer.status_code for answer in answers} == {200}
    shown = [[template.name for template in answer.templates] for answer in answers]
    assert all("cooperation_day/sign_up_sent.html" in names for names in shown)
    assert all("cooperation_day/event_detail.html" not in names for names in shown)
    assert SignUpEmail.objects.count() == limit


def test_the_address_is_kept_only_as_a_keyed_hash(sign_up_event, outbox):
    services.sign_up_request(event=sign_up_event, name="Ana", email=VICTIM)
    record = SignUpEmail.objects.get()
    assert record.email_digest == services.sign_up_email_digest("victim@example.org ")
    assert "victim" not in record.email_digest.lower() and len(record.email_digest) == 64
    stored = " ".join(str(value) for value in SignUpEmail.objects.values().get().values())
    assert "example.org" not in stored.lower()


def test_an_address_receives_a_limited_number_across_all_events(
    edition, programme, organiser, outbox, django_capture_on_commit_callbacks
):
    events = [
        make_event(edition, programme, organiser, booking=Event.Booking.SIGN_UP, capacity=5)
        for _ in range(6)
    ]
    sent = []
    with django_capture_on_commit_callbacks(execute=True):
        for event in events:
            for _attempt in range(settings.SIGN_UP_EMAILS_PER_EVENT_PER_DAY):
                sent.append(services.sign_up_request(event=event, name="A", email=VICTIM))
    assert sent.count(True) == len(outbox) == settings.SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY
    assert len(sent) > settings.SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY


def test_other_addresses_are_not_held_back_and_a_day_later_the_limit_is_fresh(
    sign_up_event, outbox
):
    limit = settings.SIGN_UP_EMAILS_PER_EVENT_PER_DAY
    for _attempt in range(limit):
        assert services.sign_up_request(event=sign_up_event, name="A", email=VICTIM)
    assert not services.sign_up_request(event=sign_up_event, name="A", email=VICTIM)
    assert services.sign_up_request(event=sign_up_event, name="B", email="other@example.org")
    SignUpEmail.objects.update(sent_at=timezone.now() - timedelta(hours=24, minutes=1))
    assert services.sign_up_request(event=sign_up_event, name="A", email=VICTIM)


def test_records_older_than_a_day_are_pruned_by_the_daily_command(sign_up_event, capsys):
    services.sign_up_request(event=sign_up_event, name="A", email=VICTIM)
    services.sign_up_request(event=sign_up_event, name="B", email="other@example.org")
    SignUpEmail.objects.filter(email_digest=services.sign_up_email_digest(VICTIM)).update(
        sent_at=timezone.now() - services.SIGN_UP_EMAIL_WINDOW - timedelta(minutes=1)
    )
    call_command("prune_sign_up_emails")
    assert "removed: 1" in capsys.readouterr().out
    remaining = SignUpEmail.objects.get()
    assert remaining.email_digest == services.sign_up_email_digest("other@example.org")
