from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy.models import Certificate
from campaigns import services
from campaigns.models import CampaignModerator, Event, EventTransition
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.campaigns import event_values

pytestmark = pytest.mark.django_db

Status = Event.Status


@pytest.fixture
def submitted(edition, programme, organiser):
    event = services.event_create(
        edition=edition,
        organiser=organiser,
        values=event_values(edition, programme),
        themes=["bridges"],
    )
    return services.event_submit(event=event, user=organiser)


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


def test_dates_must_fall_in_the_edition_window(edition, programme, organiser):
    early = timezone.now().replace(year=edition.year, month=6, day=1)
    values = event_values(edition, programme, starts_at=early, ends_at=early + timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        services.event_create(edition=edition, organiser=organiser, values=values)
    assert "starts_at" in error.value.message_dict


def test_a_second_position_needs_a_second_country(edition, programme, organiser):
    values = event_values(
        edition, programme, countries=["AT"], second_latitude=48.1, second_longitude=17.1
    )
    with pytest.raises(ValidationError) as error:
        services.event_create(edition=edition, organiser=organiser, values=values)
    assert "countries" in error.value.message_dict


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
    assert subjects == ["Received for review: Open day at the bridge",
                        "Changes requested: Open day at the bridge"]  # fmt: skip
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
            edition=edition, programme=programme, user=outsider,
            contact_name="A", contact_email="a@example.org",
        )  # fmt: skip
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


def test_edition_timeline_is_checked(home):
    from datetime import date

    from campaigns.models import CooperationDayEditionPage

    edition = CooperationDayEditionPage(
        title="CD", slug="cd", year=2030, theme="T", intro="I", day=date(2030, 9, 21),
        registration_opens=date(2030, 9, 1), registration_closes=date(2030, 9, 25),
        events_from=date(2030, 9, 22), events_until=date(2030, 10, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert {"registration_closes", "events_until"} <= set(error.value.message_dict)


def test_deleting_an_account_keeps_published_events_without_a_name(edition, programme, organiser):
    from portal.accounts.services import account_delete
    from tests.factories.campaigns import make_event

    published = make_event(edition, programme, organiser)
    draft = make_event(edition, programme, organiser, status=Status.DRAFT)
    account_delete(user=organiser)
    published.refresh_from_db()
    assert published.organiser is None and published.is_public
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_download_my_data_includes_events_and_sign_ups(edition, programme, organiser):
    from campaigns.models import EventAttendee
    from portal.accounts.gdpr import export_user_data
    from tests.factories.campaigns import make_event

    event = make_event(edition, programme, organiser, booking="sign_up", capacity=5)
    EventAttendee.objects.create(event=event, name="Me", email=organiser.email.upper())
    data = export_user_data(organiser)["cooperation_day"]
    assert [item["title"] for item in data["events_organised"]] == [event.title]
    assert [item["event"] for item in data["sign_ups"]] == [event.title]
