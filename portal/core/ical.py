"""iCalendar (RFC 5545) documents: course sessions, Cooperation Day events and their feeds."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

from .links import site_base_url


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # unique within the portal; the host name is added
    starts_at: datetime
    ends_at: datetime
    summary: str
    url: str
    location: str = ""
    description: str = ""
    geo: tuple | None = None  # (latitude, longitude)
    categories: tuple[str, ...] = ()
    # The language the summary and description are written in (RFC 5545's LANGUAGE
    # parameter): an organiser's own words may not be in the calendar's language.
    language: str = ""


# Line breaks of any kind become the escaped newline; other control characters are dropped.
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_LINE_OCTETS = 75


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): nothing in it can end the line it is written on."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    if text.isprintable():  # every line break and control character is unprintable
        return text
    text = _LINE_BREAK.sub("\\\\n", text)
    return _CONTROL.sub("", text)


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (which counts
    towards that line's 75), never splitting a character's UTF-8 bytes."""
    octets = line.encode()
    if len(octets) <= MAX_LINE_OCTETS:
        return line
    parts, start, limit = [], 0, MAX_LINE_OCTETS
    while len(octets) - start > limit:
        end = start + limit
        # A continuation byte (10xxxxxx) there would cut a character: break before it.
        while octets[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(octets[start:end])
        start, limit = end, MAX_LINE_OCTETS - 1
    parts.append(octets[start:])
    return b"\r\n ".join(parts).decode()


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_document(
    entries: Iterable[CalendarEntry], *, product: str, name: str = "", refresh_hours: int = 0
) -> str:
    """A whole VCALENDAR; `name` and `refresh_hours` make it a subscribable feed."""
    host = site_base_url().split("://", 1)[-1]
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Interreg portal//{product}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    if refresh_hours:
        lines.append(f"REFRESH-INTERVAL;VALUE=DURATION:PT{refresh_hours}H")
        lines.append(f"X-PUBLISHED-TTL:PT{refresh_hours}H")
    for entry in entries:
        written_in = f";LANGUAGE={entry.language}" if entry.language else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(entry.starts_at)}",
            f"DTEND:{_utc(entry.ends_at)}",
            f"SUMMARY{written_in}:{_escape(entry.summary)}",
            f"URL:{entry.url}",
        ]
        if entry.location:
            lines.append(f"LOCATION:{_escape(entry.location)}")
        if entry.description:
            lines.append(f"DESCRIPTION{written_in}:{_escape(entry.description)}")
        if entry.geo:
            lines.append(f"GEO:{float(entry.geo[0]):.5f};{float(entry.geo[1]):.5f}")
        if entry.categories:
            lines.append("CATEGORIES:" + ",".join(_escape(item) for item in entry.categories))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
