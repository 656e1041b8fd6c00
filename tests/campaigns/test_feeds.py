"""The public GeoJSON and iCalendar feeds: valid as such, published events only, no private
data, the map's filters, and query counts that do not grow with the events."""

import json

import geojson
import pytest
from django.urls import reverse
from icalendar import Calendar

from campaigns import services
from campaigns.models import Event
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.campaigns import make_event, make_events
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

GEOJSON = reverse("campaigns:events_geojson")
ICS = reverse("campaigns:events_ics")


@pytest.fixture
def mixed(edition, programme, organiser):
    """Published events (one cross-border with two places, one online) and unpublished ones,
    all with private contact details."""
    private = {"contact_email": "private@example.org", "contact_phone": "+43 1 234"}
    published = make_event(
        edition, programme, organiser, title="On both banks",
        second_latitude="48.14000", second_longitude="17.10000", **private,
    )  # fmt: skip
    online = make_event(
        edition, programme, organiser, title="Online talk", format=Event.Format.ONLINE,
        online_link="https://meet.example.org/x", venue="", address="", latitude=None,
        longitude=None, countries=["AT"], **private,
    )  # fmt: skip
    for status in ("draft", "submitted", "changes_requested", "rejected"):
        make_event(edition, programme, organiser, status=status, title=f"Hidden {status}")
    return {"published": published, "online": online}


def test_geojson_is_valid_and_holds_published_places_only(client, mixed):
    response = client.get(GEOJSON)
    assert response["Content-Type"] == "application/geo+json"
    collection = geojson.loads(response.content)
    assert collection.is_valid, collection.errors()
    titles = [feature["properties"]["title"] for feature in collection["features"]]
    assert titles == ["On both banks", "On both banks"]  # one point per side of the border
    first, second = collection["features"]
    assert first["geometry"]["coordinates"] == [16.942, 48.146]
    assert second["geometry"]["coordinates"] == [17.1, 48.14]
    assert first["properties"]["crossBorder"] is True
    body = response.content.decode()
    assert "Hidden" not in body and "private@example.org" not in body and "+43" not in body
    assert "organiser@example.org" not in body


def test_ical_parses_and_holds_published_events_only(client, mixed):
    response = client.get(ICS)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert sorted(str(entry["SUMMARY"]) for entry in entries) == ["On both banks", "Online talk"]
    assert str(calendar["X-WR-CALNAME"]).startswith("Cooperation Day")
    event = mixed["published"]
    [entry] = [entry for entry in entries if str(entry["SUMMARY"]) == "On both banks"]
    assert entry.decoded("DTSTART") == event.starts_at
    assert str(entry["URL"]).endswith(f"/cooperation-day/events/{event.public_id}/")
    body = response.content.decode()
    assert "Hidden" not in body and "private@example.org" not in body


def test_feeds_take_the_map_filters_per_country_and_programme(client, edition, organiser):
    austrian = ProgrammeFactory(countries=["AT"], slug="at-prog")
    french = ProgrammeFactory(countries=["FR"], slug="fr-prog")
    make_event(edition, austrian, organiser, title="Vienna", countries=["AT"])
    make_event(edition, french, organiser, title="Lyon", countries=["FR"],
               latitude="45.76", longitude="4.83", time_zone="Europe/Paris")  # fmt: skip
    by_country = Calendar.from_ical(client.get(ICS + "?country=FR").content)
    assert [str(entry["SUMMARY"]) for entry in by_country.walk("VEVENT")] == ["Lyon"]
    by_programme = json.loads(client.get(GEOJSON + "?programme=at-prog").content)
    assert [item["properties"]["title"] for item in by_programme["features"]] == ["Vienna"]
    near = json.loads(client.get(GEOJSON + "?near=Lyon&radius=25").content)
    assert [item["properties"]["title"] for item in near["features"]] == ["Lyon"]


def test_a_newly_approved_event_appears_in_the_cached_feeds(
    client, edition, programme, organiser, moderator, django_capture_on_commit_callbacks
):
    assert json.loads(client.get(GEOJSON).content)["features"] == []
    event = make_event(edition, programme, organiser, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_approve(event=event, moderator=moderator)
    assert len(json.loads(client.get(GEOJSON).content)["features"]) == 1


def test_past_editions_have_their_own_feed(client, home, programme, organiser):
    from tests.factories.campaigns import make_edition

    past = make_edition(year=2024, slug="2024")
    make_edition()
    make_event(past, programme, organiser, title="Back then")
    assert client.get(GEOJSON + "?edition=1999").status_code == 404
    assert json.loads(client.get(GEOJSON).content)["features"] == []
    archived = json.loads(client.get(GEOJSON + "?edition=2024").content)
    assert [item["properties"]["title"] for item in archived["features"]] == ["Back then"]
    assert "Back then" in client.get("/cooperation-day/2024/").content.decode()


@pytest.mark.parametrize("url", [GEOJSON, ICS, "/cooperation-day/"])
def test_feed_and_map_page_queries_do_not_grow_with_events(client, edition, programme, url):
    organiser = UserFactory()
    make_events(edition, programme, organiser, 10)
    client.get(url + "?warm=1")  # the site's own lookups are cached after the first request
    few, _ = count_queries(client.get, url + "?nocache=1")
    make_events(edition, programme, organiser, 990)
    many, response = count_queries(client.get, url + "?nocache=2")
    assert response.status_code == 200
    assert many == few


def test_feeds_travel_compressed_to_clients_that_accept_it(client, mixed):
    import gzip

    plain = client.get(GEOJSON)
    compressed = client.get(GEOJSON, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert "Content-Encoding" not in plain
