"""A page of a list and the number of its matches, in one query (`counted_page`; for the first
few rows alone, `first_rows_and_count`).

Django's paginator counts the matches (`SELECT COUNT(*)`) before it reads the page. Here the
page's rows carry the count instead, as a window over every match taken before the slice, so a
listing asks one query where it asked two. A page past the end (or of no matches) has no row to
carry the count: only then is it counted apart, and the last page read as Django does.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

_MATCHES = "_matches_in_all"


class CountedPaginator(Paginator):
    def get_page(self, number) -> Page:
        asked = number
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 0
        queryset = self.object_list
        if number < 1 or self.orphans or not counts_with_its_rows(queryset):
            return super().get_page(asked)  # not a page's number: as Django answers it
        start = (number - 1) * self.per_page
        rows = _counted_rows(queryset, start, self.per_page)
        if not rows:
            return super().get_page(number)
        self.__dict__["count"] = getattr(rows[0], _MATCHES)  # what `count` would have asked
        return self._get_page(rows, number, self)


def _counted_rows(queryset, start: int, length: int) -> list:
    return list(queryset.annotate(**{_MATCHES: Window(Count("pk"))})[start : start + length])


def counts_with_its_rows(queryset) -> bool:
    """Whether a window over `queryset`'s rows counts its matches: not once rows are made
    distinct (the window is taken before), nor for a combined or already sliced query."""
    if not isinstance(queryset, QuerySet):
        return False
    query = queryset.query
    return not (query.distinct or query.combinator or query.is_sliced or query.values_select)


def counted_page(object_list, per_page: int, number) -> Page:
    """Page `number` (the first when it is not a number, the last past the end) of
    `object_list`, its paginator's count read with its rows."""
    return CountedPaginator(object_list, per_page).get_page(number)


def first_rows_and_count(queryset, limit: int) -> tuple[list, int]:
    """The first `limit` rows of `queryset` and the number of all its matches, in one query
    (in two where a window cannot count them: distinct rows)."""
    if not counts_with_its_rows(queryset):
        return list(queryset[:limit]), queryset.count()
    return rows_and_count(list(first_rows_counted(queryset, limit)), limit)


def first_rows_counted(queryset: QuerySet, limit: int) -> QuerySet:
    """The first `limit` rows of `queryset`, each carrying the number of all its matches, unread
    (to read with others, `portal.core.together`): `rows_and_count` splits what it gives. Only
    for a queryset whose matches a window counts (`counts_with_its_rows`)."""
    if not counts_with_its_rows(queryset):
        raise ValueError("A window cannot count the matches of distinct or combined rows.")
    return queryset.annotate(**{_MATCHES: Window(Count("pk"))})[: max(limit, 1)]


def rows_and_count(rows: list, limit: int) -> tuple[list, int]:
    """The rows `first_rows_counted` read, and the number of all matches they carry."""
    return rows[:limit], (getattr(rows[0], _MATCHES) if rows else 0)
