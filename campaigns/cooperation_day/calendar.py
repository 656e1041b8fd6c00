"""Cooperation Day events as iCalendar: one event's file and the subscribable feeds."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.ical import CalendarEntry, calendar_document
from portal.core.links import site_base_url
from portal.core.sanitize import html_to_text

# What a calendar entry needs from an event; nothing private (no organiser, no contact).
FEED_FIELDS = (
    "pk",
    "public_id",
    "title",
    "description",
    "language",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "countries",
    "online_link",
    "format",
    "latitude",
    "longitude",
    "event_type",
    "organiser_organisation",
    "language",
)


def _place(event) -> str:
    """Venue, street address and the countries' names: all a calendar needs to find it."""
    countries = [country.name for country in event.countries]
    address = event.address
    # An address that already ends with its country keeps it once.
    if address and countries and address.rstrip(". ").lower().endswith(countries[-1].lower()):
        countries = countries[:-1]
    return ", ".join(str(part) for part in (event.venue, address, *countries) if part)


def _description(event) -> str:
    """The whole description as plain text, then who organises it."""
    parts = [html_to_text(event.description)]
    if event.organiser_organisation:
        parts.append(
            _("Organised by: %(organisation)s") % {"organisation": event.organiser_organisation}
        )
    return "\n\n".join(part for part in parts if part)


def _entry(event, base_url: str) -> CalendarEntry:
    place = _place(event)
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
        description=_description(event),
        geo=geo,
        categories=(str(event.get_event_type_display()),) if event.event_type else (),
        language=event.language,
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
