"""Query budgets: Cooperation Day's pages and feeds ask the database as often with many events as
with few."""

import pytest
from django.urls import reverse

from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import Event, EventAttendee, EventPhoto
from campaigns.cooperation_day.selectors import EVENTS_PER_PAGE
from campaigns.images import image_store
from tests.factories import UserFactory
from tests.factories.cooperation_day import make_event, make_events
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, count_queries, png_upload

pytestmark = pytest.mark.django_db

GEOJSON = reverse("cooperation_day:events_geojson")
ICS = reverse("cooperation_day:events_ics")


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
        lambda: reverse("cooperation_day:my_events"),
        user=organiser,
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many


def test_my_events_come_a_page_at_a_time(client, edition, programme):
    organiser = UserFactory()
    make_events(edition, programme, organiser, EVENTS_PER_PAGE + 1)
    client.force_login(organiser)
    url = reverse("cooperation_day:my_events")
    first = client.get(url)
    assert len(first.context["events"]) == EVENTS_PER_PAGE
    last = client.get(url, {"page": 2})
    assert len(last.context["events"]) == 1
    assert 'rel="prev"' in last.content.decode()


def test_attendee_list_queries_do_not_grow(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=5000)

    def sign_ups(count):
        start = EventAttendee.objects.count()
        EventAttendee.objects.bulk_create(
            EventAttendee(event=event, name=f"P{n}", email=f"p{n}@example.org")
            for n in range(start, start + count)
        )

    few, many = _budget(
        client,
        sign_ups,
        lambda: reverse("cooperation_day:event_attendees", args=[event.public_id]),
        user=organiser,
    )
    assert few == many


def test_moderation_queue_and_dashboard_queries_do_not_grow(client, edition, programme, moderator):
    organiser = UserFactory()

    def submitted(count):
        make_events(edition, programme, organiser, count)
        Event.objects.update(status=Event.Status.SUBMITTED)

    for url in (reverse("cooperation_day_admin:queue"), reverse("cooperation_day_admin:dashboard")):
        Event.objects.all().delete()
        few, many = _budget(client, submitted, lambda url=url: url, user=moderator)
        assert few == many, url


def test_event_page_queries_do_not_grow_with_photos_or_themes(
    client, edition, programme, organiser
):
    event = make_event(edition, programme, organiser, themes=["a", "b"])
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    client.get(url + "?warm=1")
    few, _ = count_queries(client.get, url + "?a=1")
    for number in range(5):
        image = image_store(
            uploaded=png_upload(f"p{number}.png"),
            title="p",
            user=organiser,
            collection=services.PHOTOS_COLLECTION,
        )
        EventPhoto.objects.create(event=event, image=image)
    event.themes.add("c", "d", "e")
    client.get(url + "?warm=2")  # renditions are made on first view
    many, _ = count_queries(client.get, url + "?a=3")
    assert many <= few + 2  # the photos' prefetch (photos, then their images' renditions)


@pytest.mark.parametrize("url", [GEOJSON, ICS, "/cooperation-day/"])
def test_feed_and_map_page_queries_do_not_grow_with_events(client, edition, programme, url):
    organiser = UserFactory()
    make_events(edition, programme, organiser, 10)
    client.get(url + "?warm=1")  # the site's own lookups are cached after the first request
    few, _ = count_queries(client.get, url + "?nocache=1")
    make_events(edition, programme, organiser, 990)
    # New events' feed parts are built by the first feed that meets them (rebuilding costs
    # a read and a write per thousand events), then read with the rest.
    client.get(url + "?warm=2")
    many, response = count_queries(client.get, url + "?nocache=2")
    assert response.status_code == 200
    assert many == few
