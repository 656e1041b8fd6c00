"""Attendee sign-up: confirmed by e-mail link, capacity and waiting list through the shared
capacity service, cancellation with promotion, reminders with a calendar file."""

import io
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from campaigns import services
from campaigns.models import Event, EventAttendee
from portal.core.capacity import PlaceStatus
from tests.factories.campaigns import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_event(edition, programme, organiser):
    return make_event(edition, programme, organiser, booking=Event.Booking.SIGN_UP, capacity=2)


def _link(message, name: str) -> str:
    match = re.search(rf"http://\S+/cooperation-day/sign-up/(\S+)/{name}/", message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(committed, outbox, event, email, name="Visitor"):
    committed(services.sign_up_request, event=event, name=name, email=email)
    token = _link(outbox[-1], "confirm")
    attendee, _created = committed(services.sign_up_confirm, token=token)
    return attendee


def test_asking_sends_a_link_and_takes_no_place(committed, outbox, small_event):
    committed(services.sign_up_request, event=small_event, name="Ana", email="ana@example.org")
    assert EventAttendee.objects.count() == 0
    assert outbox[-1].to == ["ana@example.org"]
    assert "/confirm/" in outbox[-1].body


def test_following_the_link_takes_a_place_and_mails_a_calendar_file(committed, outbox, small_event):
    attendee = _sign_up(committed, outbox, small_event, "ana@example.org", name="Ana")
    assert attendee.status == PlaceStatus.CONFIRMED
    confirmation = outbox[-1]
    assert "confirmed" in confirmation.body
    _filename, content, mimetype = confirmation.attachments[0]
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == small_event.title
    assert f"/sign-up/{attendee.cancel_token}/cancel/" in confirmation.body


def test_following_the_link_twice_keeps_one_place(committed, outbox, small_event):
    committed(services.sign_up_request, event=small_event, name="Ana", email="ana@example.org")
    token = _link(outbox[-1], "confirm")
    first, created = committed(services.sign_up_confirm, token=token)
    again, created_again = committed(services.sign_up_confirm, token=token)
    assert created and not created_again
    assert again.pk == first.pk
    assert EventAttendee.objects.filter(event=small_event).count() == 1


def test_the_same_address_in_other_letters_is_the_same_person(committed, outbox, small_event):
    _sign_up(committed, outbox, small_event, "ana@example.org")
    again = _sign_up(committed, outbox, small_event, "ANA@example.org")
    assert EventAttendee.objects.filter(event=small_event).count() == 1
    assert again.email == "ana@example.org"


def test_full_events_put_people_on_the_waiting_list_and_cancelling_promotes(
    committed, outbox, small_event
):
    first = _sign_up(committed, outbox, small_event, "one@example.org")
    _sign_up(committed, outbox, small_event, "two@example.org")
    third = _sign_up(committed, outbox, small_event, "three@example.org")
    assert third.status == PlaceStatus.WAITLISTED
    assert "waiting list" in outbox[-1].body
    committed(services.sign_up_cancel, attendee=first)
    third.refresh_from_db()
    assert third.status == PlaceStatus.CONFIRMED
    assert outbox[-1].to == ["three@example.org"]
    assert outbox[-1].attachments, "the promoted person gets the calendar file"
    assert EventAttendee.objects.filter(status=PlaceStatus.CONFIRMED).count() == 2


def test_tampered_or_expired_links_are_refused(committed, outbox, small_event):
    committed(services.sign_up_request, event=small_event, name="Ana", email="ana@example.org")
    token = _link(outbox[-1], "confirm")
    with pytest.raises(ValidationError) as error:
        services.sign_up_confirm(token=token[:-2] + "xx")
    assert error.value.messages == [str(services.SIGN_UP_LINK_INVALID)]
    stale = signing.dumps(
        {"event": small_event.pk, "name": "A", "email": "a@example.org"},
        salt=services.SIGN_UP_SALT,
    )
    later = timezone.now() + services.SIGN_UP_LINK_MAX_AGE + timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        with pytest.raises(ValidationError):
            services.sign_up_confirm(token=stale)
    assert EventAttendee.objects.count() == 0


def test_only_published_sign_up_events_that_have_not_ended_take_sign_ups(
    edition, programme, organiser
):
    drop_in = make_event(edition, programme, organiser)
    draft = make_event(
        edition, programme, organiser, status=Event.Status.DRAFT,
        booking=Event.Booking.SIGN_UP, capacity=5,
    )  # fmt: skip
    for event in (drop_in, draft):
        with pytest.raises(ValidationError) as error:
            services.sign_up_request(event=event, name="A", email="a@example.org")
        assert error.value.code == "not_offered"
    ended = make_event(edition, programme, organiser, booking=Event.Booking.SIGN_UP, capacity=5)
    Event.objects.filter(pk=ended.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    ended.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.sign_up_request(event=ended, name="A", email="a@example.org")
    assert error.value.code == "over"


def test_reminders_go_once_to_confirmed_attendees_of_events_starting_soon(
    committed, outbox, small_event
):
    confirmed = _sign_up(committed, outbox, small_event, "one@example.org")
    _sign_up(committed, outbox, small_event, "two@example.org")
    waiting = _sign_up(committed, outbox, small_event, "three@example.org")
    outbox.clear()
    day_before = small_event.starts_at - timedelta(hours=20)
    assert committed(services.attendee_reminders_send, now=day_before) == 2
    assert sorted(message.to[0] for message in outbox) == ["one@example.org", "two@example.org"]
    assert all(message.attachments for message in outbox)
    assert committed(services.attendee_reminders_send, now=day_before) == 0
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.reminder_sent_at is not None and waiting.reminder_sent_at is None
    week_before = small_event.starts_at - timedelta(days=7)
    EventAttendee.objects.update(reminder_sent_at=None)
    assert services.attendee_reminders_send(now=week_before) == 0


def test_more_places_after_approved_edits_promote_the_waiting_list(
    committed, outbox, small_event, organiser, moderator
):
    for number in range(3):
        _sign_up(committed, outbox, small_event, f"person{number}@example.org")
    services.event_update(event=small_event, user=organiser, values={"capacity": 3})
    services.event_submit(event=small_event, user=organiser)
    committed(services.event_approve, event=small_event, moderator=moderator)
    assert EventAttendee.objects.filter(status=PlaceStatus.CONFIRMED).count() == 3
    assert any(message.to == ["person2@example.org"] for message in outbox)


def test_the_reminder_command_sends_what_is_due(committed, outbox, small_event):
    from django.core.management import call_command

    _sign_up(committed, outbox, small_event, "one@example.org")
    Event.objects.filter(pk=small_event.pk).update(
        starts_at=timezone.now() + timedelta(hours=5), ends_at=timezone.now() + timedelta(hours=8)
    )
    outbox.clear()
    output = io.StringIO()
    committed(call_command, command_name="send_event_reminders", stdout=output)
    assert output.getvalue().strip() == "Event reminders queued: 1."
    assert outbox[0].subject.startswith("Reminder:")
