"""Reads shaped for the calls' pages, feeds, calendar, alerts and sections. Every function reads
the clock once (`now`, which tests fix) and makes a number of queries that does not grow with
the number of calls."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Min, Q, QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.core.moments import Moments
from portal.core.paging import counted_page

from .models import CLOSING_SOON, Call, CallStatus

CALLS_PER_PAGE = 24
# Without a status filter the listing shows each section's first calls and links to the rest.
SECTION_LIMITS = {"closing_soon": 24, "open": 24, "planned": 12, "closed": 6}
FEED_LIMIT = 50
CALENDAR_LIMIT = 500
SECTION_CALLS = 6


def _listed(calls: QuerySet) -> QuerySet:
    """What a card shows: the programme, nothing else fetched row by row."""
    return calls.select_related("programme")


def filtered_calls(*, filters: dict, now: datetime | None = None) -> QuerySet:
    """Calls the listing's filters select (any status), each with its `current_status`.

    `filters` is `CallFilterForm.filters()`: programme (a Programme), strand, country (a code),
    theme (a Theme), applicant (an OrganisationType value). A call that names no eligible
    countries is open to its programme's countries.
    """
    now = now or timezone.now()
    calls = Call.objects.with_status(now)
    if filters.get("programme"):
        calls = calls.filter(programme=filters["programme"])
    if filters.get("strand"):
        calls = calls.filter(programme__strand=filters["strand"])
    if filters.get("country"):
        code = filters["country"]
        calls = calls.filter(
            Q(eligible_countries__contains=code)
            | Q(eligible_countries="", programme__countries__contains=code)
        )
    if filters.get("theme"):
        calls = calls.filter(themes=filters["theme"])
    if filters.get("applicant"):
        calls = calls.eligible_for(filters["applicant"])
    return calls


@dataclass
class ListingSection:
    key: str  # a status, or "closing_soon"
    calls: list
    total: int
    page: Page | None = None  # when the listing shows this section alone


def listing_sections(*, filters: dict, status: str = "", page: int = 1, now=None):
    """The listing's sections: closing soon, open, planned and closed, each ordered as people
    read it (soonest deadline first; closed: latest closed first). With a `status`, only that
    section, paginated."""
    now = now or timezone.now()
    calls = filtered_calls(filters=filters, now=now)
    soon = now + CLOSING_SOON
    querysets = {
        "closing_soon": calls.filter(opens_at__lte=now, closes_at__gt=now, closes_at__lte=soon),
        "open": calls.filter(opens_at__lte=now, closes_at__gt=soon),
        "planned": calls.filter(opens_at__gt=now).order_by("opens_at", "pk"),
        "closed": calls.filter(closes_at__lte=now).order_by("-closes_at", "-pk"),
    }
    if status == CallStatus.OPEN:
        # "Open" chosen as a filter: every open call, deadline first.
        keys = {"open": calls.filter(opens_at__lte=now, closes_at__gt=now)}
    elif status in (CallStatus.PLANNED, CallStatus.CLOSED):
        keys = {status: querysets[status]}
    else:
        keys = None
    if keys is not None:
        key, queryset = next(iter(keys.items()))
        page_of_calls = counted_page(_listed(queryset), CALLS_PER_PAGE, page)
        return [
            ListingSection(
                key=key,
                calls=list(page_of_calls),
                total=page_of_calls.paginator.count,
                page=page_of_calls,
            )
        ]
    totals = calls.aggregate(
        closing_soon=Count(
            "pk", filter=Q(opens_at__lte=now, closes_at__gt=now, closes_at__lte=soon)
        ),
        open=Count("pk", filter=Q(opens_at__lte=now, closes_at__gt=soon)),
        planned=Count("pk", filter=Q(opens_at__gt=now)),
        closed=Count("pk", filter=Q(closes_at__lte=now)),
    )
    sections = []
    for key, queryset in querysets.items():
        found = list(_listed(queryset)[: SECTION_LIMITS[key]]) if totals[key] else []
        sections.append(ListingSection(key=key, calls=found, total=totals[key]))
    return sections


def status_changes(*, now: datetime) -> Moments:
    """When a call next opens, closes or starts closing soon: until then the listing's
    sections stay as they are."""
    soon_starts = ExpressionWrapper(F("closes_at") - CLOSING_SOON, output_field=DateTimeField())
    return Moments(
        Call.objects.all(),
        (
            Min("opens_at", filter=Q(opens_at__gt=now)),
            Min("closes_at", filter=Q(closes_at__gt=now)),
            Min(soon_starts, filter=Q(closes_at__gt=now + CLOSING_SOON)),
        ),
    )


def next_status_change(*, now: datetime | None = None) -> datetime | None:
    """The next moment any call opens, closes or starts closing soon."""
    return status_changes(now=now or timezone.now()).earliest()


def call_for_page(*, programme_slug: str, slug: str) -> Call | None:
    return (
        Call.objects.with_status()
        .select_related("programme")
        .prefetch_related("themes", "documents__document")
        .filter(programme__slug=programme_slug, slug=slug)
        .first()
    )


def call_for_edit(*, programme_slug: str, slug: str) -> Call | None:
    return (
        Call.objects.select_related("programme")
        .prefetch_related("themes", "documents__document")
        .filter(programme__slug=programme_slug, slug=slug)
        .first()
    )


# Feeds and the deadline calendar -----------------------------------------------------------


def feed_calls(*, filters: dict, now=None) -> list[Call]:
    """The newest calls the filters select, latest published first."""
    calls = filtered_calls(filters=filters, now=now)
    return list(_listed(calls).order_by("-created_at", "-pk")[:FEED_LIMIT])


def calendar_calls(*, filters: dict, now=None) -> list[Call]:
    """Calls whose deadline is still to come, or passed in the last 90 days (a calendar keeps
    what happened recently), soonest deadline first."""
    now = now or timezone.now()
    calls = filtered_calls(filters=filters, now=now).filter(closes_at__gt=now - timedelta(days=90))
    return list(_listed(calls).order_by("closes_at", "pk")[:CALENDAR_LIMIT])


# Sections of other pages -------------------------------------------------------------------


def programme_calls(*, programme, now=None) -> QuerySet:
    """A programme's open and planned calls: deadline first, then what opens next."""
    now = now or timezone.now()
    calls = Call.objects.with_status(now).filter(programme=programme).open_or_planned(now)
    return _listed(calls).order_by("opens_at", "closes_at")[:SECTION_CALLS]


def calls_closing_soon(*, now=None, limit: int = SECTION_CALLS) -> QuerySet:
    now = now or timezone.now()
    calls = Call.objects.with_status(now).closing_soon(now).order_by("closes_at", "pk")
    return _listed(calls)[:limit]


def calls_of_programmes(*, programmes, now=None, limit: int = SECTION_CALLS) -> list[Call]:
    """Open and planned calls of `programmes` (those covering a visitor's place)."""
    now = now or timezone.now()
    ids = [programme.pk for programme in programmes]
    calls = (
        Call.objects.with_status(now)
        .filter(programme_id__in=ids)
        .open_or_planned(now)
        .order_by("opens_at", "closes_at", "pk")
    )
    return list(_listed(calls)[:limit])


# Alerts ------------------------------------------------------------------------------------


def calls_opened_between(since: datetime, until: datetime) -> QuerySet:
    return _listed(Call.objects.filter(opens_at__gt=since, opens_at__lte=until))


ALERT_BEFORE_CLOSING = timedelta(days=7)


def calls_closing_alert_between(since: datetime, until: datetime) -> QuerySet:
    """Calls whose last week began in (since, until]: their deadline is a week away."""
    return _listed(
        Call.objects.filter(
            closes_at__gt=since + ALERT_BEFORE_CLOSING,
            closes_at__lte=until + ALERT_BEFORE_CLOSING,
        )
    )


def call_history(call: Call, limit: int = 20):
    """Who changed the call and when, newest first (Wagtail's log of model changes)."""
    return list(
        ModelLogEntry.objects.for_instance(call)
        .select_related("user")
        .order_by("-timestamp")[:limit]
    )
