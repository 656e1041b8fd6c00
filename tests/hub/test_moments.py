"""When the hub's sections next change by the clock, read for every section of a page in one
query, and the same as each source read on its own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.calls import selectors as calls
from hub.sections import home_sections_change_at, programme_sections_change_at
from hub.vacancies import selectors as vacancies
from portal.core.cache import content_changed, kept_moments
from portal.core.moments import earliest_of
from tests.factories.users import ProgrammeFactory
from tests.factories.vacancies import make_vacancy
from tests.helpers import count_queries
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def dated(now):
    programme = ProgrammeFactory()
    CallFactory(programme=programme, opens_at=now + 3 * DAY, closes_at=now + 40 * DAY)
    CallFactory(programme=programme, opens_at=now - 9 * DAY, closes_at=now + 20 * DAY)
    make_vacancy(programme, closes_at=now + 5 * DAY)
    make_vacancy(programme, closes_at=now + 2 * DAY)
    make_vacancy(programme, closes_at=now - 1 * DAY)  # closed: not due
    return programme


def test_every_source_s_moment_in_one_query_equals_it_read_alone(dated, now):
    sources = [calls.status_changes(now=now), vacancies.closings(now=now), None, now + DAY]
    alone = [calls.next_status_change(now=now), vacancies.next_closing(now=now), None, now + DAY]
    assert alone[:2] == [now + 3 * DAY, now + 2 * DAY]
    assert count_queries(earliest_of, sources) == (1, alone)


def test_a_source_with_nothing_due_is_none(db, now):
    assert earliest_of([calls.status_changes(now=now), vacancies.closings(now=now)]) == [None, None]


def test_kept_moments_ask_nothing_until_a_moment_passes(dated, now):
    wanted = [(("test", "calls"), lambda at: calls.status_changes(now=at))]
    wanted.append((("test", "vacancies"), lambda at: vacancies.closings(now=at)))
    content_changed()
    assert count_queries(kept_moments, wanted, now) == (1, [now + 3 * DAY, now + 2 * DAY])
    assert count_queries(kept_moments, wanted, now + DAY) == (0, [now + 3 * DAY, now + 2 * DAY])
    # The vacancy's closing has passed: it alone is read again, the call's is still kept.
    later = now + 2 * DAY + timedelta(seconds=1)
    assert count_queries(kept_moments, wanted, later) == (1, [now + 3 * DAY, now + 5 * DAY])


def test_a_page_reads_all_its_sections_moments_in_one_query(dated, now):
    content_changed()
    assert count_queries(home_sections_change_at, now) == (1, now + 2 * DAY)
    content_changed()
    queries, moment = count_queries(programme_sections_change_at, now)
    assert (queries, moment) == (1, now + 2 * DAY)
