"""Forty people press "enrol" on a ten-seat session at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from academy import services
from academy.models import CoursePage, Enrolment
from portal.core.capacity import PlaceStatus
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_session
from tests.helpers import all_at_once

SEATS, PEOPLE = 10, 40

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def full_house(home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=SEATS)
    people = UserFactory.create_batch(PEOPLE)
    return course, session, people


def _counts(session):
    statuses = list(Enrolment.objects.filter(session=session).values_list("status", flat=True))
    return statuses.count(PlaceStatus.CONFIRMED), statuses.count(PlaceStatus.WAITLISTED)


def test_without_the_lock_the_last_seats_are_oversold(full_house):
    """The control: count-then-insert with no lock lets everyone see a free seat."""
    course, session, people = full_house
    everyone_counted = threading.Barrier(PEOPLE)

    def naive_enrol(person):
        with transaction.atomic():
            taken = Enrolment.objects.filter(session=session, status=PlaceStatus.CONFIRMED).count()
            everyone_counted.wait()  # all have counted before anyone inserts
            status = PlaceStatus.CONFIRMED if taken < SEATS else PlaceStatus.WAITLISTED
            Enrolment.objects.create(user=person, course=course, session=session, status=status)

    assert connection.vendor == "postgresql"
    assert all_at_once(naive_enrol, people) == []
    confirmed, _waiting = _counts(session)
    assert confirmed > SEATS


def test_the_capacity_service_confirms_exactly_the_seats(full_house):
    course, session, people = full_house

    def enrol(person):
        services.enrolment_create(user=person, course=course, session=session)

    assert connection.vendor == "postgresql"
    assert all_at_once(enrol, people) == []
    assert _counts(session) == (SEATS, PEOPLE - SEATS)


def test_simultaneous_cancellations_promote_one_each(full_house):
    course, session, people = full_house
    for person in people[: SEATS + 5]:
        services.enrolment_create(user=person, course=course, session=session)
    leaving = list(Enrolment.objects.filter(session=session, status=PlaceStatus.CONFIRMED)[:5])

    def cancel(enrolment):
        services.enrolment_cancel(enrolment=enrolment, user=enrolment.user)

    assert all_at_once(cancel, leaving) == []
    assert _counts(session) == (SEATS, 0)


def test_one_person_double_clicking_gets_one_place(full_house):
    course, session, people = full_house
    person = people[0]
    results = []

    def enrol(_attempt):
        results.append(services.enrolment_create(user=person, course=course, session=session))

    refused = all_at_once(enrol, range(5))
    assert Enrolment.objects.filter(user=person).count() == 1
    assert len(results) == 1 and len(refused) == 4
