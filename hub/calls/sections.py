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


def programme_section(programme, request):
    now = timezone.now()
    context = _context(selectors.programme_calls(programme=programme, now=now), now)
    if context:
        context["programme"] = programme
    return context


def home_section(request):
    now = timezone.now()
    return _context(selectors.calls_closing_soon(now=now), now)


def nearby_section(place, programmes, request):
    now = timezone.now()
    return _context(selectors.calls_of_programmes(programmes=programmes, now=now), now)


def register() -> None:
    sections.register_programme_section(
        key="calls",
        order=10,
        template="hub/calls/programme_section.html",
        build=programme_section,
        title=gettext_lazy("Calls for proposals"),
        changes_at=lambda now: selectors.status_changes(now=now),
    )
    sections.register_home_section(
        key="calls",
        order=20,
        template="hub/calls/home_section.html",
        build=home_section,
        changes_at=lambda now: selectors.status_changes(now=now),
    )
    sections.register_nearby_section(
        key="calls", order=10, template="hub/calls/nearby_section.html", build=nearby_section
    )
