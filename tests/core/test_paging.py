"""A page of a list reads its rows and the number of matches in one query, and pages the same
as Django's paginator, past the end and with bad page numbers too."""

import pytest
from django.core.paginator import Paginator

from portal.accounts.models import Programme
from portal.core.paging import counted_page, first_rows_and_count
from tests.factories import ProgrammeFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _described(page):
    return (
        [programme.pk for programme in page.object_list],
        page.number,
        page.paginator.count,
        page.paginator.num_pages,
        page.has_next(),
        page.has_previous(),
        page.start_index(),
        page.end_index(),
    )


@pytest.fixture
def programmes():
    ProgrammeFactory.create_batch(25)
    return Programme.objects.order_by("name", "pk")


@pytest.mark.parametrize("number", [1, 2, 3, "2", "3"])
def test_a_page_and_its_count_take_one_query(programmes, number):
    queries, page = count_queries(lambda: _described(counted_page(programmes, 10, number)))
    assert queries == 1
    assert page == _described(Paginator(programmes, 10).get_page(number))


@pytest.mark.parametrize("number", [4, 99, 0, -1, "many", None, "2.5"])
def test_a_page_past_the_end_or_not_a_page_is_paged_as_django_pages_it(programmes, number):
    assert _described(counted_page(programmes, 10, number)) == _described(
        Paginator(programmes, 10).get_page(number)
    )


def test_no_match_is_one_empty_page(db):
    page = counted_page(Programme.objects.order_by("pk"), 10, 1)
    assert _described(page) == ([], 1, 0, 1, False, False, 0, 0)


def test_distinct_rows_are_counted_apart(programmes):
    # A window is taken before DISTINCT: it would count the rows the join repeats.
    distinct = programmes.filter(name__isnull=False).distinct()
    queries, page = count_queries(lambda: _described(counted_page(distinct, 10, 2)))
    assert queries == 2
    assert page == _described(Paginator(distinct, 10).get_page(2))


def test_the_first_rows_and_their_count_take_one_query(programmes):
    queries, (first, count) = count_queries(lambda: first_rows_and_count(programmes, 4))
    assert queries == 1
    assert ([programme.pk for programme in first], count) == (
        list(programmes.values_list("pk", flat=True)[:4]),
        25,
    )


def test_no_first_row_counts_none(db):
    assert count_queries(lambda: first_rows_and_count(Programme.objects.all(), 4)) == (1, ([], 0))


def test_the_first_distinct_rows_are_counted_apart(programmes):
    distinct = programmes.distinct()
    queries, (first, count) = count_queries(lambda: first_rows_and_count(distinct, 4))
    assert queries == 2
    assert (len(first), count) == (4, 25)


def test_a_page_past_the_end_is_counted_then_read_as_the_last_page(programmes):
    # Its window finds no row to carry the count: a stale link costs two queries more.
    queries, page = count_queries(lambda: _described(counted_page(programmes, 10, 7)))
    assert queries == 3
    assert page[1:4] == (3, 25, 3)
