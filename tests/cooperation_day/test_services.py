"""Every business rule of Cooperation Day: registering, moderating, reporting, signing up, and
what an account's deletion leaves."""

import io
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from academy.models import Certificate
from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import (
    CampaignModerator,
    Event,
    EventAttendee,
    EventTransition,
)
from portal.accounts.gdpr import export_user_data
from portal.accounts.services import account_delete
from portal.core.capacity import PlaceStatus
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import event_values, make_event

pytestmark = pytest.mark.django_db

Status = Event.Status


def test_drafts_may_be_incomplete_but_submission_names_what_is_missing(edition, organiser):
    draft = services.event_create(edition=edition, organiser=organiser, values={"title": "Idea"})
    assert draft.status == Status.DRAFT
    with pytest.raises(ValidationError) as error:
        services.event_submit(event=draft, user=organiser)
    assert {"description", "programme", "starts_at", "countries", "venue"} <= set(
        error.value.message_dict
    )


def test_descriptions_are_sanitised_when_stored(edition, programme, organiser):
    values = event_values(
        edition, programme, description='<p onclick="x()">Hi<script>alert(1)</script></p>'
    )
    event = services.event_create(edition=edition, organiser=organiser, values=values)
    assert "script" not in event.description and "onclick" not in event.description
    assert "Hi" in event.description


def test_submission_approval_and_the_log(submitted, organiser, moderator, mailoutbox):
    assert submitted.status == Status.SUBMITTED
    event = services.event_approve(event=submitted, moderator=moderator)
    assert event.status == Status.PUBLISHED and event.published_at
    steps = list(EventTransition.objects.filter(event=event).values_list("to_status", "actor"))
    assert steps == [(Status.SUBMITTED, organiser.pk), (Status.PUBLISHED, moderator.pk)]


def test_every_step_e_mails_the_organiser(
    edition, programme, organiser, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_create(
            edition=edition, organiser=organiser, values=event_values(edition, programme)
        )
        services.event_submit(event=event, user=organiser)
        services.event_request_changes(
            event=event, moderator=moderator, reason="incomplete", message="Add the address."
        )
    subjects = [message.subject for message in mailoutbox]
    assert subjects == [
        "Received for review: Open day at the bridge",
        "Changes requested: Open day at the bridge",
    ]
    assert "Add the address." in mailoutbox[-1].body
    assert all(message.to == [organiser.email] for message in mailoutbox)


def test_rejection_needs_a_reason_and_other_needs_words(submitted, moderator):
    with pytest.raises(ValidationError) as error:
        services.event_reject(event=submitted, moderator=moderator, reason="")
    assert error.value.message_dict == {"reason": [str(services.REASON_NEEDED)]}
    with pytest.raises(ValidationError) as error:
        services.event_reject(event=submitted, moderator=moderator, reason="other", message=" ")
    assert error.value.message_dict == {"message": [str(services.MESSAGE_NEEDED)]}
    event = services.event_reject(event=submitted, moderator=moderator, reason="commercial")
    assert event.status == Status.REJECTED
    with pytest.raises(ValidationError):
        services.event_update(event=event, user=event.organiser, values={"title": "Again"})


def test_edits_to_a_published_event_wait_while_the_public_version_stays(
    submitted, organiser, moderator
):
    event = services.event_approve(event=submitted, moderator=moderator)
    event = services.event_update(
        event=event,
        user=organiser,
        values={"title": "Open day on the new bridge"},
        themes=["rivers"],
    )
    event.refresh_from_db()
    assert event.title == "Open day at the bridge"  # the public still sees this
    assert services.event_pending_view(event).title == "Open day on the new bridge"
    services.event_submit(event=event, user=organiser)
    event.refresh_from_db()
    assert (event.status, event.pending_status) == (Status.PUBLISHED, Status.SUBMITTED)
    services.event_approve(event=event, moderator=moderator)
    event.refresh_from_db()
    assert event.title == "Open day on the new bridge" and event.pending_changes == {}
    assert list(event.themes.names()) == ["rivers"]
    assert event.countries[0].code == "AT" and event.latitude is not None


def test_turned_back_edits_leave_the_published_event_up(submitted, organiser, moderator):
    event = services.event_approve(event=submitted, moderator=moderator)
    services.event_update(event=event, user=organiser, values={"title": "Changed"})
    services.event_submit(event=event, user=organiser)
    services.event_request_changes(event=event, moderator=moderator, reason="incomplete")
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED and event.title == "Open day at the bridge"
    assert event.pending_status == Status.CHANGES_REQUESTED


def test_moderators_act_only_within_their_scope(edition, programme, organiser):
    elsewhere = UserFactory()
    scoped = CampaignModerator.objects.create(user=elsewhere, countries=["PT"])
    event = services.event_create(
        edition=edition, organiser=organiser, values=event_values(edition, programme)
    )
    services.event_submit(event=event, user=organiser)
    with pytest.raises(PermissionDenied):
        services.event_approve(event=event, moderator=elsewhere)
    scoped.countries = ["SK"]  # one side of this cross-border event is enough
    scoped.save()
    elsewhere = type(elsewhere).objects.get(pk=elsewhere.pk)
    assert services.event_approve(event=event, moderator=elsewhere).status == Status.PUBLISHED


def test_organisers_and_programme_admins_cannot_approve(submitted, organiser, programme):
    admin = AffiliationFactory(programme=programme, is_programme_admin=True).user
    for person in (organiser, admin):
        with pytest.raises(PermissionDenied):
            services.event_approve(event=submitted, moderator=person)


def test_only_the_organiser_edits_and_submits(submitted, moderator):
    with pytest.raises(PermissionDenied):
        services.event_update(event=submitted, user=moderator, values={"title": "Mine"})


def test_bulk_approval_skips_what_is_out_of_scope(edition, programme, organiser):
    portugal = ProgrammeFactory(countries=["PT", "ES"])
    events = []
    for event_programme, countries in ((programme, ["AT", "SK"]), (portugal, ["PT"])):
        event = services.event_create(
            edition=edition,
            organiser=organiser,
            values=event_values(edition, event_programme, countries=countries),
        )
        events.append(services.event_submit(event=event, user=organiser))
    moderator = UserFactory()
    CampaignModerator.objects.create(user=moderator, countries=["AT"])
    assert services.events_bulk_approve(events=events, moderator=moderator) == 1
    assert sorted(Event.objects.values_list("status", flat=True)) == [
        Status.PUBLISHED,
        Status.SUBMITTED,
    ]


def test_participation_is_for_the_programme_s_staff_once(edition, programme):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.participation_register(
            edition=edition,
            programme=programme,
            user=outsider,
            contact_name="A",
            contact_email="a@example.org",
        )
    staff = AffiliationFactory(programme=programme, function="communication_officer").user
    details = {"contact_name": "Eva", "contact_email": "eva@example.org", "expected_events": 5}
    services.participation_register(edition=edition, programme=programme, user=staff, **details)
    with pytest.raises(ValidationError):
        services.participation_register(edition=edition, programme=programme, user=staff, **details)


def test_reporting_after_the_event_issues_a_certificate(submitted, organiser, moderator):
    event = services.event_approve(event=submitted, moderator=moderator)
    with pytest.raises(ValidationError):
        services.event_report(event=event, user=organiser, actual_participants=80)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    event.refresh_from_db()
    certificate = services.event_report(event=event, user=organiser, actual_participants=80)
    assert certificate.kind == Certificate.Kind.COOPERATION_DAY_ORGANISER
    assert "Open day at the bridge" in certificate.title
    assert services.event_report(event=event, user=organiser, actual_participants=90) == certificate
    event.refresh_from_db()
    assert event.actual_participants == 90


def test_deleting_an_account_keeps_published_events_without_a_name(edition, programme, organiser):
    published = make_event(edition, programme, organiser)
    draft = make_event(edition, programme, organiser, status=Status.DRAFT)
    account_delete(user=organiser)
    published.refresh_from_db()
    assert published.organiser is None and published.is_public
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_download_my_data_includes_events_and_sign_ups(edition, programme, organiser):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=5)
    EventAttendee.objects.create(event=event, name="Me", email=organiser.email.upper())
    data = export_user_data(organiser)["cooperation_day"]
    assert [item["title"] for item in data["events_organised"]] == [event.title]
    assert [item["event"] for item in data["sign_ups"]] == [event.title]


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
        edition,
        programme,
        organiser,
        status=Event.Status.DRAFT,
        booking=Event.Booking.SIGN_UP,
        capacity=5,
    )
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
    _sign_up(committed, outbox, small_event, "one@example.org")
    Event.objects.filter(pk=small_event.pk).update(
        starts_at=timezone.now() + timedelta(hours=5), ends_at=timezone.now() + timedelta(hours=8)
    )
    outbox.clear()
    output = io.StringIO()
    committed(call_command, command_name="send_event_reminders", stdout=output)
    assert output.getvalue().strip() == "Event reminders queued: 1."
    assert outbox[0].subject.startswith("Reminder:")
