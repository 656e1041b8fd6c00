"""The engine: who is told about what, once, through the notifications service."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from hub.alerts import sources
from hub.alerts.models import AlertClock, AlertDelivery
from hub.alerts.services import alerts_send
from portal.accounts.models import Profile
from portal.notifications.models import EmailOptOut, Notification
from portal.notifications.services import digests_send
from tests.factories import UserFactory
from tests.factories.users import ProgrammeFactory

from .conftest import KIND, make_project, save_search

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
TODAY = date(2027, 3, 10)


def _alerts(user=None):
    notifications = Notification.objects.filter(kind=Notification.Kind.ALERTS)
    return list(notifications.filter(recipient=user) if user else notifications)


def test_the_first_run_tells_about_what_started_in_the_last_day(project_source, alpine):
    person = UserFactory()
    save_search(person, "programme=alpine-space", name="Projects: Interreg Alpine Space")
    make_project(alpine, starts=TODAY, acronym="CLIMALP", name="Alpine towns adapt to heat")
    make_project(alpine, starts=TODAY - timedelta(days=3), acronym="OLDER")

    assert alerts_send(now=NOW) == 1

    (notification,) = _alerts(person)
    assert notification.verb == Notification.Verb.ALERT_OPENED
    assert notification.url.startswith("/projects/")
    assert notification.title == (
        "Now open: “CLIMALP: Alpine towns adapt to heat”, which matches your saved search "
        "“Projects: Interreg Alpine Space”"
    )
    assert AlertClock.objects.get().told_until == NOW


def test_the_next_run_starts_where_the_last_one_ended(project_source, alpine):
    person = UserFactory()
    save_search(person, "programme=alpine-space")
    make_project(alpine, starts=TODAY, acronym="FIRST")
    alerts_send(now=NOW)
    make_project(alpine, starts=TODAY + timedelta(days=2), acronym="SECOND")

    assert alerts_send(now=NOW + timedelta(days=2)) == 1

    assert sorted(n.target.split(":")[0] for n in _alerts(person)) == ["FIRST", "SECOND"]


def test_runs_that_overlap_tell_nobody_twice(project_source, alpine):
    person = UserFactory()
    save_search(person, "programme=alpine-space")
    make_project(alpine, starts=TODAY)
    assert alerts_send(now=NOW) == 1
    AlertClock.objects.update(told_until=NOW - timedelta(days=3))

    assert alerts_send(now=NOW + timedelta(hours=1)) == 0
    assert alerts_send(now=NOW + timedelta(hours=1)) == 0  # nothing left in the window

    assert len(_alerts(person)) == 1
    assert AlertDelivery.objects.count() == 1


def test_one_person_hears_once_about_a_project_two_of_their_searches_select(
    project_source, alpine, health
):
    person, other = UserFactory(), UserFactory()
    older = save_search(person, "programme=alpine-space", name="Alpine Space")
    older.created_at = timezone.now() - timedelta(days=30)
    older.save()
    save_search(person, "theme=health", name="Health")
    save_search(other, "theme=health", name="Health")
    make_project(alpine, starts=TODAY, themes=[health])

    assert alerts_send(now=NOW) == 2

    (mine,) = _alerts(person)
    assert mine.detail == "Alpine Space"  # named after the oldest search that selects it
    assert len(_alerts(other)) == 1


def test_projects_the_filters_do_not_select_are_not_told(project_source, alpine, health):
    person = UserFactory()
    save_search(person, "programme=alpine-space&theme=health")
    make_project(alpine, starts=TODAY)  # no theme
    make_project(ProgrammeFactory(), starts=TODAY, themes=[health])  # another programme

    assert alerts_send(now=NOW) == 0
    assert _alerts() == []


def test_a_week_before_the_end_is_its_own_occasion_told_once(project_source, alpine):
    person = UserFactory()
    save_search(person, "")  # the whole listing
    project = make_project(alpine, starts=date(2025, 1, 1), ends=TODAY + timedelta(days=7))

    assert alerts_send(now=NOW) == 1
    assert alerts_send(now=NOW + timedelta(days=1)) == 0

    (notification,) = _alerts(person)
    assert notification.verb == Notification.Verb.ALERT_CLOSING
    assert notification.title.startswith(f"Closing soon: “{project.acronym}: ")


def test_a_deleted_saved_search_tells_nothing(project_source, alpine):
    person = UserFactory()
    save_search(person, "programme=alpine-space").delete()
    make_project(alpine, starts=TODAY)

    assert alerts_send(now=NOW) == 0


def test_inactive_accounts_and_unconfirmed_addresses_are_not_told(project_source, alpine):
    inactive = UserFactory(is_active=False)
    unverified = UserFactory(verified=False)
    told = UserFactory()
    for person in (inactive, unverified, told):
        save_search(person, "programme=alpine-space")
    make_project(alpine, starts=TODAY)

    assert alerts_send(now=NOW) == 1
    assert [n.recipient for n in _alerts()] == [told]
    # Once the address is confirmed, the next occasion reaches them.
    EmailAddress.objects.filter(user=unverified).update(verified=True)
    make_project(alpine, starts=TODAY + timedelta(days=1))
    assert alerts_send(now=NOW + timedelta(days=1)) == 2


def test_e_mails_go_straight_away_to_those_who_want_them(
    project_source, alpine, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()
    Profile.objects.create(user=person, email_frequency=Profile.EmailFrequency.IMMEDIATELY)
    save_search(person, "programme=alpine-space", name="Alpine Space")
    make_project(alpine, starts=TODAY, acronym="CLIMALP")

    with django_capture_on_commit_callbacks(execute=True):
        alerts_send(now=NOW)

    (message,) = mailoutbox
    assert message.to == [person.email]
    assert message.subject.startswith("Now open: “CLIMALP: ")
    assert "/alerts/" in message.body  # where to change or delete the saved searches
    assert "List-Unsubscribe" in message.extra_headers


def test_people_who_stopped_alert_e_mails_keep_the_notification_only(
    project_source, alpine, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()
    Profile.objects.create(user=person, email_frequency=Profile.EmailFrequency.IMMEDIATELY)
    EmailOptOut.objects.create(user=person, kind=Notification.Kind.ALERTS)
    save_search(person, "programme=alpine-space")
    make_project(alpine, starts=TODAY)

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts_send(now=NOW) == 1

    assert mailoutbox == []
    (notification,) = _alerts(person)
    assert not notification.email_pending and notification.emailed_at is None


def test_alerts_wait_for_the_daily_digest(
    project_source, alpine, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()  # no profile yet: the daily digest is the default
    save_search(person, "programme=alpine-space", name="Alpine Space")
    make_project(alpine, starts=TODAY, acronym="CLIMALP")

    with django_capture_on_commit_callbacks(execute=True):
        alerts_send(now=NOW)
    assert mailoutbox == []
    (notification,) = _alerts(person)
    assert notification.email_pending

    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily", now=notification.created_at) == 1
    (digest,) = mailoutbox
    assert "Now open: “CLIMALP: " in digest.body
    assert "“Alpine Space”" in digest.body
    assert "/alerts/" in digest.body


def test_a_failed_run_leaves_the_clock_and_tells_nobody(project_source, alpine, monkeypatch):
    person = UserFactory()
    save_search(person, "programme=alpine-space")
    alerts_send(now=NOW - timedelta(days=1))
    make_project(alpine, starts=TODAY)

    def broken(item, occasion):
        raise RuntimeError("the listing's page is gone")

    monkeypatch.setitem(sources._sources, KIND, replace(project_source, describe=broken))
    with pytest.raises(RuntimeError):
        alerts_send(now=NOW)
    assert AlertClock.objects.get().told_until == NOW - timedelta(days=1)
    assert AlertDelivery.objects.count() == 0 and _alerts() == []


def test_the_command_runs_the_engine(project_source, alpine, capsys):
    save_search(UserFactory(), "programme=alpine-space")
    make_project(alpine, starts=timezone.now().date())

    call_command("send_hub_alerts")

    assert capsys.readouterr().out.strip() == "1 alert notification(s) made."
