"""The in-process benchmark's plumbing (bench/): its verdicts on the targets, its page list and
the bulk course writer. Nothing here is timed; the benchmark itself measures."""

import pytest
from django.test import Client
from wagtail.models import Page

from academy.models import AcademyLandingPage, CoursePage
from bench.families import (
    ANONYMOUS_CACHED,
    ANONYMOUS_PAGE_MISS,
    ANONYMOUS_UNCACHED,
    MissingDemoData,
    Row,
    page_rows,
)
from bench.measure import measure_row
from bench.pages import broken_targets, table
from bench.scale import scale_courses


def result(*, queries=5, cpu_ms=10.0, status=200, **extra):
    return {
        "family": "anonymous, uncached",
        "label": "home",
        "path": "/",
        "persona": None,
        "cpu_ms": cpu_ms,
        "wall_ms": cpu_ms,
        "queries": queries,
        "status": status,
        "bytes": 2048,
        **extra,
    }


def test_a_page_within_every_target_breaks_none():
    assert broken_targets(result(), result(cpu_ms=19.9)) == []


def test_each_target_is_flagged():
    assert broken_targets(result(queries=11), None) == ["11 queries at demo"]
    assert broken_targets(result(), result(queries=6)) == ["queries 5 → 6"]
    assert broken_targets(result(), result(cpu_ms=25.0)) == ["CPU x2.5"]
    assert broken_targets(result(), result(status=500)) == ["answers 500 at 100x"]
    crashed = {"family": "anonymous, uncached", "label": "home", "error": "OperationalError: x"}
    assert broken_targets(result(), crashed) == ["crashes at 100x: OperationalError: x"]


def test_the_table_puts_both_sizes_of_a_page_on_one_row():
    lines = table([result()], [result(queries=12, cpu_ms=30.0)]).splitlines()
    assert len(lines) == 3
    assert lines[2] == (
        "| anonymous, uncached | home `/` | 10.0 | 10.0 | 5 | 2.0 KiB | 30.0 | 30.0 | 12 | "
        "2.0 KiB | 12 queries at 100x; queries 5 → 12; CPU x3.0 |"
    )


@pytest.mark.django_db
def test_the_page_list_asks_for_the_demo_data_it_needs():
    with pytest.raises(MissingDemoData, match="seed_demo"):
        page_rows()


@pytest.mark.django_db
def test_courses_written_in_bulk_are_valid_pages_of_the_catalogue():
    catalogue = AcademyLandingPage.objects.get()
    assert scale_courses(3) == 3
    assert scale_courses(3) == 0  # topped up already
    courses = CoursePage.objects.child_of(catalogue).live()
    assert courses.count() == 3
    assert Page.find_problems() == ([], [], [], [], [])
    catalogue.refresh_from_db()
    assert catalogue.numchild == 3
    assert Client().get(courses.last().url).status_code == 200


@pytest.mark.django_db
def test_the_page_cache_miss_row_renders_the_page_with_what_other_pages_keep(home):
    def queries(family):
        return measure_row(Row(family, "home", "/"), runs=1, warmups=1)["queries"]

    uncached, page_miss, cached = (
        queries(ANONYMOUS_UNCACHED),
        queries(ANONYMOUS_PAGE_MISS),
        queries(ANONYMOUS_CACHED),
    )
    # Rendered (the copy was dropped), but without looking up the site, header and footer.
    assert cached == 0
    assert 0 < page_miss < uncached
