"""Cooperation Day's invariants: an event within its edition's window and places, an edition's
timeline in order."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import CooperationDayEditionPage
from tests.factories.cooperation_day import event_values

pytestmark = pytest.mark.django_db


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


def test_edition_timeline_is_checked(home):
    edition = CooperationDayEditionPage(
        title="CD",
        slug="cd",
        year=2030,
        theme="T",
        intro="I",
        day=date(2030, 9, 21),
        registration_opens=date(2030, 9, 1),
        registration_closes=date(2030, 9, 25),
        events_from=date(2030, 9, 22),
        events_until=date(2030, 10, 1),
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert {"registration_closes", "events_until"} <= set(error.value.message_dict)
