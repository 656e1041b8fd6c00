"""Cooperation Day events as iCalendar: one event's file and the subscribable feeds."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from portal.core.ical import CalendarEntry, calendar_document
from portal.core.links import site_base_url
from portal.core.sanitize import html_to_text

from .models import Event

# What a calendar entry needs from an event; nothing private (no organiser, no contact). With
# them, "description_text": the description as plain text.
FEED_FIELDS = (
    "pk",
    "public_id",
    "title",
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
)


def _place(row: dict, country_names: list[str]) -> str:
    """Venue, street address and the countries' names: all a calendar needs to find it."""
    address = row["address"]
    # An address that already ends with its country keeps it once.
    ends_with_country = bool(address and country_names) and address.rstrip(". ").lower().endswith(
        country_names[-1].lower()
    )
    if ends_with_country:
        country_names = country_names[:-1]
    place = ", ".join(str(part) for part in (row["venue"], address, *country_names) if part)
    if row["format"] != Event.Format.IN_PERSON and row["online_link"]:
        place = f"{place} ({row['online_link']})" if place else row["online_link"]
    return place


def _entries(rows, *, detail_prefix: str):
    """A CalendarEntry for each row (FEED_FIELDS and "description_text"); the labels and the
    country names of the language are looked up once for all of them."""
    base_url = site_base_url()
    type_labels = {value: str(label) for value, label in Event.Type.choices}
    organised_by = _("Organised by: %(organisation)s")
    country_names = {}
    for row in rows:
        names = []
        for code in row["countries"].split(","):
            if code:
                if code not in country_names:
                    country_names[code] = str(all_countries.name(code))
                names.append(country_names[code])
        description = [row["description_text"]]
        if row["organiser_organisation"]:
            description.append(organised_by % {"organisation": row["organiser_organisation"]})
        geo = None
        if row["latitude"] is not None and row["longitude"] is not None:
            geo = (row["latitude"], row["longitude"])
        event_type = row["event_type"]
        yield CalendarEntry(
            uid=f"cooperation-day-event-{row['public_id']}",
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            summary=row["title"],
            url=f"{base_url}{detail_prefix}{row['public_id']}/",
            location=_place(row, names),
            description="\n\n".join(part for part in description if part),
            geo=geo,
            categories=(type_labels.get(event_type, event_type),) if event_type else (),
            language=row["language"],
        )


def event_ics(event) -> str:
    row = {name: getattr(event, name) for name in FEED_FIELDS if name != "countries"}
    row["countries"] = ",".join(country.code for country in event.countries)
    row["description_text"] = html_to_text(event.description)
    detail_prefix = reverse("cooperation_day:event_detail", args=[event.public_id])
    detail_prefix = detail_prefix.removesuffix(f"{event.public_id}/")
    return calendar_document(
        _entries([row], detail_prefix=detail_prefix), product="Cooperation Day"
    )


def events_feed(rows, *, name: str, detail_prefix: str) -> str:
    """A subscribable calendar: `rows` as `_entries` takes them, `detail_prefix` the address of
    event pages up to the event's id."""
    return calendar_document(
        _entries(rows, detail_prefix=detail_prefix),
        product="Cooperation Day",
        name=name,
        refresh_hours=6,
    )
