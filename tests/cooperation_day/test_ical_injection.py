"""Whatever an organiser types, the calendar files keep each value on its own property: line
breaks of any kind are escaped, other control characters dropped, long lines folded."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from academy import calendar as academy_calendar
from tests.factories.academy import make_course, make_session
from tests.factories.cooperation_day import make_event

pytestmark = pytest.mark.django_db

INJECTION = "\rX-INJECTED:1"
TITLE = f"Open day{INJECTION}\r\nX-INJECTED:2\u2028X-INJECTED:3\x07\x1b end; a, b\\c"
LONG_VENUE = "Čo je to za most? " * 10  # many two-octet characters, to be folded


def physical_lines(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    return body[:-2].split(b"\r\n")


def assert_well_formed(body: bytes):
    lines = physical_lines(body)
    assert not any(line.upper().startswith(b"X-INJECTED") for line in lines)
    assert b"\r" not in b"".join(lines) and b"\n" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines), [len(line) for line in lines]
    for line in lines:
        line.decode()  # folding never splits a character


@pytest.fixture
def event(edition, programme, organiser):
    return make_event(
        edition,
        programme,
        organiser,
        title=TITLE,
        venue=LONG_VENUE,
        organiser_organisation=f"Bridges{INJECTION}",
    )


@pytest.mark.parametrize("feed", [True, False], ids=["feed", "single event"])
def test_event_calendars_escape_what_organisers_type(client, event, feed):
    url = (
        reverse("cooperation_day:events_ics")
        if feed
        else reverse("cooperation_day:event_calendar", args=[event.public_id])
    )
    response = client.get(url)
    assert response.status_code == 200
    assert_well_formed(response.content)
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == (
        "Open day\nX-INJECTED:1\nX-INJECTED:2\nX-INJECTED:3 end; a, b\\c"
    )
    assert str(entry["LOCATION"]).startswith(LONG_VENUE.strip())
    assert str(entry["DESCRIPTION"]).endswith("Organised by: Bridges\nX-INJECTED:1")
    assert "X-INJECTED" not in {key.upper() for key in entry}


def test_session_calendars_escape_course_titles(home):
    course = make_course(title=f"Reporting{INJECTION}" + " é" * 60)
    session = make_session(course)
    body = academy_calendar.session_ics(session=session, course=course).encode()
    assert_well_formed(body)
    (entry,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(entry["SUMMARY"]).startswith("Reporting\nX-INJECTED:1 é")
