"""Course sessions as iCalendar files, so learners can put them in their own calendar."""

from portal.core.ical import CalendarEntry, calendar_document
from portal.core.links import absolute_url


def session_ics(*, session, course) -> str:
    location = (
        session.online_link
        if session.delivery == session.Delivery.ONLINE
        else ", ".join(part for part in (session.venue, session.address, session.city) if part)
    )
    entry = CalendarEntry(
        uid=f"academy-session-{session.pk}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=course.title,
        location=location,
        url=absolute_url(course.url or "/"),
        description=course.summary,
        language=course.locale.language_code,
    )
    return calendar_document([entry], product="Academy")
