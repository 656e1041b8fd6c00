"""Builders for Cooperation Day editions, events and moderators."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from campaigns.cooperation_day.models import (
    CampaignModerator,
    CooperationDayEditionPage,
    CooperationDayLandingPage,
    Event,
)
from portal.core.pages import publish_child
from tests.factories.users import TEST_TOTP_SECRET, UserFactory


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


def make_event(
    edition, programme, organiser, *, status=Event.Status.PUBLISHED, themes=(), **overrides
) -> Event:
    """An event saved as it stands after moderation (published unless told otherwise)."""
    event = Event(
        edition=edition,
        organiser=organiser,
        status=status,
        **event_values(edition, programme, **overrides),
    )
    if status != Event.Status.DRAFT:
        event.submitted_at = timezone.now()
    if status == Event.Status.PUBLISHED:
        event.published_at = timezone.now()
    event.full_clean(exclude=["organiser", "edition"])
    event.save()
    if themes:
        event.themes.set(list(themes))
    return event


def make_events(edition, programme, organiser, count: int, **overrides) -> list[Event]:
    """`count` published events spread over the map, saved in one go."""
    events = []
    for number in range(count):
        values = event_values(
            edition,
            programme,
            title=f"Event {number}",
            latitude=Decimal("40") + Decimal(number % 200) / 20,
            longitude=Decimal("-5") + Decimal(number % 300) / 10,
            **overrides,
        )
        events.append(
            Event(edition=edition, organiser=organiser, status=Event.Status.PUBLISHED, **values)
        )
    return Event.objects.bulk_create(events)


def make_moderator(email, *, countries=(), programmes=()):
    """A member of the campaign team (admin access, a second factor) with an optional scope."""
    user = UserFactory(email=email, totp_secret=TEST_TOTP_SECRET)
    # Created by a migration; tests that empty the database between them make it again.
    team, created = Group.objects.get_or_create(name="Campaign team")
    if created:
        team.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(team)
    record = CampaignModerator.objects.create(user=user, countries=list(countries))
    record.programmes.set(programmes)
    return user
