"""iCalendar (RFC 5545) files for sessions, so learners can put them in their own calendar."""

from datetime import UTC

from django.utils import timezone

from portal.core.links import absolute_url, site_base_url


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for character in line:
        piece = character.encode()
        if len(current) + len(piece) > 74:
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_ics(*, session, course) -> str:
    host = site_base_url().split("://", 1)[-1]
    location = (
        session.online_link
        if session.delivery == session.Delivery.ONLINE
        else ", ".join(part for part in (session.venue, session.address, session.city) if part)
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Interreg portal//Academy//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:academy-session-{session.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(course.title)}",
        f"LOCATION:{_escape(location)}",
        f"URL:{absolute_url(course.url or '/')}",
        f"DESCRIPTION:{_escape(course.summary)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
