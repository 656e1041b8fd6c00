"""Runs of the alerts engine started at the same moment (a timer firing twice, a run by hand
beside the scheduled one) on PostgreSQL: nobody is told twice, and no run fails."""

import threading
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.db import transaction

from hub.alerts import services
from hub.alerts.models import AlertDelivery
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers import all_at_once

from .conftest import make_project, save_search

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
RUNS = 4


@pytest.fixture
def watched(project_source, alpine):
    people = UserFactory.create_batch(3)
    for person in people:
        save_search(person, "programme=alpine-space")
    make_project(alpine, starts=date(2027, 3, 10))
    services.alerts_send(now=datetime(2027, 3, 8, tzinfo=UTC))  # the clock's row exists
    return project_source, people


def test_without_the_clock_s_lock_overlapping_runs_collide(watched):
    """The control: runs that do not wait for each other all find the same people to tell;
    the unique deliveries stop all but one, which fail."""
    watched_source, _people = watched
    since = datetime(2027, 3, 9, tzinfo=UTC)
    everyone_looked = threading.Barrier(RUNS)

    def describe_when_everyone_looked(item, occasion):
        # Each run has read what was already told, and none has written yet.
        everyone_looked.wait(timeout=30)
        return watched_source.describe(item, occasion)

    source = replace(watched_source, describe=describe_when_everyone_looked)

    def unlocked_run(_run):
        with transaction.atomic():
            services._source_send(source, since=since, until=NOW)

    errors = all_at_once(unlocked_run, list(range(RUNS)))

    assert len(errors) == RUNS - 1
    assert Notification.objects.count() == 3


def test_runs_started_together_take_turns_and_tell_each_person_once(watched):
    _source, people = watched

    errors = all_at_once(lambda _run: services.alerts_send(now=NOW), list(range(RUNS)))

    assert errors == []
    assert sorted(Notification.objects.values_list("recipient", flat=True)) == sorted(
        person.pk for person in people
    )
    assert AlertDelivery.objects.count() == 3
