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


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): nothing in it can end the line it is written on."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    if text.isprintable():  # every line break and control character is unprintable
        return text
    text = _LINE_BREAK.sub("\\\\n", text)
    return _CONTROL.sub("", text)


def fold(line: str) -> str:
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


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def continued(value: str, *, column: int, after: int = 0) -> str:
    """`value` for a place in a content line where at most `column` octets come before it and
    at most `after` octets follow it: folded so that no line passes 75 octets, wherever within
    those bounds the line's other parts end. For text filled into lines folded beforehand."""
    if not value:
        return ""
    column = min(column, MAX_LINE_OCTETS)
    # Folded as if the line so far were `column` octets of ASCII, which are then dropped.
    text = fold("x" * column + value)[column:]
    *folded, last = text.split("\r\n")
    used = len(last.encode()) + (0 if folded else column)
    if used + after > MAX_LINE_OCTETS:
        text += "\r\n "  # what follows starts a line of its own
    return text


def calendar_head(
    *, product: str, name: str = "", refresh_hours: int = 0, description: str = ""
) -> str:
    """A VCALENDAR's opening lines; `name` and `refresh_hours` make it a subscribable feed, which
    `description` tells its readers about."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Interreg portal//{product}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if description:
        lines.append(f"X-WR-CALDESC:{escape_text(description)}")
    if refresh_hours:
        lines.append(f"REFRESH-INTERVAL;VALUE=DURATION:PT{refresh_hours}H")
        lines.append(f"X-PUBLISHED-TTL:PT{refresh_hours}H")
    return "".join(fold(line) + "\r\n" for line in lines)


CALENDAR_END = "END:VCALENDAR\r\n"


def uid_host() -> str:
    """What follows the @ of every UID: the portal's host name."""
    return site_base_url().split("://", 1)[-1]


def calendar_document(
    entries: Iterable[CalendarEntry], *, product: str, name: str = "", refresh_hours: int = 0
) -> str:
    """A whole VCALENDAR; `name` and `refresh_hours` make it a subscribable feed."""
    host = uid_host()
    stamp = utc_text(timezone.now())
    lines = []
    for entry in entries:
        written_in = f";LANGUAGE={entry.language}" if entry.language else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_text(entry.starts_at)}",
            f"DTEND:{utc_text(entry.ends_at)}",
            f"SUMMARY{written_in}:{escape_text(entry.summary)}",
            f"URL:{entry.url}",
        ]
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.description:
            lines.append(f"DESCRIPTION{written_in}:{escape_text(entry.description)}")
        if entry.geo:
            lines.append(f"GEO:{float(entry.geo[0]):.5f};{float(entry.geo[1]):.5f}")
        if entry.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(item) for item in entry.categories))
        lines.append("END:VEVENT")
    return (
        calendar_head(product=product, name=name, refresh_hours=refresh_hours)
        + "".join(fold(line) + "\r\n" for line in lines)
        + CALENDAR_END
    )
