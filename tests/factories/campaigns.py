"""Builders for Cooperation Day editions and events."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from campaigns.models import CooperationDayEditionPage, CooperationDayLandingPage, Event
from portal.home.demo import publish_child


def make_edition(year=None, **fields) -> CooperationDayEditionPage:
    # Next year's edition: its registration is open today, whatever today is.
    year = year or date.today().year + 1
    values = {
        "title": f"Cooperation Day {year}",
        "slug": str(year),
        "year": year,
        "theme": "Together across borders",
        "day": date(year, 9, 21),
        "registration_opens": date(year - 1, 1, 1),
        "registration_closes": date(year, 9, 20),
        "events_from": date(year, 9, 1),
        "events_until": date(year, 10, 31),
        "intro": "The campaign of the year.",
    }
    values.update(fields)
    landing = CooperationDayLandingPage.objects.get()
    return publish_child(landing, CooperationDayEditionPage(**values))


def event_values(edition, programme, **overrides) -> dict:
    starts = datetime(edition.year, 9, 21, 10, tzinfo=ZoneInfo("Europe/Vienna"))
    values = {
        "title": "Open day at the bridge",
        "description": "<p>Walk across the river with the project team.</p>",
        "organiser_organisation": "Danube Bridges project",
        "programme": programme,
        "event_type": Event.Type.OPEN_DAY,
        "format": Event.Format.IN_PERSON,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=4),
        "time_zone": "Europe/Vienna",
        "venue": "Bridge square",
        "address": "Hauptplatz 1, Hainburg",
        "countries": ["AT", "SK"],
        "latitude": Decimal("48.14600"),
        "longitude": Decimal("16.94200"),
        "expected_participants": 120,
    }
    values.update(overrides)
    return values
