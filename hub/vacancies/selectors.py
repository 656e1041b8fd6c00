"""Reads of vacancies, shaped for the listing, the feeds, the sections and saved searches.

"Open" is asked of the clock at the moment of the request (`Vacancy.open_at`), so a vacancy
leaves every list exactly when applications close, with nothing scheduled to remove it.
"""

from datetime import datetime, timedelta

from django.db.models import Min, QuerySet
from django.utils import timezone

from portal.accounts.models import Programme
from portal.core.moments import Moments
from portal.core.paging import counted_page

from .models import Vacancy

VACANCIES_PER_PAGE = 20
FEED_ITEMS = 50
SECTION_ITEMS = 4
# Watchers of a saved search are told this long before a matching vacancy closes.
CLOSING_NOTICE = timedelta(days=7)

SORT_NEWEST = "newest"
SORT_CLOSING = "closing"
ORDERINGS = {
    SORT_NEWEST: ("-published_at", "-pk"),
    SORT_CLOSING: ("closes_at", "pk"),
}


def programme_choices() -> list[tuple[str, str]]:
    """Every programme, by name: a saved search keeps its programme whether or not it has a
    vacancy open today."""
    return list(Programme.objects.order_by("name").values_list("slug", "name"))


def vacancies_matching(*, filters: dict) -> QuerySet:
    """Vacancies, open or not, that the listing's filters select (see VacancyFilterForm)."""
    vacancies = Vacancy.objects.all()
    if filters.get("country"):
        vacancies = vacancies.filter(Vacancy.in_country(filters["country"]))
    if filters.get("programme"):
        vacancies = vacancies.filter(programme__slug=filters["programme"])
    if filters.get("contract"):
        vacancies = vacancies.filter(contract_type=filters["contract"])
    if filters.get("remote"):
        vacancies = vacancies.exclude(workplace=Vacancy.Workplace.ON_SITE)
    return vacancies


def open_vacancies(*, filters: dict, now: datetime | None = None) -> QuerySet:
    """Vacancies taking applications now that match `filters`, in the order asked for."""
    ordering = ORDERINGS.get(filters.get("sort") or SORT_NEWEST, ORDERINGS[SORT_NEWEST])
    return (
        vacancies_matching(filters=filters)
        .filter(Vacancy.open_at(now or timezone.now()))
        .order_by(*ordering)
    )


def closings(*, now: datetime) -> Moments:
    """When a vacancy next closes: until then every list of open vacancies, and every
    vacancy's page, stays as it is."""
    return Moments(Vacancy.objects.filter(Vacancy.open_at(now)), (Min("closes_at"),))


def next_closing(*, now: datetime | None = None) -> datetime | None:
    return closings(now=now or timezone.now()).earliest()


def _for_lists(vacancies: QuerySet) -> QuerySet:
    return vacancies.select_related("programme")


def vacancy_list_page(vacancies: QuerySet, *, page: int = 1):
    return counted_page(_for_lists(vacancies), VACANCIES_PER_PAGE, page)


def feed_items(vacancies: QuerySet) -> list[Vacancy]:
    return list(_for_lists(vacancies)[:FEED_ITEMS])


def vacancy_for_page(pk: int) -> Vacancy | None:
    return (
        Vacancy.objects.select_related("programme").prefetch_related("themes").filter(pk=pk).first()
    )


def newest_open(*, limit: int = SECTION_ITEMS, programme: Programme | None = None) -> QuerySet:
    vacancies = open_vacancies(filters={"sort": SORT_NEWEST})
    if programme is not None:
        vacancies = vacancies.filter(programme=programme)
    return _for_lists(vacancies)[:limit]


def published_between(since: datetime, until: datetime) -> QuerySet:
    """Vacancies published in (since, until] and still open then."""
    return Vacancy.objects.filter(
        published_at__gt=since, published_at__lte=until, closes_at__gt=until
    ).select_related("programme")


def closing_notice_between(since: datetime, until: datetime) -> QuerySet:
    """Vacancies whose closing, less the notice, fell in (since, until]: they close within a
    week of `until`."""
    return Vacancy.objects.filter(
        closes_at__gt=since + CLOSING_NOTICE, closes_at__lte=until + CLOSING_NOTICE
    ).select_related("programme")


def editable_by(programme_ids: set[int] | None) -> QuerySet:
    """Vacancies of the programmes someone publishes for (None: all of them), newest first."""
    vacancies = _for_lists(Vacancy.objects.all())
    return vacancies if programme_ids is None else vacancies.filter(programme_id__in=programme_ids)
