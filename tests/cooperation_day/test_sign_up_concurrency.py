"""Forty visitors confirm their sign-up for a ten-place event at the same moment (PostgreSQL)."""

import pytest
from django.core import signing
from django.db import connection

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import Event, EventAttendee
from portal.core.capacity import PlaceStatus
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event
from tests.helpers import all_at_once

PLACES, PEOPLE = 10, 40


pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event(home):
    edition = make_edition()
    return make_event(
        edition,
        ProgrammeFactory(countries=["AT", "SK"]),
        UserFactory(),
        booking=Event.Booking.SIGN_UP,
        capacity=PLACES,
    )


def _token(event, email):
    return signing.dumps(
        {"event": event.pk, "name": email, "email": email}, salt=services.SIGN_UP_SALT
    )


def _counts(event):
    statuses = list(EventAttendee.objects.filter(event=event).values_list("status", flat=True))
    return statuses.count(PlaceStatus.CONFIRMED), statuses.count(PlaceStatus.WAITLISTED)


def test_sign_ups_never_exceed_the_places(event):
    tokens = [_token(event, f"visitor{number}@example.org") for number in range(PEOPLE)]
    assert connection.vendor == "postgresql"
    assert all_at_once(lambda token: services.sign_up_confirm(token=token), tokens) == []
    assert _counts(event) == (PLACES, PEOPLE - PLACES)


def test_the_same_link_followed_at_once_takes_one_place(event):
    token = _token(event, "ana@example.org")
    assert all_at_once(lambda _n: services.sign_up_confirm(token=token), range(6)) == []
    assert EventAttendee.objects.filter(event=event).count() == 1
