"""What the Interreg Slam shows on a programme's page (hub.sections): its projects' films
once the public may see them, and its finalists and winners."""

from django.utils.translation import gettext_lazy as _

from hub import sections

from . import selectors

PROGRAMME_ENTRIES_SHOWN = 6


def programme_reads(programme, request):
    return [
        selectors.public_entries_of_programme(programme=programme, limit=PROGRAMME_ENTRIES_SHOWN)
    ]


def programme_entries(programme, request, rows) -> dict | None:
    entries = selectors.public_entries(rows[0])
    if not entries:
        return None
    return {"programme": programme, "entries": entries}


def register() -> None:
    sections.register_programme_section(
        key="slam",
        order=60,
        title=_("Interreg Slam"),
        template="hub/slam/programme_section.html",
        reads=programme_reads,
        build=programme_entries,
        changes_at=lambda now: selectors.public_changes(now=now),
    )
