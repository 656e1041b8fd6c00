"""Cooperation Day events as iCalendar: one event's file and the subscribable feeds.

Each event's entry is written once from its columns and kept with it (`Event.calendar_text`,
built by `feeds.parts_rebuild`), in the language the organiser wrote in (`Event.language`): its
title and description, its place with the countries' names, "Organised by". A calendar, one
event's file or a feed of thousands, is those entries joined, with what depends on the
moment and on the calendar's language filled in (`CalendarFill`): the time stamp, the host name
of the UIDs, the language's address of event pages and the type's label in CATEGORIES.
"""

from dataclasses import dataclass

from django.db.models import Case, Value, When
from django.db.models.fields import TextField
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from portal.core.ical import (
    CALENDAR_END,
    calendar_head,
    continued,
    escape_text,
    fold,
    uid_host,
    utc_text,
)
from portal.core.links import site_base_url
from portal.core.sanitize import html_to_text

from .models import Event

PRODUCT = "Cooperation Day"
UID_PREFIX = "cooperation-day-event-"
LONGEST_ID = Event._meta.get_field("public_id").max_length
END_OF_ENTRY = "END:VEVENT\r\n"
# Where one entry ends and the next begins. An entry's text holds no line break but between its
# lines and where folding puts one, which a space follows: this is found nowhere else.
NEXT_ENTRY = END_OF_ENTRY + "BEGIN:VEVENT\r\n"

# Where a calendar's own text goes in a kept entry. Escaped text holds no control character,
# and ids and dates none either, so nothing of an event's can hold these.
HOST_SLOT = "\x02h\x03"
STAMP_SLOT = "\x02s\x03"
ADDRESS_SLOT = "\x02u\x03"
UID_LINE_START = f"UID:{UID_PREFIX}"
URL_LINE_START = "URL:"

# The columns an entry is written from: public ones only (no organiser, no contact).
ENTRY_FIELDS = (
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


def entry_text(row: dict) -> str:
    """The event's VEVENT up to its CATEGORIES, with the slots a `CalendarFill` fills: `row`
    holds ENTRY_FIELDS. Its words are in the event's language, which LANGUAGE says."""
    language = row["language"]
    written_in = f";LANGUAGE={language}" if language else ""
    with translation.override(language or None):
        codes = [code for code in row["countries"].split(",") if code]
        location = _place(row, [str(all_countries.name(code)) for code in codes])
        description = [html_to_text(row["description"])]
        if row["organiser_organisation"]:
            description.append(
                _("Organised by: %(organisation)s")
                % {"organisation": row["organiser_organisation"]}
            )
    # The lines with a slot are short but for what the slot brings, which folds itself.
    lines = [
        "BEGIN:VEVENT",
        f"{UID_LINE_START}{row['public_id']}@{HOST_SLOT}",
        f"DTSTAMP:{STAMP_SLOT}",
        f"DTSTART:{utc_text(row['starts_at'])}",
        f"DTEND:{utc_text(row['ends_at'])}",
        fold(f"SUMMARY{written_in}:{escape_text(row['title'])}"),
        f"{URL_LINE_START}{ADDRESS_SLOT}{row['public_id']}/",
    ]
    if location:
        lines.append(fold(f"LOCATION{written_in}:{escape_text(location)}"))
    description = "\n\n".join(part for part in description if part)
    if description:
        lines.append(fold(f"DESCRIPTION{written_in}:{escape_text(description)}"))
    if row["latitude"] is not None and row["longitude"] is not None:
        lines.append(f"GEO:{float(row['latitude']):.5f};{float(row['longitude']):.5f}")
    return "".join(line + "\r\n" for line in lines)


@dataclass(frozen=True)
class CalendarFill:
    """What a calendar fills into the kept entries: its moment, host and language."""

    replacements: tuple[tuple[str, str], ...]
    categories: dict[str, str]  # the CATEGORIES line of each event type

    @classmethod
    def now(cls) -> "CalendarFill":
        """For a calendar made now, in the active language."""
        uid_column = len(UID_LINE_START) + LONGEST_ID + 1
        return cls(
            replacements=(
                (HOST_SLOT, continued(uid_host(), column=uid_column)),
                (STAMP_SLOT, utc_text(timezone.now())),
                (
                    ADDRESS_SLOT,
                    continued(
                        site_base_url() + Event.page_path_prefix(),
                        column=len(URL_LINE_START),
                        after=LONGEST_ID + 1,
                    ),
                ),
            ),
            categories={
                value: fold(f"CATEGORIES:{escape_text(label)}") + "\r\n"
                for value, label in Event.Type.choices
            },
        )

    def end_of(self, event_type: str) -> str:
        """What follows a kept entry: its CATEGORIES, and its end."""
        return self.categories.get(event_type, "") + END_OF_ENTRY

    def end_expression(self) -> Case:
        """`end_of` for each row, written by the database."""
        return Case(
            *(
                When(event_type=value, then=Value(line + END_OF_ENTRY))
                for value, line in self.categories.items()
            ),
            default=Value(END_OF_ENTRY),
            output_field=TextField(),
        )

    def filled(self, text: str) -> str:
        for old, new in self.replacements:
            text = text.replace(old, new)
        return text


def document(entries: str, *, name: str = "", description: str = "") -> str:
    """A whole calendar of filled entries; a `name` makes it a feed to subscribe to."""
    head = calendar_head(
        product=PRODUCT, name=name, refresh_hours=6 if name else 0, description=description
    )
    return head + entries + CALENDAR_END


def event_ics(event) -> str:
    """One event's calendar file, written afresh from the event."""
    row = {name: getattr(event, name) for name in ENTRY_FIELDS if name != "countries"}
    row["countries"] = ",".join(country.code for country in event.countries)
    fill = CalendarFill.now()
    return document(fill.filled(entry_text(row) + fill.end_of(event.event_type)))
