"""Cooperation Day events as iCalendar: one event's file and the subscribable feeds."""

from django.urls import reverse

from portal.core.ical import CalendarEntry, calendar_document
from portal.core.links import site_base_url

# What a calendar entry needs from an event; nothing private (no organiser, no contact).
FEED_FIELDS = (
    "pk",
    "public_id",
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "online_link",
    "format",
    "latitude",
    "longitude",
    "event_type",
    "organiser_organisation",
)


def _entry(event, base_url: str) -> CalendarEntry:
    place = ", ".join(part for part in (event.venue, event.address) if part)
    if event.format != event.Format.IN_PERSON and event.online_link:
        place = f"{place} ({event.online_link})" if place else event.online_link
    geo = None
    if event.latitude is not None and event.longitude is not None:
        geo = (event.latitude, event.longitude)
    return CalendarEntry(
        uid=f"cooperation-day-event-{event.public_id}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        url=base_url + reverse("cooperation_day:event_detail", args=[event.public_id]),
        location=place,
        description=event.organiser_organisation,
        geo=geo,
        categories=(str(event.get_event_type_display()),) if event.event_type else (),
    )


def event_ics(event) -> str:
    return calendar_document([_entry(event, site_base_url())], product="Cooperation Day")


def events_feed(events, *, name: str) -> str:
    base_url = site_base_url()
    return calendar_document(
        (_entry(event, base_url) for event in events),
        product="Cooperation Day",
        name=name,
        refresh_hours=6,
    )
