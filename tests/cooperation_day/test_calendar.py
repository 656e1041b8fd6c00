"""An event's calendar file carries what a person needs on the day: the whole description and
where to go (the full address, and coordinates when the organiser placed the event)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories.cooperation_day import make_event

pytestmark = pytest.mark.django_db

# Longer than any calendar line, with paragraphs, a list, a link and characters that must be
# escaped in iCalendar text.
DESCRIPTION = (
    "<p>Walk across the river with the project team; the bridge, built with Interreg "
    "funds, links Hainburg and Bratislava &amp; carries 4,000 cyclists a day.</p>"
    "<ul><li>Meet at the square</li><li>Bring a bicycle</li></ul>"
    '<p>Read more on <a href="https://example.org/bridge">the project page</a>. '
    + "Every word of this paragraph reaches the calendar. " * 12
    + "The last sentence.</p>"
)
EXPECTED_TEXT = (
    "Walk across the river with the project team; the bridge, built with Interreg funds, "
    "links Hainburg and Bratislava & carries 4,000 cyclists a day.\n\n"
    "- Meet at the square\n- Bring a bicycle\n\n"
    "Read more on the project page. "
    + "Every word of this paragraph reaches the calendar. " * 12
    + "The last sentence."
)


def _entry(client, event):
    response = client.get(reverse("cooperation_day:event_calendar", args=[event.public_id]))
    assert response.status_code == 200
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    return entry, response.content


def _feed_entry(client, event):
    response = client.get(reverse("cooperation_day:events_ics"))
    assert response.status_code == 200
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    return entry


def test_the_event_file_holds_the_whole_description_and_the_full_address(
    client, edition, programme, organiser
):
    event = make_event(
        edition,
        programme,
        organiser,
        description=DESCRIPTION,
        organiser_organisation="Danube Bridges project",
        venue="Bridge square",
        address="Hauptplatz 1, 2410 Hainburg an der Donau",
        countries=["AT"],
    )
    entry, body = _entry(client, event)
    assert str(entry["DESCRIPTION"]) == (EXPECTED_TEXT + "\n\nOrganised by: Danube Bridges project")
    assert str(entry["LOCATION"]) == (
        "Bridge square, Hauptplatz 1, 2410 Hainburg an der Donau, Austria"
    )
    assert entry["GEO"].latitude == pytest.approx(48.146)
    assert entry["GEO"].longitude == pytest.approx(16.942)
    # Escaped and folded by the calendar writer: no physical line is longer than 75 octets.
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert b"Bratislava & carries 4\\,000 cyclists" in body.replace(b"\r\n ", b"")

    # The feed a calendar subscribes to says the same.
    feed_entry = _feed_entry(client, event)
    assert str(feed_entry["DESCRIPTION"]) == str(entry["DESCRIPTION"])
    assert str(feed_entry["LOCATION"]) == str(entry["LOCATION"])


def test_an_address_naming_its_country_keeps_it_once_and_no_coordinates_means_no_geo(
    client, edition, programme, organiser
):
    event = make_event(
        edition,
        programme,
        organiser,
        description="",
        organiser_organisation="",
        venue="",
        address="Hlavné námestie 1, 811 01 Bratislava, Slovakia",
        countries=["SK"],
        latitude=None,
        longitude=None,
    )
    entry, _body = _entry(client, event)
    assert str(entry["LOCATION"]) == "Hlavné námestie 1, 811 01 Bratislava, Slovakia"
    assert "GEO" not in entry
    assert "DESCRIPTION" not in entry
