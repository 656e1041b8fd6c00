"""The feeds joined from parts stored with each event: what they show in each language, and
that a changed, rejected or withdrawn event never shows as it was."""

import importlib
import json
import re
from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django_countries import countries as all_countries
from icalendar import Calendar

from campaigns.cooperation_day import calendar, feeds, services
from campaigns.cooperation_day.models import Event
from portal.core.ical import escape_text
from tests.factories.cooperation_day import event_values, make_event, make_events

LANGUAGES = ["en", "fr", "de"]


def _url(name: str, language: str, query: str = "") -> str:
    with translation.override(language):
        return reverse(f"cooperation_day:{name}") + query


def _features(client, language="en", query="") -> list[dict]:
    return json.loads(client.get(_url("events_geojson", language, query)).content)["features"]


def _vevents(client, language="en", query="") -> list:
    return Calendar.from_ical(client.get(_url("events_ics", language, query)).content).walk(
        "VEVENT"
    )


def _expected_properties(event: Event, language: str) -> dict:
    """What a map pop-up has always been given for `event`, read from the event itself."""
    event.refresh_from_db()
    with translation.override(language):
        countries = [country.code for country in event.countries]
        return {
            "id": event.public_id,
            "title": event.title,
            "language": event.language,
            "url": reverse("cooperation_day:event_detail", args=[event.public_id]),
            "starts": event.starts_at.astimezone(UTC).isoformat(),
            "ends": event.ends_at.astimezone(UTC).isoformat(),
            "timeZone": event.time_zone,
            "when": date_format(timezone.localtime(event.starts_at, event.zone), "DATETIME_FORMAT"),
            "place": ", ".join(part for part in (event.venue, event.address) if part),
            "type": str(event.get_event_type_display()),
            "format": str(event.get_format_display()),
            "countries": countries,
            "crossBorder": len(countries) > 1,
        }


@pytest.fixture
def varied(edition, programme, organiser):
    """A cross-border open day written in Slovene, an online talk with no place, and a hybrid
    workshop whose address already ends with its country."""
    return [
        make_event(
            edition,
            programme,
            organiser,
            title="Most, ki povezuje; dan odprtih vrat",
            language="sl",
            description="<p>Sprehod čez reko.</p><ul><li>ena</li><li>dve</li></ul>",
            second_latitude=Decimal("48.14000"),
            second_longitude=Decimal("17.10000"),
        ),
        make_event(
            edition,
            programme,
            organiser,
            title="Talk, online",
            event_type=Event.Type.ONLINE_TALK,
            format=Event.Format.ONLINE,
            venue="",
            address="",
            latitude=None,
            longitude=None,
            online_link="https://talk.example.org/room",
            countries=["AT"],
        ),
        make_event(
            edition,
            programme,
            organiser,
            title="Workshop " + "with a very long title that folds " * 4,
            event_type=Event.Type.WORKSHOP,
            format=Event.Format.HYBRID,
            address="Hauptplatz 1, 2410 Hainburg, Austria",
            online_link="https://meet.example.org/workshop",
            countries=["AT"],
            time_zone="Europe/Lisbon",
            latitude=Decimal("48.15000"),
            longitude=Decimal("16.95000"),
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_geojson_shows_each_event_as_before_in_each_language(client, varied, language):
    features = _features(client, language)
    by_id = {}
    for feature in features:
        by_id.setdefault(feature["properties"]["id"], []).append(feature)
    bridge, _online, workshop = varied
    assert set(by_id) == {bridge.public_id, workshop.public_id}  # no place, no point
    for event in (bridge, workshop):
        expected = _expected_properties(event, language)
        places = [[float(event.longitude), float(event.latitude)]]
        if event.second_latitude is not None:
            places.append([float(event.second_longitude), float(event.second_latitude)])
        assert [feature["geometry"]["coordinates"] for feature in by_id[event.public_id]] == places
        for feature in by_id[event.public_id]:
            assert feature["type"] == "Feature"
            assert feature["properties"] == expected
    if language != "en":
        assert by_id[workshop.public_id][0]["properties"]["url"].startswith(f"/{language}/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_ical_feed_shows_each_event_as_its_own_calendar_file(client, varied, language):
    """The feed's entries equal each event's own file (built from the event, its description
    made plain text then and there), apart from the time stamp of the moment they were made."""
    entries = {str(entry["UID"]): entry for entry in _vevents(client, language)}
    assert len(entries) == 3
    for event in varied:
        with translation.override(language):
            [own] = Calendar.from_ical(calendar.event_ics(event)).walk("VEVENT")
        entry = entries[str(own["UID"])]
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "GEO"):
            if own.get(name) is None:
                assert entry.get(name) is None, name
                continue
            assert entry[name].to_ical() == own[name].to_ical(), name
            assert getattr(entry[name], "params", {}) == getattr(own[name], "params", {}), name
        assert entry.decoded("DTSTART") == own.decoded("DTSTART") == event.starts_at
        assert entry.decoded("DTEND") == own.decoded("DTEND") == event.ends_at
        assert entry["SUMMARY"].params["LANGUAGE"] == event.language
        assert entry["DESCRIPTION"].params["LANGUAGE"] == event.language
    bridge = varied[0]
    bridge_entry = entries[
        str(Calendar.from_ical(calendar.event_ics(bridge)).walk("VEVENT")[0]["UID"])
    ]
    # The place and the description are the organiser's, in the event's language, which the
    # entry says; what the calendar's reader picks by (the type) is in the calendar's.
    with translation.override("sl"):
        austria, slovakia = all_countries.name("AT"), all_countries.name("SK")
        organised_by = gettext("Organised by: %(organisation)s") % {
            "organisation": bridge.organiser_organisation
        }
    assert str(bridge_entry["LOCATION"]).endswith(f"{austria}, {slovakia}")
    assert bridge_entry["LOCATION"].params["LANGUAGE"] == "sl"
    assert str(bridge_entry["DESCRIPTION"]).startswith("Sprehod čez reko.\n\n- ena\n- dve")
    assert str(bridge_entry["DESCRIPTION"]).endswith(f"\n\n{organised_by}")
    with translation.override(language):
        assert bridge_entry["CATEGORIES"].cats == [str(Event.Type.OPEN_DAY.label)]
    assert str(bridge_entry["URL"]).endswith(
        _url("events_geojson", language).replace("events.geojson", f"events/{bridge.public_id}/")
    )


@pytest.mark.parametrize("host", ["events.example.eu", "a" * 60 + ".example.eu"])
def test_every_calendar_line_fits_whatever_the_host(client, settings, varied, host):
    """Entries are folded when they are stored; what the feed fills in (host, address of the
    event page) folds itself, so no line passes 75 octets and each unfolds to the whole."""
    settings.SITE_BASE_URL = f"https://{host}"
    # The first builds the entries and joins them here; the second has the database join them.
    built = client.get(_url("events_ics", "fr", f"?host={host}&first")).content
    body = client.get(_url("events_ics", "fr", f"?host={host}&second")).content
    assert re.sub(rb"DTSTAMP:\w+", b"", body) == re.sub(rb"DTSTAMP:\w+", b"", built)
    lines = body.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    assert not any(byte in body for byte in b"\x02\x03")
    entries = Calendar.from_ical(body).walk("VEVENT")
    assert len(entries) == len(varied)
    for entry in entries:
        uid, url = str(entry["UID"]), str(entry["URL"])
        assert uid.endswith(f"@{host}")
        public_id = uid.removeprefix("cooperation-day-event-").split("@")[0]
        assert url == f"https://{host}/fr/cooperation-day/events/{public_id}/"
        entry.decoded("DTSTAMP")  # a time stamp, filled in


def test_a_feed_builds_parts_once_and_then_reads_them(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, title="Stored once")
    assert Event.objects.get(pk=event.pk).feed_parts_of is None
    _features(client)
    stored = Event.objects.get(pk=event.pk)
    assert stored.feed_parts_of == stored.updated_at
    assert "Stored once" in stored.geojson_features
    assert "Stored once" in stored.calendar_text
    assert "Walk across the river with the project team." in stored.calendar_text


def test_parts_older_than_the_event_are_never_served(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, title="Before")
    _features(client, query="?first")
    # Read back with its stored parts, as every service does before a change: save() then
    # writes the parts as they were, and only `updated_at` tells they are out of date.
    event = Event.objects.get(pk=event.pk)
    assert "Before" in event.geojson_features
    event.title, event.venue = "After", "New square"
    event.description = "<p>New words.</p>"
    event.save()
    [feature] = _features(client, query="?second")
    assert feature["properties"]["title"] == "After"
    assert feature["properties"]["place"].startswith("New square")
    [entry] = _vevents(client, query="?second")
    assert str(entry["SUMMARY"]) == "After"
    assert str(entry["DESCRIPTION"]).startswith("New words.")


def test_parts_follow_moderation_and_never_show_what_was_not_approved(
    client, edition, programme, organiser, moderator, django_capture_on_commit_callbacks
):
    event = make_event(edition, programme, organiser, title="Approved title")
    assert [f["properties"]["title"] for f in _features(client)] == ["Approved title"]

    def propose(title, venue):
        values = event_values(edition, programme, title=title, venue=venue)
        with django_capture_on_commit_callbacks(execute=True):
            services.event_update(event=event, user=organiser, values=values)
            services.event_submit(event=Event.objects.get(pk=event.pk), user=organiser)

    propose("Rejected title", "Rejected venue")
    # Waiting for review: the feeds keep what was approved.
    assert [f["properties"]["title"] for f in _features(client)] == ["Approved title"]
    with django_capture_on_commit_callbacks(execute=True):
        services.event_reject(
            event=Event.objects.get(pk=event.pk),
            moderator=moderator,
            reason="other",
            message="Not now.",
        )
    assert [f["properties"]["title"] for f in _features(client)] == ["Approved title"]
    assert [str(e["SUMMARY"]) for e in _vevents(client)] == ["Approved title"]

    propose("New title", "New venue")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_approve(event=Event.objects.get(pk=event.pk), moderator=moderator)
    [feature] = _features(client)
    assert feature["properties"]["title"] == "New title"
    assert feature["properties"]["place"].startswith("New venue")
    assert [str(e["SUMMARY"]) for e in _vevents(client)] == ["New title"]
    body = client.get(_url("events_geojson", "en")).content.decode()
    assert "Rejected" not in body and "Approved title" not in body


def test_withdrawn_and_rejected_events_leave_the_feeds(client, edition, programme, organiser):
    kept = make_event(edition, programme, organiser, title="Kept")
    withdrawn = make_event(edition, programme, organiser, title="Withdrawn")
    rejected = make_event(edition, programme, organiser, title="Turned down")
    assert len(_features(client, query="?all")) == 3
    withdrawn.delete()
    rejected.status = Event.Status.REJECTED
    rejected.save()
    assert [f["properties"]["title"] for f in _features(client, query="?fewer")] == ["Kept"]
    assert [str(e["SUMMARY"]) for e in _vevents(client, query="?fewer")] == [kept.title]


def test_filters_still_select_from_stored_parts(client, edition, programme, organiser):
    make_events(edition, programme, organiser, 3)
    make_event(edition, programme, organiser, title="Near", event_type=Event.Type.WORKSHOP)
    _features(client, query="?warm")
    workshops = _features(client, query="?type=workshop")
    assert [f["properties"]["title"] for f in workshops] == ["Near"]
    near = _features(client, query="?lat=48.146&lng=16.942&radius=5")
    assert [f["properties"]["title"] for f in near] == ["Near"]


def test_the_migration_builds_every_events_parts_as_a_feed_would(edition, programme, organiser):
    migration = importlib.import_module(
        "campaigns.cooperation_day.migrations.0009_event_calendar_text"
    )
    events = make_events(edition, programme, organiser, 3)
    Event.objects.update(feed_parts_of=None, geojson_features="", calendar_text="")
    migration.build_feed_parts(django_apps, None)
    for event in Event.objects.filter(pk__in=[event.pk for event in events]):
        assert event.feed_parts_of == event.updated_at
        row = Event.objects.filter(pk=event.pk).values(*feeds.PART_FIELDS).get()
        assert event.calendar_text == calendar.entry_text(row) != ""
        assert event.geojson_features == feeds.geojson_features_of(row) != ""


def test_the_calendar_keeps_the_order_and_rows_of_every_filter(
    client, edition, programme, organiser
):
    """Nearest first near a place, and each event once when a theme joins its tags: the
    database joins the entries in the order and rows of the events' own query."""
    far = make_event(
        edition, programme, organiser, title="Far", latitude=Decimal("48.50000"), themes=["rivers"]
    )
    near = make_event(
        edition,
        programme,
        organiser,
        title="Near",
        latitude=Decimal("48.15000"),
        longitude=Decimal("17.10000"),
        themes=["rivers", "bridges"],
    )
    make_event(edition, programme, organiser, title="Elsewhere", latitude=Decimal("40.00000"))
    near_bratislava = "?lat=48.14&lng=17.10&radius=100"
    for attempt in ("&built", "&joined"):  # built here, then joined by the database
        titles = [
            str(entry["SUMMARY"]) for entry in _vevents(client, query=near_bratislava + attempt)
        ]
        assert titles == [near.title, far.title]
        themed = [
            str(entry["SUMMARY"]) for entry in _vevents(client, query="?theme=rivers" + attempt)
        ]
        assert sorted(themed) == sorted([near.title, far.title])


def test_a_calendar_holds_the_first_events_of_the_list_and_says_so_when_there_are_more(
    client, monkeypatch, edition, programme, organiser
):
    monkeypatch.setattr(feeds, "CALENDAR_MOST_EVENTS", 2)
    starts = event_values(edition, programme)["starts_at"]
    for hours, title, country in ((3, "Third", "AT"), (1, "First", "AT"), (2, "Second", "SK")):
        make_event(
            edition,
            programme,
            organiser,
            title=title,
            countries=[country],
            starts_at=starts + timedelta(hours=hours),
            ends_at=starts + timedelta(hours=hours + 1),
        )
    for attempt in ("&built", "&joined"):  # built here, then joined by the database
        body = client.get(_url("events_ics", "en", "?all" + attempt)).content
        # The one read beyond is built too, so that the next calendar is joined at once.
        assert Event.objects.exclude(feed_parts_of=F("updated_at")).count() == 0
        feed = Calendar.from_ical(body)
        assert [str(entry["SUMMARY"]) for entry in feed.walk("VEVENT")] == ["First", "Second"]
        description = (
            "Only the first 2 events that match the filters, as listed on the events page. "
            "Narrower filters give a calendar with every event they select."
        )
        unfolded = body.decode().replace("\r\n ", "")
        assert f"\r\nX-WR-CALDESC:{escape_text(description)}\r\n" in unfolded
        assert body.endswith(b"END:VEVENT\r\nEND:VCALENDAR\r\n")
        # As many as it may hold: all of them, and nothing to say.
        feed = Calendar.from_ical(
            client.get(_url("events_ics", "en", "?country=AT" + attempt)).content
        )
        assert [str(entry["SUMMARY"]) for entry in feed.walk("VEVENT")] == ["First", "Third"]
        assert "X-WR-CALDESC" not in feed
    with translation.override("fr"):
        french = feeds.calendar_bound_text(1500)
    assert "1" in french and "500" in french and french != feeds.calendar_bound_text(1500)

    # The events page says it next to the link, and only when the list is longer.
    html = client.get("/cooperation-day/").content.decode()
    assert 'aria-describedby="calendar-bound"' in html
    assert re.search(
        r'id="calendar-bound">\s*The calendar holds only the first 2 of these events, in the '
        r"order of the list\. Narrow the filters to subscribe to all of them\.\s*</p>",
        html,
    )
    html = client.get("/cooperation-day/?country=AT").content.decode()
    assert "calendar-bound" not in html
