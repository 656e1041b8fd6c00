"""Reads shaped for Cooperation Day pages, feeds and admin screens. Query counts do not grow
with the number of events."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ACos, Cast, Cos, Least, Radians, Sin
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from taggit.models import Tag
from wagtail.images import get_image_model

from portal.accounts.models import Programme
from portal.core.cache import cached_value
from portal.core.capacity import ACTIVE_STATUSES, PlaceStatus
from portal.core.images import with_renditions
from portal.core.page_languages import originals
from portal.core.paging import counted_page, first_rows_counted

from . import access
from .models import (
    CooperationDayEditionPage,
    Event,
    EventAttendee,
    EventPhoto,
    EventTag,
    EventTransition,
)

EVENTS_PER_PAGE = 24
QUEUE_PER_PAGE = 50
CARD_IMAGE = "fill-480x270"
DETAIL_IMAGE = "width-960"
PHOTO_IMAGE = "fill-400x300"
EARTH_RADIUS_KM = 6371.0
# "The day" runs midnight to midnight in Brussels; events far west or east are judged by it.
CAMPAIGN_ZONE = ZoneInfo("Europe/Brussels")

Status = Event.Status


# Editions ----------------------------------------------------------------------------------


def current_edition() -> CooperationDayEditionPage | None:
    return current_edition_query().first()


def current_edition_query() -> QuerySet:
    """The current edition (the newest live one) as a queryset of at most one, unread."""
    return originals(CooperationDayEditionPage.objects.live()).order_by("-year")[:1]


def live_editions() -> list[CooperationDayEditionPage]:
    """Every live edition, newest first (the current one), each with its number of published
    events: the front page's edition and archive in one query."""
    return list(
        originals(CooperationDayEditionPage.objects.live())
        .order_by("-year")
        .annotate(published_count=Count("events", filter=Q(events__status=Status.PUBLISHED)))
    )


def edition_timeline(edition) -> list[dict]:
    today = timezone.localdate()
    steps = [
        ("kick_off", edition.kick_off),
        ("registration_opens", edition.registration_opens),
        ("registration_closes", edition.registration_closes),
        ("day", edition.day),
    ]
    return [
        {
            "name": name,
            "label": CooperationDayEditionPage._meta.get_field(name).verbose_name,
            "date": moment,
            "past": moment < today,
        }
        for name, moment in steps
        if moment
    ]


# Public events -----------------------------------------------------------------------------


def filter_choices(edition) -> dict:
    """Countries, themes and programmes that published events of `edition` actually have: read
    once per language until the next change to published content, for the map's pages and
    every feed address built meanwhile (three queries over all the edition's events)."""
    return cached_value(
        ("cooperation-day-filter-choices", edition.pk, get_language()),
        lambda: _read_filter_choices(edition),
        settings.PAGE_CACHE_SECONDS,
    )


def _read_filter_choices(edition) -> dict:
    published = Event.objects.filter(edition=edition, status=Status.PUBLISHED)
    codes = set()
    # Without the events' own order, which DISTINCT would otherwise take in: a row per country
    # combination, not per combination and start.
    for stored in published.order_by().values_list("countries", flat=True).distinct():
        codes.update(code for code in stored.split(",") if code)
    names = dict(all_countries)
    themes = (
        Tag.objects.filter(cooperation_day_eventtag_items__content_object__in=published)
        .values_list("slug", "name")
        .distinct()
        .order_by("name")
    )
    programmes = (
        Programme.objects.filter(cooperation_day_events__in=published)
        .values_list("slug", "name")
        .distinct()
        .order_by("name")
    )
    return {
        "country_choices": sorted(
            ((code, str(names.get(code, code))) for code in codes), key=lambda item: item[1]
        ),
        "theme_choices": list(themes),
        "programme_choices": list(programmes),
    }


def _day_bounds(edition) -> tuple[datetime, datetime]:
    start = datetime.combine(edition.day, time.min, tzinfo=CAMPAIGN_ZONE)
    return start, start + timedelta(days=1)


def _distance_km(latitude_field: str, longitude_field: str, latitude, longitude):
    here_lat, here_lng = Radians(Value(float(latitude))), Radians(Value(float(longitude)))
    there_lat = Radians(Cast(latitude_field, FloatField()))
    there_lng = Radians(Cast(longitude_field, FloatField()))
    cosine = Cos(here_lat) * Cos(there_lat) * Cos(there_lng - here_lng) + Sin(here_lat) * Sin(
        there_lat
    )
    return Value(EARTH_RADIUS_KM) * ACos(Least(Value(1.0), cosine))


def published_events(*, edition, filters: dict):
    """Published events of `edition` matching the map's filters (see EventFilterForm)."""
    events = Event.objects.filter(edition=edition, status=Status.PUBLISHED)
    if filters.get("country"):
        events = events.filter(Event.in_any_country(filters["country"]))
    if filters.get("cross_border"):
        events = events.filter(Event.across_borders())
    when = filters.get("when")
    if when:
        day_start, day_end = _day_bounds(edition)
        events = events.filter(
            {
                "before": Q(starts_at__lt=day_start) & ~Q(ends_at__gt=day_start),
                "on": Q(starts_at__lt=day_end, ends_at__gt=day_start),
                "after": Q(starts_at__gte=day_end),
            }[when]
        )
    if filters.get("type"):
        events = events.filter(event_type=filters["type"])
    if filters.get("format"):
        events = events.filter(format=filters["format"])
    if filters.get("theme"):
        events = events.filter(themes__slug=filters["theme"])
    if filters.get("programme"):
        events = events.filter(programme__slug=filters["programme"])
    if filters.get("strand"):
        events = events.filter(programme__strand=filters["strand"])
    if filters.get("language"):
        # Stored as a JSON list; the quoted value matches one whole item on every database.
        events = events.filter(languages__icontains=f'"{filters["language"]}"')
    if filters.get("lat") is not None and filters.get("lng") is not None:
        events = _near(events, filters["lat"], filters["lng"], filters.get("radius") or 50)
    else:
        events = events.order_by("starts_at", "pk")
    return events.distinct() if filters.get("theme") else events


def _near(events, latitude, longitude, radius_km):
    first = _distance_km("latitude", "longitude", latitude, longitude)
    second = _distance_km("second_latitude", "second_longitude", latitude, longitude)
    # PostgreSQL's LEAST skips NULLs (SQLite's does not), so the second place only counts
    # where there is one.
    either = Least(first, Case(When(second_latitude__isnull=False, then=second), default=first))
    return (
        events.filter(latitude__isnull=False)
        .annotate(distance_km=either)
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "starts_at", "pk")
    )


def event_list_page(events, *, page=1):
    events = with_renditions(events.select_related("programme"), "image", CARD_IMAGE)
    return counted_page(events, EVENTS_PER_PAGE, page)


def upcoming_events_of_programme(*, programme, limit: int) -> QuerySet:
    """The first `limit` published events of `programme` that have not ended, soonest first,
    each carrying how many there are in all (`portal.core.paging.rows_and_count`), unread."""
    events = Event.objects.filter(
        programme=programme, status=Status.PUBLISHED, ends_at__gt=timezone.now()
    )
    return first_rows_counted(
        events.select_related("programme", "edition").order_by("starts_at", "pk"), limit
    )


def event_for_page(public_id: str):
    return (
        Event.objects.select_related("programme", "edition", "image", "project")
        .prefetch_related(
            "themes",
            Prefetch(
                "photos",
                queryset=EventPhoto.objects.select_related("image").prefetch_related(
                    Prefetch(
                        "image",
                        queryset=get_image_model().objects.prefetch_renditions(PHOTO_IMAGE),
                    )
                ),
            ),
        )
        .filter(public_id=public_id)
        .first()
    )


def sign_up_state(*, event_id: int, capacity: int | None, email: str = "") -> dict:
    """An event's places left as of now (None without a limit) and, for `email`, the status
    of its place there ("" when it holds none), in one query."""
    attendees = EventAttendee.objects.filter(event_id=event_id)
    counts = {"taken": Count("pk", filter=Q(status=PlaceStatus.CONFIRMED))}
    if email:
        # One active place per address and event (a constraint): its status, if any.
        counts["mine"] = Max("status", filter=Q(email__iexact=email, status__in=ACTIVE_STATUSES))
    found = attendees.aggregate(**counts)
    return {
        "places_left": max(capacity - found["taken"], 0) if capacity else None,
        "my_place": found.get("mine") or "",
    }


# Organisers --------------------------------------------------------------------------------


def my_events(*, user, page_number=1):
    """A page of the organiser's events, newest edition first: an organiser registering for
    every edition keeps a page that costs the same."""
    last_message = EventTransition.objects.filter(event=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    events = (
        Event.objects.filter(organiser=user)
        .select_related("edition", "programme")
        .annotate(
            confirmed_count=Count(
                "attendees", filter=Q(attendees__status=PlaceStatus.CONFIRMED), distinct=True
            ),
            waitlisted_count=Count(
                "attendees", filter=Q(attendees__status=PlaceStatus.WAITLISTED), distinct=True
            ),
            last_reason=Subquery(last_message.values("reason")[:1]),
            last_message=Subquery(last_message.values("message")[:1]),
        )
        .order_by("-edition__year", F("starts_at").asc(nulls_last=True), "pk")
    )
    return Paginator(events, EVENTS_PER_PAGE).get_page(page_number)


def my_events_changes_at(events, edition, *, now):
    """The next moment after `now` at which `my_events`'s page would show otherwise by the
    clock alone: an event ending (its report is asked for), the current edition's registration
    opening or closing (at midnight, in the portal's time zone); None when none is due."""
    moments = [event.ends_at for event in events if event.ends_at is not None]
    if edition is not None:
        zone = timezone.get_current_timezone()
        for day in (edition.registration_opens, edition.registration_closes + timedelta(days=1)):
            moments.append(datetime.combine(day, time.min, tzinfo=zone))
    return min((moment for moment in moments if moment > now), default=None)


def attendees_for(event):
    return EventAttendee.objects.filter(event=event).order_by("status", "created_at", "pk")


# Moderation --------------------------------------------------------------------------------


QUEUE_STATES = {
    "review": Q(status=Status.SUBMITTED) | Q(pending_status=Status.SUBMITTED),
    "changes": Q(status=Status.PUBLISHED, pending_status=Status.SUBMITTED),
    "changes_requested": Q(status=Status.CHANGES_REQUESTED)
    | Q(pending_status=Status.CHANGES_REQUESTED),
    "published": Q(status=Status.PUBLISHED),
    "rejected": Q(status=Status.REJECTED),
    "draft": Q(status=Status.DRAFT),
    "all": Q(),
}


def moderation_queue(*, user, filters: dict, page=1):
    scope = access.moderation_scope(user)
    if scope is None:
        return Paginator(Event.objects.none(), QUEUE_PER_PAGE).get_page(1)
    events = Event.objects.filter(scope).filter(QUEUE_STATES[filters.get("state") or "review"])
    if filters.get("edition"):
        events = events.filter(edition__year=filters["edition"])
    if filters.get("country"):
        events = events.filter(Event.in_any_country(filters["country"]))
    if filters.get("programme"):
        events = events.filter(programme_id=filters["programme"])
    if filters.get("q"):
        events = events.filter(
            Q(title__icontains=filters["q"]) | Q(organiser_organisation__icontains=filters["q"])
        )
    events = events.select_related("programme", "organiser", "edition").order_by(
        F("submitted_at").asc(nulls_last=True), "pk"
    )
    return Paginator(events, QUEUE_PER_PAGE).get_page(page)


def event_transitions(event):
    return event.transitions.select_related("actor").order_by("created_at", "pk")


# Campaign dashboard ------------------------------------------------------------------------


@dataclass
class Tally:
    label: str
    events: int = 0
    expected: int = 0
    actual: int = 0
    by_status: Counter = field(default_factory=Counter)

    @property
    def published(self) -> int:
        return self.by_status[Status.PUBLISHED]


def campaign_dashboard(edition) -> dict:
    """Events of an edition by country, programme, strand, type and status, participants
    expected and reported, and events per day; from a single read of the events."""
    rows = Event.objects.filter(edition=edition).values_list(
        "countries",
        "programme__name",
        "programme__strand",
        "event_type",
        "status",
        "expected_participants",
        "actual_participants",
        "starts_at",
        "time_zone",
    )
    country_names = dict(all_countries)
    strands = dict(Programme.Strand.choices)
    types = dict(Event.Type.choices)
    groups = {name: {} for name in ("country", "programme", "strand", "type")}
    totals = Tally(label="")
    per_day = Counter()

    def count(group, key, label, status, expected, actual):
        tally = groups[group].setdefault(key, Tally(label=str(label)))
        tally.events += 1
        tally.by_status[status] += 1
        tally.expected += expected
        tally.actual += actual or 0

    for countries, programme, strand, kind, status, expected, actual, starts, zone in rows:
        totals.events += 1
        totals.by_status[status] += 1
        totals.expected += expected
        totals.actual += actual or 0
        for code in filter(None, countries.split(",")):
            count("country", code, country_names.get(code, code), status, expected, actual)
        count("programme", programme or "", programme or "—", status, expected, actual)
        count("strand", strand or "", strands.get(strand, "—"), status, expected, actual)
        count("type", kind or "", types.get(kind, "—"), status, expected, actual)
        if starts and status == Status.PUBLISHED:
            per_day[timezone.localtime(starts, ZoneInfo(zone)).date()] += 1
    busiest = max(per_day.values(), default=0)
    return {
        "totals": totals,
        "statuses": [(label, totals.by_status[value]) for value, label in Status.choices],
        "groups": [
            (title, sorted(groups[key].values(), key=lambda tally: (-tally.events, tally.label)))
            for key, title in (
                ("country", _("By country")),
                ("programme", _("By programme")),
                ("strand", _("By strand")),
                ("type", _("By type of event")),
            )
        ],
        "days": [
            {"date": day, "events": number, "percent": round(100 * number / busiest)}
            for day, number in sorted(per_day.items())
        ],
    }


def events_for_export(edition):
    return (
        Event.objects.filter(edition=edition)
        .select_related("programme", "organiser")
        .prefetch_related(Prefetch("tagged_items", queryset=EventTag.objects.select_related("tag")))
        .order_by("starts_at", "pk")
    )


def events_awaiting_review(*, user) -> int | None:
    """How many events in `user`'s moderation scope wait for a decision; None for people who
    moderate none. Two queries at most, whatever the number of events."""
    scope = access.moderation_scope(user)
    if scope is None:
        return None
    return Event.objects.filter(scope).filter(QUEUE_STATES["review"]).count()
