"""What calls add to the pages that bring the hub together (hub.sections): a programme's open
and planned calls, the calls closing soon on the home page, and the open and planned calls of
the programmes covering a visitor's place."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from hub import sections

from . import selectors
from .countdown import countdown_words, with_countdowns


def _context(calls, now) -> dict | None:
    if not calls:
        return None
    return {"calls": with_countdowns(calls, now), "countdown_words": countdown_words()}


def programme_reads(programme, request):
    return [selectors.programme_calls(programme=programme)]


def programme_section(programme, request, rows):
    context = _context(rows[0], timezone.now())
    if context:
        context["programme"] = programme
    return context


def home_reads(request):
    return [selectors.calls_closing_soon()]


def home_section(request, rows):
    return _context(rows[0], timezone.now())


def nearby_section(place, programmes, request):
    now = timezone.now()
    return _context(selectors.calls_of_programmes(programmes=programmes, now=now), now)


def register() -> None:
    sections.register_programme_section(
        key="calls",
        order=10,
        template="hub/calls/programme_section.html",
        reads=programme_reads,
        build=programme_section,
        title=gettext_lazy("Calls for proposals"),
        changes_at=lambda now: selectors.status_changes(now=now),
    )
    sections.register_home_section(
        key="calls",
        order=20,
        template="hub/calls/home_section.html",
        reads=home_reads,
        build=home_section,
        changes_at=lambda now: selectors.status_changes(now=now),
    )
    sections.register_nearby_section(
        key="calls", order=10, template="hub/calls/nearby_section.html", build=nearby_section
    )
