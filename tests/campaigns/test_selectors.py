"""The map's filters, and query counts of every Cooperation Day listing at 10 and 1,000 rows."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from campaigns import selectors
from campaigns.models import Event, EventAttendee
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.campaigns import make_event, make_events
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

    make_event(edition, programme, organiser, title="Before",
               starts_at=at(-3, 10), ends_at=at(-3, 12))  # fmt: skip
    make_event(edition, programme, organiser, title="On",
               starts_at=at(0, 10), ends_at=at(0, 12))  # fmt: skip
    make_event(edition, programme, organiser, title="Into the day",
               starts_at=at(-1, 20), ends_at=at(0, 9))  # fmt: skip
    make_event(edition, programme, organiser, title="After",
               starts_at=at(2, 10), ends_at=at(2, 12))  # fmt: skip
    assert _titles(edition, when="before") == ["Before"]
    assert _titles(edition, when="on") == ["Into the day", "On"]
    assert _titles(edition, when="after") == ["After"]


def test_type_theme_programme_strand_format_and_language(edition, organiser):
    cross_border = ProgrammeFactory(strand="A", slug="a-prog", countries=["AT", "SK"])
    transnational = ProgrammeFactory(strand="B", slug="b-prog", countries=["AT", "DE"])
    make_event(edition, cross_border, organiser, title="Tour", event_type="guided_tour",
               themes=["rivers"], languages=["de", "sk"])  # fmt: skip
    make_event(edition, transnational, organiser, title="Talk", event_type="online_talk",
               format="online", online_link="https://meet.example.org/", venue="", address="",
               latitude=None, longitude=None, languages=["en"])  # fmt: skip
    assert _titles(edition, type="guided_tour") == ["Tour"]
    assert _titles(edition, theme="rivers") == ["Tour"]
    assert _titles(edition, programme="b-prog") == ["Talk"]
    assert _titles(edition, strand="A") == ["Tour"]
    assert _titles(edition, format="online") == ["Talk"]
    assert _titles(edition, language="sk") == ["Tour"]
    assert _titles(edition, language="en") == ["Talk"]


def test_near_a_place_finds_either_side_of_a_cross_border_event(edition, programme, organiser):
    # Hainburg (AT) with a second place in Bratislava (SK); and one in Graz.
    make_event(edition, programme, organiser, title="Both banks",
               second_latitude="48.14400", second_longitude="17.10700")  # fmt: skip
    make_event(edition, programme, organiser, title="Graz",
               latitude="47.07000", longitude="15.44000", countries=["AT"])  # fmt: skip
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


def _budget(client, make_rows, url_for, *, user=None):
    """Queries for one page at 10 rows and at 1,000 rows."""
    if user is not None:
        client.force_login(user)
    make_rows(10)
    client.get(url_for() + "?warm=1")
    few, _ = count_queries(client.get, url_for() + "?a=1")
    make_rows(990)
    many, response = count_queries(client.get, url_for() + "?a=2")
    assert response.status_code == 200
    return few, many


def test_my_events_queries_do_not_grow(client, edition, programme):
    organiser = UserFactory()
    few, many = _budget(
        client,
        lambda count: make_events(edition, programme, organiser, count),
        lambda: reverse("campaigns:my_events"),
        user=organiser,
    )
    assert few == many


def test_attendee_list_queries_do_not_grow(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=5000)

    def sign_ups(count):
        start = EventAttendee.objects.count()
        EventAttendee.objects.bulk_create(
            EventAttendee(event=event, name=f"P{n}", email=f"p{n}@example.org")
            for n in range(start, start + count)
        )

    few, many = _budget(
        client, sign_ups, lambda: reverse("campaigns:event_attendees", args=[event.public_id]),
        user=organiser,
    )  # fmt: skip
    assert few == many


def test_moderation_queue_and_dashboard_queries_do_not_grow(client, edition, programme, moderator):
    organiser = UserFactory()

    def submitted(count):
        make_events(edition, programme, organiser, count)
        Event.objects.update(status=Event.Status.SUBMITTED)

    for url in (reverse("campaigns_admin:queue"), reverse("campaigns_admin:dashboard")):
        Event.objects.all().delete()
        few, many = _budget(client, submitted, lambda url=url: url, user=moderator)
        assert few == many, url


def test_event_page_queries_do_not_grow_with_photos_or_themes(
    client, edition, programme, organiser
):
    from campaigns.models import EventPhoto
    from campaigns.services import image_store
    from tests.helpers import png_upload

    event = make_event(edition, programme, organiser, themes=["a", "b"])
    url = reverse("campaigns:event_detail", args=[event.public_id])
    client.get(url + "?warm=1")
    few, _ = count_queries(client.get, url + "?a=1")
    for number in range(5):
        image = image_store(uploaded=png_upload(f"p{number}.png"), title="p", user=organiser)
        EventPhoto.objects.create(event=event, image=image)
    event.themes.add("c", "d", "e")
    client.get(url + "?warm=2")  # renditions are made on first view
    many, _ = count_queries(client.get, url + "?a=3")
    assert many <= few + 2  # the photos' prefetch (photos, then their images' renditions)
