"""What most Cooperation Day tests start from: an edition open for registration, a programme, an
organiser and a moderator."""

import pytest

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import (
    Event,
)
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import (
    event_values,
    make_edition,
    make_event,
    make_moderator,
)


@pytest.fixture
def edition(home):
    return make_edition()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(countries=["AT", "SK"])


@pytest.fixture
def organiser(db):
    return UserFactory(email="organiser@example.org")


@pytest.fixture
def moderator(db):
    return make_moderator("moderator@example.org")


@pytest.fixture
def submitted(edition, programme, organiser):
    event = services.event_create(
        edition=edition,
        organiser=organiser,
        values=event_values(edition, programme),
        themes=["bridges"],
    )
    return services.event_submit(event=event, user=organiser)


@pytest.fixture
def mixed(edition, programme, organiser):
    """Published events (one cross-border with two places, one online) and unpublished ones,
    all with private contact details."""
    private = {"contact_email": "private@example.org", "contact_phone": "+43 1 234"}
    published = make_event(
        edition,
        programme,
        organiser,
        title="On both banks",
        second_latitude="48.14000",
        second_longitude="17.10000",
        **private,
    )
    online = make_event(
        edition,
        programme,
        organiser,
        title="Online talk",
        format=Event.Format.ONLINE,
        online_link="https://meet.example.org/x",
        venue="",
        address="",
        latitude=None,
        longitude=None,
        countries=["AT"],
        **private,
    )
    for status in ("draft", "submitted", "changes_requested", "rejected"):
        make_event(edition, programme, organiser, status=status, title=f"Hidden {status}")
    return {"published": published, "online": online}


@pytest.fixture
def small_event(edition, programme, organiser):
    return make_event(edition, programme, organiser, booking=Event.Booking.SIGN_UP, capacity=2)
