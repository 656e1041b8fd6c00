"""The sections a programme's page and the home page gather from every part of the portal.

Each part registers, in its `AppConfig.ready()`, what it shows on a programme's page (its open
calls, latest news, projects …) and on the home page (calls closing soon …), so the pages
that bring everything together import none of the parts. A section is a template and a
function returning that template's context, or None when there is nothing to show (the section
is then left out, heading and all).

    sections.register_programme_section(
        key="calls", order=10, template="hub/calls/programme_section.html",
        build=lambda programme, request: {"calls": ...} or None,
    )

`build` reads through the part's selectors: a constant number of queries, whatever the
number of rows, for the pages' query budgets to hold. A section whose rows are querysets says
so with `reads`, which returns them unread; every section's querysets (and any the page adds)
are then read in one query (`portal.core.together`), and `build` gets their rows last:

    sections.register_programme_section(
        key="calls", ..., reads=lambda programme, request: [calls_of(programme)],
        build=lambda programme, request, rows: {"calls": rows[0]} if rows[0] else None,
    )

A programme section may give a `title` (the heading its template shows): the programme's page
then lists it in its table of contents.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from portal.core.cache import kept_moments
from portal.core.moments import soonest
from portal.core.together import read_together


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    build: Callable
    title: str = ""
    # (now) -> the next moment what it shows changes by the clock alone, or None.
    changes_at: Callable | None = None
    # (the page's arguments) -> the querysets `build` gets the rows of, read with the others.
    reads: Callable | None = None


@dataclass(frozen=True)
class BuiltSection:
    key: str
    template: str
    context: dict
    title: str = ""


_programme_sections: dict[str, Section] = {}
_home_sections: dict[str, Section] = {}


def register_programme_section(
    *,
    key: str,
    order: int,
    template: str,
    build: Callable,
    title: str = "",
    changes_at: Callable | None = None,
    reads: Callable | None = None,
) -> None:
    """`build(programme, request)` → context dict, or None to leave the section out (with
    `reads(programme, request)` → querysets, `build(programme, request, rows)`).
    `changes_at(now)`, for a section that changes by the clock (calls opening), says when
    next (a moment, None or `portal.core.moments.Moments`, which a page's sections read in one
    query): a programme's page shared with anonymous visitors is kept no longer."""
    _programme_sections[key] = Section(key, order, template, build, title, changes_at, reads)


def unregister_programme_section(key: str) -> None:
    _programme_sections.pop(key, None)


def register_home_section(
    *,
    key: str,
    order: int,
    template: str,
    build: Callable,
    changes_at: Callable | None = None,
    reads: Callable | None = None,
) -> None:
    """`build(request)` → context dict, or None to leave the section out (with
    `reads(request)` → querysets, `build(request, rows)`). `changes_at(now)`,
    for a section that changes by the clock (a vacancy closing), says when next (as for a
    programme's sections): the home page's shared copy is kept no longer."""
    _home_sections[key] = Section(key, order, template, build, changes_at=changes_at, reads=reads)


def unregister_home_section(key: str) -> None:
    _home_sections.pop(key, None)


def _built(
    sections: dict[str, Section], arguments: tuple, also: tuple[QuerySet, ...] = ()
) -> tuple[list[BuiltSection], list[list]]:
    """The sections built, and the rows of the querysets in `also`, all read in one query."""
    ordered = sorted(sections.values(), key=lambda section: (section.order, section.key))
    wanted = {section.key: list(section.reads(*arguments)) for section in ordered if section.reads}
    read = iter(read_together(*(qs for querysets in wanted.values() for qs in querysets), *also))
    rows = {key: [next(read) for _queryset in querysets] for key, querysets in wanted.items()}
    built = []
    for section in ordered:
        if section.reads:
            context = section.build(*arguments, rows[section.key])
        else:
            context = section.build(*arguments)
        if context is not None:
            built.append(BuiltSection(section.key, section.template, context, section.title))
    return built, list(read)


def programme_sections(programme, request) -> list[BuiltSection]:
    return _built(_programme_sections, (programme, request))[0]


def programme_sections_with(
    programme, request, *also: QuerySet
) -> tuple[list[BuiltSection], list[list]]:
    """The sections of `programme`'s page, and the rows of `also`, querysets the page reads
    besides: every section's querysets and these in one query."""
    return _built(_programme_sections, (programme, request), also)


def programme_sections_change_at(now):
    """The next moment any programme section changes by the clock alone, or None."""
    return _next_change("programme", _programme_sections, now)


def _next_change(registry: str, sections: dict[str, Section], now):
    wanted = [
        (("section", registry, section.key), section.changes_at)
        for section in sections.values()
        if section.changes_at
    ]
    return soonest(kept_moments(wanted, now))


def home_sections(request) -> list[BuiltSection]:
    return _built(_home_sections, (request,))[0]


def home_sections_with(request, *also: QuerySet) -> tuple[list[BuiltSection], list[list]]:
    """The home page's sections, and the rows of `also` (as for a programme's page)."""
    return _built(_home_sections, (request,), also)


def home_sections_change_at(now):
    """The next moment any home section changes by the clock alone, or None."""
    return _next_change("home", _home_sections, now)


# "Interreg near me" ------------------------------------------------------------------------

_nearby_sections: dict[str, Section] = {}


def register_nearby_section(*, key: str, order: int, template: str, build: Callable) -> None:
    """`build(place, programmes, request)` → context dict, or None to leave the section out.
    `place` has `latitude`, `longitude`, `name` and `nuts_code` (the NUTS 3 region it lies
    in, or ""); `programmes` are the programmes whose area covers it."""
    _nearby_sections[key] = Section(key, order, template, build)


def nearby_sections(place, programmes, request) -> list[BuiltSection]:
    return _built(_nearby_sections, (place, programmes, request))[0]
