"""A call's status is read from the clock: planned before it opens, open until the closing
moment, closed from that moment on, on the object and in the database alike."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hub.calls.countdown import countdown
from hub.calls.models import Call, CallStatus, validate_nuts_codes
from tests.hub.calls.factories import CallFactory

OPENS = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
CLOSES = datetime(2027, 5, 31, 12, 0, tzinfo=UTC)  # 14:00 in Brussels


@pytest.fixture
def call(db):
    return CallFactory(opens_at=OPENS, closes_at=CLOSES)


def _status_in_database(call, now):
    return Call.objects.with_status(now).get(pk=call.pk).current_status


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (OPENS - timedelta(seconds=1), CallStatus.PLANNED),
        (OPENS, CallStatus.OPEN),
        (CLOSES - timedelta(microseconds=1), CallStatus.OPEN),
        (CLOSES, CallStatus.CLOSED),
        (CLOSES + timedelta(days=400), CallStatus.CLOSED),
    ],
)
def test_the_status_follows_the_clock_on_the_object_and_in_the_database(call, now, status):
    assert call.status_at(now) == status
    assert _status_in_database(call, now) == status


def test_a_call_leaves_the_open_calls_exactly_at_its_deadline(call):
    assert list(Call.objects.open(CLOSES - timedelta(seconds=1))) == [call]
    assert list(Call.objects.open(CLOSES)) == []
    assert list(Call.objects.closed(CLOSES)) == [call]


def test_a_planned_call_opens_by_itself(call):
    assert list(Call.objects.planned(OPENS - timedelta(minutes=1))) == [call]
    assert list(Call.objects.open(OPENS)) == [call]
    assert list(Call.objects.planned(OPENS)) == []


def test_closing_soon_is_the_last_two_weeks_of_an_open_call(call):
    assert list(Call.objects.closing_soon(CLOSES - timedelta(days=15))) == []
    assert list(Call.objects.closing_soon(CLOSES - timedelta(days=14))) == [call]
    assert call.closes_soon_at(CLOSES - timedelta(hours=1))
    assert list(Call.objects.closing_soon(CLOSES)) == []


def test_the_deadline_is_shown_in_the_calls_time_zone(call):
    assert call.local_closes_at.hour == 14
    assert str(call.local_closes_at.tzinfo) == "Europe/Brussels"


@pytest.mark.django_db
def test_the_database_refuses_a_call_closing_before_it_opens():
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(opens_at=CLOSES, closes_at=OPENS)


@pytest.mark.django_db
def test_two_calls_of_a_programme_cannot_share_an_address():
    first = CallFactory(slug="second-call")
    CallFactory(slug="second-call")  # another programme may
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(slug="second-call", programme=first.programme)


def test_clean_names_the_closing_field(call):
    call.closes_at = call.opens_at
    with pytest.raises(ValidationError) as raised:
        call.clean()
    assert "closes_at" in raised.value.message_dict


def test_nuts_codes_are_checked_one_by_one():
    validate_nuts_codes("SI041, ITH4 at11")
    with pytest.raises(ValidationError) as raised:
        validate_nuts_codes("SI041 SLOVENIA X")
    assert len(raised.value.messages) == 2


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (OPENS - timedelta(days=14), "opens in 2 weeks"),
        (OPENS - timedelta(hours=3, minutes=5), "opens in 3 hours"),
        (CLOSES - timedelta(days=3, hours=2), "closes in 3 days"),
        (CLOSES - timedelta(days=1), "closes in 24 hours"),
        (CLOSES - timedelta(minutes=1), "closes in 1 minute"),
        (CLOSES - timedelta(seconds=10), "closes in 1 minute"),
        (CLOSES + timedelta(days=5), "closed 5 days ago"),
        (CLOSES + timedelta(days=90), "closed 3 months ago"),
    ],
)
def test_the_countdown_in_words(now, words):
    assert countdown(opens_at=OPENS, closes_at=CLOSES, now=now) == words
