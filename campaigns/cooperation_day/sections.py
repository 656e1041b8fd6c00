"""What Cooperation Day shows on a programme's page (hub.sections): its events to come."""

from django.utils.translation import gettext_lazy as _

from hub import sections
from portal.core.paging import rows_and_count

from . import selectors

PROGRAMME_EVENTS_SHOWN = 6


def programme_reads(programme, request):
    return [
        selectors.upcoming_events_of_programme(programme=programme, limit=PROGRAMME_EVENTS_SHOWN)
    ]


def programme_events(programme, request, rows) -> dict | None:
    events, total = rows_and_count(rows[0], PROGRAMME_EVENTS_SHOWN)
    if not events:
        return None
    # Every event the programme has in the finder of the edition they belong to.
    edition = events[0].edition
    return {
        "programme": programme,
        "events": events,
        "total": total,
        "see_all_url": f"{edition.get_url(request)}?programme={programme.slug}",
        "edition": edition,
    }


def register() -> None:
    sections.register_programme_section(
        key="events",
        order=40,
        title=_("Cooperation Day events"),
        template="hub/events/programme_section.html",
        reads=programme_reads,
        build=programme_events,
    )
