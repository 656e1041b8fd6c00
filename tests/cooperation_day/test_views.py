"""Cooperation Day's pages and feeds: what each shows, what bad input gets back, where each step
leads."""

import csv
import gzip
import io
import json
import re
from datetime import timedelta

import geojson
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar

from academy.models import Certificate
from campaigns.cooperation_day import services
from campaigns.cooperation_day.models import (
    Event,
    EventAttendee,
    EventPhoto,
    ProgrammeParticipation,
)
from portal.accounts.models import Affiliation
from portal.core.capacity import PlaceStatus
from portal.settings.base import redis_cache
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event, make_moderator
from tests.helpers import png_upload

pytestmark = pytest.mark.django_db


def _form_data(edition, programme, **overrides):
    data = {
        "title": "Bridge festival",
        "description": "Music on the bridge.\n\nBring the family.",
        "event_type": "festival",
        "themes": "music, rivers",
        "organiser_organisation": "Danube Bridges",
        "programme": programme.pk,
        "project_name": "Danube Bridges",
        "project_acronym": "DB",
        "project_url": "keep.eu/projects/db",
        "starts_at": f"{edition.year}-09-21T10:00",
        "ends_at": f"{edition.year}-09-21T16:00",
        "time_zone": "Europe/Vienna",
        "format": "in_person",
        "venue": "Old bridge",
        "address": "Donaulände 1, Hainburg",
        "countries": ["AT", "SK"],
        "latitude": "48.146001",
        "longitude": "16.94",
        "languages": ["de", "sk"],
        "audience": "Everyone",
        "expected_participants": "200",
        "booking": "sign_up",
        "capacity": "30",
    }
    data.update(overrides)
    return data


def test_an_organiser_submits_an_event_read_in_its_own_time_zone(
    client, edition, programme, organiser, outbox
):
    client.force_login(organiser)
    data = _form_data(edition, programme, action="submit")
    response = client.post(reverse("cooperation_day:event_create"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.SUBMITTED
    assert event.starts_at.isoformat() == f"{edition.year}-09-21T08:00:00+00:00"  # 10:00 CEST
    assert [country.code for country in event.countries] == ["AT", "SK"]
    assert str(event.latitude) == "48.14600"  # rounded to the stored precision
    assert event.project_url == "https://keep.eu/projects/db"
    assert event.description == "<p>Music on the bridge.</p><p>Bring the family.</p>"
    assert sorted(tag.name for tag in event.themes.all()) == ["music", "rivers"]


def test_bad_input_is_named_next_to_its_field_and_kept(client, edition, programme, organiser):
    client.force_login(organiser)
    data = _form_data(
        edition,
        programme,
        latitude="123",
        ends_at=f"{edition.year}-09-21T09:00",
        action="draft",
    )
    response = client.post(reverse("cooperation_day:event_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["latitude"] == ["A latitude lies between -90 and 90."]
    assert Event.objects.count() == 0
    html = response.content.decode()
    assert 'value="Bridge festival"' in html and 'value="123"' in html
    assert "Music on the bridge.\n\nBring the family.</textarea>" in html
    assert html.count('data-draft=""') == 2  # the description and the accessibility notes


def test_events_outside_the_edition_window_are_refused_next_to_the_start(
    client, edition, programme, organiser
):
    client.force_login(organiser)
    data = _form_data(
        edition,
        programme,
        starts_at=f"{edition.year}-12-01T10:00",
        ends_at=f"{edition.year}-12-01T12:00",
        action="draft",
    )
    response = client.post(reverse("cooperation_day:event_create"), data)
    assert response.status_code == 200
    assert "take place between" in response.context["form"].errors["starts_at"][0]


def test_an_incomplete_submission_is_kept_as_a_draft_with_what_is_missing(
    client, edition, organiser
):
    client.force_login(organiser)
    response = client.post(
        reverse("cooperation_day:event_create"),
        {
            "title": "Idea",
            "action": "submit",
            "format": "in_person",
            "booking": "drop_in",
            "time_zone": "Europe/Paris",
            "expected_participants": "0",
        },
    )
    assert response.status_code == 200
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    errors = response.context["form"].errors
    assert errors["programme"] == ["Needed before you submit the event."]
    assert "venue" in errors
    # Trying again goes to the saved draft, so it cannot become a second event.
    assert f'action="/cooperation-day/my-events/{event.public_id}/"' in response.content.decode()


def test_a_saved_draft_is_finished_later(client, edition, programme, organiser):
    client.force_login(organiser)
    client.post(
        reverse("cooperation_day:event_create"), _form_data(edition, programme, action="draft")
    )
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    page = client.get(reverse("cooperation_day:event_edit", args=[event.public_id]))
    assert 'value="2' in page.content.decode()  # the local start time is shown back
    assert f'value="{edition.year}-09-21T10:00"' in page.content.decode()
    response = client.post(
        reverse("cooperation_day:event_submit", args=[event.public_id]), follow=True
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED


def test_my_events_lists_ones_own_events_with_the_moderators_message(
    client, edition, programme, organiser, moderator
):
    mine = make_event(edition, programme, organiser, status=Event.Status.SUBMITTED)
    services.event_request_changes(
        event=mine, moderator=moderator, reason="incomplete", message="Add the access info."
    )
    make_event(edition, programme, UserFactory(), title="Someone else's")
    client.force_login(organiser)
    response = client.get(reverse("cooperation_day:my_events"))
    html = response.content.decode()
    assert mine.title in html and "Someone else" not in html
    assert "Changes requested" in html and "Add the access info." in html


def test_an_event_page_shows_json_ld_and_hides_a_contact_not_opted_in(
    client, edition, programme, organiser
):
    event = make_event(
        edition, programme, organiser, contact_email="private@example.org", show_contact=False
    )
    html = client.get(
        reverse("cooperation_day:event_detail", args=[event.public_id])
    ).content.decode()
    assert "private@example.org" not in html
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)

    event_data = json.loads(data.group(1))
    assert event_data["@type"] == "Event" and event_data["name"] == event.title
    assert event_data["startDate"].startswith(f"{edition.year}-09-21T10:00:00+02:00")
    assert event_data["location"]["geo"]["latitude"] == float(event.latitude)


def test_an_event_pages_breadcrumb_starts_at_home_like_a_pages(
    client, edition, programme, organiser
):
    event = make_event(edition, programme, organiser, language="de")
    html = client.get(
        reverse("cooperation_day:event_detail", args=[event.public_id])
    ).content.decode()
    trail = re.search(r'<nav class="breadcrumbs[^>]*>(.*?)</nav>', html, re.S).group(1)
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', trail)

    assert links[0][1] == "Home"
    assert links[-1] == (f"{edition.url}#events", f"Cooperation Day {edition.year}")
    assert [url for url, _ in links[1:-1]] == [edition.get_parent().url]
    assert re.search(rf'aria-current="page"\s+lang="de">{re.escape(event.title)}<', trail)


def test_the_landing_page_shows_the_current_edition_with_filters_in_the_url(
    client, edition, programme, organiser
):
    make_event(edition, programme, organiser, title="Vienna open day")
    make_event(edition, programme, organiser, title="Bratislava walk", countries=["SK"])
    html = client.get("/cooperation-day/?country=AT").content.decode()
    assert "Vienna open day" in html and "Bratislava walk" not in html
    html = client.get("/cooperation-day/?country=SK").content.decode()
    assert "Vienna open day" in html and "Bratislava walk" in html  # AT,SK is on both sides
    response = client.get("/cooperation-day/?country=SK&cross_border=on")
    assert "Vienna open day" in response.content.decode()
    assert "Bratislava walk" not in response.content.decode()
    assert "events.geojson?country=SK" in response.content.decode()


def test_an_unknown_place_is_named_and_the_other_filters_still_apply(
    client, edition, programme, organiser
):
    make_event(edition, programme, organiser, title="Vienna open day")
    response = client.get("/cooperation-day/?near=Atlantis&type=open_day")
    assert response.status_code == 200
    assert "We do not know “Atlantis”" in response.content.decode()
    assert "Vienna open day" in response.content.decode()


def test_a_visitor_signs_up_through_the_emailed_link(
    client, edition, programme, organiser, outbox, django_capture_on_commit_callbacks
):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cooperation_day:sign_up", args=[event.public_id]),
            {"name": "Ana Ribeiro", "email": "ana@example.org"},
        )
    assert "Check your e-mail" in response.content.decode()
    assert EventAttendee.objects.count() == 0
    link = re.search(r"http://\S+(/cooperation-day/sign-up/\S+/confirm/)", outbox[-1].body)
    confirm_page = client.get(link.group(1))
    assert "Confirm my place" in confirm_page.content.decode()
    assert EventAttendee.objects.count() == 0  # following the link alone takes no place
    done = client.post(link.group(1))
    assert "You are signed up" in done.content.decode()
    assert EventAttendee.objects.get().status == PlaceStatus.CONFIRMED


def test_sign_up_errors_are_shown_with_the_form(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=10)
    response = client.post(
        reverse("cooperation_day:sign_up", args=[event.public_id]), {"name": "Ana", "email": "nope"}
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="Ana"' in response.content.decode()


def test_a_bad_confirmation_link_gets_a_polite_page(client, edition):
    response = client.get(reverse("cooperation_day:sign_up_confirm", args=["not-a-token"]))
    assert response.status_code == 200
    assert "not valid or has expired" in response.content.decode()


def test_cancelling_by_link_frees_the_place(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=10)
    attendee = EventAttendee.objects.create(event=event, name="Ana", email="ana@example.org")
    url = reverse("cooperation_day:sign_up_cancel", args=[attendee.cancel_token])
    assert "Cancel my place" in client.get(url).content.decode()
    client.post(url)
    attendee.refresh_from_db()
    assert attendee.status == PlaceStatus.CANCELLED


def test_reporting_with_photos_gives_the_organiser_a_certificate(
    client, edition, programme, organiser
):
    event = make_event(edition, programme, organiser)
    url = reverse("cooperation_day:event_report", args=[event.public_id])
    client.force_login(organiser)
    assert "once the event has taken place" in client.get(url).content.decode()
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    response = client.post(
        url,
        {"actual_participants": "140", "photos": [png_upload("one.png"), png_upload("two.png")]},
    )
    certificate = Certificate.objects.get(holder=organiser)
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()
    assert EventPhoto.objects.filter(event=event).count() == 2
    event.refresh_from_db()
    assert event.actual_participants == 140


def test_a_photo_that_is_not_an_image_is_refused_by_content(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(organiser)
    fake = png_upload("photo.png", content=b"<?php echo 1; ?>")
    response = client.post(
        reverse("cooperation_day:event_report", args=[event.public_id]),
        {"actual_participants": "10", "photos": [fake]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photos"]
    assert not Certificate.objects.exists()


def test_programme_staff_register_participation_once(client, edition, programme):
    staff = AffiliationFactory(
        programme=programme, function="communication_officer", status=Affiliation.Status.APPROVED
    ).user
    client.force_login(staff)
    url = reverse("cooperation_day:participation")
    response = client.post(
        url,
        {
            "programme": programme.pk,
            "contact_name": "Eva",
            "contact_email": "eva@example.org",
            "expected_events": "4",
            "support_wanted": "materials",
        },
    )
    assert response.status_code == 302
    assert ProgrammeParticipation.objects.get().expected_events == 4
    page = client.get(url).content.decode()
    assert "4 events expected" in page and "Register our participation" not in page


def test_bulk_approve_publishes_only_what_is_in_scope(client, edition, organiser, outbox):
    austrian = ProgrammeFactory(countries=["AT"])
    ours = make_event(edition, austrian, organiser, status="submitted", countries=["AT"])
    theirs = make_event(edition, austrian, organiser, status="submitted", countries=["FR"])
    client.force_login(make_moderator("at@example.org", countries=["AT"]))
    client.post(reverse("cooperation_day_admin:bulk_approve"), {"event": [ours.pk, theirs.pk]})
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.status == Event.Status.PUBLISHED
    assert theirs.status == Event.Status.SUBMITTED


def test_rejecting_needs_a_reason_shown_next_to_the_field(
    client, edition, programme, organiser, moderator
):
    event = make_event(edition, programme, organiser, status="submitted")
    client.force_login(moderator)
    url = reverse("cooperation_day_admin:review", args=[event.pk])
    response = client.post(url, {"decision": "reject", "reason": "", "message": "Why not"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Choose a reason."]
    assert "Why not" in response.content.decode()
    client.post(url, {"decision": "reject", "reason": "duplicate", "message": ""})
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED


def test_the_dashboard_counts_and_exports_every_event(
    client, edition, programme, organiser, moderator
):
    make_event(edition, programme, organiser, expected_participants=100)
    make_event(
        edition,
        programme,
        organiser,
        status="submitted",
        expected_participants=50,
        title="=cmd|' /C calc'!A0",
    )
    client.force_login(moderator)
    response = client.get(reverse("cooperation_day_admin:dashboard"))
    assert response.context["totals"].events == 2
    assert response.context["totals"].expected == 150
    [count] = [row["events"] for row in response.context["days"]]
    assert count == 1
    export = client.get(reverse("cooperation_day_admin:dashboard_export"))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert len(rows) == 3
    assert "'=cmd|' /C calc'!A0" in [row[1] for row in rows]


GEOJSON = reverse("cooperation_day:events_geojson")


ICS = reverse("cooperation_day:events_ics")


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
    event = Event.objects.get(title="On both banks")
    assert first["properties"]["when"] == date_format(event.local_starts_at, "DATETIME_FORMAT")
    assert first["properties"]["when"].startswith(f"{event.local_starts_at.day} ")  # day first
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


def test_ical_entries_name_the_language_the_organiser_wrote_in(client, mixed):
    Event.objects.filter(pk=mixed["published"].pk).update(language="sl")
    entries = Calendar.from_ical(client.get(ICS).content).walk("VEVENT")
    languages = {str(entry["SUMMARY"]): entry["SUMMARY"].params["LANGUAGE"] for entry in entries}
    assert languages == {"On both banks": "sl", "Online talk": "en"}
    [written] = [entry for entry in entries if str(entry["SUMMARY"]) == "On both banks"]
    assert written["DESCRIPTION"].params["LANGUAGE"] == "sl"


def test_feeds_take_the_map_filters_per_country_and_programme(client, edition, organiser):
    austrian = ProgrammeFactory(countries=["AT"], slug="at-prog")
    french = ProgrammeFactory(countries=["FR"], slug="fr-prog")
    make_event(edition, austrian, organiser, title="Vienna", countries=["AT"])
    make_event(
        edition,
        french,
        organiser,
        title="Lyon",
        countries=["FR"],
        latitude="45.76",
        longitude="4.83",
        time_zone="Europe/Paris",
    )
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
    past = make_edition(year=2024, slug="2024")
    make_edition()
    make_event(past, programme, organiser, title="Back then")
    assert client.get(GEOJSON + "?edition=1999").status_code == 404
    assert json.loads(client.get(GEOJSON).content)["features"] == []
    archived = json.loads(client.get(GEOJSON + "?edition=2024").content)
    assert [item["properties"]["title"] for item in archived["features"]] == ["Back then"]
    assert "Back then" in client.get("/cooperation-day/2024/").content.decode()


def test_feeds_travel_compressed_to_clients_that_accept_it(client, mixed):
    plain = client.get(GEOJSON)
    compressed = client.get(GEOJSON, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert "Content-Encoding" not in plain


# Nothing listens on port 1.
CACHE_SERVER_DOWN = {"default": redis_cache("redis://127.0.0.1:1/0", key_prefix="down")}


@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_the_feeds_are_built_from_the_database_when_the_cache_server_is_down(
    client, mixed, settings, encoding
):
    settings.CACHES = CACHE_SERVER_DOWN  # a new connection to it is made (setting_changed)
    geojson_response = client.get(GEOJSON, HTTP_ACCEPT_ENCODING=encoding)
    ics_response = client.get(ICS, HTTP_ACCEPT_ENCODING=encoding)
    assert geojson_response.status_code == ics_response.status_code == 200
    assert geojson_response.get("Content-Encoding") == (encoding or None)

    def body(response) -> bytes:
        if encoding:
            return gzip.decompress(response.content)
        return response.content

    places = json.loads(body(geojson_response))["features"]
    assert {place["properties"]["id"] for place in places} == {mixed["published"].public_id}
    events = Calendar.from_ical(body(ics_response)).walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == ["On both banks", "Online talk"]
