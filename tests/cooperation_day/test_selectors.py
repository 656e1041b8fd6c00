"""The map's filters: when, what, whose and near where."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from campaigns.cooperation_day import selectors
from tests.factories import ProgrammeFactory
from tests.factories.cooperation_day import make_event
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _titles(edition, **filters):
    return [event.title for event in selectors.published_events(edition=edition, filters=filters)]


def test_dates_before_on_and_after_the_day(edition, programme, organiser):
    vienna = ZoneInfo("Europe/Vienna")
    day = edition.day

    def at(offset_days, hour):
        start = datetime(day.year, day.month, day.day, hour, tzinfo=vienna)
        return start + timedelta(days=offset_days)

    make_event(
        edition, programme, organiser, title="Before", starts_at=at(-3, 10), ends_at=at(-3, 12)
    )
    make_event(edition, programme, organiser, title="On", starts_at=at(0, 10), ends_at=at(0, 12))
    make_event(
        edition, programme, organiser, title="Into the day", starts_at=at(-1, 20), ends_at=at(0, 9)
    )
    make_event(edition, programme, organiser, title="After", starts_at=at(2, 10), ends_at=at(2, 12))
    assert _titles(edition, when="before") == ["Before"]
    assert _titles(edition, when="on") == ["Into the day", "On"]
    assert _titles(edition, when="after") == ["After"]


def test_type_theme_programme_strand_format_and_language(edition, organiser):
    cross_border = ProgrammeFactory(strand="A", slug="a-prog", countries=["AT", "SK"])
    transnational = ProgrammeFactory(strand="B", slug="b-prog", countries=["AT", "DE"])
    make_event(
        edition,
        cross_border,
        organiser,
        title="Tour",
        event_type="guided_tour",
        themes=["rivers"],
        languages=["de", "sk"],
    )
    make_event(
        edition,
        transnational,
        organiser,
        title="Talk",
        event_type="online_talk",
        format="online",
        online_link="https://meet.example.org/",
        venue="",
        address="",
        latitude=None,
        longitude=None,
        languages=["en"],
    )
    assert _titles(edition, type="guided_tour") == ["Tour"]
    assert _titles(edition, theme="rivers") == ["Tour"]
    assert _titles(edition, programme="b-prog") == ["Talk"]
    assert _titles(edition, strand="A") == ["Tour"]
    assert _titles(edition, format="online") == ["Talk"]
    assert _titles(edition, language="sk") == ["Tour"]
    assert _titles(edition, language="en") == ["Talk"]


def test_near_a_place_finds_either_side_of_a_cross_border_event(edition, programme, organiser):
    # Hainburg (AT) with a second place in Bratislava (SK); and one in Graz.
    make_event(
        edition,
        programme,
        organiser,
        title="Both banks",
        second_latitude="48.14400",
        second_longitude="17.10700",
    )
    make_event(
        edition,
        programme,
        organiser,
        title="Graz",
        latitude="47.07000",
        longitude="15.44000",
        countries=["AT"],
    )
    # From Bratislava's centre the second place is closest.
    near = list(
        selectors.published_events(
            edition=edition, filters={"lat": 48.148, "lng": 17.107, "radius": 10}
        )
    )
    assert [event.title for event in near] == ["Both banks"]
    assert near[0].distance_km < 1
    assert _titles(edition, lat=47.07, lng=15.44, radius=25) == ["Graz"]
    assert _titles(edition, lat=48.2, lng=16.37, radius=200) == ["Both banks", "Graz"]


def test_filter_choices_are_read_once_per_language_until_the_next_change(
    edition, programme, organiser
):
    make_event(edition, programme, organiser, countries=["AT"])
    with translation.override("fr"):
        queries, choices = count_queries(selectors.filter_choices, edition)
        assert queries == 3 and choices["country_choices"] == [("AT", "Autriche")]
        # Every feed address and map page built meanwhile reads them from the cache.
        assert count_queries(selectors.filter_choices, edition) == (0, choices)
    with translation.override("de"):
        assert selectors.filter_choices(edition)["country_choices"] == [("AT", "Österreich")]
    make_event(edition, programme, organiser, countries=["SK"])  # published: content changed
    with translation.override("fr"):
        assert selectors.filter_choices(edition)["country_choices"] == [
            ("AT", "Autriche"),
            ("SK", "Slovaquie"),
        ]
